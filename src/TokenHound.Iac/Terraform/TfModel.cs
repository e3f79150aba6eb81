using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using TokenHound.Core;
using TokenHound.Iac.Model;

namespace TokenHound.Iac.Terraform;

public sealed class TfFile
{
    public required string FullPath { get; init; }
    public required string Text { get; init; }
    public required LineMap Lines { get; init; }
    public required HBody Body { get; init; }
}

/// <summary>A resource or data block with its body converted to <see cref="TMap"/> (nested blocks become sequences of maps).</summary>
public sealed class TfResource
{
    public required string Kind { get; init; } // resource | data
    public required string Type { get; init; }
    public required string Name { get; init; }
    public required HBlock Block { get; init; }
    public required TfFile File { get; init; }
    public required TMap Node { get; init; }

    /// <summary>Instance key of a resource expanded from a static count / for_each: `[0]`, `["orders"]`; empty otherwise.</summary>
    public string Instance { get; init; } = "";

    /// <summary>"aws_iam_role.app" or "data.aws_iam_policy_document.trust" (without the instance key: findings of identical instances share it).</summary>
    public string Address => Kind == "data" ? $"data.{Type}.{Name}" : $"{Type}.{Name}";

    /// <summary>The address with its instance key, for messages.</summary>
    public string Display => Address + Instance;
}

/// <summary>
/// A Terraform module: every .tf file of a folder (variables, locals, resources and data sources are module-wide), with a
/// static evaluator that turns HCL expressions into <see cref="TNode"/>s: literals, templates, tuples, objects,
/// jsonencode/merge/concat/to*, var.* (defaults) and local.* resolved; everything else becomes an unknown scalar
/// (tag "!hcl") holding the expression's source text.
/// </summary>
public sealed partial class TfModule
{
    /// <summary>Instances expanded from one count / for_each at most; beyond, the block is evaluated once with count.index / each.* unknown.</summary>
    public const int MaxInstances = 256;

    private readonly Dictionary<string, (HExpr Expr, TfFile File)> _locals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluatingLocals = new(StringComparer.Ordinal);

    /// <summary>count.index / each.key / each.value of the instance being converted (null: unknown).</summary>
    private IReadOnlyDictionary<string, TNode>? _scope;

    /// <summary>Values passed into this module by a calling module block (pinned nodes of the caller's file), by variable name.</summary>
    public IReadOnlyDictionary<string, TNode>? Inputs { get; private init; }

    public List<TfFile> Files { get; } = [];
    public Dictionary<string, (HBlock Block, TfFile File, TMap Node)> Variables { get; } = new(StringComparer.Ordinal);
    public List<TfResource> Resources { get; } = [];
    public List<(HBlock Block, TfFile File, TMap Node)> Providers { get; } = [];
    public List<(HBlock Block, TfFile File, TMap Node)> Outputs { get; } = [];
    public List<(int Line, string Message)> Warnings { get; } = [];

    /// <summary>The `locals` of the module: name, expression and the file that defines it.</summary>
    public IEnumerable<(string Name, HExpr Expr, TfFile File)> Locals => _locals.Select(l => (l.Key, l.Value.Expr, l.Value.File));

    public IEnumerable<TfResource> OfType(string type) => Resources.Where(r => r.Kind == "resource" && r.Type == type);

    public TfResource? ByAddress(string? address) => address is null ? null : Resources.FirstOrDefault(r => r.Address == address);

    /// <summary>A module made of already-converted resources (terraform plan JSON).</summary>
    public static TfModule FromResources(IEnumerable<TfResource> resources, IEnumerable<(HBlock Block, TfFile File, TMap Node)> outputs)
    {
        var m = new TfModule();
        m.Resources.AddRange(resources);
        m.Outputs.AddRange(outputs);
        return m;
    }

