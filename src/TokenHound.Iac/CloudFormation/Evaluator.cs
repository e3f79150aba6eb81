using System.Text;
using TokenHound.Iac.Model;

namespace TokenHound.Iac.CloudFormation;

/// <summary>
/// One possible static value of a node. <see cref="Text"/> is null when the value cannot be known statically (a resource
/// attribute, a parameter without default, an import ...): rules never treat an unknown as a match or as a pass.
/// <see cref="Conditional"/> is true when the value holds only on some deployments (one branch of an unresolved Fn::If,
/// a parameter's default or allowed value that a deployer can override). <see cref="Via"/> says how it was derived.
/// </summary>
public readonly record struct Val(string? Text, bool Conditional = false, string? Via = null)
{
    public bool Known => Text is not null;
}

/// <summary>Static evaluation of CloudFormation intrinsics (Ref to parameters, Sub, Join, If, Select, FindInMap, Base64 ...).</summary>
public sealed class Evaluator(CfnTemplate template, List<(int Line, string Message)> warnings)
{
    private const int MaxValues = 16;
    private const int MaxDepth = 64;

    private static readonly Dictionary<string, string> KnownPseudo = new(StringComparer.Ordinal)
    {
        ["AWS::Partition"] = "aws",
        ["AWS::URLSuffix"] = "amazonaws.com",
    };

    private readonly HashSet<string> _warnedConditions = new(StringComparer.Ordinal);

    /// <summary>All possible values of a node (at most 16).</summary>
    public List<Val> Values(TNode? node) => node is null ? [] : Eval(node, 0);

    /// <summary>The value when it is statically known and unconditional, else null.</summary>
    public string? Str(TNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var v = Eval(node, 0);
        return v.Count == 1 && v[0].Known && !v[0].Conditional ? v[0].Text : null;
    }

    /// <summary>The value when known (possibly as a parameter default), else null.</summary>
    public string? StrOrDefault(TNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var v = Eval(node, 0);
        return v.Count == 1 && v[0].Known ? v[0].Text : null;
    }

    /// <summary>
    /// Does some possible value satisfy <paramref name="predicate"/>? Returns the first such value, or null. Unknown values
    /// never match.
    /// </summary>
    public Val? Find(TNode? node, Func<string, bool> predicate)
    {
        foreach (var v in Values(node))
        {
            if (v.Text is { } t && predicate(t))
            {
                return v;
            }
        }

        return null;
    }

    public static bool IsTrue(string s) => s.Equals("true", StringComparison.OrdinalIgnoreCase);

    public static bool IsFalse(string s) => s.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the node is a Ref to AWS::NoValue (the property is removed).</summary>
    public static bool IsNoValue(TNode? n) => n is TMap m && m.IntrinsicName == "Ref" && m["Ref"] is TScalar { Value: "AWS::NoValue" };

    private List<Val> Eval(TNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            return [new Val(null)];
        }

