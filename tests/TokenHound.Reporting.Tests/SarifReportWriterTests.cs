using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using TokenHound.Core;
using Xunit.Abstractions;

namespace TokenHound.Reporting.Tests;

public sealed class SarifReportWriterTests(ITestOutputHelper output)
{
    private static readonly Lazy<(JsonSchema? Schema, string Reason)> OfficialSchema = new(() =>
    {
        var path = Fixtures.SarifSchemaPath(out var reason);
        return path is null ? (null, reason) : (JsonSchema.FromFileAsync(path).GetAwaiter().GetResult(), "");
    });

    private static string Render(ScanReport report, bool showSecrets = false) =>
        Fixtures.Render(new SarifReportWriter(), report, Fixtures.Options(showSecrets));

    private static JsonElement Run(ScanReport report) =>
        JsonDocument.Parse(Render(report)).RootElement.GetProperty("runs")[0];

    private static JsonElement ResultOf(JsonElement run, string ruleId, string? messageStart = null) =>
        run.GetProperty("results").EnumerateArray().Single(r =>
            r.GetProperty("ruleId").GetString() == ruleId &&
            (messageStart is null || r.GetProperty("message").GetProperty("text").GetString()!.StartsWith(messageStart, StringComparison.Ordinal)));

    /// <summary>The official schema, or null after telling the test output why the check is skipped.</summary>
    private JsonSchema? SchemaOrSkip()
    {
        var (schema, reason) = OfficialSchema.Value;
        if (schema is null)
        {
            output.WriteLine("SKIPPED: " + reason);
        }

        return schema;
    }

    private static ScanReport Odd()
    {
        var report = Fixtures.Full();
        report.Findings.Add(Fixtures.Make(Fixtures.JwtRule, new Location { Path = "odd dir\\file #1.js", Line = 2, Column = 7, EndLine = 2, EndColumn = 7 },
            null, "path with a space, backslash and hash"));
        report.Findings.Add(Fixtures.Make(Fixtures.JwtRule, new Location { Path = "/abs/path/f.js" }, null, "absolute path, no line"));
        report.Findings.Add(Fixtures.Make(Fixtures.JwtRule, new Location(), null, "no location at all"));
        return report;
    }

    [Fact]
    public void Output_validates_against_the_official_SARIF_schema()
    {
        if (SchemaOrSkip() is not { } schema)
        {
            return;
        }

        foreach (var report in new[] { Fixtures.Full(), Odd(), new ScanReport { Command = "probe" } })
        {
            foreach (var show in new[] { false, true })
            {
                var errors = schema.Validate(Render(report, show));
                foreach (var e in errors)
                {
                    output.WriteLine(e.ToString());
                }

                Assert.Empty(errors);
            }
        }
    }

    [Theory]
    [InlineData("level", "\"critical\"")]
    [InlineData("ruleIndex", "-2")]
    [InlineData("startLine", "0")]
    [InlineData("unknownTopLevel", "1")]
    [InlineData("version", "\"2.0.0\"")]
    public void Official_schema_rejects_broken_documents(string property, string value)
    {
        if (SchemaOrSkip() is not { } schema)
        {
            return;
        }

        var root = JsonNode.Parse(Render(Fixtures.Full()))!.AsObject();
        var result = root["runs"]![0]!["results"]!.AsArray().Select(r => r!.AsObject())
            .First(r => r["locations"]?[0]?["physicalLocation"]?["region"] is not null);
        var target = property switch
        {
            "startLine" => result["locations"]![0]!["physicalLocation"]!["region"]!.AsObject(),
            "unknownTopLevel" or "version" => root,
            _ => result,
        };
        target[property] = JsonNode.Parse(value);
        Assert.NotEmpty(schema.Validate(root.ToJsonString()));
    }