    public static TfModule Build(IEnumerable<TfFile> files, IReadOnlyDictionary<string, TNode>? inputs = null)
    {
        var m = new TfModule { Inputs = inputs };
        m.Files.AddRange(files);
        foreach (var f in m.Files)
        {
            foreach (var b in f.Body.BlocksOf("locals"))
            {
                foreach (var a in b.Body.Attributes)
                {
                    m._locals[a.Name] = (a.Value, f);
                }
            }
        }

        foreach (var f in m.Files)
        {
            foreach (var b in f.Body.BlocksOf("variable"))
            {
                if (b.Labels.Count == 1)
                {
                    m.Variables[b.Labels[0]] = (b, f, m.Body(b.Body, f, b.Start));
                }
            }
        }

        foreach (var f in m.Files)
        {
            foreach (var b in f.Body.Blocks)
            {
                switch (b.Type)
                {
                    case "resource" or "data" when b.Labels.Count == 2:
                        foreach (var (key, scope) in m.Instances(b, f))
                        {
                            m._scope = scope;
                            try
                            {
                                m.Resources.Add(new TfResource { Kind = b.Type, Type = b.Labels[0], Name = b.Labels[1], Block = b, File = f, Node = m.Body(b.Body, f, b.Start), Instance = key });
                            }
                            finally
                            {
                                m._scope = null;
                            }
                        }

                        break;
                    case "provider" when b.Labels.Count == 1:
                        m.Providers.Add((b, f, m.Body(b.Body, f, b.Start)));
                        break;
                    case "output" when b.Labels.Count == 1:
                        m.Outputs.Add((b, f, m.Body(b.Body, f, b.Start)));
                        break;
                }
            }
        }

        return m;
    }

    // ------------------------------------------------------------------ count / for_each

    /// <summary>
    /// The instances of a block: one (key "", scope null) without count / for_each or when they are not static (count.index
    /// and each.* stay unknown); none for count = 0 or an empty collection; otherwise one per index / element with
    /// count.index or each.key / each.value bound.
    /// </summary>
    public List<(string Key, IReadOnlyDictionary<string, TNode>? Scope)> Instances(HBlock b, TfFile f)
    {
        var single = new List<(string, IReadOnlyDictionary<string, TNode>?)> { ("", null) };
        if (b.Body.Attribute("count") is { } count)
        {
            var v = Expr(count.Value, f, 0);
            if (Lit(v) is not { } text || !int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 0 || n > MaxInstances)
            {
                return single;
            }

            var list = new List<(string, IReadOnlyDictionary<string, TNode>?)>(n);
            for (var i = 0; i < n; i++)
            {
                var index = new TScalar { Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Line = v.Line, Column = v.Column, File = f };
                list.Add(($"[{i}]", new Dictionary<string, TNode>(StringComparer.Ordinal) { ["count.index"] = index }));
            }

            return list;
        }

        if (b.Body.Attribute("for_each") is not { } forEach)
        {
            return single;
        }

        // each.key / each.value are pinned: a finding on them points at the element of the collection (the line to edit),
        // or at the for_each line when the collection comes from another file.
        var collection = Expr(forEach.Value, f, 0);
        var (fl, fc) = Pos(f, forEach.NameStart);
        var instances = new List<(string, IReadOnlyDictionary<string, TNode>?)>();
        switch (collection)
        {
            case TMap map when map.Count <= MaxInstances && map.Entries.All(e => e.Key.Tag is null):
                foreach (var (k, value) in map.Entries)
                {
                    var key = Pin(new TScalar { Value = k.Value, Line = k.Line, Column = k.Column, File = k.File ?? f }, f, fl, fc);
                    instances.Add(($"[\"{k.Value}\"]", Each(key, Pin(value, f, fl, fc))));
                }

                return instances;
            case TSeq seq when seq.Items.Count <= MaxInstances && seq.Items.All(i => Lit(i) is not null):
                foreach (var item in seq.Items.Cast<TScalar>().DistinctBy(i => i.Value))
                {
                    var pinned = Pin(item, f, fl, fc);
                    instances.Add(($"[\"{item.Value}\"]", Each(pinned, pinned)));
                }

                return instances;
            default:
                return single;
        }

        static Dictionary<string, TNode> Each(TNode key, TNode value) => new(StringComparer.Ordinal) { ["each.key"] = key, ["each.value"] = value };
    }

    /// <summary>Converts an expression with count.index / each.* bound (module blocks with count / for_each).</summary>
    public TNode ExprIn(HExpr e, TfFile f, IReadOnlyDictionary<string, TNode>? scope)
    {
        var saved = _scope;
        _scope = scope;
        try
        {
            return Expr(e, f, 0);
        }
        finally
        {
            _scope = saved;
        }
    }

