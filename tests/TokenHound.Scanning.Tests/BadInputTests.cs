using System.Text;
using TokenHound.Core;
using static TokenHound.Scanning.Tests.TestScan;

namespace TokenHound.Scanning.Tests;

/// <summary>Bad input: a warning naming the input, and the scan goes on.</summary>
public class BadInputTests
{
    private static bool IsRoot => Environment.IsPrivilegedProcess;

    [Fact]
    public void Binary_files_are_skipped_counted_and_only_surprising_ones_warned_about()
    {
        using var t = new TempDir();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D };
        t.Bytes("logo.png", [.. png, .. Encoding.ASCII.GetBytes(Key1)]);
        t.Bytes("bundle.js", [.. Encoding.ASCII.GetBytes("var a = 1;"), 0, .. Encoding.ASCII.GetBytes(Key2)]);
        t.File("ok.txt", $"key {Key3}\n");

        var report = Run(t.Path);
        Assert.Equal(2, report.Stats["binarySkipped"]);
        Assert.Equal([Key3], report.Findings.Select(f => f.Secret));
        var w = Assert.Single(report.Warnings);
        Assert.Equal("bundle.js", w.Input);
        Assert.Contains("binary", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_NUL_after_the_first_8_KB_does_not_make_a_file_binary()
    {
        using var t = new TempDir();
        t.Bytes("late.txt", [.. Encoding.ASCII.GetBytes(new string('a', 9000) + "\n" + Key1 + "\n"), 0]);
        var report = Run(t.Path);
        Assert.Single(report.Findings);
        Assert.False(report.Stats.ContainsKey("binarySkipped"));
    }

    [Fact]
    public async Task Fifos_are_skipped_with_a_warning_instead_of_blocking_the_scan()
    {
        using var t = new TempDir();
        t.File("ok.txt", $"key {Key1}\n");
        var fifo = t.Sub("pipe");
        using (var p = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await p.WaitForExitAsync();
            Assert.Equal(0, p.ExitCode);
        }

        File.CreateSymbolicLink(t.Sub("link-to-pipe"), fifo);

        // Opening a FIFO for reading blocks until a writer comes: run the scans with a deadline.
        var both = Task.WhenAll(Task.Run(() => Run(t.Path)), Task.Run(() => Run(fifo)));
        var reports = await both.WaitAsync(TimeSpan.FromSeconds(60)); // throws TimeoutException if a scan blocked
        var (folder, named) = (reports[0], reports[1]);

        Assert.Equal([Key1], folder.Findings.Select(f => f.Secret));
        Assert.Equal(["link-to-pipe", "pipe"], folder.Warnings.Select(w => w.Input).Order(StringComparer.Ordinal));
        Assert.All(folder.Warnings, w => Assert.Contains("not a regular file", w.Message, StringComparison.Ordinal));
        Assert.Contains("not a regular file", Assert.Single(named.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_warned_about_and_still_scanned()
    {
        using var t = new TempDir();
        t.Bytes("latin1.properties", [.. Encoding.ASCII.GetBytes("name=Jos"), 0xE9, .. Encoding.ASCII.GetBytes($"\naws.key={Key1}\n")]);
        var report = Run(t.Path);
        var f = Assert.Single(report.Findings);
        Assert.Equal(("latin1.properties", 2), (f.Location.Path, f.Location.Line));
        var w = Assert.Single(report.Warnings);
        Assert.Equal("latin1.properties", w.Input);
        Assert.Contains("UTF-8", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_50_MB_single_line_is_scanned_under_a_raised_cap_and_skipped_with_a_warning_over_the_cap()
    {
        using var t = new TempDir();
        var size = 50 * 1024 * 1024;
        var bytes = new byte[size];
        var chunk = Encoding.ASCII.GetBytes("function(a,b){return a+b};var x=\"AKIA-not-a-key\";");
        for (var i = 0; i < size; i += chunk.Length)
        {
            chunk.AsSpan(0, Math.Min(chunk.Length, size - i)).CopyTo(bytes.AsSpan(i));
        }

        Encoding.ASCII.GetBytes($"\"{Key1}\"").CopyTo(bytes.AsSpan(size - 100));
        t.Bytes("dist/app.min.js", bytes);

        // The real secrets engine (THS001) over one 50 MB line.
        var raised = Scanner.Run(new ScanOptions { Paths = [t.Path], MaxFileSize = 64L * 1024 * 1024, Analyzers = [Ths001()] });
        var f = Assert.Single(raised.Findings);
        Assert.Equal(("dist/app.min.js", 1, size - 98), (f.Location.Path, f.Location.Line, f.Location.Column));
        Assert.Empty(raised.Warnings);

        var capped = Scanner.Run(new ScanOptions { Paths = [t.Path], MaxFileSize = 10L * 1024 * 1024, Analyzers = [Ths001()] });
        Assert.Empty(capped.Findings);
        var w = Assert.Single(capped.Warnings);
        Assert.Equal("dist/app.min.js", w.Input);
        Assert.Contains("size cap", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_is_warned_about_and_the_rest_is_scanned()
    {
        using var t = new TempDir();
        var locked = t.File("locked.env", $"KEY={Key1}\n");
        t.File("open.env", $"KEY={Key2}\n");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var report = Run(t.Path);
        Assert.Contains(report.Findings, f => f.Location.Path == "open.env");
        if (IsRoot)
        {
            // root reads mode-000 files anyway, so there is nothing to warn about: only "the scan goes on" is checked.
            Assert.Contains(report.Findings, f => f.Location.Path == "locked.env");
            return;
        }

        var w = Assert.Single(report.Warnings);
        Assert.Equal("locked.env", w.Input);
        Assert.Contains("cannot read", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_folder_is_warned_about_unless_running_as_root()
    {
        using var t = new TempDir();
        t.File("private/a.txt", $"{Key1}\n");
        t.File("public/b.txt", $"{Key2}\n");
        File.SetUnixFileMode(t.Sub("private"), UnixFileMode.None);
        var report = Run(t.Path);
        Assert.Contains(report.Findings, f => f.Location.Path == "public/b.txt");
        if (!IsRoot)
        {
            Assert.Contains(report.Warnings, w => w.Input == "private" && w.Message.Contains("cannot read folder", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_symlink_loop_does_not_make_the_walk_endless()
    {
        using var t = new TempDir();
        t.File("a/b/secret.txt", $"{Key1}\n");
        Directory.CreateSymbolicLink(t.Sub("a/b/up"), t.Sub("a"));
        Directory.CreateSymbolicLink(t.Sub("a/self"), ".");
        File.CreateSymbolicLink(t.Sub("loop1"), t.Sub("loop2"));
        File.CreateSymbolicLink(t.Sub("loop2"), t.Sub("loop1"));
        var report = Run(t.Path);
        var f = Assert.Single(report.Findings);
        Assert.Equal("a/b/secret.txt", f.Location.Path);
        Assert.All(report.Warnings, w => Assert.StartsWith("loop", w.Input, StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_symlink_is_a_warning()
    {
        using var t = new TempDir();
        File.CreateSymbolicLink(t.Sub("dangling.yml"), t.Sub("gone.yml"));
        t.File("real.yml", $"key: {Key1}\n");
        var linked = t.Sub("linked.yml");
        File.CreateSymbolicLink(linked, t.Sub("real.yml"));
        var report = Run(t.Path);
        var w = Assert.Single(report.Warnings);
        Assert.Equal("dangling.yml", w.Input);
        Assert.Contains("broken symbolic link", w.Message, StringComparison.Ordinal);

        // A working file symlink is followed.
        Assert.Equal(["linked.yml", "real.yml"], report.Findings.Select(f => f.Location.Path!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_path_is_a_usage_error()
    {
        using var t = new TempDir();
        var e = Assert.Throws<UsageException>(() => Run(t.Sub("nope")));
        Assert.Contains("path not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_outside_a_git_repository_is_a_usage_error()
    {
        using var t = new TempDir();
        t.File("a.txt", "x");
        var e = Assert.Throws<UsageException>(() => Scanner.Run(new ScanOptions { Paths = [t.Path], History = true, Analyzers = [new KeyAnalyzer()] }));
        Assert.Contains("not a git repository", e.Message, StringComparison.Ordinal);
        Assert.Throws<UsageException>(() => Scanner.Run(new ScanOptions { Paths = [t.Path], Staged = true, Analyzers = [new KeyAnalyzer()] }));
        Assert.Throws<UsageException>(() => Scanner.Run(new ScanOptions { Paths = [t.Sub("a.txt")], History = true, Analyzers = [new KeyAnalyzer()] }));
    }

    [Fact]
    public void Garbage_in_HEAD_is_a_warning_not_a_crash()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        repo.Write("a.txt", $"{Key1}\n");
        repo.Commit("alice", "one");
        File.WriteAllText(Path.Combine(repo.Dir, ".git", "HEAD"), "\u0001\u0002 garbage \n");
        var report = Scanner.Run(new ScanOptions { Paths = [repo.Dir], History = true, Analyzers = [new KeyAnalyzer()] });
        var w = Assert.Single(report.Warnings);
        Assert.Equal(repo.Dir, w.Input);
        Assert.Contains("corrupt git repository", w.Message, StringComparison.Ordinal);

        // The plain folder scan of the same tree still works.
        Assert.Single(Run(repo.Dir).Findings);
    }

    [Fact]
    public void A_truncated_object_is_a_warning_and_the_other_blobs_are_still_scanned()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        for (var i = 1; i <= 3; i++)
        {
            repo.Write($"f{i}.txt", string.Join('\n', Enumerable.Range(0, 400).Select(n => $"line {i} {n}")) + $"\nkey{i} = {(i == 1 ? Key1 : i == 2 ? Key2 : Key3)}\n");
        }

        repo.Commit("alice", "three files");
        var blob = repo.Git("rev-parse", "HEAD:f2.txt");
        var obj = Path.Combine(repo.Dir, ".git", "objects", blob[..2], blob[2..]);
        var bytes = File.ReadAllBytes(obj);
        File.SetUnixFileMode(obj, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(obj, bytes[..(bytes.Length / 2)]);

        var report = Scanner.Run(new ScanOptions { Paths = [repo.Dir], History = true, Analyzers = [new KeyAnalyzer()] });
        Assert.Equal(["f1.txt", "f3.txt"], report.Findings.Select(f => f.Location.Path!).Order(StringComparer.Ordinal));
        var w = Assert.Single(report.Warnings);
        Assert.EndsWith(":f2.txt", w.Input, StringComparison.Ordinal);
        Assert.Contains(blob, w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_object_is_a_warning()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        repo.Write("a.txt", $"{Key1}\n");
        repo.Write("b.txt", $"{Key2}\n");
        repo.Commit("alice", "two");
        var blob = repo.Git("rev-parse", "HEAD:a.txt");
        File.Delete(Path.Combine(repo.Dir, ".git", "objects", blob[..2], blob[2..]));
        var report = Scanner.Run(new ScanOptions { Paths = [repo.Dir], History = true, Analyzers = [new KeyAnalyzer()] });
        Assert.Equal(["b.txt"], report.Findings.Select(f => f.Location.Path));
        Assert.Contains(report.Warnings, w => w.Input.EndsWith(":a.txt", StringComparison.Ordinal) && w.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_shallow_clone_scans_what_is_there_and_warns()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("origin"));
        repo.Write("old.txt", $"{Key1}\n");
        repo.Commit("alice", "old");
        repo.Write("new.txt", $"{Key2}\n");
        var head = repo.Commit("bob", "new");
        GitRepoBuilder.Run(t.Path, "clone", "-q", "--depth", "1", "file://" + repo.Dir, "shallow");

        var report = Scanner.Run(new ScanOptions { Paths = [t.Sub("shallow")], History = true, Analyzers = [new KeyAnalyzer()] });
        var w = Assert.Single(report.Warnings);
        Assert.Contains("shallow", w.Message, StringComparison.Ordinal);

        // Both files exist in the one commit there is, so both are attributed to it.
        Assert.Equal(["new.txt", "old.txt"], report.Findings.Select(f => f.Location.Path!).Order(StringComparer.Ordinal));
        Assert.All(report.Findings, f => Assert.Equal(head, f.Location.Commit));
        Assert.Equal(1, report.Stats["commits"]);
    }

    [Fact]
    public void Binary_and_oversized_blobs_in_history_are_skipped()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        File.WriteAllBytes(Path.Combine(repo.Dir, "img.png"), [0x89, 0x50, 0, 1, .. Encoding.ASCII.GetBytes(Key1)]);
        repo.Write("big.txt", new string('x', 5000) + Key2);
        repo.Write("small.txt", Key3);
        repo.Commit("alice", "files");
        var report = Scanner.Run(new ScanOptions { Paths = [repo.Dir], History = true, MaxFileSize = 4096, Analyzers = [new KeyAnalyzer()] });
        Assert.Equal(["small.txt"], report.Findings.Select(f => f.Location.Path));
        Assert.Equal(1, report.Stats["binarySkipped"]);
        var w = Assert.Single(report.Warnings);
        Assert.EndsWith(":big.txt", w.Input, StringComparison.Ordinal);
        Assert.Contains("size cap", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_of_a_repository_without_commits_is_empty()
    {
        using var t = new TempDir();
        var repo = GitRepoBuilder.Init(t.Sub("repo"));
        repo.Write("a.txt", Key1);
        var report = Scanner.Run(new ScanOptions { Paths = [repo.Dir], History = true, Analyzers = [new KeyAnalyzer()] });
        Assert.Empty(report.Findings);
        Assert.Empty(report.Warnings);
    }
}
