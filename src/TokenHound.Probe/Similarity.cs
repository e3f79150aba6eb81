namespace TokenHound.Probe;

/// <summary>Compares responses: a forged request is accepted only when its response matches the authorized baseline and differs from the unauthorized one.</summary>
public static class Similarity
{
    private const int MaxChars = 64 * 1024;

    /// <summary>Dice coefficient of the word multisets of two bodies (1 = same words).</summary>
    public static double Body(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var wa = Words(a);
        var wb = Words(b);
        var total = 0;
        foreach (var n in wa.Values)
        {
            total += n;
        }

        var common = 0;
        foreach (var (w, n) in wb)
        {
            total += n;
            if (wa.TryGetValue(w, out var m))
            {
                common += Math.Min(n, m);
            }
        }

        return total == 0 ? 1 : 2.0 * common / total;
    }

    public static bool Same(ProbeResponse? x, ProbeResponse? y, double threshold = 0.9) =>
        x is not null && y is not null && x.Status != 0 && x.Status == y.Status && Body(x.Body, y.Body) >= threshold;

    /// <summary>True when <paramref name="forged"/> looks like the authorized response and not like the unauthorized one (status AND body).</summary>
    public static bool Accepted(ProbeResponse? forged, ProbeResponse? authorized, ProbeResponse? unauthorized) =>
        forged is not null && authorized is not null && Same(forged, authorized) && !Same(forged, unauthorized);

    /// <summary>True when the authorized and unauthorized baselines can be told apart (a precondition of every acceptance test).</summary>
    public static bool Distinguishable(ProbeResponse? authorized, ProbeResponse? unauthorized) =>
        authorized is { Ok: true } && unauthorized is { Status: > 0 } && !Same(authorized, unauthorized, 0.95);

    private static Dictionary<string, int> Words(string s)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        var span = s.AsSpan(0, Math.Min(s.Length, MaxChars));
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var isWord = i < span.Length && char.IsLetterOrDigit(span[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                var w = span[start..i].ToString();
                d[w] = d.GetValueOrDefault(w) + 1;
                start = -1;
            }
        }

        return d;
    }

    /// <summary>Longest common substring of two texts (dynamic programming on at most 2,000 chars each).</summary>
    public static string LongestCommonSubstring(string a, string b)
    {
        a = a.Length > 2000 ? a[..2000] : a;
        b = b.Length > 2000 ? b[..2000] : b;
        if (a.Length == 0 || b.Length == 0)
        {
            return "";
        }

        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        int best = 0, bestEnd = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : 0;
                if (cur[j] > best)
                {
                    best = cur[j];
                    bestEnd = i;
                }
            }

            (prev, cur) = (cur, prev);
            Array.Clear(cur);
        }

        return a.Substring(bestEnd - best, best);
    }

    /// <summary>Share (0..1) of the word 5-grams of <paramref name="secret"/> that occur in <paramref name="text"/>.</summary>
    public static double NgramCoverage(string secret, string text, int n = 5)
    {
        var sw = Tokens(secret);
        if (sw.Count == 0)
        {
            return 0;
        }

        if (sw.Count < n)
        {
            n = sw.Count;
        }

        var tw = Tokens(text);
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tw.Count; i++)
        {
            grams.Add(string.Join(' ', tw.GetRange(i, n)));
        }

        var total = 0;
        var hit = 0;
        var covered = new bool[sw.Count];
        for (var i = 0; i + n <= sw.Count; i++)
        {
            total++;
            if (grams.Contains(string.Join(' ', sw.GetRange(i, n))))
            {
                hit++;
                for (var k = i; k < i + n; k++)
                {
                    covered[k] = true;
                }
            }
        }

        return total == 0 ? 0 : covered.Count(c => c) / (double)sw.Count;
    }

    private static List<string> Tokens(string s)
    {
        var list = new List<string>();
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var isWord = i < s.Length && char.IsLetterOrDigit(s[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                list.Add(s[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return list;
    }
}
