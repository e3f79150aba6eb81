using System.CommandLine;
using TokenHound.Core;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound remediate` (in progress).</summary>
public static class RemediateCommand
{
    public static Command Build(AppConsole console)
    {
        _ = console;
        var cmd = new Command("remediate", "(not yet available)");
        cmd.SetAction(int (_) => throw new UsageException("'remediate' is not implemented yet"));
        return cmd;
    }
}
