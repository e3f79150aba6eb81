using System.CommandLine;
using TokenHound.Core;
using TokenHound.Runtime.Traces;
using TokenHound.Secrets;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound traces PATH…`: tokens in X-Ray and OpenTelemetry traces, and the services they crossed.</summary>
public static class TracesCommand
{
    public static Command Build(AppConsole console)
    {
        var paths = ScanCommand.PathsArgument();
        paths.Description = "X-Ray segment documents, 'aws xray batch-get-traces' output or OTLP/JSON exports (files, folders, .gz); - reads stdin.";
        var includeExamples = new Option<bool>("--include-examples") { Description = "Also report documented example keys (AKIAIOSFODNN7EXAMPLE …)." };
        var common = new CommonOptions();
        var cmd = new Command("traces", "Find tokens recorded in X-Ray / OpenTelemetry traces and the path each token travelled between services.")
        {
            paths, includeExamples,
        };
        common.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var ps = r.GetValue(paths) is { Length: > 0 } p ? p : throw new UsageException("traces needs at least one PATH (or - for stdin)");
            var config = common.LoadConfig(r, ps.FirstOrDefault(Directory.Exists));
            using var progress = common.ShowProgress(r, console)
                ? new ConsoleProgress<string>(console.Error, x => $"traces: {x}")
                : null;
            var report = TraceScanner.Run(new TraceOptions
            {
                Paths = ps,
                Config = config,
                Secrets = new SecretsOptions
                {
                    IncludeExamples = r.GetValue(includeExamples),
                    DisabledRules = config.Disable.Select(d => d.ToUpperInvariant()).ToHashSet(),
                },
                Stdin = console.In,
                Progress = progress,
            });
            progress?.Dispose();
            return common.Emit(r, console, report);
        });
        return cmd;
    }
}
