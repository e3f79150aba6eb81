using System.CommandLine;
using TokenHound.Core;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound trail` (in progress).</summary>
public static class TrailCommand
{
    public static Command Build(AppConsole console)
    {
        _ = console;
        var cmd = new Command("trail", "(not yet available)");
        cmd.SetAction(int (_) => throw new UsageException("'trail' is not implemented yet"));
        return cmd;
    }
}
