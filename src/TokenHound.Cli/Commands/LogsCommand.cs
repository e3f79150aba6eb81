using System.CommandLine;
using TokenHound.Core;
using TokenHound.Runtime.Logs;
using TokenHound.Secrets;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound logs PATH…|-`: tokens in CloudWatch Logs artifacts.</summary>
public static class LogsCommand
{
    public static Command Build(AppConsole console)
    {
        var paths = ScanCommand.PathsArgument();
        paths.Description = "Log files or folders (text, .gz, Lambda logs, filter-log-events / get-log-events JSON, S3 exports, subscription payloads); - reads stdin.";
        var logGroup = new Option<string?>("--log-group") { Description = "Log group to report for inputs that do not name one (plain files, get-log-events output)." };
        var includeExamples = new Option<bool>("--include-examples") { Description = "Also report documented example keys (AKIAIOSFODNN7EXAMPLE …)." };
        var common = new CommonOptions();
        var cmd = new Command("logs", "Find tokens and credentials in CloudWatch Logs: Lambda logs, API output, S3 exports and subscription payloads.")
        {
            paths, logGroup, includeExamples,
        };
        common.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var ps = r.GetValue(paths) is { Length: > 0 } p ? p : throw new UsageException("logs needs at least one PATH (or - for stdin)");
            var config = common.LoadConfig(r, ps.FirstOrDefault(Directory.Exists));
            using var progress = common.ShowProgress(r, console)
                ? new ConsoleProgress<LogProgress>(console.Error, x => $"logs: {x.Inputs:N0} inputs, {x.Events:N0} events, {x.Bytes / 1048576.0:N1} MB  {x.Current}")
                : null;
            var report = LogScanner.Run(new LogScanOptions
            {
                Paths = ps,
                LogGroup = r.GetValue(logGroup),
                Config = config,
                Jobs = r.GetValue(common.Jobs),
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
