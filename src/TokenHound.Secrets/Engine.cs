using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using TokenHound.Core;
using TokenHound.Secrets.Detectors;

namespace TokenHound.Secrets;

/// <summary>One secret found in a text. Offsets are relative to the text handed to <see cref="SecretsEngine.Scan(ReadOnlySpan{char}, List{SecretMatch})"/>.</summary>
public sealed record SecretMatch
{
    public required RuleInfo Rule { get; init; }

    /// <summary>Short kind used in redaction tags and summaries: aws-access-key-id, aws-secret-access-key, aws-session-token, jwt, bearer, basic-auth, api-key, private-key, generic-secret, cognito-refresh-token ...</summary>
    public required string Kind { get; init; }

    /// <summary>Start of the primary secret (the location of the finding).</summary>
    public required int Start { get; init; }

    public required int Length { get; init; }

    /// <summary>
    /// The secret value: the primary span's text. For an AWS key pair (THS002 with paired=true) it is the secret access
    /// key, so the fingerprint does not change when the key id moves; the key id is <c>Spans[1]</c> and (masked) properties.
    /// </summary>
    public required string Value { get; init; }

    /// <summary>Every span that holds secret material (the primary one first). A redactor replaces all of them.</summary>
    public IReadOnlyList<TextSpan> Spans { get; init; } = [];

    /// <summary>The full key id of a paired AWS secret access key (see <see cref="Finding.CredentialId"/>).</summary>
    public string? CredentialId { get; init; }

    public required Severity Severity { get; init; }
    public required Confidence Confidence { get; init; }
    public required string Title { get; init; }
    public string? Message { get; init; }

    /// <summary>Decoded facts: kind, accountId, alg, iss, aud, token_use, exp (unix seconds), paired ...</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = Finding.EmptyProperties;

    public int End => Start + Length;

    public IEnumerable<TextSpan> AllSpans => Spans.Count > 0 ? Spans : [new TextSpan(Start, Length)];

    /// <summary>Builds the shared finding for this match at a location.</summary>
    public Finding ToFinding(Location location, Severity? severity = null, string? messageSuffix = null) => new()
    {
        Rule = Rule,
        Severity = severity ?? Severity,
        Confidence = Confidence,
        Title = Title,
        Message = (Message ?? Title) + (messageSuffix is null ? "" : " " + messageSuffix),
        Location = location,
        Evidence = SecretMask.Mask(Value),
        Fingerprint = Fingerprints.ForSecret(Rule.Id, Value),
        Secret = Value,
        CredentialId = CredentialId,
        Properties = Properties,
    };
}

public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>Options of a secrets scan.</summary>
public sealed class SecretsOptions
{
    /// <summary>"Now" for JWT expiry; tests fix it.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Report documented example values (AKIAIOSFODNN7EXAMPLE ...) too. Off by default.</summary>
    public bool IncludeExamples { get; init; }

    /// <summary>Rule ids that do not run.</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>();
}

/// <summary>
/// A secret detector: one kind of secret, self-describing. The engine finds every occurrence of one of its
/// <see cref="Signatures"/> (case-insensitive literals) with one vectorized pass and calls <see cref="Match"/> at each hit.
/// </summary>
public abstract class SecretDetector
{
    public abstract RuleInfo Rule { get; }

    public abstract string Kind { get; }

    /// <summary>Cheap literals that every match contains (ASCII; compared ignoring case).</summary>
    public abstract IReadOnlyList<string> Signatures { get; }

    /// <summary>Texts that must give exactly one finding of this rule each.</summary>
    public abstract IReadOnlyList<string> Examples { get; }

    /// <summary>Look-alikes that must give no finding of this rule.</summary>
    public abstract IReadOnlyList<string> NegativeExamples { get; }

    /// <summary>When two matches overlap, the one with the higher priority is kept (specific beats generic).</summary>
    public virtual int Priority => 50;

    /// <summary>
    /// Called for a prefilter hit: <paramref name="hit"/> is the index in <paramref name="text"/> where
    /// <paramref name="signature"/> starts. Add matches (duplicates by start are removed by the engine).
    /// </summary>
    public abstract void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results);
}

