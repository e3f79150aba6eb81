using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenHound.Probe;

/// <summary>A decoded (not verified) JWS in compact form, and helpers to forge variants of it.</summary>
public sealed class Jwt
{
    private Jwt(string raw, string[] parts, JsonObject header, JsonObject payload)
    {
        Raw = raw;
        HeaderPart = parts[0];
        PayloadPart = parts[1];
        Signature = parts[2];
        Header = header;
        Payload = payload;
    }

    public string Raw { get; }
    public string HeaderPart { get; }
    public string PayloadPart { get; }
    public string Signature { get; }
    public JsonObject Header { get; }
    public JsonObject Payload { get; }

    public string Alg => Str(Header["alg"]) ?? "";
    public string? Kid => Str(Header["kid"]);
    public string? Iss => Str(Payload["iss"]);
    public string? Aud => Payload["aud"] switch
    {
        JsonArray a => string.Join(",", a.Select(x => Str(x))),
        var n => Str(n) ?? Str(Payload["client_id"]),
    };

    public long? Exp => Payload["exp"] is JsonValue v && v.TryGetValue<long>(out var l) ? l : Payload["exp"] is JsonValue d && d.TryGetValue<double>(out var dd) ? (long)dd : null;

    public string SigningInput => HeaderPart + "." + PayloadPart;

    public bool IsHmac => Alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase);

    public bool IsAsymmetric => Alg.Length > 2 && Alg[..2].ToUpperInvariant() is "RS" or "ES" or "PS";

    public static bool TryParse(string? token, out Jwt? jwt, out string? error)
    {
        jwt = null;
        error = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            error = "empty token";
            return false;
        }

        token = token.Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token[7..].Trim();
        }

        var parts = token.Split('.');
        if (parts.Length == 5)
        {
            error = "an encrypted JWT (JWE, 5 parts): its claims cannot be read or forged";
            return false;
        }

        if (parts.Length != 3)
        {
            error = $"not a JWT (expected 3 dot-separated parts, found {parts.Length})";
            return false;
        }

        try
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject;
            var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
            if (header is null || payload is null || header["alg"] is null)
            {
                error = "not a JWT (header or payload is not a JSON object with alg)";
                return false;
            }

            jwt = new Jwt(token, parts, header, payload);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            error = "not a JWT (parts are not base64url JSON)";
            return false;
        }
    }

    public static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string Part(JsonObject o) => B64(o.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    public JsonObject HeaderCopy() => (JsonObject)Header.DeepClone();

    public JsonObject PayloadCopy() => (JsonObject)Payload.DeepClone();

    /// <summary>alg none in a spelling, no signature: "h.p.".</summary>
    public string WithAlgNone(string spelling)
    {
        var h = HeaderCopy();
        h["alg"] = spelling;
        return Part(h) + "." + PayloadPart + ".";
    }

    public string SignatureStripped() => SigningInput + ".";

    public string WithSignature(string signature) => SigningInput + "." + signature;

    /// <summary>The payload with one harmless extra claim, original header and signature.</summary>
    public string ClaimsAltered()
    {
        var p = PayloadCopy();
        p["tokenhound_probe"] = "altered";
        return HeaderPart + "." + Part(p) + "." + Signature;
    }

    /// <summary>Same claims, HMAC-signed with <paramref name="key"/>; header alg set to <paramref name="alg"/>, other header fields kept (kid).</summary>
    public string SignedHmac(byte[] key, string alg = "HS256", Action<JsonObject>? editHeader = null)
    {
        var h = HeaderCopy();
        h["alg"] = alg;
        h.Remove("jwk");
        h.Remove("jku");
        h.Remove("x5u");
        h.Remove("x5c");
        editHeader?.Invoke(h);
        var input = Part(h) + "." + PayloadPart;
        return input + "." + B64(Hmac(alg, key, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>Same claims signed RS256 with a fresh key whose public part travels in the jwk header.</summary>
    public string EmbeddedJwk()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        var h = HeaderCopy();
        h["alg"] = "RS256";
        h["kid"] = "tokenhound-probe";
        h["jwk"] = new JsonObject
        {
            ["kty"] = "RSA",
            ["e"] = B64(p.Exponent!),
            ["n"] = B64(p.Modulus!),
            ["kid"] = "tokenhound-probe",
            ["use"] = "sig",
        };
        var input = Part(h) + "." + PayloadPart;
        var sig = rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + B64(sig);
    }

    /// <summary>True when the HMAC signature of this token verifies with <paramref name="key"/>.</summary>
    public bool VerifiesHmac(byte[] key)
    {
        if (!IsHmac)
        {
            return false;
        }

        byte[] sig;
        try
        {
            sig = Base64Url.DecodeFromChars(Signature);
        }
        catch (FormatException)
        {
            return false;
        }

        var mac = Hmac(Alg, key, Encoding.ASCII.GetBytes(SigningInput));
        return CryptographicOperations.FixedTimeEquals(mac, sig);
    }

    public static byte[] Hmac(string alg, byte[] key, byte[] data) => alg.ToUpperInvariant() switch
    {
        "HS384" => HMACSHA384.HashData(key, data),
        "HS512" => HMACSHA512.HashData(key, data),
        _ => HMACSHA256.HashData(key, data),
    };

    /// <summary>A random signature of the same length (a signature of another token / key).</summary>
    public string ForeignSignature()
    {
        int len;
        try
        {
            len = Math.Max(32, Base64Url.DecodeFromChars(Signature).Length);
        }
        catch (FormatException)
        {
            len = 32;
        }

        return B64(RandomNumberGenerator.GetBytes(len));
    }

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Common and default HMAC secrets (jwt.io's default, framework samples, tutorials) for the offline check.</summary>
    public static readonly string[] CommonSecrets =
    [
        "", "secret", "your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret", "secretkey", "secret_key", "secret-key",
        "your_secret_key", "your-secret-key", "yoursecretkey", "jwt_secret", "jwt-secret", "jwtsecret", "JWT_SECRET", "jwtSecret",
        "mysecret", "my_secret", "my-secret", "mysecretkey", "my_secret_key", "supersecret", "super_secret", "super-secret-key",
        "changeme", "changeit", "password", "Password", "123456", "12345678", "1234567890", "key", "private", "privatekey", "test",
        "testing", "dev", "development", "default", "admin", "qwerty", "s3cr3t", "secret123", "Secret", "SECRET", "shhhhh", "shhhhhared-secret",
        "token", "hello", "keyboard cat", "gsdgsdgsdg", "HS256", "jwt", "auth", "app_secret", "ThisIsMySecretKey", "thisismysecretkey",
        "This is my custom Secret key for authentication", "a-string-secret-at-least-256-bits-long", "notasecret", "example",
    ];
}
