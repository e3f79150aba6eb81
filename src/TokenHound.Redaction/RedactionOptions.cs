using TokenHound.Secrets;

namespace TokenHound.Redaction;

/// <summary>How a token is replaced.</summary>
public enum RedactionStyle
{
    /// <summary><c>[REDACTED:&lt;kind&gt;]</c> (default).</summary>
    Tag,

    /// <summary>Keeps a short prefix for triage: <c>AKIA…[REDACTED]</c>.</summary>
    Prefix,

    /// <summary><c>[REDACTED:&lt;kind&gt;:&lt;12 hex of HMAC-SHA256(key, token)&gt;]</c>: the same token gives the same tag with the same key.</summary>
    Hmac,
}

/// <summary>Options of a <see cref="TokenRedactor"/>.</summary>
public sealed class RedactionOptions
{
    public RedactionStyle Style { get; set; } = RedactionStyle.Tag;

    /// <summary>Key of the <see cref="RedactionStyle.Hmac"/> style (required for it).</summary>
    public byte[]? HmacKey { get; set; }

    /// <summary>Characters kept by the <see cref="RedactionStyle.Prefix"/> style (at most a quarter of the token).</summary>
    public int PrefixLength { get; set; } = 4;

    /// <summary>Options of the secrets engine (disabled rules, examples).</summary>
    public SecretsOptions? Secrets { get; set; }

    /// <summary>Detectors to use (default: every built-in detector).</summary>
    public IEnumerable<SecretDetector>? Detectors { get; set; }
}

/// <summary>Buffer sizes of the streaming redactor. The defaults suit files of any size; tests use tiny ones.</summary>
public sealed class StreamRedactionOptions
{
    /// <summary>Bytes read and committed per step.</summary>
    public int ChunkSize { get; init; } = 1024 * 1024;

    /// <summary>Bytes held back at the end of a window and scanned again with the next one, so a token split across reads is still found (must exceed the longest token).</summary>
    public int Overlap { get; init; } = 80 * 1024;

    /// <summary>Already written bytes kept in front of a window as left context for detectors.</summary>
    public int Lookback { get; init; } = 1024;

    /// <summary>JSON-lines mode: tokens inside JSON strings are found on the decoded value and replaced so every record stays valid JSON.</summary>
    public bool Json { get; init; }

    /// <summary>Only count what would be redacted; write nothing.</summary>
    public bool CheckOnly { get; init; }
}

/// <summary>What a redaction removed.</summary>
public sealed class RedactionSummary
{
    private readonly Dictionary<string, long> _byKind = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ByKind => _byKind;

    public long Total { get; private set; }

    public long BytesIn { get; internal set; }

    public long BytesOut { get; internal set; }

    public void Add(string kind, long count = 1)
    {
        _byKind[kind] = _byKind.GetValueOrDefault(kind) + count;
        Total += count;
    }

    public void Add(RedactionSummary other)
    {
        foreach (var (k, v) in other._byKind)
        {
            Add(k, v);
        }

        BytesIn += other.BytesIn;
        BytesOut += other.BytesOut;
    }

    /// <summary>"3 tokens (aws-access-key-id: 2, jwt: 1)".</summary>
    public override string ToString() =>
        Total == 0 ? "no tokens" : $"{Total} token{(Total == 1 ? "" : "s")} ({string.Join(", ", _byKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}: {k.Value}"))})";
}
