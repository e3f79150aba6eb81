using TokenHound.Core;

namespace TokenHound.Reporting;

/// <summary>Human text, grouped by file (or log group / URL), colours when allowed.</summary>
public sealed class TextReportWriter : IReportWriter
{
    public string Format => "text";

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

        foreach (var group in report.Findings.GroupBy(f => f.Location.Path ?? f.Location.LogGroup ?? f.Location.Url ?? f.Location.TraceId ?? ""))
        {
            o.WriteLine(C("1", group.Key.Length > 0 ? group.Key : "(input)"));
            foreach (var f in group)
            {
                var where = f.Location.Line > 0 ? $"{f.Location.Line}:{f.Location.Column}" : f.Location.Display();
                if (f.Location.Commit is { } commit)
                {
                    where += $" in {commit[..Math.Min(12, commit.Length)]}" + (f.Location.Author is { } a ? $" by {a}" : "") +
                        (f.Location.CommitDate is { } d ? $" on {d:yyyy-MM-dd}" : "");
                }

                o.WriteLine($"  {where}  {Sev(f.Severity)}  {f.RuleId} {f.Rule.Name} [{f.Family}]");
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
        var stats = string.Join(", ", report.Stats.Select(kv => $"{kv.Value:N0} {kv.Key}"));
        o.WriteLine($"{report.Findings.Count} finding(s)" + (report.Findings.Count > 0 ? $" ({string.Join(", ", bySev)})" : "") +
            (report.Suppressed > 0 ? $", {report.Suppressed} suppressed" : "") +
            $"; {stats}; {report.Duration.TotalSeconds:0.00}s");
    }
}
