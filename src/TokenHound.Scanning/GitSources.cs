using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using TokenHound.Core;

namespace TokenHound.Scanning;

/// <summary>
/// Every blob reachable from all refs, each once (by blob id), attributed to the commit that introduced it.
/// <para>
/// How: `git log --all --reverse --topo-order --raw` lists, oldest first (parents before children), what each commit
/// adds or changes against its first parent; the first commit that shows a (blob, path) pair introduced it. New blob
/// ids are streamed, while the log is still being read, to one `git cat-file --batch`, and each blob is decoded and
/// handed to the analyzers once, under the path and commit of its first introduction. The other (path, commit) pairs
/// where the same blob was introduced (a copy or a move) are kept in a <see cref="HistoryIndex"/>, and
/// <see cref="Scanner"/> repeats the blob's findings there, so a moved secret is reported at both paths with one
/// fingerprint.
/// </para>
/// </summary>
public static class GitHistorySource
{
    public static IEnumerable<SourceFile> Enumerate(string path, ScanOptions options, IFindingSink sink, ScanStats stats, CancellationToken ct) =>
        Enumerate(path, options, sink, stats, new HistoryIndex(), ct);

    /// <summary>Checks the repository and --since now (usage errors must not surface inside the parallel loop), then streams lazily.</summary>
    internal static IEnumerable<SourceFile> Enumerate(string path, ScanOptions options, IFindingSink sink, ScanStats stats, HistoryIndex index, CancellationToken ct)
    {
        var repo = GitRepo.Open(path, "--history", sink);
        if (repo is null)
        {
            return [];
        }

        string? since = null;
        if (options.Since is { } rev)
        {
            var (exit, output, _) = GitCli.Run(repo.WorkDir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}");
            if (exit != 0 || output.Length == 0)
            {
                throw new UsageException($"--since: unknown revision '{rev}' in {path}");
            }

            since = output.Trim();
        }

        if (repo.IsShallow)
        {
            sink.Warn(path, "shallow clone: history is incomplete, only the commits present were scanned (blobs of the oldest commit present are attributed to it); fetch with --unshallow for a full scan");
        }

        return Stream(repo, path, since, options, sink, stats, index, ct);
    }

