using System.Security.Cryptography;
using System.Text;

namespace TokenHound.Core;

/// <summary>
/// Stable fingerprints. A secret's fingerprint comes from the rule and the secret value (so a moved secret keeps it and a
/// new secret on an old line gets a new one); a construct's fingerprint comes from the rule and a normalized description
/// of the construct (e.g. path + resource + property, or path + normalized code).
/// </summary>
public static class Fingerprints
{
    public static string ForSecret(string ruleId, string secretValue) => Hash(ruleId, "v", secretValue);

    /// <summary>For code/IaC/runtime findings: the parts name the construct (path, resource id, property, normalized snippet...).</summary>
    public static string ForConstruct(string ruleId, params string?[] parts) => Hash(ruleId, "c", string.Join('\u001f', parts.Select(p => p ?? "")));

    private static string Hash(string ruleId, string kind, string value)
    {
        var bytes = Encoding.UTF8.GetBytes($"{ruleId}\u001f{kind}\u001f{value}");
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}

/// <summary>Masks secrets for display: a short prefix, then the length. Never the whole value.</summary>
public static class SecretMask
{
    public static string Mask(string secret, int keep = 4)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return "";
        }

        // Never show more than a quarter of a secret.
        var k = Math.Min(keep, secret.Length / 4);
        return $"{secret[..k]}…[{secret.Length} chars]";
    }

    /// <summary>Replaces every occurrence of <paramref name="secret"/> in <paramref name="text"/> with its mask.</summary>
    public static string MaskIn(string text, string secret, int keep = 4) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Mask(secret, keep), StringComparison.Ordinal);
}

/// <summary>Maps char offsets in a text to 1-based line and column numbers.</summary>
public sealed class LineMap
{
    private readonly int[] _starts;

    public LineMap(string text)
    {
        var starts = new List<int> { 0 };
        var span = text.AsSpan();
        var i = 0;
        while (true)
        {
            var j = span[i..].IndexOf('\n');
            if (j < 0)
            {
                break;
            }

            i += j + 1;
            starts.Add(i);
        }

        _starts = [.. starts];
        Text = text;
    }

    public string Text { get; }

    public int LineCount => _starts.Length;

    public (int Line, int Column) Position(int offset)
    {
        var idx = Array.BinarySearch(_starts, offset);
        if (idx < 0)
        {
            idx = ~idx - 1;
        }

        return (idx + 1, offset - _starts[idx] + 1);
    }

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public ReadOnlySpan<char> LineText(int line)
    {
        if (line < 1 || line > _starts.Length)
        {
            return [];
        }

        var start = _starts[line - 1];
        var end = line < _starts.Length ? _starts[line] : Text.Length;
        var s = Text.AsSpan(start, end - start);
        return s.TrimEnd("\r\n");
    }
}
