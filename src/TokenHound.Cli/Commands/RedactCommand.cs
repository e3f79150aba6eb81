using System.CommandLine;
using TokenHound.Core;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound redact` (in progress).</summary>
public static class RedactCommand
{
    public static Command Build(AppConsole console)
    {
        _ = console;
        var cmd = new Command("redact", "(not yet available)");
        cmd.SetAction(int (_) => throw new UsageException("'redact' is not implemented yet"));
        return cmd;
    }
}
