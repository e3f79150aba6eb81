using TokenHound.Core;
using Xunit.Abstractions;

namespace TokenHound.Code.Tests;

/// <summary>Every annotated sample: the findings must equal the "Noncompliant" annotations exactly (rule and line).</summary>
public sealed class SampleTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files() => [.. Samples.RuleSampleFiles()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Findings_equal_annotations(string rel)
    {
        var file = Samples.Load(rel);
        var expected = Samples.Expected(rel, file.Text);
        var (findings, warnings) = Samples.Analyze(file);
        var actual = findings.Select(f => (f.RuleId, f.Location.Line)).ToHashSet();
        foreach (var w in warnings)
        {
            output.WriteLine($"warning: {w}");
        }

        var missing = expected.Except(actual).OrderBy(x => x.Item2).ToList();
        var extra = actual.Except(expected).OrderBy(x => x.Item2).ToList();
        var lines = file.Text.Split('\n');
        var report = string.Join("\n", missing.Select(m => $"  missing {m.Item1} at line {m.Item2}: {lines[m.Item2 - 1].Trim()}")
            .Concat(extra.Select(e => $"  unexpected {e.Item1} at line {e.Item2}: {lines[e.Item2 - 1].Trim()} — {findings.First(f => f.RuleId == e.Item1 && f.Location.Line == e.Item2).Message}")));
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{rel}:\n{report}");
        Assert.Empty(warnings);
    }

    [Fact]
    public void Every_rule_has_positive_and_negative_samples_and_a_docs_page()
    {
        foreach (var rule in CodeRules.All)
        {
            var dir = Path.Combine(Samples.DataDir, rule.Id);
            Assert.True(Directory.Exists(Path.Combine(dir, "positive")) && Directory.EnumerateFiles(Path.Combine(dir, "positive")).Any(), $"{rule.Id}: no positive samples");
            Assert.True(Directory.Exists(Path.Combine(dir, "negative")) && Directory.EnumerateFiles(Path.Combine(dir, "negative")).Any(), $"{rule.Id}: no negative samples");
            Assert.True(File.Exists(Path.Combine(Samples.RepoRoot, rule.DocsPath)), $"{rule.Id}: missing {rule.DocsPath}");
            foreach (var f in Directory.EnumerateFiles(Path.Combine(dir, "positive")))
            {
                var rel = Path.GetRelativePath(Samples.DataDir, f).Replace('\\', '/');
                Assert.Contains(Samples.Expected(rel, File.ReadAllText(f)), e => e.Rule == rule.Id);
            }

            foreach (var f in Directory.EnumerateFiles(Path.Combine(dir, "negative")))
            {
                var rel = Path.GetRelativePath(Samples.DataDir, f).Replace('\\', '/');
                Assert.Empty(Samples.Expected(rel, File.ReadAllText(f)));
            }
        }
    }

    [Fact]
    public void Rule_metadata_is_complete_and_unique()
    {
        Assert.Equal(CodeRules.All.Count, CodeRules.All.Select(r => r.Id).Distinct().Count());
        var families = new HashSet<string> { "token-logged", "token-in-error-response", "jwt-unverified", "jwt-claims-unchecked", "token-client-storage", "sdk-static-credentials", "token-passed-downstream" };
        foreach (var r in CodeRules.All)
        {
            Assert.Matches("^THC\\d{3}$", r.Id);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", r.Name);
            Assert.Contains(r.Family, families);
            Assert.StartsWith("CWE-", r.Cwe);
            Assert.False(string.IsNullOrWhiteSpace(r.Description));
            Assert.False(string.IsNullOrWhiteSpace(r.Remediation));
        }
    }
}
