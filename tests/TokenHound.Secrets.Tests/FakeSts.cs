using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace TokenHound.Secrets.Tests;

/// <summary>
/// A real STS stand-in on 127.0.0.1 (HttpListener) that checks SigV4 signatures itself with the secrets it knows.
/// Linked into TokenHound.Cli.Tests too (the --verify tests).
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
