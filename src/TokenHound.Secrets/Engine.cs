using System.Buffers;
using TokenHound.Core;

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

    /// <summary>The secret value (primary span's text, or the combined credential for a pair).</summary>
    public required string Value { get; init; }

    /// <summary>Every span that holds secret material (the primary one first). A redactor replaces all of them.</summary>
    public IReadOnlyList<TextSpan> Spans { get; init; } = [];

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
    private readonly SearchValues<string> _prefilter;
    private readonly (string Signature, SecretDetector[] Detectors)[] _bySignature;
    private readonly Dictionary<char, int[]> _signatureIndexByFirstChar;

    public SecretsEngine(SecretsOptions? options = null, IEnumerable<SecretDetector>? detectors = null)
    {
        Options = options ?? new SecretsOptions();
        Detectors = [.. (detectors ?? DetectorCatalog.All()).Where(d => !Options.DisabledRules.Contains(d.Rule.Id))];
        var sigs = new Dictionary<string, List<SecretDetector>>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in Detectors)
        {
            foreach (var s in d.Signatures)
            {
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
        _signatureIndexByFirstChar = [];
        for (var i = 0; i < _bySignature.Length; i++)
        {
            foreach (var c in new[] { char.ToLowerInvariant(_bySignature[i].Signature[0]), char.ToUpperInvariant(_bySignature[i].Signature[0]) }.Distinct())
            {
                _signatureIndexByFirstChar[c] = _signatureIndexByFirstChar.TryGetValue(c, out var arr) ? [.. arr, i] : [i];
            }
        }
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
            if (_signatureIndexByFirstChar.TryGetValue(text[hit], out var candidates))
            {
                var rest = text[hit..];
                foreach (var ci in candidates)
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
            Resolve(results, first);
        }
    }

    /// <summary>Sorts the new matches, drops duplicates and overlaps (keeping the higher priority, then the longer).</summary>
    private void Resolve(List<SecretMatch> results, int first)
    {
        var fresh = results.GetRange(first, results.Count - first);
        results.RemoveRange(first, fresh.Count);
        var priority = Detectors.ToDictionary(d => d.Rule.Id, d => d.Priority);
        int Pri(SecretMatch m) => priority.TryGetValue(m.Rule.Id, out var p) ? p : 0;
        fresh.Sort((a, b) =>
        {
            var c = Pri(b).CompareTo(Pri(a));
            return c != 0 ? c : b.Length.CompareTo(a.Length);
        });
        var kept = new List<SecretMatch>();
        foreach (var m in fresh)
        {
            var overlaps = false;
            foreach (var k in kept)
            {
                if (Overlaps(m, k))
                {
                    overlaps = true;
                    break;
                }
            }

            if (!overlaps)
            {
                kept.Add(m);
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        results.AddRange(kept);
    }

    private static bool Overlaps(SecretMatch a, SecretMatch b)
    {
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
}
