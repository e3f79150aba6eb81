using System.Diagnostics;
using System.Text;
using TokenHound.Code;
using TokenHound.Core;
using TokenHound.Iac;
using TokenHound.Secrets;

namespace TokenHound.Scanning;

/// <summary>`tokenhound scan`: collects inputs, runs the file analyzers in parallel, applies suppression.</summary>
public static class Scanner
{
    /// <summary>The analyzers `scan` runs by default.</summary>
    public static IReadOnlyList<IFileAnalyzer> DefaultAnalyzers(SecretsEngine engine, bool secretsOnly = false) =>
        secretsOnly
            ? [new SecretsFileAnalyzer(engine)]
            : [new SecretsFileAnalyzer(engine), .. CodeAnalyzers.All(engine), .. IacAnalyzers.All(engine)];

    public static ScanReport Run(ScanOptions options, CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        var engine = new SecretsEngine(options.Secrets);
        // History scans look for leaked secrets: code and IaC rules describe today's code, not every past version of
        // it (and they would cost several times the secrets engine over thousands of blobs).
        var analyzers = options.Analyzers ?? DefaultAnalyzers(engine, options.SecretsOnly || options.History);
        analyzers = [.. analyzers.Where(a => a.Rules.Any(r => !options.Config.IsDisabled(r.Id)) || !a.Rules.Any())];
        var sink = new FindingCollector();
        var stats = new ScanStats();

        // Work items: reading and decoding a file happens inside the parallel loop (FileSource yields cheap readers), so
        // both cores read and decode, not only the one that walks the tree.
        var sources = new List<IEnumerable<Func<ScanItem?>>>();
        var histories = new List<HistoryIndex>();
        var folders = new List<string>();
        foreach (var p in options.Paths)
        {
            if (p == "-")
            {
                sources.Add(Ready(StdinSource(options.Stdin ?? Console.In)));
            }
            else if (options.History)
            {
                var index = new HistoryIndex();
                histories.Add(index);
                sources.Add(Ready(GitHistorySource.Enumerate(p, options, sink, stats, index, cancellationToken)));
            }
            else if (options.Staged)
            {
                sources.Add(Ready(GitStagedSource.Enumerate(p, options, sink, stats, cancellationToken)));
            }
            else if (Directory.Exists(p))
            {
                folders.Add(Path.GetFullPath(p));
            }
            else if (File.Exists(p))
            {
                sources.Add(FileSource.EnumerateReaders(p, options, sink, stats, cancellationToken));
            }
            else
            {
                throw new UsageException($"path not found: {p}");
            }
        }

        var inlineSuppressed = 0;
        var streamer = analyzers.OfType<SecretsFileAnalyzer>().FirstOrDefault();
        var jobs = Math.Max(1, options.Jobs);
        if (jobs == 1 || sources.Count > 0)
        {
            // One worker, or inputs that are streams (history, staged changes, stdin, named files): folders join them as
            // walks that yield readers.
            sources.AddRange(folders.Select(f => FileSource.EnumerateReaders(f, options, sink, stats, cancellationToken)));
            folders.Clear();
        }

        var all = sources.SelectMany(s => s);
        try
        {
            if (folders.Count > 0)
            {
                new FolderWalk(options, sink, cancellationToken).Run(folders, jobs, (abs, rel, root, link) =>
                    ProcessItem(FileSource.ReadItem(abs, rel, root, link, options, sink, stats)));
            }
            else if (jobs == 1)
            {
                foreach (var read in all)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Process(read);
                }
            }
            else
            {
                // Streams (history, staged changes, stdin, named files; folders are walked by the workers themselves, see
                // FolderWalk): the enumeration runs on its own thread and hands cheap readers to the workers through a
                // bounded queue, one at a time. Enumerating inside the workers' shared enumerator lock left one core
                // waiting, and handing out items in batches left one core idle at the end with a few big ones.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using var queue = new System.Collections.Concurrent.BlockingCollection<Func<ScanItem?>>(4096);
                var producer = Task.Run(() =>
                {
                    try
                    {
                        foreach (var read in all)
                        {
                            queue.Add(read, stop.Token);
                        }
                    }
                    finally
                    {
                        queue.CompleteAdding();
                    }
                }, CancellationToken.None);
                try
                {
                    var parallel = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken };
                    var work = System.Collections.Concurrent.Partitioner.Create(queue.GetConsumingEnumerable(stop.Token), System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
                    Parallel.ForEach(work, parallel, Process);
                }
                catch (Exception) when (!producer.IsCompleted)
                {
                    stop.Cancel(); // a worker failed: release the walk so it can end
                    try
                    {
                        producer.Wait(CancellationToken.None);
                    }
                    catch (AggregateException)
                    {
                    }

                    throw;
                }

                producer.GetAwaiter().GetResult(); // the walk's own failure (a usage error, cancellation) surfaces here
            }
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1 && e.InnerException is UsageException or OperationCanceledException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
        }

        void Process(Func<ScanItem?> read) => ProcessItem(read());

