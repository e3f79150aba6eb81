using System.Text;
using TokenHound.Iac.Model;

namespace TokenHound.Iac.CloudFormation;

/// <summary>
/// `${name}` placeholders of a Step Functions definition resolved the way CloudFormation does it: first the `Fn::Sub` that
/// wraps a `DefinitionString` (its variable map, parameters, pseudo parameters; `${!x}` stays as `${x}`), then the state
/// machine's `DefinitionSubstitutions`. A value is substituted only when it is static (a literal, a parameter default, a
/// static `!Sub`/`!Join` ...). A placeholder whose value is an intrinsic (`!GetAtt`, `!Ref` of a resource, an import, an
/// unresolved condition) or that has no value at all is unknown: the scalar is returned with the tag `!unknown`, which
/// the definition checks never treat as a match.
/// </summary>
public sealed class DefinitionSubstitution
{
    /// <summary>Tag of a scalar whose value depends on a placeholder that cannot be resolved statically.</summary>
    public const string UnknownTag = "!unknown";

    private readonly Evaluator? _eval;
    private readonly TMap? _substitutions;
    private readonly bool _sub;
    private readonly TMap? _subVars;
    private readonly Func<string, string?>? _resolver;

    /// <summary>Placeholders resolved by a function (null: unknown), e.g. the variables of a Terraform templatefile().</summary>
    public DefinitionSubstitution(Func<string, string?> resolver)
    {
        _resolver = resolver;
    }

    private DefinitionSubstitution(Evaluator? eval, TMap? substitutions, bool sub, TMap? subVars)
    {
        _eval = eval;
        _substitutions = substitutions;
        _sub = sub;
        _subVars = subVars;
    }

    /// <summary>Substitutions of a state machine resource (DefinitionSubstitutions, and for a DefinitionString inside Fn::Sub, the Sub itself).</summary>
    public static DefinitionSubstitution For(CfnTemplate t, CfnResource r, bool insideSub = false, TMap? subVars = null) =>
        new(t.Eval, r["DefinitionSubstitutions"] as TMap, insideSub, subVars);

    /// <summary>No substitutions known (a standalone ASL file): every placeholder is unknown.</summary>
    public static DefinitionSubstitution Unresolved { get; } = new(null, null, false, null);

    /// <summary>True when the text holds a `${` placeholder.</summary>
    public static bool HasPlaceholder(string s) => s.Contains("${", StringComparison.Ordinal);

    /// <summary>Resolves the placeholders of one string; null when one of them is unknown.</summary>
    public string? Apply(string s)
    {
        if (!HasPlaceholder(s))
        {
            return s;
        }

        var text = _sub ? Replace(s, SubValue, subEscapes: true) : s;
        return text is null ? null : HasPlaceholder(text) ? Replace(text, SubstitutionValue, subEscapes: false) : text;
    }

    /// <summary>
    /// For a JSON definition string: placeholders outside JSON strings (`"TimeoutSeconds": ${Timeout}`) are replaced by their
    /// value (or `null` when unknown) so that the text parses; placeholders inside strings are left for <see cref="Apply(TMap)"/>.
    /// Lines are preserved (line breaks in values become spaces).
    /// </summary>
    public string PrepareJson(string json)
    {
        if (!HasPlaceholder(json))
        {
            return json;
        }

        var sb = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    sb.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                sb.Append(c);
                continue;
            }

            if (c == '$' && i + 1 < json.Length && json[i + 1] == '{' && json.IndexOf('}', i + 2) is var close and > 0)
            {
                var value = Apply(json[i..(close + 1)]);
                sb.Append(value is null ? "null" : value.Replace('\n', ' ').Replace('\r', ' '));
                i = close;
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>A copy of the definition with every placeholder in keys and string values resolved (or tagged unknown).</summary>
    public TMap Apply(TMap definition) => (TMap)Clone(definition, 0);

    private TNode Clone(TNode n, int depth)
    {
        if (depth > Limits.MaxDepth)
        {
            return n;
        }

        switch (n)
        {
            case TScalar s when s.Tag is null && HasPlaceholder(s.Value):
                var v = Apply(s.Value);
                return new TScalar
                {
                    Value = v ?? s.Value, Tag = v is null ? UnknownTag : null, Kind = s.Kind,
                    Line = s.Line, Column = s.Column, KeyLine = s.KeyLine, KeyColumn = s.KeyColumn, FromGlobals = s.FromGlobals,
                };
            case TMap m:
            {
                var copy = new TMap { Line = m.Line, Column = m.Column, KeyLine = m.KeyLine, KeyColumn = m.KeyColumn, FromGlobals = m.FromGlobals, Tag = m.Tag };
                foreach (var (k, value) in m.Entries)
                {
                    var key = k;
                    if (m.IntrinsicName is null && HasPlaceholder(k.Value) && Apply(k.Value) is { } resolved)
                    {
                        key = new TScalar { Value = resolved, Kind = k.Kind, Line = k.Line, Column = k.Column };
                    }

                    // Intrinsic arguments (!GetAtt, !Ref ...) are kept as they are: they are not definition text.
                    copy.Add(key, m.IntrinsicName is null ? Clone(value, depth + 1) : value);
                }

                return copy;
            }

            case TSeq q:
            {
                var copy = new TSeq { Line = q.Line, Column = q.Column, KeyLine = q.KeyLine, KeyColumn = q.KeyColumn, FromGlobals = q.FromGlobals, Tag = q.Tag };
                foreach (var i in q.Items)
                {
                    copy.Items.Add(Clone(i, depth + 1));
                }

                return copy;
            }

            default:
                return n;
        }
    }

    /// <summary>Value of a Fn::Sub variable: its variable map, else a parameter / pseudo parameter; resource attributes are unknown.</summary>
    private string? SubValue(string name)
    {
        if (_subVars?[name] is { } v)
        {
            return Static(v);
        }

        if (name.Contains('.'))
        {
            return null;
        }

        var reference = new TMap();
        reference.Add(new TScalar { Value = "Ref" }, new TScalar { Value = name });
        return Static(reference);
    }

    private string? SubstitutionValue(string name) => _resolver is not null ? _resolver(name) : _substitutions?[name] is { } v ? Static(v) : null;

    /// <summary>The single, unconditional static value of a node (a parameter default counts), else null.</summary>
    private string? Static(TNode node)
    {
        if (_eval is null)
        {
            return null;
        }

        var values = _eval.Values(node);
        return values.Count == 1 && values[0].Known && !values[0].Conditional ? values[0].Text : null;
    }

    private static string? Replace(string s, Func<string, string?> value, bool subEscapes)
    {
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var open = s.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : s.IndexOf('}', open + 2);
            if (open < 0 || close < 0)
            {
                sb.Append(s, i, s.Length - i);
                break;
            }

            sb.Append(s, i, open - i);
            var name = s[(open + 2)..close].Trim();
            if (name.StartsWith('!'))
            {
                // Fn::Sub escape: ${!Literal} is the text ${Literal}; outside Fn::Sub it is not a placeholder at all.
                sb.Append(subEscapes ? "${" + name[1..] + "}" : s[open..(close + 1)]);
            }
            else if (value(name) is { } v)
            {
                sb.Append(v);
            }
            else
            {
                return null;
            }

            i = close + 1;
        }

        return sb.ToString();
    }
}
