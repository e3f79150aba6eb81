using System.Buffers;
using System.Text;
using System.Text.Json;
using TokenHound.Secrets;

namespace TokenHound.Redaction;

/// <summary>
/// The byte-level redactor behind <see cref="TokenRedactor.Redact(Stream, Stream, StreamRedactionOptions?, CancellationToken)"/>.
/// Bytes are widened 1:1 to chars (Latin-1) for detection, so every offset maps back to exactly one byte and invalid
/// UTF-8 passes through untouched; every token is ASCII. Output is the input bytes with token bytes replaced.
/// </summary>
internal sealed class ByteRedactor(TokenRedactor redactor, StreamRedactionOptions options, Stream output, RedactionSummary summary)
{
    private static readonly Encoding Latin1 = Encoding.Latin1;
    private readonly List<SecretMatch> _matches = [];
    private readonly HashSet<SecretMatch> _taken = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, byte[]> _tagCache = new(StringComparer.Ordinal);

    /// <summary>Chunked mode: windows of lookback + chunk + overlap bytes; what is committed is never scanned as a window end again.</summary>
    public void RunRaw(Stream input, CancellationToken ct)
    {
        var chunk = Math.Max(1, options.ChunkSize);
        var overlap = Math.Max(0, options.Overlap);
        var lookback = Math.Max(0, options.Lookback);
        var cap = chunk + overlap + lookback;
        var bytes = ArrayPool<byte>.Shared.Rent(cap);
        var chars = ArrayPool<char>.Shared.Rent(cap);
        try
        {
            var len = 0;
            var done = 0;
            var eof = false;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                while (!eof && len < cap)
                {
                    var n = input.Read(bytes, len, cap - len);
                    if (n == 0)
                    {
                        eof = true;
                        break;
                    }

                    Latin1.GetChars(bytes.AsSpan(len, n), chars.AsSpan(len));
                    len += n;
                    summary.BytesIn += n;
                }

                var commit = eof ? len : Math.Max(done, len - overlap);
                done = RedactWindow(bytes.AsSpan(0, len), chars.AsSpan(0, len), done, commit, jsonEscape: false, preserveLineBreaks: true);
                if (eof)
                {
                    break;
                }

                var keepFrom = Math.Max(0, done - lookback);
                if (keepFrom > 0)
                {
                    Array.Copy(bytes, keepFrom, bytes, 0, len - keepFrom);
                    Array.Copy(chars, keepFrom, chars, 0, len - keepFrom);
                    len -= keepFrom;
                    done -= keepFrom;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Scans a window and writes bytes [done, commit) with tokens replaced; a token that starts before
    /// <paramref name="commit"/> moves the commit point to its end. Returns the new commit point.
    /// </summary>
    private int RedactWindow(ReadOnlySpan<byte> bytes, ReadOnlySpan<char> chars, int done, int commit, bool jsonEscape, bool preserveLineBreaks)
    {
        _matches.Clear();
        redactor.Engine.Scan(chars, _matches);
        var pos = done;
        if (_matches.Count > 0)
        {
            // Take every match with a span that starts before the commit point (a paired key id may precede its
            // secret), moving the commit point to the end of its last span, until nothing more qualifies.
            _taken.Clear();
            bool grew;
            do
            {
                grew = false;
                foreach (var m in _matches)
                {
                    if (_taken.Contains(m))
                    {
                        continue;
                    }

                    var min = int.MaxValue;
                    var max = 0;
                    foreach (var s in m.AllSpans)
                    {
                        min = Math.Min(min, s.Start);
                        max = Math.Max(max, s.End);
                    }

                    if (min < commit)
                    {
                        _taken.Add(m);
                        if (max > commit)
                        {
                            commit = max;
                            grew = true;
                        }
                    }
                }
            }
            while (grew);

            _matches.RemoveAll(m => !_taken.Contains(m));
            foreach (var (start, end, kind) in TokenRedactor.CollectSpans(_matches, done, summary))
            {
                if (end <= pos)
                {
                    continue;
                }

                var s = Math.Max(start, pos);
                Write(bytes[pos..s]);
                var token = chars[s..end];
                WriteReplacement(kind, token, jsonEscape);
                if (preserveLineBreaks)
                {
                    WriteLineBreaks(token);
                }

                pos = end;
            }

            _matches.Clear();
        }

        Write(bytes[pos..commit]);
        return commit;
    }

    /// <summary>JSON-lines mode: each line that parses as JSON gets its string values redacted on the decoded text; other lines are redacted as text.</summary>
    public void RunJsonLines(Stream input, CancellationToken ct)
    {
        var buf = ArrayPool<byte>.Shared.Rent(Math.Max(64, options.ChunkSize));
        try
        {
            var start = 0;
            var len = 0;
            var eof = false;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var window = buf.AsSpan(start, len - start);
                var i = window.IndexOfAny((byte)'\n', (byte)'\r');
                if (i >= 0 && !(window[i] == '\r' && i + 1 == window.Length && !eof))
                {
                    var termLen = window[i] == '\r' && i + 1 < window.Length && window[i + 1] == '\n' ? 2 : 1;
                    RedactJsonLine(window[..i]);
                    Write(window.Slice(i, termLen));
                    start += i + termLen;
                    continue;
                }

                if (eof)
                {
                    if (window.Length > 0)
                    {
                        RedactJsonLine(window);
                    }

                    break;
                }

                // Need more bytes: compact, grow when one line fills the buffer, read.
                if (start > 0)
                {
                    Array.Copy(buf, start, buf, 0, len - start);
                    len -= start;
                    start = 0;
                }

                if (len == buf.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buf.Length * 2);
                    Array.Copy(buf, bigger, len);
                    ArrayPool<byte>.Shared.Return(buf);
                    buf = bigger;
                }

                var n = input.Read(buf, len, Math.Min(buf.Length - len, Math.Max(1, options.ChunkSize)));
                if (n == 0)
                {
                    eof = true;
                }

                len += n;
                summary.BytesIn += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private void RedactJsonLine(ReadOnlySpan<byte> line)
    {
        var first = line.IndexOfAnyExcept((byte)' ', (byte)'\t');
        if (first >= 0 && line[first] is (byte)'{' or (byte)'[' && TryRedactJson(line))
        {
            return;
        }

        RedactText(line, jsonEscape: false);
    }

    /// <summary>Redacts one line as plain text.</summary>
    private void RedactText(ReadOnlySpan<byte> bytes, bool jsonEscape)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            Latin1.GetChars(bytes, chars);
            RedactWindow(bytes, chars.AsSpan(0, bytes.Length), 0, bytes.Length, jsonEscape, preserveLineBreaks: true);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private readonly record struct Edit(int Start, int End, string Kind, string Token);

    /// <summary>Redacts the string values (and names) of a JSON line on their decoded text; false when the line is not JSON.</summary>
    private bool TryRedactJson(ReadOnlySpan<byte> line)
    {
        var edits = new List<Edit>();
        var pending = new RedactionSummary();
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }

                var raw = reader.ValueSpan;
                var rawStart = (int)reader.TokenStartIndex + 1;
                FindInJsonString(raw, rawStart, reader.ValueIsEscaped, edits, pending);
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (edits.Count == 0)
        {
            Write(line);
            return true;
        }

        summary.Add(pending);
        var pos = 0;
        foreach (var e in edits)
        {
            Write(line[pos..e.Start]);
            WriteReplacement(e.Kind, e.Token, jsonEscape: true);
            pos = e.End;
        }

        Write(line[pos..]);
        return true;
    }

    private void FindInJsonString(ReadOnlySpan<byte> raw, int rawStart, bool escaped, List<Edit> edits, RedactionSummary pending)
    {
        if (raw.IsEmpty)
        {
            return;
        }

        var chars = ArrayPool<char>.Shared.Rent(raw.Length);
        int[]? map = null;
        try
        {
            int n;
            if (!escaped)
            {
                n = Latin1.GetChars(raw, chars);
            }
            else
            {
                map = ArrayPool<int>.Shared.Rent(raw.Length + 1);
                n = DecodeJsonString(raw, chars, map);
            }

            _matches.Clear();
            redactor.Engine.Scan(chars.AsSpan(0, n), _matches);
            if (_matches.Count == 0)
            {
                return;
            }

            foreach (var (s, e, kind) in TokenRedactor.CollectSpans(_matches, 0, pending))
            {
                var rs = map is null ? s : map[s];
                var re = map is null ? e : map[e];
                if (edits.Count > 0 && rawStart + rs < edits[^1].End)
                {
                    continue;
                }

                edits.Add(new Edit(rawStart + rs, rawStart + re, kind, new string(chars, s, e - s)));
            }

            _matches.Clear();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            if (map is not null)
            {
                ArrayPool<int>.Shared.Return(map);
            }
        }
    }

    /// <summary>Decodes a JSON string body; <paramref name="map"/>[k] is the raw offset of decoded char k (and [n] the raw length).</summary>
    private static int DecodeJsonString(ReadOnlySpan<byte> raw, char[] chars, int[] map)
    {
        var k = 0;
        var i = 0;
        while (i < raw.Length)
        {
            map[k] = i;
            var b = raw[i];
            if (b != (byte)'\\' || i + 1 >= raw.Length)
            {
                chars[k++] = (char)b;
                i++;
                continue;
            }

            var e = raw[i + 1];
            switch (e)
            {
                case (byte)'u' when i + 5 < raw.Length && TryHex(raw.Slice(i + 2, 4), out var cp):
                    chars[k++] = (char)cp;
                    i += 6;
                    break;
                case (byte)'n': chars[k++] = '\n'; i += 2; break;
                case (byte)'r': chars[k++] = '\r'; i += 2; break;
                case (byte)'t': chars[k++] = '\t'; i += 2; break;
                case (byte)'b': chars[k++] = '\b'; i += 2; break;
                case (byte)'f': chars[k++] = '\f'; i += 2; break;
                default: chars[k++] = (char)e; i += 2; break; // \" \\ \/
            }
        }

        map[k] = raw.Length;
        return k;
    }

    private static bool TryHex(ReadOnlySpan<byte> hex, out int value)
    {
        value = 0;
        foreach (var h in hex)
        {
            var d = h switch
            {
                >= (byte)'0' and <= (byte)'9' => h - '0',
                >= (byte)'a' and <= (byte)'f' => h - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => h - 'A' + 10,
                _ => -1,
            };
            if (d < 0)
            {
                return false;
            }

            value = (value << 4) | d;
        }

        return true;
    }

    private void WriteReplacement(string kind, ReadOnlySpan<char> token, bool jsonEscape)
    {
        if (options.CheckOnly)
        {
            return;
        }

        byte[] bytes;
        if (redactor.Style == RedactionStyle.Tag)
        {
            if (!_tagCache.TryGetValue(kind, out bytes!))
            {
                _tagCache[kind] = bytes = Encoding.UTF8.GetBytes(JsonSafe(redactor.Replacement(kind, token)));
            }
        }
        else
        {
            var text = redactor.Replacement(kind, token);
            bytes = Encoding.UTF8.GetBytes(jsonEscape ? JsonSafe(text) : text);
        }

        Write(bytes);
    }

    /// <summary>Escapes what a JSON string cannot hold raw (quote, backslash, control characters).</summary>
    private static string JsonSafe(string s)
    {
        if (s.AsSpan().IndexOfAny("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f") < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < ' ')
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private void WriteLineBreaks(ReadOnlySpan<char> token)
    {
        if (options.CheckOnly || token.IndexOfAny('\r', '\n') < 0)
        {
            return;
        }

        foreach (var c in token)
        {
            if (c is '\r' or '\n')
            {
                output.WriteByte((byte)c);
                summary.BytesOut++;
            }
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (options.CheckOnly || bytes.IsEmpty)
        {
            return;
        }

        output.Write(bytes);
        summary.BytesOut += bytes.Length;
    }
}
