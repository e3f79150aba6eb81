using System.Text;
using System.Text.Json;
using TokenHound.Core;
using TokenHound.Runtime.Logs;
using TokenHound.Secrets;
using TokenHound.Secrets.Detectors;
using static TokenHound.Runtime.Tests.TestUtil;

namespace TokenHound.Runtime.Tests;

public sealed class LogsTests
{
    private const string Asia = "ASIAQ3FAKE5KEY6ID7XY";
    private const string AkiaLog = "AKIAQ3FAKELOGKEY2345";
    private const string AkiaPy = "AKIAZ7FAKEKEY2345X7Q";

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static ScanReport Scan(string[] paths, string? logGroup = null, IEnumerable<SecretDetector>? detectors = null, TextReader? stdin = null) =>
        LogScanner.Run(new LogScanOptions { Paths = paths, LogGroup = logGroup, Now = Now, Jobs = 2, Detectors = detectors, Stdin = stdin });

    private static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Lambda_text_log_gives_one_finding_per_token_with_request_context()
    {
        var path = TestData("THL001", "positive", "lambda-nodejs-text.log");
        var r = Scan([path]);
        Assert.Empty(r.Warnings);
        Assert.Equal(2, r.Findings.Count);
        Assert.All(r.Findings, f => Assert.Equal("THL001", f.RuleId));
        Assert.All(r.Findings, f => Assert.Equal("token-in-logs", f.Family));

        var asia = r.Findings.Single(f => f.Secret == Asia);
        Assert.Equal(path.Replace('\\', '/'), asia.Location.Path);
        Assert.Equal(4, asia.Location.Line);
        Assert.Equal(T("2024-01-15T10:00:00.125Z"), asia.Location.Timestamp);
        Assert.Equal("8f5a1c2e-3b4d-4e6f-9a0b-1c2d3e4f5a6b", asia.Location.RequestId);
        Assert.Equal("2", asia.Properties["occurrences"]);
        Assert.Equal("8f5a1c2e-3b4d-4e6f-9a0b-1c2d3e4f5a6b, 0d9c7b1a-2e3f-4a5b-8c6d-7e8f9a0b1c2d", asia.Properties["requestIds"]);
        Assert.Equal("2024-01-15T10:05:12.004Z", asia.Properties["lastSeen"]);
        Assert.Equal("THS001", asia.Properties["detector"]);
        Assert.Equal(Severity.High, asia.Severity);
        Assert.DoesNotContain(Asia, asia.Evidence);

        // A continuation line (stack frame) takes the time and request id of the event it belongs to.
        var akia = r.Findings.Single(f => f.Secret == AkiaLog);
        Assert.Equal(11, akia.Location.Line);
        Assert.Equal(T("2024-01-15T10:05:12.090Z"), akia.Location.Timestamp);
        Assert.Equal("0d9c7b1a-2e3f-4a5b-8c6d-7e8f9a0b1c2d", akia.Location.RequestId);
        Assert.Equal(Severity.Critical, akia.Severity);
        Assert.Equal("1", akia.Properties["occurrences"]);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Line_breaks_of_every_kind_and_lines_longer_than_the_read_buffer_give_the_same_findings(string newline)
    {
        var path = TestData("THL001", "positive", "lambda-nodejs-text.log");
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        // A 200,000-char filler line at the top (over three read buffers) shifts every line by one.
        var filler = "2024-01-15T09:59:59.000Z\t11111111-2222-4333-8444-555555555555\tINFO\t" + new string('x', 200_000);
        var dir = Directory.CreateTempSubdirectory("th-logs-nl-").FullName;
        try
        {
            var copy = Path.Combine(dir, "lambda.log");
            File.WriteAllText(copy, filler + newline + string.Join(newline, lines));
            var expected = Scan([path]).Findings.Select(f => (f.Secret, f.Location.Line + 1, f.Location.Timestamp, f.Location.RequestId)).ToList();
            var actual = Scan([copy]).Findings.Select(f => (f.Secret, f.Location.Line, f.Location.Timestamp, f.Location.RequestId)).ToList();
            Assert.Equal(2, actual.Count);
            Assert.Equal(expected, actual);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_fifo_in_a_log_folder_is_skipped_with_a_warning_instead_of_blocking()
    {
        var dir = Directory.CreateTempSubdirectory("th-logs-fifo-").FullName;
        try
        {
            File.Copy(TestData("THL001", "positive", "lambda-nodejs-text.log"), Path.Combine(dir, "app.log"));
            using (var p = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(dir, "pipe")]))
            {
                await p.WaitForExitAsync();
                Assert.Equal(0, p.ExitCode);
            }

            var r = await Task.Run(() => Scan([dir])).WaitAsync(TimeSpan.FromSeconds(60)); // TimeoutException if it blocked
            Assert.Equal(2, r.Findings.Count);
            var w = Assert.Single(r.Warnings);
            Assert.EndsWith("pipe", w.Input, StringComparison.Ordinal);
            Assert.Contains("not a regular file", w.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Lambda_json_log_reads_request_id_and_time_from_the_record()
    {
        var path = TestData("THL001", "positive", "lambda-python-json.log");
        var r = Scan([path], logGroup: "/aws/lambda/payments-worker");
        var f = Assert.Single(r.Findings);
        Assert.Equal(AkiaPy, f.Secret);
        Assert.Equal("/aws/lambda/payments-worker", f.Location.LogGroup);
        Assert.Null(f.Location.Path);
        Assert.Equal("4b2f9e8d-7c6a-4b5e-9d3c-2b1a0f9e8d7c", f.Location.RequestId);
        Assert.Equal(T("2024-02-01T08:30:00.517Z"), f.Location.Timestamp);
    }

    [Fact]
    public void Filter_log_events_output_groups_one_token_across_streams()
    {
        var path = TestData("THL001", "positive", "filter-log-events.json");
        var r = Scan([path], logGroup: "/aws/lambda/billing");
        var f = Assert.Single(r.Findings);
        Assert.Equal(AkiaLog, f.Secret);
        Assert.Equal("/aws/lambda/billing", f.Location.LogGroup);
        Assert.Equal("2024/03/04/[$LATEST]5d1f3c2b7a6e4d9c8b0a1f2e3d4c5b6a", f.Location.LogStream);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1709546400188), f.Location.Timestamp);
        Assert.Equal("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", f.Location.RequestId);
        Assert.Equal("2", f.Properties["occurrences"]);
        Assert.Contains("9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b", f.Properties["logStreams"]);
        Assert.Equal(3, r.Stats["events"]);
    }

    [Fact]
    public void Negative_samples_give_no_findings()
    {
        foreach (var file in Directory.GetFiles(TestData("THL001", "negative")))
        {
            var r = Scan([file]);
            Assert.Empty(r.Findings);
            Assert.Empty(r.Warnings);
        }
    }

    [Fact]
    public void S3_export_folder_of_gzip_objects_names_group_and_stream()
    {
        using var dir = new TempDir();
        var task = "6f1d2c3b-4a5e-4f6a-8b7c-9d0e1f2a3b4c";
        dir.Gzip($"aws/lambda/orders-api/{task}/2024/01/15/[$LATEST]0a1b2c3d4e5f/000000.gz",
            "2024-01-15T10:00:00.000Z START RequestId: 11111111-2222-4333-8444-555555555555 Version: $LATEST\n" +
            $"2024-01-15T10:00:00.100Z 2024-01-15T10:00:00.100Z\t11111111-2222-4333-8444-555555555555\tINFO\tcreds {Asia}\n" +
            "2024-01-15T10:00:00.200Z END RequestId: 11111111-2222-4333-8444-555555555555\n");
        dir.Gzip($"aws/lambda/orders-api/{task}/2024/01/15/[$LATEST]0a1b2c3d4e5f/000001.gz",
            $"2024-01-15T11:00:00.000Z 2024-01-15T11:00:00.000Z\t66666666-2222-4333-8444-555555555555\tINFO\tcreds again {Asia}\n");
        var r = Scan([dir.Path]);
        Assert.Empty(r.Warnings);
        var f = Assert.Single(r.Findings);
        Assert.Equal("/aws/lambda/orders-api", f.Location.LogGroup);
        Assert.Equal("2024/01/15/[$LATEST]0a1b2c3d4e5f", f.Location.LogStream);
        Assert.Equal(T("2024-01-15T10:00:00.100Z"), f.Location.Timestamp);
        Assert.Equal("11111111-2222-4333-8444-555555555555", f.Location.RequestId);
        Assert.Equal("2", f.Properties["occurrences"]);

        var section = Assert.Single(r.Sections);
        var row = Assert.Single(section.Rows);
        Assert.Equal("/aws/lambda/orders-api", row[0]);
        Assert.Equal("4", row[1]); // events
        Assert.Equal("1", row[2]); // distinct tokens
        Assert.Equal("2", row[3]); // occurrences
        Assert.Equal("aws-access-key-id ×2 (1 distinct)", row[4]);
        Assert.Equal("2024-01-15T10:00:00.100Z", row[5]);
        Assert.Equal("2024-01-15T11:00:00.000Z", row[6]);
    }

    [Fact]
    public void Truncated_gzip_is_a_warning_and_what_was_read_is_reported()
    {
        using var dir = new TempDir();
        var sb = new StringBuilder();
        sb.Append($"2024-01-15T10:00:00.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\tfirst {AkiaLog}\n");
        var rnd = new Random(7);
        for (var i = 0; i < 4000; i++)
        {
            sb.Append($"2024-01-15T10:00:{i % 60:00}.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\tline {i} {rnd.Next()}\n");
        }

        var gz = GzipBytes(sb.ToString());
        var p = Path.Combine(dir.Path, "cut.log.gz");
        File.WriteAllBytes(p, gz[..(gz.Length / 2)]);
        var good = dir.File("other.log", $"2024-01-15T10:00:00.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\tother {Asia}\n");
        var r = Scan([p, good]);
        var w = Assert.Single(r.Warnings);
        Assert.Equal(p.Replace('\\', '/'), w.Input);
        Assert.Contains("gzip", w.Message);
        Assert.Equal(2, r.Findings.Count);
        Assert.Contains(r.Findings, f => f.Secret == AkiaLog);
        Assert.Contains(r.Findings, f => f.Secret == Asia);
    }

    private static string DataMessage(string group, string stream, params (long Ts, string Msg)[] events) => JsonSerializer.Serialize(new
    {
        messageType = "DATA_MESSAGE",
        owner = "111122223333",
        logGroup = group,
        logStream = stream,
        subscriptionFilters = new[] { "to-firehose" },
        logEvents = events.Select((e, i) => new { id = "3600000000000000000000000000000000000000000000000000000" + i, timestamp = e.Ts, message = e.Msg }),
    });

    [Fact]
    public void Subscription_payloads_in_every_wrapper_are_decoded()
    {
        using var dir = new TempDir();
        var msg1 = DataMessage("/aws/lambda/auth", "2024/05/01/[$LATEST]aaaa", (1714557600000, $"2024-05-01T10:00:00.000Z\t77777777-2222-4333-8444-555555555555\tINFO\ttoken {Asia}\n"));
        var msg2 = DataMessage("/aws/lambda/billing", "2024/05/01/[$LATEST]bbbb", (1714557700000, $"{{\"timestamp\":\"2024-05-01T10:01:40.000Z\",\"level\":\"INFO\",\"requestId\":\"88888888-2222-4333-8444-555555555555\",\"message\":\"key {AkiaLog}\"}}"));
        var control = JsonSerializer.Serialize(new { messageType = "CONTROL_MESSAGE", owner = "CloudwatchLogs", logGroup = "", logStream = "", subscriptionFilters = Array.Empty<string>(), logEvents = new[] { new { id = "", timestamp = 1714557600000, message = $"CWL CONTROL MESSAGE: Checking health of destination {AkiaPy}" } } });
        string B64(string s) => Convert.ToBase64String(GzipBytes(s));

        // Lambda subscription event, Kinesis event, Firehose transformation event, raw Firehose S3 object (concatenated, gzip).
        dir.File("lambda-event.json", JsonSerializer.Serialize(new { awslogs = new { data = B64(msg1) } }));
        dir.File("kinesis-event.json", JsonSerializer.Serialize(new
        {
            Records = new[]
            {
                new { kinesis = new { kinesisSchemaVersion = "1.0", partitionKey = "pk", sequenceNumber = "49590338271490256608559692538361571095921575989136588898", data = B64(msg2), approximateArrivalTimestamp = 1714557701.5 }, eventSource = "aws:kinesis", eventVersion = "1.0", eventID = "shardId-000000000006:49590338271490256608559692538361571095921575989136588898", eventName = "aws:kinesis:record", awsRegion = "us-east-1" },
                new { kinesis = new { kinesisSchemaVersion = "1.0", partitionKey = "pk", sequenceNumber = "49590338271490256608559692538361571095921575989136588899", data = B64(control), approximateArrivalTimestamp = 1714557701.6 }, eventSource = "aws:kinesis", eventVersion = "1.0", eventID = "shardId-000000000006:49590338271490256608559692538361571095921575989136588899", eventName = "aws:kinesis:record", awsRegion = "us-east-1" },
            },
        }));
        dir.File("firehose-event.json", JsonSerializer.Serialize(new
        {
            invocationId = "invocationIdExample",
            deliveryStreamArn = "arn:aws:firehose:us-east-1:111122223333:deliverystream/logs",
            region = "us-east-1",
            records = new[] { new { recordId = "49546986683135544286507457936321625675700192471156785154", approximateArrivalTimestamp = 1714557702000, data = B64(msg1) } },
        }));
        File.WriteAllBytes(Path.Combine(dir.Path, "firehose-s3-object"), GzipBytes(msg1 + msg2));
        dir.File("kinesis-records.b64", B64(msg2) + "\n");

        var r = Scan([dir.Path]);
        Assert.Empty(r.Warnings);
        var auth = r.Findings.Single(f => f.Location.LogGroup == "/aws/lambda/auth");
        Assert.Equal(Asia, auth.Secret);
        Assert.Equal("2024/05/01/[$LATEST]aaaa", auth.Location.LogStream);
        Assert.Equal("77777777-2222-4333-8444-555555555555", auth.Location.RequestId);
        Assert.Equal("3", auth.Properties["occurrences"]);
        var billing = r.Findings.Single(f => f.Location.LogGroup == "/aws/lambda/billing");
        Assert.Equal(AkiaLog, billing.Secret);
        Assert.Equal("88888888-2222-4333-8444-555555555555", billing.Location.RequestId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1714557700000), billing.Location.Timestamp);
        Assert.Equal("3", billing.Properties["occurrences"]);
        Assert.Equal(2, r.Findings.Count); // the control message is not a log event
    }

    [Fact]
    public void Corrupt_json_document_is_a_warning_and_other_inputs_still_run()
    {
        using var dir = new TempDir();
        var bad = dir.File("a-bad.json", "{\n  \"events\": [\n    {\"timestamp\": 1, \"message\": \"key " + AkiaLog + "\"},\n    {\"timestamp\": 2, \"message\": oops}\n  ]\n}\n");
        dir.File("b-good.log", $"2024-01-15T10:00:00.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\t{Asia}\n");
        var r = Scan([dir.Path]);
        var w = Assert.Single(r.Warnings);
        Assert.EndsWith("a-bad.json", w.Input);
        Assert.Contains("invalid JSON", w.Message);
        Assert.Contains(r.Findings, f => f.Secret == AkiaLog);
        Assert.Contains(r.Findings, f => f.Secret == Asia);
    }

    [Fact]
    public void Large_api_output_is_streamed_element_by_element()
    {
        using var dir = new TempDir();
        var p = Path.Combine(dir.Path, "big.json");
        using (var w = new StreamWriter(p))
        {
            w.Write("{\"events\":[");
            for (var i = 0; i < 20000; i++)
            {
                w.Write(i > 0 ? "," : "");
                var msg = i == 19999 ? $"last {AkiaLog}" : $"event {i} " + new string('x', 200);
                w.Write($"{{\"logStreamName\":\"s{i % 7}\",\"timestamp\":{1700000000000 + i},\"message\":\"{msg}\",\"ingestionTime\":{1700000000500 + i},\"eventId\":\"{i}\"}}");
            }

            w.Write("],\"searchedLogStreams\":[]}");
        }

        var r = Scan([p], logGroup: "/big");
        var f = Assert.Single(r.Findings);
        Assert.Equal("s0", f.Location.LogStream); // 19999 % 7
        Assert.Equal(20000, r.Stats["events"]);
    }

    [Fact]
    public void Jwts_are_judged_when_logged_and_now()
    {
        var live = FakeJwt(Now.AddHours(2).ToUnixTimeSeconds());
        var expiredSinceLogged = FakeJwt(T("2024-01-15T12:00:00Z").ToUnixTimeSeconds());
        var deadWhenLogged = FakeJwt(T("2024-01-15T09:00:00Z").ToUnixTimeSeconds());
        using var dir = new TempDir();
        var p = dir.File("auth.log",
            $"2024-01-15T10:00:00.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\tAuthorization: Bearer {live}\n" +
            $"2024-01-15T10:00:01.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\tid token {expiredSinceLogged}\n" +
            $"2024-01-15T10:00:02.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\told token {deadWhenLogged}\n");
        var r = Scan([p], detectors: [new TestJwtDetector(), new AwsAccessKeyIdDetector()]);
        Assert.Equal(3, r.Findings.Count);
        var a = r.Findings.Single(f => f.Secret == live);
        Assert.Equal(Severity.Critical, a.Severity);
        Assert.Equal("true", a.Properties["liveNow"]);
        var b = r.Findings.Single(f => f.Secret == expiredSinceLogged);
        Assert.Equal(Severity.High, b.Severity);
        Assert.Equal("true", b.Properties["liveWhenLogged"]);
        Assert.Equal("false", b.Properties["liveNow"]);
        var c = r.Findings.Single(f => f.Secret == deadWhenLogged);
        Assert.Equal(Severity.Low, c.Severity);
        Assert.Equal("false", c.Properties["liveWhenLogged"]);
    }

    [Fact]
    public void Stdin_is_read_with_dash()
    {
        var r = Scan(["-"], logGroup: "/piped", stdin: new StringReader($"2024-01-15T10:00:00.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\t{Asia}\n"));
        var f = Assert.Single(r.Findings);
        Assert.Equal("/piped", f.Location.LogGroup);
    }

    [Fact]
    public void Path_context_reads_s3_export_layout()
    {
        Assert.Equal(("/aws/lambda/fn", "2024/01/15/[$LATEST]abc"), LogScanner.PathContext("bucket/aws/lambda/fn/6f1d2c3b-4a5e-4f6a-8b7c-9d0e1f2a3b4c/2024/01/15/[$LATEST]abc/000000.gz", null));
        Assert.Equal(((string?)null, "app-stream"), LogScanner.PathContext("exportedlogs/6f1d2c3b-4a5e-4f6a-8b7c-9d0e1f2a3b4c/app-stream/000000.gz", null));
        Assert.Equal(("my-group", "s"), LogScanner.PathContext("x/my-group/6f1d2c3b-4a5e-4f6a-8b7c-9d0e1f2a3b4c/s/000000.gz", null));
        Assert.Equal(("given", (string?)null), LogScanner.PathContext("logs/app.log", "given"));
    }

    [Fact]
    public void Cli_logs_reports_json_and_exit_code()
    {
        var path = TestData("THL001", "positive", "lambda-nodejs-text.log");
        var (exit, stdout, stderr) = RunCli("logs", path, "--format", "json", "--no-progress");
        Assert.Equal(1, exit);
        Assert.DoesNotContain(AkiaLog, stdout);
        Assert.Contains("THL001", stdout);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);

        var (exit2, _, _) = RunCli("logs", TestData("THL001", "negative", "lambda-clean.log"));
        Assert.Equal(0, exit2);

        var (exit3, _, err3) = RunCli("logs");
        Assert.Equal(2, exit3);
        Assert.Contains("PATH", err3);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void Cli_logs_text_shows_summary_and_hides_secrets()
    {
        var path = TestData("THL001", "positive", "lambda-python-json.log");
        var (exit, stdout, _) = RunCli("logs", path, "--log-group", "/aws/lambda/payments-worker");
        Assert.Equal(1, exit);
        Assert.Contains("Tokens per log group", stdout);
        Assert.Contains("/aws/lambda/payments-worker", stdout);
        Assert.DoesNotContain(AkiaPy, stdout);
        var (_, shown, _) = RunCli("logs", path, "--show-secrets");
        Assert.Contains(AkiaPy, shown);
    }

    internal static string FakeJwt(long exp)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64($"{{\"sub\":\"user-42\",\"iss\":\"https://auth.example.test\",\"exp\":{exp}}}") + ".c2lnbmF0dXJlLWZha2UtZm9yLXRlc3RzLW9ubHk";
    }
}

