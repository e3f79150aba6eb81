using System.Buffers;
using System.Buffers.Text;

namespace TokenHound.Secrets;

/// <summary>Small helpers shared by detectors. Nothing here allocates on the no-match path.</summary>
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
        var nonAscii = 0;
        foreach (var c in s)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                nonAscii++;
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

        if (nonAscii > 0)
        {
            // Rare: count the non-ASCII characters exactly (allocates only here).
            var other = new Dictionary<char, int>();
            foreach (var c in s)
            {
                if (c >= 128)
                {
                    other[c] = other.GetValueOrDefault(c) + 1;
                }
            }

            foreach (var k in other.Values)
            {
                var p = k / n;
                e -= p * Math.Log2(p);
            }
        }

        return e;
    }

    /// <summary>True for a character that can continue an identifier or a base64/base32 token.</summary>
    public static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '/' or '=';

    public static bool IsAsciiWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Characters of the base64url alphabet (JWT parts).</summary>
    public static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <summary>Characters of the standard base64 alphabet, without padding.</summary>
    public static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/';

    /// <summary>Characters of an identifier or a config key (letters, digits, '_' and '-').</summary>
    public static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <summary>Length of the run of characters from <paramref name="start"/> that satisfy <paramref name="pred"/>, capped at <paramref name="max"/>.</summary>
    public static int RunLength(ReadOnlySpan<char> text, int start, Func<char, bool> pred, int max = int.MaxValue)
    {
        var i = start;
        var end = (int)Math.Min(text.Length, (long)start + max);
        while (i < end && pred(text[i]))
        {
            i++;
        }

        return i - start;
    }

    public static bool HasLower(ReadOnlySpan<char> s) => s.IndexOfAnyInRange('a', 'z') >= 0;

    public static bool HasUpper(ReadOnlySpan<char> s) => s.IndexOfAnyInRange('A', 'Z') >= 0;

    public static bool HasDigit(ReadOnlySpan<char> s) => s.IndexOfAnyInRange('0', '9') >= 0;

    public static bool HasLetter(ReadOnlySpan<char> s) => HasLower(s) || HasUpper(s);

    /// <summary>Index of the start of the line holding <paramref name="i"/>.</summary>
    public static int LineStart(ReadOnlySpan<char> text, int i)
    {
        var j = text[..Math.Min(i, text.Length)].LastIndexOf('\n');
        return j + 1;
    }

    /// <summary>Index of the end of the line holding <paramref name="i"/> (the '\r' or '\n' or text end).</summary>
    public static int LineEnd(ReadOnlySpan<char> text, int i)
    {
        var j = text[i..].IndexOfAny('\r', '\n');
        return j < 0 ? text.Length : i + j;
    }

    /// <summary>Decodes base64url (padding optional) into a new array; null when invalid.</summary>
    public static byte[]? DecodeBase64Url(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > 1 << 20)
        {
            return null;
        }

        if (s.Length % 4 == 1)
        {
            return null;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(s.Length)];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(s, buffer, out written))
            {
                return null;
            }
        }
        catch (FormatException)
        {
            return null;
        }

        return written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
    }

    /// <summary>Decodes standard base64 (with padding) into a new array; null when invalid.</summary>
    public static byte[]? DecodeBase64(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > 1 << 20)
        {
            return null;
        }

        var buffer = new byte[(s.Length / 4 * 3) + 3];
        return Convert.TryFromBase64Chars(s, buffer, out var written) ? buffer.AsSpan(0, written).ToArray() : null;
    }

    private static readonly SearchValues<string> PlaceholderWords = SearchValues.Create(
        ["xxxx", "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourpassword", "placeholder", "changeme", "change_me", "change-me",
         "dummy", "redacted", "replace_me", "replaceme", "insert_", "insert-", "<", ">", "${", "{{", "}}", "#{", "%(", "$("],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Documented example values and obvious placeholders that are never findings (unless asked for).</summary>
    public static bool IsExampleOrPlaceholder(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        if (value.Contains("EXAMPLE", StringComparison.Ordinal) || value.Contains("****", StringComparison.Ordinal) || value.Contains("....", StringComparison.Ordinal))
        {
            return true;
        }

        if (value[0] is '$' or '%' or '<' or '{' or '@' || value.IndexOfAny(PlaceholderWords) >= 0)
        {
            return true;
        }

        // One repeated character (AAAAAAAA..., 0000000...) or a long run of one character.
        return HasRun(value, 6) || (value.Length > 1 && value.IndexOfAnyExcept(value[0]) < 0);
    }

    /// <summary>True when one character occurs <paramref name="length"/> times in a row in <paramref name="s"/>.</summary>
    public static bool HasRun(ReadOnlySpan<char> s, int length)
    {
        var run = 1;
        for (var i = 1; i < s.Length; i++)
        {
            run = s[i] == s[i - 1] ? run + 1 : 1;
            if (run >= length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="s"/> contains a monotone run such as "123456", "abcdef" or "qwerty" (test values).</summary>
    public static bool HasTestSequence(ReadOnlySpan<char> s)
    {
        if (s.Contains("qwerty", StringComparison.OrdinalIgnoreCase) || s.Contains("asdf", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var run = 1;
        for (var i = 1; i < s.Length; i++)
        {
            var a = char.ToLowerInvariant(s[i - 1]);
            var b = char.ToLowerInvariant(s[i]);
            run = char.IsAsciiLetterOrDigit(a) && b == a + 1 ? run + 1 : 1;
            if (run >= 5)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly SearchValues<string> StopWords = SearchValues.Create(
        ["password", "passwd", "secret", "token", "example", "sample", "test", "dummy", "changeme", "placeholder", "your", "xxx",
         "demo", "default", "localhost", "undefined", "null", "string", "value", "foobar", "admin", "lorem", "hunter2", "letmein",
         "welcome", "p@ss", "pa$$", "mock", "todo", "fixme"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="value"/> contains a word that real random secrets do not (password, test, example, your ...).</summary>
    public static bool HasStopWord(ReadOnlySpan<char> value) => value.IndexOfAny(StopWords) >= 0;

    /// <summary>Chars that end a value written in text (quotes, whitespace, separators).</summary>
    public static bool IsValueDelimiter(char c) => char.IsWhiteSpace(c) || c is '"' or '\'' or '`' or ',' or ';' or ')' or ']' or '}' or '\\' or '&' or '<' or '>' or '|';
}
