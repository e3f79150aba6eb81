using TokenHound.Core;

namespace TokenHound.Reporting.Tests;

public sealed class TextReportWriterTests
{
    private static string Render(ScanReport report, bool showSecrets = false, bool color = false) =>
        Fixtures.Render(new TextReportWriter(), report, new ReportOptions { ShowSecrets = showSecrets, Color = color });

    [Fact]
    public void Findings_are_grouped_by_file_or_runtime_place()
    {
        var lines = Render(Fixtures.Full()).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Single(lines, l => l == "src/handlers/app.js");
        var at = lines.IndexOf("src/handlers/app.js");
        Assert.StartsWith("  12:20  HIGH  THS001 aws-access-key-id [hardcoded-aws-credential]", lines[at + 1]);
        Assert.Contains(lines.Skip(at + 1).TakeWhile(l => l.Length > 0), l => l.StartsWith("  30:5  LOW  THS001", StringComparison.Ordinal));
        Assert.Contains("/aws/lambda/orders-api", lines);
        Assert.Contains("http://127.0.0.1:5000/users?id=1", lines);
        Assert.Contains(lines, l => l.Contains("in 0123456789ab by Dev One <dev@example.com> on 2025-12-01", StringComparison.Ordinal));
        Assert.Contains("Probe score", lines);
        Assert.Contains(lines, l => l.StartsWith("8 finding(s) (2 critical, 2 high, 1 medium, 2 low, 1 info), 2 suppressed", StringComparison.Ordinal));
    }

    [Fact]
    public void Colour_only_when_asked()
    {
        Assert.DoesNotContain("\u001b[", Render(Fixtures.Full(), color: false));
        var coloured = Render(Fixtures.Full(), color: true);
        Assert.Contains("\u001b[1;31mCRITICAL\u001b[0m", coloured);
    }

    [Fact]
    public void Secrets_are_masked_unless_show_secrets()
    {
        var masked = Render(Fixtures.Full(), showSecrets: false);
        var shown = Render(Fixtures.Full(), showSecrets: true);
        foreach (var secret in Fixtures.AllSecrets)
        {
            Assert.DoesNotContain(secret, masked);
            Assert.Contains(secret, shown);
        }
    }
}

public sealed class ReportWritersTests
{
    [Theory]
    [InlineData("text", typeof(TextReportWriter))]
    [InlineData("json", typeof(JsonReportWriter))]
    [InlineData("SARIF", typeof(SarifReportWriter))]
    [InlineData("markdown", typeof(MarkdownReportWriter))]
    [InlineData("md", typeof(MarkdownReportWriter))]
    [InlineData("html", typeof(HtmlReportWriter))]
    public void For_picks_the_writer(string format, Type type) => Assert.IsType(type, ReportWriters.For(format));

    [Fact]
    public void Every_listed_format_has_a_writer_that_names_it()
    {
        foreach (var f in ReportWriters.Formats)
        {
            Assert.Equal(f, ReportWriters.For(f).Format);
        }
    }

    [Fact]
    public void Unknown_format_is_a_usage_error() =>
        Assert.Contains("unknown format 'xml'", Assert.Throws<UsageException>(() => ReportWriters.For("xml")).Message);

    [Fact]
    public void Every_writer_handles_an_empty_report()
    {
        foreach (var f in ReportWriters.Formats)
        {
            var text = Fixtures.Render(ReportWriters.For(f), new ScanReport { Command = "scan" });
            Assert.False(string.IsNullOrWhiteSpace(text), f);
        }
    }
}
