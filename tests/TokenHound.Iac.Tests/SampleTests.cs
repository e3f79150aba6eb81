using TokenHound.Iac.Rules;

namespace TokenHound.Iac.Tests;

/// <summary>Every rule's positive and negative samples give exactly the findings they declare.</summary>
public class SampleTests
{
    public static TheoryData<string> RuleIds()
    {
        var d = new TheoryData<string>();
        foreach (var r in IacRules.All)
        {
            d.Add(r.Id);
        }

        return d;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Positive_samples_give_exactly_the_declared_findings(string ruleId)
    {
        var dir = Path.Combine(Harness.TestData, ruleId, "positive");
        var files = Harness.Samples(dir).ToList();
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            var expected = Harness.Expected(f).Where(e => e.StartsWith(ruleId, StringComparison.Ordinal)).ToList();
            Assert.True(expected.Count > 0, $"{f} declares no '{ruleId}' finding");
            var actual = Harness.Actual(Harness.InFile(Harness.Run(f, dir).Findings, f, dir), id => id == ruleId);
            Assert.True(expected.SequenceEqual(actual), $"{Path.GetRelativePath(Harness.TestData, f)}\n expected: {string.Join(" ", expected)}\n actual:   {string.Join(" ", actual)}");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Negative_samples_give_no_finding_of_the_rule(string ruleId)
    {
        var dir = Path.Combine(Harness.TestData, ruleId, "negative");
        var files = Harness.Samples(dir).ToList();
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            var actual = Harness.Actual(Harness.InFile(Harness.Run(f, dir).Findings, f, dir), id => id == ruleId);
            Assert.True(actual.Count == 0, $"{Path.GetRelativePath(Harness.TestData, f)} gave {string.Join(" ", actual)}");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_docs_page_in_the_agreed_format(string ruleId)
    {
        var rule = IacRules.All.Single(r => r.Id == ruleId);
        var page = Path.Combine(Harness.RepoRoot, "docs", "rules", ruleId + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {rule.Id} {rule.Name}", text, StringComparison.Ordinal);
        Assert.Contains($"| Family | `{rule.Family}` |", text, StringComparison.Ordinal);
        foreach (var h in new[] { "## What it finds", "## Why it leaks tokens", "## How to fix", "## Examples", "## References" })
        {
            Assert.Contains(h, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Full multi-resource templates (testdata/templates): every IaC finding is declared, nothing more.</summary>
    [Fact]
    public void Full_templates_give_exactly_the_declared_findings()
    {
        var dir = Path.Combine(Harness.TestData, "templates");
        var files = Harness.Samples(dir).ToList();
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            var expected = Harness.Expected(f);
            var actual = Harness.Actual(Harness.InFile(Harness.Run(f, dir).Findings, f, dir), id => id.StartsWith("THI", StringComparison.Ordinal));
            Assert.True(expected.SequenceEqual(actual), $"{Path.GetRelativePath(Harness.TestData, f)}\n expected: {string.Join(" ", expected)}\n actual:   {string.Join(" ", actual)}");
        }
    }
}
