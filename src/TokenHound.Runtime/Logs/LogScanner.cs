using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using TokenHound.Core;
using TokenHound.Runtime.IO;
using TokenHound.Secrets;

namespace TokenHound.Runtime.Logs;

/// <summary>Options of `tokenhound logs`.</summary>
public sealed class LogScanOptions
{
    public required IReadOnlyList<string> Paths { get; init; }

    public SecretsOptions Secrets { get; init; } = new();

    /// <summary>"Now" for JWT expiry; tests fix it.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Log group for inputs that do not name one (plain files, get-log-events output).</summary>
    public string? LogGroup { get; init; }

    public TokenHoundConfig Config { get; init; } = TokenHoundConfig.Default;

    public int Jobs { get; init; } = Environment.ProcessorCount;

    public TextReader? Stdin { get; init; }

    public IProgress<LogProgress>? Progress { get; init; }

    /// <summary>Detectors to run (default: every built-in detector).</summary>
    public IEnumerable<SecretDetector>? Detectors { get; init; }
}

public sealed record LogProgress(long Inputs, long Events, long Bytes, string Current);

/// <summary>
/// `tokenhound logs`: reads CloudWatch Logs artifacts (Lambda text and JSON logs, filter-log-events / get-log-events
/// output, S3 exports, subscription-filter payloads, Kinesis / Firehose records), runs the secrets engine on every event
/// and reports each distinct token once per log group, with where and when it was first seen and how often.
/// </summary>
public sealed class LogScanner
{
    private static readonly HashSet<string> EnvelopeKeys = new(StringComparer.Ordinal)
    {
        "events", "searchedLogStreams", "nextForwardToken", "nextBackwardToken", "nextToken",
        "messageType", "owner", "logGroup", "logStream", "logEvents", "Records", "records", "invocationId",
    };

    private static readonly HashSet<string> ArrayNames = new(StringComparer.Ordinal) { "events", "logEvents", "Records", "records" };

    private readonly LogScanOptions _options;
    private readonly SecretsEngine _engine;
    private readonly FindingCollector _sink = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TokenAgg> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupAgg> _groups = new(StringComparer.Ordinal);
    private long _events;
    private long _bytes;
    private long _inputs;

    public LogScanner(LogScanOptions options)
    {
        _options = options;
        _engine = new SecretsEngine(options.Secrets, options.Detectors);
    }

    public static ScanReport Run(LogScanOptions options) => new LogScanner(options).Execute();