    /// <summary>
    /// A value passed to a child module, pinned: a deep copy whose nodes keep their position when the child uses them.
    /// Parts that were written in <paramref name="file"/> keep their own position; parts that come from elsewhere (a
    /// variable default or local in another file) are placed at the passing attribute; parts already pinned by a calling
    /// module are kept as they are.
    /// </summary>
    public static TNode Pin(TNode value, TfFile file, int line, int column, int depth = 0)
    {
        if (value.Pinned || depth > Limits.MaxDepth)
        {
            return value;
        }

        var here = ReferenceEquals(value.File, file);
        TNode copy;
        switch (value)
        {
            case TScalar s:
                copy = new TScalar { Value = s.Value, Kind = s.Kind, Tag = s.Tag };
                break;
            case TMap m:
            {
                var map = new TMap();
                foreach (var (k, v) in m.Entries)
                {
                    var key = ReferenceEquals(k.File, file) ? k : new TScalar { Value = k.Value, Line = line, Column = column, File = file };
                    map.Add(key, Pin(v, file, line, column, depth + 1));
                }

                copy = map;
                break;
            }

            case TSeq q:
            {
                var seq = new TSeq();
                foreach (var i in q.Items)
                {
                    seq.Items.Add(Pin(i, file, line, column, depth + 1));
                }

                copy = seq;
                break;
            }

            default:
                return value;
        }

        (copy.Line, copy.Column) = here ? (value.Line, value.Column) : (line, column);
        (copy.KeyLine, copy.KeyColumn) = here && value.KeyLine > 0 ? (value.KeyLine, value.KeyColumn) : (line, column);
        copy.File = file;
        copy.Pinned = true;
        return copy;
    }

    // ------------------------------------------------------------------ conversion

    private (int Line, int Col) Pos(TfFile f, int offset) => f.Lines.Position(Math.Clamp(offset, 0, Math.Max(0, f.Text.Length - 1)));

    public TMap Body(HBody body, TfFile f, int start)
    {
        var (l, c) = Pos(f, start);
        var map = new TMap { Line = l, Column = c, File = f };
        foreach (var a in body.Attributes)
        {
            var (kl, kc) = Pos(f, a.NameStart);
            map.Add(new TScalar { Value = a.Name, Line = kl, Column = kc, File = f }, Expr(a.Value, f, 0));
        }

        foreach (var b in body.Blocks)
        {
            var type = b.Type;
            var inner = b.Body;
            if (type == "dynamic" && b.Labels.Count == 1)
            {
                type = b.Labels[0];
                inner = b.Body.BlocksOf("content").FirstOrDefault()?.Body ?? new HBody();
            }

            var (bl, bc) = Pos(f, b.Start);
            var node = Body(inner, f, b.Start);
            if (map[type] is TSeq seq)
            {
                seq.Items.Add(node);
                node.KeyLine = bl;
                node.KeyColumn = bc;
            }
            else
            {
                var s = new TSeq { Line = bl, Column = bc, File = f };
                s.Items.Add(node);
                node.KeyLine = bl;
                node.KeyColumn = bc;
                map.Add(new TScalar { Value = type, Line = bl, Column = bc }, s);
            }
        }

        return map;
    }

    private TScalar Unknown(HExpr e, TfFile f)
    {
        var (l, c) = Pos(f, e.Start);
        var src = e.End > e.Start && e.End <= f.Text.Length ? f.Text[e.Start..e.End] : "?";
        if (src.Length > 300)
        {
            src = src[..300];
        }

        return new TScalar { Value = src, Tag = "!hcl", Line = l, Column = c };
    }

    public TNode Expr(HExpr e, TfFile f, int depth)
    {
        var n = ExprCore(e, f, depth);
        n.File ??= f;
        return n;
    }

