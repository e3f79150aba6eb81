using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>THS009: PEM private key blocks (PKCS#1/#8, EC, DSA, OpenSSH, encrypted) with a real body; the span is the whole block.</summary>
public sealed class PrivateKeyDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS009",
        Name = "private-key",
        Family = "hardcoded-token",
        Severity = Severity.Critical,
        Confidence = Confidence.High,
        Title = "Private key",
        Description = "A PEM private key block (RSA, EC, DSA, OpenSSH or PKCS#8). A private key signs tokens (JWT signing keys, CloudFront signed URLs), decrypts TLS or logs in over SSH — whoever has it can impersonate its owner.",
        Remediation = "Treat the key as compromised: replace it (new key pair, rotate certificates / JWKS / CloudFront key groups / EC2 key pairs), remove it from the text and history, and keep private keys in KMS, Secrets Manager or an HSM.",
        Cwe = "CWE-321",
        References = ["https://www.rfc-editor.org/rfc/rfc7468", "https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html"],
    };

    private const int MaxBlock = 1 << 16;
    private const int MinBody = 64;
    private const string UnencryptedOpenSsh = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmU";

    private static readonly string[] Labels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];

    private static string[] ExampleTexts => field ??=
    [
        // A key file committed by mistake (jwt-signing.pem).
        FakeTokens.PemPrivateKey("RSA PRIVATE KEY", seed: 1) + "\n",
        // JSON with an escaped PKCS#8 key (a service-account style credentials file).
        $$"""{"type":"service_account","client_email":"svc@proj.iam.example","private_key":"{{FakeTokens.PemPrivateKey("PRIVATE KEY", 1200, 2, "\\n")}}\n"}""",
        // Python constant with an EC key in a triple-quoted string, Windows line ends.
        "SIGNING_KEY = \"\"\"\r\n" + FakeTokens.PemPrivateKey("EC PRIVATE KEY", 160, 3, "\r\n") + "\r\n\"\"\"\r\n",
    ];

    private static string[] NegativeExampleTexts => field ??=
    [
        "    \"\"\"Loads a key that starts with -----BEGIN RSA PRIVATE KEY----- from the given path.\"\"\"",
        "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\n<your private key here>\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQAB\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYDVQQDExlCYWx0aW1vcmUgQ3liZXJUcnVzdCBSb290\n-----END CERTIFICATE-----",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA",  // truncated, no END
    ];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "private-key";

    public override IReadOnlyList<string> Signatures { get; } = ["-----BEGIN"];

    public override int Priority => 95;

    public override IReadOnlyList<string> Examples => ExampleTexts;

    public override IReadOnlyList<string> NegativeExamples => NegativeExampleTexts;

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        var p = hit + 10;
        if (p >= text.Length || text[p] != ' ')
        {
            return;
        }

        p++;
        var window = text[p..Math.Min(text.Length, p + 32)];
        var close = window.IndexOf("-----", StringComparison.Ordinal);
        if (close < 0)
        {
            return;
        }

        var label = window[..close];
        string? found = null;
        foreach (var l in Labels)
        {
            if (label.SequenceEqual(l))
            {
                found = l;
                break;
            }
        }

        if (found is null)
        {
            return;
        }

        var bodyStart = p + close + 5;
        var rest = text[bodyStart..Math.Min(text.Length, bodyStart + MaxBlock)];
        var endMarker = rest.IndexOf("-----END ", StringComparison.Ordinal);
        if (endMarker < 0 || !rest[(endMarker + 9)..].StartsWith(found, StringComparison.Ordinal) ||
            !rest[(endMarker + 9 + found.Length)..].StartsWith("-----", StringComparison.Ordinal))
        {
            return;
        }

        var body = rest[..endMarker];
        var end = bodyStart + endMarker + 9 + found.Length + 5;

        // Count base64 characters, skipping line breaks, escaped "\n" and PEM headers (Proc-Type, DEK-Info).
        var base64 = 0;
        var encrypted = found == "ENCRYPTED PRIVATE KEY" || body.Contains("ENCRYPTED", StringComparison.Ordinal);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length && body[i + 1] is 'n' or 'r')
            {
                i++;
            }
            else if (TextUtil.IsBase64Char(c))
            {
                base64++;
            }
            else if (c == '.' || c == '<' || c == '*')
            {
                return; // "...", "<your key>", "****": a placeholder
            }
        }

        if (base64 < MinBody)
        {
            return;
        }

        if (found == "OPENSSH PRIVATE KEY")
        {
            encrypted = !body.TrimStart().StartsWith(UnencryptedOpenSsh, StringComparison.Ordinal);
        }

        if (!options.IncludeExamples && body.Contains("EXAMPLE", StringComparison.Ordinal))
        {
            return;
        }

        results.Add(new SecretMatch
        {
            Rule = RuleInfo,
            Kind = Kind,
            Start = hit,
            Length = end - hit,
            Value = text[hit..end].ToString(),
            Severity = encrypted ? Severity.Medium : Severity.Critical,
            Confidence = Confidence.High,
            Title = encrypted ? "Encrypted private key" : "Private key",
            Message = $"PEM {found} block" + (encrypted ? " (encrypted with a passphrase)" : ""),
            Properties = new Dictionary<string, string> { ["type"] = found, ["encrypted"] = encrypted ? "true" : "false" },
        });
    }
}
