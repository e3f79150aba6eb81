using System.Text.Json;
using System.Text.Json.Nodes;
using TokenHound.Core;
using TokenHound.Runtime.Trail;
using static TokenHound.Runtime.Tests.TestUtil;

namespace TokenHound.Runtime.Tests;

public sealed class TrailTests
{
    private static ScanReport Run(string[] paths, TokenHoundConfig? config = null, string? ipRanges = null, string[]? geo = null, TextReader? stdin = null) =>
        TrailRunner.Run(new TrailOptions { Paths = paths, Config = config ?? new TokenHoundConfig(), IpRanges = ipRanges, GeoIp = geo ?? [], Jobs = 2, Stdin = stdin });

    private static string Sample(string rule, string kind) => Directory.GetFiles(TestData(rule, kind)).Single();

    private static JsonArray Records(string file) => JsonNode.Parse(File.ReadAllText(file))!["Records"]!.AsArray();

    private static string EventIdAt(string file, int index) => Records(file)[index]!["eventID"]!.GetValue<string>();

    private static void AssertExact(ScanReport r, params (string Rule, string EventId)[] expected) =>
        Assert.Equal(
            expected.Select(x => $"{x.Rule} {x.EventId}").Order(StringComparer.Ordinal).ToList(),
            r.Findings.Select(f => $"{f.RuleId} {f.Location.EventId}").Order(StringComparer.Ordinal).ToList());

