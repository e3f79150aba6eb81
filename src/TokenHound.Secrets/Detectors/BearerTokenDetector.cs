using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>
/// THS006: opaque bearer tokens after "Bearer " (Authorization headers, logs, curl commands). JWT-shaped values are left
/// to THS004; placeholders and code that builds the header ("Bearer " + token, Bearer ${token}) are not secrets.
/// </summary>
public sealed class BearerTokenDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS006",
        Name = "bearer-token",
        Family = "hardcoded-token",
        Severity = Severity.High,
        Confidence = Confidence.Medium,
        Title = "Bearer token",
        Description = "An opaque bearer token written out after 'Bearer' (an Authorization header in code, a log line, a curl command). Whoever holds a bearer token is authenticated as its owner until it expires or is revoked.",
        Remediation = "Revoke the token at its issuer, remove it from the text, and keep tokens out of code and logs: read them from a secret store at run time and redact Authorization headers before logging.",
        Cwe = "CWE-798",
        References = ["https://www.rfc-editor.org/rfc/rfc6750", "https://owasp.org/www-community/vulnerabilities/Insufficiently_Protected_Credentials"],
    };

    public const int MinLength = 16;
    private const int MaxLength = 4096;

    private static string[] ExampleTexts => field ??=
    [
        // curl command in a README / shell history.
        $"""
        curl -s -X POST https://api.example.com/v1/orders \
          -H "Authorization: Bearer {FakeTokens.Opaque(40, 1)}" \
          -H 'Content-Type: application/json' -d @order.json
        """,
        // Python requests headers.
        $"headers = {{\"Authorization\": \"Bearer {FakeTokens.Opaque(32, 2)}\", \"Accept\": \"application/json\"}}",
        // Raw HTTP request in a Lambda log.
        $"2026-01-01T10:00:00.000Z\t0d1e2f3a-aaaa-bbbb-cccc-ddddeeeeffff\tDEBUG\tGET /prod/items HTTP/1.1\\r\\nauthorization: bearer {FakeTokens.Opaque(24, 3)}_x\\r\\nhost: abc.execute-api.us-east-1.amazonaws.com",
    ];

    private static string[] NegativeExampleTexts => field ??=
    [
        """headers["Authorization"] = "Bearer " + token;""",
        "fetch(url, { headers: { Authorization: `Bearer ${accessToken}` } })",
        "curl -H \"Authorization: Bearer $TOKEN\" https://api.example.com",
        "-H 'Authorization: Bearer <token>'",
        "Authorization: Bearer YOUR_ACCESS_TOKEN_HERE",
        "Authorization: Bearer xxxxxxxxxxxxxxxxxxxxxxxx",
        "The bearer of this document is entitled to a refund.",
        "auth_header = 'Bearer %s' % get_token()",
        "request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", token);",
        "Authorization: Bearer accessTokenGoesHere",  // a word, no digits
        "Authorization: Bearer {{api_token}}",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "bearer";

    public override IReadOnlyList<string> Signatures { get; } = ["bearer"];

    public override int Priority => 55;

    public override IReadOnlyList<string> Examples => ExampleTexts;

    public override IReadOnlyList<string> NegativeExamples => NegativeExampleTexts;

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        var p = hit + 6;
        if ((hit > 0 && char.IsAsciiLetterOrDigit(text[hit - 1])) || p >= text.Length || text[p] is not (' ' or '\t'))
        {
            return;
        }

        while (p < text.Length && text[p] is ' ' or '\t')
        {
            p++;
        }

        var start = p;
        var len = TextUtil.RunLength(text, start, IsB64TokenChar, MaxLength);
        while (len > 0 && text[start + len - 1] == '.')
        {
            len--; // sentence end
        }

        var after = start + len;
        while (after < text.Length && text[after] == '=')
        {
            after++;
        }

        if (len < MinLength || (after < text.Length && !TextUtil.IsValueDelimiter(text[after]) && text[after] != '.'))
        {
            return;
        }

        len = after - start;
        var value = text.Slice(start, len);
        if (IsJwtShaped(value))
        {
            return; // THS004's
        }

        if (!TextUtil.HasLetter(value) || !TextUtil.HasDigit(value) || TextUtil.Entropy(value) < 3.0)
        {
            return;
        }

        if (!options.IncludeExamples && (TextUtil.IsExampleOrPlaceholder(value) || TextUtil.HasStopWord(value) || TextUtil.HasTestSequence(value)))
        {
            return;
        }

        results.Add(new SecretMatch
        {
            Rule = RuleInfo,
            Kind = Kind,
            Start = start,
            Length = len,
            Value = value.ToString(),
            Severity = Severity.High,
            Confidence = Confidence.Medium,
            Title = "Bearer token",
            Message = $"Opaque bearer token ({len} chars) after 'Bearer'",
        });
    }

    // RFC 6750 b64token: ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" (then '=' padding).
    private static bool IsB64TokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/';

    private static bool IsJwtShaped(ReadOnlySpan<char> v) => v.StartsWith("eyJ", StringComparison.Ordinal) && v.Count('.') >= 2;
}
