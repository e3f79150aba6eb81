using TokenHound.Core;
using static TokenHound.Scanning.Tests.TestScan;

namespace TokenHound.Scanning.Tests;

/// <summary>
/// Folders scanned with more than one job are walked by the workers themselves (<see cref="FolderWalk"/>): the report
/// must be the one a single worker gives, and failures and cancellation must stop every worker.
/// </summary>
public class FolderWalkTests
{
    private static ScanReport Scan(int jobs, IFileAnalyzer analyzer, params string[] paths) =>
        Scanner.Run(new ScanOptions { Paths = paths, Jobs = jobs, Analyzers = [analyzer] });

    private static string[] Shape(ScanReport r) =>
    [
        .. r.Findings.Select(f => $"{f.Location.Path}:{f.Location.Line} {f.Secret}"),
        .. r.Warnings.Select(w => $"W {w.Input}: {w.Message}"),
        .. r.Stats.Where(s => s.Key is "files" or "bytes" or "binarySkipped").Select(s => $"S {s.Key}={s.Value}"),
    ];

    /// <summary>A tree with nesting, ignore rules, excludes, a binary file, a symlink loop and one key per kept file.</summary>
    private static List<string> BuildTree(TempDir t)
    {
        var keys = new List<string>();
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var n = 0;
        string NextKey()
        {
            var k = "AKIAQTESTKEY" + new string([.. Enumerable.Range(0, 8).Select(i => alphabet[(n >> (5 * (7 - i))) & 31])]);
            n++;
            return k;
        }

        t.File(".gitignore", "*.log\nbuild/\n");
        for (var d = 0; d < 6; d++)
        {
            for (var s = 0; s < 4; s++)
            {
                for (var f = 0; f < 5; f++)
                {
                    var key = NextKey();
                    t.File($"pkg{d}/sub{s}/file{f}.txt", $"line one\nkey = {key}\n");
                    if (!(d == 2 && s == 1))
                    {
                        keys.Add(key); // pkg2/sub1 is ignored by pkg2/.gitignore below
                    }
                }

                t.File($"pkg{d}/sub{s}/debug.log", $"{NextKey()}\n"); // ignored by the root .gitignore
            }

            t.File($"pkg{d}/build/out.txt", $"{NextKey()}\n"); // ignored folder
            t.File($"pkg{d}/node_modules/dep/index.js", $"{NextKey()}\n"); // default exclude
        }

        t.File("pkg2/.gitignore", "sub1/\n"); // a nested rule: pkg2/sub1 goes
        t.Bytes("pkg0/logo.png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0]);
        Directory.CreateSymbolicLink(t.Sub("pkg1/sub0/up"), t.Sub("pkg1"));
        return keys;
    }

    [Fact]
    public void Several_workers_report_exactly_what_one_worker_reports()
    {
        using var t = new TempDir();
        var keys = BuildTree(t);
        var one = Scan(1, new KeyAnalyzer(), t.Path);
        Assert.Equal(keys.Order(StringComparer.Ordinal), one.Findings.Select(f => f.Secret!).Order(StringComparer.Ordinal));
        for (var jobs = 2; jobs <= 8; jobs *= 2)
        {
            Assert.Equal(Shape(one), Shape(Scan(jobs, new KeyAnalyzer(), t.Path)));
        }
    }

    [Fact]
    public void Several_roots_and_a_named_file_are_all_scanned_once()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        a.File("x/one.txt", $"{Key1}\n");
        b.File("y/two.txt", $"{Key2}\n");
        var named = b.File("three.txt", $"{Key3}\n");

        var folders = Scan(4, new KeyAnalyzer(), a.Path, b.Path);
        Assert.Equal([Key1, Key2, Key3], folders.Findings.Select(f => f.Secret!).Order(StringComparer.Ordinal));
        Assert.Equal(3, folders.Stats["files"]);

        // A named file is a stream input: the folders then join the readers' path, with the same result.
        var mixed = Scan(4, new KeyAnalyzer(), a.Path, named);
        Assert.Equal([Key1, Key3], mixed.Findings.Select(f => f.Secret!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_empty_folder_ends_the_walk_at_once()
    {
        using var t = new TempDir();
        Directory.CreateDirectory(t.Sub("a/b/c"));
        var report = Scan(4, new KeyAnalyzer(), t.Path);
        Assert.Empty(report.Findings);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Cancellation_from_a_worker_stops_the_walk_and_surfaces_as_cancellation()
    {
        using var t = new TempDir();
        for (var i = 0; i < 200; i++)
        {
            t.File($"d{i % 10}/f{i}.txt", "text\n");
        }

        using var cts = new CancellationTokenSource();
        var analyzer = new CountingAnalyzer(after: 20, cts.Cancel);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Scanner.Run(new ScanOptions { Paths = [t.Path], Jobs = 2, Analyzers = [analyzer] }, cts.Token));
        Assert.InRange(analyzer.Seen, 20, 30); // the workers stopped soon after, not at the end of the tree
    }

    [Fact]
    public void A_worker_failure_surfaces_as_itself_and_stops_the_other_workers()
    {
        using var t = new TempDir();
        for (var i = 0; i < 200; i++)
        {
            t.File($"d{i % 10}/f{i}.txt", "text\n");
        }

        // Analyzer exceptions become warnings; a failure outside an analyzer (here the progress callback, called every
        // 64 files) ends the scan.
        var e = Assert.Throws<InvalidOperationException>(() =>
            Scanner.Run(new ScanOptions { Paths = [t.Path], Jobs = 2, Analyzers = [new KeyAnalyzer()], Progress = new FailingProgress() }));
        Assert.Equal("progress broke", e.Message);

        // The walk itself: the other worker takes no new file once the failure is recorded. Files take 5 ms each here, so
        // the few it may start while the failing one unwinds stay far below the 200 of the tree.
        var calls = 0;
        var walk = new FolderWalk(new ScanOptions { Paths = [t.Path] }, new FindingCollector(), CancellationToken.None);
        Assert.Throws<IOException>(() => walk.Run([t.Path], 2, (abs, rel, root, link) =>
        {
            if (Interlocked.Increment(ref calls) == 10)
            {
                throw new IOException("disk gone");
            }

            Thread.Sleep(5);
        }));
        Assert.InRange(calls, 10, 100);
    }

    [Fact]
    public void A_returned_buffer_goes_back_to_the_thread_that_used_it()
    {
        var pool = new ScanBuffers<byte>(1024, maxRetained: 4);
        var mine = pool.Rent(10);
        pool.Return(mine);
        byte[]? theirs = null;
        var other = new Thread(() => theirs = pool.Rent(10));
        other.Start();
        other.Join();
        Assert.NotSame(mine, theirs); // another thread does not take this thread's buffer
        Assert.Same(mine, pool.Rent(10));
        Assert.Equal(2048, pool.Rent(2048).Length); // over the pooled size: an array of its own
    }

    private sealed class CountingAnalyzer(int after, Action onLimit) : IFileAnalyzer
    {
        private int _seen;

        public int Seen => _seen;

        public string Name => "counting";

        public IEnumerable<RuleInfo> Rules => [];

        public bool Accepts(SourceFile file) => true;

        public void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _seen) == after)
            {
                onLimit();
            }
        }
    }

    private sealed class FailingProgress : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => throw new InvalidOperationException("progress broke");
    }
}
