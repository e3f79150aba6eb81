using System.Buffers.Text;
using System.Text;

namespace TokenHound.Secrets;

/// <summary>
/// Deterministic fake credentials in the real formats, built in code so that no secret-looking literal sits in the
/// repository. Used by detector examples and by tests of every project (redaction, logs, traces ...).
/// </summary>
public static class FakeTokens
{
    public const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    public const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    public const string AlnumAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A seeded random string over <paramref name="alphabet"/> that has upper and lower case letters and a digit.</summary>
    public static string Random(string alphabet, int length, int seed)
    {
        var rng = new Random(seed);
        while (true)
        {
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = alphabet[rng.Next(alphabet.Length)];
            }

            var s = new string(chars);
            if (length < 8 || (TextUtil.HasUpper(s) && TextUtil.HasLower(s) && TextUtil.HasDigit(s) && TextUtil.Entropy(s) > (length >= 32 ? 4.0 : 3.0) && !TextUtil.IsExampleOrPlaceholder(s) && !TextUtil.HasTestSequence(s) && !TextUtil.HasStopWord(s)))
            {
                return s;
            }
        }
    }

    /// <summary>A fake access key id in the current format (prefix + 16 base32 chars, fifth char Q–Z or 2–7 so an account decodes).</summary>
    public static string AwsAccessKeyId(int seed = 1, string prefix = "AKIA")
    {
        const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var rng = new Random(3000 + seed);
        var chars = new char[16];
        chars[0] = Base32[16 + rng.Next(16)];
        for (var i = 1; i < 16; i++)
        {
            chars[i] = Base32[rng.Next(32)];
        }

        return prefix + new string(chars);
    }

    /// <summary>A fake 40-char AWS secret access key.</summary>
    public static string AwsSecretAccessKey(int seed = 1) => Random(Base64Alphabet, 40, 4000 + seed);

    /// <summary>A fake STS session token (the real ones start with IQoJb3JpZ2lu or FwoGZXIvYXdz and run to several hundred chars).</summary>
    public static string AwsSessionToken(int seed = 1, string prefix = "IQoJb3JpZ2luX2VjEFAaCXVzLWVhc3QtMSJHMEUCIQ") =>
        prefix + Random(Base64Alphabet, 560, 5000 + seed) + "=";

    /// <summary>A fake 40-char API Gateway API key.</summary>
    public static string ApiGatewayKey(int seed = 1) => Random(AlnumAlphabet, 40, 6000 + seed);

    /// <summary>A fake opaque token (alphanumeric).</summary>
    public static string Opaque(int length = 32, int seed = 1) => Random(AlnumAlphabet, length, 7000 + seed);

    public static string Base64Url(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>A compact JWS: base64url(header).base64url(payload).signature (a fake signature unless given; "" for alg none).</summary>
    public static string Jwt(string headerJson, string payloadJson, string? signature = null, int seed = 1) =>
        Base64Url(headerJson) + "." + Base64Url(payloadJson) + "." + (signature ?? Random(Base64UrlAlphabet, 342, 8000 + seed));

    /// <summary>A fake Cognito token (token_use id or access) of a fake user pool, expiring at <paramref name="exp"/> (unix seconds).</summary>
    public static string CognitoToken(string tokenUse, long exp, int seed = 1)
    {
        const string Iss = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_FAKEp00l1";
        var payload = tokenUse == "id"
            ? $$"""{"sub":"3f1c2a9e-7d1b-4c55-9e0a-2b6f8d4c1a77","aud":"4fakeclient7id2cognito9x","email_verified":true,"token_use":"id","auth_time":{{exp - 3600}},"iss":"{{Iss}}","cognito:username":"jdoe","exp":{{exp}},"iat":{{exp - 3600}},"email":"jdoe@example.com"}"""
            : $$"""{"sub":"3f1c2a9e-7d1b-4c55-9e0a-2b6f8d4c1a77","token_use":"access","scope":"aws.cognito.signin.user.admin","auth_time":{{exp - 3600}},"iss":"{{Iss}}","exp":{{exp}},"iat":{{exp - 3600}},"client_id":"4fakeclient7id2cognito9x","username":"jdoe"}""";
        return Jwt("""{"kid":"fAkEkEyId1234567890abcdefFAKE=","alg":"RS256"}""", payload, seed: seed);
    }

    /// <summary>A fake Cognito refresh token: a 5-part JWE with the RSA-OAEP / A256GCM header Cognito uses.</summary>
    public static string CognitoRefreshToken(int seed = 1) =>
        Base64Url("""{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}""") + "." +
        Random(Base64UrlAlphabet, 342, 9000 + seed) + "." +
        Random(Base64UrlAlphabet, 16, 9100 + seed) + "." +
        Random(Base64UrlAlphabet, 1500, 9200 + seed) + "." +
        Random(Base64UrlAlphabet, 22, 9300 + seed);

    /// <summary>A fake PEM private key block (random body, 64-char lines).</summary>
    public static string PemPrivateKey(string label = "RSA PRIVATE KEY", int bodyChars = 1600, int seed = 1, string newline = "\n")
    {
        var body = "MIIEowIBAAKCAQEA" + Random(Base64Alphabet, bodyChars, 9400 + seed);
        var sb = new StringBuilder();
        sb.Append("-----BEGIN ").Append(label).Append("-----").Append(newline);
        for (var i = 0; i < body.Length; i += 64)
        {
            sb.Append(body.AsSpan(i, Math.Min(64, body.Length - i))).Append(newline);
        }

        sb.Append("-----END ").Append(label).Append("-----");
        return sb.ToString();
    }

    /// <summary>base64("user:password") as sent in an Authorization: Basic header.</summary>
    public static string BasicCredentials(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
}
