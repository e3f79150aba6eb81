namespace TokenHound.Secrets;

/// <summary>Small helpers shared by detectors.</summary>
public static class TextUtil
{
    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = new Dictionary<char, int>();
        foreach (var c in s)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }

        double e = 0;
        double n = s.Length;
        foreach (var k in counts)
        {
            if (k > 0)
            {
                var p = k / n;
                e -= p * Math.Log2(p);
            }
        }

        foreach (var k in other.Values)
        {
            var p = k / n;
            e -= p * Math.Log2(p);
        }

        return e;
    }

    /// <summary>True for a character that can continue an identifier or a base64/base32 token.</summary>
    public static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/' or '=';

    public static bool IsAsciiWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Documented example values and obvious placeholders that are never findings (unless asked for).</summary>
    public static bool IsExampleOrPlaceholder(ReadOnlySpan<char> value)
    {
        if (value.Contains("EXAMPLE", StringComparison.Ordinal))
        {
            return true;
        }

        if (value.StartsWith("${") || value.StartsWith("{{") || value.StartsWith("<") || value.StartsWith("%(") || value.StartsWith("$("))
        {
            return true;
        }

        if (value.Contains("xxxx", StringComparison.OrdinalIgnoreCase) || value.Contains("****", StringComparison.Ordinal) ||
            value.Contains("your_", StringComparison.OrdinalIgnoreCase) || value.Contains("your-", StringComparison.OrdinalIgnoreCase) ||
            value.Contains("placeholder", StringComparison.OrdinalIgnoreCase) || value.Contains("changeme", StringComparison.OrdinalIgnoreCase) ||
            value.Contains("dummy", StringComparison.OrdinalIgnoreCase) || value.Contains("redacted", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // One repeated character (AAAAAAAA..., 0000000...).
        var allSame = true;
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] != value[0])
            {
                allSame = false;
                break;
            }
        }

        return value.Length > 0 && allSame;
    }
}
