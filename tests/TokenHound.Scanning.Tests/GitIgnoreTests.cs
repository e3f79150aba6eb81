using TokenHound.Core;

namespace TokenHound.Scanning.Tests;

public class GitIgnoreTests
{
    [Theory]
    [InlineData("*.log", "a.log", false, true)]
    [InlineData("*.log", "dir/a.log", false, true)]
    [InlineData("*.log", "a.log.txt", false, null)]
    [InlineData("build/", "build", true, true)]
    [InlineData("build/", "build", false, null)] // a file named build is not a folder
    [InlineData("build/", "src/build", true, true)] // no slash but the trailing one: any depth
    [InlineData("/build", "build", true, true)]
    [InlineData("/build", "src/build", true, null)] // anchored
    [InlineData("doc/frotz", "doc/frotz", false, true)]
    [InlineData("doc/frotz", "a/doc/frotz", false, null)] // a middle slash anchors too
    [InlineData("**/foo", "foo", false, true)]
    [InlineData("**/foo", "a/b/foo", false, true)]
    [InlineData("**/foo/bar", "x/foo/bar", false, true)]
    [InlineData("abc/**", "abc/x/y", false, true)]
    [InlineData("abc/**", "abc", true, null)]
    [InlineData("a/**/b", "a/b", false, true)]
    [InlineData("a/**/b", "a/x/y/b", false, true)]
    [InlineData("a/*/b", "a/x/y/b", false, null)] // * does not cross /
    [InlineData("?.txt", "a.txt", false, true)]
    [InlineData("?.txt", "ab.txt", false, null)]
    [InlineData("[abc].txt", "b.txt", false, true)]
    [InlineData("[!abc].txt", "b.txt", false, null)]
    [InlineData("[!abc].txt", "d.txt", false, true)]
    [InlineData("[a-c]*.cfg", "beta.cfg", false, true)]
    [InlineData("[[:digit:]]*.bak", "1x.bak", false, true)]
    [InlineData("\\#notes", "#notes", false, true)]
    [InlineData("\\!important", "!important", false, true)]
    [InlineData("trailing   ", "trailing", false, true)]
    [InlineData("# comment", "# comment", false, null)]
    [InlineData("secret*", "secrets.env", false, true)]
    [InlineData("!keep.log", "keep.log", false, false)] // a negation re-includes
    public void Single_rule_follows_git_semantics(string rule, string path, bool isDir, bool? expected)
    {
        Assert.Equal(expected, new GitIgnoreFile([rule]).Match(path, isDir));
    }

    [Fact]
    public void Last_matching_rule_wins()
    {
        var f = new GitIgnoreFile(["*.log", "!keep.log", "# again", "keep.log"]);
        Assert.True(f.Match("keep.log", false));
        var g = new GitIgnoreFile(["*.log", "!keep.log"]);
        Assert.False(g.Match("keep.log", false));
        Assert.True(g.Match("other.log", false));
    }

    private static List<string> Walk(string root, ScanOptions? options = null) =>
        [.. FileSource.Walk(root, options ?? new ScanOptions(), new FindingCollector(), CancellationToken.None).Select(x => x.Rel)];

    /// <summary>A tree with nested .gitignore files, negations, folder rules and info/exclude, checked against git itself.</summary>
    [Fact]
    public void Walk_lists_exactly_what_git_considers_not_ignored()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        repo.Write(".gitignore", "*.log\n!important.log\nbuild/\n/rootonly.txt\ntmp*\n**/cache/**\ndocs/*.html\n");
        repo.Write(".git/info/exclude", "# local excludes\nlocal-*.cfg\n");
        repo.Write("app.js", "x");
        repo.Write("debug.log", "x");
        repo.Write("important.log", "x");
        repo.Write("rootonly.txt", "x");
        repo.Write("sub/rootonly.txt", "x");
        repo.Write("build/out.js", "x");
        repo.Write("src/build/out.js", "x");
        repo.Write("src/build.js", "x");
        repo.Write("tmpfile", "x");
        repo.Write("src/tmp/x.js", "x");
        repo.Write("a/cache/b/c.txt", "x");
        repo.Write("a/cachefile.txt", "x");
        repo.Write("docs/index.html", "x");
        repo.Write("docs/api/index.html", "x");
        repo.Write("local-dev.cfg", "x");
        repo.Write("conf/local-prod.cfg", "x");
        repo.Write("conf/app.cfg", "x");

