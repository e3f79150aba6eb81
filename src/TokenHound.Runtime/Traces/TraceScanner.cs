using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TokenHound.Core;
using TokenHound.Runtime.IO;
using TokenHound.Secrets;

namespace TokenHound.Runtime.Traces;

public sealed class TraceOptions
{
    public required IReadOnlyList<string> Paths { get; init; }

    public SecretsOptions Secrets { get; init; } = new();

    public IEnumerable<SecretDetector>? Detectors { get; init; }

    public TokenHoundConfig Config { get; init; } = TokenHoundConfig.Default;

    public TextReader? Stdin { get; init; }

    public IProgress<string>? Progress { get; init; }
}

/// <summary>
/// `tokenhound traces`: reads X-Ray segment documents, <c>aws xray batch-get-traces</c> output and OTLP/JSON exports,
/// scans every recorded string (HTTP URLs and headers, annotations, metadata, SQL, AWS fields, exceptions, span
/// attributes and events) and follows each token across services.
/// </summary>
public sealed class TraceScanner
{
    private static readonly HashSet<string> Envelope = new(StringComparer.Ordinal) { "Traces", "UnprocessedTraceIds", "resourceSpans", "NextToken" };
    private static readonly HashSet<string> Arrays = new(StringComparer.Ordinal) { "Traces", "resourceSpans" };

    // Identifiers and timings, never secrets: not scanned.
    private static readonly HashSet<string> SkipXRay = new(StringComparer.Ordinal)
    {
        "id", "trace_id", "parent_id", "start_time", "end_time", "in_progress", "subsegments", "precursor_ids", "type", "namespace",
    };

    private readonly TraceOptions _options;
    private readonly SecretsEngine _engine;
    private readonly FindingCollector _sink = new();
    private readonly Dictionary<string, TokenTrail> _tokens = new(StringComparer.Ordinal);
    private readonly List<SecretMatch> _matches = [];
    private long _segments;
    private long _spans;

    private TraceScanner(TraceOptions options)
    {
        _options = options;
        _engine = new SecretsEngine(options.Secrets, options.Detectors);
    }

    public static ScanReport Run(TraceOptions options) => new TraceScanner(options).Execute();

    private ScanReport Execute()
    {
        var sw = Stopwatch.StartNew();
        var inputs = InputFiles.Expand(_options.Paths);
        foreach (var input in inputs)
        {
            try
            {
                using var stream = InputFiles.Open(input, _options.Stdin, _sink);
                Read(stream, input.Display);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _sink.Warn(input.Display, $"cannot read: {e.Message}");
            }

            _options.Progress?.Report(input.Display);
        }

        var findings = BuildFindings();
        var (kept, suppressed) = Suppressor.Apply(findings, _options.Config, null);
        var report = new ScanReport
        {
            Command = "traces",
            Findings = FindingOrder.Sort(kept),
            Warnings = _sink.Warnings,
            Suppressed = suppressed,
            Target = string.Join(" ", _options.Paths),
            Rules = [RuntimeRules.TokenInTrace, RuntimeRules.TokenCrossedBoundary],
        };
        report.Stats["inputs"] = inputs.Count;
        report.Stats["segments"] = _segments;
        report.Stats["spans"] = _spans;
        report.Duration = sw.Elapsed;
        return report;
    }

    private void Read(Stream stream, string display)
    {
        var streamer = new JsonStreamer { EnvelopeKeys = Envelope, ArrayNames = Arrays };
        var ok = streamer.Run(
            stream,
            (ref Utf8JsonReader r, JsonStreamContext c) =>
            {
                using var doc = JsonDocument.ParseValue(ref r);
                if (c.ArrayName == "Traces")
                {
                    BatchTrace(doc.RootElement, display);
                }
                else
                {
                    ResourceSpans(doc.RootElement, display);
                }
            },
            (ref Utf8JsonReader r, JsonStreamContext c) =>
            {
                using var doc = JsonDocument.ParseValue(ref r);
                Value(doc.RootElement, display);
            },
            out var error);
        if (!ok && stream is not SafeStream { Failed: true })
        {
            _sink.Warn(display, error!);
        }
    }

