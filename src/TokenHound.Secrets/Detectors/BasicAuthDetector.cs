using System.Text;
using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>
/// THS007: HTTP Basic credentials — "Basic &lt;base64&gt;" whose base64 decodes to printable user:password — and
/// credentials in URLs (scheme://user:password@host) with a real-looking password.
/// </summary>
public sealed class BasicAuthDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS007",
        Name = "basic-auth",
        Family = "hardcoded-token",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "Basic-auth credentials",
        Description = "A user name and password in clear: an 'Authorization: Basic' value (base64 is an encoding, not encryption) or a URL with user:password@ (database connection strings, webhook URLs, git remotes).",
        Remediation = "Change the password, remove it from the text and history, and read credentials at run time from Secrets Manager or Parameter Store (SecureString); for databases on AWS prefer IAM authentication or Secrets Manager rotation.",
        Cwe = "CWE-798",
        References = ["https://www.rfc-editor.org/rfc/rfc7617", "https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1"],
    };

    private const int MaxBase64 = 1024;

    private static string[] ExampleTexts => field ??=
    [
        // curl with a Basic header.
        $"curl -H 'Authorization: Basic {FakeTokens.BasicCredentials("svc-reporting", "Vq7#mK2pL9xR")}' https://jenkins.internal.example.com/job/deploy/build",
        // A proxy log line with a generated letters-only password.
        "proxy request Authorization: Basic c3ZjLW9yZGVyczprZk5NSExtdlRmRGpWRFV0aUg=",
        // Logged request headers (JSON).
        $$$"""{"level":"debug","msg":"outgoing request","headers":{"authorization":"Basic {{{FakeTokens.BasicCredentials("api", "n8Fq2LwZ5tYc")}}}"}}""",
        // Database URL in a .env file.
        "DATABASE_URL=postgres://orders_app:gT7kP2vX9qLm@orders-db.cluster-c1abcdefghij.us-east-1.rds.amazonaws.com:5432/orders",
        // Python settings.
        "BROKER_URL = \"amqps://worker:Zr4%40hQ8nW1jE@b-1234.mq.us-east-1.amazonaws.com:5671\"",
    ];

    private static string[] NegativeExampleTexts => field ??=
    [
        "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",  // RFC 7617's Aladdin example
        $"Authorization: Basic {FakeTokens.BasicCredentials("user", "password")}",
        $"Authorization: Basic {FakeTokens.BasicCredentials("admin", "admin")}",
        "Authorization: Basic ${BASIC_AUTH}",
        $"Authorization: Basic {FakeTokens.BasicCredentials("demo", "HelloWorld")}",
        "url = 'https://deploy:SomeCamelCaseWord@example.com/path'",
        "auth = 'Basic ' + btoa(user + ':' + pass)",
        "A basic understanding of the protocol helps.",
        "url = 'https://username:password@example.com/path'",
        "DATABASE_URL=postgres://postgres:postgres@localhost:5432/app",
        "REDIS_URL=redis://:${REDIS_PASSWORD}@cache:6379",
        "git clone https://github.com/org/repo.git",
        "mongodb://<user>:<password>@cluster0.mongodb.net/test",
        "const re = /https?:\\/\\/(\\w+):(\\w+)@/;",
        "http://user:pass@host",
    ];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "basic-auth";

    public override IReadOnlyList<string> Signatures { get; } = ["basic", "://"];

    public override int Priority => 70;

    public override IReadOnlyList<string> Examples => ExampleTexts;

    public override IReadOnlyList<string> NegativeExamples => NegativeExampleTexts;

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        if (signature == "://")
        {
            MatchUrl(text, hit, options, results);
        }
        else
        {
            MatchHeader(text, hit, options, results);
        }
    }

    private void MatchHeader(ReadOnlySpan<char> text, int hit, SecretsOptions options, List<SecretMatch> results)
    {
        var p = hit + 5;
        if ((hit > 0 && char.IsAsciiLetterOrDigit(text[hit - 1])) || p >= text.Length || text[p] != ' ')
        {
            return;
        }

        while (p < text.Length && text[p] == ' ')
        {
            p++;
        }

        var start = p;
        var len = TextUtil.RunLength(text, start, TextUtil.IsBase64Char, MaxBase64);
        var end = start + len;
        while (end < text.Length && end - start - len < 2 && text[end] == '=')
        {
            end++;
        }

        if (len < 8 || (end < text.Length && !TextUtil.IsValueDelimiter(text[end])) || (end - start) % 4 != 0)
        {
            return;
        }

        var bytes = TextUtil.DecodeBase64(text[start..end]);
        if (bytes is null || bytes.Length < 3)
        {
            return;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || decoded.AsSpan().ContainsAnyInRange('\0', '\u001f') || decoded.Contains('\u007f', StringComparison.Ordinal))
        {
            return;
        }

        var user = decoded[..colon];
        var password = decoded[(colon + 1)..];
        if (!options.IncludeExamples && !IsRealPassword(user, password, minLength: 4, header: true))
        {
            return;
        }

        results.Add(new SecretMatch
        {
            Rule = RuleInfo,
            Kind = Kind,
            Start = start,
            Length = end - start,
            Value = text[start..end].ToString(),
            Severity = Severity.High,
            Confidence = Confidence.High,
            Title = "Basic-auth credentials",
            Message = $"Authorization: Basic credentials of user '{user}'",
            Properties = new Dictionary<string, string> { ["user"] = user },
        });
    }

    private void MatchUrl(ReadOnlySpan<char> text, int hit, SecretsOptions options, List<SecretMatch> results)
    {
        // Scheme: letters, digits, + - . (at least two chars, starting with a letter).
        var s = hit;
        while (s > 0 && (char.IsAsciiLetterOrDigit(text[s - 1]) || text[s - 1] is '+' or '-' or '.'))
        {
            s--;
        }

        if (hit - s < 2 || !char.IsAsciiLetter(text[s]))
        {
            return;
        }

        var userStart = hit + 3;
        var max = Math.Min(text.Length, userStart + 256);
        var at = -1;
        var colon = -1;
        for (var i = userStart; i < max; i++)
        {
            var c = text[i];
            if (c == '@')
            {
                at = i;
                break;
            }

            if (c == ':' && colon < 0)
            {
                colon = i;
            }
            else if (char.IsWhiteSpace(c) || c is '/' or '?' or '"' or '\'' or '`' or '<' or '>' or '\\' or '(' or ')' or '[' or ']' or '{' or '}' or ',' or ';' or '|' or '^')
            {
                return;
            }
        }

        if (at < 0 || colon < 0 || at + 1 >= text.Length || !(char.IsAsciiLetterOrDigit(text[at + 1]) || text[at + 1] == '['))
        {
            return;
        }

        var user = text[userStart..colon];
        var password = text[(colon + 1)..at];
        var hostLen = TextUtil.RunLength(text, at + 1, c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-', 253);
        var host = text.Slice(at + 1, hostLen);
        if (!options.IncludeExamples)
        {
            if (host.EndsWith("example.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith("example.org", StringComparison.OrdinalIgnoreCase) ||
                host.EndsWith("example.net", StringComparison.OrdinalIgnoreCase) || host.SequenceEqual("host") || host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (!IsRealPassword(Uri.UnescapeDataString(user.ToString()), Uri.UnescapeDataString(password.ToString()), minLength: 8))
            {
                return;
            }
        }

        results.Add(new SecretMatch
        {
            Rule = RuleInfo,
            Kind = Kind,
            Start = colon + 1,
            Length = at - colon - 1,
            Value = password.ToString(),
            Severity = Severity.High,
            Confidence = Confidence.High,
            Title = "Password in URL",
            Message = $"Password of user '{user}' in a {text[s..hit]}:// URL to {host}",
            Properties = new Dictionary<string, string> { ["user"] = user.ToString(), ["host"] = host.ToString(), ["scheme"] = text[s..hit].ToString() },
        });
    }

    /// <summary>A password that is not empty, not a placeholder, not the user name and not a test word.</summary>
    private static bool IsRealPassword(string user, string password, int minLength, bool header = false)
    {
        if (password.Length < minLength || password == user || TextUtil.IsExampleOrPlaceholder(password) || TextUtil.HasStopWord(password) ||
            TextUtil.HasTestSequence(password) || password.Contains(' ', StringComparison.Ordinal) && password.Length < 12)
        {
            return false;
        }

        if (user.Length >= 3 && password.Contains(user, StringComparison.OrdinalIgnoreCase))
        {
            return false; // root:root1234, admin:Admin2024!
        }

        if (user.Length > 0 && TextUtil.IsExampleOrPlaceholder(user))
        {
            return false;
        }

        // Passwords mix letters with digits or symbols; plain words are samples. A long random mixed-case string is a
        // generated password even without digits.
        var span = password.AsSpan();
        var symbols = span.ContainsAnyExcept(Alnum);
        var generated = header && span.Length >= 12 && span.ContainsAnyInRange('A', 'Z') && span.ContainsAnyInRange('a', 'z') && TextUtil.Entropy(span) >= 3.0;
        return TextUtil.HasLetter(span) && (TextUtil.HasDigit(span) || symbols || generated) && TextUtil.Entropy(span) >= 2.5;
    }

    private static readonly System.Buffers.SearchValues<char> Alnum = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}
