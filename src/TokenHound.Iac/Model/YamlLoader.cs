using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TokenHound.Iac.Model;

/// <summary>
/// Loads YAML into <see cref="TNode"/>s with YamlDotNet's low-level parser (positions for every node), turning
/// CloudFormation short-form tags (!Ref, !Sub, !GetAtt a.b ...) into their long form ({"Fn::Sub": ...}).
/// Duplicate keys and unknown tags give warnings; aliases are bounded (no "billion laughs").
/// </summary>
public sealed class YamlLoader
{
    private static readonly Dictionary<string, string> ShortForms = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!Join"] = "Fn::Join",
        ["!If"] = "Fn::If",
        ["!Select"] = "Fn::Select",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Base64"] = "Fn::Base64",
        ["!Split"] = "Fn::Split",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!Equals"] = "Fn::Equals",
        ["!Not"] = "Fn::Not",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Cidr"] = "Fn::Cidr",
        ["!Transform"] = "Fn::Transform",
        ["!Length"] = "Fn::Length",
        ["!ToJsonString"] = "Fn::ToJsonString",
        ["!ForEach"] = "Fn::ForEach",
        ["!Contains"] = "Fn::Contains",
        ["!EachMemberEquals"] = "Fn::EachMemberEquals",
        ["!EachMemberIn"] = "Fn::EachMemberIn",
        ["!RefAll"] = "Fn::RefAll",
        ["!ValueOf"] = "Fn::ValueOf",
        ["!ValueOfAll"] = "Fn::ValueOfAll",
        ["!Rain::Embed"] = "Rain::Embed",
    };

    private const long MaxExpandedNodes = 2_000_000;

    private readonly IParser _parser;
    private readonly List<(int Line, string Message)> _warnings;
    private readonly Dictionary<string, (TNode Node, long Weight)> _anchors = new(StringComparer.Ordinal);
    private long _expanded;

    private YamlLoader(IParser parser, List<(int, string)> warnings)
    {
        _parser = parser;
        _warnings = warnings;
    }

    /// <summary>Parses the first document. Throws <see cref="ParseException"/> on malformed YAML.</summary>
    public static TNode? Load(string text, List<(int Line, string Message)> warnings)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            var loader = new YamlLoader(parser, warnings);
            parser.Consume<StreamStart>();
            if (!parser.Accept<DocumentStart>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var (node, _) = loader.Node(0);
            return node;
        }
        catch (YamlException e)
        {
            var msg = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (...): ".
            var dash = msg.IndexOf("): ", StringComparison.Ordinal);
            if (msg.StartsWith('(') && dash > 0)
            {
                msg = msg[(dash + 3)..];
            }

            throw new ParseException(msg, (int)e.Start.Line, (int)e.Start.Column);
        }
    }

    private (TNode Node, long Weight) Node(int depth)
    {
        if (depth > Limits.MaxDepth)
        {
            var ev = _parser.Current!;
            throw new ParseException($"nesting deeper than {Limits.MaxDepth} levels", (int)ev.Start.Line, (int)ev.Start.Column);
        }

        var current = _parser.Current ?? throw new ParseException("unexpected end of YAML", 0);
        switch (current)
        {
            case AnchorAlias alias:
            {
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new ParseException($"unknown alias *{alias.Value.Value}", (int)alias.Start.Line, (int)alias.Start.Column);
                }

                _expanded += target.Weight;
                if (_expanded > MaxExpandedNodes)
                {
                    _warnings.Add(((int)alias.Start.Line, $"alias *{alias.Value.Value} expands past {MaxExpandedNodes} nodes; ignored"));
                    return (new TScalar { Value = "", Kind = ScalarKind.Null, Line = (int)alias.Start.Line, Column = (int)alias.Start.Column }, 1);
                }

                return (target.Node, target.Weight);
            }

            case Scalar s:
            {
                _parser.MoveNext();
                var kind = s.Style switch
                {
                    ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => ScalarKind.Quoted,
                    ScalarStyle.Literal => ScalarKind.Literal,
                    ScalarStyle.Folded => ScalarKind.Folded,
                    _ => s.Tag.IsEmpty && s.Value is "" or "~" or "null" or "Null" or "NULL" ? ScalarKind.Null : ScalarKind.Plain,
                };
                TNode scalar = new TScalar { Value = s.Value, Kind = kind, Line = (int)s.Start.Line, Column = (int)s.Start.Column };
                var result = Wrap(s.Tag, scalar, s);
                Remember(s.Anchor, result, 1);
                return (result, 1);
            }

            case SequenceStart ss:
            {
                _parser.MoveNext();
                var seq = new TSeq { Line = (int)ss.Start.Line, Column = (int)ss.Start.Column };
                long w = 1;
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    var (item, iw) = Node(depth + 1);
                    seq.Items.Add(item);
                    w += iw;
                }

                var result = Wrap(ss.Tag, seq, ss);
                Remember(ss.Anchor, result, w);
                return (result, w);
            }

            case MappingStart ms:
            {
                _parser.MoveNext();
                var map = new TMap { Line = (int)ms.Start.Line, Column = (int)ms.Start.Column };
                long w = 1;
                while (!_parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = _parser.Current!;
                    var (keyNode, _) = Node(depth + 1);
                    var key = keyNode as TScalar ?? new TScalar { Value = "?", Line = (int)keyEvent.Start.Line, Column = (int)keyEvent.Start.Column };
                    var (value, vw) = Node(depth + 1);
                    w += vw;
                    if (key.Value == "<<" && value is TMap merge)
                    {
                        foreach (var e in merge.Entries)
                        {
                            if (map[e.Key.Value] is null)
                            {
                                map.Add(e.Key, e.Value);
                            }
                        }

                        continue;
                    }

                    if (!map.Add(key, value))
                    {
                        _warnings.Add((key.Line, $"duplicate key '{key.Value}' (the last one is used)"));
                    }
                }

                var result = Wrap(ms.Tag, map, ms);
                Remember(ms.Anchor, result, w);
                return (result, w);
            }

            default:
                throw new ParseException($"unexpected YAML event {current.GetType().Name}", (int)current.Start.Line, (int)current.Start.Column);
        }
    }

    private void Remember(AnchorName anchor, TNode node, long weight)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, weight);
        }
    }

    private TNode Wrap(TagName tag, TNode node, ParsingEvent ev)
    {
        if (tag.IsEmpty || tag.IsNonSpecific || tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
        {
            return node;
        }

        var line = (int)ev.Start.Line;
        var col = (int)ev.Start.Column;
        if (!ShortForms.TryGetValue(tag.Value, out var fn))
        {
            _warnings.Add((line, $"unknown tag {tag.Value}; its value is treated as unknown"));
            return node switch
            {
                TScalar s => new TScalar { Value = s.Value, Kind = s.Kind, Line = s.Line, Column = s.Column, Tag = tag.Value },
                _ => node,
            };
        }

        TNode arg = node;
        if (fn == "Fn::GetAtt" && node is TScalar s2)
        {
            var dot = s2.Value.IndexOf('.');
            var seq = new TSeq { Line = s2.Line, Column = s2.Column };
            seq.Items.Add(new TScalar { Value = dot < 0 ? s2.Value : s2.Value[..dot], Line = s2.Line, Column = s2.Column });
            seq.Items.Add(new TScalar { Value = dot < 0 ? "" : s2.Value[(dot + 1)..], Line = s2.Line, Column = s2.Column + Math.Max(dot, 0) });
            arg = seq;
        }
        else if (fn == "Fn::GetAZs" && node is TScalar { IsNull: true } empty)
        {
            arg = new TScalar { Value = "", Kind = ScalarKind.Quoted, Line = empty.Line, Column = empty.Column };
        }

        var map = new TMap { Line = line, Column = col };
        map.Add(new TScalar { Value = fn, Line = line, Column = col }, arg);
        return map;
    }
}
