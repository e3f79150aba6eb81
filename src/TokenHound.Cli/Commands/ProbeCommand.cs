using System.CommandLine;
using TokenHound.Core;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound probe` (in progress).</summary>
public static class ProbeCommand
{
    public static Command Build(AppConsole console)
    {
        _ = console;
        var cmd = new Command("probe", "(not yet available)");
        cmd.SetAction(int (_) => throw new UsageException("'probe' is not implemented yet"));
        return cmd;
    }
}
