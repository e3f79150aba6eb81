using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace TokenHound.Secrets.Tests;

public sealed class SigV4Tests
{
    [Fact]
    public void Matches_the_aws_test_suite_get_vanilla_vector()
    {
        // aws-sig-v4-test-suite "get-vanilla": documented example credentials and expected signature.
        var headers = new Dictionary<string, string> { ["host"] = "example.amazonaws.com", ["x-amz-date"] = "20150830T123600Z" };
        var auth = SigV4.Authorization("GET", "/", "", headers, SigV4.Hex(SHA256.HashData([])), "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830T123600Z", "us-east-1", "service");
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            auth);
    }
}

/// <summary>Live verification against a real HTTP server on 127.0.0.1 that checks the SigV4 signature itself.</summary>
public sealed class AwsKeyVerifierTests : IDisposable
{
    private const string KeyId = "AKIAZ7FAKEKEY2345X7Q";
    private static readonly string Secret = FakeTokens.AwsSecretAccessKey(91);
    private readonly FakeSts _sts = new(new Dictionary<string, string> { [KeyId] = Secret });
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _sts.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Valid_key_returns_the_caller_arn()
    {
        var result = await new AwsKeyVerifier(_http, _sts.Endpoint).VerifyAsync(KeyId, Secret);
        Assert.Equal(AwsKeyStatus.Valid, result.Status);
        Assert.Equal("arn:aws:iam::111122223333:user/ci-deployer", result.Arn);
        Assert.Equal("111122223333", result.Account);
        Assert.Equal("AIDAQ3FAKE5USER6ID7X", result.UserId);
        var request = Assert.Single(_sts.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("Action=GetCallerIdentity&Version=2011-06-15", request.Body);
        Assert.Contains("/us-east-1/sts/aws4_request", request.Authorization);
    }

    [Fact]
    public async Task Session_token_is_signed_too()
    {
        var token = FakeTokens.AwsSessionToken(92);
        var result = await new AwsKeyVerifier(_http, _sts.Endpoint).VerifyAsync(KeyId, Secret, token);
        Assert.Equal(AwsKeyStatus.Valid, result.Status);
        Assert.Contains("x-amz-security-token", Assert.Single(_sts.Requests).Authorization);
    }

    [Fact]
    public async Task Wrong_secret_is_invalid()
    {
        var result = await new AwsKeyVerifier(_http, _sts.Endpoint).VerifyAsync(KeyId, FakeTokens.AwsSecretAccessKey(93));
        Assert.Equal(AwsKeyStatus.Invalid, result.Status);
        Assert.Equal("SignatureDoesNotMatch", result.ErrorCode);
        Assert.Null(result.Arn);
    }

    [Fact]
    public async Task Unknown_key_is_invalid()
    {
        var result = await new AwsKeyVerifier(_http, _sts.Endpoint).VerifyAsync("AKIAQ3FAKE5KEY6ID7XY", Secret);
        Assert.Equal(AwsKeyStatus.Invalid, result.Status);
        Assert.Equal("InvalidClientTokenId", result.ErrorCode);
    }

    [Fact]
    public async Task Unreachable_endpoint_is_an_error_not_a_verdict()
    {
        var port = FakeSts.FreePort();
        var result = await new AwsKeyVerifier(_http, new Uri($"http://127.0.0.1:{port}/")).VerifyAsync(KeyId, Secret);
        Assert.Equal(AwsKeyStatus.Error, result.Status);
    }

    [Fact]
    public void Default_endpoint_is_global_sts() => Assert.Equal("https://sts.amazonaws.com/", new AwsKeyVerifier(_http).Endpoint.ToString());
}
