using System.Text;
using TokenHound.Core;

namespace TokenHound.Reporting.Tests;

public sealed class MarkdownReportWriterTests
{
    private static string Render(ScanReport report, bool showSecrets = false, MarkdownReportWriter? writer = null) =>
        Fixtures.Render(writer ?? new MarkdownReportWriter(), report, Fixtures.Options(showSecrets));

    /// <summary>Cells of a GFM table row, honouring backslash escapes (an escaped pipe stays inside its cell).</summary>
    private static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var t = row.Trim();
        Assert.StartsWith("|", t);
        Assert.EndsWith("|", t);
        for (var i = 1; i < t.Length; i++)
        {
            if (t[i] == '\\' && i + 1 < t.Length)
            {
                cell.Append(t[i]).Append(t[i + 1]);
                i++;
            }
            else if (t[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(t[i]);
            }
        }

        return cells;
    }

    private static List<string> TableAfter(string md, string heading)
    {
        var lines = md.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf(heading);
        Assert.True(start >= 0, $"no '{heading}' in:\n{md}");
        var first = lines.FindIndex(start, l => l.StartsWith('|'));
        return [.. lines.Skip(first).TakeWhile(l => l.StartsWith('|'))];
    }

    [Fact]
    public void Summary_counts_findings_by_severity()
    {
        var md = Render(Fixtures.Full());
        Assert.Contains("**8 finding(s)** in examples/ · 2 suppressed · 42 files, 123,456 bytes · 1.23s", md);
        var rows = TableAfter(md, "## TokenHound scan report").Select(Cells).ToList();
        Assert.Equal(["Severity", "Findings"], rows[0]);
        var counts = rows.Skip(2).ToDictionary(r => r[0].Split(' ')[1], r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<string, int> { ["critical"] = 2, ["high"] = 2, ["medium"] = 1, ["low"] = 2, ["info"] = 1 }, counts);
    }

    [Fact]
    public void Findings_table_has_one_row_per_finding_with_five_cells()
    {
        var md = Render(Fixtures.Full());
        var rows = TableAfter(md, "### Findings");
        Assert.Equal(["Severity", "Rule", "Location", "Message", "Evidence"], Cells(rows[0]));
        var body = rows.Skip(2).Select(Cells).ToList();
        Assert.Equal(8, body.Count);
        // Worst first.
        Assert.Equal(["critical", "critical", "high", "high", "medium", "low", "low", "info"], body.Select(r => r[0].Split(' ')[1]));
        Assert.All(body, r => Assert.Equal(5, r.Count));

        var file = body.Single(r => r[3].StartsWith("AWS access key id", StringComparison.Ordinal));
        Assert.EndsWith("high", file[0]);
        Assert.StartsWith($"[THS001]({Fixtures.AccessKey.HelpUri}) aws-access-key-id", file[1]);
        Assert.Contains("hardcoded-aws-credential", file[1]);
        Assert.Equal("`src/handlers/app.js:12:20`", file[2]);
        Assert.Contains("accountId: 123456789012", file[3]);
        Assert.Equal("`" + SecretMask.Mask(Fixtures.KeyId) + "`", file[4]);

        var log = body.Single(r => r[1].Contains("THL001", StringComparison.Ordinal));
        Assert.Contains("/aws/lambda/orders-api", log[2]);
        Assert.Contains("request 8f5e4a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b", log[2]);
        var commit = body.Single(r => r[1].Contains("THS002", StringComparison.Ordinal));
        Assert.Equal("`0123456789ab:config/settings.py:3:1`", commit[2]);
    }

