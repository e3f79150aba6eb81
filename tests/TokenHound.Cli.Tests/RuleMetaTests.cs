using System.Text;
using TokenHound.Cli.Commands;
using TokenHound.Core;
using TokenHound.Secrets;

namespace TokenHound.Cli.Tests;

/// <summary>Every rule has an id of the right shape, a family from docs/cli.md, a docs page, and samples.</summary>
public class RuleMetaTests
{
    private static readonly RuleCatalog Catalog = AllRules.Catalog();

    public static TheoryData<string> RuleIds()
    {
        var d = new TheoryData<string>();
        foreach (var r in Catalog.All)
        {
            d.Add(r.Id);
        }

        return d;
    }

    [Fact]
    public void There_are_rules() => Assert.NotEmpty(Catalog.All);

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_complete(string id)
    {
        var r = Catalog.Find(id)!;
        Assert.Matches(@"^TH[SCILTXP]\d{3}$", r.Id);
        Assert.Matches(@"^[a-z0-9]+(-[a-z0-9]+)*$", r.Name);
        Assert.Matches(@"^CWE-\d+$", r.Cwe);
        Assert.False(string.IsNullOrWhiteSpace(r.Title));
        Assert.False(string.IsNullOrWhiteSpace(r.Description));
        Assert.False(string.IsNullOrWhiteSpace(r.Remediation));

        var cli = File.ReadAllText(Path.Combine(Repo.Root, "docs", "cli.md"));
        Assert.True(cli.Contains($"| `{r.Family}` |", StringComparison.Ordinal), $"{id}: family '{r.Family}' is not documented in docs/cli.md");

        var page = Path.Combine(Repo.Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{id}: docs page {page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id} {r.Name}", text);
        Assert.Contains($"`{r.Family}`", text);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_positive_and_negative_samples(string id)
    {
        var detector = DetectorCatalog.All().FirstOrDefault(d => d.Rule.Id == id);
        if (detector is not null)
        {
            Assert.NotEmpty(detector.Examples);
            Assert.NotEmpty(detector.NegativeExamples);
            return;
        }

        var dirs = Directory.GetDirectories(Path.Combine(Repo.Root, "tests"))
            .Select(t => Path.Combine(t, "testdata", id))
            .Where(Directory.Exists)
            .ToList();
        Assert.True(dirs.Count > 0, $"{id}: no tests/*/testdata/{id} folder");
        Assert.True(dirs.Any(d => HasFiles(Path.Combine(d, "positive"))), $"{id}: no positive samples");
        Assert.True(dirs.Any(d => HasFiles(Path.Combine(d, "negative"))), $"{id}: no negative samples");
    }

    private static bool HasFiles(string dir) => Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Any();

    [Fact]
    public void Every_docs_page_belongs_to_a_rule()
    {
        var pages = Directory.GetFiles(Path.Combine(Repo.Root, "docs", "rules"), "TH*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.All(pages, p => Assert.True(Catalog.Find(p!) is not null, $"docs/rules/{p}.md has no rule"));
    }

    [Fact]
    public void Rule_table_is_up_to_date()
    {
        var sb = new StringBuilder();
        sb.Append("# Rules\n\n");
        sb.Append("Generated from the rule catalog (`UPDATE_DOCS=1 dotnet test tests/TokenHound.Cli.Tests` rewrites it; a test fails when it is stale).\n\n");
        sb.Append("| Id | Name | Family | Severity | Title |\n|---|---|---|---|---|\n");
        foreach (var r in Catalog.All)
        {
            sb.Append($"| [{r.Id}]({r.Id}.md) | {r.Name} | `{r.Family}` | {r.Severity.Name()} | {r.Title.Replace("|", "\\|")} |\n");
        }

        var expected = sb.ToString();
        var path = Path.Combine(Repo.Root, "docs", "rules", "README.md");
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), "docs/rules/README.md is missing: run UPDATE_DOCS=1 dotnet test tests/TokenHound.Cli.Tests");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }
}
