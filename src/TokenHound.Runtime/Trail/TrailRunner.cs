using System.Diagnostics;
using System.Globalization;
using TokenHound.Core;
using TokenHound.Runtime.IO;

namespace TokenHound.Runtime.Trail;

public sealed class TrailOptions
{
    public required IReadOnlyList<string> Paths { get; init; }

    public TokenHoundConfig Config { get; init; } = TokenHoundConfig.Default;

    /// <summary>MaxMind-format databases (City/Country/ASN/Anonymous IP).</summary>
    public IReadOnlyList<string> GeoIp { get; init; } = [];

    /// <summary>AWS ip-ranges.json.</summary>
    public string? IpRanges { get; init; }

    public int Jobs { get; init; } = Environment.ProcessorCount;

    public TextReader? Stdin { get; init; }

    public IProgress<TrailProgress>? Progress { get; init; }

    /// <summary>How late an event may arrive relative to its file's delivery time and still be processed in order.</summary>
    public TimeSpan Slack { get; init; } = TimeSpan.FromMinutes(30);
}

public sealed record TrailProgress(long Files, long TotalFiles, long Events, string Current);

/// <summary>
/// `tokenhound trail`: parses CloudTrail inputs in parallel, merges their events in time order (files are ordered by the
/// delivery time in their names; a min-heap holds only the events of the last <see cref="TrailOptions.Slack"/>), and
/// runs the detections.
/// </summary>
public static class TrailRunner
{
    public static ScanReport Run(TrailOptions options)
    {
        var sw = Stopwatch.StartNew();
        var sink = new FindingCollector();
        var inputs = InputFiles.Expand(options.Paths)
            .Where(i => i.IsStdin || !TrailParser.IsDigest(i.Display))
            .Select(i => (Input: i, Time: i.IsStdin ? null : TrailParser.TimeFromName(i.Display)))
            .OrderBy(x => x.Time ?? DateTime.MinValue)
            .ThenBy(x => x.Input.Display, StringComparer.Ordinal)
            .ToList();

        var allow = new CidrSet(options.Config.Trail.AllowCidrs.Select(c => CidrSet.TryParseCidr(c, out var r)
            ? r
            : throw new UsageException($"invalid config: trail.allow-cidrs '{c}' is not a CIDR")));
        var aws = options.IpRanges is not null ? CidrSet.LoadAwsIpRanges(options.IpRanges) : null;
        using var geo = options.GeoIp.Count > 0 ? new GeoIpDatabase(options.GeoIp) : null;
        var analyzer = new TrailAnalyzer(options.Config.Trail, new IpClassifier(aws, allow, geo), geo is not null);

        var heap = new PriorityQueue<TrailEvent, (long, long)>();
        long seq = 0, unparsable = 0, files = 0;
        var jobs = Math.Max(1, options.Jobs);
        var pending = new Queue<Task<(List<TrailEvent> Events, long Bad)>>();
        var next = 0;

        // One parser per thread: its string pool keeps the repeated names, ARNs and addresses across files.
        using var parsers = new ThreadLocal<TrailParser>(() => new TrailParser());
        Task<(List<TrailEvent>, long)> Start(RuntimeInput input) => Task.Run(() =>
        {
            var parser = parsers.Value!;
            var before = parser.Unparsable;
            var list = new List<TrailEvent>();
            try
            {
                parser.ParseInput(input, options.Stdin, sink, list);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                sink.Warn(input.Display, $"cannot read: {e.Message}");
            }

            return (list, parser.Unparsable - before);
        });

        for (var i = 0; i < inputs.Count; i++)
        {
            while (next < inputs.Count && pending.Count < jobs * 2)
            {
                pending.Enqueue(Start(inputs[next++].Input));
            }

            var (events, bad) = pending.Dequeue().GetAwaiter().GetResult();
            files++;
            unparsable += bad;
            foreach (var e in events)
            {
                e.Sequence = seq++;
                heap.Enqueue(e, (e.Time.Ticks, e.Sequence));
            }

            // Everything older than the next file's window minus the slack can no longer be preceded by a later event.
            var watermark = i + 1 < inputs.Count && inputs[i + 1].Time is { } t ? t - options.Slack : (DateTime?)null;
            if (watermark is { } wm && (inputs[i].Time is not null))
            {
                while (heap.TryPeek(out var top, out _) && top.Time < wm)
                {
                    analyzer.Process(heap.Dequeue());
                }
            }

            options.Progress?.Report(new TrailProgress(files, inputs.Count, analyzer.Stats.Events + heap.Count, inputs[i].Input.Display));
        }

        while (heap.Count > 0)
        {
            analyzer.Process(heap.Dequeue());
        }

        var (kept, suppressed) = Suppressor.Apply(analyzer.Findings(), options.Config, null);
        var s = analyzer.Stats;
        var report = new ScanReport
        {
            Command = "trail",
            Findings = FindingOrder.Sort(kept),
            Warnings = sink.Warnings,
            Suppressed = suppressed,
            Target = string.Join(" ", options.Paths),
            Rules = [.. RuntimeRules.All.Where(r => r.Id.StartsWith("THT", StringComparison.Ordinal))],
        };
        report.Stats["files"] = files;
        report.Stats["events"] = s.Events;
        report.Stats["access keys"] = s.DistinctKeys;
        string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        report.Sections.Add(new ReportSection("CloudTrail summary", ["measure", "value"],
        [
            ["files", N(files)],
            ["events", N(s.Events)],
            ["time range", s.First is { } f && s.Last is { } l ? $"{TrailAnalyzer.Iso(f)} – {TrailAnalyzer.Iso(l)}" : "-"],
            ["distinct access keys", N(s.DistinctKeys)],
            ["distinct principals", N(s.DistinctPrincipals)],
            ["events without accessKeyId", N(s.MissingKey)],
            ["invalid sourceIPAddress (anonymized?)", N(s.InvalidIp)],
            ["missing sourceIPAddress", N(s.MissingIp)],
            ["AWS service callers (service name / AWS Internal)", N(s.ServiceCaller)],
            ["private source addresses", N(s.PrivateIp)],
            ["IPv6 source addresses", N(s.Ipv6)],
            ["unknown or missing awsRegion", N(s.UnknownRegion)],
            ["events without eventTime", N(s.MissingTime)],
            ["records that are not CloudTrail events", N(unparsable)],
            ["events out of time order (arrived late)", N(s.OutOfOrder)],
            ["events of allowlisted accounts/roles", N(s.Allowlisted)],
        ])
        {
            Note = (aws is null ? "no --ip-ranges: AWS and non-AWS addresses are not told apart. " : "") + (geo is null ? "no --geoip: no travel or anonymizing-network checks." : ""),
        });
        report.Duration = sw.Elapsed;
        return report;
    }
}
