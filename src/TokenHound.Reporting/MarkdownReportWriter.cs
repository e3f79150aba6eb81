using TokenHound.Core;

namespace TokenHound.Reporting;

public sealed class MarkdownReportWriter : IReportWriter
{
    public string Format => "markdown";

    public void Write(ScanReport report, TextWriter output, ReportOptions options) =>
        throw new UsageException("format 'markdown' is not implemented yet");
}
