using System.Buffers.Text;
using System.Text.Json;

namespace TokenHound.Runtime;

/// <summary>Reads the expiry of a JWT offline (no signature check): enough to tell whether a leaked token was or is live.</summary>
public static class JwtClaims
{
    /// <summary>The "exp" claim (unix seconds) of a compact JWS, or null.</summary>
    public static long? Expiry(string token)
    {
        var first = token.IndexOf('.');
        if (first <= 0)
        {
            return null;
        }

        var second = token.IndexOf('.', first + 1);
        if (second < 0)
        {
            return null;
        }

        var payload = token.AsSpan(first + 1, second - first - 1);
        if (payload.Length == 0 || payload.Length > 16384)
        {
            return null;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(payload.Length)];
        if (Base64Url.DecodeFromChars(payload, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(0, written));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var isExp = reader.ValueTextEquals("exp"u8);
                    reader.Read();
                    if (isExp && reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d))
                    {
                        return (long)d;
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>The "exp" of a match: its "exp" property when the detector decoded it, else decoded here for JWT-looking values.</summary>
    public static long? ExpiryOf(string value, IReadOnlyDictionary<string, string> properties)
    {
        if (properties.TryGetValue("exp", out var e) && long.TryParse(e, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var exp))
        {
            return exp;
        }

        return value.StartsWith("eyJ", StringComparison.Ordinal) ? Expiry(value) : null;
    }
}