    private static IEnumerable<SourceFile> Stream(GitRepo repo, string input, string? since, ScanOptions options, IFindingSink sink, ScanStats stats, HistoryIndex index, CancellationToken ct)
    {
        using var newBlobs = new BlockingCollection<string>(boundedCapacity: 100_000);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var logError = "";
        var logThread = new Thread(() =>
        {
            try
            {
                logError = ReadLog(repo, since, index, stats, newBlobs, p => PathFilter.IsExcluded(p, options.Config), cts.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException or UsageException)
            {
                logError = e.Message;
            }
            finally
            {
                newBlobs.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "git log reader" };
        logThread.Start();

        using (var reader = new BlobReader(repo.WorkDir, newBlobs, cts.Token))
        {
            try
            {
                while (reader.Next(options.MaxFileSize, out var oid, out var status, out var size, out var content))
                {
                    ct.ThrowIfCancellationRequested();
                    var intro = index.Primary(oid);
                    var name = intro is { } p ? $"{index.Commit(p.Commit).Hash[..12]}:{p.Path}" : oid;
                    switch (status)
                    {
                        case BlobReader.Status.Missing:
                            sink.Warn(name, $"git object {oid} is missing (corrupt repository?); skipped");
                            continue;
                        case BlobReader.Status.Corrupt:
                            sink.Warn(name, $"git object {oid} is corrupt; skipped ({GitCli.FirstLine(reader.LastError)})");
                            continue;
                        case BlobReader.Status.NotBlob:
                            continue;
                        case BlobReader.Status.TooLarge:
                            sink.Warn(name, $"skipped: {size:N0} bytes is over the size cap ({options.MaxFileSize:N0}; raise it with --max-file-size)");
                            continue;
                    }

                    Interlocked.Increment(ref stats.Blobs);
                    if (intro is not { } first)
                    {
                        continue;
                    }

                    if (TextDecoding.LooksBinary(content))
                    {
                        FileSource.Binary(name, sink, stats);
                        continue;
                    }

                    var commit = index.Commit(first.Commit);
                    yield return new SourceFile
                    {
                        Path = first.Path,
                        Text = TextDecoding.Decode(content, name, sink),
                        Commit = commit.Hash,
                        Author = commit.Author,
                        CommitDate = commit.Date,
                    };
                }
            }
            finally
            {
                cts.Cancel();
            }

            logThread.Join();
            if (!string.IsNullOrEmpty(logError))
            {
                sink.Warn(input, $"git log failed, history scanned only in part (corrupt repository?): {GitCli.FirstLine(logError)}");
            }

            if (reader.GaveUp)
            {
                sink.Warn(input, $"git cat-file failed too often, the remaining blobs were not scanned: {GitCli.FirstLine(reader.LastError)}");
            }
        }
    }

    /// <summary>Parses `git log --raw -z` into the index and feeds new blob ids. Returns git's stderr when it failed.</summary>
    private static string ReadLog(GitRepo repo, string? since, HistoryIndex index, ScanStats stats, BlockingCollection<string> newBlobs, Func<string, bool> excluded, CancellationToken ct)
    {
        List<string> args =
        [
            "log", "--all", "--reverse", "--topo-order", "--raw", "--no-abbrev", "-z", "--no-renames", "--diff-merges=first-parent",
            "--no-ext-diff", "--no-textconv", "--format=%x01%H%x02%an <%ae>%x02%aI",
        ];
        if (!repo.IsBare)
        {
            args.Add("--relative");
        }

        if (since is not null)
        {
            args.Add("^" + since);
        }

        using var p = GitCli.Start(repo.WorkDir, args);
        p.StandardInput.Close();
        var err = p.StandardError.ReadToEndAsync(ct);
        using var stdout = new BufferedStream(p.StandardOutput.BaseStream, 1 << 16);
        var token = new List<byte>(256);
        var current = -1;
        var baseline = since is null ? -1 : index.AddCommit(since, "", null, beforeRange: true);
        string? pendingMeta = null;
        while (ReadToken(stdout, token))
        {
            ct.ThrowIfCancellationRequested();
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(token);
            while (span.Length > 0 && span[0] == (byte)'\n')
            {
                span = span[1..];
            }

            if (pendingMeta is not null)
            {
                // The path after a raw line.
                var path = Encoding.UTF8.GetString(span);
                var meta = pendingMeta;
                pendingMeta = null;
                var (blob, before) = ParseRaw(meta);
                if (current < 0 || blob is null || excluded(path))
                {
                    continue;
                }

                if (baseline >= 0 && before is not null && index.AddIntro(before, path, baseline))
                {
                    // --since: the content the path had before the range is scanned too, so a secret that was
                    // already there is not reported as introduced by a later edit of the file.
                    newBlobs.Add(before, ct);
                }

                if (index.AddIntro(blob, path, current))
                {
                    newBlobs.Add(blob, ct);
                }

                continue;
            }

            if (span.Length > 0 && span[0] == 1)
            {
                var header = Encoding.UTF8.GetString(span[1..]).Split('\x02');
                var date = header.Length > 2 && DateTimeOffset.TryParse(header[2], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateTimeOffset?)null;
                current = index.AddCommit(header[0], header.Length > 1 ? header[1] : "", date);
                Interlocked.Increment(ref stats.Commits);
                continue;
            }

            if (span.Length > 0 && span[0] == (byte)':')
            {
                pendingMeta = Encoding.ASCII.GetString(span);
            }
        }

        p.WaitForExit();
        return p.ExitCode == 0 ? "" : err.Result.Trim() is { Length: > 0 } e ? e : $"git log exited with {p.ExitCode}";
    }

    /// <summary>
    /// ":100644 100644 &lt;old&gt; &lt;new&gt; M" → the new blob id when the entry adds or changes a regular file, and the
    /// old blob id when it changes one (for --since: what the path held before).
    /// </summary>
    private static (string? New, string? Old) ParseRaw(string meta)
    {
        var parts = meta.Split(' ');
        if (parts.Length < 5)
        {
            return (null, null);
        }

        static bool IsFile(string mode) => mode.StartsWith("100", StringComparison.Ordinal);
        static bool IsNull(string id) => id.All(c => c == '0');
        var (oldMode, newMode, oldId, newId, status) = (parts[0].TrimStart(':'), parts[1], parts[2], parts[3], parts[4]);

        // Deletions, symlinks (120000) and submodules (160000) bring no new text.
        var added = status.StartsWith('D') || !IsFile(newMode) || IsNull(newId) ? null : newId;
        var before = IsFile(oldMode) && !IsNull(oldId) ? oldId : null;
        return (added, before);
    }

    private static bool ReadToken(Stream s, List<byte> token)
    {
        token.Clear();
        while (true)
        {
            var b = s.ReadByte();
            if (b < 0)
            {
                return token.Count > 0;
            }

            if (b == 0)
            {
                return true;
            }

            token.Add((byte)b);
        }
    }
}

/// <summary>What a history walk learned: the commits in order and where each blob was introduced.</summary>
public sealed class HistoryIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(string Path, int Commit)>> _intros = new(StringComparer.Ordinal);
    private readonly HashSet<(string Blob, string Path)> _seen = [];
    private readonly List<CommitInfo> _commits = [];
    private readonly Dictionary<(string Commit, string Path), string> _primaryBlob = [];

    public IReadOnlyList<CommitInfo> Commits
    {
        get { lock (_lock) { return [.. _commits]; } }
    }

    internal int AddCommit(string hash, string author, DateTimeOffset? date, bool beforeRange = false)
    {
        lock (_lock)
        {
            _commits.Add(new CommitInfo(hash, author, date, beforeRange ? -1 : _commits.Count));
            return _commits.Count - 1;
        }
    }

    /// <summary>Records that the commit introduced the blob at the path (only the first time). True when the blob is new.</summary>
    internal bool AddIntro(string blob, string path, int commit)
    {
        lock (_lock)
        {
            if (!_seen.Add((blob, path)))
            {
                return false;
            }

            if (_intros.TryGetValue(blob, out var list))
            {
                list.Add((path, commit));
                return false;
            }

            _intros[blob] = [(path, commit)];
            _primaryBlob[(_commits[commit].Hash, path)] = blob;
            return true;
        }
    }

    /// <summary>The first introduction of a blob.</summary>
    internal (string Path, int Commit)? Primary(string blob)
    {
        lock (_lock)
        {
            return _intros.TryGetValue(blob, out var list) ? list[0] : null;
        }
    }

    internal CommitInfo Commit(int i)
    {
        lock (_lock)
        {
            return _commits[i];
        }
    }

    /// <summary>The order of a commit in the walk (parents first; -1 for the --since revision, whose blobs are scanned only to know what was already there), or int.MaxValue.</summary>
    public int Order(string? hash)
    {
        lock (_lock)
        {
            _order ??= _commits.ToDictionary(c => c.Hash, c => c.Order, StringComparer.Ordinal);
            return hash is not null && _order.TryGetValue(hash, out var o) ? o : int.MaxValue;
        }
    }

    private Dictionary<string, int>? _order;

    /// <summary>Where else the blob first seen at (commit, path) was introduced, besides there.</summary>
    public IEnumerable<(string Path, CommitInfo Commit)> OtherIntroductions(string commit, string path)
    {
        lock (_lock)
        {
            if (!_primaryBlob.TryGetValue((commit, path), out var blob))
            {
                return [];
            }

            return [.. _intros[blob].Skip(1).Select(i => (i.Path, _commits[i.Commit]))];
        }
    }
}

public sealed record CommitInfo(string Hash, string Author, DateTimeOffset? Date, int Order)
{
    /// <summary>The --since revision: its blobs are context, never reported.</summary>
    public bool BeforeRange => Order < 0;
}

/// <summary>
/// Staged changes (index vs HEAD) for pre-commit hooks: every added or modified file's staged blob, with the line
/// numbers of the staged content. Works in a repository with no commits yet (everything staged is new).
/// </summary>
public static class GitStagedSource
{
    public static IEnumerable<SourceFile> Enumerate(string path, ScanOptions options, IFindingSink sink, ScanStats stats, CancellationToken ct)
    {
        var repo = GitRepo.Open(path, "--staged", sink);
        if (repo is null)
        {
            return [];
        }

        if (repo.IsBare)
        {
            throw new UsageException($"--staged needs a work tree, and {path} is a bare repository");
        }

        var (headExit, head, _) = GitCli.Run(repo.WorkDir, "rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        string baseTree;
        if (headExit == 0 && head.Length > 0)
        {
            baseTree = head.Trim();
        }
        else
        {
            // No commits yet: compare with the empty tree (its id depends on the hash algorithm).
            var (_, empty, _) = GitCli.Run(repo.WorkDir, "hash-object", "-t", "tree", "/dev/null");
            baseTree = empty.Trim();
        }

        var (exit, output, err) = GitCli.Run(repo.WorkDir, "diff-index", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--relative", baseTree);
        if (exit != 0)
        {
            sink.Warn(path, $"cannot list staged changes: {GitCli.FirstLine(err)}");
            return [];
        }

        var entries = new List<(string Blob, string Path)>();
        var tokens = output.Split('\0');
        for (var i = 0; i + 1 < tokens.Length; i += 2)
        {
            var meta = tokens[i].TrimStart('\n').Split(' ');
            if (meta.Length < 5 || meta[4].StartsWith('D') || !meta[1].StartsWith("100", StringComparison.Ordinal) || meta[3].All(c => c == '0'))
            {
                continue;
            }

            entries.Add((meta[3], tokens[i + 1]));
        }

        return Stream(repo, entries, options, sink, stats, ct);
    }

    private static IEnumerable<SourceFile> Stream(GitRepo repo, List<(string Blob, string Path)> entries, ScanOptions options, IFindingSink sink, ScanStats stats, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            yield break;
        }

        using var reader = new BlobReader(repo.WorkDir, entries.Select(e => e.Blob).ToList(), ct);
        var i = 0;
        while (i < entries.Count && reader.Next(options.MaxFileSize, out var oid, out var status, out var size, out var content))
        {
            var path = entries[i++].Path;
            switch (status)
            {
                case BlobReader.Status.Missing:
                case BlobReader.Status.NotBlob:
                case BlobReader.Status.Corrupt:
                    sink.Warn(path, $"staged object {oid} is missing or corrupt; skipped");
                    continue;
                case BlobReader.Status.TooLarge:
                    sink.Warn(path, $"skipped: {size:N0} bytes is over the size cap ({options.MaxFileSize:N0}; raise it with --max-file-size)");
                    continue;
            }

            Interlocked.Increment(ref stats.Blobs);
            if (TextDecoding.LooksBinary(content))
            {
                FileSource.Binary(path, sink, stats);
                continue;
            }

            if (PathFilter.IsExcluded(path, options.Config))
            {
                continue;
            }

            yield return new SourceFile
            {
                Path = path,
                FullPath = Path.Combine(repo.WorkDir, path),
                Root = repo.WorkDir,
                Text = TextDecoding.Decode(content, path, sink),
            };
        }

        if (reader.GaveUp)
        {
            sink.Warn(repo.WorkDir, $"git cat-file failed too often, the remaining staged files were not scanned: {GitCli.FirstLine(reader.LastError)}");
        }
    }
}
