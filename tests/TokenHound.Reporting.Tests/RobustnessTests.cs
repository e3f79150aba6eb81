using System.Text.Json;
using TokenHound.Core;

namespace TokenHound.Reporting.Tests;

/// <summary>Text from bad inputs (cut surrogate pairs, control characters, empty strings) never breaks a writer.</summary>
public sealed class RobustnessTests
{
    private static ScanReport Weird()
    {
        const string Odd = "cut \uD83D pair \uDE00 bell \u0007 nul \0 end";
        return new ScanReport
        {
            Command = "logs",
            Target = Odd,
            Findings =
            [
                Fixtures.Make(Fixtures.LogToken, new Location { Path = "f\uD800.log", Line = 1, Column = 1, LogGroup = "g\uDC00", Timestamp = Fixtures.Now },
                    Odd, Odd, properties: new Dictionary<string, string> { [Odd] = Odd, [""] = "" }) with { Title = "", Message = "" },
            ],
            Warnings = [new ScanWarning(Odd, Odd)],
            Sections = [new ReportSection(Odd, [Odd], [[Odd, "extra cell beyond the columns"], []]) { Note = Odd }],
            Stats = new Dictionary<string, long> { [Odd] = 1 },
        };
    }

    [Fact]
    public async Task Odd_text_still_gives_schema_valid_json_and_sarif()
    {
        var json = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "report-schema.json"));
        Assert.Empty(json.Validate(Fixtures.Render(new JsonReportWriter(), Weird(), Fixtures.Options(true))));
        if (Fixtures.SarifSchemaPath(out _) is { } path)
        {
            var sarif = await NJsonSchema.JsonSchema.FromFileAsync(path);
            Assert.Empty(sarif.Validate(Fixtures.Render(new SarifReportWriter(), Weird(), Fixtures.Options(true))));
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("markdown")]
    [InlineData("html")]
    public void Writers_do_not_throw_on_odd_text(string format)
    {
        foreach (var show in new[] { false, true })
        {
            var text = Fixtures.Render(ReportWriters.For(format), Weird(), Fixtures.Options(show));
            Assert.NotEmpty(text);
            if (format is "json" or "sarif")
            {
                using var doc = JsonDocument.Parse(text);
                Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            }
        }
    }
}
