using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using TokenHound.Secrets;

namespace TokenHound.Redaction;

/// <summary>
/// Replaces every token the TokenHound secrets detectors find in a string, a span or a stream, and leaves every other
/// character (or byte) exactly as it was. Thread-safe: build one and share it. No allocation when a text holds no token.
/// </summary>
public sealed class TokenRedactor
{
    private static readonly Lazy<TokenRedactor> LazyDefault = new(() => new TokenRedactor());

    [ThreadStatic]
    private static List<SecretMatch>? t_matches;

    private readonly byte[]? _hmacKey;
    private readonly int _prefixLength;

    public TokenRedactor(RedactionOptions? options = null)
        : this(null, options)
    {
    }

    public TokenRedactor(SecretsEngine? engine, RedactionOptions? options = null)
    {
        options ??= new RedactionOptions();
        Engine = engine ?? new SecretsEngine(options.Secrets, options.Detectors);
        Style = options.Style;
        _prefixLength = Math.Max(0, options.PrefixLength);
        if (Style == RedactionStyle.Hmac)
        {
            if (options.HmacKey is not { Length: > 0 })
            {
                throw new ArgumentException("the hmac style needs a non-empty HmacKey", nameof(options));
            }

            _hmacKey = [.. options.HmacKey];
        }
    }

    /// <summary>A shared redactor with the default options (tag style, every built-in detector).</summary>
    public static TokenRedactor Default => LazyDefault.Value;

    public SecretsEngine Engine { get; }

    public RedactionStyle Style { get; }

    /// <summary>True when the text holds at least one token.</summary>
    public bool ContainsToken(ReadOnlySpan<char> text)
    {
        var matches = Rent();
        Engine.Scan(text, matches);
        var any = matches.Count > 0;
        matches.Clear();
        return any;
    }

    /// <summary>The tokens in a text (a copy: safe to keep).</summary>
    public IReadOnlyList<SecretMatch> Find(ReadOnlySpan<char> text) => Engine.Scan(text.ToString());

    /// <summary>The text with every token replaced; the same instance when it holds none.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text) => text is not null && TryRedact(text.AsSpan(), out var r) ? r : text;

    /// <summary>The text with every token replaced.</summary>
    public string Redact(ReadOnlySpan<char> text) => TryRedact(text, out var r) ? r : text.ToString();

    /// <summary>Redacts a text; false (and no allocation) when it holds no token.</summary>
    public bool TryRedact(ReadOnlySpan<char> text, [NotNullWhen(true)] out string? redacted, RedactionSummary? summary = null)
    {
        var matches = Rent();
        Engine.Scan(text, matches);
        if (matches.Count == 0)
        {
            redacted = null;
            return false;
        }

        try
        {
            var spans = CollectSpans(matches, 0, summary);
            var sb = new StringBuilder(text.Length + 32);
            var pos = 0;
            foreach (var (start, end, kind) in spans)
            {
                if (end <= pos)
                {
                    continue;
                }

                var s = Math.Max(start, pos);
                sb.Append(text[pos..s]);
                var token = text[s..end];
                sb.Append(Replacement(kind, token));
                AppendLineBreaks(sb, token);
                pos = end;
            }

            sb.Append(text[pos..]);
            redacted = sb.ToString();
            return true;
        }
        finally
        {
            matches.Clear();
        }
    }

    /// <summary>
    /// Streams <paramref name="input"/> to <paramref name="output"/> byte by byte except detected tokens: line endings,
    /// encodings and invalid UTF-8 pass through unchanged. Memory stays constant (one window of
    /// <see cref="StreamRedactionOptions.ChunkSize"/> + overlap); a token split across reads is still found.
    /// </summary>
    public RedactionSummary Redact(Stream input, Stream output, StreamRedactionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var o = options ?? new StreamRedactionOptions();
        var summary = new RedactionSummary();
        var core = new ByteRedactor(this, o, output, summary);
        if (o.Json)
        {
            core.RunJsonLines(input, cancellationToken);
        }
        else
        {
            core.RunRaw(input, cancellationToken);
        }

        output.Flush();
        return summary;
    }

    /// <summary>The replacement of one token of a kind in the configured style (never contains a line break).</summary>
    public string Replacement(string kind, ReadOnlySpan<char> token)
    {
        switch (Style)
        {
            case RedactionStyle.Prefix:
                var keep = Math.Min(_prefixLength, token.Length / 4);
                var prefix = token[..keep];
                var nl = prefix.IndexOfAny('\r', '\n');
                if (nl >= 0)
                {
                    prefix = prefix[..nl];
                }

                return string.Concat(prefix, "…[REDACTED]");
            case RedactionStyle.Hmac:
                Span<byte> mac = stackalloc byte[32];
                var bytes = Encoding.UTF8.GetBytes(token.ToString());
                HMACSHA256.HashData(_hmacKey, bytes, mac);
                return $"[REDACTED:{kind}:{Convert.ToHexStringLower(mac[..6])}]";
            default:
                return $"[REDACTED:{kind}]";
        }
    }

    internal static List<SecretMatch> Rent() => t_matches ??= [];

    /// <summary>All spans of the matches, clamped to start at or after <paramref name="from"/>, sorted, without overlaps.</summary>
    internal static List<(int Start, int End, string Kind)> CollectSpans(List<SecretMatch> matches, int from, RedactionSummary? summary)
    {
        var spans = new List<(int Start, int End, string Kind)>(matches.Count);
        foreach (var m in matches)
        {
            var any = false;
            foreach (var s in m.AllSpans)
            {
                if (s.End > from && s.Length > 0)
                {
                    spans.Add((Math.Max(from, s.Start), s.End, m.Kind));
                    any = true;
                }
            }

            if (any)
            {
                summary?.Add(m.Kind);
            }
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return spans;
    }

    /// <summary>Keeps the line breaks of a multi-line token (a PEM key), so no line is ever merged.</summary>
    private static void AppendLineBreaks(StringBuilder sb, ReadOnlySpan<char> token)
    {
        var i = token.IndexOfAny('\r', '\n');
        if (i < 0)
        {
            return;
        }

        foreach (var c in token[i..])
        {
            if (c is '\r' or '\n')
            {
                sb.Append(c);
            }
        }
    }
}
