using System.Globalization;
using TokenHound.Core;

namespace TokenHound.Reporting;

/// <summary>Helpers the writers share: summary counts, rule list, time formats.</summary>
internal static class ReportData
{
    /// <summary>Severities from worst to least.</summary>
    public static readonly Severity[] SeveritiesDescending = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    public static DateTimeOffset GeneratedAt(ReportOptions o) => (o.GeneratedAt ?? DateTimeOffset.UtcNow).ToUniversalTime();

    /// <summary>ISO 8601 UTC with milliseconds, e.g. 2026-01-02T03:04:05.678Z.</summary>
    public static string Iso(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Findings in the stable report order.</summary>
    public static List<Finding> Sorted(ScanReport report) => FindingOrder.Sort(report.Findings);

    /// <summary>Worst first, then the stable report order (for PR comments and the HTML table).</summary>
    public static List<Finding> WorstFirst(ScanReport report) => [.. Sorted(report).OrderByDescending(f => f.Severity)];

    /// <summary>report.Rules ∪ the rules of the findings, by id (first declaration wins).</summary>
    public static List<RuleInfo> Rules(ScanReport report)
    {
        var byId = new SortedDictionary<string, RuleInfo>(StringComparer.Ordinal);
        foreach (var r in report.Rules)
        {
            byId.TryAdd(r.Id, r);
        }

        foreach (var f in report.Findings)
        {
            byId.TryAdd(f.Rule.Id, f.Rule);
        }

        return [.. byId.Values];
    }

    public static Dictionary<Severity, int> CountBySeverity(IEnumerable<Finding> findings)
    {
        var counts = SeveritiesDescending.ToDictionary(s => s, _ => 0);
        foreach (var f in findings)
        {
            counts[f.Severity]++;
        }

        return counts;
    }

    /// <summary>Family → count, most findings first then by name.</summary>
    public static List<KeyValuePair<string, int>> CountByFamily(IEnumerable<Finding> findings) =>
        [.. findings.GroupBy(f => f.Family, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)];

    /// <summary>Remediation text for a finding: its own, else its rule's.</summary>
    public static string Remediation(Finding f) => string.IsNullOrWhiteSpace(f.Remediation) ? f.Rule.Remediation : f.Remediation!;

    public static string Duration(TimeSpan d) => d.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    public static string Stats(ScanReport report) =>
        string.Join(", ", report.Stats.Select(kv => $"{kv.Value.ToString("N0", CultureInfo.InvariantCulture)} {kv.Key}"));

    /// <summary>A compact location for tables: "path:line:col", "commit path:line", "log group stream @ time", "URL [request]" ...</summary>
    public static string Where(Location l)
    {
        var s = l.Display();
        var logShown = l.Path is null && (l.LogGroup is not null || l.LogStream is not null);
        if (l.Path is not null && (l.LogGroup is not null || l.LogStream is not null || l.TraceId is not null || l.Url is not null))
        {
            // A file that holds a runtime artifact: add the runtime position too.
            s += " " + new Location { LogGroup = l.LogGroup, LogStream = l.LogStream, TraceId = l.TraceId, SegmentId = l.SegmentId, Service = l.Service, Url = l.Url, Request = l.Request }.Display();
        }

        if (l.Timestamp is { } t && !logShown)
        {
            s += " @ " + Iso(t);
        }

        if (l.RequestId is not null)
        {
            s += " request " + l.RequestId;
        }

        return s;
    }
}