        void ProcessItem(ScanItem? read)
        {
            if (read is not { } item)
            {
                return;
            }

            try
            {
                if (item.File is { } file)
                {
                    AnalyzeOne(file);
                }
                else if (item.Large is { } large)
                {
                    AnalyzeLarge(large);
                }
            }
            finally
            {
                item.Release();
            }
        }

        void AnalyzeOne(SourceFile file)
        {
            var local = new FindingCollector();
            foreach (var a in analyzers)
            {
                if (!a.Accepts(file))
                {
                    continue;
                }

                try
                {
                    a.Analyze(file, local, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (Exception e)
                {
                    sink.Warn(file.Path, $"{a.Name} analyzer failed: {e.GetType().Name}: {e.Message}");
                }
            }

            foreach (var w in local.Warnings)
            {
                sink.Warn(w.Input, w.Message);
            }

            foreach (var f in local.Findings)
            {
                if (f.Location.Line > 0 && f.Location.Path == file.Path && InlineIgnore.IsIgnored(file.Lines, f.Location.Line, f.RuleId))
                {
                    Interlocked.Increment(ref inlineSuppressed);
                    continue;
                }

                sink.Add(f);
            }

            Count(file.Path, file.Content.Length);
        }

        // A file over FileSource.StreamAboveBytes: the secrets engine streams it; deeper analyzers stop well below that size.
        void AnalyzeLarge(LargeFile large)
        {
            if (streamer is null)
            {
                // Custom analyzers without the secrets engine: nothing can stream, read it whole.
                var whole = FileSource.ReadItem(large.FullPath, large.Path, large.Root, false, options, sink, stats, streamLarge: false);
                try
                {
                    if (whole?.File is { } f)
                    {
                        AnalyzeOne(f);
                    }
                }
                finally
                {
                    whole?.Release();
                }

                return;
            }

            if (analyzers.Count > 1 && LargeFileNote(large.Path) is { } note)
            {
                sink.Warn(large.Path, note);
            }

            var local = new FindingCollector();
            var suppressedHere = 0;
            long chars;
            try
            {
                chars = LargeFileScanner.Scan(large, streamer.Engine, local, ref suppressedHere, cancellationToken, options.StreamChunkChars);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                sink.Warn(large.Path, $"cannot read: {e.Message}");
                return;
            }

            Interlocked.Add(ref inlineSuppressed, suppressedHere);
            foreach (var w in local.Warnings)
            {
                sink.Warn(w.Input, w.Message);
            }

            foreach (var f in local.Findings)
            {
                sink.Add(f);
            }

            Count(large.Path, chars);
        }

        void Count(string path, long chars)
        {
            var files = Interlocked.Increment(ref stats.Files);
            var bytes = Interlocked.Add(ref stats.Bytes, chars);
            if ((files & 63) == 0)
            {
                options.Progress?.Report(new ScanProgress(files, bytes, path));
            }
        }

        var findings = Dedupe(histories.Count > 0 ? AttributeHistory(sink.Findings, histories) : sink.Findings);
        var (kept, suppressed) = Suppressor.Apply(findings, options.Config, options.Baseline);
        var report = new ScanReport
        {
            Command = "scan",
            Target = string.Join(", ", options.Paths),
            Findings = FindingOrder.Sort(kept),
            Warnings = [.. sink.Warnings.OrderBy(w => w.Input, StringComparer.Ordinal)],
            Rules = [.. analyzers.SelectMany(a => a.Rules).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal)],
            Duration = sw.Elapsed,
        };
        report.Suppressed = suppressed + inlineSuppressed;
        report.Stats["files"] = stats.Files;
        report.Stats["bytes"] = stats.Bytes;
        if (stats.Binary > 0)
        {
            report.Stats["binarySkipped"] = stats.Binary;
        }

        if (stats.Blobs > 0)
        {
            report.Stats["blobs"] = stats.Blobs;
        }

        if (stats.Commits > 0)
        {
            report.Stats["commits"] = stats.Commits;
        }

        return report;
    }

    /// <summary>
    /// History scans: a blob is analyzed once, under its first (path, commit); its findings are repeated at every other
    /// path where the same blob was introduced (a copy or a move keeps the fingerprint, both paths are reported). Then
    /// a secret that stays in one path over many commits is reported once, at the commit that introduced it there.
    /// </summary>
    private static List<Finding> AttributeHistory(List<Finding> findings, IReadOnlyList<HistoryIndex> histories)
    {
        var all = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            all.Add(f);
            if (f.Location.Commit is not { } commit || f.Location.Path is not { } path)
            {
                continue;
            }

            foreach (var h in histories)
            {
                foreach (var (otherPath, c) in h.OtherIntroductions(commit, path))
                {
                    all.Add(f with { Location = f.Location with { Path = otherPath, Commit = c.Hash, Author = c.Author, CommitDate = c.Date } });
                }
            }
        }

