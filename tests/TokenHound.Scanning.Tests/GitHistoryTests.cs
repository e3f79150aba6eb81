using TokenHound.Core;
using static TokenHound.Scanning.Tests.TestScan;

namespace TokenHound.Scanning.Tests;

/// <summary>History scans on real repositories built with the git CLI.</summary>
public sealed class GitHistoryTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private readonly GitRepoBuilder _repo;
    private readonly Dictionary<string, string> _c = [];

    public GitHistoryTests()
    {
        _repo = GitRepoBuilder.Init(_tmp.Sub("repo"));
        var r = _repo;
        r.Write("README.md", "# service\n");
        r.Write("app/config.ini", $"[default]\nregion = eu-west-1\naws_access_key_id = {Key1}\n");
        _c["add"] = r.Commit("alice", "add config");

        Directory.CreateDirectory(Path.Combine(r.Dir, "settings"));
        r.Git("mv", "app/config.ini", "settings/prod.ini");
        r.Write("README.md", "# service\nconfig moved\n");
        _c["move"] = r.Commit("bob", "move config");

        r.Git("rm", "-q", "settings/prod.ini");
        _c["delete"] = r.Commit("alice", "remove secret");

        var deploy = $"#!/bin/sh\nexport AWS_ACCESS_KEY_ID={Key2}\naws s3 ls\n";
        r.Write("deploy.sh", deploy);
        r.Write("ops/deploy-copy.sh", deploy); // the same blob at two paths in one commit
        _c["second"] = r.Commit("carol", "add deploy script");

        r.Write("deploy.sh", $"#!/bin/sh\nset -e\nexport AWS_ACCESS_KEY_ID={Key2}\naws s3 ls\n");
        _c["edit"] = r.Commit("carol", "set -e");

        r.Git("checkout", "-q", "-b", "feature");
        r.Write("feature.yml", $"name: feature\nenv:\n  REGION: eu-west-1\n  KEY: {Key3}\n");
        _c["branch"] = r.Commit("dave", "feature (not merged)");

        r.Git("checkout", "-q", "main");
        r.Write("README.md", "# service\nconfig moved\nmore docs\n");
        _c["docs"] = r.Commit("erin", "docs");
    }

    public void Dispose() => _tmp.Dispose();

    private ScanReport History(string? since = null, params IFileAnalyzer[] extra) => Scanner.Run(new ScanOptions
    {
        Paths = [_repo.Dir],
        History = true,
        Since = since,
        Analyzers = [new KeyAnalyzer(), .. extra],
    });

    private static string Describe(Finding f) => $"{f.Location.Path}:{f.Location.Line} {f.Secret} {f.Location.Author}";

    [Fact]
    public void Each_finding_is_attributed_to_the_commit_author_and_path_that_introduced_it()
    {
        var report = History();
        Assert.Empty(report.Warnings);
        var got = report.Findings.Select(f => (Describe(f), f.Location.Commit)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                ($"app/config.ini:3 {Key1} alice <alice@example.com>", _c["add"]),
                ($"deploy.sh:2 {Key2} carol <carol@example.com>", _c["second"]), // the later edit (line 3) is not a new leak
                ($"feature.yml:4 {Key3} dave <dave@example.com>", _c["branch"]), // unmerged branches are scanned
                ($"ops/deploy-copy.sh:2 {Key2} carol <carol@example.com>", _c["second"]),
                ($"settings/prod.ini:3 {Key1} bob <bob@example.com>", _c["move"]),
            ],
            got);

        var dates = report.Findings.ToDictionary(f => f.Location.Path!, f => f.Location.CommitDate);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 13, 0, 0, TimeSpan.Zero), dates["app/config.ini"]);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 14, 0, 0, TimeSpan.Zero), dates["settings/prod.ini"]);
    }

    [Fact]
    public void A_moved_secret_keeps_its_fingerprint()
    {
        var report = History();
        var byPath = report.Findings.ToDictionary(f => f.Location.Path!, f => f.Fingerprint);
        Assert.Equal(byPath["app/config.ini"], byPath["settings/prod.ini"]);
        Assert.Equal(byPath["deploy.sh"], byPath["ops/deploy-copy.sh"]);
        Assert.NotEqual(byPath["app/config.ini"], byPath["deploy.sh"]);
    }

    [Fact]
    public void Every_blob_is_read_and_analyzed_exactly_once()
    {
        var recorder = new RecordingAnalyzer();
        var report = History(null, recorder);

        // The blobs reachable from all refs, according to git.
        var objects = _repo.Git("rev-list", "--all", "--objects").Split('\n').Select(l => l.Split(' ')[0]);
        var blobs = objects.Count(o => _repo.Git("cat-file", "-t", o) == "blob");

        Assert.Equal(blobs, report.Stats["blobs"]);
        Assert.Equal(blobs, recorder.Seen.Count);
        Assert.Equal(recorder.Seen.Count, recorder.Seen.Select(s => s.Text).Distinct().Count());
        Assert.Equal(7, report.Stats["commits"]);

        // The shared blob is analyzed under its first path only, then reported at both.
        Assert.Single(recorder.Seen, s => s.Text.Contains(Key2, StringComparison.Ordinal) && !s.Text.Contains("set -e", StringComparison.Ordinal));
    }

    [Fact]
    public void Since_limits_the_scan_to_blobs_introduced_after_the_revision()
    {
        // After "delete": the deploy scripts and the branch.
        var afterDelete = History(_c["delete"]);
        Assert.Equal(
            ["deploy.sh", "feature.yml", "ops/deploy-copy.sh"],
            afterDelete.Findings.Select(f => f.Location.Path!).Order(StringComparer.Ordinal));
        Assert.Equal(4, afterDelete.Stats["commits"]);

        // After "second": the edit of deploy.sh keeps a key that was already there, so only the branch's key is new.
        var afterSecond = History(_c["second"]);
        var only = Assert.Single(afterSecond.Findings);
        Assert.Equal(("feature.yml", _c["branch"]), (only.Location.Path, only.Location.Commit));

        // A branch name works too: after "feature" only the docs commit on main is left, which adds no secret.
        var afterFeature = History("feature");
        Assert.Empty(afterFeature.Findings);
        Assert.Equal(1, afterFeature.Stats["commits"]);
    }

    [Fact]
    public void Since_an_unknown_revision_is_a_usage_error()
    {
        var e = Assert.Throws<UsageException>(() => History("no-such-branch"));
        Assert.Contains("no-such-branch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merged_branch_reports_its_secret_once_at_the_branch_commit()
    {
        var r = _repo;
        r.Git("checkout", "-q", "-b", "hotfix");
        r.Write("lambda/handler.py", $"import boto3\nKEY = '{Key3}'\n");
        var hotfix = r.Commit("frank", "hotfix");
        r.Git("checkout", "-q", "main");
        r.Git("-c", "user.name=Merger", "-c", "user.email=m@example.com", "merge", "-q", "--no-ff", "--no-edit", "hotfix");

        var report = History();
        var handler = Assert.Single(report.Findings, f => f.Location.Path == "lambda/handler.py");
        Assert.Equal(hotfix, handler.Location.Commit);
        Assert.Equal("frank <frank@example.com>", handler.Location.Author);
    }

    [Fact]
    public void The_real_THS001_detector_reports_history_findings_with_commit_locations()
    {
        var report = Scanner.Run(new ScanOptions { Paths = [_repo.Dir], History = true, Analyzers = [Ths001()] });
        var first = Assert.Single(report.Findings, f => f.Location.Path == "app/config.ini");
        Assert.Equal("THS001", first.RuleId);
        Assert.Equal(_c["add"], first.Location.Commit);
        Assert.StartsWith(_c["add"][..12], first.Location.Display(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_ignores_apply_to_history_blobs()
    {
        _repo.Write("test/fixture.txt", $"# tokenhound:ignore\nkey = {Key1}\n");
        _repo.Commit("alice", "fixture");
        var report = History();
        Assert.DoesNotContain(report.Findings, f => f.Location.Path == "test/fixture.txt");
        Assert.True(report.Suppressed >= 1);
    }
}
