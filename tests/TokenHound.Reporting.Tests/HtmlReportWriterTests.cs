using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TokenHound.Core;

namespace TokenHound.Reporting.Tests;

public sealed class HtmlReportWriterTests
{
    private static string Render(ScanReport report, bool showSecrets = false) =>
        Fixtures.Render(new HtmlReportWriter(), report, Fixtures.Options(showSecrets));

    private static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    [Fact]
    public void Planted_markup_comes_out_encoded()
    {
        const string Evil = "<script>alert('x')</script>";
        var report = new ScanReport
        {
            Command = "scan",
            Target = "dir" + Evil,
            Findings =
            [
                Fixtures.Make(Fixtures.JwtRule, new Location { Path = "src/" + Evil + ".js", Line = 3 }, null, "msg " + Evil,
                    properties: new Dictionary<string, string> { ["k" + Evil] = "v" + Evil, ["quote"] = "\" onmouseover=\"x" }),
            ],
            Warnings = [new ScanWarning(Evil, Evil)],
            Sections = [new ReportSection(Evil, [Evil], [[Evil]]) { Note = Evil }],
        };
        var html = Render(report);
        Assert.Equal(1, Count(html, "<script>")); // ours only
        Assert.Equal(1, Count(html, "</script>"));
        Assert.DoesNotContain("alert('x')</script>", html);
        Assert.Contains("msg &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("&quot; onmouseover=&quot;x", html);
        Assert.DoesNotContain("\" onmouseover=\"x", html);
        // Title, path, property key/value, warning, section title/column/cell/note: all encoded.
        Assert.True(Count(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") >= 10);
    }

    [Fact]
    public void File_is_self_contained()
    {
        var html = Render(Fixtures.Full());
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("Content-Security-Policy", html);
        Assert.Contains("default-src 'none'", html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<style>", html);
        Assert.Contains("<script>", html);
    }

    [Fact]
    public void Chart_is_stacked_bars_by_family_and_severity()
    {
        var html = Render(Fixtures.Full());
        var start = html.IndexOf("<svg", StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", StringComparison.Ordinal) + "</svg>".Length;
        var svg = XDocument.Parse(html[start..end]).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        var bars = svg.Elements(ns + "g").Where(g => (string?)g.Attribute("class") == "bar").ToList();
        Assert.Equal(
            ["hardcoded-aws-credential", "instance-credential-exfiltration", "log-exposure-config", "token-in-logs", "token-in-traces", "token-reflection"],
            bars.Select(b => (string)b.Attribute("data-family")!));

        double W(XElement r) => double.Parse((string)r.Attribute("width")!, CultureInfo.InvariantCulture);
        var aws = bars[0].Elements(ns + "rect").ToList();
        Assert.Equal(["seg sev-critical", "seg sev-high", "seg sev-low"], aws.Select(r => (string)r.Attribute("class")!));
        Assert.Equal([HtmlReportWriter.Colour(Severity.Critical), HtmlReportWriter.Colour(Severity.High), HtmlReportWriter.Colour(Severity.Low)],
            aws.Select(r => (string)r.Attribute("fill")!));
        Assert.Equal(460, aws.Sum(W), 1);
        // Segments are stacked: each starts where the previous one ends.
        Assert.Equal(double.Parse((string)aws[0].Attribute("x")!, CultureInfo.InvariantCulture) + W(aws[0]),
            double.Parse((string)aws[1].Attribute("x")!, CultureInfo.InvariantCulture), 1);
        // A family with one finding is a third as long as the one with three.
        var single = bars[1].Elements(ns + "rect").Single();
        Assert.Equal(460.0 / 3, W(single), 1);
        Assert.Equal("instance-credential-exfiltration: 1 critical", single.Element(ns + "title")!.Value);
        Assert.Equal("3", bars[0].Elements(ns + "text").Last().Value);
    }

    [Fact]
    public void Findings_table_has_filterable_rows_and_sections_and_warnings()
    {
        var html = Render(Fixtures.Full());
        var table = html[html.IndexOf("<table id=\"findings-table\"", StringComparison.Ordinal)..];
        table = table[..(table.IndexOf("</table>", StringComparison.Ordinal) + 8)];
        var rows = Regex.Matches(table, "<tr data-sev=\"(\\d)\" data-family=\"([^\"]+)\">").ToList();
        Assert.Equal(8, rows.Count);
        Assert.Equal("44332110", string.Concat(rows.Select(m => m.Groups[1].Value))); // worst first
        Assert.Equal(2, rows.Count(m => m.Groups[1].Value == ((int)Severity.Critical).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(3, rows.Count(m => m.Groups[2].Value == "hardcoded-aws-credential"));
        Assert.Contains("<td class=\"loc\">src/handlers/app.js:12:20</td>", table);
        Assert.Contains("<dt>accountId</dt><dd>123456789012</dd>", table);
        Assert.Contains("id=\"q\"", html);
        Assert.Contains("id=\"fam\"", html);
        Assert.Contains("<option value=\"token-in-logs\">token-in-logs (1)</option>", html);

        Assert.Contains("<h2>Tokens by log group</h2>", html);
        Assert.Contains("<td>/aws/lambda/orders-api</td>", html);
        Assert.Contains("<p class=\"note\">1 log group leaks tokens.</p>", html);
        Assert.Contains("<h2>Probe score</h2>", html);
        Assert.Contains("<h2>2 warning(s)</h2>", html);
        Assert.Contains("<li><code>logs/broken.gz</code>: truncated gzip; 12 events read</li>", html);
        Assert.Contains("8 finding(s)", html);
        Assert.Contains("<span class=\"badge sev-critical\">2 critical</span>", html);
    }

    [Fact]
    public void Empty_report_has_no_chart()
    {
        var html = Render(new ScanReport { Command = "scan" });
        Assert.Contains("No findings.", html);
        Assert.DoesNotContain("<svg", html);
        Assert.Contains("</html>", html);
    }

    [Fact]
    public void Secrets_are_masked_unless_show_secrets()
    {
        var masked = Render(Fixtures.Full(), showSecrets: false);
        var shown = Render(Fixtures.Full(), showSecrets: true);
        foreach (var secret in Fixtures.AllSecrets)
        {
            Assert.DoesNotContain(secret, masked);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(secret), shown);
        }
    }
}