    private ScanReport Execute()
    {
        var sw = Stopwatch.StartNew();
        var inputs = InputFiles.Expand(_options.Paths);
        Parallel.ForEach(inputs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Jobs) }, input =>
        {
            var reader = new InputReader(this, input);
            try
            {
                reader.Read();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _sink.Warn(input.Display, $"cannot read: {e.Message}");
            }

            reader.Flush();
            Interlocked.Increment(ref _inputs);
            _options.Progress?.Report(new LogProgress(Interlocked.Read(ref _inputs), Interlocked.Read(ref _events), Interlocked.Read(ref _bytes), input.Display));
        });

        var findings = BuildFindings();
        var (kept, suppressed) = Suppressor.Apply(findings, _options.Config, null);
        var report = new ScanReport
        {
            Command = "logs",
            Findings = FindingOrder.Sort(kept),
            Warnings = _sink.Warnings,
            Suppressed = suppressed,
            Target = string.Join(" ", _options.Paths),
            Rules = [RuntimeRules.TokenInLogEvent],
        };
        report.Stats["inputs"] = _inputs;
        report.Stats["events"] = _events;
        report.Stats["bytes"] = _bytes;
        report.Sections.Add(BuildSummary());
        report.Duration = sw.Elapsed;
        return report;
    }

    private List<Finding> BuildFindings()
    {
        var result = new List<Finding>();
        var now = _options.Now.ToUnixTimeSeconds();
        foreach (var t in _tokens.Values)
        {
            var m = t.Match;
            var severity = m.Severity;
            var props = new Dictionary<string, string>(m.Properties, StringComparer.Ordinal)
            {
                ["detector"] = m.Rule.Id,
                ["kind"] = m.Kind,
                ["occurrences"] = t.Count.ToString(CultureInfo.InvariantCulture),
            };
            if (t.FirstTs is { } f)
            {
                props["firstSeen"] = Iso(f);
            }

            if (t.LastTs is { } l)
            {
                props["lastSeen"] = Iso(l);
            }

            if (t.Streams.Count > 0)
            {
                props["logStreams"] = string.Join(", ", t.Streams.Order(StringComparer.Ordinal)) + (t.MoreStreams ? ", …" : "");
            }

            if (t.RequestIds.Count > 0)
            {
                props["requestIds"] = string.Join(", ", t.RequestIds) + (t.Count > t.RequestIds.Count ? ", …" : "");
            }

            if (t.Input is not null)
            {
                props["input"] = t.Input;
            }

            var suffix = t.Count > 1 ? $"({t.Count} occurrences)" : null;
            if (JwtClaims.ExpiryOf(m.Value, m.Properties) is { } exp)
            {
                props["exp"] = exp.ToString(CultureInfo.InvariantCulture);
                props["expires"] = Iso(DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(exp, 0, 253402300799)));
                var liveNow = exp > now;
                var liveWhenLogged = t.FirstTs is { } first ? exp > first.ToUnixTimeSeconds() : liveNow;
                props["liveWhenLogged"] = liveWhenLogged ? "true" : "false";
                props["liveNow"] = liveNow ? "true" : "false";
                if (liveNow)
                {
                    severity = Severity.Critical;
                    suffix = (suffix is null ? "" : suffix + " ") + "— still unexpired now";
                }
                else if (liveWhenLogged)
                {
                    severity = (Severity)Math.Max((int)Severity.High, (int)m.Severity);
                    suffix = (suffix is null ? "" : suffix + " ") + "— it was live when logged";
                }
                else
                {
                    severity = Severity.Low;
                    suffix = (suffix is null ? "" : suffix + " ") + "— already expired when logged";
                }
            }

            var location = new Location
            {
                LogGroup = t.Group,
                LogStream = t.Stream,
                Timestamp = t.FirstTs,
                RequestId = t.FirstRequestId,
                Path = t.Group is null ? t.Input : null,
                Line = t.Group is null ? t.Line : 0,
            };
            var finding = m.ToFinding(location, severity, suffix) with
            {
                Rule = RuntimeRules.TokenInLogEvent,
                Title = $"{m.Title} in a log event",
                Fingerprint = Fingerprints.ForSecret(RuntimeRules.TokenInLogEvent.Id, m.Value),
                Properties = props,
            };
            result.Add(finding);
        }

        return result;
    }

    private ReportSection BuildSummary()
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (key, g) in _groups.OrderByDescending(kv => kv.Value.Occurrences).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var kinds = string.Join(", ", g.Kinds.OrderByDescending(k => k.Value.Occurrences).ThenBy(k => k.Key, StringComparer.Ordinal)
                .Select(k => $"{k.Key} ×{k.Value.Occurrences} ({k.Value.Distinct} distinct)"));
            rows.Add(
            [
                key,
                g.Events.ToString(CultureInfo.InvariantCulture),
                g.Distinct.ToString(CultureInfo.InvariantCulture),
                g.Occurrences.ToString(CultureInfo.InvariantCulture),
                kinds.Length > 0 ? kinds : "-",
                g.FirstSeen is { } f ? Iso(f) : "-",
                g.LastSeen is { } l ? Iso(l) : "-",
            ]);
        }

        return new ReportSection("Tokens per log group / function", ["log group", "events", "tokens", "occurrences", "kinds", "first seen", "last seen"], rows)
        {
            Note = rows.Count == 0 ? "no log events read" : $"{rows.Count} log group(s); first/last seen are the times of the first and last token occurrence",
        };
    }

    internal static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private void Record(LogEventContext ctx, List<SecretMatch> matches)
    {
        var groupKey = ctx.Group ?? ctx.Input;
        lock (_lock)
        {
            if (!_groups.TryGetValue(groupKey, out var g))
            {
                _groups[groupKey] = g = new GroupAgg();
            }

            foreach (var m in matches)
            {
                var key = groupKey + "\u001f" + Traces.TraceScanner.TokenKey(m.Value);
                if (!_tokens.TryGetValue(key, out var t))
                {
                    _tokens[key] = t = new TokenAgg
                    {
                        Match = m,
                        Group = ctx.Group,
                        Stream = ctx.Stream,
                        Input = ctx.Input,
                        Line = ctx.Line,
                        FirstTs = ctx.Timestamp,
                        FirstRequestId = ctx.RequestId,
                    };
                    g.Distinct++;
                    if (!g.Kinds.TryGetValue(m.Kind, out var kc))
                    {
                        g.Kinds[m.Kind] = kc = new KindCount();
                    }

                    kc.Distinct++;
                }

                t.Count++;
                g.Occurrences++;
                g.Kinds[m.Kind].Occurrences++;
                if (ctx.Timestamp is { } ts)
                {
                    if (t.FirstTs is null || ts < t.FirstTs)
                    {
                        // Inputs are read in parallel: the location is the earliest occurrence, whatever was read first.
                        t.FirstTs = ts;
                        t.FirstRequestId = ctx.RequestId;
                        t.Stream = ctx.Stream;
                        t.Input = ctx.Input;
                        t.Line = ctx.Line;
                    }

                    if (t.LastTs is null || ts > t.LastTs)
                    {
                        t.LastTs = ts;
                    }

                    if (g.FirstSeen is null || ts < g.FirstSeen)
                    {
                        g.FirstSeen = ts;
                    }

                    if (g.LastSeen is null || ts > g.LastSeen)
                    {
                        g.LastSeen = ts;
                    }
                }

                if (ctx.Stream is { } s && !t.Streams.Contains(s))
                {
                    if (t.Streams.Count < 5)
                    {
                        t.Streams.Add(s);
                    }
                    else
                    {
                        t.MoreStreams = true;
                    }
                }

                if (ctx.RequestId is { } r && t.RequestIds.Count < 5 && !t.RequestIds.Contains(r))
                {
                    t.RequestIds.Add(r);
                }
            }
        }
    }

    private void CountEvents(Dictionary<string, long> counts, long bytes)
    {
        lock (_lock)
        {
            foreach (var (k, n) in counts)
            {
                if (!_groups.TryGetValue(k, out var g))
                {
                    _groups[k] = g = new GroupAgg();
                }

                g.Events += n;
                _events += n;
            }
        }

        Interlocked.Add(ref _bytes, bytes);
    }

    private sealed class TokenAgg
    {
        public required SecretMatch Match { get; init; }
        public string? Group { get; init; }
        public string? Stream { get; set; }
        public string? Input { get; set; }
        public int Line { get; set; }
        public DateTimeOffset? FirstTs { get; set; }
        public DateTimeOffset? LastTs { get; set; }
        public string? FirstRequestId { get; set; }
        public long Count { get; set; }
        public List<string> Streams { get; } = [];
        public bool MoreStreams { get; set; }
        public List<string> RequestIds { get; } = [];
    }

    private sealed class GroupAgg
    {
        public long Events { get; set; }
        public long Distinct { get; set; }
        public long Occurrences { get; set; }
        public Dictionary<string, KindCount> Kinds { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset? FirstSeen { get; set; }
        public DateTimeOffset? LastSeen { get; set; }
    }

    private sealed class KindCount
    {
        public long Occurrences { get; set; }
        public long Distinct { get; set; }
    }

    /// <summary>Where one log event is.</summary>
    private struct LogEventContext
    {
        public string Input;
        public string? Group;
        public string? Stream;
        public DateTimeOffset? Timestamp;
        public string? RequestId;
        public int Line;
    }

    /// <summary>Reads one input: detects its format and feeds every log event to the engine.</summary>
    private sealed class InputReader(LogScanner owner, RuntimeInput input)
    {
        private readonly Dictionary<string, long> _eventCounts = new(StringComparer.Ordinal);
        private readonly List<SecretMatch> _matches = [];
        private long _bytes;
        private readonly (string? Group, string? Stream) _pathContext = PathContext(input.Display, owner._options.LogGroup);

        // Lambda text logs: the request id between START and END, the last line that began an event.
        private string? _currentRequestId;
        // The line that started the current event (a continuation line's finding takes its time and request id): kept as
        // a copy in a reused buffer, so reading a line does not allocate. _headerLen < 0: none.
        private char[] _headerBuf = new char[256];
        private int _headerLen = -1;

        private bool HasHeader => _headerLen >= 0;

        private string? HeaderString => _headerLen < 0 ? null : new string(_headerBuf, 0, _headerLen);

        private void SetHeader(ReadOnlySpan<char> line)
        {
            if (line.Length > _headerBuf.Length)
            {
                _headerBuf = new char[Math.Max(line.Length, _headerBuf.Length * 2)];
            }

            line.CopyTo(_headerBuf);
            _headerLen = line.Length;
        }

        private Stream? _top;

        public void Read()
        {
            using var stream = InputFiles.Open(input, owner._options.Stdin, owner._sink);
            _top = stream;
            var head = new byte[8192];
            var n = 0;
            while (n < head.Length)
            {
                var k = stream.Read(head, n, head.Length - n);
                if (k == 0)
                {
                    break;
                }

                n += k;
            }

            var all = new TokenHound.Runtime.IO.PrefixedStream(head.AsSpan(0, n).ToArray(), stream);
            if (LooksLikeJsonDocument(head.AsSpan(0, n)))
            {
                ReadJson(all, _pathContext.Group, _pathContext.Stream, input.Display);
            }
            else
            {
                ReadText(all);
            }
        }

        public void Flush()
        {
            FlushCount();
            owner.CountEvents(_eventCounts, _bytes);
        }

        /// <summary>JSON that is not one record per line: pretty-printed API output, or one long line.</summary>
        private static bool LooksLikeJsonDocument(ReadOnlySpan<byte> head)
        {
            var i = 0;
            if (head.StartsWith("\xEF\xBB\xBF"u8))
            {
                i = 3;
            }

            while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
            }

            if (i >= head.Length || head[i] is not ((byte)'{' or (byte)'['))
            {
                return false;
            }

            var rest = head[i..];
            var nl = rest.IndexOf((byte)'\n');
            if (nl < 0)
            {
                return true;
            }

            // One complete value on the first line: JSON lines, read line by line.
            try
            {
                var r = new Utf8JsonReader(rest[..nl], isFinalBlock: true, default);
                r.Read();
                r.Skip();
                return false;
            }
            catch (JsonException)
            {
                return true;
            }
        }

        private void ReadText(Stream stream)
        {
            // Lines are read as spans of one reused buffer (StreamReader.ReadLine made a string of every line). Line breaks
            // as ReadLine has them: \n, \r\n or a lone \r.
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var buf = new char[1 << 16];
            int start = 0, end = 0, lineNo = 0;
            bool eof = false, skipLf = false, binaryWarned = false;
            while (true)
            {
                if (skipLf && start < end)
                {
                    if (buf[start] == '\n')
                    {
                        start++;
                    }

                    skipLf = false;
                }

                var i = skipLf ? -1 : buf.AsSpan(start, end - start).IndexOfAny('\r', '\n');
                if (i < 0)
                {
                    if (eof)
                    {
                        if (end > start)
                        {
                            Line(buf.AsSpan(start, end - start));
                        }

                        return;
                    }

                    if (start > 0)
                    {
                        Array.Copy(buf, start, buf, 0, end - start);
                        end -= start;
                        start = 0;
                    }

                    if (end == buf.Length)
                    {
                        Array.Resize(ref buf, buf.Length * 2); // a line longer than the buffer
                    }

                    var n = reader.Read(buf, end, buf.Length - end);
                    if (n == 0)
                    {
                        eof = true;
                        skipLf = false;
                    }

                    end += n;
                    continue;
                }

                Line(buf.AsSpan(start, i));
                skipLf = buf[start + i] == '\r';
                start += i + 1;
            }

            void Line(ReadOnlySpan<char> line)
            {
                lineNo++;
                _bytes += line.Length + 1;
                if (line.Contains('\0'))
                {
                    if (!binaryWarned)
                    {
                        owner._sink.Warn(input.Display, $"binary data (NUL bytes) from line {lineNo}; such lines are skipped");
                        binaryWarned = true;
                    }

                    return;
                }

                ProcessTextLine(line, lineNo, _pathContext.Group, _pathContext.Stream, null);
            }
        }

        // Events are counted per group; consecutive events mostly share it, so the count is kept aside until it changes
        // (no dictionary lookup per line).
        private string? _countKey;
        private long _countPending;

        private void CountEvent(string? group)
        {
            var key = group ?? input.Display;
            if (!ReferenceEquals(key, _countKey) && !string.Equals(key, _countKey, StringComparison.Ordinal))
            {
                FlushCount();
                _countKey = key;
            }

            _countPending++;
        }

        private void FlushCount()
        {
            if (_countKey is not null && _countPending > 0)
            {
                _eventCounts[_countKey] = _eventCounts.GetValueOrDefault(_countKey) + _countPending;
            }

            _countPending = 0;
        }

        /// <summary>One line of a text log or one event message.</summary>
        private void ProcessTextLine(ReadOnlySpan<char> line, int lineNo, string? group, string? stream, DateTimeOffset? eventTime)
        {
            var span = line;
            if (span.IsEmpty)
            {
                return;
            }

            var offset = 0;
            DateTimeOffset? exportTs = null;

            // S3 export: "2024-01-15T10:00:00.123Z message".
            if (char.IsAsciiDigit(span[0]) && TryParseIsoPrefix(span, out var ts, out var tsLen) && tsLen < span.Length && span[tsLen] == ' ')
            {
                exportTs = ts;
                offset = tsLen + 1;
            }

            var msg = span[offset..];
            var isHeader = exportTs is not null || eventTime is not null;
            if (msg.StartsWith("START RequestId: ", StringComparison.Ordinal))
            {
                _currentRequestId = FirstWord(msg["START RequestId: ".Length..]);
                CountEvent(group);
                SetHeader(line);
                return;
            }

            if (msg.StartsWith("END RequestId: ", StringComparison.Ordinal))
            {
                CountEvent(group);
                _currentRequestId = null;
                return;
            }

            if (msg.StartsWith("REPORT RequestId: ", StringComparison.Ordinal) || msg.StartsWith("INIT_START ", StringComparison.Ordinal))
            {
                CountEvent(group);
                return;
            }

            if (!msg.IsEmpty && msg[0] == '{' && IsEnvelopeJson(msg))
            {
                // A subscription payload or API output on one line.
                var bytes = Encoding.UTF8.GetBytes(msg.ToString());
                ReadJson(new MemoryStream(bytes), group, stream, $"{input.Display}:{lineNo}");
                return;
            }

            if (msg.StartsWith("H4sI", StringComparison.Ordinal) && msg.Length > 20 && msg.IndexOfAny(" \t,\"") < 0)
            {
                // A base64 gzip record (Kinesis / Firehose record data).
                ReadBase64Gzip(msg.ToString(), group, stream, $"{input.Display}:{lineNo}");
                return;
            }

            if (!msg.IsEmpty && (msg[0] == '{' || char.IsAsciiDigit(msg[0]) || msg[0] == '['))
            {
                isHeader = true;
            }

            CountEventIfHeader(isHeader, group);
            _matches.Clear();
            owner._engine.Scan(span, _matches);
            if (_matches.Count == 0)
            {
                if (isHeader)
                {
                    SetHeader(line);
                }

                return;
            }

            // Context: this line when it starts an event, else the line that started the event it continues.
            var ctx = new LogEventContext { Input = input.Display, Group = group, Stream = stream, Line = lineNo, Timestamp = eventTime ?? exportTs };
            var header = isHeader ? msg.ToString() : HeaderString;
            if (header is not null)
            {
                var h = header.AsSpan();
                if (!isHeader && char.IsAsciiDigit(h[0]) && TryParseIsoPrefix(h, out var hts, out var hl) && hl < h.Length && h[hl] == ' ')
                {
                    ctx.Timestamp ??= hts;
                    h = h[(hl + 1)..];
                }

                ParseEventHeader(h, ref ctx);
            }

            ctx.RequestId ??= _currentRequestId;
            if (isHeader)
            {
                SetHeader(line);
            }

            owner.Record(ctx, [.. _matches]);
        }

        private void CountEventIfHeader(bool isHeader, string? group)
        {
            if (isHeader || !HasHeader)
            {
                CountEvent(group);
            }
        }

        /// <summary>Reads request id and time from a Lambda text line or a Lambda JSON record.</summary>
        private static void ParseEventHeader(ReadOnlySpan<char> msg, ref LogEventContext ctx)
        {
            if (msg.IsEmpty)
            {
                return;
            }

            if (msg[0] == '{')
            {
                ParseJsonHeader(msg, ref ctx);
                return;
            }

            // "2024-01-15T10:00:00.123Z\t<requestId>\tINFO\tmessage" (Node.js, Java, .NET ...)
            // "[INFO]\t2024-01-15T10:00:00.123Z\t<requestId>\tmessage" (Python)
            var fields = msg;
            if (fields[0] == '[')
            {
                var t = fields.IndexOf('\t');
                if (t < 0)
                {
                    return;
                }

                fields = fields[(t + 1)..];
            }

            var tab = fields.IndexOf('\t');
            if (tab < 0)
            {
                return;
            }

            if (TryParseIsoPrefix(fields, out var ts, out var len) && len == tab)
            {
                ctx.Timestamp ??= ts;
                var rest = fields[(tab + 1)..];
                var tab2 = rest.IndexOf('\t');
                var rid = tab2 < 0 ? rest : rest[..tab2];
                if (LooksLikeRequestId(rid))
                {
                    ctx.RequestId = rid.ToString();
                }
            }
        }

        private static void ParseJsonHeader(ReadOnlySpan<char> msg, ref LogEventContext ctx)
        {
            try
            {
                using var doc = JsonDocument.Parse(msg.ToString(), new JsonDocumentOptions { MaxDepth = 128 });
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return;
                }

                if (TryString(root, "requestId", out var rid) || TryString(root, "AWSRequestId", out rid) || TryString(root, "aws_request_id", out rid))
                {
                    ctx.RequestId = rid;
                }
                else if (root.TryGetProperty("record", out var rec) && rec.ValueKind == JsonValueKind.Object && TryString(rec, "requestId", out rid))
                {
                    ctx.RequestId = rid; // platform.* records
                }

                if ((TryString(root, "timestamp", out var t) || TryString(root, "time", out t)) &&
                    DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ts))
                {
                    ctx.Timestamp ??= ts;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all (a log line that starts with a brace): the line is still scanned as text.
            }
        }

        private static bool TryString(JsonElement e, string name, out string value)
        {
            if (e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } s)
            {
                value = s;
                return true;
            }

            value = "";
            return false;
        }

        private static bool IsEnvelopeJson(ReadOnlySpan<char> msg) =>
            msg.Contains("\"messageType\"", StringComparison.Ordinal) || msg.Contains("\"awslogs\"", StringComparison.Ordinal) ||
            msg.Contains("\"logEvents\"", StringComparison.Ordinal) || msg.StartsWith("{\"Records\"", StringComparison.Ordinal) ||
            msg.StartsWith("{\"records\"", StringComparison.Ordinal) || msg.StartsWith("{\"invocationId\"", StringComparison.Ordinal) ||
            msg.StartsWith("{\"events\"", StringComparison.Ordinal);

        // ---- JSON inputs ----

        private void ReadJson(Stream stream, string? group, string? logStream, string display)
        {
            var streamer = new JsonStreamer { EnvelopeKeys = EnvelopeKeys, ArrayNames = ArrayNames };
            var ok = streamer.Run(
                stream,
                (ref Utf8JsonReader r, JsonStreamContext c) =>
                {
                    using var doc = JsonDocument.ParseValue(ref r);
                    HandleElement(c.ArrayName!, doc.RootElement, c.Envelope, group, logStream, display);
                },
                (ref Utf8JsonReader r, JsonStreamContext c) =>
                {
                    using var doc = JsonDocument.ParseValue(ref r);
                    Dispatch(doc.RootElement, group, logStream, display);
                },
                out var error);
            if (!ok && _top is not SafeStream { Failed: true })
            {
                owner._sink.Warn(display, error!);
            }
        }

        private void HandleElement(string arrayName, JsonElement e, Dictionary<string, string> envelope, string? group, string? logStream, string display)
        {
            switch (arrayName)
            {
                case "events":
                case "logEvents":
                {
                    var g = envelope.TryGetValue("logGroup", out var lg) ? lg : group;
                    var s = envelope.TryGetValue("logStream", out var ls) ? ls : logStream;
                    if (envelope.TryGetValue("messageType", out var mt) && mt != "DATA_MESSAGE")
                    {
                        return; // CONTROL_MESSAGE
                    }

                    LogEventElement(e, g, s);
                    break;
                }

                default:
                    Dispatch(e, group, logStream, display);
                    break;
            }
        }

        private void LogEventElement(JsonElement e, string? group, string? logStream)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            var s = e.TryGetProperty("logStreamName", out var lsn) && lsn.ValueKind == JsonValueKind.String ? lsn.GetString() : logStream;
            DateTimeOffset? ts = null;
            if (e.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms))
            {
                ts = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(ms, -62135596800000, 253402300799999));
            }

            if (e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                _bytes += m.GetString()!.Length;
                ProcessMessage(m.GetString()!, group, s, ts);
            }
        }

        private void ProcessMessage(string message, string? group, string? stream, DateTimeOffset? ts)
        {
            // A message can hold several lines (a stack trace); the event is one unit.
            var saveHeader = HeaderString;
            _headerLen = -1;
            ProcessTextLine(message, 0, group, stream, ts);
            if (saveHeader is null)
            {
                _headerLen = -1;
            }
            else
            {
                SetHeader(saveHeader);
            }
        }

        private void Dispatch(JsonElement e, string? group, string? logStream, string display)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var x in e.EnumerateArray())
                {
                    Dispatch(x, group, logStream, display);
                }

                return;
            }

            if (e.ValueKind == JsonValueKind.String)
            {
                var s = e.GetString()!;
                if (s.StartsWith("H4sI", StringComparison.Ordinal))
                {
                    ReadBase64Gzip(s, group, logStream, display);
                }

                return;
            }

            if (e.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (e.TryGetProperty("awslogs", out var aws) && aws.ValueKind == JsonValueKind.Object && TryString(aws, "data", out var data))
            {
                ReadBase64Gzip(data, group, logStream, display);
                return;
            }

            if (e.TryGetProperty("messageType", out var mt) && e.TryGetProperty("logEvents", out var le) && le.ValueKind == JsonValueKind.Array)
            {
                if (mt.ValueKind == JsonValueKind.String && mt.GetString() != "DATA_MESSAGE")
                {
                    return;
                }

                var g = TryString(e, "logGroup", out var lg) ? lg : group;
                var s = TryString(e, "logStream", out var ls) ? ls : logStream;
                foreach (var ev in le.EnumerateArray())
                {
                    LogEventElement(ev, g, s);
                }

                return;
            }

            if (e.TryGetProperty("events", out var evs) && evs.ValueKind == JsonValueKind.Array)
            {
                foreach (var ev in evs.EnumerateArray())
                {
                    LogEventElement(ev, group, logStream);
                }

                return;
            }

            if ((e.TryGetProperty("Records", out var recs) || e.TryGetProperty("records", out recs)) && recs.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in recs.EnumerateArray())
                {
                    Dispatch(r, group, logStream, display);
                }

                return;
            }

            // A Kinesis event record {"kinesis":{"data":"..."}} or a Firehose record {"recordId":..,"data":".."}.
            if (e.TryGetProperty("kinesis", out var k) && k.ValueKind == JsonValueKind.Object && TryString(k, "data", out var kd))
            {
                ReadBase64Record(kd, group, logStream, display);
                return;
            }

            if (e.TryGetProperty("recordId", out _) && TryString(e, "data", out var fd))
            {
                ReadBase64Record(fd, group, logStream, display);
                return;
            }

            // Anything else (a Lambda JSON log record, an app's JSON line): one event.
            var raw = e.GetRawText();
            _bytes += raw.Length;
            ProcessMessage(raw, group, logStream, null);
        }

        private void ReadBase64Record(string b64, string? group, string? logStream, string display)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(b64);
            }
            catch (FormatException)
            {
                owner._sink.Warn(display, "record data is not valid base64; skipped");
                return;
            }

            Stream s = new MemoryStream(bytes);
            if (InputFiles.IsGzip(bytes))
            {
                s = new SafeStream(new GZipStream(s, CompressionMode.Decompress), display, owner._sink, "truncated or corrupt gzip in record data");
            }

            ReadNested(s, group, logStream, display);
        }

        private void ReadBase64Gzip(string b64, string? group, string? logStream, string display) => ReadBase64Record(b64, group, logStream, display);

        /// <summary>Decoded record data: JSON (a DATA_MESSAGE, concatenated ones) or plain text lines.</summary>
        private void ReadNested(Stream s, string? group, string? logStream, string display)
        {
            var ms = new MemoryStream();
            s.CopyTo(ms);
            var bytes = ms.ToArray();
            var span = bytes.AsSpan().TrimStart(" \t\r\n"u8);
            if (!span.IsEmpty && span[0] is (byte)'{' or (byte)'[')
            {
                ReadJson(new MemoryStream(bytes), group, logStream, display);
                return;
            }

            foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
            {
                ProcessMessage(line.TrimEnd('\r'), group, logStream, null);
            }
        }
    }

    // ---- helpers ----

    /// <summary>
    /// Log group and stream from a path: an S3 export key "&lt;prefix&gt;/&lt;export task id&gt;/&lt;log stream…&gt;/000000.gz"
    /// gives the stream (everything between the task id and the object) and, when the prefix is not the default
    /// "exportedlogs", the log group (the prefix's last folder, with "aws-lambda-fn" style names kept as they are).
    /// </summary>
    public static (string? Group, string? Stream) PathContext(string display, string? defaultGroup)
    {
        var parts = display.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 2; i >= 0; i--)
        {
            if (Guid.TryParse(parts[i], out _) && i + 1 < parts.Length - 1)
            {
                var stream = string.Join('/', parts[(i + 1)..^1]);
                string? group = defaultGroup;
                if (group is null && i > 0 && !parts[i - 1].Equals("exportedlogs", StringComparison.OrdinalIgnoreCase))
                {
                    // Conventional prefixes: "aws/lambda/fn" kept as folders, or one folder named after the group.
                    var lambda = Array.FindLastIndex(parts, i - 1, p => p == "lambda");
                    group = lambda > 0 && parts[lambda - 1] == "aws" ? "/" + string.Join('/', parts[(lambda - 1)..i]) : parts[i - 1];
                }

                return (group, stream);
            }
        }

        return (defaultGroup, null);
    }

    internal static string? FirstWord(ReadOnlySpan<char> s)
    {
        var end = s.IndexOfAny(' ', '\t');
        var w = end < 0 ? s : s[..end];
        return w.IsEmpty ? null : w.ToString();
    }

    private static bool LooksLikeRequestId(ReadOnlySpan<char> s) => s.Length is >= 8 and <= 64 && !s.ContainsAny(' ', '{', '"');

    /// <summary>Parses an ISO-8601 UTC timestamp at the start of <paramref name="s"/> ("2024-01-15T10:00:00.123Z", ".123456Z", "+00:00").</summary>
    public static bool TryParseIsoPrefix(ReadOnlySpan<char> s, out DateTimeOffset value, out int length)
    {
        value = default;
        length = 0;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        var end = 19;
        if (end < s.Length && s[end] == '.')
        {
            end++;
            while (end < s.Length && char.IsAsciiDigit(s[end]))
            {
                end++;
            }
        }

        if (end < s.Length && s[end] == 'Z')
        {
            end++;
        }
        else if (end + 6 <= s.Length && s[end] is '+' or '-' && s[end + 3] == ':')
        {
            end += 6;
        }
        else
        {
            return false;
        }

        // The fixed layout is read digit by digit (this runs on every log line; DateTimeOffset.TryParse was a tenth of
        // the `logs` command's time).
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day) ||
            !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second) ||
            month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fraction = 0;
        var scale = TimeSpan.TicksPerSecond;
        for (var i = 20; s[19] == '.' && i < end && char.IsAsciiDigit(s[i]); i++)
        {
            if (scale > 1)
            {
                scale /= 10;
                fraction += (s[i] - '0') * scale;
            }
            else
            {
                fraction += s[i] >= '5' ? 1 : 0; // beyond 100 ns: rounded, as DateTimeOffset.Parse does
                break;
            }
        }

        var offset = TimeSpan.Zero;
        if (s[end - 1] != 'Z')
        {
            if (!Digits(s, end - 5, 2, out var oh) || !Digits(s, end - 2, 2, out var om) || oh > 14 || om > 59)
            {
                return false;
            }

            offset = new TimeSpan(oh, om, 0);
            if (s[end - 6] == '-')
            {
                offset = -offset;
            }
        }

        try
        {
            var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
            value = new DateTimeOffset(local, offset).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // the offset moves it outside the representable range
        }

        length = end;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