/// <summary>
/// The secrets engine: one pass per input with a multi-literal prefilter (<see cref="SearchValues{T}"/> of strings),
/// detectors' regexes only near prefilter hits, validation only on regex hits. Thread-safe; reuse one instance.
/// </summary>
public sealed class SecretsEngine : IRuleSource
{
    /// <summary>How far (chars) a key id may be from a secret access key to be paired with it.</summary>
    public const int PairDistance = 400;

    /// <summary>How many line breaks may separate a key id from its secret access key.</summary>
    public const int PairLines = 5;

    private readonly SearchValues<string> _prefilter;
    private readonly (string Signature, SecretDetector[] Detectors)[] _bySignature;
    private readonly int[][] _signatureIndexByFirstChar = new int[128][];
    private readonly FrozenDictionary<string, int> _priority;
    private readonly Comparison<SecretMatch> _byPriority;

    public SecretsEngine(SecretsOptions? options = null, IEnumerable<SecretDetector>? detectors = null)
    {
        Options = options ?? new SecretsOptions();
        Detectors = [.. (detectors ?? DetectorCatalog.All()).Where(d => !Options.DisabledRules.Contains(d.Rule.Id))];
        var sigs = new Dictionary<string, List<SecretDetector>>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in Detectors)
        {
            foreach (var s in d.Signatures)
            {
                if (s.Length == 0 || !Ascii.IsValid(s))
                {
                    throw new InvalidOperationException($"Detector {d.Rule.Id} has an empty or non-ASCII signature.");
                }

                if (!sigs.TryGetValue(s, out var list))
                {
                    sigs[s] = list = [];
                }

                if (!list.Contains(d))
                {
                    list.Add(d);
                }
            }
        }

        _bySignature = [.. sigs.Select(kv => (kv.Key, kv.Value.ToArray()))];
        _prefilter = SearchValues.Create([.. sigs.Keys], StringComparison.OrdinalIgnoreCase);
        for (var c = 0; c < 128; c++)
        {
            var list = new List<int>();
            for (var i = 0; i < _bySignature.Length; i++)
            {
                var f = _bySignature[i].Signature[0];
                if (char.ToLowerInvariant(f) == char.ToLowerInvariant((char)c))
                {
                    list.Add(i);
                }
            }

            _signatureIndexByFirstChar[c] = [.. list];
        }

