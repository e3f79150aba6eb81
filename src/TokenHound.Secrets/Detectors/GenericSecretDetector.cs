using System.Buffers;
using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>
/// THS010: generic hardcoded secrets — a key named like token / secret / password / api_key assigned a literal value
/// (code, YAML, JSON, .env, connection strings). Strict on purpose: the key must end with the keyword, the value must
/// look random (letters and digits, entropy floor, no stop words, no paths, no variables or calls). Lowest priority.
/// </summary>
public sealed class GenericSecretDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS010",
        Name = "generic-secret",
        Family = "hardcoded-token",
        Severity = Severity.High,
        Confidence = Confidence.Medium,
        Title = "Hardcoded secret",
        Description = "A literal value assigned to a key named like a credential (password, secret, token, api_key, client_secret ...) in code or configuration. Hardcoded secrets end up in every clone, build artifact, container image and log of the repository.",
        Remediation = "Rotate the secret, remove it from the source and the history, and read it at run time from AWS Secrets Manager or SSM Parameter Store (SecureString), or inject it from the deployment environment.",
        Cwe = "CWE-798",
        References = ["https://cwe.mitre.org/data/definitions/798.html", "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets.html"],
    };

    public const int MinLength = 8;
    private const int MaxLength = 200;
    private const int MaxKey = 64;

    // "passw" covers password and passwd (fewer prefilter literals keep the prefilter on its fastest path).
    private static readonly string[] Keywords = ["token", "secret", "passw", "pwd", "api_key", "apikey", "api-key"];

    // Keys ending with one of these (before the keyword) are not credentials: pagination cursors, CSRF, idempotency ...
    private static readonly string[] NonSecretPrefixes =
    [
        "next", "page", "pagination", "change", "request", "marker", "resume", "state", "upload", "delegation", "continuation", "cursor", "sync", "csrf", "xsrf", "idempotency", "cancellation", "cancel",
        "max", "min", "num", "count", "has", "is", "show", "hide", "forgot", "reset_", "confirm", "hashed", "hash", "salt",
        "encrypted", "public", "publickey", "type", "test", "fake", "mock", "dummy", "sample", "example", "default", "old", "invalid", "wrong", "bad",
    ];

    private static readonly SearchValues<string> CodeMarkers = SearchValues.Create(
        ["process.env", "os.environ", "getenv", "env[", "env.", "config.", "settings.", "self.", "this.", "://", "\\"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly string[] FileSuffixes = [".json", ".pem", ".key", ".txt", ".yml", ".yaml", ".crt", ".p12", ".pfx", ".env", ".js", ".py", ".cs", ".properties", ".xml", ".cfg", ".ini"];

    private static string[] ExampleTexts => field ??=
    [
        // .env file.
        """
        # database
        DB_HOST=orders-db.internal
        DB_PASSWORD=Zk8#vQ2m!Lw9Tr4x
        LOG_LEVEL=info
        """,
        // Python settings.
        """
        DEBUG = False
        STRIPE_API_KEY = "rk_live_51FAKEa8Kq2LmN7pX4vY9zB3cD6eF"
        ALLOWED_HOSTS = ["orders.example.com"]
        """,
        // JSON config.
        """
        {
          "ConnectionStrings": { "Default": "Server=db;Database=orders;" },
          "Auth": { "ClientId": "orders-web", "client_secret": "9fQ2xL7mK4pR8vT1wZ6nB3cH5jD0sG2a" }
        }
        """,
        // Node.js.
        "const slackToken = 'xoxb-7391826450-FAKE1928374650-q8W2eR4tY6uI0oP9aS7dF3gH';",
        // YAML.
        """
        service:
          name: orders
          webhook_secret: 7Hq2Vn9Kx4Lp8Rz3Tm6W
        """,
        // Connection string inside a value.
        "\"Default\": \"Server=tcp:orders.database.windows.net;Database=orders;User ID=app;Password=Qw9!zX4v#Lm2Pk7r;\"",
        // ODBC connection string (Pwd=).
        "ODBC_DSN = \"Driver={PostgreSQL Unicode};Server=db.internal;Uid=reporting;Pwd=Rt7#kQ2z!Xm9;\"",
        // YAML with a dashed key.
        """
        integrations:
          maps:
            api-key: Hq7Vn2Kx9Lp4Rz8Tm3W6
        """,
        // Go.
        "\tapiKey := \"a3F9kL2mQ8xZ7vB4nW6pR1tY5uC0eH8j\"",
    ];

    private static string[] NegativeExampleTexts => field ??=
    [
        "password = os.environ[\"DB_PASSWORD\"]",
        "const token = process.env.GITHUB_TOKEN;",
        "api_key = get_secret('orders/api-key')",
        "PASSWORD_LABEL = \"Enter your password\"",
        "<input type=\"password\" name=\"password\" placeholder=\"Password\">",
        "password: \"********\"",
        "password = \"password123\"",
        "\"password\": \"${DB_PASSWORD}\"",
        "secret: !Ref DbSecret",
        "token_endpoint = \"https://auth.example.com/oauth2/token\"",
        "if (password == \"s3cr3tV4lue1\") { return; }",
        "nextToken = \"eyJuZXh0IjoxfQ2b9c4a1\"",
        "tokenizer = \"bert-base-uncased-v2\"",
        "secret_name = \"prod/orders/db-credentials-v2\"",
        "SECRET_KEY_PATH = \"/etc/orders/keys/signing-v2.pem\"",
        "password_hash = \"$2b$12$KIXQJm3z1x8e9F0aB7cD6eFgHiJkLmNoPqRsTuVwXyZ01234567\"",
        "token = \"abc\"",
        "auth_token = token_from_cache_v2",
        "token: Optional[str] = None",
        "public static final String PASSWORD_FIELD = \"userPassword2\";",
        "secret = f\"{prefix}-{suffix}-2024\"",
        "api_key = \"\" + key2 + \"x\"",
        "password=\"s3cr3tV4lue1\" + salt",
    ];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "generic-secret";

    public override IReadOnlyList<string> Signatures => Keywords;

    public override int Priority => 10;

    public override IReadOnlyList<string> Examples => ExampleTexts;

    public override IReadOnlyList<string> NegativeExamples => NegativeExampleTexts;

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        // 1. The key: the identifier around the keyword, which must end with it (or with it + "key"/"value").
        var kwLength = signature.Length;
        if (signature == "passw")
        {
            var rest = text[hit..];
            kwLength = rest.StartsWith("password", StringComparison.OrdinalIgnoreCase) ? 8 : rest.StartsWith("passwd", StringComparison.OrdinalIgnoreCase) ? 6 : 0;
            if (kwLength == 0)
            {
                return;
            }
        }

        var kwEnd = hit + kwLength;
        var keyEnd = kwEnd;
        while (keyEnd < text.Length && keyEnd - kwEnd < 8 && TextUtil.IsKeyChar(text[keyEnd]))
        {
            keyEnd++;
        }

        if (keyEnd < text.Length && TextUtil.IsKeyChar(text[keyEnd]))
        {
            return;
        }

        if (keyEnd > kwEnd && !IsAllowedSuffix(text[kwEnd..keyEnd]))
        {
            return;
        }

        // 2. The operator right after the key (cheap checks first: most hits end here).
        var p = keyEnd;
        if (p + 1 < text.Length && text[p] == '\\' && text[p + 1] == '"')
        {
            p++; // escaped JSON inside a string (an API Gateway event body in a log line)
        }

        if (p < text.Length && text[p] is '"' or '\'' or '`')
        {
            p++;
        }

        if (p < text.Length && text[p] == ']')
        {
            p++;
        }

        while (p < text.Length && text[p] is ' ' or '\t')
        {
            p++;
        }

        if (p >= text.Length)
        {
            return;
        }

        var op = text[p];
        if (op == ':' && p + 1 < text.Length && text[p + 1] == '=')
        {
            p += 2;
        }
        else if (op == '=' && p + 1 < text.Length && text[p + 1] == '>')
        {
            p += 2;
        }
        else if (op == '?' && p + 1 < text.Length && text[p + 1] == '=')
        {
            p += 2;
        }
        else if (op == '=' && (p + 1 >= text.Length || text[p + 1] != '='))
        {
            p++;
        }
        else if (op == ':' && (p + 1 >= text.Length || text[p + 1] != ':'))
        {
            p++;
        }
        else
        {
            return;
        }

        while (p < text.Length && text[p] is ' ' or '\t')
        {
            p++;
        }

        if (p >= text.Length)
        {
            return;
        }

        // 3. The key's start and the kind of statement.
        var keyStart = hit;
        while (keyStart > 0 && hit - keyStart < MaxKey && TextUtil.IsKeyChar(text[keyStart - 1]))
        {
            keyStart--;
        }

        if (keyStart > 0 && TextUtil.IsKeyChar(text[keyStart - 1]))
        {
            return;
        }

        if (HasNonSecretPrefix(text[keyStart..hit], signature))
        {
            return;
        }

        // 4. The value.
        int start, len;
        var c = text[p];
        var interpolated = false;
        if (c is 'b' or 'r' or 'u' or 'f' or '@' or '$' && p + 1 < text.Length && text[p + 1] is '"' or '\'')
        {
            interpolated = c is 'f' or '$';
            p++;
            c = text[p];
        }

        var escaped = c == '\\' && p + 1 < text.Length && text[p + 1] == '"';
        if (escaped)
        {
            p++;
            c = '"';
        }

        if (c is '"' or '\'' or '`')
        {
            start = p + 1;
            var max = Math.Min(text.Length, start + MaxLength + 1);
            var close = start;
            while (close < max && text[close] != c && text[close] is not ('\n' or '\r') && !(escaped && text[close] == '\\'))
            {
                close++;
            }

            if (close >= max || text[close] != (escaped ? '\\' : c) || (escaped && (close + 1 >= text.Length || text[close + 1] != '"')))
            {
                return;
            }

            len = close - start;
            if (escaped)
            {
                close++; // the quote after the backslash
            }

            // After the literal: end of statement, not a concatenation or a comparison.
            var q = close + 1;
            while (q < text.Length && text[q] is ' ' or '\t')
            {
                q++;
            }

            if (q < text.Length && text[q] is '+' or '%' or '?' or '*' or '|' or '&' or '=' or '<' or '>' or '~')
            {
                return;
            }

            if ((c == '`' || interpolated) && text.Slice(start, len).Contains('{'))
            {
                return;
            }
        }
        else
        {
            // Unquoted: .env / YAML / properties line (the key starts the line), or a connection string (after ';').
            var before = keyStart;
            while (before > 0 && text[before - 1] is ' ' or '\t')
            {
                before--;
            }

            var connectionString = before > 0 && text[before - 1] == ';' && op == '=';
            if (!connectionString && !StartsLine(text, before))
            {
                return;
            }

            start = p;
            var end = start;
            var max = Math.Min(text.Length, start + MaxLength + 1);
            while (end < max && !char.IsWhiteSpace(text[end]) && !(connectionString && text[end] is ';' or '"' or '\''))
            {
                end++;
            }

            len = end - start;
            if (!connectionString)
            {
                // Only a comment may follow on the line.
                var q = end;
                while (q < text.Length && text[q] is ' ' or '\t')
                {
                    q++;
                }

                if (q < text.Length && text[q] is not ('\r' or '\n' or '#'))
                {
                    return;
                }
            }

            if (len > 0 && text[start] is '!' or '&' or '*' or '|' or '>' or '[' or '{' or '(' or '"' or '\'')
            {
                return;
            }
        }

        if (len < MinLength || len > MaxLength)
        {
            return;
        }

        var value = text.Slice(start, len);
        if (!LooksLikeSecret(value, options) || (signature == "token" && IsUuid(value)))
        {
            return; // (UUID "tokens" are idempotency / request tokens: ClientRequestToken, ChangeToken ...)
        }

        var key = text[keyStart..keyEnd].ToString();
        var kind = signature switch
        {
            "passw" or "pwd" => "password",
            "token" => "token",
            "secret" => "secret",
            _ => "API key",
        };
        results.Add(new SecretMatch
        {
            Rule = RuleInfo,
            Kind = Kind,
            Start = start,
            Length = len,
            Value = value.ToString(),
            Severity = Severity.High,
            Confidence = Confidence.Medium,
            Title = $"Hardcoded {kind}",
            Message = $"Hardcoded {kind} assigned to '{key}'",
            Properties = new Dictionary<string, string> { ["key"] = key },
        });
    }

    private static bool IsAllowedSuffix(ReadOnlySpan<char> suffix)
    {
        Span<char> buf = stackalloc char[8];
        var n = 0;
        foreach (var ch in suffix)
        {
            if (ch is not ('_' or '-'))
            {
                buf[n++] = char.ToLowerInvariant(ch);
            }
        }

        var s = buf[..n];
        return s is "" or "key" or "value" or "str";
    }

    private static bool HasNonSecretPrefix(ReadOnlySpan<char> prefix, string signature)
    {
        var trimmed = prefix.TrimEnd("_-");
        foreach (var np in NonSecretPrefixes)
        {
            var w = np.AsSpan().TrimEnd('_');
            if (trimmed.EndsWith(w, StringComparison.OrdinalIgnoreCase))
            {
                // A whole word: "next_token", "nextToken", not "context_token".
                var before = trimmed.Length - w.Length;
                if (before == 0 || trimmed[before - 1] is '_' or '-' || char.IsAsciiLetterLower(trimmed[before - 1]) && char.IsAsciiLetterUpper(trimmed[before]))
                {
                    return true;
                }
            }
        }

        // client_token (AWS idempotency) is not a secret; client_secret is.
        return signature == "token" && trimmed.EndsWith("client", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The line holds only indentation, "export ", or a YAML "- " before the key.</summary>
    private static bool StartsLine(ReadOnlySpan<char> text, int keyStart)
    {
        var ls = TextUtil.LineStart(text, keyStart);
        var head = text[ls..keyStart].Trim();
        return head.IsEmpty || head.SequenceEqual("export") || head.SequenceEqual("-") || head.SequenceEqual("set");
    }

    private static bool LooksLikeSecret(ReadOnlySpan<char> v, SecretsOptions options)
    {
        if (v.ContainsAny(' ', '\t') || v.ContainsAny('(', ')') || v.ContainsAny('[', ']') || v.IndexOfAny(CodeMarkers) >= 0)
        {
            return false;
        }

        if (!TextUtil.HasLetter(v) || !TextUtil.HasDigit(v))
        {
            return false;
        }

        var entropy = TextUtil.Entropy(v);
        if (entropy < (v.Length >= 16 ? 3.3 : 2.9))
        {
            return false;
        }

        if (!options.IncludeExamples && (TextUtil.IsExampleOrPlaceholder(v) || TextUtil.HasStopWord(v) || TextUtil.HasTestSequence(v)))
        {
            return false;
        }

        // base64 of a sample ("bm90IG15IHJlYWwgcGFzc3dvcmQ=" is "not my real password").
        if (v.Length >= 12 && v.Length % 4 == 0 && v[^1] == '=' && TextUtil.DecodeBase64(v) is { } decoded && decoded.All(b => b is >= 0x20 and < 0x7f) &&
            TextUtil.HasStopWord(System.Text.Encoding.ASCII.GetString(decoded)))
        {
            return false;
        }

        // Paths and file names.
        if (v[0] is '/' or '~' || v.StartsWith("./", StringComparison.Ordinal) || v.StartsWith("../", StringComparison.Ordinal) || (v.Length > 2 && v[1] == ':' && v[2] is '\\' or '/'))
        {
            return false;
        }

        if (v.Contains('/') && v.ContainsAny('-', '.', '_'))
        {
            return false;
        }

        foreach (var s in FileSuffixes)
        {
            if (v.EndsWith(s, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        // Identifiers (env var names, snake_case names), dotted names (i18n keys, member access), versions, ARNs.
        if (IsIdentifierLike(v) || v.StartsWith("arn:", StringComparison.Ordinal) || IsDottedName(v) || IsVersionLike(v))
        {
            return false;
        }

        return true;
    }

    private static bool IsIdentifierLike(ReadOnlySpan<char> v)
    {
        // lower_snake_case or UPPER_SNAKE_CASE names with at least one underscore and only letters/digits/underscores.
        if (!v.Contains('_'))
        {
            return false;
        }

        var lower = !TextUtil.HasUpper(v);
        var upper = !TextUtil.HasLower(v);
        foreach (var ch in v)
        {
            if (!TextUtil.IsAsciiWordChar(ch))
            {
                return false;
            }
        }

        return lower || upper;
    }

    private static bool IsDottedName(ReadOnlySpan<char> v)
    {
        // word.segment.segment: scopes ("keyword.$0", "comment.keyword.$2"), i18n keys, member access, property paths.
        var dot = v.IndexOf('.');
        if (dot < 1)
        {
            return false;
        }

        foreach (var ch in v[..dot])
        {
            if (!char.IsAsciiLetter(ch))
            {
                return false;
            }
        }

        foreach (var seg in v.Split('.'))
        {
            var s = v[seg];
            // Name segments are words ("keyword", "reserved") or short ("$0", "v2"); random tokens have long mixed ones.
            if (s.IsEmpty || (s.Length > 3 && TextUtil.HasDigit(s) && !s.Contains('$')))
            {
                return false;
            }

            foreach (var ch in s)
            {
                if (!(TextUtil.IsAsciiWordChar(ch) || ch is '-' or '$'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsUuid(ReadOnlySpan<char> v) => v.Length == 36 && Guid.TryParseExact(v, "D", out _);

    private static bool IsVersionLike(ReadOnlySpan<char> v) =>
        (char.IsAsciiDigit(v[0]) || (v[0] is 'v' or 'V' && v.Length > 1 && char.IsAsciiDigit(v[1]))) && v.Count('.') >= 2 && v.Length <= 24;
}
