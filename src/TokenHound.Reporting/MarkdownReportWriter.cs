using System.Text;
using TokenHound.Core;

namespace TokenHound.Reporting;

/// <summary>GitHub-flavoured markdown for pull-request comments: summary, findings table, sections, warnings.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    /// <summary>At most this many finding rows; the rest are counted.</summary>
    public int MaxFindingRows { get; init; } = 200;

    /// <summary>
    /// At most this many characters of finding rows (a GitHub PR comment holds 65,536 characters in all); the rows
    /// that do not fit are counted.
    /// </summary>
    public int MaxFindingTableChars { get; init; } = 50_000;

    public string Format => "markdown";

    public void Write(ScanReport report, TextWriter o, ReportOptions options)
    {
        var findings = ReportData.WorstFirst(report);
        o.WriteLine($"## {ReportWriters.ToolName} {Cell(report.Command)} report");
        o.WriteLine();
        var head = new StringBuilder();
        head.Append(findings.Count == 0 ? "**No findings**" : $"**{findings.Count} finding(s)**");
        if (report.Target.Length > 0)
        {
            head.Append(" in ").Append(Cell(report.Target));
        }

        if (report.Suppressed > 0)
        {
            head.Append($" · {report.Suppressed} suppressed");
        }

        var stats = ReportData.Stats(report);
        if (stats.Length > 0)
        {
            head.Append(" · ").Append(Cell(stats));
        }

        head.Append(" · ").Append(ReportData.Duration(report.Duration));
        o.WriteLine(head.ToString());
        o.WriteLine();

        if (findings.Count > 0)
        {
            var counts = ReportData.CountBySeverity(findings);
            o.WriteLine("| Severity | Findings |");
            o.WriteLine("|---|---:|");
            foreach (var s in ReportData.SeveritiesDescending)
            {
                o.WriteLine($"| {Icon(s)} {s.Name()} | {counts[s]} |");
            }

            o.WriteLine();
            o.WriteLine("| Family | Findings | " + string.Join(" | ", ReportData.SeveritiesDescending.Select(s => s.Name())) + " |");
            o.WriteLine("|---|---:|" + string.Concat(Enumerable.Repeat("---:|", ReportData.SeveritiesDescending.Length)));
            foreach (var (family, n) in ReportData.CountByFamily(findings))
            {
                var bySev = ReportData.CountBySeverity(findings.Where(f => f.Family == family));
                o.WriteLine($"| {Cell(family)} | {n} | " + string.Join(" | ", ReportData.SeveritiesDescending.Select(s => bySev[s] == 0 ? "" : bySev[s].ToString(System.Globalization.CultureInfo.InvariantCulture))) + " |");
            }

            o.WriteLine();
            o.WriteLine("### Findings");
            o.WriteLine();
            o.WriteLine("| Severity | Rule | Location | Message | Evidence |");
            o.WriteLine("|---|---|---|---|---|");
            var written = 0;
            var chars = 0;
            foreach (var f in findings)
            {
                var message = Cell(f.Message);
                if (f.Properties.Count > 0)
                {
                    message += "<br><sub>" + string.Join("; ", f.Properties.Select(kv => Cell($"{kv.Key}: {kv.Value}"))) + "</sub>";
                }

                var row = $"| {Icon(f.Severity)} {f.Severity.Name()} | [{f.RuleId}]({f.Rule.HelpUri}) {Cell(f.Rule.Name)}<br><sub>{Cell(f.Family)}</sub> | {Code(ReportData.Where(f.Location))} | {message} | {Code(ReportWriters.Evidence(f, options))} |";
                if (written >= MaxFindingRows || (written > 0 && chars + row.Length > MaxFindingTableChars))
                {
                    break;
                }

                o.WriteLine(row);
                written++;
                chars += row.Length + 1;
            }

            if (findings.Count > written)
            {
                o.WriteLine();
                o.WriteLine($"… and {findings.Count - written} more finding(s): use `--format sarif`, `--format json` or `--format html` for the full list.");
            }

            o.WriteLine();
        }

        foreach (var s in report.Sections)
        {
            o.WriteLine($"### {Cell(s.Title)}");
            o.WriteLine();
            if (s.Columns.Count > 0)
            {
                o.WriteLine("| " + string.Join(" | ", s.Columns.Select(Cell)) + " |");
                o.WriteLine("|" + string.Concat(Enumerable.Repeat("---|", s.Columns.Count)));
                foreach (var r in s.Rows)
                {
                    var cells = Enumerable.Range(0, Math.Max(s.Columns.Count, r.Count)).Select(i => i < r.Count ? Cell(r[i]) : "");
                    o.WriteLine("| " + string.Join(" | ", cells) + " |");
                }

                o.WriteLine();
            }

            if (s.Note is not null)
            {
                o.WriteLine(Cell(s.Note));
                o.WriteLine();
            }
        }

        if (report.Warnings.Count > 0)
        {
            o.WriteLine("<details>");
            o.WriteLine($"<summary>{report.Warnings.Count} warning(s)</summary>");
            o.WriteLine();
            foreach (var w in report.Warnings)
            {
                o.WriteLine($"- {Cell(w.Input)}: {Cell(w.Message)}");
            }

            o.WriteLine();
            o.WriteLine("</details>");
            o.WriteLine();
        }
    }

    private static string Icon(Severity s) => s switch
    {
        Severity.Critical => "🔴",
        Severity.High => "🟠",
        Severity.Medium => "🟡",
        Severity.Low => "🔵",
        _ => "⚪",
    };

    /// <summary>
    /// A code span that is safe in a table cell (the fence is longer than any backtick run inside; line breaks become
    /// spaces). Text with a pipe is written as escaped plain text instead: renderers disagree on "\|" inside code spans
    /// (GitHub drops the backslash, CommonMark-based renderers such as Markdig keep it).
    /// </summary>
    public static string Code(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.Contains('|'))
        {
            return Cell(text);
        }

        var body = new StringBuilder(text.Length + 4);
        int run = 0, longest = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
            body.Append(char.IsControl(c) ? ' ' : c);
        }

        var fence = new string('`', longest + 1);
        var inner = body.ToString();
        var pad = inner.StartsWith('`') || inner.EndsWith('`') || (inner.StartsWith(' ') && inner.EndsWith(' ')) ? " " : "";
        return fence + pad + inner + pad + fence;
    }

    /// <summary>
    /// Makes text safe inside a table cell (and inline text): markdown punctuation and pipes are backslash-escaped,
    /// HTML special characters become entities, line breaks become &lt;br&gt;.
    /// </summary>
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '`' or '|' or '*' or '_' or '[' or ']' or '~' or '#' or '!':
                    sb.Append('\\').Append(c);
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    sb.Append("<br>");
                    break;
                case '\n':
                    sb.Append("<br>");
                    break;
                case '\t':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return sb.ToString();
    }
}
