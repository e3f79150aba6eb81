using TokenHound.Iac.Model;

namespace TokenHound.Iac.CloudFormation;

/// <summary>One resource of a template (SAM resources carry their Globals merged into <see cref="Properties"/>).</summary>
public sealed class CfnResource
{
    public required string Id { get; init; }
    public required TScalar IdKey { get; init; }
    public required string Type { get; init; }
    public required TMap Node { get; init; }

    /// <summary>Properties (for SAM: with Globals merged in; inherited nodes have <see cref="TNode.FromGlobals"/>).</summary>
    public required TMap Properties { get; init; }

    /// <summary>Rule ids listed in Metadata: tokenhound: ignore: [...].</summary>
    public IReadOnlySet<string> Ignored { get; init; } = new HashSet<string>();

    public int Line => IdKey.Line;

    public TNode? this[string property] => Properties[property];

    public TNode? Prop(params string[] path) => Properties.Path(path);

    public bool Is(string type) => string.Equals(Type, type, StringComparison.Ordinal);
}

/// <summary>A CloudFormation / SAM template: sections, resources, and a static evaluator for intrinsics.</summary>
public sealed class CfnTemplate
{
    private static readonly Dictionary<string, string> GlobalsSection = new(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = "Function",
        ["AWS::Serverless::Api"] = "Api",
        ["AWS::Serverless::HttpApi"] = "HttpApi",
        ["AWS::Serverless::StateMachine"] = "StateMachine",
        ["AWS::Serverless::SimpleTable"] = "SimpleTable",
        ["AWS::Serverless::LayerVersion"] = "LayerVersion",
    };

    private readonly List<(int Line, string Message)> _warnings;

    private CfnTemplate(TMap root, List<(int, string)> warnings)
    {
        Root = root;
        _warnings = warnings;
        Parameters = root["Parameters"] as TMap;
        Conditions = root["Conditions"] as TMap;
        Mappings = root["Mappings"] as TMap;
        Outputs = root["Outputs"] as TMap;
        Globals = root["Globals"] as TMap;
        IsSam = IsSamTransform(root["Transform"]);
        Eval = new Evaluator(this, warnings);
    }

    public TMap Root { get; }
    public TMap? Parameters { get; }
    public TMap? Conditions { get; }
    public TMap? Mappings { get; }
    public TMap? Outputs { get; }
    public TMap? Globals { get; }
    public bool IsSam { get; }
    public Evaluator Eval { get; }
    public List<CfnResource> Resources { get; } = [];
    public Dictionary<string, CfnResource> ById { get; } = new(StringComparer.Ordinal);

    public IEnumerable<CfnResource> OfType(string type) => Resources.Where(r => r.Is(type));

    public CfnResource? Resource(string? id) => id is not null && ById.TryGetValue(id, out var r) ? r : null;

    public TMap? Parameter(string name) => Parameters?[name] as TMap;

