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

    /// <summary>"aws_iam_role.app" or "data.aws_iam_policy_document.trust".</summary>
    public string Address => Kind == "data" ? $"data.{Type}.{Name}" : $"{Type}.{Name}";
}

/// <summary>
/// A Terraform module: every .tf file of a folder (variables, locals, resources and data sources are module-wide), with a
/// static evaluator that turns HCL expressions into <see cref="TNode"/>s: literals, templates, tuples, objects,
/// jsonencode/merge/concat/to*, var.* (defaults) and local.* resolved; everything else becomes an unknown scalar
/// (tag "!hcl") holding the expression's source text.
/// </summary>
public sealed partial class TfModule
{
    private readonly Dictionary<string, (HExpr Expr, TfFile File)> _locals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluatingLocals = new(StringComparer.Ordinal);

    public List<TfFile> Files { get; } = [];
    public Dictionary<string, (HBlock Block, TfFile File, TMap Node)> Variables { get; } = new(StringComparer.Ordinal);
    public List<TfResource> Resources { get; } = [];
    public List<(HBlock Block, TfFile File, TMap Node)> Providers { get; } = [];
    public List<(HBlock Block, TfFile File, TMap Node)> Outputs { get; } = [];
    public List<(int Line, string Message)> Warnings { get; } = [];

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

    public static TfModule Build(IEnumerable<TfFile> files)
    {
        var m = new TfModule();
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
                        m.Resources.Add(new TfResource { Kind = b.Type, Type = b.Labels[0], Name = b.Labels[1], Block = b, File = f, Node = m.Body(b.Body, f, b.Start) });
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

    // ------------------------------------------------------------------ conversion

    private (int Line, int Col) Pos(TfFile f, int offset) => f.Lines.Position(Math.Clamp(offset, 0, Math.Max(0, f.Text.Length - 1)));

    public TMap Body(HBody body, TfFile f, int start)
    {
        var (l, c) = Pos(f, start);
        var map = new TMap { Line = l, Column = c };
        foreach (var a in body.Attributes)
        {
            var (kl, kc) = Pos(f, a.NameStart);
            map.Add(new TScalar { Value = a.Name, Line = kl, Column = kc }, Expr(a.Value, f, 0));
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
                var s = new TSeq { Line = bl, Column = bc };
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
                    map.Add(new TScalar { Value = k?.Value ?? "?", Line = kl, Column = kc }, Expr(item.Value, f, depth + 1));
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
        if (root == "var" && Variables.TryGetValue(first.Name, out var variable))
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
                HIndexStep { Index: HLiteral { Kind: HLitKind.String } k } when value is TMap m => m[k.Value],
                HIndexStep { Index: HLiteral { Kind: HLitKind.Number } n } when value is TSeq s && int.TryParse(n.Value, out var idx) && idx >= 0 && idx < s.Items.Count => s.Items[idx],
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
