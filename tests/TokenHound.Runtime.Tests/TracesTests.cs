using TokenHound.Core;
using TokenHound.Runtime.Traces;
using static TokenHound.Runtime.Tests.TestUtil;

namespace TokenHound.Runtime.Tests;

public sealed class TracesTests
{
    private const string TraceId = "1-6620c1a2-5f3e4d2c1b0a9f8e7d6c5b4a";
    private const string OtelTraceId = "5b8efff798038103d269b633813fc60c";

    private static ScanReport Run(params string[] paths) => TraceScanner.Run(new TraceOptions { Paths = paths });

    private static List<string> Summary(ScanReport r) =>
        [.. r.Findings.Select(f => $"{f.RuleId} {f.Location.Service} {f.Location.SegmentId} {f.Properties["kind"]}").Order(StringComparer.Ordinal)];

    [Fact]
    public void Xray_batch_get_traces_output()
    {
        var r = Run(TestData("THX001", "positive", "xray-batch-get-traces.json"));
        Assert.Empty(r.Warnings);
        Assert.Equal(5, r.Stats["segments"]); // two segments, three subsegments
        var jwtKind = r.Findings.First(f => f.Properties["field"].StartsWith("metadata.default.incoming_headers", StringComparison.Ordinal)).Properties["kind"];
        Assert.Equal(
            new List<string>
            {
                $"THX001 checkout-api 70de5b6f19ff9a0a {jwtKind}",
                $"THX001 payments-service 1c4f2e8d9a7b6c5d aws-access-key-id",
                $"THX001 payments-service 1c4f2e8d9a7b6c5d {r.Findings.Single(f => f.RuleId == "THX001" && f.Properties["field"] == "annotations.forwarded_token").Properties["kind"]}",
                $"THX002 checkout-api 70de5b6f19ff9a0a {jwtKind}",
            }.Order(StringComparer.Ordinal).ToList(),
            Summary(r));
        var crossing = r.Findings.Single(f => f.RuleId == "THX002");
        Assert.Equal("token-crossed-boundary", crossing.Family);
        Assert.Equal("checkout-api → payments-service", crossing.Properties["path"]);
        Assert.Equal(TraceId, crossing.Location.TraceId);
        Assert.Contains("payments-service: annotations.forwarded_token", crossing.Properties["hops"]);
        var checkout = r.Findings.Single(f => f.RuleId == "THX001" && f.Location.Service == "checkout-api");
        Assert.Equal("2", checkout.Properties["occurrences"]);
        Assert.Equal("metadata.default.incoming_headers.Authorization, metadata.default.outgoing_headers.authorization", checkout.Properties["fields"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1713422754125), checkout.Location.Timestamp);
        Assert.Equal("token-in-traces", checkout.Family);
        Assert.DoesNotContain("eyJ", checkout.Evidence.Length > 12 ? checkout.Evidence[4..] : "");
    }

    [Fact]
    public void Otlp_json_export()
    {
        var r = Run(TestData("THX002", "positive", "otlp-export.json"));
        Assert.Empty(r.Warnings);
        Assert.Equal(2, r.Stats["spans"]);
        var crossing = Assert.Single(r.Findings, f => f.RuleId == "THX002");
        Assert.Equal("storefront → orders", crossing.Properties["path"]);
        Assert.Equal(OtelTraceId, crossing.Location.TraceId);
        Assert.Equal("eee19b7ec3c1b174", crossing.Location.SegmentId);
        var key = Assert.Single(r.Findings, f => f.Properties["kind"] == "aws-access-key-id");
        Assert.Equal("THX001", key.RuleId);
        Assert.Equal("orders", key.Location.Service);
        Assert.Equal("events[exception].exception.message", key.Properties["field"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1713422760090), key.Location.Timestamp);
        Assert.Equal(3, r.Findings.Count(f => f.RuleId == "THX001"));
    }

    [Fact]
    public void Negative_samples()
    {
        Assert.Empty(Run(TestData("THX001", "negative")).Findings);
        var r = Run(TestData("THX002", "negative"));
        Assert.DoesNotContain(r.Findings, f => f.RuleId == "THX002");
        Assert.Empty(Run(TestData("THX002", "negative", "otlp-export-redacted.json")).Findings);
        // One service holding a token is a THX001 finding only.
        Assert.All(Run(TestData("THX002", "negative", "xray-one-service.json")).Findings, f => Assert.Equal("THX001", f.RuleId));
    }

    [Fact]
    public void Gzip_and_bad_documents()
    {
        using var dir = new TempDir();
        dir.Gzip("traces.json.gz", File.ReadAllText(TestData("THX002", "positive", "otlp-export.json")));
        dir.File("bad.json", "{\"Traces\":[{\"Id\":\"1-1-1\",\"Segments\":[{\"Id\":\"a\",\"Document\":\"{not json\"}]}]}");
        var r = Run(dir.Path);
        Assert.Single(r.Findings, f => f.RuleId == "THX002");
        var w = Assert.Single(r.Warnings);
        Assert.EndsWith("bad.json", w.Input);
    }

    [Fact]
    public void Cli_traces()
    {
        var (exit, stdout, _) = RunCli("traces", TestData("THX002", "positive", "otlp-export.json"), "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("THX002", stdout);
        Assert.Equal(0, RunCli("traces", TestData("THX001", "negative")).Exit);
        Assert.Equal(2, RunCli("traces").Exit);
    }
}