        // Nested: applies only below its folder, overrides the root file, can re-include.
        repo.Write("pkg/.gitignore", "!*.log\nsecret.txt\ngenerated/\n");
        repo.Write("pkg/trace.log", "x");
        repo.Write("pkg/secret.txt", "x");
        repo.Write("pkg/inner/secret.txt", "x");
        repo.Write("pkg/generated/a.js", "x");
        repo.Write("pkg/main.py", "x");
        repo.Write("secret.txt", "x");
        repo.Write("pkg/deeper/.gitignore", "*.py\n!keep.py\n");
        repo.Write("pkg/deeper/x.py", "x");
        repo.Write("pkg/deeper/keep.py", "x");
        repo.Write("pkg/deeper/notes.txt", "x");

        // A negation cannot re-include a file inside an ignored folder.
        repo.Write("vendor2/.gitignore", "");
        repo.Write(".gitignore2-holder/x.txt", "x");

        var expected = repo.Git("ls-files", "--others", "--exclude-standard", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal).ToList();
        var actual = Walk(repo.Dir).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);

        // Sanity: the interesting cases really are in the set the way git sees them.
        Assert.Contains("important.log", actual);
        Assert.Contains("pkg/trace.log", actual);
        Assert.Contains("pkg/deeper/keep.py", actual);
        Assert.Contains("sub/rootonly.txt", actual);
        Assert.Contains("secret.txt", actual);
        Assert.DoesNotContain("pkg/inner/secret.txt", actual);
        Assert.DoesNotContain("local-dev.cfg", actual);
        Assert.DoesNotContain("conf/local-prod.cfg", actual);
        Assert.DoesNotContain("src/build/out.js", actual);
    }

    [Fact]
    public void Scanning_a_subfolder_applies_the_parent_gitignore_files()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        repo.Write(".gitignore", "*.secret\nsvc/dist/\n");
        repo.Write("svc/a.secret", "x");
        repo.Write("svc/a.js", "x");
        repo.Write("svc/dist/bundle.js", "x");
        Assert.Equal(["a.js"], Walk(Path.Combine(repo.Dir, "svc")));
    }

    [Fact]
    public void Gitignore_is_honoured_outside_a_repository_and_can_be_turned_off()
    {
        using var t = new TempDir();
        t.File(".gitignore", "*.tmp\n");
        t.File("a.tmp", "x");
        t.File("b.txt", "x");
        Assert.Equal([".gitignore", "b.txt"], Walk(t.Path));
        Assert.Equal([".gitignore", "a.tmp", "b.txt"], Walk(t.Path, new ScanOptions { NoGitIgnore = true }));
    }

    [Fact]
    public void Config_excludes_and_default_excludes_keep_working()
    {
        using var t = new TempDir();
        t.File("src/app.js", "x");
        t.File("src/gen/client.js", "x");
        t.File("fixtures/keys.txt", "x");
        t.File("node_modules/lib/index.js", "x");
        t.File("bin/Debug/app.dll.config", "x");
        var config = new TokenHoundConfig { Exclude = ["src/gen/", "fixtures/**"] };
        Assert.Equal(["src/app.js"], Walk(t.Path, new ScanOptions { Config = config }));
        Assert.Equal(
            ["bin/Debug/app.dll.config", "node_modules/lib/index.js", "src/app.js"],
            Walk(t.Path, new ScanOptions { Config = config, NoDefaultExcludes = true }).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_secret_in_an_ignored_file_is_not_reported_but_a_named_file_is()
    {
        using var t = new TempDir();
        t.File(".gitignore", ".env\n");
        var env = t.File(".env", $"AWS_ACCESS_KEY_ID={TestScan.Key1}\n");
        t.File("app.py", $"key = '{TestScan.Key2}'\n");
        var report = TestScan.Run(t.Path);
        Assert.Equal(["app.py"], report.Findings.Select(f => f.Location.Path));
        Assert.Equal([".env"], TestScan.Run(env).Findings.Select(f => f.Location.Path));
    }
}