/// <summary>A minimal JWT detector for tests that do not depend on the secrets helper's detector.</summary>
internal sealed class TestJwtDetector : SecretDetector
{
    private static readonly RuleInfo Info = new()
    {
        Id = "THS900",
        Name = "test-jwt",
        Family = "hardcoded-token",
        Severity = Severity.Medium,
        Confidence = Confidence.High,
        Title = "JSON Web Token",
        Description = "test",
        Remediation = "test",
        Cwe = "CWE-798",
    };

    public override RuleInfo Rule => Info;
    public override string Kind => "jwt";
    public override IReadOnlyList<string> Signatures => ["eyJ"];
    public override IReadOnlyList<string> Examples => [];
    public override IReadOnlyList<string> NegativeExamples => [];

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        var end = hit;
        var dots = 0;
        while (end < text.Length && (TextUtil.IsTokenChar(text[end]) || text[end] == '.'))
        {
            if (text[end] == '.')
            {
                dots++;
            }

            end++;
        }

        if (dots != 2)
        {
            return;
        }

        results.Add(new SecretMatch { Rule = Info, Kind = Kind, Start = hit, Length = end - hit, Value = text[hit..end].ToString(), Severity = Severity.Medium, Confidence = Confidence.High, Title = "JSON Web Token" });
    }
}

public sealed class LogsBadInputTests
{
    [Fact]
    public void Binary_lines_are_a_warning_and_the_rest_is_read()
    {
        using var dir = new TestUtil.TempDir();
        var p = dir.File("mixed.log", "2024-01-15T10:00:00.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\tok\n\u0000\u0001\u0002binary\n2024-01-15T10:00:01.000Z\tabcdef12-3456-4789-8abc-def012345678\tINFO\tkey AKIAQ3FAKELOGKEY2345\n");
        var r = LogScanner.Run(new LogScanOptions { Paths = [p] });
        var w = Assert.Single(r.Warnings);
        Assert.Contains("line 2", w.Message);
        Assert.Equal(3, Assert.Single(r.Findings).Location.Line);
    }
}
