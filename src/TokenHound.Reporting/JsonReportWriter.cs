using TokenHound.Core;

namespace TokenHound.Reporting;

public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public void Write(ScanReport report, TextWriter output, ReportOptions options) =>
        throw new UsageException("format 'json' is not implemented yet");
}
