using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>THS001: AWS access key ids (AKIA long-term, ASIA temporary, ABIA/ACCA), with the account id decoded offline.</summary>
public sealed class AwsAccessKeyIdDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS001",
        Name = "aws-access-key-id",
        Family = "hardcoded-aws-credential",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "AWS access key id",
        Description = "An AWS access key id (AKIA… long-term user key, ASIA… temporary STS key, ABIA…/ACCA… service keys). A key id alone identifies the key and the account; with its secret it grants the principal's permissions.",
        Remediation = "Deactivate and delete the key in IAM (or revoke the role session), remove it from the source and its history, and load credentials from the default provider chain (an IAM role) instead.",
        Cwe = "CWE-798",
        References = ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids"],
    };

    private static readonly string[] Prefixes = ["AKIA", "ASIA", "ABIA", "ACCA"];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "aws-access-key-id";

    public override IReadOnlyList<string> Signatures => Prefixes;

    public override int Priority => 80;

    public override IReadOnlyList<string> Examples =>
    [
        "aws_access_key_id = AKIAZ7FAKEKEY2345X7Q",
        "\"AccessKeyId\": \"ASIAQ3FAKE5KEY6ID7XY\"",
        "key=ABIAQ3FAKE5KEY6ID7XY;",
        "signing_key_id: ACCAQ3FAKE5KEY6ID7XY",
    ];

    public override IReadOnlyList<string> NegativeExamples =>
    [
        "AKIAIOSFODNN7EXAMPLE",                 // documented example
        "AROAQ3FAKE5KEY6ID7XY",                 // role id: an identifier, not a credential
        "AIDAQ3FAKE5KEY6ID7XY",                 // user id
        "XAKIAQ3FAKE5KEY6ID7XY",                // inside a longer word
        "AKIAQ3FAKE5KEY6ID7XYZ",                // too long
        "akiaq3fake5key6id7xy",                 // lower case
        "AKIAQ3FAKE5KEY6ID0XY",                 // 0 is not base32
    ];

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        const int Len = 20;
        if (hit + Len > text.Length)
        {
            return;
        }

        var cand = text.Slice(hit, Len);
        if (!cand[..4].SequenceEqual(signature) && !IsPrefix(cand[..4]))
        {
            return;
        }

        for (var i = 4; i < Len; i++)
        {
            var c = cand[i];
            if (!(char.IsAsciiLetterUpper(c) || c is >= '2' and <= '7'))
            {
                return;
            }
        }

        if ((hit > 0 && TextUtil.IsAsciiWordChar(text[hit - 1])) || (hit + Len < text.Length && TextUtil.IsAsciiWordChar(text[hit + Len])))
        {
            return;
        }

        if (!options.IncludeExamples && IsPlaceholder(cand))
        {
            return;
        }

        var value = cand.ToString();
        var temporary = value.StartsWith("ASIA", StringComparison.Ordinal);
        var props = new Dictionary<string, string>
        {
            ["kind"] = temporary ? "temporary (STS)" : value.StartsWith("AKIA", StringComparison.Ordinal) ? "long-term (IAM user)" : "service",
        };
        if (DecodeAccountId(value) is { } account)
        {
            props["accountId"] = account;
        }

        results.Add(new SecretMatch
        {
            Rule = RuleInfo,
            Kind = Kind,
            Start = hit,
            Length = Len,
            Value = value,
            Severity = temporary ? Severity.High : Severity.Critical,
            Confidence = Confidence.High,
            Title = temporary ? "AWS temporary access key id" : "AWS access key id",
            Message = $"AWS {props["kind"]} access key id" + (props.TryGetValue("accountId", out var a) ? $" of account {a}" : ""),
            Properties = props,
        });
    }

    /// <summary>True when a key id in the AKIA/ASIA/ABIA/ACCA format, bounded by non-word characters, starts at <paramref name="at"/>.</summary>
    public static bool IsKeyIdAt(ReadOnlySpan<char> text, int at)
    {
        const int Len = 20;
        if (at < 0 || at + Len > text.Length || !IsPrefix(text.Slice(at, 4)))
        {
            return false;
        }

        for (var i = at + 4; i < at + Len; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiLetterUpper(c) || c is >= '2' and <= '7'))
            {
                return false;
            }
        }

        return !((at > 0 && TextUtil.IsAsciiWordChar(text[at - 1])) || (at + Len < text.Length && TextUtil.IsAsciiWordChar(text[at + Len])));
    }

    private static bool IsPrefix(ReadOnlySpan<char> p)
    {
        foreach (var x in Prefixes)
        {
            if (p.SequenceEqual(x))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Decodes the 12-digit account id from a key id in the current format (the fifth character is Q–Z or 2–7): base32 of
    /// characters 4.., the first 6 bytes, masked with 0x7fffffffff80 and shifted right by 7. Older ids return null.
    /// </summary>
    public static string? DecodeAccountId(string keyId)
    {
        if (keyId.Length != 20)
        {
            return null;
        }

        var first = Base32Value(keyId[4]);
        if (first < 16)
        {
            return null;
        }

        // Decode 10 base32 chars = 50 bits, enough for 6 bytes (48 bits).
        ulong bits = 0;
        for (var i = 4; i < 14; i++)
        {
            var v = Base32Value(keyId[i]);
            if (v < 0)
            {
                return null;
            }

            bits = (bits << 5) | (uint)v;
        }

        var z = bits >> 2; // top 48 bits
        var e = (z & 0x7fffffffff80UL) >> 7;
        return e.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Base32Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= '2' and <= '7' => c - '2' + 26,
        _ => -1,
    };

    /// <summary>
    /// A documented example (…EXAMPLE) or a padded placeholder (AKIAXXXXXXXXXXXXXXXX: one character six times in a row).
    /// The free-text placeholder words do not apply: a real, random key id holds "XXXX" about once in 80,000 keys.
    /// </summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> keyId)
    {
        return keyId.Contains("EXAMPLE", StringComparison.Ordinal) || TextUtil.HasRun(keyId[Math.Min(4, keyId.Length)..], 6);
    }
}