        switch (node)
        {
            case TScalar s:
                return s.Tag is not null ? [new Val(null)] : [new Val(s.IsNull ? null : s.Value)];
            case TMap m when m.IntrinsicName is { } fn:
                var arg = m.Entries[0].Value;
                return fn switch
                {
                    "Ref" => EvalRef(arg),
                    "Fn::Sub" => EvalSub(arg, depth),
                    "Fn::Join" => EvalJoin(arg, depth),
                    "Fn::If" => EvalIf(arg, depth),
                    "Fn::Select" => EvalSelect(arg, depth),
                    "Fn::FindInMap" => EvalFindInMap(arg, depth),
                    "Fn::Base64" => Eval(arg, depth + 1),
                    _ => [new Val(null)],
                };
            default:
                return [new Val(null)];
        }
    }

    private List<Val> EvalRef(TNode arg)
    {
        if (arg is not TScalar { } s)
        {
            return [new Val(null)];
        }

        if (KnownPseudo.TryGetValue(s.Value, out var pv))
        {
            return [new Val(pv)];
        }

        if (template.Parameter(s.Value) is { } p)
        {
            var via = $"parameter {s.Value}";
            if (p["Default"] is TScalar d && !d.IsNull)
            {
                return [new Val(d.Value, false, $"default of {via}")];
            }

            if (p["AllowedValues"] is TSeq allowed && allowed.Items.Count > 0)
            {
                return [.. allowed.Items.Take(MaxValues).Select(i => i is TScalar a ? new Val(a.Value, true, $"allowed value of {via}") : new Val(null))];
            }
        }

        return [new Val(null)];
    }

    private List<Val> EvalSub(TNode arg, int depth)
    {
        TScalar? text;
        TMap? vars = null;
        if (arg is TScalar ts)
        {
            text = ts;
        }
        else if (arg is TSeq { Items.Count: >= 1 } seq && seq.Items[0] is TScalar t0)
        {
            text = t0;
            vars = seq.Items.Count > 1 ? seq.Items[1] as TMap : null;
        }
        else
        {
            return [new Val(null)];
        }

        var sb = new StringBuilder();
        var s = text.Value;
        var conditional = false;
        string? via = null;
        var i = 0;
        while (i < s.Length)
        {
            var open = s.IndexOf("${", i, StringComparison.Ordinal);
            if (open < 0)
            {
                sb.Append(s, i, s.Length - i);
                break;
            }

            sb.Append(s, i, open - i);
            var close = s.IndexOf('}', open + 2);
            if (close < 0)
            {
                sb.Append(s, open, s.Length - open);
                break;
            }

            var name = s[(open + 2)..close].Trim();
            if (name.StartsWith('!'))
            {
                sb.Append("${").Append(name[1..]).Append('}');
                i = close + 1;
                continue;
            }

            List<Val> vals;
            if (vars?[name] is { } v)
            {
                vals = Eval(v, depth + 1);
            }
            else if (name.Contains('.'))
            {
                return [new Val(null)];
            }
            else
            {
                vals = EvalRef(new TScalar { Value = name });
            }

            if (vals.Count != 1 || !vals[0].Known)
            {
                return [new Val(null)];
            }

            conditional |= vals[0].Conditional;
            via ??= vals[0].Via;
            sb.Append(vals[0].Text);
            i = close + 1;
        }

        return [new Val(sb.ToString(), conditional, via)];
    }

    private List<Val> EvalJoin(TNode arg, int depth)
    {
        if (arg is not TSeq { Items.Count: 2 } seq || seq.Items[0] is not TScalar delim)
        {
            return [new Val(null)];
        }

        var parts = new List<string>();
        var conditional = false;
        string? via = null;
        IEnumerable<TNode> items;
        if (seq.Items[1] is TSeq list)
        {
            items = list.Items;
        }
        else
        {
            return [new Val(null)];
        }

        foreach (var item in items)
        {
            var v = Eval(item, depth + 1);
            if (v.Count != 1 || !v[0].Known)
            {
                return [new Val(null)];
            }

            conditional |= v[0].Conditional;
            via ??= v[0].Via;
            parts.Add(v[0].Text!);
        }

        return [new Val(string.Join(delim.Value, parts), conditional, via)];
    }

    private List<Val> EvalIf(TNode arg, int depth)
    {
        if (arg is not TSeq { Items.Count: 3 } seq || seq.Items[0] is not TScalar cond)
        {
            return [new Val(null)];
        }

        var c = Condition(cond.Value, 0, []);
        if (c == true)
        {
            return Eval(seq.Items[1], depth + 1);
        }

        if (c == false)
        {
            return Eval(seq.Items[2], depth + 1);
        }

        var result = new List<Val>();
        foreach (var branch in new[] { seq.Items[1], seq.Items[2] })
        {
            if (IsNoValue(branch))
            {
                continue;
            }

            foreach (var v in Eval(branch, depth + 1))
            {
                result.Add(v with { Conditional = true, Via = v.Via ?? $"condition {cond.Value}" });
            }
        }

        return result.Count == 0 ? [new Val(null)] : [.. result.Take(MaxValues)];
    }

    private List<Val> EvalSelect(TNode arg, int depth)
    {
        if (arg is not TSeq { Items.Count: 2 } seq)
        {
            return [new Val(null)];
        }

        var idx = Eval(seq.Items[0], depth + 1);
        if (idx.Count == 1 && idx[0].Text is { } t && int.TryParse(t, out var i) && seq.Items[1] is TSeq list && i >= 0 && i < list.Items.Count)
        {
            return Eval(list.Items[i], depth + 1);
        }

        return [new Val(null)];
    }

    private List<Val> EvalFindInMap(TNode arg, int depth)
    {
        if (arg is not TSeq { Items.Count: >= 3 } seq || template.Mappings is null)
        {
            return [new Val(null)];
        }

        var keys = new string[3];
        for (var k = 0; k < 3; k++)
        {
            var v = Eval(seq.Items[k], depth + 1);
            if (v.Count != 1 || v[0].Text is null)
            {
                return [new Val(null)];
            }

            keys[k] = v[0].Text!;
        }

        return template.Mappings.Path(keys) is { } found ? Eval(found, depth + 1) : [new Val(null)];
    }

    /// <summary>Evaluates a named condition: true, false, or null when it depends on unknown values.</summary>
    public bool? Condition(string name, int depth, HashSet<string> visiting)
    {
        if (template.Conditions?[name] is not { } node)
        {
            return null;
        }

        if (!visiting.Add(name) || depth > MaxDepth)
        {
            lock (_warnedConditions)
            {
                if (_warnedConditions.Add(name))
                {
                    warnings.Add((template.Conditions.KeyOf(name)!.Line, $"circular condition {name}"));
                }
            }

            return null;
        }

        try
        {
            return ConditionExpr(node, depth + 1, visiting);
        }
        finally
        {
            visiting.Remove(name);
        }
    }

    private bool? ConditionExpr(TNode node, int depth, HashSet<string> visiting)
    {
        if (node is not TMap m || m.IntrinsicName is not { } fn)
        {
            if (node is TScalar s)
            {
                return IsTrue(s.Value) ? true : IsFalse(s.Value) ? false : null;
            }

            return null;
        }

        var arg = m.Entries[0].Value;
        switch (fn)
        {
            case "Condition":
                return arg is TScalar c ? Condition(c.Value, depth, visiting) : null;
            case "Fn::Equals" when arg is TSeq { Items.Count: 2 } eq:
                var a = Eval(eq.Items[0], depth);
                var b = Eval(eq.Items[1], depth);
                if (a.Count == 1 && b.Count == 1 && a[0].Text is { } x && b[0].Text is { } y && !a[0].Conditional && !b[0].Conditional)
                {
                    return x == y;
                }

                return null;
            case "Fn::Not" when arg is TSeq { Items.Count: 1 } not:
                return ConditionExpr(not.Items[0], depth + 1, visiting) is { } nr ? !nr : null;
            case "Fn::And" when arg is TSeq and:
            {
                bool? result = true;
                foreach (var i in and.Items)
                {
                    var r = ConditionExpr(i, depth + 1, visiting);
                    if (r == false)
                    {
                        return false;
                    }

                    if (r is null)
                    {
                        result = null;
                    }
                }

                return result;
            }

            case "Fn::Or" when arg is TSeq or:
            {
                bool? result = false;
                foreach (var i in or.Items)
                {
                    var r = ConditionExpr(i, depth + 1, visiting);
                    if (r == true)
                    {
                        return true;
                    }

                    if (r is null)
                    {
                        result = null;
                    }
                }

                return result;
            }

            default:
                return null;
        }
    }

    /// <summary>Logical ids of resources this node refers to (Ref, Fn::GetAtt, ${X} / ${X.Attr} in Fn::Sub, DependsOn).</summary>
    public IEnumerable<string> ReferencedResources(TNode node)
    {
        var stack = new Stack<TNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            switch (n)
            {
                case TMap m:
                    if (m.IntrinsicName is { } fn)
                    {
                        var arg = m.Entries[0].Value;
                        if (fn == "Ref" && arg is TScalar r && template.ById.ContainsKey(r.Value))
                        {
                            yield return r.Value;
                            continue;
                        }

                        if (fn == "Fn::GetAtt" && arg is TSeq { Items.Count: >= 1 } ga && ga.Items[0] is TScalar g)
                        {
                            yield return g.Value;
                            continue;
                        }

                        if (fn == "Fn::Sub")
                        {
                            var text = arg as TScalar ?? (arg as TSeq)?.Items.FirstOrDefault() as TScalar;
                            var vars = (arg as TSeq)?.Items.Skip(1).FirstOrDefault() as TMap;
                            if (text is not null)
                            {
                                foreach (var name in SubVariables(text.Value))
                                {
                                    var id = name.Split('.')[0];
                                    if (vars?[name] is null && template.ById.ContainsKey(id))
                                    {
                                        yield return id;
                                    }
                                }
                            }
                        }
                    }

                    foreach (var e in m.Entries)
                    {
                        if (e.Key.Value == "DependsOn")
                        {
                            if (e.Value is TScalar d)
                            {
                                yield return d.Value;
                            }
                            else if (e.Value is TSeq ds)
                            {
                                foreach (var x in ds.Items.OfType<TScalar>())
                                {
                                    yield return x.Value;
                                }
                            }

                            continue;
                        }

                        stack.Push(e.Value);
                    }

                    break;
                case TSeq s:
                    foreach (var i in s.Items)
                    {
                        stack.Push(i);
                    }

                    break;
            }
        }
    }

    /// <summary>The single resource a value points at (Ref X, GetAtt X.Attr, Sub "...${X}..." with one resource), or null.</summary>
    public string? RefTarget(TNode? node)
    {
        if (node is null)
        {
            return null;
        }

        string? found = null;
        foreach (var r in ReferencedResources(node))
        {
            if (found is not null && found != r)
            {
                return null;
            }

            found = r;
        }

        return found;
    }

    /// <summary>The ${...} variable names in a Fn::Sub string (without ${!literal}s).</summary>
    public static IEnumerable<string> SubVariables(string s)
    {
        var i = 0;
        while (true)
        {
            var open = s.IndexOf("${", i, StringComparison.Ordinal);
            if (open < 0)
            {
                yield break;
            }

            var close = s.IndexOf('}', open + 2);
            if (close < 0)
            {
                yield break;
            }

            var name = s[(open + 2)..close].Trim();
            if (!name.StartsWith('!'))
            {
                yield return name;
            }

            i = close + 1;
        }
    }

    /// <summary>Best-effort display text of a value: literals as they are, intrinsics rendered as ${...} placeholders.</summary>
    public string Render(TNode? node, int depth = 0)
    {
        if (node is null || depth > 16)
        {
            return "";
        }

        switch (node)
        {
            case TScalar s:
                return s.Value;
            case TMap m when m.IntrinsicName is { } fn:
            {
                var arg = m.Entries[0].Value;
                switch (fn)
                {
                    case "Ref":
                        return "${" + Render(arg, depth + 1) + "}";
                    case "Fn::GetAtt" when arg is TSeq ga:
                        return "${" + string.Join('.', ga.Items.Select(i => Render(i, depth + 1))) + "}";
                    case "Fn::Sub":
                        return Render(arg is TSeq seq && seq.Items.Count > 0 ? seq.Items[0] : arg, depth + 1);
                    case "Fn::Join" when arg is TSeq { Items.Count: 2 } j && j.Items[1] is TSeq parts:
                        return string.Join(Render(j.Items[0], depth + 1), parts.Items.Select(p => Render(p, depth + 1)));
                    default:
                        return Str(m) ?? "${" + fn + "}";
                }
            }

            default:
                return "";
        }
    }
}
