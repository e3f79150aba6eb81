using TokenHound.Core;

namespace TokenHound.Secrets.Tests;

internal static class Scan
{
    /// <summary>Findings of a text as "RULE@line" strings, in order, through the file analyzer (as the scanner runs it).</summary>
    public static List<string> Lines(string text, SecretsEngine? engine = null)
    {
        var sink = new FindingCollector();
        new SecretsFileAnalyzer(engine ?? TestEngine.Engine).Analyze(new SourceFile { Path = "sample.txt", Text = text }, sink, CancellationToken.None);
        return [.. FindingOrder.Sort(sink.Findings).Select(f => $"{f.RuleId}@{f.Location.Line}")];
    }

    public static List<SecretMatch> Matches(string text, SecretsEngine? engine = null) => (engine ?? TestEngine.Engine).Scan(text);

    public static SecretMatch Single(string text, string ruleId)
    {
        var all = Matches(text);
        var mine = all.Where(m => m.Rule.Id == ruleId).ToList();
        Assert.True(mine.Count == 1, $"expected one {ruleId}, got: {string.Join(", ", all.Select(m => $"{m.Rule.Id}:{m.Value}"))}");
        return mine[0];
    }

    public static void None(string text, string? ruleId = null)
    {
        var all = Matches(text).Where(m => ruleId is null || m.Rule.Id == ruleId).ToList();
        Assert.True(all.Count == 0, $"expected no {ruleId ?? "finding"}, got: {string.Join(", ", all.Select(m => $"{m.Rule.Id}:{m.Value}"))}");
    }
}