    [Fact]
    public void Log_header_and_driver()
    {
        var root = JsonDocument.Parse(Render(Fixtures.Full())).RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal(SarifReportWriter.SchemaUri, root.GetProperty("$schema").GetString());
        var runs = root.GetProperty("runs");
        Assert.Equal(1, runs.GetArrayLength());
        var driver = runs[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal("TokenHound", driver.GetProperty("name").GetString());
        Assert.Equal("1.2.3", driver.GetProperty("version").GetString());
        Assert.Equal(ReportWriters.InformationUri, driver.GetProperty("informationUri").GetString());
    }

    [Fact]
    public void Rules_are_the_union_of_report_rules_and_finding_rules_with_help_and_properties()
    {
        var rules = Run(Fixtures.Full()).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["THC001", "THI001", "THL001", "THP002", "THS001", "THS002", "THT001", "THX001"], rules.Select(r => r.GetProperty("id").GetString()));

        var r = rules.Single(x => x.GetProperty("id").GetString() == "THS002");
        Assert.Equal("aws-secret-access-key", r.GetProperty("name").GetString());
        Assert.Equal("Title of aws-secret-access-key", r.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal(Fixtures.SecretAccessKey.Description, r.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Contains(Fixtures.SecretAccessKey.Remediation, r.GetProperty("help").GetProperty("text").GetString());
        Assert.Contains("[CWE-798](https://cwe.mitre.org/data/definitions/798.html)", r.GetProperty("help").GetProperty("markdown").GetString());
        Assert.Equal(Fixtures.SecretAccessKey.HelpUri, r.GetProperty("helpUri").GetString());
        Assert.Equal("error", r.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var p = r.GetProperty("properties");
        Assert.Equal("hardcoded-aws-credential", p.GetProperty("family").GetString());
        Assert.Equal("9.5", p.GetProperty("security-severity").GetString());
        Assert.Equal("high", p.GetProperty("precision").GetString());
        var tags = p.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("hardcoded-aws-credential", tags);
        Assert.Contains("security", tags);
        Assert.Contains("CWE-798", tags);

        string Sev(string id) => rules.Single(x => x.GetProperty("id").GetString() == id).GetProperty("properties").GetProperty("security-severity").GetString()!;
        string Lvl(string id) => rules.Single(x => x.GetProperty("id").GetString() == id).GetProperty("defaultConfiguration").GetProperty("level").GetString()!;
        Assert.Equal(("8.0", "error"), (Sev("THS001"), Lvl("THS001")));
        Assert.Equal(("5.5", "warning"), (Sev("THX001"), Lvl("THX001")));
        Assert.Equal(("3.0", "note"), (Sev("THP002"), Lvl("THP002")));
        Assert.Equal(("0.0", "note"), (Sev("THI001"), Lvl("THI001")));
    }

    [Fact]
    public void Every_result_points_at_its_rule_and_carries_family_and_fingerprint()
    {
        var report = Fixtures.Full();
        var run = Run(report);
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(report.Findings.Count, results.Count);
        foreach (var r in results)
        {
            var rule = rules[r.GetProperty("ruleIndex").GetInt32()];
            Assert.Equal(r.GetProperty("ruleId").GetString(), rule.GetProperty("id").GetString());
            Assert.Equal(rule.GetProperty("properties").GetProperty("family").GetString(), r.GetProperty("properties").GetProperty("family").GetString());
            var fp = r.GetProperty("partialFingerprints").GetProperty("tokenhound/v1").GetString();
            Assert.Contains(report.Findings, f => f.Fingerprint == fp && f.RuleId == r.GetProperty("ruleId").GetString());
        }
    }

    [Fact]
    public void Levels_follow_the_finding_severity()
    {
        var run = Run(Fixtures.Full());
        Assert.Equal("error", ResultOf(run, "THS002").GetProperty("level").GetString());
        Assert.Equal("error", ResultOf(run, "THS001", "AWS access key id").GetProperty("level").GetString());
        Assert.Equal("note", ResultOf(run, "THS001", "session token").GetProperty("level").GetString());
        Assert.Equal("warning", ResultOf(run, "THX001").GetProperty("level").GetString());
        Assert.Equal("note", ResultOf(run, "THI001").GetProperty("level").GetString());
    }

    [Fact]
    public void File_result_has_uri_and_region()
    {
        var r = ResultOf(Run(Fixtures.Full()), "THS001", "AWS access key id");
        Assert.Equal(Fixtures.FileFinding.Message, r.GetProperty("message").GetProperty("text").GetString());
        var loc = r.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("src/handlers/app.js", loc.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", loc.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        var region = loc.GetProperty("region");
        Assert.Equal(12, region.GetProperty("startLine").GetInt32());
        Assert.Equal(20, region.GetProperty("startColumn").GetInt32());
        Assert.Equal(12, region.GetProperty("endLine").GetInt32());
        Assert.Equal(40, region.GetProperty("endColumn").GetInt32());
        var p = r.GetProperty("properties");
        Assert.Equal("hardcoded-aws-credential", p.GetProperty("family").GetString());
        Assert.Equal("high", p.GetProperty("severity").GetString());
        Assert.Equal("high", p.GetProperty("confidence").GetString());
        Assert.Equal(SecretMask.Mask(Fixtures.KeyId), p.GetProperty("evidence").GetString());
        Assert.Equal("123456789012", p.GetProperty("accountId").GetString());
        Assert.Equal("long-term", p.GetProperty("kind").GetString());
    }

    [Fact]
    public void Odd_paths_become_valid_uris()
    {
        var run = Run(Odd());
        var spaced = ResultOf(run, "THS004", "path with a space").GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("odd%20dir/file%20%231.js", spaced.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.False(spaced.GetProperty("region").TryGetProperty("endColumn", out _)); // empty range: no endColumn
        var abs = ResultOf(run, "THS004", "absolute path").GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("file:///abs/path/f.js", abs.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.False(abs.GetProperty("artifactLocation").TryGetProperty("uriBaseId", out _));
        Assert.False(abs.TryGetProperty("region", out _));
        var none = ResultOf(run, "THS004", "no location at all");
        Assert.False(none.TryGetProperty("locations", out _));
        Assert.Contains("(unknown location)", none.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Git_history_result_carries_the_commit()
    {
        var r = ResultOf(Run(Fixtures.Full()), "THS002");
        var p = r.GetProperty("properties");
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", p.GetProperty("commit").GetString());
        Assert.Equal("Dev One <dev@example.com>", p.GetProperty("author").GetString());
        Assert.Equal("2025-12-01T08:00:00.000Z", p.GetProperty("commitDate").GetString());
        var region = r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(3, region.GetProperty("startLine").GetInt32());
        Assert.Equal(4, region.GetProperty("endLine").GetInt32());
        Assert.Equal(10, region.GetProperty("endColumn").GetInt32());
    }

    [Fact]
    public void Runtime_results_use_logical_locations_and_name_the_place_in_the_message()
    {
        var run = Run(Fixtures.Full());

        var log = ResultOf(run, "THL001");
        var loc = log.GetProperty("locations")[0];
        Assert.False(loc.TryGetProperty("physicalLocation", out _));
        var logical = loc.GetProperty("logicalLocations")[0];
        Assert.Equal("/aws/lambda/orders-api:2026/03/01/[$LATEST]0123456789abcdef", logical.GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("resource", logical.GetProperty("kind").GetString());
        var text = log.GetProperty("message").GetProperty("text").GetString()!;
        Assert.StartsWith(Fixtures.LogFinding.Message, text);
        Assert.Contains("/aws/lambda/orders-api", text);
        Assert.Contains("2026-03-01T12:30:45.123Z", text);
        Assert.Equal("8f5e4a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b", log.GetProperty("properties").GetProperty("requestId").GetString());
        Assert.Equal("HS256", log.GetProperty("properties").GetProperty("alg").GetString());
        // A finding property named like a reserved bag member is renamed, so property-bag "tags" stays an array.
        Assert.Equal("not-a-tag-array", log.GetProperty("properties").GetProperty("finding.tags").GetString());

        var trail = ResultOf(run, "THT001");
        var tl = trail.GetProperty("locations")[0];
        Assert.Equal("AWSLogs/123456789012/CloudTrail/us-east-1/2026/03/01/trail.json.gz",
            tl.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("3f1d2c4b-5a6e-4f70-8192-a3b4c5d6e7f8", tl.GetProperty("logicalLocations")[0].GetProperty("name").GetString());
        Assert.Equal("203.0.113.7", trail.GetProperty("properties").GetProperty("sourceIPAddress").GetString());

        var trace = ResultOf(run, "THX001");
        var xl = trace.GetProperty("locations")[0].GetProperty("logicalLocations")[0];
        Assert.Equal("trace:1-65f1a2b3-0123456789abcdef01234567/53995c3f42cd8ad8", xl.GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("orders-api", trace.GetProperty("properties").GetProperty("service").GetString());

        var probe = ResultOf(run, "THP002");
        var pl = probe.GetProperty("locations")[0].GetProperty("logicalLocations")[0];
        Assert.Equal("http://127.0.0.1:5000/users?id=1", pl.GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("GET /users (Authorization: canary)", pl.GetProperty("name").GetString());
        Assert.Contains("http://127.0.0.1:5000/users?id=1", probe.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Invocation_reports_warnings_and_run_properties_carry_sections()
    {
        var run = Run(Fixtures.Full());
        var inv = run.GetProperty("invocations")[0];
        Assert.True(inv.GetProperty("executionSuccessful").GetBoolean());
        Assert.Equal("2026-03-04T05:06:07.000Z", inv.GetProperty("endTimeUtc").GetString());
        var notes = inv.GetProperty("toolExecutionNotifications").EnumerateArray().ToList();
        Assert.Equal(2, notes.Count);
        Assert.Equal("warning", notes[0].GetProperty("level").GetString());
        Assert.Equal("assets/logo.bin: binary file skipped", notes[0].GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("logs/broken.gz", notes[1].GetProperty("properties").GetProperty("input").GetString());

        var props = run.GetProperty("properties");
        Assert.Equal(2, props.GetProperty("suppressed").GetInt32());
        Assert.Equal(42, props.GetProperty("stats").GetProperty("files").GetInt32());
        Assert.Equal("Probe score", props.GetProperty("sections")[1].GetProperty("title").GetString());
        Assert.Equal("82", props.GetProperty("sections")[1].GetProperty("rows")[1][1].GetString());
    }

    [Fact]
    public void Empty_report_is_a_valid_run_with_an_empty_results_array()
    {
        var run = Run(new ScanReport { Command = "scan" });
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal(0, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
        Assert.False(run.GetProperty("invocations")[0].TryGetProperty("toolExecutionNotifications", out _));
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

        var r = ResultOf(JsonDocument.Parse(shown).RootElement.GetProperty("runs")[0], "THS002");
        Assert.Equal(Fixtures.SecretKey, r.GetProperty("properties").GetProperty("secret").GetString());
    }
}
