using System.Text;
using System.Text.Json;
using TokenHound.Core;

namespace TokenHound.Reporting;

/// <summary>
/// SARIF 2.1.0 (one run). Family in result.properties.family and the rule's properties.family; file path in
/// physicalLocation.artifactLocation.uri (relative, uriBaseId %SRCROOT%); line in region.startLine. Runtime locations
/// (log group, CloudTrail event, trace, URL) become logicalLocations and are named in the message. See docs/reports.md.
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public const string FingerprintKey = "tokenhound/v1";
    public const string SrcRoot = "%SRCROOT%";

    private static readonly HashSet<string> ReservedResultProperties =
        ["tags", "family", "severity", "confidence", "evidence", "secret", "title", "cwe", "commit", "author", "commitDate",
         "logGroup", "logStream", "timestamp", "requestId", "eventId", "traceId", "segmentId", "service", "url", "request"];

    public string Format => "sarif";

    public void Write(ScanReport report, TextWriter output, ReportOptions options)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions))
        {
            WriteLog(w, report, options);
        }

        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.WriteLine();
    }

    /// <summary>SARIF level: critical/high → error, medium → warning, low/info → note.</summary>
    public static string Level(Severity s) => s switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub code scanning's security-severity (0.0–10.0) as a string.</summary>
    public static string SecuritySeverity(Severity s) => s switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "0.0",
    };

    /// <summary>SARIF/GitHub precision from confidence.</summary>
    public static string Precision(Confidence c) => c switch
    {
        Confidence.High => "high",
        Confidence.Medium => "medium",
        _ => "low",
    };

    /// <summary>A relative path as a URI reference (forward slashes, each segment percent-encoded as needed).</summary>
    public static string RelativeUri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static void WriteLog(Utf8JsonWriter w, ScanReport report, ReportOptions options)
    {
        var rules = ReportData.Rules(report);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            index[rules[i].Id] = i;
        }

        var generated = ReportData.GeneratedAt(options);

        w.WriteStartObject();
        w.WriteString("$schema", SchemaUri);
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();

        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", ReportWriters.ToolName);
        w.WriteString("version", options.ToolVersion);
        w.WriteString("semanticVersion", options.ToolVersion);
        w.WriteString("informationUri", options.InformationUri);
        w.WriteStartArray("rules");
        foreach (var r in rules)
        {
            WriteRule(w, r);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", true);
        w.WriteString("startTimeUtc", ReportData.Iso(generated - report.Duration));
        w.WriteString("endTimeUtc", ReportData.Iso(generated));
        if (report.Warnings.Count > 0)
        {
            w.WriteStartArray("toolExecutionNotifications");
            foreach (var warning in report.Warnings)
            {
                w.WriteStartObject();
                w.WriteString("level", "warning");
                w.WriteStartObject("message");
                w.WriteString("text", $"{warning.Input}: {warning.Message}");
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("input", warning.Input);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartObject("automationDetails");
        w.WriteString("id", $"tokenhound/{report.Command}/");
        w.WriteEndObject();
        w.WriteString("columnKind", "utf16CodeUnits");

        w.WriteStartArray("results");
        foreach (var f in ReportData.Sorted(report))
        {
            WriteResult(w, f, index[f.RuleId], options);
        }

        w.WriteEndArray();

        w.WriteStartObject("properties");
        w.WriteString("command", report.Command);
        w.WriteString("target", report.Target);
        w.WriteNumber("suppressed", report.Suppressed);
        w.WriteNumber("durationSeconds", Math.Round(report.Duration.TotalSeconds, 3));
        w.WriteStartObject("stats");
        foreach (var (k, v) in report.Stats.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
        w.WriteStartArray("sections");
        foreach (var s in report.Sections)
        {
            JsonOutput.WriteSection(w, s);
        }

        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, RuleInfo r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("name", r.Name);
        w.WriteStartObject("shortDescription");
        w.WriteString("text", r.Title);
        w.WriteEndObject();
        w.WriteStartObject("fullDescription");
        w.WriteString("text", string.IsNullOrWhiteSpace(r.Description) ? r.Title : r.Description);
        w.WriteEndObject();
        w.WriteStartObject("help");
        w.WriteString("text", HelpText(r));
        w.WriteString("markdown", HelpMarkdown(r));
        w.WriteEndObject();
        w.WriteString("helpUri", r.HelpUri);
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", Level(r.Severity));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteString("family", r.Family);
        w.WriteStartArray("tags");
        foreach (var tag in Tags(r))
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.WriteString("security-severity", SecuritySeverity(r.Severity));
        w.WriteString("precision", Precision(r.Confidence));
        w.WriteString("problem.severity", Level(r.Severity) == "note" ? "recommendation" : Level(r.Severity));
        w.WriteString("severity", r.Severity.Name());
        w.WriteString("confidence", r.Confidence.Name());
        if (!string.IsNullOrEmpty(r.Cwe))
        {
            w.WriteString("cwe", r.Cwe);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static IEnumerable<string> Tags(RuleInfo r)
    {
        var tags = new List<string> { r.Family, "security" };
        if (!string.IsNullOrEmpty(r.Cwe))
        {
            tags.Add(r.Cwe);
            if (r.Cwe.StartsWith("CWE-", StringComparison.Ordinal))
            {
                tags.Add("external/cwe/cwe-" + r.Cwe[4..]);
            }
        }

        return tags.Distinct(StringComparer.Ordinal);
    }

    private static string HelpText(RuleInfo r)
    {
        var sb = new StringBuilder();
        sb.Append(r.Title).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(r.Description))
        {
            sb.Append(r.Description).Append("\n\n");
        }

        sb.Append("How to fix: ").Append(r.Remediation).Append("\n\n");
        if (!string.IsNullOrEmpty(r.Cwe))
        {
            sb.Append(r.Cwe).Append(r.CweUri.Length > 0 ? $" ({r.CweUri})" : "").Append('\n');
        }

        foreach (var reference in r.References)
        {
            sb.Append(reference).Append('\n');
        }

        sb.Append("Docs: ").Append(r.HelpUri);
        return sb.ToString();
    }

    private static string HelpMarkdown(RuleInfo r)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(r.Id).Append(' ').Append(r.Name).Append("**: ").Append(r.Title).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(r.Description))
        {
            sb.Append(r.Description).Append("\n\n");
        }

        sb.Append("## How to fix\n\n").Append(r.Remediation).Append("\n\n");
        sb.Append("## References\n\n");
        if (!string.IsNullOrEmpty(r.Cwe))
        {
            sb.Append("- ").Append(r.CweUri.Length > 0 ? $"[{r.Cwe}]({r.CweUri})" : r.Cwe).Append('\n');
        }

        foreach (var reference in r.References)
        {
            sb.Append("- <").Append(reference).Append(">\n");
        }

        sb.Append("- [TokenHound docs: ").Append(r.Id).Append("](").Append(r.HelpUri).Append(")\n");
        return sb.ToString();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding f, int ruleIndex, ReportOptions options)
    {
        var l = f.Location;
        var hasFile = l.Path is not null;
        var logical = LogicalLocations(l).ToList();

        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", Level(f.Severity));
        w.WriteStartObject("message");
        var text = f.Message;
        if (!hasFile || logical.Count > 0)
        {
            text += $" (at {ReportData.Where(l)})";
        }

        w.WriteString("text", text);
        w.WriteEndObject();

        if (hasFile || logical.Count > 0)
        {
            w.WriteStartArray("locations");
            w.WriteStartObject();
            if (hasFile)
            {
                WritePhysical(w, l);
            }

            if (logical.Count > 0)
            {
                w.WriteStartArray("logicalLocations");
                foreach (var (name, fqn, kind) in logical)
                {
                    w.WriteStartObject();
                    w.WriteString("name", name);
                    w.WriteString("fullyQualifiedName", fqn);
                    w.WriteString("kind", kind);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteStartObject("partialFingerprints");
        w.WriteString(FingerprintKey, f.Fingerprint);
        w.WriteEndObject();

        w.WriteStartObject("properties");
        w.WriteString("family", f.Family);
        w.WriteString("severity", f.Severity.Name());
        w.WriteString("confidence", f.Confidence.Name());
        w.WriteString("title", f.Title);
        w.WriteString("evidence", f.Evidence);
        if (options.ShowSecrets && f.Secret is not null)
        {
            w.WriteString("secret", f.Secret);
        }

        if (!string.IsNullOrEmpty(f.Rule.Cwe))
        {
            w.WriteString("cwe", f.Rule.Cwe);
        }

        void Opt(string name, string? value)
        {
            if (value is not null)
            {
                w.WriteString(name, value);
            }
        }

        Opt("commit", l.Commit);
        Opt("author", l.Author);
        Opt("commitDate", l.CommitDate is { } cd ? ReportData.Iso(cd) : null);
        Opt("logGroup", l.LogGroup);
        Opt("logStream", l.LogStream);
        Opt("timestamp", l.Timestamp is { } ts ? ReportData.Iso(ts) : null);
        Opt("requestId", l.RequestId);
        Opt("eventId", l.EventId);
        Opt("traceId", l.TraceId);
        Opt("segmentId", l.SegmentId);
        Opt("service", l.Service);
        Opt("url", l.Url);
        Opt("request", l.Request);
        if (!string.IsNullOrWhiteSpace(f.Remediation))
        {
            w.WriteString("remediation", f.Remediation);
        }

        foreach (var (k, v) in f.Properties)
        {
            w.WriteString(ReservedResultProperties.Contains(k) || k == "remediation" ? "finding." + k : k, v);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePhysical(Utf8JsonWriter w, Location l)
    {
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        var path = l.Path!;
        if (IsAbsolute(path, out var absolute))
        {
            w.WriteString("uri", absolute);
        }
        else
        {
            w.WriteString("uri", RelativeUri(path));
            w.WriteString("uriBaseId", SrcRoot);
        }

        w.WriteEndObject();
        if (l.Line > 0)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", l.Line);
            if (l.Column > 0)
            {
                w.WriteNumber("startColumn", l.Column);
            }

            var endLine = l.EndLine >= l.Line ? l.EndLine : l.Line;
            if (l.EndLine >= l.Line)
            {
                w.WriteNumber("endLine", l.EndLine);
            }

            if (l.EndColumn > 0 && (endLine > l.Line || l.EndColumn > l.Column))
            {
                w.WriteNumber("endColumn", l.EndColumn);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static bool IsAbsolute(string path, out string uri)
    {
        uri = "";
        if (path.Length > 2 && char.IsAsciiLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/'))
        {
            uri = "file:///" + RelativeUri(path[..2]).Replace("%3A", ":", StringComparison.Ordinal) + "/" + RelativeUri(path[3..]);
            return true;
        }

        if (path.StartsWith('/'))
        {
            uri = "file://" + RelativeUri(path);
            return true;
        }

        return false;
    }

    /// <summary>Runtime places as (name, fullyQualifiedName, kind) entries.</summary>
    private static IEnumerable<(string Name, string Fqn, string Kind)> LogicalLocations(Location l)
    {
        if (l.LogGroup is not null || l.LogStream is not null)
        {
            var fqn = string.Join(':', new[] { l.LogGroup, l.LogStream }.Where(x => x is not null));
            yield return (l.LogStream ?? l.LogGroup!, fqn, "resource");
        }

        if (l.EventId is not null)
        {
            yield return (l.EventId, "cloudtrail:" + l.EventId, "resource");
        }

        if (l.TraceId is not null)
        {
            var fqn = "trace:" + l.TraceId + (l.SegmentId is not null ? "/" + l.SegmentId : "");
            yield return (l.SegmentId ?? l.TraceId, fqn, "resource");
        }

        if (l.Url is not null)
        {
            yield return (l.Request ?? l.Url, l.Url, "resource");
        }
    }
}