    private TNode ExprCore(HExpr e, TfFile f, int depth)
    {
        var (l, c) = Pos(f, e.Start);
        if (depth > 64)
        {
            return Unknown(e, f);
        }

        switch (e)
        {
            case HLiteral lit:
                return new TScalar
                {
                    Value = lit.Value, Line = l, Column = c,
                    Kind = lit.Kind switch { HLitKind.String => ScalarKind.Quoted, HLitKind.Null => ScalarKind.Null, _ => ScalarKind.Plain },
                };
            case HTemplate t:
            {
                if (!t.HasDirectives && t.Parts.Count == 1 && t.Parts[0] is HExpr only && Expr(only, f, depth + 1) is { Pinned: true } passed)
                {
                    return passed; // "${var.x}" is var.x itself (HCL); keeps the caller's position of a module input
                }

                var sb = new StringBuilder();
                var known = !t.HasDirectives;
                foreach (var p in t.Parts)
                {
                    if (p is string s)
                    {
                        sb.Append(s);
                    }
                    else if (p is HExpr x)
                    {
                        var v = Expr(x, f, depth + 1);
                        if (v is TScalar { Tag: null, IsNull: false } vs)
                        {
                            sb.Append(vs.Value);
                        }
                        else
                        {
                            known = false;
                            sb.Append("${").Append(v is TScalar us ? us.Value : f.Text[x.Start..Math.Min(x.End, f.Text.Length)]).Append('}');
                        }
                    }
                }

                return new TScalar { Value = sb.ToString(), Kind = t.Heredoc ? ScalarKind.Literal : ScalarKind.Quoted, Line = l, Column = c, Tag = known ? null : "!tmpl" };
            }

            case HParens p:
                return Expr(p.Inner, f, depth + 1);
            case HTuple tuple:
            {
                var seq = new TSeq { Line = l, Column = c };
                foreach (var i in tuple.Items)
                {
                    seq.Items.Add(Expr(i, f, depth + 1));
                }

                return seq;
            }

            case HObject obj:
            {
                var map = new TMap { Line = l, Column = c };
                foreach (var item in obj.Items)
                {
                    var k = Expr(item.Key, f, depth + 1) as TScalar;
                    var (kl, kc) = Pos(f, item.Key.Start);
                    map.Add(new TScalar { Value = k?.Value ?? "?", Line = kl, Column = kc, File = f, Tag = k is null ? "!hcl" : k.Tag }, Expr(item.Value, f, depth + 1));
                }

                return map;
            }

            case HCall call:
                return Call(call, f, depth);
            case HVariable or HTraversal:
                return Reference(e, f, depth) ?? Unknown(e, f);
            default:
                return Unknown(e, f);
        }
    }

    private TNode Call(HCall call, TfFile f, int depth)
    {
        switch (call.Name)
        {
            case "jsonencode" or "yamlencode" or "tostring" or "tolist" or "toset" or "tomap" or "sensitive" or "nonsensitive" or "trimspace" when call.Args.Count == 1:
                return Expr(call.Args[0], f, depth + 1);
            case "merge" when call.Args.Count > 0:
            {
                var merged = new TMap { Line = Pos(f, call.Start).Line, Column = Pos(f, call.Start).Col };
                foreach (var a in call.Args)
                {
                    if (Expr(a, f, depth + 1) is not TMap m)
                    {
                        return Unknown(call, f);
                    }

                    foreach (var e in m.Entries)
                    {
                        merged.Add(e.Key, e.Value);
                    }
                }

                return merged;
            }

            case "length" when call.Args.Count == 1:
            {
                var (ll, lc) = Pos(f, call.Start);
                var n = Expr(call.Args[0], f, depth + 1) switch
                {
                    TSeq q => q.Items.Count,
                    TMap m => m.Count,
                    TScalar { Tag: null, IsNull: false } str => str.Value.Length,
                    _ => -1,
                };
                return n < 0 ? Unknown(call, f) : new TScalar { Value = n.ToString(System.Globalization.CultureInfo.InvariantCulture), Line = ll, Column = lc };
            }

            case "concat" when call.Args.Count > 0:
            {
                var seq = new TSeq { Line = Pos(f, call.Start).Line, Column = Pos(f, call.Start).Col };
                foreach (var a in call.Args)
                {
                    if (Expr(a, f, depth + 1) is not TSeq s)
                    {
                        return Unknown(call, f);
                    }

                    seq.Items.AddRange(s.Items);
                }

                return seq;
            }

            default:
                return Unknown(call, f);
        }
    }

    private TNode? Reference(HExpr e, TfFile f, int depth)
    {
        var (root, steps) = e switch
        {
            HVariable v => (v.Name, (IReadOnlyList<HStep>)[]),
            HTraversal { Root: HVariable v } t => (v.Name, t.Steps),
            _ => (null, []),
        };
        if (root is null || steps.Count == 0 || steps[0] is not HAttrStep first)
        {
            return null;
        }

        TNode? value = null;
        if (root is "count" or "each")
        {
            value = _scope is not null && _scope.TryGetValue($"{root}.{first.Name}", out var bound) ? bound : null;
        }
        else if (root == "var" && Inputs is not null && Inputs.TryGetValue(first.Name, out var input))
        {
            value = input;
        }
        else if (root == "var" && Variables.TryGetValue(first.Name, out var variable))
        {
            value = variable.Node["default"];
        }
        else if (root == "local" && _locals.TryGetValue(first.Name, out var local))
        {
            lock (_evaluatingLocals)
            {
                if (!_evaluatingLocals.Add(first.Name))
                {
                    Warnings.Add((Pos(local.File, local.Expr.Start).Line, $"local.{first.Name} refers to itself"));
                    return null;
                }
            }

            try
            {
                value = Expr(local.Expr, local.File, depth + 1);
            }
            finally
            {
                lock (_evaluatingLocals)
                {
                    _evaluatingLocals.Remove(first.Name);
                }
            }
        }

        for (var i = 1; i < steps.Count && value is not null; i++)
        {
            value = steps[i] switch
            {
                HAttrStep a when value is TMap m => m[a.Name],
                HIndexStep ix when value is TMap m && Lit(Expr(ix.Index, f, depth + 1)) is { } k => m[k],
                HIndexStep ix when value is TSeq s && int.TryParse(Lit(Expr(ix.Index, f, depth + 1)), out var idx) && idx >= 0 && idx < s.Items.Count => s.Items[idx],
                _ => null,
            };
        }

        return value is TScalar { Tag: "!hcl" } ? null : value;
    }

