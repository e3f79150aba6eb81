using System.CommandLine;
using TokenHound.Core;
using TokenHound.Scanning;
using TokenHound.Secrets;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound baseline create [PATH…] --output FILE`: writes the fingerprints of the current findings.</summary>
public static class BaselineCommand
{
    public static Command Build(AppConsole console)
    {
        var paths = ScanCommand.PathsArgument();
        var history = new Option<bool>("--history") { Description = "Baseline the findings of the whole git history." };
        var output = new Option<string>("--output", "-o") { Description = "Baseline file to write.", DefaultValueFactory = _ => ".tokenhound-baseline.json" };
        var config = new Option<string?>("--config") { Description = "Configuration file." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var create = new Command("create", "Scan and write the fingerprints of every current finding to a baseline file.") { paths, history, output, config, jobs };
        create.SetAction(r =>
        {
            var ps = r.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            var cfgPath = r.GetValue(config);
            var cfg = cfgPath is not null ? TokenHoundConfig.Load(cfgPath) : TokenHoundConfig.Discover(ps.FirstOrDefault(Directory.Exists));
            var report = Scanner.Run(new ScanOptions
            {
                Paths = ps,
                History = r.GetValue(history),
                Jobs = Math.Max(1, r.GetValue(jobs)),
                Config = cfg,
                Secrets = new SecretsOptions { DisabledRules = cfg.Disable.Select(d => d.ToUpperInvariant()).ToHashSet() },
                Stdin = console.In,
            });
            var b = Baseline.From(report.Findings);
            var file = r.GetValue(output)!;
            try
            {
                b.Save(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write {file}: {e.Message}");
            }

            console.Error.WriteLine($"baseline: {b.Findings.Count} fingerprint(s) written to {file}");
            return ExitCodes.Ok;
        });
        var cmd = new Command("baseline", "Manage baselines of accepted findings.") { create };
        return cmd;
    }
}
