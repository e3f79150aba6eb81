using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>
/// THS003: AWS STS session tokens — a long base64 value after a keyword (aws_session_token, SessionToken,
/// X-Amz-Security-Token ...) or starting with a known prefix (FwoGZXIvYXdz, IQoJb3JpZ2lu).
/// </summary>
public sealed class AwsSessionTokenDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS003",
        Name = "aws-session-token",
        Family = "hardcoded-aws-credential",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "AWS session token",
        Description = "An AWS STS session token (the third part of temporary credentials, with an ASIA… key id and its secret). Until it expires (up to 12 hours for roles, 36 hours for federation) it lets anyone act as the role session — Lambda functions' own credentials are of this kind.",
        Remediation = "Revoke the role's active sessions (IAM console: 'Revoke active sessions', which adds an AWSRevokeOlderSessions deny), find how the token leaked (environment dumps, logs, error responses) and stop printing credentials.",
        Cwe = "CWE-522",
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html",
            "https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html",
        ],
    };

    public const int MinLength = 100;
    private const int MaxLength = 8192;

    private static readonly string[] Prefixes = ["FwoGZXIvYXdz", "FQoGZXIvYXdz", "IQoJb3JpZ2lu"];

    private static string[] ExampleTexts => field ??=
    [
        // ~/.aws/credentials of an assumed role.
        $"""
        [prod-admin]
        aws_access_key_id = ASIAQ3FAKE5KEY6ID7XY
        aws_session_token = {FakeTokens.AwsSessionToken(1)}
        """,
        // Lambda environment printed to CloudWatch (JSON).
        $$"""{"AWS_REGION":"us-east-1","AWS_SESSION_TOKEN":"{{FakeTokens.AwsSessionToken(2, "FwoGZXIvYXdzEBYaDFAKE")}}","AWS_LAMBDA_FUNCTION_NAME":"orders"}""",
        // Prefix without keyword (a presigned URL).
        $"https://bucket.s3.amazonaws.com/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAQ3FAKE5KEY6ID7XY%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token={FakeTokens.AwsSessionToken(3).Replace("/", "%2F", StringComparison.Ordinal).Replace("+", "%2B", StringComparison.Ordinal).Replace("=", "%3D", StringComparison.Ordinal)}&X-Amz-Signature=0f1e2d",
        // Legacy boto config with an old-format token.
        $"[legacy]\naws_security_token = {FakeTokens.AwsSessionToken(5, "FQoGZXIvYXdzEHAaDFAKE")}\n",
        // SDK code with a keyword only.
        $"""    SessionToken = "{FakeTokens.AwsSessionToken(4, "AQoDYXdzEPT//////////wEa")}",""",
    ];

    private static string[] NegativeExampleTexts => field ??=
    [
        "aws_session_token = ${AWS_SESSION_TOKEN}",
        "aws_session_token = AQoEXAMPLEH4aoAH0gNCAPyJxz4BlCFFxWNE1OPTgk5TthT+FvwqnKwRcOIfrRh3c/LTo6UDdyJwOOvEVPvLXCrrrUtdnniCEXAMPLE/IvU1dYUg2RVAJBanLiHb4IgRmpRV3zrkuWJOgQs8IZZaIv2BXIa2R4Olgk",
        "SessionToken: response.Credentials.SessionToken,",
        "aws_session_token = IQoJb3JpZ2luX2VjEFAKE",  // too short to be a token
        $"\"sessionToken\": \"{new string('A', 200)}\"",
    ];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "aws-session-token";

    /// <summary>"token" (shared with THS010) for the keywords (session token, security token), checked at the hit; the STS prefixes.</summary>
    public override IReadOnlyList<string> Signatures { get; } = ["token", .. Prefixes];

    public override int Priority => 85;

    public override IReadOnlyList<string> Examples => ExampleTexts;

    public override IReadOnlyList<string> NegativeExamples => NegativeExampleTexts;

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        int start;
        if (signature[0] is 'F' or 'I')
        {
            // Known prefix (case-sensitive), not inside a longer token.
            if (!text[hit..].StartsWith(signature, StringComparison.Ordinal) || (hit > 0 && IsValueChar(text[hit - 1])))
            {
                return;
            }

            start = hit;
        }
        else
        {
            // Keyword (session|security)[_-]?token: skip the rest of the key, quotes and the separator.
            if (!IsKeyword(text, hit))
            {
                return;
            }

            var p = hit + signature.Length;
            while (p < text.Length && TextUtil.IsKeyChar(text[p]))
            {
                p++;
            }

            var limit = Math.Min(text.Length, p + 12);
            while (p < limit && text[p] is ' ' or '\t' or '"' or '\\' or '\'' or ':' or '=' or '>' or ',' or ']')
            {
                p++;
            }

            start = p;
        }

        var len = TextUtil.RunLength(text, start, IsValueChar, MaxLength);
        if (len < MinLength || (start + len < text.Length && TextUtil.IsKeyChar(text[start + len])))
        {
            return;
        }

        var value = text.Slice(start, len);
        if (!TextUtil.HasUpper(value) || !TextUtil.HasLower(value) || !TextUtil.HasDigit(value) || TextUtil.Entropy(value) < 4.5)
        {
            return;
        }

        if (!options.IncludeExamples && value.Contains("EXAMPLE", StringComparison.Ordinal))
        {
            return;
        }

        var props = new Dictionary<string, string>();
        var known = value.StartsWith("IQoJb3JpZ2lu", StringComparison.Ordinal) || value.StartsWith("FwoGZXIvYXdz", StringComparison.Ordinal) || value.StartsWith("FQoGZXIvYXdz", StringComparison.Ordinal);
        props["format"] = known ? "sts-session-token" : "keyword";
        results.Add(new SecretMatch
        {
            Rule = RuleInfo,
            Kind = Kind,
            Start = start,
            Length = len,
            Value = value.ToString(),
            Severity = Severity.High,
            Confidence = Confidence.High,
            Title = "AWS session token",
            Message = $"AWS STS session token ({len} chars)",
            Properties = props,
        });
    }

    private static bool IsKeyword(ReadOnlySpan<char> text, int hit)
    {
        var b = hit;
        if (b > 0 && text[b - 1] is '_' or '-')
        {
            b--;
        }

        var before = text[..b];
        return before.EndsWith("session", StringComparison.OrdinalIgnoreCase) || before.EndsWith("security", StringComparison.OrdinalIgnoreCase);
    }

    // Base64 plus '%' for URL-encoded tokens (X-Amz-Security-Token in presigned URLs).
    private static bool IsValueChar(char c) => TextUtil.IsBase64Char(c) || c is '=' or '%';
}