    // ------------------------------------------------------------------ helpers for checks

    /// <summary>A statically known literal (string, number or bool), else null.</summary>
    public static string? Lit(TNode? n) => n is TScalar { Tag: null, IsNull: false } s ? s.Value : null;

    public static bool IsTrue(TNode? n) => Lit(n) is { } v && v.Equals("true", StringComparison.OrdinalIgnoreCase);

    public static bool IsFalse(TNode? n) => Lit(n) is { } v && v.Equals("false", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_\-]*", RegexOptions.NonBacktracking)]
    private static partial Regex Address();

    /// <summary>The resource address an unknown value refers to ("aws_iam_role.app" from aws_iam_role.app.arn), or null.</summary>
    public static string? RefOf(TNode? n)
    {
        if (n is not TScalar { Tag: "!hcl" } s)
        {
            return null;
        }

        var m = Address().Match(s.Value);
        if (!m.Success || s.Value.StartsWith("var.", StringComparison.Ordinal) || s.Value.StartsWith("local.", StringComparison.Ordinal) ||
            s.Value.StartsWith("each.", StringComparison.Ordinal) || s.Value.StartsWith("count.", StringComparison.Ordinal) || s.Value.StartsWith("path.", StringComparison.Ordinal))
        {
            return null;
        }

        return m.Value;
    }

    /// <summary>First nested block (or object attribute) of that name.</summary>
    public static TMap? Block(TMap? m, string name) => m?[name] switch
    {
        TSeq s => s.Items.OfType<TMap>().FirstOrDefault(),
        TMap b => b,
        _ => null,
    };

    public static IEnumerable<TMap> Blocks(TMap? m, string name) => m?[name] switch
    {
        TSeq s => s.Items.OfType<TMap>(),
        TMap b => [b],
        _ => [],
    };

    /// <summary>All scalar text of a node (for access-log formats built with jsonencode).</summary>
    public static string AllText(TNode? n)
    {
        var sb = new StringBuilder();
        var stack = new Stack<TNode>();
        if (n is not null)
        {
            stack.Push(n);
        }

        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case TScalar s:
                    sb.Append(s.Value).Append(' ');
                    break;
                case TMap m:
                    foreach (var e in m.Entries)
                    {
                        sb.Append(e.Key.Value).Append(' ');
                        stack.Push(e.Value);
                    }

                    break;
                case TSeq q:
                    foreach (var i in q.Items)
                    {
                        stack.Push(i);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}

/// <summary>Parsed sibling .tf files, cached by path, size and write time (a module's files are read once per scan).</summary>
public sealed class TfFileCache
{
    private readonly ConcurrentDictionary<string, (long Length, DateTime Written, TfFile? File)> _cache = new(StringComparer.Ordinal);

    public TfFile? Get(string fullPath)
    {
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists || info.Length > Limits.MaxTemplateChars)
            {
                return null;
            }

            if (_cache.TryGetValue(fullPath, out var hit) && hit.Length == info.Length && hit.Written == info.LastWriteTimeUtc)
            {
                return hit.File;
            }

            var text = File.ReadAllText(fullPath);
            TfFile? parsed = null;
            try
            {
                var lines = new LineMap(text);
                parsed = new TfFile { FullPath = fullPath, Text = text, Lines = lines, Body = HclParser.Parse(text, lines) };
            }
            catch (ParseException)
            {
                // Reported when that file itself is analyzed.
            }

            _cache[fullPath] = (info.Length, info.LastWriteTimeUtc, parsed);
            return parsed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
