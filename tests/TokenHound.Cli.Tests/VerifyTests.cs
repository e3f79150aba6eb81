using System.Text.Json;
using TokenHound.Secrets;
using TokenHound.Secrets.Tests;

namespace TokenHound.Cli.Tests;

/// <summary>`scan --verify` against a real HTTP server on 127.0.0.1 that checks the SigV4 signature of each call.</summary>
public sealed class VerifyTests : IDisposable
{
    private const string LiveKeyId = "AKIAZ7FAKEKEY2345X7Q";
    private const string DeadKeyId = "AKIAZ7FAKEKEY3456Y2R";
    private const string TempKeyId = "ASIAZ7FAKEKEY4567Z3S";
    private static readonly string LiveSecret = FakeTokens.AwsSecretAccessKey(301);
    private static readonly string DeadSecret = FakeTokens.AwsSecretAccessKey(302);
    private static readonly string TempSecret = FakeTokens.AwsSecretAccessKey(303);
    private readonly FakeSts _sts = new(new Dictionary<string, string> { [LiveKeyId] = LiveSecret, [TempKeyId] = TempSecret });
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        _sts.Dispose();
        _dir.Dispose();
    }

    private static Dictionary<string, JsonElement> ByKeyMask(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "THS002")
            .ToDictionary(f => f.GetProperty("properties").GetProperty("keyId").GetString()!, f => f.Clone());
    }

    [Fact]
    public void Live_and_dead_keys_are_told_apart_and_each_pair_is_sent_once()
    {
        _dir.Write("deploy/.env", $"AWS_ACCESS_KEY_ID={LiveKeyId}\nAWS_SECRET_ACCESS_KEY={LiveSecret}\n");
        _dir.Write("deploy/copy.env", $"AWS_ACCESS_KEY_ID={LiveKeyId}\nAWS_SECRET_ACCESS_KEY={LiveSecret}\n");
        _dir.Write("old/credentials", $"[default]\naws_access_key_id = {DeadKeyId}\naws_secret_access_key = {DeadSecret}\n");

        var r = Cli.Run("scan", _dir.Path, "--secrets-only", "--verify", "--verify-endpoint", _sts.Endpoint.ToString(), "--format", "json", "--no-progress");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("verifying 2 AWS key pair(s)", r.Error, StringComparison.Ordinal);
        Assert.Equal(2, _sts.Requests.Count); // two distinct pairs, three findings
        var json = JsonDocument.Parse(r.Out).RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "THS002").ToList();
        Assert.Equal(3, json.Count);
        foreach (var f in json)
        {
            var props = f.GetProperty("properties");
            if (f.GetProperty("location").GetProperty("path").GetString()!.StartsWith("deploy/", StringComparison.Ordinal))
            {
                Assert.Equal("valid", props.GetProperty("verified").GetString());
                Assert.Equal("arn:aws:iam::111122223333:user/ci-deployer", props.GetProperty("callerArn").GetString());
                Assert.Equal("critical", f.GetProperty("severity").GetString());
                Assert.Contains("VERIFIED LIVE", f.GetProperty("message").GetString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("invalid", props.GetProperty("verified").GetString());
                Assert.Equal("InvalidClientTokenId", props.GetProperty("verifyError").GetString());
                Assert.Equal("medium", f.GetProperty("severity").GetString());
            }
        }

        Assert.DoesNotContain(LiveSecret, r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveKeyId, r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_temporary_key_is_sent_with_its_session_token_and_skipped_without_one()
    {
        var token = FakeTokens.AwsSessionToken(304);
        _dir.Write("lambda/env.json", $$"""
            {
              "AWS_ACCESS_KEY_ID": "{{TempKeyId}}",
              "AWS_SECRET_ACCESS_KEY": "{{TempSecret}}",
              "AWS_SESSION_TOKEN": "{{token}}"
            }
            """);
        _dir.Write("notes/creds.txt", $"AWS_ACCESS_KEY_ID={TempKeyId}\nAWS_SECRET_ACCESS_KEY={FakeTokens.AwsSecretAccessKey(305)}\n");

        var r = Cli.Run("scan", _dir.Path, "--secrets-only", "--verify", "--verify-endpoint", _sts.Endpoint.ToString(), "--format", "json", "--no-progress");

        var request = Assert.Single(_sts.Requests);
        Assert.Contains("x-amz-security-token", request.Authorization, StringComparison.Ordinal);
        var verified = JsonDocument.Parse(r.Out).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "THS002")
            .ToDictionary(f => f.GetProperty("location").GetProperty("path").GetString()!, f => f.GetProperty("properties").GetProperty("verified").GetString());
        Assert.Equal("valid", verified["lambda/env.json"]);
        Assert.Equal("skipped", verified["notes/creds.txt"]);
    }

    [Fact]
    public void Without_verify_nothing_is_sent()
    {
        _dir.Write(".env", $"AWS_ACCESS_KEY_ID={LiveKeyId}\nAWS_SECRET_ACCESS_KEY={LiveSecret}\n");
        var r = Cli.Run("scan", _dir.Path, "--secrets-only", "--format", "json", "--no-progress");
        Assert.Equal(1, r.ExitCode);
        Assert.Empty(_sts.Requests);
        Assert.DoesNotContain("\"verified\"", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_endpoint_marks_the_pair_unverified_and_the_scan_goes_on()
    {
        _dir.Write(".env", $"AWS_ACCESS_KEY_ID={LiveKeyId}\nAWS_SECRET_ACCESS_KEY={LiveSecret}\n");
        var port = FakeSts.FreePort(); // nothing listens there
        var r = Cli.Run("scan", _dir.Path, "--secrets-only", "--verify", "--verify-endpoint", $"http://127.0.0.1:{port}/", "--format", "json", "--no-progress");
        Assert.Equal(1, r.ExitCode);
        var f = Assert.Single(JsonDocument.Parse(r.Out).RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "THS002");
        Assert.Equal("error", f.GetProperty("properties").GetProperty("verified").GetString());
        Assert.Equal("critical", f.GetProperty("severity").GetString());
    }

    [Theory]
    [InlineData("--verify-endpoint", "http://127.0.0.1:9/")]
    [InlineData("--verify", "--verify-endpoint", "ftp://127.0.0.1/")]
    public void Bad_verify_options_are_usage_errors(params string[] extra)
    {
        var r = Cli.Run(["scan", _dir.Path, .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--verify", r.Error, StringComparison.Ordinal);
    }
}