    /// <summary>A whole top-level value: a segment, an array of segments, batch-get-traces output or an OTLP export.</summary>
    private void Value(JsonElement e, string display)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray())
                {
                    Value(x, display);
                }

                return;
            case JsonValueKind.Object:
                break;
            default:
                return;
        }

        if (e.TryGetProperty("Traces", out var traces) && traces.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in traces.EnumerateArray())
            {
                BatchTrace(t, display);
            }
        }
        else if (e.TryGetProperty("resourceSpans", out var rs) && rs.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in rs.EnumerateArray())
            {
                ResourceSpans(r, display);
            }
        }
        else if (e.TryGetProperty("trace_id", out _) || (e.TryGetProperty("id", out _) && e.TryGetProperty("start_time", out _)))
        {
            Segment(e, null, null, display);
        }
        else if (e.TryGetProperty("Document", out var d) && d.ValueKind == JsonValueKind.String)
        {
            Document(d.GetString()!, display);
        }

        // {"format":"json","version":1} daemon headers and anything else: nothing to scan.
    }

    private void BatchTrace(JsonElement t, string display)
    {
        if (t.ValueKind != JsonValueKind.Object || !t.TryGetProperty("Segments", out var segs) || segs.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var s in segs.EnumerateArray())
        {
            if (s.TryGetProperty("Document", out var d) && d.ValueKind == JsonValueKind.String)
            {
                Document(d.GetString()!, display);
            }
        }
    }

    private void Document(string json, string display)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            Segment(doc.RootElement, null, null, display);
        }
        catch (JsonException e)
        {
            _sink.Warn(display, $"segment document is not valid JSON: {e.Message}");
        }
    }

    // ---- X-Ray ----

    private void Segment(JsonElement seg, string? service, string? traceId, string display)
    {
        if (seg.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        _segments++;
        var isSub = service is not null;
        var name = Str(seg, "name");
        var svc = service ?? name ?? "(unnamed service)";
        var tid = Str(seg, "trace_id") ?? traceId;
        var id = Str(seg, "id");
        DateTimeOffset? time = seg.TryGetProperty("start_time", out var st) && st.ValueKind == JsonValueKind.Number && st.TryGetDouble(out var secs)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(secs * 1000))
            : null;
        var ctx = new Ctx(svc, tid, id, time, display, isSub ? $"subsegment {name}" : "segment");
        foreach (var p in seg.EnumerateObject())
        {
            if (SkipXRay.Contains(p.Name))
            {
                continue;
            }

            if (p.Name == "name")
            {
                continue;
            }

            Walk(p.Value, p.Name, ctx);
        }

        if (seg.TryGetProperty("subsegments", out var subs) && subs.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in subs.EnumerateArray())
            {
                Segment(s, svc, tid, display);
            }
        }
    }

    /// <summary>Scans every string under <paramref name="e"/>; object keys are scanned too (a header name can be a token).</summary>
    private void Walk(JsonElement e, string path, Ctx ctx)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                Scan(e.GetString()!, path, ctx);
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    Scan(p.Name, path, ctx);
                    Walk(p.Value, path + "." + p.Name, ctx);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var x in e.EnumerateArray())
                {
                    Walk(x, $"{path}[{i++}]", ctx);
                }

                break;
        }
    }

    // ---- OpenTelemetry ----

    private void ResourceSpans(JsonElement rs, string display)
    {
        if (rs.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var service = "(unknown service)";
        if (rs.TryGetProperty("resource", out var res) && res.TryGetProperty("attributes", out var ra) && ra.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in ra.EnumerateArray())
            {
                if (Str(a, "key") == "service.name" && a.TryGetProperty("value", out var v) && Str(v, "stringValue") is { } s)
                {
                    service = s;
                }
            }
        }

        foreach (var scopeKey in new[] { "scopeSpans", "instrumentationLibrarySpans" })
        {
            if (!rs.TryGetProperty(scopeKey, out var scopes) || scopes.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var scope in scopes.EnumerateArray())
            {
                if (!scope.TryGetProperty("spans", out var spans) || spans.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var span in spans.EnumerateArray())
                {
                    Span(span, service, display);
                }
            }
        }
    }

    private void Span(JsonElement span, string service, string display)
    {
        if (span.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        _spans++;
        var time = Nanos(span, "startTimeUnixNano");
        var ctx = new Ctx(service, Str(span, "traceId"), Str(span, "spanId"), time, display, $"span {Str(span, "name")}");
        if (Str(span, "name") is { } n)
        {
            Scan(n, "name", ctx);
        }

        Attributes(span, "attributes", ctx);
        if (span.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
        {
            foreach (var ev in events.EnumerateArray())
            {
                var evCtx = ctx with { Time = Nanos(ev, "timeUnixNano") ?? time };
                var evName = Str(ev, "name") ?? "event";
                Attributes(ev, $"events[{evName}]", evCtx);
            }
        }

        if (span.TryGetProperty("status", out var status) && Str(status, "message") is { } msg)
        {
            Scan(msg, "status.message", ctx);
        }

        if (span.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array)
        {
            foreach (var l in links.EnumerateArray())
            {
                Attributes(l, "links", ctx);
            }
        }
    }

    private void Attributes(JsonElement owner, string prefix, Ctx ctx)
    {
        if (!owner.TryGetProperty("attributes", out var attrs) || attrs.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var a in attrs.EnumerateArray())
        {
            var key = Str(a, "key") ?? "?";
            var path = prefix == "attributes" ? key : $"{prefix}.{key}";
            Scan(key, path, ctx);
            if (a.TryGetProperty("value", out var v))
            {
                AnyValue(v, path, ctx);
            }
        }
    }

    private void AnyValue(JsonElement v, string path, Ctx ctx)
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (Str(v, "stringValue") is { } s)
        {
            Scan(s, path, ctx);
        }
        else if (v.TryGetProperty("arrayValue", out var arr) && arr.TryGetProperty("values", out var vals) && vals.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in vals.EnumerateArray())
            {
                AnyValue(x, path, ctx);
            }
        }
        else if (v.TryGetProperty("kvlistValue", out var kv) && kv.TryGetProperty("values", out var kvs) && kvs.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in kvs.EnumerateArray())
            {
                var k = Str(x, "key") ?? "?";
                Scan(k, path, ctx);
                if (x.TryGetProperty("value", out var xv))
                {
                    AnyValue(xv, path + "." + k, ctx);
                }
            }
        }
        else if (Str(v, "bytesValue") is { } b)
        {
            try
            {
                Scan(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(b)), path, ctx);
            }
            catch (FormatException)
            {
            }
        }
    }

    private static DateTimeOffset? Nanos(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }

        long ns;
        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a))
        {
            ns = a;
        }
        else if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var b))
        {
            ns = b;
        }
        else
        {
            return null;
        }

        return ns > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000) : null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // ---- tokens ----

    private sealed record Ctx(string Service, string? TraceId, string? SegmentId, DateTimeOffset? Time, string Input, string Where);

    private void Scan(string text, string path, Ctx ctx)
    {
        if (text.Length < 8)
        {
            return;
        }

        _matches.Clear();
        _engine.Scan(text.AsSpan(), _matches);
        foreach (var m in _matches)
        {
            // Keyed by the value alone: the same token can be matched as a JWT in one place and a bearer token in another.
            var key = TokenKey(m.Value);
            if (!_tokens.TryGetValue(key, out var t))
            {
                _tokens[key] = t = new TokenTrail(m);
            }

            if (!t.Services.TryGetValue(ctx.Service, out var sighting))
            {
                t.Services[ctx.Service] = sighting = new Sighting(ctx, path);
            }
            else if (ctx.Time is { } time && (sighting.First.Time is null || time < sighting.First.Time))
            {
                sighting.First = ctx;
                sighting.Field = path;
            }

            sighting.Count++;
            if (sighting.Fields.Count < 5 && !sighting.Fields.Contains(path))
            {
                sighting.Fields.Add(path);
            }

            if (ctx.TraceId is { } tid && t.Traces.Count < 10)
            {
                t.Traces.Add(tid);
            }
        }
    }

    internal static string TokenKey(string value) =>
        value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value;

    private List<Finding> BuildFindings()
    {
        var result = new List<Finding>();
        foreach (var t in _tokens.Values)
        {
            var m = t.Match;
            foreach (var (service, s) in t.Services)
            {
                var props = new Dictionary<string, string>(m.Properties, StringComparer.Ordinal)
                {
                    ["detector"] = m.Rule.Id,
                    ["kind"] = m.Kind,
                    ["service"] = service,
                    ["field"] = s.Field,
                    ["fields"] = string.Join(", ", s.Fields),
                    ["occurrences"] = s.Count.ToString(CultureInfo.InvariantCulture),
                    ["input"] = s.First.Input,
                    ["recordedIn"] = s.First.Where,
                };
                result.Add(m.ToFinding(Loc(s.First)) with
                {
                    Rule = RuntimeRules.TokenInTrace,
                    Title = $"{m.Title} recorded in a trace",
                    Message = $"{m.Title} recorded by {service} in {s.Field}" + (s.Count > 1 ? $" ({s.Count} occurrences)" : ""),
                    Fingerprint = Fingerprints.ForSecret(RuntimeRules.TokenInTrace.Id, m.Value),
                    Properties = props,
                });
            }

            if (t.Services.Count >= 2)
            {
                var ordered = t.Services
                    .OrderBy(kv => kv.Value.First.Time ?? DateTimeOffset.MaxValue)
                    .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                    .ToList();
                var path = string.Join(" → ", ordered.Select(kv => kv.Key));
                var first = ordered[0].Value.First;
                var props = new Dictionary<string, string>(m.Properties, StringComparer.Ordinal)
                {
                    ["detector"] = m.Rule.Id,
                    ["kind"] = m.Kind,
                    ["path"] = path,
                    ["services"] = ordered.Count.ToString(CultureInfo.InvariantCulture),
                    ["hops"] = string.Join("; ", ordered.Select(kv =>
                        $"{kv.Key}: {kv.Value.Field}" + (kv.Value.First.Time is { } tm ? $" at {Logs.LogScanner.Iso(tm)}" : "") +
                        (kv.Value.First.SegmentId is { } sid ? $" ({sid})" : ""))),
                    ["traces"] = string.Join(", ", t.Traces),
                };
                result.Add(m.ToFinding(Loc(first)) with
                {
                    Rule = RuntimeRules.TokenCrossedBoundary,
                    Title = $"{m.Title} travelled across services",
                    Message = $"{m.Title} travelled {path}",
                    Fingerprint = Fingerprints.ForSecret(RuntimeRules.TokenCrossedBoundary.Id, m.Value),
                    Properties = props,
                });
            }
        }

        return result;
    }

    private static Location Loc(Ctx c) => new() { TraceId = c.TraceId ?? "(no trace id)", SegmentId = c.SegmentId, Service = c.Service, Timestamp = c.Time };

    private sealed class TokenTrail(SecretMatch match)
    {
        public SecretMatch Match { get; } = match;
        public Dictionary<string, Sighting> Services { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Traces { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Sighting(Ctx first, string field)
    {
        public Ctx First { get; set; } = first;
        public string Field { get; set; } = field;
        public long Count { get; set; }
        public List<string> Fields { get; } = [];
    }
}
