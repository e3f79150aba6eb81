using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Markdig;
using TokenHound.Core;

namespace TokenHound.Reporting.Tests;

/// <summary>
/// The markdown and HTML reports as a reader sees them: markdown rendered by Markdig (GitHub-style pipe tables),
/// HTML parsed into a DOM by AngleSharp (an HTML5 parser).
/// </summary>
public sealed class RenderedOutputTests
{
    private const string Evil = "<script>alert('x')</script>";

    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static IDocument Dom(string html) => new HtmlParser().ParseDocument(html);

    private static ScanReport Hostile() => new()
    {
        Command = "scan",
        Target = "dir" + Evil,
        Findings =
        [
            Fixtures.Make(Fixtures.JwtRule, new Location { Path = "a|b.js", Line = 1 }, null, "value `x|y` <b>bold</b> " + Evil,
                properties: new Dictionary<string, string> { ["k"] = "v\" onmouseover=\"alert(1)" }) with { Evidence = "ab``c|d" },
            Fixtures.Make(Fixtures.JwtRule, new Location { Path = "b.js", Line = 2 }, null, "second") with { Evidence = "`tick``s`" },
        ],
        Warnings = [new ScanWarning("in|put", Evil)],
        Sections = [new ReportSection("Odd | section", ["a|b", "c"], [["`1`", Evil]])],
    };

    [Fact]
    public void Markdown_renders_one_table_row_per_finding_with_five_cells()
    {
        var doc = Dom(Markdown.ToHtml(Fixtures.Render(new MarkdownReportWriter(), Fixtures.Full()), Gfm));
        var tables = doc.QuerySelectorAll("table").ToList();
        Assert.Equal(5, tables.Count); // by severity, by family, findings, two sections
        var families = tables[1].QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(["hardcoded-aws-credential", "3", "1", "1", "", "1", ""], families[0].Children.Select(c => c.TextContent));
        var rows = tables[2].QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.Equal(5, r.QuerySelectorAll("td").Length));
        var file = rows.Single(r => r.Children[3].TextContent.StartsWith("AWS access key id", StringComparison.Ordinal));
        Assert.Equal("src/handlers/app.js:12:20", file.Children[2].TextContent);
        Assert.Equal("code", file.Children[2].FirstElementChild!.LocalName);
        Assert.Equal(SecretMask.Mask(Fixtures.KeyId), file.Children[4].TextContent);
        Assert.Equal(Fixtures.AccessKey.HelpUri, file.Children[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("82", tables[4].QuerySelectorAll("tbody tr")[1].Children[1].TextContent);

        var details = doc.QuerySelector("details")!;
        Assert.Equal("2 warning(s)", details.QuerySelector("summary")!.TextContent);
        Assert.Equal(2, details.QuerySelectorAll("li").Length);
    }

    [Fact]
    public void Markdown_cells_keep_pipes_backticks_and_markup_as_text()
    {
        var md = Fixtures.Render(new MarkdownReportWriter(), Hostile());
        var doc = Dom(Markdown.ToHtml(md, Gfm));
        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Empty(doc.QuerySelectorAll("b"));
        var row = doc.QuerySelectorAll("table")[2].QuerySelector("tbody tr")!;
        Assert.Equal(5, row.Children.Length);
        Assert.Equal("a|b.js:1", row.Children[2].TextContent);
        Assert.StartsWith("value `x|y` <b>bold</b> " + Evil, row.Children[3].TextContent);
        Assert.Equal("ab``c|d", row.Children[4].TextContent);
        var second = doc.QuerySelectorAll("table")[2].QuerySelectorAll("tbody tr")[1];
        Assert.Equal("`tick``s`", second.Children[4].QuerySelector("code")!.TextContent);

        Assert.Equal("Odd | section", doc.QuerySelectorAll("h3").Single(h => h.TextContent.StartsWith("Odd", StringComparison.Ordinal)).TextContent);
        var section = doc.QuerySelectorAll("table")[3];
        Assert.Equal(["a|b", "c"], section.QuerySelectorAll("th").Select(c => c.TextContent));
        Assert.Equal(["`1`", Evil], section.QuerySelectorAll("td").Select(c => c.TextContent));
        Assert.Equal("in|put: " + Evil, doc.QuerySelector("details li")!.TextContent);
    }

    [Fact]
    public void Html_report_dom_holds_hostile_text_as_text()
    {
        var doc = Dom(Fixtures.Render(new HtmlReportWriter(), Hostile()));
        var scripts = doc.QuerySelectorAll("script");
        Assert.Single(scripts);
        Assert.Contains("findings-table", scripts[0].TextContent);
        Assert.DoesNotContain(doc.All, e => e.HasAttribute("onmouseover"));
        Assert.Equal("TokenHound scan report: dir" + Evil, doc.Title);

        var row = doc.QuerySelector("#findings-table tbody tr")!;
        Assert.Equal("a|b.js:1", row.Children[3].TextContent);
        Assert.Contains("value `x|y` <b>bold</b> " + Evil, row.Children[4].TextContent);
        Assert.Empty(row.QuerySelectorAll("b"));
        Assert.Equal("v\" onmouseover=\"alert(1)", row.QuerySelector("dl.props dd")!.TextContent);
        Assert.Equal("ab``c|d", row.Children[5].TextContent);

        var section = doc.QuerySelector("section.report-section")!;
        Assert.Equal(Evil, section.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("in|put: " + Evil, doc.QuerySelector("#warnings li")!.TextContent);
    }

    [Fact]
    public void Html_report_dom_has_chart_filters_and_no_external_resources()
    {
        var doc = Dom(Fixtures.Render(new HtmlReportWriter(), Fixtures.Full()));
        Assert.Empty(doc.QuerySelectorAll("link, img, iframe, object, embed"));
        Assert.DoesNotContain(doc.All, e => e.HasAttribute("src"));
        Assert.Equal(8, doc.QuerySelectorAll("#findings-table tbody tr").Length);
        Assert.Equal(7, doc.QuerySelectorAll("#findings-table thead th").Length);
        Assert.NotNull(doc.QuerySelector("input#q"));
        Assert.Equal(7, doc.QuerySelectorAll("select#fam option").Length); // all + 6 families
        var svg = doc.QuerySelector("svg")!;
        Assert.Equal(6, svg.QuerySelectorAll("g.bar").Length);
        Assert.Equal(8, svg.QuerySelectorAll("rect.seg").Length); // distinct (family, severity) pairs
        Assert.Equal(3, doc.QuerySelectorAll("section.report-section, #warnings").Length);
    }
}
