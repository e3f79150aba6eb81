using TokenHound.Core;

namespace TokenHound.Reporting;

/// <summary>Human text, grouped by file (or log group / URL / trace), colours when allowed.</summary>
public sealed class TextReportWriter : IReportWriter
{
    public string Format => "text";

    /// <summary>The group a finding is listed under: its file, else its log group, trace or URL.</summary>
    public static string GroupOf(Location l) =>
        l.Path ?? l.LogGroup ?? (l.TraceId is not null ? "trace " + l.TraceId : null) ?? l.Url ?? (l.EventId is not null ? "CloudTrail" : "(input)");

    /// <summary>Where inside its group a finding is: line:column, or the runtime place without repeating the group.</summary>
    public static string PlaceInGroup(Location l)
    {
        var parts = new List<string>();
        if (l.Line > 0)
        {
            parts.Add(l.Column > 0 ? $"{l.Line}:{l.Column}" : $"{l.Line}");
        }

        if (l.Commit is { } commit)
        {
            parts.Add($"in {commit[..Math.Min(12, commit.Length)]}" + (l.Author is { } a ? $" by {a}" : "") +
                (l.CommitDate is { } d ? $" on {d:yyyy-MM-dd}" : ""));
        }

        if (l.LogGroup is not null && l.Path is not null)
        {
            parts.Add(l.LogGroup);
        }

        if (l.LogStream is not null)
        {
            parts.Add(l.LogStream);
        }

        if (l.EventId is not null)
        {
            parts.Add("event " + l.EventId);
        }

        if (l.TraceId is not null && (l.Path is not null || l.LogGroup is not null))
        {
            parts.Add("trace " + l.TraceId);
        }

        if (l.SegmentId is not null)
        {
            parts.Add("segment " + l.SegmentId);
        }

        if (l.Service is not null)
        {
            parts.Add($"({l.Service})");
        }

        if (l.Url is not null && GroupOf(l) != l.Url)
        {
            parts.Add(l.Url);
        }

        if (l.Request is not null)
        {
            parts.Add($"[{l.Request}]");
        }

        if (l.Timestamp is { } t)
        {
            parts.Add("@ " + ReportData.Iso(t));
        }

        if (l.RequestId is not null)
        {
            parts.Add("request " + l.RequestId);
        }

        return parts.Count > 0 ? string.Join(' ', parts) : "-";
    }

    public void Write(ScanReport report, TextWriter o, ReportOptions options)
    {
        string C(string code, string s) => options.Color ? $"\u001b[{code}m{s}\u001b[0m" : s;
        string Sev(Severity s) => s switch
        {
            Severity.Critical => C("1;31", "CRITICAL"),
            Severity.High => C("31", "HIGH"),
            Severity.Medium => C("33", "MEDIUM"),
            Severity.Low => C("36", "LOW"),
            _ => C("90", "INFO"),
        };

        foreach (var group in ReportData.Sorted(report).GroupBy(f => GroupOf(f.Location), StringComparer.Ordinal))
        {
            o.WriteLine(C("1", group.Key));
            foreach (var f in group)
            {
                o.WriteLine($"  {PlaceInGroup(f.Location)}  {Sev(f.Severity)}  {f.RuleId} {f.Rule.Name} [{f.Family}]");
                o.WriteLine($"    {f.Message}");
                o.WriteLine($"    evidence: {ReportWriters.Evidence(f, options)}   fingerprint: {f.Fingerprint}");
                foreach (var (k, v) in f.Properties)
                {
                    o.WriteLine(C("90", $"    {k}: {v}"));
                }
            }

            o.WriteLine();
        }

        foreach (var s in report.Sections)
        {
            o.WriteLine(C("1", s.Title));
            var widths = s.Columns.Select((c, i) => Math.Max(c.Length, s.Rows.Select(r => i < r.Count ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
            o.WriteLine("  " + string.Join("  ", s.Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            foreach (var r in s.Rows)
            {
                o.WriteLine("  " + string.Join("  ", r.Select((c, i) => c.PadRight(i < widths.Length ? widths[i] : 0))).TrimEnd());
            }

            if (s.Note is not null)
            {
                o.WriteLine("  " + s.Note);
            }

            o.WriteLine();
        }

        var bySev = report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.Name()}");
        var stats = ReportData.Stats(report);
        o.WriteLine($"{report.Findings.Count} finding(s)" + (report.Findings.Count > 0 ? $" ({string.Join(", ", bySev)})" : "") +
            (report.Suppressed > 0 ? $", {report.Suppressed} suppressed" : "") +
            (report.Warnings.Count > 0 ? $", {report.Warnings.Count} warning(s)" : "") +
            (stats.Length > 0 ? $"; {stats}" : "") + $"; {ReportData.Duration(report.Duration)}");
    }
}
