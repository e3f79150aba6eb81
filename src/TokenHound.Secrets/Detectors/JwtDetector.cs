using System.Globalization;
using System.Text.Json;
using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>
/// THS004: JSON Web Tokens (compact JWS, three base64url parts). The header must decode to a JSON object with "alg", the
/// payload to a JSON object. Reports alg (none is critical), iss, aud, sub, Cognito token_use and the expiry relative to
/// <see cref="SecretsOptions.Now"/>: expired tokens stay findings at low severity.
/// </summary>
public sealed class JwtDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS004",
        Name = "jwt",
        Family = "hardcoded-token",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "JSON Web Token",
        Description = "A JSON Web Token (for example a Cognito ID or access token, or an API's session token). Until it expires, anyone holding it is the user it was issued to; unsigned tokens (alg none) show an issuer or a test that accepts forged tokens.",
        Remediation = "Remove the token from the text and from history. If it is still valid, revoke the session (Cognito: GlobalSignOut / RevokeToken) and find the code path that logs or stores it. Never log Authorization headers or token values.",
        Cwe = "CWE-522",
        References =
        [
            "https://www.rfc-editor.org/rfc/rfc7519",
            "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html",
        ],
    };

    /// <summary>Fixed "now" of the examples: 2026-01-01T00:00:00Z.</summary>
    public const long ExampleNow = 1767225600;

    private static string[] ExampleTexts => field ??=
    [
        // Lambda log line with a live Cognito ID token.
        $"2026-01-01T00:00:01.123Z\t6f1c2a9e-1b7d-4c55-9e0a-2b6f8d4c1a77\tINFO\tincoming event headers {{\"Authorization\":\"{FakeTokens.CognitoToken("id", ExampleNow + 3600)}\",\"Host\":\"api.example.com\"}}",
        // Expired access token in a test fixture (still a finding, low severity).
        $"const accessToken = '{FakeTokens.CognitoToken("access", ExampleNow - 86400, seed: 2)}';",
        // HS256 token in a .env file.
        $"SESSION_JWT={FakeTokens.Jwt("""{"alg":"HS256","typ":"JWT"}""", """{"sub":"user-42","iss":"orders-api","aud":"orders","exp":1893456000}""", FakeTokens.Random(FakeTokens.Base64UrlAlphabet, 43, 11))}",
        // Unsigned token (alg none, empty signature part).
        $"curl https://api.example.com/admin -H 'Authorization: Bearer {FakeTokens.Jwt("""{"alg":"none","typ":"JWT"}""", """{"sub":"admin","role":"admin"}""", "")}'",
    ];

    private static string[] NegativeExampleTexts => field ??=
    [
        // The jwt.io sample token is documentation.
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        // Header without alg.
        FakeTokens.Jwt("""{"typ":"JWT"}""", """{"sub":"x"}"""),
        // Not JSON inside.
        "eyJub3QganNvbg.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQtaGVyZQ",
        // Invalid base64 in the header (37 chars: not a base64 length).
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9X.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQtaGVyZQ",
        // A signed token with its signature cut off (truncated in a log).
        FakeTokens.Jwt("""{"alg":"RS256"}""", """{"sub":"x","exp":1893456000}""", "") + " [truncated]",
        // Two parts only.
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0",
        // A Cognito refresh token (JWE, five parts) is THS005's.
        FakeTokens.CognitoRefreshToken(),
    ];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "jwt";

    public override IReadOnlyList<string> Signatures { get; } = ["eyJ"];

    public override int Priority => 90;

    public override IReadOnlyList<string> Examples => ExampleTexts;

    public override IReadOnlyList<string> NegativeExamples => NegativeExampleTexts;

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        if (!text[hit..].StartsWith("eyJ", StringComparison.Ordinal))
        {
            return;
        }

        Span<Range> parts = stackalloc Range[3];
        var n = Jwt.ReadParts(text, hit, parts, out var end);
        if (n != 3)
        {
            return;
        }

        var header = text[parts[0]];
        var payload = text[parts[1]];
        var signaturePart = text[parts[2]];
        if (header.Length < 10 || payload.Length < 4)
        {
            return;
        }

        using var h = Jwt.DecodeObject(header);
        if (h is null || Jwt.Claim(h.RootElement, "alg") is not { Length: > 0 } alg)
        {
            return;
        }

        using var p = Jwt.DecodeObject(payload);
        if (p is null)
        {
            return;
        }

        var unsigned = alg.Equals("none", StringComparison.OrdinalIgnoreCase);
        if (!unsigned && signaturePart.Length < 16)
        {
            return;
        }

        var claims = p.RootElement;
        if (!options.IncludeExamples && (IsDocumentationSample(claims) || ContainsExampleMarker(payload)))
        {
            return;
        }

        var props = new Dictionary<string, string> { ["alg"] = alg };
        foreach (var name in (ReadOnlySpan<string>)["typ", "kid"])
        {
            if (Jwt.Claim(h.RootElement, name) is { } v)
            {
                props[name] = v;
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["iss", "aud", "sub", "token_use", "client_id", "scope"])
        {
            if (Jwt.Claim(claims, name) is { } v)
            {
                props[name] = v;
            }
        }

        var exp = Jwt.UnixTime(claims, "exp");
        var expired = false;
        string expiry;
        if (exp is { } e)
        {
            props["exp"] = e.ToString(CultureInfo.InvariantCulture);
            var at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(e, -62135596800, 253402300799));
            props["expiresAt"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            expired = at <= options.Now;
            props["expired"] = expired ? "true" : "false";
            expiry = expired ? $"expired {at:yyyy-MM-dd HH:mm}Z" : $"valid until {at:yyyy-MM-dd HH:mm}Z";
        }
        else
        {
            expiry = "no expiry";
        }

        var cognito = props.TryGetValue("iss", out var iss) && iss.Contains("cognito-idp.", StringComparison.Ordinal);
        var tokenUse = props.GetValueOrDefault("token_use");
        var what = cognito && tokenUse is "id" or "access" ? $"Cognito {tokenUse} token" : "JSON Web Token";
        if (cognito)
        {
            props["issuer"] = "cognito";
        }

        Severity severity;
        string title;
        if (unsigned)
        {
            severity = Severity.Critical;
            title = $"Unsigned {what} (alg none)";
        }
        else
        {
            severity = expired ? Severity.Low : Severity.High;
            title = expired ? $"Expired {what}" : what;
        }

        var value = text[hit..end].ToString();
        results.Add(new SecretMatch
        {
            Rule = RuleInfo,
            Kind = Kind,
            Start = hit,
            Length = end - hit,
            Value = value,
            Severity = severity,
            Confidence = Confidence.High,
            Title = title,
            Message = $"{title}: alg {alg}, {expiry}" + (iss is null ? "" : $", issuer {iss}"),
            Properties = props,
        });
    }

    /// <summary>The jwt.io sample ("John Doe", sub 1234567890) and tokens issued by or for example.com/.org/.net.</summary>
    private static bool IsDocumentationSample(JsonElement claims) =>
        (Jwt.Claim(claims, "sub") == "1234567890" && Jwt.Claim(claims, "name") == "John Doe") ||
        IsExampleHost(Jwt.Claim(claims, "iss")) || IsExampleHost(Jwt.Claim(claims, "aud"));

    private static bool IsExampleHost(string? url) =>
        url is not null && (url.Contains("example.com", StringComparison.OrdinalIgnoreCase) || url.Contains("example.org", StringComparison.OrdinalIgnoreCase) ||
                            url.Contains("example.net", StringComparison.OrdinalIgnoreCase));

    /// <summary>AWS documentation samples carry EXAMPLE in their claims (e.g. "EXAMPLEIDENTITYCONTEXT").</summary>
    private static bool ContainsExampleMarker(ReadOnlySpan<char> payload)
    {
        var bytes = TextUtil.DecodeBase64Url(payload);
        return bytes is not null && bytes.AsSpan().IndexOf("EXAMPLE"u8) >= 0;
    }
}
