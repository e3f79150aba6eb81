using TokenHound.Core;
using static TokenHound.Scanning.Tests.TestScan;

namespace TokenHound.Scanning.Tests;

public class StagedAndStdinTests
{
    private static ScanReport Staged(string dir) => Scanner.Run(new ScanOptions { Paths = [dir], Staged = true, Analyzers = [new KeyAnalyzer()] });

    [Fact]
    public void Staged_works_in_a_repository_with_no_commits_and_uses_the_staged_content()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        repo.Write("src/app.js", $"// app\nconst id = '{Key1}';\n");
        repo.Git("add", "src/app.js");

        // Work-tree changes after staging are not what gets committed: the staged text counts.
        repo.Write("src/app.js", $"// app\n// more\n// lines\nconst id = '{Key1}';\nconst other = '{Key2}';\n");
        repo.Write("untracked.txt", Key3);

        var report = Staged(repo.Dir);
        var f = Assert.Single(report.Findings);
        Assert.Equal(("src/app.js", 2, Key1), (f.Location.Path, f.Location.Line, f.Secret));
        Assert.Null(f.Location.Commit);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Staged_scans_added_and_modified_files_that_differ_from_HEAD_only()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        repo.Write("committed.env", $"KEY={Key1}\n");
        repo.Write("unchanged.env", $"KEY={Key1}\n");
        repo.Write("gone.env", $"KEY={Key1}\n");
        repo.Commit("alice", "base");

        repo.Write("committed.env", $"# edited\nKEY={Key1}\nNEW={Key2}\n");
        repo.Write("added/new.yml", $"a: 1\nb: {Key3}\n");
        repo.Git("add", "committed.env", "added/new.yml");
        repo.Git("rm", "-q", "gone.env");

        var report = Staged(repo.Dir);
        Assert.Equal(
            [$"added/new.yml:2 {Key3}", $"committed.env:2 {Key1}", $"committed.env:3 {Key2}"],
            report.Findings.Select(f => $"{f.Location.Path}:{f.Location.Line} {f.Secret}").Order(StringComparer.Ordinal));
        Assert.Equal(2, report.Stats["blobs"]);
    }

    [Fact]
    public void Staged_with_nothing_staged_is_empty()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        repo.Write("a.txt", Key1);
        repo.Commit("alice", "base");
        repo.Write("a.txt", Key2); // modified but not staged
        Assert.Empty(Staged(repo.Dir).Findings);
    }

    [Fact]
    public void Stdin_is_scanned_with_path_dash()
    {
        var report = Scanner.Run(new ScanOptions { Paths = ["-"], Stdin = new StringReader($"line one\nexport KEY={Key1}\n"), Analyzers = [new KeyAnalyzer()] });
        var f = Assert.Single(report.Findings);
        Assert.Equal(("-", 2), (f.Location.Path, f.Location.Line));
    }

    [Fact]
    public void Folder_scan_reports_relative_paths_lines_and_stats()
    {
        using var t = new TempDir();
        t.File("src/handler.py", $"import os\n\nKEY = '{Key1}'\n");
        t.File("README.md", "nothing\n");
        var report = Run(t.Path);
        var f = Assert.Single(report.Findings);
        Assert.Equal(("src/handler.py", 3, 8), (f.Location.Path, f.Location.Line, f.Location.Column));
        Assert.Equal(2, report.Stats["files"]);
    }
}