    [Theory]
    [InlineData("THT001")]
    [InlineData("THT002")]
    [InlineData("THT003")]
    [InlineData("THT004")]
    [InlineData("THT005")]
    [InlineData("THT006")]
    [InlineData("THT007")]
    public void Negative_samples_are_silent(string rule)
    {
        var r = Run([TestData(rule, "negative")]);
        Assert.Empty(r.Findings);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void THT001_instance_credentials_used_from_another_address()
    {
        var file = Sample("THT001", "positive");
        var r = Run([file]);
        AssertExact(r, ("THT001", EventIdAt(file, 5)));
        var f = r.Findings[0];
        Assert.Equal("instance-credential-exfiltration", f.Family);
        Assert.Equal(Confidence.Medium, f.Confidence); // no --ip-ranges
        Assert.Equal("ASIAQ3FAKEEC2KEY2ABC", f.Properties["accessKeyId"]);
        Assert.Equal("i-0a1b2c3d4e5f67890", f.Properties["instanceId"]);
        Assert.Equal("198.51.100.20", f.Properties["instanceAddress"]);
        Assert.Equal("arn:aws:iam::111122223333:role/web-app-role", f.Properties["sessionIssuer"]);
        Assert.Equal("203.0.113.77", f.Properties["sourceIps"]);
        Assert.Equal("2", f.Properties["events"]);
        Assert.Equal("s3:GetObject, s3:ListBuckets", f.Properties["eventNames"]);
        Assert.StartsWith("AssumeRole at 2024-04-02T09:55:12Z by ec2.amazonaws.com", f.Properties["issuedBy"]);
        Assert.Equal(file.Replace('\\', '/'), f.Location.Path);
        Assert.Equal(new DateTimeOffset(2024, 4, 2, 10, 41, 7, TimeSpan.Zero), f.Location.Timestamp);
    }

    [Fact]
    public void THT001_with_ip_ranges_tells_outside_aws_apart()
    {
        using var dir = new TempDir();
        var ranges = dir.File("ip-ranges.json", """
            {
              "syncToken": "1712000000",
              "createDate": "2024-04-01-20-13-05",
              "prefixes": [
                { "ip_prefix": "198.51.100.0/24", "region": "us-east-1", "service": "AMAZON", "network_border_group": "us-east-1" },
                { "ip_prefix": "198.51.100.0/24", "region": "us-east-1", "service": "EC2", "network_border_group": "us-east-1" }
              ],
              "ipv6_prefixes": [
                { "ipv6_prefix": "2600:1f18::/33", "region": "us-east-1", "service": "EC2", "network_border_group": "us-east-1" }
              ]
            }
            """);
        var file = Sample("THT001", "positive");
        var r = Run([file], ipRanges: ranges);
        var f = Assert.Single(r.Findings);
        Assert.Equal(Confidence.High, f.Confidence);
        Assert.Contains("outside AWS", f.Properties["reason"]);

        // Allowlisted CIDR: silent.
        var cfg = TokenHoundConfig.Parse("trail:\n  allow-cidrs: [203.0.113.0/24]\n");
        Assert.Empty(Run([file], config: cfg, ipRanges: ranges).Findings);
    }

    [Fact]
    public void THT002_lambda_credentials_used_outside_lambda()
    {
        var file = Sample("THT002", "positive");
        var r = Run([file]);
        AssertExact(r, ("THT002", EventIdAt(file, 3)));
        var f = r.Findings[0];
        Assert.Equal("lambda-credential-exfiltration", f.Family);
        Assert.Equal("orders-api", f.Properties["function"]);
        Assert.Equal("192.0.2.10, 192.0.2.11", f.Properties["lambdaAddresses"]);
        Assert.Equal("198.51.100.99", f.Properties["sourceIps"]);
        Assert.Equal("2", f.Properties["events"]);
    }

    [Fact]
    public void THT003_one_key_from_three_networks_within_the_window()
    {
        var file = Sample("THT003", "positive");
        var r = Run([file]);
        AssertExact(r, ("THT003", EventIdAt(file, 3)));
        var f = r.Findings[0];
        Assert.Equal("192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24", f.Properties["networks"]);
        Assert.Equal("AKIAQ3FAKEMULTIKEY23", f.Properties["accessKeyId"]);

        // A higher threshold from .tokenhound.yml keeps it quiet.
        var cfg = TokenHoundConfig.Parse("trail:\n  multi-source-threshold: 4\n");
        Assert.Empty(Run([file], config: cfg).Findings);
    }

    [Fact]
    public void THT004_recon_from_unfamiliar_network_and_scanner_agent()
    {
        var files = Directory.GetFiles(TestData("THT004", "positive")).Order(StringComparer.Ordinal).ToArray();
        var recon = files.Single(f => f.Contains("recon"));
        var scanner = files.Single(f => f.Contains("scanner"));
        var r = Run([TestData("THT004", "positive")]);
        AssertExact(r, ("THT004", EventIdAt(recon, 8)), ("THT004", EventIdAt(scanner, 0)));
        var a = r.Findings.Single(f => f.Properties["accessKeyId"] == "AKIAQ3FAKERECONKEY23");
        Assert.Equal("GetAccountAuthorizationDetails, GetCallerIdentity, ListBuckets, ListUsers", a.Properties["reconCalls"]);
        Assert.Equal("2", a.Properties["events"]);
        var b = r.Findings.Single(f => f.Properties["accessKeyId"] == "AKIAQ3FAKESCANKEY234");
        Assert.Equal("trufflehog", b.Properties["scanner"]);
        Assert.Equal(Confidence.High, b.Confidence);
    }

    [Fact]
    public void THT005_new_key_from_unfamiliar_network_is_linked_to_its_use()
    {
        var file = Sample("THT005", "positive");
        var r = Run([file]);
        AssertExact(r, ("THT005", EventIdAt(file, 6)));
        var f = r.Findings[0];
        Assert.Equal("session-token-abuse", f.Family);
        Assert.Equal("AKIAQ3FAKENEWKEY2345", f.Properties["issuedKeys"]);
        Assert.StartsWith("AKIAQ3FAKENEWKEY2345 first used at 2024-08-01T07:45:00Z from 198.51.100.23 (s3.amazonaws.com:ListBuckets)", f.Properties["issuedKeyUsed"]);
        Assert.Equal("ci-deploy", f.Properties["targetUser"]);
    }

    [Fact]
    public void THT006_burst_of_distinct_secret_reads()
    {
        var file = Sample("THT006", "positive");
        var r = Run([file]);
        AssertExact(r, ("THT006", EventIdAt(file, 19)));
        var f = r.Findings[0];
        Assert.Equal("secret-harvest", f.Family);
        Assert.Equal("5", f.Properties["events"]);
        Assert.Contains("secret:arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/service-00-AbCdEf", f.Properties["secretsRead"]);
        Assert.Equal("arn:aws:iam::111122223333:role/support-tools-role", f.Properties["sessionIssuer"]);
    }

    private static string TestGeoDb(TempDir dir)
    {
        var path = Path.Combine(dir.Path, "test-city.mmdb");
        new MmdbWriter()
            .Add("203.0.113.0/24", new() { ["country"] = new Dictionary<string, object> { ["iso_code"] = "DE" }, ["location"] = new Dictionary<string, object> { ["latitude"] = 52.52, ["longitude"] = 13.405 } })
            .Add("198.51.100.0/24", new() { ["country"] = new Dictionary<string, object> { ["iso_code"] = "US" }, ["location"] = new Dictionary<string, object> { ["latitude"] = 37.7749, ["longitude"] = -122.4194 } })
            .Add("192.0.2.0/24", new() { ["country"] = new Dictionary<string, object> { ["iso_code"] = "NL" }, ["is_anonymous"] = true, ["is_tor_exit_node"] = true })
            .Write(path);
        return path;
    }

    [Fact]
    public void THT007_impossible_travel_and_anonymizing_network_with_geoip()
    {
        using var dir = new TempDir();
        var db = TestGeoDb(dir);
        var file = Sample("THT007", "positive");
        var r = Run([file], geo: [db]);
        AssertExact(r, ("THT007", EventIdAt(file, 1)), ("THT007", EventIdAt(file, 2)));
        var travel = r.Findings.Single(f => f.Properties.ContainsKey("travel"));
        Assert.Equal("AKIAQ3FAKETRAVELK234", travel.Properties["accessKeyId"]);
        Assert.StartsWith("9", travel.Properties["travel"]); // about 9100 km
        Assert.Contains("km/h", travel.Properties["travel"]);
        var tor = r.Findings.Single(f => f.Properties.ContainsKey("network"));
        Assert.Equal("tor exit node", tor.Properties["network"]);

        Assert.Empty(Run([TestData("THT007", "negative")], geo: [db]).Findings);
        Assert.Empty(Run([file]).Findings); // no --geoip, no THT007

        // The CLI takes the database too.
        var (exit, stdout, _) = RunCli("trail", file, "--geoip", db, "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("THT007", stdout);
    }

    [Fact]
    public void Gzip_s3_layout_and_organization_trail_are_read_in_time_order()
    {
        using var dir = new TempDir();
        var src = Records(Sample("THT003", "positive"));

        // Events of one key spread over two accounts' folders and two 5-minute files, written out of order.
        string Path1(string acct, string file) => $"AWSLogs/o-a1b2c3d4e5/{acct}/CloudTrail/us-east-1/2024/06/01/{file}";
        string Doc(params int[] idx) => new JsonObject { ["Records"] = new JsonArray([.. idx.Select(i => src[i]!.DeepClone())]) }.ToJsonString();
        File.WriteAllBytes(Dir(dir, Path1("111122223333", "111122223333_CloudTrail_us-east-1_20240601T1235Z_b.json.gz")), GzipBytes(Doc(3, 2)));
        File.WriteAllBytes(Dir(dir, Path1("444455556666", "444455556666_CloudTrail_us-east-1_20240601T1205Z_a.json.gz")), GzipBytes(Doc(1, 0)));
        File.WriteAllText(Dir(dir, Path1("111122223333", "../../../../CloudTrail-Digest/us-east-1/2024/06/01/111122223333_CloudTrail-Digest_us-east-1_x_us-east-1_20240601T1300Z.json.gz")), "not a trail file");
        var r = Run([dir.Path]);
        Assert.Empty(r.Warnings);
        Assert.Equal(2, r.Stats["files"]);
        Assert.Equal(4, r.Stats["events"]);
        var f = Assert.Single(r.Findings);
        Assert.Equal("THT003", f.RuleId);
        Assert.Equal(src[3]!["eventID"]!.GetValue<string>(), f.Location.EventId);
        var summary = r.Sections.Single(s => s.Title == "CloudTrail summary");
        Assert.Equal("0", Row(summary, "events out of time order (arrived late)"));
    }

    private static string Dir(TempDir d, string rel)
    {
        var p = Path.GetFullPath(Path.Combine(d.Path, rel));
        Directory.CreateDirectory(Path.GetDirectoryName(p)!);
        return p;
    }

    private static string Row(ReportSection s, string name) => s.Rows.Single(r => r[0] == name)[1];

    [Fact]
    public void Lookup_events_output_and_json_lines_are_read()
    {
        using var dir = new TempDir();
        var src = Records(Sample("THT002", "positive"));
        var lookup = new JsonObject
        {
            ["Events"] = new JsonArray([.. src.Select(rec => (JsonNode)new JsonObject
            {
                ["EventId"] = rec!["eventID"]!.GetValue<string>(),
                ["EventName"] = rec["eventName"]!.GetValue<string>(),
                ["ReadOnly"] = "true",
                ["AccessKeyId"] = rec["userIdentity"]!["accessKeyId"]!.GetValue<string>(),
                ["EventTime"] = 1715328001.0,
                ["EventSource"] = rec["eventSource"]!.GetValue<string>(),
                ["Username"] = "orders-api",
                ["Resources"] = new JsonArray(),
                ["CloudTrailEvent"] = rec.ToJsonString(),
            }).Reverse()]),
        };
        var p1 = dir.File("lookup.json", lookup.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var r1 = Run([p1]);
        var f1 = Assert.Single(r1.Findings);
        Assert.Equal("THT002", f1.RuleId);
        Assert.Equal(src[3]!["eventID"]!.GetValue<string>(), f1.Location.EventId);

        var p2 = dir.File("events.jsonl", string.Join("\n", src.Select(x => x!.ToJsonString())) + "\n");
        var r2 = Run([p2]);
        Assert.Equal("THT002", Assert.Single(r2.Findings).RuleId);

        var r3 = Run(["-"], stdin: new StringReader(File.ReadAllText(Sample("THT002", "positive"))));
        Assert.Equal("THT002", Assert.Single(r3.Findings).RuleId);
    }

    [Fact]
    public void Odd_and_anonymized_data_is_counted_not_fatal()
    {
        using var dir = new TempDir();
        var p = dir.File("odd.json", """
            {"Records":[
              {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAQ3FAKEUSERID7XYZ","arn":"arn:aws:iam::111122223333:user/x","accountId":"111122223333","accessKeyId":"AKIAQ3FAKEODDKEY2345"},"eventTime":"2024-01-01T00:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"xx-nowhere-9","sourceIPAddress":"255.090.254.5","userAgent":"[aws-cli/2.0]","eventID":"11111111-1111-4111-8111-111111111111","eventType":"AwsApiCall","recipientAccountId":"111122223333"},
              {"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"},"eventTime":"2024-01-01T00:01:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"2001:db8:85a3::8a2e:370:7334","userAgent":"Mozilla/5.0","eventID":"22222222-2222-4222-8222-222222222222","eventType":"AwsConsoleSignIn","recipientAccountId":"111122223333"},
              {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","accessKeyId":"AKIAQ3FAKEODDKEY2345"},"eventTime":"2024-01-01T00:02:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","sourceIPAddress":"not-an-ip","eventID":"33333333-3333-4333-8333-333333333333"},
              {"eventVersion":"1.08","userIdentity":null,"eventTime":"garbage","eventName":"X","sourceIPAddress":12,"eventID":"44444444-4444-4444-8444-444444444444"},
              "a string", 42,
              {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","accessKeyId":"ASIAQ3FAKEODDKEY2345","sessionContext":{"ec2RoleDelivery":"2.0"}},"eventTime":"2024-01-01T00:03:00Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"us-east-1","eventID":"55555555-5555-4555-8555-555555555555"}
            ]}
            """);
        var r = Run([p]);
        Assert.Empty(r.Findings);
        var s = r.Sections.Single(x => x.Title == "CloudTrail summary");
        Assert.Equal("5", Row(s, "events"));
        Assert.Equal("2", Row(s, "invalid sourceIPAddress (anonymized?)"));
        Assert.Equal("1", Row(s, "IPv6 source addresses"));
        Assert.Equal("1", Row(s, "events without accessKeyId"));
        Assert.Equal("2", Row(s, "unknown or missing awsRegion"));
        Assert.Equal("1", Row(s, "events without eventTime"));
        Assert.Equal("2", Row(s, "records that are not CloudTrail events"));
    }

    [Fact]
    public void Truncated_gzip_and_corrupt_json_are_warnings()
    {
        using var dir = new TempDir();
        var good = File.ReadAllText(Sample("THT003", "positive"));
        var gz = GzipBytes(good);
        File.WriteAllBytes(Path.Combine(dir.Path, "111122223333_CloudTrail_us-east-1_20240601T1200Z_cut.json.gz"), gz[..(gz.Length * 2 / 3)]);
        dir.File("111122223333_CloudTrail_us-east-1_20240601T1300Z_bad.json", "{\"Records\":[{\"eventTime\":\"2024-06-01T12:00:00Z\",}]}");
        var r = Run([dir.Path]);
        Assert.Equal(2, r.Warnings.Count);
        Assert.Contains(r.Warnings, w => w.Input.EndsWith("_cut.json.gz", StringComparison.Ordinal));
        Assert.Contains(r.Warnings, w => w.Input.EndsWith("_bad.json", StringComparison.Ordinal) && w.Message.Contains("invalid JSON"));
    }

    [Theory]
    [InlineData("255.090.254.5", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1.2.3.4.", false)]
    [InlineData("01.2.3.4", false)]
    [InlineData("203.0.113.9", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("::ffff:198.51.100.7", true)]
    public void Strict_ip_parsing(string text, bool valid) => Assert.Equal(valid, IpAddresses.TryParse(text, out _, out _));

    [Fact]
    public void Cidr_sets_cover_v4_and_v6()
    {
        Assert.True(CidrSet.TryParseCidr("198.51.100.0/24", out var a));
        Assert.True(CidrSet.TryParseCidr("2600:1f18::/33", out var b));
        var set = new CidrSet([a, b]);
        IpAddresses.TryParse("198.51.100.200", out var x, out _);
        IpAddresses.TryParse("198.51.101.1", out var y, out _);
        IpAddresses.TryParse("2600:1f18:7fff::1", out var z, out _);
        IpAddresses.TryParse("2600:1f18:8000::1", out var w, out _);
        Assert.True(set.Contains(x));
        Assert.False(set.Contains(y));
        Assert.True(set.Contains(z));
        Assert.False(set.Contains(w));
        Assert.Equal("2600:1f18:7fff::/48", IpAddresses.Network(z, true));
        Assert.Equal("198.51.100.0/24", IpAddresses.Network(x, false));
    }

    [Fact]
    public void Cli_trail_json_and_usage_errors()
    {
        var (exit, stdout, _) = RunCli("trail", Sample("THT001", "positive"), "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("THT001", stdout);
        Assert.Equal(0, RunCli("trail", TestData("THT001", "negative")).Exit);
        Assert.Equal(2, RunCli("trail").Exit);
        Assert.Equal(2, RunCli("trail", Sample("THT001", "positive"), "--ip-ranges", "/nonexistent/ip-ranges.json").Exit);
        Assert.Equal(2, RunCli("trail", Sample("THT001", "positive"), "--geoip", "/nonexistent/x.mmdb").Exit);
        var (e2, text, _) = RunCli("trail", Sample("THT003", "positive"), "--window", "5");
        Assert.Equal(0, e2); // three networks are not within 5 minutes
        Assert.Contains("CloudTrail summary", text);
    }
}
