using System.Text;

namespace TokenHound.Bench;

/// <summary>Random, clearly fake tokens of every kind the engine detects, in the contexts they leak in.</summary>
public sealed class Tokens(int seed)
{
    private const string B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string B64 = Alnum + "+/";
    private const string B64Url = Alnum + "-_";
    private readonly Random _r = new(seed);

    public string Pick(string alphabet, int n)
    {
        var sb = new StringBuilder(n);
        for (var i = 0; i < n; i++)
        {
            sb.Append(alphabet[_r.Next(alphabet.Length)]);
        }

        return sb.ToString();
    }

    public string KeyId(string prefix = "AKIA") => prefix + B32[16 + _r.Next(16)] + Pick(B32, 15);

    public string SecretKey() => Pick(B64, 40);

    public string SessionToken() => "IQoJb3JpZ2luX2VjE" + Pick(B64, 380) + "==";

    public string Jwt(long exp)
    {
        static string E(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = E("{\"kid\":\"" + Pick(Alnum, 12) + "\",\"alg\":\"RS256\"}");
        var payload = E("{\"sub\":\"" + Guid.NewGuid() + "\",\"iss\":\"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Fake" + Pick(Alnum, 5) +
            "\",\"token_use\":\"access\",\"client_id\":\"" + Pick(Alnum, 26).ToLowerInvariant() + "\",\"exp\":" + exp + "}");
        return header + "." + payload + "." + Pick(B64Url, 86);
    }

    public string Opaque(int n = 40) => Pick(Alnum, n);

    public string Basic() => Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-" + Pick(Alnum, 6).ToLowerInvariant() + ":" + Pick(Alnum, 18)));

    public int Next(int n) => _r.Next(n);

    public double NextDouble() => _r.NextDouble();

    public string Hex(int n) => Pick("0123456789abcdef", n);
}

/// <summary>A token planted in a corpus, and how it is written.</summary>
public sealed record Seed(string Kind, string Value, string Text);

public static class Seeds
{
    public static readonly string[] Kinds = ["aws-access-key-id", "aws-secret-access-key", "aws-session-token", "jwt", "bearer", "basic-auth", "api-key"];

    /// <summary>A seeded token in a log message context.</summary>
    public static Seed LogSeed(Tokens t, int i)
    {
        switch (Seeds.Kinds[i % Seeds.Kinds.Length])
        {
            case "aws-access-key-id":
                {
                    var k = t.KeyId(t.Next(2) == 0 ? "AKIA" : "ASIA");
                    return new("aws-access-key-id", k, $"assumed credentials accessKeyId={k} region=us-east-1");
                }
            case "aws-secret-access-key":
                {
                    var s = t.SecretKey();
                    return new("aws-secret-access-key", s, $"config loaded {{\"aws_secret_access_key\": \"{s}\"}}");
                }
            case "aws-session-token":
                {
                    var s = t.SessionToken();
                    return new("aws-session-token", s, $"signing request X-Amz-Security-Token: {s}");
                }
            case "jwt":
                {
                    var j = t.Jwt(4102444800);
                    return new("jwt", j, $"incoming headers {{\"Authorization\":\"Bearer {j}\",\"Host\":\"api.example.com\"}}");
                }
            case "bearer":
                {
                    var o = t.Opaque(48);
                    return new("bearer", o, $"calling partner API with Authorization: Bearer {o}");
                }
            case "basic-auth":
                {
                    var b = t.Basic();
                    return new("basic-auth", b, $"proxy request Authorization: Basic {b}");
                }
            default:
                {
                    var a = t.Opaque(40);
                    return new("api-key", a, $"forwarding x-api-key: {a}");
                }
        }
    }
}
