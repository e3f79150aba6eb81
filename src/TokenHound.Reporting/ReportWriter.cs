using TokenHound.Core;

namespace TokenHound.Reporting;

public sealed class ReportOptions
{
    /// <summary>Print full secrets (only when the user asks with --show-secrets).</summary>
    public bool ShowSecrets { get; init; }

    /// <summary>ANSI colours (text format only); off when NO_COLOR is set or output is not a terminal.</summary>
    public bool Color { get; init; }

    /// <summary>Tool version for SARIF/JSON.</summary>
    public string ToolVersion { get; init; } = typeof(ReportOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>When the report was generated (UTC); null means now. Tests set it for reproducible output.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>Project home page, written to SARIF's tool.driver.informationUri and the JSON/HTML headers.</summary>
    public string InformationUri { get; init; } = ReportWriters.InformationUri;
}

/// <summary>Writes a report in one format. One class per format.</summary>
public interface IReportWriter
{
    /// <summary>text, json, sarif, markdown, html.</summary>
    string Format { get; }

    void Write(ScanReport report, TextWriter output, ReportOptions options);
}

public static class ReportWriters
{
    public const string ToolName = "TokenHound";

    public const string InformationUri = "https://github.com/tokenhound/tokenhound";

    public static readonly string[] Formats = ["text", "json", "sarif", "markdown", "html"];

    public static IReportWriter For(string format) => format.ToLowerInvariant() switch
    {
        "text" => new TextReportWriter(),
        "json" => new JsonReportWriter(),
        "sarif" => new SarifReportWriter(),
        "markdown" or "md" => new MarkdownReportWriter(),
        "html" => new HtmlReportWriter(),
        _ => throw new UsageException($"unknown format '{format}' (use one of: {string.Join(", ", Formats)})"),
    };

    /// <summary>The evidence to print: masked unless secrets are to be shown.</summary>
    public static string Evidence(Finding f, ReportOptions o) => o.ShowSecrets && f.Secret is not null ? f.Secret : f.Evidence;
}