        int Order(Finding f) => histories.Min(h => h.Order(f.Location.Commit));
        return
        [
            .. all.GroupBy(f => (f.RuleId, f.Fingerprint, f.Location.Path))
                .SelectMany(g =>
                {
                    var first = g.Min(Order);
                    return first < 0 ? [] : g.Where(f => Order(f) == first);
                }),
        ];
    }

    /// <summary>In history scans the same secret can come from several blobs of one path; keep one finding per fingerprint and location.</summary>
    /// <summary>
    /// Drops exact duplicates, and a plain secrets finding (THS…) when a code or IaC rule reports the same secret value on
    /// the same line: that finding already names the secret and adds its context (resource, property, call), so one leak
    /// gives one finding.
    /// </summary>
    internal static List<Finding> Dedupe(List<Finding> findings)
    {
        // Two analyzers can report the same construct with different words (a state machine named by its template's
        // resource, or by its own file): which one arrives first depends on the workers, so the kept one is chosen by
        // its text instead, and a scan gives the same report every time.
        var distinct = findings
            .OrderBy(f => f.Message, StringComparer.Ordinal)
            .ThenBy(f => f.Evidence, StringComparer.Ordinal)
            .DistinctBy(f => (f.Fingerprint, f.Location.Path, f.Location.Line, f.Location.Column, f.Location.Commit))
            .ToList();
        var contextual = new HashSet<(string?, string?, int, string)>();
        foreach (var f in distinct)
        {
            if (f.Secret is { Length: > 0 } s && !f.RuleId.StartsWith("THS", StringComparison.Ordinal))
            {
                contextual.Add((f.Location.Path, f.Location.Commit, f.Location.Line, s));
            }
        }

        if (contextual.Count == 0)
        {
            return distinct;
        }

        return [.. distinct.Where(f => !(f.RuleId.StartsWith("THS", StringComparison.Ordinal) && f.Secret is { Length: > 0 } s &&
            (contextual.Contains((f.Location.Path, f.Location.Commit, f.Location.Line, s)) ||
             contextual.Any(c => c.Item1 == f.Location.Path && c.Item2 == f.Location.Commit && c.Item3 == f.Location.Line && (s.Contains(c.Item4, StringComparison.Ordinal) || c.Item4.Contains(s, StringComparison.Ordinal))))))];
    }

    private static IEnumerable<Func<ScanItem?>> Ready(IEnumerable<SourceFile> files) => files.Select(f => (Func<ScanItem?>)(() => new ScanItem { File = f }));

    /// <summary>What a user should know when a large file gets only the streamed secrets scan (code and templates).</summary>
    private static string? LargeFileNote(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext is ".js" or ".mjs" or ".cjs" or ".jsx" or ".ts" or ".tsx" or ".py" or ".cs" or ".java" or ".go" or ".json" or ".yaml" or ".yml" or ".template" or ".tf"
            ? "too large for code and IaC analysis; only the secrets scan ran (streamed)"
            : null;
    }

    private static IEnumerable<SourceFile> StdinSource(TextReader reader)
    {
        yield return new SourceFile { Path = "-", Text = reader.ReadToEnd() };
    }
}

/// <summary>Counters shared by the sources (fields, for Interlocked).</summary>
public sealed class ScanStats
{
    public long Files;
    public long Bytes;
    public long Binary;
    public long Blobs;
    public long Commits;
}

/// <summary>Turns bytes into text the way every source does: BOM-aware, invalid UTF-8 replaced with a warning.</summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>True when the bytes look binary (a NUL byte in the first 8 KB, not UTF-16 with BOM).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return false;
        }

        return bytes[..Math.Min(bytes.Length, 8000)].IndexOf((byte)0) >= 0;
    }

    public static string Decode(byte[] bytes, string input, IFindingSink sink) => Decode(bytes.AsSpan(), input, sink);

    public static string Decode(ReadOnlySpan<byte> bytes, string input, IFindingSink sink)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return DecodeUtf8(bytes[3..], input, sink);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        return DecodeUtf8(bytes, input, sink);
    }

    /// <summary>Like <see cref="Decode(ReadOnlySpan{byte}, string, IFindingSink)"/>, into a reused buffer (give it back with <c>ScanBuffers.Chars.Return</c>).</summary>
    internal static (char[] Chars, int Length) DecodePooled(ReadOnlySpan<byte> bytes, string input, IFindingSink sink)
    {
        Encoding encoding = Encoding.UTF8;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            bytes = bytes[3..];
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            bytes = bytes[2..];
            encoding = Encoding.Unicode;
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            bytes = bytes[2..];
            encoding = Encoding.BigEndianUnicode;
        }

        if (encoding == Encoding.UTF8 && !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            sink.Warn(input, "invalid UTF-8; scanned with the bad bytes replaced");
        }

        var chars = ScanBuffers.Chars.Rent(Math.Max(1, encoding.GetMaxCharCount(bytes.Length)));
        return (chars, encoding.GetChars(bytes, chars));
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, string input, IFindingSink sink)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        sink.Warn(input, "invalid UTF-8; scanned with the bad bytes replaced");
        return Encoding.UTF8.GetString(bytes);
    }
}
