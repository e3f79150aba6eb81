using TokenHound.Core;

namespace TokenHound.Secrets.Detectors;

/// <summary>THS008: x-api-key header values (API Gateway API keys are 40 alphanumeric chars) written out in text.</summary>
public sealed class ApiKeyHeaderDetector : SecretDetector
{
    public static readonly RuleInfo RuleInfo = new()
    {
        Id = "THS008",
        Name = "api-key-header",
        Family = "hardcoded-token",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "API key in an x-api-key header",
        Description = "A value sent in an x-api-key header (Amazon API Gateway usage-plan keys, many SaaS APIs). API Gateway keys identify a client for throttling and quotas; used as the only protection they are a password that never expires.",
        Remediation = "Rotate the key (API Gateway: create a new key, attach it to the usage plan, delete the old one), keep it out of code and logs, and put real authorization (IAM, Cognito, a Lambda authorizer) in front of the API.",
        Cwe = "CWE-798",
        References = ["https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html"],
    };

    private const int MinLength = 20;
    private const int MaxLength = 256;

    private static string[] ExampleTexts => field ??=
    [
        $"curl -X GET 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/orders' -H 'x-api-key: {FakeTokens.ApiGatewayKey(1)}'",
        $$"""
        const response = await fetch(`${baseUrl}/orders`, {
          headers: { "Content-Type": "application/json", "X-API-Key": "{{FakeTokens.ApiGatewayKey(2)}}" },
        });
        """,
        $"client.DefaultRequestHeaders.Add(\"x-api-key\", \"{FakeTokens.ApiGatewayKey(3)}\");",
        $"2026-01-01T00:00:00.000Z\tINFO\trequest headers: x-api-key={FakeTokens.ApiGatewayKey(4)}; user-agent=okhttp/4.12.0",
    ];

    private static string[] NegativeExampleTexts => field ??=
    [
        "headers: { 'x-api-key': process.env.API_KEY }",
        "curl -H \"x-api-key: $API_KEY\" https://api.example.com",
        "-H 'x-api-key: <your-api-key>'",
        "ApiKeySourceType: HEADER  # clients send x-api-key",
        "x-api-key: abc123",
        "request.headers['x-api-key'] = apiKeyFromSecretsManager",
        "\"x-api-key\": \"{{apiKey}}\"",
    ];

    public override RuleInfo Rule => RuleInfo;

    public override string Kind => "api-key";

    /// <summary>"api-key" (shared with THS010, keeps the prefilter small); the "x-" before it is checked at the hit.</summary>
    public override IReadOnlyList<string> Signatures { get; } = ["api-key"];

    public override int Priority => 60;

    public override IReadOnlyList<string> Examples => ExampleTexts;

    public override IReadOnlyList<string> NegativeExamples => NegativeExampleTexts;

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
        if (hit < 2 || !text.Slice(hit - 2, 2).Equals("x-", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var p = hit + signature.Length;
        hit -= 2;
        if ((hit > 0 && TextUtil.IsKeyChar(text[hit - 1])) || (p < text.Length && TextUtil.IsKeyChar(text[p])))
        {
            return;
        }

        // Closing quote / bracket of the key, separator, opening quote.
        var limit = Math.Min(text.Length, p + 8);
        var separators = 0;
        while (p < limit && text[p] is ' ' or '\t' or '"' or '\\' or '\'' or '`' or ']' or ':' or '=' or ',')
        {
            separators += text[p] is ':' or '=' or ',' ? 1 : 0;
            p++;
        }

        if (separators != 1)
        {
            return;
        }

        var start = p;
        var len = TextUtil.RunLength(text, start, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/' or '=' or '.', MaxLength);
        while (len > 0 && text[start + len - 1] == '.')
        {
            len--;
        }

        var end = start + len;
        if (len < MinLength || (end < text.Length && !TextUtil.IsValueDelimiter(text[end]) && text[end] != '.'))
        {
            return;
        }

        var value = text.Slice(start, len);
        if (!TextUtil.HasLetter(value) || !TextUtil.HasDigit(value) || TextUtil.Entropy(value) < 3.5)
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
            Confidence = Confidence.High,
            Title = "API key in an x-api-key header",
            Message = $"x-api-key value ({len} chars)" + (len == 40 && value.ContainsAnyExcept(Alnum) is false ? ", API Gateway key format" : ""),
        });
    }

    private static readonly System.Buffers.SearchValues<char> Alnum = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}