    /// <summary>Content check: a template has AWSTemplateFormatVersion, the SAM transform, or Resources with AWS:: types.</summary>
    public static bool LooksLikeTemplate(TMap root)
    {
        if (root["AWSTemplateFormatVersion"] is not null || IsSamTransform(root["Transform"]))
        {
            return true;
        }

        if (root["Resources"] is TMap res)
        {
            foreach (var e in res.Entries)
            {
                if (e.Value is TMap r && r["Type"] is TScalar t && (t.Value.StartsWith("AWS::", StringComparison.Ordinal) || t.Value.StartsWith("Custom::", StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsSamTransform(TNode? t) => t switch
    {
        TScalar s => s.Value.StartsWith("AWS::Serverless", StringComparison.Ordinal),
        TSeq q => q.Items.Any(i => i is TScalar s && s.Value.StartsWith("AWS::Serverless", StringComparison.Ordinal)),
        _ => false,
    };

    public static CfnTemplate Build(TMap root, List<(int Line, string Message)> warnings)
    {
        var t = new CfnTemplate(root, warnings);
        if (root["Resources"] is TMap res)
        {
            foreach (var e in res.Entries)
            {
                if (e.Value is not TMap node)
                {
                    warnings.Add((e.Key.Line, $"resource {e.Key.Value} is not a mapping"));
                    continue;
                }

                var type = (node["Type"] as TScalar)?.Value ?? "";
                var props = node["Properties"] as TMap ?? new TMap { Line = node.Line, Column = node.Column };
                if (t.IsSam && t.Globals is not null && GlobalsSection.TryGetValue(type, out var section) && t.Globals[section] is TMap g)
                {
                    props = Merge(g, props);
                }

                var r = new CfnResource
                {
                    Id = e.Key.Value,
                    IdKey = e.Key,
                    Type = type,
                    Node = node,
                    Properties = props,
                    Ignored = IgnoredRules(node),
                };
                t.Resources.Add(r);
                t.ById[r.Id] = r;
            }
        }

        t.CheckCycles();
        return t;
    }

    private static HashSet<string> IgnoredRules(TMap node)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ignore = node.Path("Metadata", "tokenhound", "ignore") ?? node.Path("Metadata", "tokenhound", "Ignore");
        switch (ignore)
        {
            case TSeq seq:
                foreach (var i in seq.Items)
                {
                    if (i is TScalar s)
                    {
                        set.Add(s.Value.Trim());
                    }
                }

                break;
            case TScalar one:
                foreach (var id in one.Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
                {
                    set.Add(id);
                }

                break;
        }

        return set;
    }

    /// <summary>SAM Globals semantics: maps merge recursively, lists concatenate (globals first), scalars: the resource wins.</summary>
    private static TMap Merge(TMap globals, TMap resource)
    {
        var m = new TMap { Line = resource.Line, Column = resource.Column, KeyLine = resource.KeyLine };
        foreach (var e in globals.Entries)
        {
            MarkGlobal(e.Value);
            m.Add(e.Key, e.Value);
        }

        foreach (var e in resource.Entries)
        {
            var g = globals[e.Key.Value];
            if (g is TMap gm && e.Value is TMap rm && rm.IntrinsicName is null && gm.IntrinsicName is null)
            {
                m.Add(e.Key, Merge(gm, rm));
            }
            else if (g is TSeq gs && e.Value is TSeq rs)
            {
                var q = new TSeq { Line = rs.Line, Column = rs.Column };
                q.Items.AddRange(gs.Items);
                q.Items.AddRange(rs.Items);
                m.Add(e.Key, q);
            }
            else
            {
                m.Add(e.Key, e.Value);
            }
        }

        return m;
    }

    private static void MarkGlobal(TNode n)
    {
        n.FromGlobals = true;
        switch (n)
        {
            case TMap m:
                foreach (var e in m.Entries)
                {
                    MarkGlobal(e.Value);
                }

                break;
            case TSeq s:
                foreach (var i in s.Items)
                {
                    MarkGlobal(i);
                }

                break;
        }
    }

    /// <summary>Warns about circular references between resources (Ref / GetAtt / Sub / DependsOn). Iterative: no deep recursion.</summary>
    private void CheckCycles()
    {
        if (Resources.Count == 0)
        {
            return;
        }

        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var r in Resources)
        {
            edges[r.Id] = [.. Eval.ReferencedResources(r.Node).Where(ById.ContainsKey).Distinct()];
        }

        var color = new Dictionary<string, int>(StringComparer.Ordinal);
        var reported = 0;
        foreach (var start in Resources)
        {
            if (color.GetValueOrDefault(start.Id) != 0)
            {
                continue;
            }

            var stack = new Stack<(string Id, int Next)>();
            stack.Push((start.Id, 0));
            color[start.Id] = 1;
            while (stack.Count > 0)
            {
                var (id, next) = stack.Pop();
                var outs = edges[id];
                if (next < outs.Count)
                {
                    stack.Push((id, next + 1));
                    var to = outs[next];
                    var c = color.GetValueOrDefault(to);
                    if (c == 0)
                    {
                        color[to] = 1;
                        stack.Push((to, 0));
                    }
                    else if (c == 1 && reported < 5)
                    {
                        reported++;
                        var path = stack.Select(s => s.Id).Reverse().SkipWhile(s => s != to).Append(to);
                        _warnings.Add((ById[to].Line, $"circular reference between resources: {string.Join(" -> ", path)}"));
                    }
                }
                else
                {
                    color[id] = 2;
                }
            }
        }
    }
}
