using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace TokenHound.Secrets;

/// <summary>Outcome of a live check of AWS credentials.</summary>
public enum AwsKeyStatus
{
    /// <summary>STS accepted the signature: the key is active.</summary>
    Valid,

    /// <summary>STS rejected the key (unknown, deactivated, expired token, wrong secret).</summary>
    Invalid,

    /// <summary>No answer could be had (network, throttling, unexpected response): nothing is known.</summary>
    Error,
}

/// <summary>Result of <see cref="AwsKeyVerifier.VerifyAsync"/>: the caller identity for valid keys, the error code otherwise.</summary>
public sealed record AwsKeyVerification(AwsKeyStatus Status, string? Arn = null, string? Account = null, string? UserId = null, string? ErrorCode = null, string? Message = null);

/// <summary>
/// Optional live verification of AWS keys: a SigV4-signed STS GetCallerIdentity (which needs no IAM permission) to an
/// overridable endpoint. Off by default in every scan; only called on explicit request.
/// </summary>
public sealed class AwsKeyVerifier(HttpClient http, Uri? endpoint = null, TimeProvider? time = null)
{
    public static readonly Uri DefaultEndpoint = new("https://sts.amazonaws.com/");

    public const string Region = "us-east-1";
    public const string Service = "sts";
    public const string Body = "Action=GetCallerIdentity&Version=2011-06-15";
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public Uri Endpoint { get; } = endpoint ?? DefaultEndpoint;

    public async Task<AwsKeyVerification> VerifyAsync(string accessKeyId, string secretAccessKey, string? sessionToken = null, CancellationToken cancellationToken = default)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = ContentType,
            ["host"] = Endpoint.IsDefaultPort ? Endpoint.Host : Endpoint.Authority,
            ["x-amz-date"] = amzDate,
        };
        if (!string.IsNullOrEmpty(sessionToken))
        {
            headers["x-amz-security-token"] = sessionToken;
        }

        var path = string.IsNullOrEmpty(Endpoint.AbsolutePath) ? "/" : Endpoint.AbsolutePath;
        var authorization = SigV4.Authorization("POST", path, "", headers, SigV4.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(Body))),
            accessKeyId, secretAccessKey, amzDate, Region, Service);

        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (!string.IsNullOrEmpty(sessionToken))
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);
        }

        string text;
        int status;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new AwsKeyVerification(AwsKeyStatus.Error, Message: e.Message);
        }

        return Interpret(status, text);
    }

    private static AwsKeyVerification Interpret(int status, string text)
    {
        XDocument? doc = null;
        try
        {
            doc = XDocument.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
        }

        if (status == 200 && doc?.Root?.Element(Ns + "GetCallerIdentityResult") is { } result)
        {
            return new AwsKeyVerification(AwsKeyStatus.Valid, result.Element(Ns + "Arn")?.Value, result.Element(Ns + "Account")?.Value, result.Element(Ns + "UserId")?.Value);
        }

        var error = doc?.Root?.Element(Ns + "Error");
        var code = error?.Element(Ns + "Code")?.Value;
        var message = error?.Element(Ns + "Message")?.Value;
        var invalid = code is "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" or "AccessDenied" or "UnrecognizedClientException" or "IncompleteSignature";
        return new AwsKeyVerification(status is 400 or 403 && invalid ? AwsKeyStatus.Invalid : AwsKeyStatus.Error, ErrorCode: code ?? $"HTTP {status}", Message: message);
    }
}

/// <summary>AWS Signature Version 4 for one request (header-based).</summary>
public static class SigV4
{
    /// <summary>The Authorization header value. <paramref name="headers"/> are the signed headers: lower-case names.</summary>
    public static string Authorization(string method, string path, string canonicalQuery, IReadOnlyDictionary<string, string> headers, string payloadHashHex,
        string accessKeyId, string secretAccessKey, string amzDate, string region, string service)
    {
        var names = headers.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var signedHeaders = string.Join(';', names);
        var signature = Signature(method, path, canonicalQuery, headers, payloadHashHex, secretAccessKey, amzDate, region, service);
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        return $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    public static string Signature(string method, string path, string canonicalQuery, IReadOnlyDictionary<string, string> headers, string payloadHashHex,
        string secretAccessKey, string amzDate, string region, string service)
    {
        var canonicalHeaders = new StringBuilder();
        foreach (var (name, value) in headers.Select(kv => (kv.Key.ToLowerInvariant(), kv.Value)).OrderBy(kv => kv.Item1, StringComparer.Ordinal))
        {
            canonicalHeaders.Append(name).Append(':').Append(CollapseSpaces(value.Trim())).Append('\n');
        }

        var signedHeaders = string.Join(';', headers.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal));
        var canonicalRequest = $"{method}\n{path}\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHashHex}";
        var date = amzDate[..8];
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{date}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = SigningKey(secretAccessKey, date, region, service);
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var k = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        k = HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(region));
        k = HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(k, "aws4_request"u8.ToArray());
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static string CollapseSpaces(string s)
    {
        if (!s.Contains("  ", StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (c == ' ')
            {
                if (!space)
                {
                    sb.Append(c);
                }

                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }

        return sb.ToString();
    }
}
