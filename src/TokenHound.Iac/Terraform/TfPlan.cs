using TokenHound.Core;
using TokenHound.Iac.Model;

namespace TokenHound.Iac.Terraform;

/// <summary>
/// `terraform show -json` plan (or state) files: planned values become resources with the same shape as parsed .tf
/// bodies (nested blocks are lists of objects), and references from the plan's `configuration` section fill in
/// attributes whose value is only known after apply, so that relations (a rotation's secret, a route's API) still resolve.
/// </summary>
public static class TfPlan
{
    public static bool LooksLikePlan(string text) => LooksLikePlan(text.AsSpan());

    public static bool LooksLikePlan(ReadOnlySpan<char> text) =>
        text.Contains("\"format_version\"", StringComparison.Ordinal) &&
        (text.Contains("\"planned_values\"", StringComparison.Ordinal) || text.Contains("\"values\"", StringComparison.Ordinal) && text.Contains("\"root_module\"", StringComparison.Ordinal));

    public static TfModule? Load(TMap root, TfFile file)
    {
        var module = root.Path("planned_values", "root_module") as TMap ?? root.Path("values", "root_module") as TMap;
        if (module is null)
        {
            return null;
        }

        var references = new Dictionary<string, TMap>(StringComparer.Ordinal);
        if (root.Path("configuration", "root_module", "resources") is TSeq configured)
        {
            foreach (var c in configured.Items.OfType<TMap>())
            {
                if (c["address"] is TScalar a && c["expressions"] is TMap e)
                {
                    references[a.Value] = e;
                }
            }
        }

        var resources = new List<TfResource>();
        var stack = new Stack<(TMap Module, int Depth)>();
        stack.Push((module, 0));
        while (stack.Count > 0)
        {
            var (m, depth) = stack.Pop();
            foreach (var r in (m["resources"] as TSeq)?.Items.OfType<TMap>() ?? [])
            {
                var type = (r["type"] as TScalar)?.Value;
                var name = (r["name"] as TScalar)?.Value;
                if (type is null || name is null)
                {
                    continue;
                }

                var values = r["values"] as TMap ?? new TMap { Line = r.Line, Column = r.Column };
                var address = (r["address"] as TScalar)?.Value ?? $"{type}.{name}";
                var configAddress = address.Contains('[') ? address[..address.IndexOf('[')] : address;
                if (references.TryGetValue(configAddress, out var expressions))
                {
                    foreach (var (attr, expr) in expressions.Entries)
                    {
                        if ((values[attr.Value] is null or TScalar { IsNull: true }) && expr is TMap em && em["references"] is TSeq { Items.Count: > 0 } refs && refs.Items[0] is TScalar first)
                        {
                            values.Add(new TScalar { Value = attr.Value, Line = r.Line, Column = r.Column }, new TScalar { Value = first.Value, Tag = "!hcl", Line = r.Line, Column = r.Column });
                        }
                    }
                }

                resources.Add(new TfResource
                {
                    Kind = (r["mode"] as TScalar)?.Value == "data" ? "data" : "resource",
                    Type = type,
                    Name = name,
                    Block = new HBlock { Type = "resource", Start = 0, Body = new HBody() },
                    File = file,
                    Node = values,
                });
            }

            if (depth < 16)
            {
                foreach (var child in (m["child_modules"] as TSeq)?.Items.OfType<TMap>() ?? [])
                {
                    stack.Push((child, depth + 1));
                }
            }
        }

        var outputs = new List<(HBlock, TfFile, TMap)>();
        if ((root.Path("planned_values", "outputs") ?? root.Path("values", "outputs")) is TMap outs)
        {
            foreach (var (name, o) in outs.Entries)
            {
                if (o is TMap om)
                {
                    var block = new HBlock { Type = "output", Start = 0, Body = new HBody() };
                    block.Labels.Add(name.Value);
                    outputs.Add((block, file, om));
                }
            }
        }

        return TfModule.FromResources(resources, outputs);
    }
}
