using System.CommandLine;
using TokenHound.Core;
using TokenHound.Reporting;

namespace TokenHound.Cli.Commands;

/// <summary>The options every reporting command takes (docs/cli.md, "common options").</summary>
public sealed class CommonOptions
{
    public Option<string> Format { get; } = new("--format", "-f") { Description = "Report format: text, json, sarif, markdown, html.", DefaultValueFactory = _ => "text" };
    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the report to this file instead of stdout." };
    public Option<string> FailOn { get; } = new("--fail-on") { Description = "Exit 1 when a finding has at least this severity: critical, high, medium, low, info.", DefaultValueFactory = _ => "high" };
    public Option<string?> Config { get; } = new("--config") { Description = "Configuration file (default: .tokenhound.yml in the scanned folder)." };
    public Option<bool> ShowSecrets { get; } = new("--show-secrets") { Description = "Print full secrets in the report (masked by default)." };
    public Option<bool> NoProgress { get; } = new("--no-progress") { Description = "No progress display." };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only the report: no progress, no warnings." };
    public Option<int> Jobs { get; } = new("--jobs", "-j") { Description = "Worker threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

    public CommonOptions()
    {
        Format.AcceptOnlyFromAmong([.. ReportWriters.Formats, "md"]);
        FailOn.AcceptOnlyFromAmong("critical", "high", "medium", "low", "info");
        Jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--jobs must be at least 1");
            }
        });
    }

    public void AddTo(Command c)
    {
        c.Options.Add(Format);
        c.Options.Add(Output);
        c.Options.Add(FailOn);
        c.Options.Add(Config);
        c.Options.Add(ShowSecrets);
        c.Options.Add(NoProgress);
        c.Options.Add(Quiet);
        c.Options.Add(Jobs);
    }

    public Severity FailOnSeverity(ParseResult r)
    {
        SeverityNames.TryParse(r.GetValue(FailOn), out var s);
        return s;
    }

    /// <summary>The config: --config FILE, else .tokenhound.yml in the first folder scanned, else defaults.</summary>
    public TokenHoundConfig LoadConfig(ParseResult r, string? root)
    {
        var path = r.GetValue(Config);
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new UsageException($"config file not found: {path}");
            }

            return TokenHoundConfig.Load(path);
        }

        return TokenHoundConfig.Discover(root);
    }

    public bool ShowProgress(ParseResult r, AppConsole console) =>
        console.ErrorIsTerminal && !r.GetValue(NoProgress) && !r.GetValue(Quiet);

    /// <summary>Writes warnings and the report, returns the exit code from --fail-on.</summary>
    public int Emit(ParseResult r, AppConsole console, ScanReport report)
    {
        if (!r.GetValue(Quiet))
        {
            const int MaxShown = 50;
            foreach (var w in report.Warnings.Take(MaxShown))
            {
                console.Error.WriteLine($"warning: {w.Input}: {w.Message}");
            }

            if (report.Warnings.Count > MaxShown)
            {
                console.Error.WriteLine($"warning: … and {report.Warnings.Count - MaxShown} more warnings (see the report)");
            }
        }

        var writer = ReportWriters.For(r.GetValue(Format) ?? "text");
        var output = r.GetValue(Output);
        var toFile = output is not null;
        var color = !toFile && writer.Format == "text" && console.OutIsTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var options = new ReportOptions { ShowSecrets = r.GetValue(ShowSecrets), Color = color };
        if (toFile)
        {
            try
            {
                using var w = new StreamWriter(output!, false, new System.Text.UTF8Encoding(false));
                writer.Write(report, w, options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write {output}: {e.Message}");
            }
        }
        else
        {
            writer.Write(report, console.Out, options);
            console.Out.Flush();
        }

        var failOn = FailOnSeverity(r);
        return report.Findings.Any(f => f.Severity >= failOn) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
