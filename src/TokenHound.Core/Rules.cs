namespace TokenHound.Core;

/// <summary>Anything that declares rules (a secrets engine, an analyzer, a set of detections).</summary>
public interface IRuleSource
{
    IEnumerable<RuleInfo> Rules { get; }
}

/// <summary>Every rule TokenHound knows, by id.</summary>
public sealed class RuleCatalog
{
    private readonly SortedDictionary<string, RuleInfo> _rules = new(StringComparer.Ordinal);

    public RuleCatalog(IEnumerable<IRuleSource> sources)
    {
        foreach (var source in sources)
        {
            foreach (var r in source.Rules)
            {
                if (!_rules.TryAdd(r.Id, r) && !ReferenceEquals(_rules[r.Id], r) && _rules[r.Id] != r)
                {
                    throw new InvalidOperationException($"Rule id {r.Id} is declared twice.");
                }
            }
        }
    }

    public IReadOnlyCollection<RuleInfo> All => _rules.Values;

    public RuleInfo? Find(string id) => _rules.TryGetValue(id.ToUpperInvariant(), out var r) ? r : null;
}

/// <summary>Collects findings and warnings from analyzers; thread-safe.</summary>
public interface IFindingSink
{
    void Add(Finding finding);
    void Warn(string input, string message);
}

public sealed class FindingCollector : IFindingSink
{
    private readonly List<Finding> _findings = [];
    private readonly List<ScanWarning> _warnings = [];
    private readonly Lock _lock = new();

    public void Add(Finding finding)
    {
        lock (_lock)
        {
            _findings.Add(finding);
        }
    }

    public void Warn(string input, string message)
    {
        lock (_lock)
        {
            _warnings.Add(new ScanWarning(input, message));
        }
    }

    public List<Finding> Findings
    {
        get { lock (_lock) { return [.. _findings]; } }
    }

    public List<ScanWarning> Warnings
    {
        get { lock (_lock) { return [.. _warnings]; } }
    }
}

/// <summary>Stable ordering of findings for reports: by path/location, line, column, rule.</summary>
public static class FindingOrder
{
    public static List<Finding> Sort(IEnumerable<Finding> findings) =>
        [.. findings
            .OrderBy(f => f.Location.Path ?? f.Location.LogGroup ?? f.Location.Url ?? f.Location.TraceId ?? "", StringComparer.Ordinal)
            .ThenBy(f => f.Location.Timestamp ?? DateTimeOffset.MinValue)
            .ThenBy(f => f.Location.Line)
            .ThenBy(f => f.Location.Column)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Fingerprint, StringComparer.Ordinal)];
}

/// <summary>A fixed list of rules.</summary>
public sealed class StaticRuleSource(IEnumerable<RuleInfo> rules) : IRuleSource
{
    private readonly RuleInfo[] _rules = [.. rules];

    public IEnumerable<RuleInfo> Rules => _rules;
}
