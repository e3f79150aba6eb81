using System.CommandLine;
using TokenHound.Core;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound logs` (in progress).</summary>
public static class LogsCommand
{
    public static Command Build(AppConsole console)
    {
        _ = console;
        var cmd = new Command("logs", "(not yet available)");
        cmd.SetAction(int (_) => throw new UsageException("'logs' is not implemented yet"));
        return cmd;
    }
}
