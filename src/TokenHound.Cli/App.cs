using System.CommandLine;
using System.CommandLine.Parsing;
using TokenHound.Cli.Commands;
using TokenHound.Core;

namespace TokenHound.Cli;

/// <summary>The process's streams, so every command can run inside a test without a process.</summary>
public sealed record AppConsole(TextWriter Out, TextWriter Error, TextReader In, bool ErrorIsTerminal = false, bool OutIsTerminal = false);

/// <summary>Exit codes (docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Findings = 1;
    public const int Usage = 2;
}

public static class App
{
    public static RootCommand BuildRoot(AppConsole console)
    {
        var root = new RootCommand("TokenHound: finds authentication tokens and AWS credentials that leak out of AWS applications, and stops the leak.");
        foreach (var c in CommandSet.All(console))
        {
            root.Subcommands.Add(c);
        }

        return root;
    }

    public static int Run(string[] args, AppConsole console)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            console.Error.WriteLine($"tokenhound: error: {parse.Errors[0].Message}");
            console.Error.WriteLine("Run 'tokenhound --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"tokenhound: error: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
