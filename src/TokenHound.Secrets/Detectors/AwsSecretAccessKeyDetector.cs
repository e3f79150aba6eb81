using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>
/// THS002: AWS secret access keys (40 chars of [A-Za-z0-9/+]) — only with context: a keyword such as
/// aws_secret_access_key / SecretAccessKey before the value, or an AKIA/ASIA key id nearby. The engine pairs a secret
/// with the nearest key id into one finding.
/// </summary>
public sealed class AwsSecretAccessKeyDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS002",
        Name = "aws-secret-access-key",
        Family = "hardcoded-aws-credential",
        Severity = Severity.Critical,
        Confidence = Confidence.High,
        Title = "AWS secret access key",
        Description = "An AWS secret access key (40 characters) next to its keyword or its access key id. With the key id it signs any AWS API call the IAM principal may make.",
        Remediation = "Deactivate and delete the access key in IAM now, check CloudTrail for its use, remove it from the source and the history, and use an IAM role (the default credential provider chain) or Secrets Manager instead of static keys.",
        Cwe = "CWE-798",
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
            "https://docs.aws.amazon.com/sdkref/latest/guide/feature-static-credentials.html",
        ],
    };

    /// <summary>Window around a key id in which a secret is looked for.</summary>
    public const int KeyIdWindow = SecretsEngine.PairDistance;

    private const int KeyLength = 40;

    private static readonly string[] KeyIdPrefixes = ["AKIA", "ASIA"];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "aws-secret-access-key";

    /// <summary>"secret" (shared with THS010, keeps the prefilter small): the keyword is checked at the hit.</summary>
    public override IReadOnlyList<string> Signatures { get; } = ["secret", .. KeyIdPrefixes];

    public override int Priority => 75;

    public override IReadOnlyList<string> Examples => field ??=
    [
        // ~/.aws/credentials: the pair becomes one finding.
        $"""
        [default]
        aws_access_key_id = AKIAZ7FAKEKEY2345X7Q
        aws_secret_access_key = {FakeTokens.AwsSecretAccessKey(1)}
        region = us-east-1
        """,
        // .env without a key id.
        $"""
        AWS_REGION=eu-west-1
        AWS_SECRET_ACCESS_KEY={FakeTokens.AwsSecretAccessKey(2)}
        """,
        // JSON (Lambda environment dump) with the camel-case keyword.
        $$"""{"accessKeyId":"ASIAQ3FAKE5KEY6ID7XY","secretAccessKey":"{{FakeTokens.AwsSecretAccessKey(3)}}","region":"us-west-2"}""",
        // C# SDK code: BasicAWSCredentials(keyId, secret) — context from the key id only.
        $"""var creds = new BasicAWSCredentials("AKIAZ7FAKEKEY2345X7Q", "{FakeTokens.AwsSecretAccessKey(4)}");""",
        // A random key without a single digit (about 1 key in 1,000), after its keyword in a JSON log line.
        """2026-11-01T03:39:47.993Z	a51b893d-88c3-4699-bd57-8caa5f5f76e8	INFO	config loaded {"aws_secret_access_key": "CiFWwLZzkqR+FHpuhkqEzfFymAnAkqjWQh+s+io+"}""",
    ];

    public override IReadOnlyList<string> NegativeExamples => field ??=
    [
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",           // documented example
        "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",                           // variable
        "aws_secret_access_key = <your-secret-access-key>",                           // placeholder
        $"commit = \"{new string('a', 8)}3f9c2b1e0d4a7c6b5e8f9a0b1c2d3e4f5a6b\"",     // 40-char hex, no context
        $"build_id = \"{FakeTokens.AwsSecretAccessKey(5)}\"",                          // 40 chars but no keyword and no key id
        $"aws_secret_access_key = \"{FakeTokens.AwsSecretAccessKey(6)}Zq\"",           // 42 chars: part of a longer token
        "secret_key: src/main/resources/config/application/dev/settings", // path, no digits
        "SECRET_KEY = 'django-insecure-7x#k2@p9!fake$m3n4b5v6c7x8z9a0s1d2f3g4h5j6'",  // Django key, not 40 base64 chars
        "aws_secret_access_key: ExampleSecretKeyPlaceholderValueForTests",           // 40 letters: a name, not a key
        "secret_key = Config/Settings/Production/AwsCreds/Path",                      // 40 chars with '/': a path
    ];

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        if (signature is "AKIA" or "ASIA")
        {
            if (!AwsAccessKeyIdDetector.IsKeyIdAt(text, hit))
            {
                return;
            }

            // Context: this key id. Look for secrets within the window (bounded by lines).
            var lo = Math.Max(0, hit - KeyIdWindow);
            var hi = Math.Min(text.Length, hit + 20 + KeyIdWindow);
            lo = ClipLinesBack(text, hit, lo);
            hi = ClipLinesForward(text, hit, hi);
            FindCandidates(text, lo, hi, options, results, firstOnly: false);
            return;
        }

        // Keyword secret[_-]?(access[_-]?)?key; the value follows on the same line (after quotes, ':', '=', '=>', ',' or spaces).
        var keyEnd = KeywordEnd(text, hit + signature.Length);
        if (keyEnd < 0)
        {
            return;
        }

        while (keyEnd < text.Length && TextUtil.IsKeyChar(text[keyEnd]))
        {
            keyEnd++;
        }

        var end = Math.Min(TextUtil.LineEnd(text, keyEnd), keyEnd + 120);
        FindCandidates(text, keyEnd, end, options, results, firstOnly: true);
    }

    private static int KeywordEnd(ReadOnlySpan<char> text, int p)
    {
        if (p < text.Length && text[p] is '_' or '-')
        {
            p++;
        }

        if (text[p..].StartsWith("access", StringComparison.OrdinalIgnoreCase))
        {
            p += 6;
            if (p < text.Length && text[p] is '_' or '-')
            {
                p++;
            }
        }

        return text[p..].StartsWith("key", StringComparison.OrdinalIgnoreCase) ? p + 3 : -1;
    }

    private static int ClipLinesBack(ReadOnlySpan<char> text, int from, int lo)
    {
        var lines = 0;
        for (var i = from - 1; i >= lo; i--)
        {
            if (text[i] == '\n' && ++lines > SecretsEngine.PairLines)
            {
                return i + 1;
            }
        }

        return lo;
    }

    private static int ClipLinesForward(ReadOnlySpan<char> text, int from, int hi)
    {
        var lines = 0;
        for (var i = from; i < hi; i++)
        {
            if (text[i] == '\n' && ++lines > SecretsEngine.PairLines)
            {
                return i;
            }
        }

        return hi;
    }

    private void FindCandidates(ReadOnlySpan<char> text, int lo, int hi, SecretsOptions options, List<SecretMatch> results, bool firstOnly)
    {
        var i = lo;
        while (i < hi)
        {
            if (!TextUtil.IsBase64Char(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && i - start <= KeyLength && TextUtil.IsBase64Char(text[i]))
            {
                i++;
            }

            if (i - start > KeyLength)
            {
                // Too long: skip the rest of the run (within the window only, so a huge blob costs nothing).
                while (i < hi && TextUtil.IsBase64Char(text[i]))
                {
                    i++;
                }

                continue;
            }

            if (i - start == KeyLength && IsCandidate(text, start, options, keyword: firstOnly))
            {
                results.Add(Create(text.Slice(start, KeyLength).ToString(), start));
                if (firstOnly)
                {
                    return;
                }
            }
        }
    }

    private static readonly SecretsOptions Defaults = new();

    /// <summary>
    /// True when a whole value (a string literal handed to an SDK as the secret key) has the shape of a real secret
    /// access key: 40 base64 chars that pass the same checks as a key found after its keyword.
    /// </summary>
    public static bool IsSecretKey(ReadOnlySpan<char> value)
    {
        if (value.Length != KeyLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!TextUtil.IsBase64Char(c))
            {
                return false;
            }
        }

        return IsCandidate(value, 0, Defaults, keyword: true);
    }

    /// <summary>
    /// A real secret key is 40 random base64 chars: mixed case and, in about 999 of 1,000 keys, a digit. After its keyword
    /// a key without digits still counts when it has '+' or '/' and high entropy (random data, not a word or a path).
    /// </summary>
    private static bool IsCandidate(ReadOnlySpan<char> text, int start, SecretsOptions options, bool keyword)
    {
        var end = start + KeyLength;
        if (start > 0)
        {
            var p = text[start - 1];
            if (p is '_' or '-' or '%' or '\\' || (p == '.' && start > 1 && TextUtil.IsBase64UrlChar(text[start - 2])))
            {
                return false;
            }
        }

        if (end < text.Length)
        {
            var n = text[end];
            if (n is '_' or '-' or '=' or '%' || (n == '.' && end + 1 < text.Length && TextUtil.IsBase64UrlChar(text[end + 1])))
            {
                return false;
            }
        }

        var v = text.Slice(start, KeyLength);
        if (!TextUtil.HasUpper(v) || !TextUtil.HasLower(v) || TextUtil.Entropy(v) < 4.0)
        {
            return false;
        }

        if (!TextUtil.HasDigit(v) && !(keyword && v.IndexOfAny('+', '/') >= 0 && TextUtil.Entropy(v) >= 4.3))
        {
            return false;
        }

        return options.IncludeExamples || !TextUtil.IsExampleOrPlaceholder(v);
    }

    private SecretMatch Create(string value, int start) => new()
    {
        Rule = RuleInfo,
        Kind = Kind,
        Start = start,
        Length = KeyLength,
        Value = value,
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "AWS secret access key",
        Message = "AWS secret access key (no access key id nearby)",
        Properties = new Dictionary<string, string> { ["paired"] = "false" },
    };

    /// <summary>One finding for a secret access key and its key id (both spans; the key id match is dropped by the engine).</summary>
    public static SecretMatch Pair(SecretMatch secret, SecretMatch keyId)
    {
        var props = new Dictionary<string, string>
        {
            ["paired"] = "true",
            ["keyId"] = SecretMask.Mask(keyId.Value, 8),
        };
        foreach (var (k, v) in keyId.Properties)
        {
            if (k is "kind" or "accountId")
            {
                props[k == "kind" ? "keyIdKind" : k] = v;
            }
        }

        var account = props.TryGetValue("accountId", out var a) ? $" of account {a}" : "";
        return secret with
        {
            Spans = [new TextSpan(secret.Start, secret.Length), new TextSpan(keyId.Start, keyId.Length)],
            CredentialId = keyId.Value,
            Severity = Severity.Critical,
            Title = "AWS access key pair (key id and secret)",
            Message = $"AWS secret access key with its access key id {props["keyId"]}{account}",
            Properties = props,
        };
    }
}
