using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>
/// THS005: Amazon Cognito refresh tokens — compact JWE (five base64url parts) whose header is
/// {"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}. The content is encrypted, so nothing else can be decoded offline.
/// </summary>
public sealed class CognitoRefreshTokenDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS005",
        Name = "cognito-refresh-token",
        Family = "hardcoded-token",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "Amazon Cognito refresh token",
        Description = "An Amazon Cognito user pool refresh token (an encrypted JWE). It mints new ID and access tokens for its user for as long as it lives (30 days by default, up to 10 years), so a leaked one outlives every access token.",
        Remediation = "Revoke it (Cognito RevokeToken or GlobalSignOut for the user), shorten the app client's refresh token validity, and stop logging or storing refresh tokens outside secure storage.",
        Cwe = "CWE-522",
        References =
        [
            "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html",
            "https://www.rfc-editor.org/rfc/rfc7516",
        ],
    };

    private static string[] ExampleTexts => field ??=
    [
        // InitiateAuth response logged by a Lambda.
        $$$"""2026-01-01T00:00:02.000Z	9a8b7c6d-1111-2222-3333-444455556666	INFO	auth result {"AuthenticationResult":{"ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"{{{FakeTokens.CognitoRefreshToken(1)}}}"}}""",
        // Stored in a mobile app fixture.
        $"""
        # saved session
        refresh_token: {FakeTokens.CognitoRefreshToken(2)}
        """,
    ];

    private static string[] NegativeExampleTexts => field ??=
    [
        // A JWS (three parts) is THS004's.
        FakeTokens.CognitoToken("access", 1893456000),
        // JWE with another key management algorithm.
        FakeTokens.Base64Url("""{"enc":"A128CBC-HS256","alg":"dir"}""") + "..aGVsbG8gd29ybGQgaXY." + FakeTokens.Random(FakeTokens.Base64UrlAlphabet, 200, 3) + "." + FakeTokens.Random(FakeTokens.Base64UrlAlphabet, 22, 4),
        // Header right, parts truncated.
        FakeTokens.Base64Url("""{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}""") + ".abc.def.ghi.jkl",
    ];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "cognito-refresh-token";

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

        Span<Range> parts = stackalloc Range[5];
        if (Jwt.ReadParts(text, hit, parts, out var end) != 5)
        {
            return;
        }

        // Encrypted key (RSA: >= 1024-bit), IV (>= 96 bits), ciphertext, tag (128 bits).
        if (Len(parts[1]) < 128 || Len(parts[2]) < 16 || Len(parts[3]) < 16 || Len(parts[4]) < 16)
        {
            return;
        }

        using var h = Jwt.DecodeObject(text[parts[0]]);
        if (h is null || Jwt.Claim(h.RootElement, "alg") is not { } alg || !alg.StartsWith("RSA-OAEP", StringComparison.Ordinal) ||
            Jwt.Claim(h.RootElement, "enc") is not { } enc)
        {
            return;
        }

        var cty = Jwt.Claim(h.RootElement, "cty");
        results.Add(new SecretMatch
        {
            Rule = RuleInfo,
            Kind = Kind,
            Start = hit,
            Length = end - hit,
            Value = text[hit..end].ToString(),
            Severity = Severity.High,
            Confidence = cty == "JWT" && enc == "A256GCM" ? Confidence.High : Confidence.Medium,
            Title = "Amazon Cognito refresh token",
            Message = $"Cognito refresh token (JWE, alg {alg}, enc {enc})",
            Properties = new Dictionary<string, string> { ["alg"] = alg, ["enc"] = enc, ["cty"] = cty ?? "" },
        });

        static int Len(Range r) => r.End.Value - r.Start.Value;
    }
}
