using TokenHound.Core;

namespace TokenHound.Reporting;

public sealed class SarifReportWriter : IReportWriter
{
    public string Format => "sarif";

    public void Write(ScanReport report, TextWriter output, ReportOptions options) =>
        throw new UsageException("format 'sarif' is not implemented yet");
}