        var pri = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in Detectors)
        {
            pri.TryAdd(d.Rule.Id, d.Priority);
        }

        _priority = pri.ToFrozenDictionary(StringComparer.Ordinal);
        _byPriority = (a, b) =>
        {
            var c = Priority(b).CompareTo(Priority(a));
            if (c != 0)
            {
                return c;
            }

            c = b.Length.CompareTo(a.Length);
            return c != 0 ? c : a.Start.CompareTo(b.Start);
        };
    }

    public SecretsOptions Options { get; }

    public IReadOnlyList<SecretDetector> Detectors { get; }

    public IEnumerable<RuleInfo> Rules => Detectors.Select(d => d.Rule).DistinctBy(r => r.Id);

    public List<SecretMatch> Scan(string text)
    {
        var results = new List<SecretMatch>();
        Scan(text.AsSpan(), results);
        return results;
    }

    /// <summary>Appends the matches in <paramref name="text"/> to <paramref name="results"/>, sorted by start, overlaps resolved.</summary>
    public void Scan(ReadOnlySpan<char> text, List<SecretMatch> results)
    {
        var first = results.Count;
        var pos = 0;
        while (pos < text.Length)
        {
            var i = text[pos..].IndexOfAny(_prefilter);
            if (i < 0)
            {
                break;
            }

            var hit = pos + i;
            var fc = text[hit];
            if (fc < 128)
            {
                var rest = text[hit..];
                foreach (var ci in _signatureIndexByFirstChar[fc])
                {
                    var (sig, dets) = _bySignature[ci];
                    if (rest.StartsWith(sig, StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (var d in dets)
                        {
                            d.Match(text, hit, sig, Options, results);
                        }
                    }
                }
            }

            pos = hit + 1;
        }

        if (results.Count - first > 0)
        {
            Resolve(text, results, first);
        }
    }

    private int Priority(SecretMatch m) => _priority.TryGetValue(m.Rule.Id, out var p) ? p : 0;

    /// <summary>
    /// Sorts the new matches, drops duplicates and overlaps (keeping the higher priority, then the longer), then pairs AWS
    /// secret access keys with the nearest key id.
    /// </summary>
    private void Resolve(ReadOnlySpan<char> text, List<SecretMatch> results, int first)
    {
        var count = results.Count - first;
        if (count == 1)
        {
            return;
        }

        var fresh = results.GetRange(first, count);
        results.RemoveRange(first, count);
        fresh.Sort(_byPriority);

        // kept is sorted by start and free of overlaps: a candidate only needs checking against its neighbours.
        var kept = new List<SecretMatch>(fresh.Count);
        foreach (var m in fresh)
        {
            var idx = LowerBound(kept, m.Start);
            if ((idx > 0 && Overlaps(kept[idx - 1], m)) || (idx < kept.Count && Overlaps(kept[idx], m)) || OverlapsAnyMultiSpan(kept, m))
            {
                continue;
            }

            kept.Insert(idx, m);
        }

        PairAwsCredentials(text, kept);
        results.AddRange(kept);
    }

    private static int LowerBound(List<SecretMatch> list, int start)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Start < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool OverlapsAnyMultiSpan(List<SecretMatch> kept, SecretMatch m)
    {
        if (m.Spans.Count <= 1)
        {
            return false;
        }

        foreach (var k in kept)
        {
            if (Overlaps(k, m))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(SecretMatch a, SecretMatch b)
    {
        if (a.Spans.Count <= 1 && b.Spans.Count <= 1)
        {
            return a.Start < b.End && b.Start < a.End;
        }

        foreach (var x in a.AllSpans)
        {
            foreach (var y in b.AllSpans)
            {
                if (x.Start < y.End && y.Start < x.End)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPaired(SecretMatch m) => m.Properties.TryGetValue("paired", out var v) && v == "true";

    /// <summary>
    /// Replaces each THS002 secret access key that has a THS001 key id within <see cref="PairDistance"/> chars and
    /// <see cref="PairLines"/> lines by one paired finding (spans of both), and drops that key id's own match.
    /// </summary>
    private static void PairAwsCredentials(ReadOnlySpan<char> text, List<SecretMatch> kept)
    {
        var hasSecret = false;
        var hasKeyId = false;
        foreach (var m in kept)
        {
            hasSecret |= m.Rule.Id == AwsSecretAccessKeyDetector.RuleInfo.Id && !IsPaired(m);
            hasKeyId |= m.Rule.Id == AwsAccessKeyIdDetector.RuleInfo.Id;
        }

        if (!hasSecret || !hasKeyId)
        {
            return;
        }

        var used = new HashSet<int>();
        for (var i = 0; i < kept.Count; i++)
        {
            var s = kept[i];
            if (s.Rule.Id != AwsSecretAccessKeyDetector.RuleInfo.Id || IsPaired(s))
            {
                continue;
            }

            var best = -1;
            var bestDistance = int.MaxValue;
            for (var j = 0; j < kept.Count; j++)
            {
                var k = kept[j];
                if (k.Rule.Id != AwsAccessKeyIdDetector.RuleInfo.Id || used.Contains(j))
                {
                    continue;
                }

                var distance = k.Start < s.Start ? s.Start - k.End : k.Start - s.End;
                if (distance < 0 || distance > PairDistance || distance >= bestDistance)
                {
                    continue;
                }

                var lo = Math.Min(k.Start, s.Start);
                var hi = Math.Max(k.End, s.End);
                if (text[lo..hi].Count('\n') > PairLines)
                {
                    continue;
                }

                best = j;
                bestDistance = distance;
            }

            if (best >= 0)
            {
                used.Add(best);
                kept[i] = AwsSecretAccessKeyDetector.Pair(s, kept[best]);
            }
        }

        if (used.Count > 0)
        {
            var w = 0;
            for (var r = 0; r < kept.Count; r++)
            {
                if (!used.Contains(r))
                {
                    kept[w++] = kept[r];
                }
            }

            kept.RemoveRange(w, kept.Count - w);
        }
    }
}
