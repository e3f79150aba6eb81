using System.Text.Json.Serialization;

namespace TokenHound.Core;

/// <summary>How bad a finding is. Ordered: a higher value is worse.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

/// <summary>How sure the analyzer is that the finding is real.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Confidence>))]
public enum Confidence
{
    Low = 0,
    Medium = 1,
    High = 2,
}

public static class SeverityNames
{
    public static string Name(this Severity s) => s switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static string Name(this Confidence c) => c.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "info": severity = Severity.Info; return true;
            case "low": severity = Severity.Low; return true;
            case "medium": severity = Severity.Medium; return true;
            case "high": severity = Severity.High; return true;
            case "critical": severity = Severity.Critical; return true;
            default: severity = Severity.Info; return false;
        }
    }
}

/// <summary>
/// Self-description of a rule. Every analyzer (secrets detector, code rule, IaC rule, runtime detection, probe check)
/// declares one. The docs page lives at docs/rules/&lt;Id&gt;.md.
/// </summary>
public sealed record RuleInfo
{
    /// <summary>TH + area letter (S, C, I, L, T, X, P) + three digits, e.g. THS001.</summary>
    public required string Id { get; init; }

    /// <summary>kebab-case name, e.g. aws-access-key-id.</summary>
    public required string Name { get; init; }

    /// <summary>Stable family name from docs/cli.md, e.g. hardcoded-aws-credential.</summary>
    public required string Family { get; init; }

    public required Severity Severity { get; init; }
    public required Confidence Confidence { get; init; }

    /// <summary>One-line title.</summary>
    public required string Title { get; init; }

    /// <summary>What the rule finds and why it leaks tokens (a short paragraph).</summary>
    public required string Description { get; init; }

    /// <summary>How to fix it.</summary>
    public required string Remediation { get; init; }

    /// <summary>CWE id, e.g. "CWE-798".</summary>
    public required string Cwe { get; init; }

    /// <summary>Extra reference links.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    public string DocsPath => $"docs/rules/{Id}.md";

    public string HelpUri => $"https://github.com/tokenhound/tokenhound/blob/main/docs/rules/{Id}.md";

    public string CweUri => Cwe.StartsWith("CWE-", StringComparison.Ordinal)
        ? $"https://cwe.mitre.org/data/definitions/{Cwe[4..]}.html"
        : "";
}

/// <summary>
/// Where a finding is. One type for every kind of input; unused parts stay null / 0.
/// Files: Path (relative to the scanned root, forward slashes) + Line/Column (1-based) + EndLine/EndColumn.
/// Git history: Commit/Author/Date on top of Path + Line.
/// Logs: LogGroup + LogStream + Timestamp (+ RequestId).
/// CloudTrail: EventId + Timestamp (+ Path of the file).
/// Traces: TraceId + SegmentId (+ Service).
/// Probe: Url + Request.
/// </summary>
public sealed record Location
{
    public string? Path { get; init; }
    public int Line { get; init; }
    public int Column { get; init; }
    public int EndLine { get; init; }
    public int EndColumn { get; init; }

    public string? Commit { get; init; }
    public string? Author { get; init; }
    public DateTimeOffset? CommitDate { get; init; }

    public string? LogGroup { get; init; }
    public string? LogStream { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? RequestId { get; init; }

    public string? EventId { get; init; }

    public string? TraceId { get; init; }
    public string? SegmentId { get; init; }
    public string? Service { get; init; }

    public string? Url { get; init; }

    /// <summary>Probe: the request that showed the problem, e.g. "GET /users (Authorization: alg none)".</summary>
    public string? Request { get; init; }

    /// <summary>A short human description of the place, e.g. "src/app.js:12:5" or "/aws/lambda/fn @ 2026-01-01T00:00:00Z".</summary>
    public string Display()
    {
        if (Path is not null)
        {
            var s = Line > 0 ? $"{Path}:{Line}" + (Column > 0 ? $":{Column}" : "") : Path;
            if (Commit is not null)
            {
                s = $"{Commit[..Math.Min(12, Commit.Length)]}:{s}";
            }

            if (EventId is not null)
            {
                s += $" event {EventId}";
            }

            return s;
        }

        if (LogGroup is not null || LogStream is not null)
        {
            var s = LogGroup ?? "";
            if (LogStream is not null)
            {
                s += (s.Length > 0 ? " " : "") + LogStream;
            }

            if (Timestamp is { } t)
            {
                s += " @ " + t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
            }

            return s;
        }

        if (TraceId is not null)
        {
            return $"trace {TraceId}" + (SegmentId is not null ? $" segment {SegmentId}" : "") + (Service is not null ? $" ({Service})" : "");
        }

        if (Url is not null)
        {
            return Request is not null ? $"{Url} [{Request}]" : Url;
        }

        if (EventId is not null)
        {
            return $"event {EventId}";
        }

        return "(unknown location)";
    }
}

/// <summary>The one result type every analyzer emits.</summary>
public sealed record Finding
{
    public required RuleInfo Rule { get; init; }

    public string RuleId => Rule.Id;
    public string Family => Rule.Family;

    /// <summary>Severity of this finding (starts at the rule's; an analyzer may raise or lower it, e.g. an expired JWT).</summary>
    public required Severity Severity { get; init; }
    public required Confidence Confidence { get; init; }

    public required string Title { get; init; }
    public required string Message { get; init; }
    public required Location Location { get; init; }

    /// <summary>Redacted evidence: never a full secret.</summary>
    public required string Evidence { get; init; }

    /// <summary>Stable value- or construct-based fingerprint (see <see cref="Fingerprints"/>).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The full secret, kept in memory only; writers print it only with --show-secrets.</summary>
    public string? Secret { get; init; }

    /// <summary>
    /// For a secret that is half of a credential (an AWS secret access key paired with its key id): the full key id, kept in
    /// memory only for <c>--verify</c>; no writer prints it (the masked key id is in <see cref="Properties"/>).
    /// </summary>
    public string? CredentialId { get; init; }

    /// <summary>Extra facts (kind, account id, alg, iss, aud, key id, IPs ...). Shown in every format.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = EmptyProperties;

    /// <summary>Override of the rule's remediation for this finding, if any.</summary>
    public string? Remediation { get; init; }

    public static readonly IReadOnlyDictionary<string, string> EmptyProperties = new Dictionary<string, string>();
}

/// <summary>A problem with an input that did not stop the run (binary file, bad gzip, parse error ...).</summary>
public sealed record ScanWarning(string Input, string Message)
{
    public override string ToString() => $"{Input}: {Message}";
}

/// <summary>A titled table a command adds to its report (per-log-group summary, probe score, ...).</summary>
public sealed record ReportSection(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public string? Note { get; init; }
}

/// <summary>What a command hands to a report writer.</summary>
public sealed class ScanReport
{
    public required string Command { get; init; }
    public List<Finding> Findings { get; init; } = [];
    public List<ScanWarning> Warnings { get; init; } = [];
    public List<ReportSection> Sections { get; init; } = [];

    /// <summary>Counters such as files, bytes, blobs, events, requests.</summary>
    public Dictionary<string, long> Stats { get; init; } = [];

    /// <summary>Findings hidden by inline ignores, config or baseline.</summary>
    public int Suppressed { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>The scanned root(s) or target, for display.</summary>
    public string Target { get; init; } = "";

    /// <summary>Rules that ran (for SARIF's tool.driver.rules); findings' rules are always included.</summary>
    public List<RuleInfo> Rules { get; init; } = [];
}
