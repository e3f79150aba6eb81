using System.CommandLine;
using TokenHound.Core;
using TokenHound.Runtime.Trail;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound trail PATH… [--geoip FILE.mmdb] [--ip-ranges FILE]`: stolen-credential use in CloudTrail.</summary>
public static class TrailCommand
{
    public static Command Build(AppConsole console)
    {
        var paths = ScanCommand.PathsArgument();
        paths.Description = "CloudTrail files (.json, .json.gz), S3-layout folders (AWSLogs/…), lookup-events output or JSON lines; - reads stdin.";
        var geoip = new Option<string[]>("--geoip") { Description = "MaxMind-format database (.mmdb: City, Country, ASN or Anonymous IP); repeatable. Enables impossible-travel and anonymizing-network checks.", AllowMultipleArgumentsPerToken = false };
        var ipRanges = new Option<string?>("--ip-ranges") { Description = "AWS ip-ranges.json, to tell AWS addresses from the rest." };
        var window = new Option<int?>("--window") { Description = "Window in minutes for multi-network use of one key (default: trail.window-minutes, 60)." };
        var common = new CommonOptions();
        var cmd = new Command("trail", "Find stolen-credential use in CloudTrail: instance/Lambda credentials used elsewhere, one key from many networks, reconnaissance, persistence, secret harvesting.")
        {
            paths, geoip, ipRanges, window,
        };
        common.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var ps = r.GetValue(paths) is { Length: > 0 } p ? p : throw new UsageException("trail needs at least one PATH (or - for stdin)");
            var config = common.LoadConfig(r, ps.FirstOrDefault(Directory.Exists));
            if (r.GetValue(window) is { } w)
            {
                if (w < 1)
                {
                    throw new UsageException("--window must be at least 1 minute");
                }

                config.Trail.WindowMinutes = w;
            }

            foreach (var g in r.GetValue(geoip) ?? [])
            {
                if (!File.Exists(g))
                {
                    throw new UsageException($"--geoip file not found: {g}");
                }
            }

            var ranges = r.GetValue(ipRanges);
            if (ranges is not null && !File.Exists(ranges))
            {
                throw new UsageException($"--ip-ranges file not found: {ranges}");
            }

            using var progress = common.ShowProgress(r, console)
                ? new ConsoleProgress<TrailProgress>(console.Error, x => $"trail: {x.Files:N0}/{x.TotalFiles:N0} files, {x.Events:N0} events  {x.Current}")
                : null;
            var report = TrailRunner.Run(new TrailOptions
            {
                Paths = ps,
                Config = config,
                GeoIp = r.GetValue(geoip) ?? [],
                IpRanges = ranges,
                Jobs = r.GetValue(common.Jobs),
                Stdin = console.In,
                Progress = progress,
            });
            progress?.Dispose();
            return common.Emit(r, console, report);
        });
        return cmd;
    }
}
