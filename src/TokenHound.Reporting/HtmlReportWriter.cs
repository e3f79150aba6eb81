using TokenHound.Core;

namespace TokenHound.Reporting;

public sealed class HtmlReportWriter : IReportWriter
{
    public string Format => "html";

    public void Write(ScanReport report, TextWriter output, ReportOptions options) =>
        throw new UsageException("format 'html' is not implemented yet");
}
