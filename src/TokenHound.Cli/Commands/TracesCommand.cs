using System.CommandLine;
using TokenHound.Core;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound traces` (in progress).</summary>
public static class TracesCommand
{
    public static Command Build(AppConsole console)
    {
        _ = console;
        var cmd = new Command("traces", "(not yet available)");
        cmd.SetAction(int (_) => throw new UsageException("'traces' is not implemented yet"));
        return cmd;
    }
}