    [Fact]
    public void Pipes_backticks_and_html_are_escaped_in_cells()
    {
        var report = new ScanReport
        {
            Command = "scan",
            Findings =
            [
                Fixtures.Make(Fixtures.JwtRule, new Location { Path = "a|b.js", Line = 1 }, null, "value `x|y` <b>bold</b>\nnext *line*") with
                {
                    Evidence = "ab``c|d",
                },
                Fixtures.Make(Fixtures.JwtRule, new Location { Path = "b.js", Line = 2 }, null, "second") with { Evidence = "`tick``s`" },
            ],
            Sections = [new ReportSection("Odd | section", ["a|b", "c"], [["`1`", "2|3"]])],
        };
        var md = Render(report);
        var rows = TableAfter(md, "### Findings").Skip(2).ToList();
        Assert.Equal("``` `tick``s` ```", Cells(rows[1])[4]);
        var cells = Cells(rows[0]);
        Assert.Equal(5, cells.Count);
        Assert.Equal("a\\|b.js:1", cells[2]);
        Assert.Equal("ab\\`\\`c\\|d", cells[4]);
        Assert.Equal("value \\`x\\|y\\` &lt;b&gt;bold&lt;/b&gt;<br>next \\*line\\*", cells[3]);
        Assert.DoesNotContain("<b>", md);

        var section = TableAfter(md, "### Odd \\| section").Select(Cells).ToList();
        Assert.Equal(["a\\|b", "c"], section[0]);
        Assert.Equal(["\\`1\\`", "2\\|3"], section[2]);
    }

    [Fact]
    public void Sections_become_tables_and_warnings_are_collapsed()
    {
        var md = Render(Fixtures.Full());
        var logs = TableAfter(md, "### Tokens by log group").Select(Cells).ToList();
        Assert.Equal(["Log group", "Kind", "Count", "First seen", "Last seen"], logs[0]);
        Assert.Equal("/aws/lambda/orders-api", logs[2][0]);
        Assert.Contains("1 log group leaks tokens.", md);
        var score = TableAfter(md, "### Probe score").Select(Cells).ToList();
        Assert.Equal(["Overall", "82", "B"], score[3]);

        var details = md[md.IndexOf("<details>", StringComparison.Ordinal)..];
        Assert.Contains("<summary>2 warning(s)</summary>", details);
        Assert.Contains("- assets/logo.bin: binary file skipped", details);
        Assert.Contains("- logs/broken.gz: truncated gzip; 12 events read", details);
        Assert.Contains("</details>", details);
    }

    [Fact]
    public void Empty_report_says_no_findings()
    {
        var md = Render(new ScanReport { Command = "scan" });
        Assert.Contains("**No findings**", md);
        Assert.DoesNotContain("### Findings", md);
        Assert.DoesNotContain("<details>", md);
    }

    [Fact]
    public void Long_lists_are_cut_with_a_count_of_the_rest()
    {
        var md = Render(Fixtures.Full(), writer: new MarkdownReportWriter { MaxFindingRows = 3 });
        Assert.Equal(3, TableAfter(md, "### Findings").Count - 2);
        Assert.Contains("… and 5 more finding(s)", md);
    }

    [Fact]
    public void Big_reports_fit_in_a_pull_request_comment()
    {
        var report = new ScanReport { Command = "scan" };
        for (var i = 0; i < 1000; i++)
        {
            report.Findings.Add(Fixtures.Make(Fixtures.AccessKey, new Location { Path = $"src/module{i}/deeply/nested/handler_{i}.js", Line = i + 1, Column = 3 },
                Fixtures.KeyId + i, $"AWS access key id number {i} with a fairly long explanation of why it matters",
                properties: new Dictionary<string, string> { ["kind"] = "long-term", ["accountId"] = "123456789012" }));
        }

        var md = Render(report);
        Assert.True(md.Length < 65_536, $"{md.Length} characters");
        var shown = TableAfter(md, "### Findings").Count - 2;
        Assert.InRange(shown, 50, 199);
        Assert.Contains($"… and {1000 - shown} more finding(s)", md);
    }

    [Fact]
    public void Secrets_are_masked_unless_show_secrets()
    {
        var masked = Render(Fixtures.Full(), showSecrets: false);
        var shown = Render(Fixtures.Full(), showSecrets: true);
        foreach (var secret in Fixtures.AllSecrets)
        {
            Assert.DoesNotContain(secret, masked);
            Assert.Contains("`" + secret + "`", shown);
        }
    }
}
