using TokenHound.Core;

namespace TokenHound.Reporting.Tests;

public sealed class TextReportWriterTests
{
    private static string Render(ScanReport report, bool showSecrets = false, bool color = false) =>
        Fixtures.Render(new TextReportWriter(), report, new ReportOptions { ShowSecrets = showSecrets, Color = color });

    [Fact]
    public void Findings_are_grouped_by_file_or_runtime_place()
    {
        var report = Fixtures.Full();
        report.Findings.Reverse(); // the writer orders them itself
        var lines = Render(report).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Single(lines, l => l == "src/handlers/app.js");
        var at = lines.IndexOf("src/handlers/app.js");
        Assert.Equal("  12:20  HIGH  THS001 aws-access-key-id [hardcoded-aws-credential]", lines[at + 1]);
        Assert.Equal("    AWS access key id (long-term) for account 123456789012", lines[at + 2]);
        Assert.Equal($"    evidence: {SecretMask.Mask(Fixtures.KeyId)}   fingerprint: {Fixtures.FileFinding.Fingerprint}", lines[at + 3]);
        Assert.Equal("    kind: long-term", lines[at + 4]);
        Assert.Equal("  30:5  LOW  THS001 aws-access-key-id [hardcoded-aws-credential]", lines[at + 6]);

        Assert.Contains("  3:1 in 0123456789ab by Dev One <dev@example.com> on 2025-12-01  CRITICAL  THS002 aws-secret-access-key [hardcoded-aws-credential]", lines);
        Assert.Contains("  40  INFO  THI001 log-retention-unset [log-exposure-config]", lines);

        var log = lines.IndexOf("/aws/lambda/orders-api");
        Assert.Equal("  2026/03/01/[$LATEST]0123456789abcdef @ 2026-03-01T12:30:45.123Z request 8f5e4a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b  HIGH  THL001 token-in-log-event [token-in-logs]", lines[log + 1]);
        var trail = lines.IndexOf("AWSLogs/123456789012/CloudTrail/us-east-1/2026/03/01/trail.json.gz");
        Assert.StartsWith("  event 3f1d2c4b-5a6e-4f70-8192-a3b4c5d6e7f8 @ 2026-03-01T08:00:00.000Z  CRITICAL  THT001", lines[trail + 1]);
        var trace = lines.IndexOf("trace 1-65f1a2b3-0123456789abcdef01234567");
        Assert.StartsWith("  segment 53995c3f42cd8ad8 (orders-api)  MEDIUM  THX001", lines[trace + 1]);
        var url = lines.IndexOf("http://127.0.0.1:5000/users?id=1");
        Assert.StartsWith("  [GET /users (Authorization: canary)]  LOW  THP002", lines[url + 1]);

        var probe = lines.IndexOf("Probe score");
        Assert.Equal("  Category        Score  Grade", lines[probe + 1]);
        Assert.Equal("  Overall         82     B", lines[probe + 3]);
        Assert.Contains("8 finding(s) (2 critical, 2 high, 1 medium, 2 low, 1 info), 2 suppressed, 2 warning(s); 42 files, 123,456 bytes; 1.23s", lines);
    }

    [Fact]
    public void Empty_report_prints_a_summary_line()
    {
        var text = Render(new ScanReport { Command = "scan", Duration = TimeSpan.FromSeconds(2) });
        Assert.Equal("0 finding(s); 2.00s", text.Trim());
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
