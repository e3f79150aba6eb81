using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TokenHound.Core;

namespace TokenHound.Reporting;

/// <summary>
/// TokenHound's own JSON report, schema version <see cref="SchemaVersion"/> (docs/report-schema.json, docs/reports.md).
/// Additive changes keep the major version; removing or renaming a field bumps it.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    public const string SchemaVersion = "1.0";

    public string Format => "json";

    public void Write(ScanReport report, TextWriter output, ReportOptions options)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions))
        {
            WriteReport(w, report, options);
        }

        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.WriteLine();
    }

    private static void WriteReport(Utf8JsonWriter w, ScanReport report, ReportOptions options)
    {
        var findings = ReportData.Sorted(report);
        w.WriteStartObject();
        w.WriteString("schemaVersion", SchemaVersion);
        w.WriteStartObject("tool");
        w.WriteString("name", ReportWriters.ToolName);
        w.WriteString("version", options.ToolVersion);
        w.WriteString("informationUri", options.InformationUri);
        w.WriteEndObject();
        w.WriteString("command", report.Command);
        w.WriteString("target", report.Target);
        w.WriteString("generatedAt", ReportData.Iso(ReportData.GeneratedAt(options)));
        w.WriteNumber("durationSeconds", Math.Round(report.Duration.TotalSeconds, 3));

        w.WriteStartObject("stats");
        foreach (var (k, v) in report.Stats.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
        w.WriteNumber("suppressed", report.Suppressed);

        w.WriteStartObject("summary");
        w.WriteNumber("total", findings.Count);
        w.WriteStartObject("bySeverity");
        foreach (var (s, n) in ReportData.CountBySeverity(findings))
        {
            w.WriteNumber(s.Name(), n);
        }

        w.WriteEndObject();
        w.WriteStartObject("byFamily");
        foreach (var (family, n) in ReportData.CountByFamily(findings))
        {
            w.WriteNumber(family, n);
        }

        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("warnings");
        foreach (var warning in report.Warnings)
        {
            w.WriteStartObject();
            w.WriteString("input", warning.Input);
            w.WriteString("message", warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("sections");
        foreach (var s in report.Sections)
        {
            JsonOutput.WriteSection(w, s);
        }

        w.WriteEndArray();

        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            WriteFinding(w, f, options);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f, ReportOptions options)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteString("ruleName", f.Rule.Name);
        w.WriteString("family", f.Family);
        w.WriteString("severity", f.Severity.Name());
        w.WriteString("confidence", f.Confidence.Name());
        w.WriteString("title", f.Title);
        w.WriteString("message", f.Message);
        w.WritePropertyName("location");
        WriteLocation(w, f.Location);
        w.WriteString("fingerprint", f.Fingerprint);
        w.WriteString("evidence", f.Evidence);
        if (options.ShowSecrets && f.Secret is not null)
        {
            w.WriteString("secret", f.Secret);
        }

        w.WriteStartObject("properties");
        foreach (var (k, v) in f.Properties)
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
        w.WriteString("remediation", ReportData.Remediation(f));
        w.WriteString("cwe", f.Rule.Cwe);
        w.WriteString("docs", f.Rule.HelpUri);
        w.WriteEndObject();
    }

    /// <summary>Writes a location object; null strings and zero numbers are left out.</summary>
    internal static void WriteLocation(Utf8JsonWriter w, Location l)
    {
        w.WriteStartObject();
        Str("path", l.Path);
        Num("line", l.Line);
        Num("column", l.Column);
        Num("endLine", l.EndLine);
        Num("endColumn", l.EndColumn);
        Str("commit", l.Commit);
        Str("author", l.Author);
        Time("commitDate", l.CommitDate);
        Str("logGroup", l.LogGroup);
        Str("logStream", l.LogStream);
        Time("timestamp", l.Timestamp);
        Str("requestId", l.RequestId);
        Str("eventId", l.EventId);
        Str("traceId", l.TraceId);
        Str("segmentId", l.SegmentId);
        Str("service", l.Service);
        Str("url", l.Url);
        Str("request", l.Request);
        w.WriteEndObject();

        void Str(string name, string? value)
        {
            if (value is not null)
            {
                w.WriteString(name, value);
            }
        }

        void Num(string name, int value)
        {
            if (value > 0)
            {
                w.WriteNumber(name, value);
            }
        }

        void Time(string name, DateTimeOffset? value)
        {
            if (value is { } t)
            {
                w.WriteString(name, ReportData.Iso(t));
            }
        }
    }
}

/// <summary>JSON settings and pieces shared by the JSON and SARIF writers.</summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Readable non-ASCII (the mask's ellipsis, names); the output is a JSON file, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteSection(Utf8JsonWriter w, ReportSection s)
    {
        w.WriteStartObject();
        w.WriteString("title", s.Title);
        w.WriteStartArray("columns");
        foreach (var c in s.Columns)
        {
            w.WriteStringValue(c);
        }

        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var r in s.Rows)
        {
            w.WriteStartArray();
            foreach (var c in r)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        if (s.Note is not null)
        {
            w.WriteString("note", s.Note);
        }

        w.WriteEndObject();
    }
}
