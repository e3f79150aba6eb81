using System.Text.Json;
using NJsonSchema;
using TokenHound.Core;
using Xunit.Abstractions;

namespace TokenHound.Reporting.Tests;

public sealed class JsonReportWriterTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "report-schema.json")).GetAwaiter().GetResult());

    private static JsonElement Parse(ScanReport report, ReportOptions? options = null) =>
        JsonDocument.Parse(Fixtures.Render(new JsonReportWriter(), report, options)).RootElement;

    private static JsonElement FindingOf(JsonElement root, string ruleId, string? message = null) =>
        root.GetProperty("findings").EnumerateArray().Single(f =>
            f.GetProperty("ruleId").GetString() == ruleId && (message is null || f.GetProperty("message").GetString() == message));

    [Fact]
    public void Output_validates_against_the_documented_schema()
    {
        foreach (var report in new[] { Fixtures.Full(), new ScanReport { Command = "logs" } })
        {
            foreach (var show in new[] { false, true })
            {
                var json = Fixtures.Render(new JsonReportWriter(), report, Fixtures.Options(show));
                var errors = Schema.Value.Validate(json);
                foreach (var e in errors)
                {
                    output.WriteLine(e.ToString());
                }

                Assert.Empty(errors);
            }
        }
    }

    [Theory]
    [InlineData("\"severity\": \"high\"", "\"severity\": \"severe\"")]
    [InlineData("\"schemaVersion\": \"1.0\"", "\"schemaVersion\": \"9.9\"")]
    [InlineData("\"line\": 12", "\"line\": 0")]
    [InlineData("\"suppressed\": 2", "\"suppressed\": \"two\"")]
    [InlineData("\"ruleId\": \"THS001\"", "\"ruleId\": \"THS001\", \"unexpected\": true")]
    public void Schema_rejects_broken_documents(string good, string bad)
    {
        var json = Fixtures.Render(new JsonReportWriter(), Fixtures.Full());
        Assert.Contains(good, json);
        var broken = json.Replace(good, bad);
        Assert.NotEmpty(Schema.Value.Validate(broken));
    }

    [Fact]
    public void Schema_rejects_a_document_without_findings()
    {
        var json = Fixtures.Render(new JsonReportWriter(), new ScanReport { Command = "scan" });
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("findings");
        Assert.NotEmpty(Schema.Value.Validate(node.ToJsonString()));
    }

    [Fact]
    public void Header_carries_version_tool_command_time_duration_stats_and_summary()
    {
        var root = Parse(Fixtures.Full());
        Assert.Equal("1.0", root.GetProperty("schemaVersion").GetString());
        Assert.Equal("TokenHound", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.Equal("1.2.3", root.GetProperty("tool").GetProperty("version").GetString());
        Assert.Equal("scan", root.GetProperty("command").GetString());
        Assert.Equal("examples/", root.GetProperty("target").GetString());
        Assert.Equal("2026-03-04T05:06:07.000Z", root.GetProperty("generatedAt").GetString());
        Assert.Equal(1.234, root.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(42, root.GetProperty("stats").GetProperty("files").GetInt64());
        Assert.Equal(2, root.GetProperty("suppressed").GetInt32());

        var summary = root.GetProperty("summary");
        Assert.Equal(8, summary.GetProperty("total").GetInt32());
        var sev = summary.GetProperty("bySeverity");
        Assert.Equal(2, sev.GetProperty("critical").GetInt32());
        Assert.Equal(2, sev.GetProperty("high").GetInt32());
        Assert.Equal(1, sev.GetProperty("medium").GetInt32());
        Assert.Equal(2, sev.GetProperty("low").GetInt32());
        Assert.Equal(1, sev.GetProperty("info").GetInt32());
        var fam = summary.GetProperty("byFamily");
        Assert.Equal(3, fam.GetProperty("hardcoded-aws-credential").GetInt32());
        Assert.Equal(1, fam.GetProperty("token-in-logs").GetInt32());
        Assert.Equal(6, fam.EnumerateObject().Count());
    }

    [Fact]
    public void Generated_time_defaults_to_now_in_utc()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var root = Parse(new ScanReport { Command = "scan" }, new ReportOptions());
        var text = root.GetProperty("generatedAt").GetString()!;
        Assert.EndsWith("Z", text);
        Assert.True(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) >= before);
    }

    [Fact]
    public void Warnings_and_sections_are_written()
    {
        var root = Parse(Fixtures.Full());
        var warnings = root.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal("logs/broken.gz", warnings[1].GetProperty("input").GetString());
        Assert.Equal("truncated gzip; 12 events read", warnings[1].GetProperty("message").GetString());

        var sections = root.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["Tokens by log group", "Probe score"], sections.Select(s => s.GetProperty("title").GetString()));
        Assert.Equal("Log group", sections[0].GetProperty("columns")[0].GetString());
        Assert.Equal("/aws/lambda/orders-api", sections[0].GetProperty("rows")[0][0].GetString());
        Assert.Equal("1 log group leaks tokens.", sections[0].GetProperty("note").GetString());
        Assert.False(sections[1].TryGetProperty("note", out _));
        Assert.Equal("B", sections[1].GetProperty("rows")[1][2].GetString());
    }

    [Fact]
    public void File_finding_has_every_field()
    {
        var f = FindingOf(Parse(Fixtures.Full()), "THS001", Fixtures.FileFinding.Message);
        Assert.Equal("aws-access-key-id", f.GetProperty("ruleName").GetString());
        Assert.Equal("hardcoded-aws-credential", f.GetProperty("family").GetString());
        Assert.Equal("high", f.GetProperty("severity").GetString());
        Assert.Equal("high", f.GetProperty("confidence").GetString());
        Assert.Equal("Title of aws-access-key-id", f.GetProperty("title").GetString());
        Assert.Equal(Fixtures.FileFinding.Fingerprint, f.GetProperty("fingerprint").GetString());
        Assert.Equal(SecretMask.Mask(Fixtures.KeyId), f.GetProperty("evidence").GetString());
        Assert.False(f.TryGetProperty("secret", out _));
        Assert.Equal("123456789012", f.GetProperty("properties").GetProperty("accountId").GetString());
        Assert.Equal(Fixtures.AccessKey.Remediation, f.GetProperty("remediation").GetString());
        Assert.Equal("CWE-798", f.GetProperty("cwe").GetString());
        Assert.Equal(Fixtures.AccessKey.HelpUri, f.GetProperty("docs").GetString());

        var l = f.GetProperty("location");
        Assert.Equal("src/handlers/app.js", l.GetProperty("path").GetString());
        Assert.Equal(12, l.GetProperty("line").GetInt32());
        Assert.Equal(20, l.GetProperty("column").GetInt32());
        Assert.Equal(12, l.GetProperty("endLine").GetInt32());
        Assert.Equal(40, l.GetProperty("endColumn").GetInt32());
        Assert.Equal(["path", "line", "column", "endLine", "endColumn"], l.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Runtime_and_history_locations_keep_only_their_fields()
    {
        var root = Parse(Fixtures.Full());

        var commit = FindingOf(root, "THS002").GetProperty("location");
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", commit.GetProperty("commit").GetString());
        Assert.Equal("Dev One <dev@example.com>", commit.GetProperty("author").GetString());
        Assert.Equal("2025-12-01T08:00:00.000Z", commit.GetProperty("commitDate").GetString());
        Assert.Equal(3, commit.GetProperty("line").GetInt32());

        var log = FindingOf(root, "THL001").GetProperty("location");
        Assert.Equal(["logGroup", "logStream", "timestamp", "requestId"], log.EnumerateObject().Select(p => p.Name));
        Assert.Equal("/aws/lambda/orders-api", log.GetProperty("logGroup").GetString());
        Assert.Equal("2026-03-01T12:30:45.123Z", log.GetProperty("timestamp").GetString());

        var trail = FindingOf(root, "THT001").GetProperty("location");
        Assert.Equal(["path", "timestamp", "eventId"], trail.EnumerateObject().Select(p => p.Name));
        Assert.Equal("3f1d2c4b-5a6e-4f70-8192-a3b4c5d6e7f8", trail.GetProperty("eventId").GetString());

        var trace = FindingOf(root, "THX001").GetProperty("location");
        Assert.Equal(["traceId", "segmentId", "service"], trace.EnumerateObject().Select(p => p.Name));

        var probe = FindingOf(root, "THP002").GetProperty("location");
        Assert.Equal(["url", "request"], probe.EnumerateObject().Select(p => p.Name));
        Assert.Equal("GET /users (Authorization: canary)", probe.GetProperty("request").GetString());
    }

    [Fact]
    public void Findings_are_in_stable_order()
    {
        var report = Fixtures.Full();
        var a = Fixtures.Render(new JsonReportWriter(), report);
        report.Findings.Reverse();
        var b = Fixtures.Render(new JsonReportWriter(), report);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Secrets_are_masked_unless_show_secrets()
    {
        var masked = Fixtures.Render(new JsonReportWriter(), Fixtures.Full(), Fixtures.Options(showSecrets: false));
        var shown = Fixtures.Render(new JsonReportWriter(), Fixtures.Full(), Fixtures.Options(showSecrets: true));
        foreach (var secret in Fixtures.AllSecrets)
        {
            Assert.DoesNotContain(secret, masked);
            Assert.Contains(secret, shown);
        }

        var f = FindingOf(JsonDocument.Parse(shown).RootElement, "THS002");
        Assert.Equal(Fixtures.SecretKey, f.GetProperty("secret").GetString());
        Assert.Equal(SecretMask.Mask(Fixtures.SecretKey), f.GetProperty("evidence").GetString());
    }
}
