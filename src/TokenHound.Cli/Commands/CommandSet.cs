using System.CommandLine;

namespace TokenHound.Cli.Commands;

/// <summary>Every subcommand. Each lives in its own file and only parses options, calls a library and picks a writer.</summary>
public static class CommandSet
{
    public static IEnumerable<Command> All(AppConsole console) =>
    [
        ScanCommand.Build(console),
        LogsCommand.Build(console),
        TrailCommand.Build(console),
        TracesCommand.Build(console),
        ProbeCommand.Build(console),
        RedactCommand.Build(console),
        RemediateCommand.Build(console),
        RulesCommand.Build(console),
        BaselineCommand.Build(console),
    ];
}
