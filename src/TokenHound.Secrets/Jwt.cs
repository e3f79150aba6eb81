using System.Text.Json;

namespace TokenHound.Secrets;

/// <summary>Shape and decoding of compact JWS / JWE tokens found in text (no signature verification).</summary>
public static class Jwt
{
    public const int MaxPartLength = 1 << 16;

    /// <summary>
    /// Reads the dot-separated base64url parts of a compact token starting at <paramref name="start"/> (which must not
    /// continue a longer token). Returns the number of parts (up to <paramref name="max"/> + 1 to signal "more"), their
    /// bounds, and the end offset.
    /// </summary>
    public static int ReadParts(ReadOnlySpan<char> text, int start, Span<Range> parts, out int end)
    {
        end = start;
        if (start > 0 && (TextUtil.IsBase64UrlChar(text[start - 1]) || text[start - 1] == '.'))
        {
            return 0;
        }

        var n = 0;
        var p = start;
        while (true)
        {
            var len = TextUtil.RunLength(text, p, TextUtil.IsBase64UrlChar, MaxPartLength);
            if (n == parts.Length)
            {
                // One more part than wanted: signal it with parts.Length + 1.
                return len > 0 ? n + 1 : n;
            }

            parts[n++] = new Range(p, p + len);
            end = p + len;
            if (end < text.Length && text[end] == '.' && n < parts.Length + 1)
            {
                p = end + 1;
                continue;
            }

            return n;
        }
    }

    /// <summary>Decodes a base64url part holding a JSON object; null when it is not one.</summary>
    public static JsonDocument? DecodeObject(ReadOnlySpan<char> part)
    {
        var bytes = TextUtil.DecodeBase64Url(part);
        if (bytes is null || bytes.Length < 2)
        {
            return null;
        }

        try
        {
            var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                return doc;
            }

            doc.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A claim as text: strings as is, numbers raw, arrays joined with ','; null when absent.</summary>
    public static string? Claim(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array => string.Join(",", v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
            _ => null,
        };
    }

    /// <summary>A numeric date claim (exp, iat, nbf) in unix seconds.</summary>
    public static long? UnixTime(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d is > -1e11 and < 1e11)
        {
            return (long)d;
        }

        return v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), out var l) ? l : null;
    }
}
