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

/// <summary>
/// A minimal STS on 127.0.0.1: recomputes the SigV4 signature of each request (its own implementation, not the one under
/// test) with the secret it knows for the key id and answers like STS does.
/// </summary>
internal sealed class FakeSts : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, string> _secrets;
    private readonly Task _loop;

    public FakeSts(IReadOnlyDictionary<string, string> secrets)
    {
        _secrets = secrets;
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public List<(string Method, string Body, string Authorization)> Requests { get; } = [];

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var auth = ctx.Request.Headers["Authorization"] ?? "";
            lock (Requests)
            {
                Requests.Add((ctx.Request.HttpMethod, body, auth));
            }

            var (status, xml) = Answer(ctx.Request, body, auth);
            var bytes = Encoding.UTF8.GetBytes(xml);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "text/xml";
            ctx.Response.ContentLength64 = bytes.Length;
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
    }

    private (int, string) Answer(HttpListenerRequest request, string body, string auth)
    {
        // AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=a;b, Signature=hex
        var parts = auth.Replace("AWS4-HMAC-SHA256 ", "", StringComparison.Ordinal).Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders) || !parts.TryGetValue("Signature", out var signature))
        {
            return (400, Error("IncompleteSignature", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders'."));
        }

        var scope = credential.Split('/');
        if (!_secrets.TryGetValue(scope[0], out var secret))
        {
            return (403, Error("InvalidClientTokenId", "The security token included in the request is invalid."));
        }

        var names = signedHeaders.Split(';');
        var canonicalHeaders = string.Concat(names.Select(n => $"{n}:{(request.Headers[n] ?? "").Trim()}\n"));
        var canonical = string.Join('\n', "POST", request.Url!.AbsolutePath, request.Url.Query.TrimStart('?'), canonicalHeaders, signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var amzDate = request.Headers["X-Amz-Date"] ?? "";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{string.Join('/', scope.Skip(1))}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
        var k = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), scope[1]), scope[2]), scope[3]), "aws4_request");
        var expected = Convert.ToHexStringLower(Hmac(k, toSign));
        if (expected != signature || scope[2] != "us-east-1" || scope[3] != "sts" || !names.Contains("host") || !names.Contains("x-amz-date"))
        {
            return (403, Error("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."));
        }

        if (body != "Action=GetCallerIdentity&Version=2011-06-15")
        {
            return (400, Error("InvalidAction", "Could not find operation"));
        }

        return (200, """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::111122223333:user/ci-deployer</Arn>
                <UserId>AIDAQ3FAKE5USER6ID7X</UserId>
                <Account>111122223333</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>
            """);
    }

    private static string Error(string code, string message) => $"""
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error>
            <Type>Sender</Type>
            <Code>{code}</Code>
            <Message>{message}</Message>
          </Error>
          <RequestId>9a8b7c6d-5e4f-3a2b-1c0d-ffeeddccbbaa</RequestId>
        </ErrorResponse>
        """;

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
