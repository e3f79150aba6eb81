namespace TokenHound.Iac.Model;

/// <summary>
/// A document node with its position (1-based line and column), shared by the YAML, JSON and HCL front-ends so that the
/// rules (IAM policies, state machine definitions, ...) run on one model whatever the source syntax.
/// </summary>
public abstract class TNode
{
    public int Line { get; set; }
    public int Column { get; set; }

    /// <summary>Key line of the map entry that holds this node (the property line), or the node's own line.</summary>
    public int KeyLine { get; set; }

    /// <summary>Column of the key of the map entry that holds this node.</summary>
    public int KeyColumn { get; set; }

    /// <summary>A YAML tag that was not a CloudFormation intrinsic (kept for diagnostics).</summary>
    public string? Tag { get; init; }

    /// <summary>True for nodes that come from SAM Globals (inherited by every resource of the kind).</summary>
    public bool FromGlobals { get; set; }

    /// <summary>The parsed file the position refers to (set by the Terraform front-end; null elsewhere).</summary>
    public object? File { get; set; }

    /// <summary>
    /// A value passed into a Terraform module from a calling module: it keeps its own (key) position, in <see cref="File"/>,
    /// wherever the module uses it, so that findings point at the line that passes the value.
    /// </summary>
    public bool Pinned { get; set; }

    public int ReportLine => KeyLine > 0 ? KeyLine : Line;

    public int ReportColumn => KeyLine > 0 ? KeyColumn : Column;
}

public enum ScalarKind
{
    /// <summary>Plain YAML scalar or JSON string/number/bool.</summary>
    Plain,
    Quoted,
    /// <summary>YAML literal block (|): content starts on the line after the indicator.</summary>
    Literal,
    Folded,
    Null,
}

public sealed class TScalar : TNode
{
    public required string Value { get; init; }
    public ScalarKind Kind { get; init; }

    public bool IsNull => Kind == ScalarKind.Null;

    public override string ToString() => Value;
}

public sealed class TSeq : TNode
{
    public List<TNode> Items { get; } = [];
}

public sealed class TMap : TNode
{
    private Dictionary<string, int>? _index;

    public List<KeyValuePair<TScalar, TNode>> Entries { get; } = [];

    public int Count => Entries.Count;

    /// <summary>Adds an entry; returns false (keeping the last value) when the key is a duplicate.</summary>
    public bool Add(TScalar key, TNode value)
    {
        if (!value.Pinned)
        {
            value.KeyLine = key.Line;
            value.KeyColumn = key.Column;
        }

        if (_index is null && Entries.Count >= 8)
        {
            _index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < Entries.Count; i++)
            {
                _index[Entries[i].Key.Value] = i;
            }
        }

        var existing = IndexOf(key.Value);
        if (existing >= 0)
        {
            Entries[existing] = new(key, value);
            return false;
        }

        Entries.Add(new(key, value));
        _index?.Add(key.Value, Entries.Count - 1);
        return true;
    }

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var i) ? i : -1;
        }

        for (var i = 0; i < Entries.Count; i++)
        {
            if (Entries[i].Key.Value == key)
            {
                return i;
            }
        }

        return -1;
    }

    public TNode? this[string key] => IndexOf(key) is var i and >= 0 ? Entries[i].Value : null;

    public TScalar? KeyOf(string key) => IndexOf(key) is var i and >= 0 ? Entries[i].Key : null;

    /// <summary>Case-insensitive lookup (SAM HttpApi uses `issuer`/`audience`, CloudFormation `Issuer`/`Audience`).</summary>
    public TNode? GetIgnoreCase(string key)
    {
        if (this[key] is { } exact)
        {
            return exact;
        }

        foreach (var e in Entries)
        {
            if (string.Equals(e.Key.Value, key, StringComparison.OrdinalIgnoreCase))
            {
                return e.Value;
            }
        }

        return null;
    }

    /// <summary>Follows a path of keys through nested maps.</summary>
    public TNode? Path(params string[] keys)
    {
        TNode? cur = this;
        foreach (var k in keys)
        {
            cur = (cur as TMap)?[k];
            if (cur is null)
            {
                return null;
            }
        }

        return cur;
    }

    /// <summary>A single-key map whose key is an intrinsic function name ("Ref", "Fn::Sub", "Condition" ...).</summary>
    public string? IntrinsicName =>
        Entries.Count == 1 && (Entries[0].Key.Value == "Ref" || Entries[0].Key.Value.StartsWith("Fn::", StringComparison.Ordinal) || Entries[0].Key.Value == "Condition")
            ? Entries[0].Key.Value
            : null;
}

/// <summary>A parse problem: line and message (the file is named by the caller).</summary>
public sealed class ParseException(string message, int line, int column = 0) : Exception(message)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>Limits that keep hostile input bounded.</summary>
public static class Limits
{
    /// <summary>Maximum nesting depth of YAML/JSON/HCL documents.</summary>
    public const int MaxDepth = 200;

    /// <summary>Files larger than this (chars) are not parsed as templates (the secrets scan still runs on them).</summary>
    public const int MaxTemplateChars = 16 * 1024 * 1024;
}
