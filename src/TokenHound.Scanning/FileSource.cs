using TokenHound.Core;

namespace TokenHound.Scanning;

/// <summary>Files and folders in the work tree.</summary>
public static class FileSource
{
    public static readonly string[] DefaultExcludedDirs =
    [
        ".git", "node_modules", "bower_components", ".venv", "venv", "__pycache__", ".terraform", ".aws-sam",
        "bin", "obj", ".idea", ".vs", ".gradle", ".mypy_cache", ".pytest_cache", ".tox",
    ];

    /// <summary>Extensions of files that should be text: a NUL byte in one of them is worth a warning.</summary>
    public static readonly IReadOnlySet<string> TextExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".json", ".yml", ".yaml", ".py", ".txt", ".md", ".cs", ".java",
        ".go", ".rb", ".php", ".sh", ".bash", ".env", ".ini", ".cfg", ".conf", ".toml", ".xml", ".html", ".htm", ".css",
        ".tf", ".tfvars", ".hcl", ".properties", ".csv", ".sql", ".log", ".kt", ".scala", ".rs", ".swift", ".ps1",
    };

    private const int SniffBytes = 8000;

    /// <summary>Like <see cref="Enumerate"/>, but yields readers, so the caller can read and decode files in parallel.</summary>
    public static IEnumerable<Func<SourceFile?>> EnumerateReaders(string path, ScanOptions options, IFindingSink sink, ScanStats stats, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var root = Path.GetDirectoryName(full)!;
            yield return () => Read(full, Path.GetFileName(full), root, options, sink, stats);
            yield break;
        }

        foreach (var (abs, rel) in Walk(full, options, sink, ct))
        {
            yield return () => Read(abs, rel, full, options, sink, stats);
        }
    }

    public static IEnumerable<SourceFile> Enumerate(string path, ScanOptions options, IFindingSink sink, ScanStats stats, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            // An explicitly named file is scanned even when a .gitignore or an exclude would skip it.
            var root = Path.GetDirectoryName(full)!;
            var f = Read(full, Path.GetFileName(full), root, options, sink, stats);
            if (f is not null)
            {
                yield return f;
            }

            yield break;
        }

        foreach (var (abs, rel) in Walk(full, options, sink, ct))
        {
            var f = Read(abs, rel, full, options, sink, stats);
            if (f is not null)
            {
                yield return f;
            }
        }
    }

    /// <summary>
    /// The files under a folder, in ordinal order, minus default excludes, config excludes and what .gitignore files
    /// (nested ones apply below their folder) and .git/info/exclude ignore. Folder symlinks are not followed, so a
    /// link to a parent cannot loop.
    /// </summary>
    public static IEnumerable<(string Abs, string Rel)> Walk(string root, ScanOptions options, IFindingSink sink, CancellationToken ct)
    {
        var honourGitIgnore = !options.NoGitIgnore;
        var stack = new Stack<(string Abs, string Rel, IgnoreStack Ignore)>();
        stack.Push((root, "", honourGitIgnore ? IgnoreStack.ForRoot(root) : IgnoreStack.Empty));
        var files = new List<(string, string)>();
        var dirs = new List<(string Abs, string Rel)>();
        while (stack.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var (dir, dirRel, parentIgnore) = stack.Pop();
            var ignore = dirRel.Length == 0 || !honourGitIgnore ? parentIgnore : parentIgnore.ForFolder(dir, dirRel);
            FileSystemInfo[] entries;
            try
            {
                entries = new DirectoryInfo(dir).GetFileSystemInfos();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                sink.Warn(dirRel.Length == 0 ? root : dirRel, $"cannot read folder: {e.Message}");
                continue;
            }

            Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            files.Clear();
            dirs.Clear();
            foreach (var info in entries)
            {
                var rel = dirRel.Length == 0 ? info.Name : dirRel + "/" + info.Name;
                bool isLink;
                bool isDir;
                try
                {
                    isLink = info.LinkTarget is not null;
                    isDir = info is DirectoryInfo;
                    if (isLink && !isDir && Directory.Exists(info.FullName))
                    {
                        isDir = true;
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    sink.Warn(rel, ex.Message);
                    continue;
                }

                if (isDir)
                {
                    if (isLink)
                    {
                        // Symlinked folders are not followed: that is how loops are avoided.
                        continue;
                    }

                    if (!options.NoDefaultExcludes && DefaultExcludedDirs.Contains(info.Name))
                    {
                        continue;
                    }

                    if (info.Name == ".git")
                    {
                        // Even with --no-default-excludes, .gitignore rules never apply inside .git.
                        dirs.Add((info.FullName, rel));
                        continue;
                    }

                    if (ignore.IsIgnored(rel, true) || PathFilter.IsExcluded(rel + "/", options.Config))
                    {
                        continue;
                    }

                    dirs.Add((info.FullName, rel));
                }
                else
                {
                    if (ignore.IsIgnored(rel, false) || PathFilter.IsExcluded(rel, options.Config))
                    {
                        continue;
                    }

                    files.Add((info.FullName, rel));
                }
            }

            foreach (var f in files)
            {
                yield return f;
            }

            for (var i = dirs.Count - 1; i >= 0; i--)
            {
                stack.Push((dirs[i].Abs, dirs[i].Rel, ignore));
            }
        }
    }

    internal static SourceFile? Read(string abs, string rel, string root, ScanOptions options, IFindingSink sink, ScanStats stats)
    {
        try
        {
            var info = new FileInfo(abs);
            if (info.LinkTarget is not null)
            {
                FileSystemInfo? target;
                try
                {
                    target = info.ResolveLinkTarget(true);
                }
                catch (IOException e)
                {
                    sink.Warn(rel, $"symbolic link cannot be resolved (loop?): {e.Message}");
                    return null;
                }

                if (target is null || !target.Exists)
                {
                    sink.Warn(rel, $"broken symbolic link (target {info.LinkTarget} does not exist)");
                    return null;
                }

                info = new FileInfo(target.FullName);
            }

            if (!info.Exists)
            {
                sink.Warn(rel, "not a regular file; skipped");
                return null;
            }

            if (info.Length > options.MaxFileSize)
            {
                sink.Warn(rel, $"skipped: {info.Length:N0} bytes is over the size cap ({options.MaxFileSize:N0}; raise it with --max-file-size)");
                return null;
            }

            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            var length = (int)Math.Min(stream.Length, options.MaxFileSize);
            var bytes = new byte[length];
            var sniff = ReadFully(stream, bytes, 0, Math.Min(length, SniffBytes));
            if (TextDecoding.LooksBinary(bytes.AsSpan(0, sniff)))
            {
                Binary(rel, sink, stats);
                return null;
            }

            var read = sniff + ReadFully(stream, bytes, sniff, length - sniff);
            if (read < length)
            {
                Array.Resize(ref bytes, read);
            }

            return new SourceFile { Path = rel, FullPath = abs, Root = root, Text = TextDecoding.Decode(bytes, rel, sink) };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            sink.Warn(rel, $"cannot read: {e.Message}");
            return null;
        }
    }

    /// <summary>Counts a skipped binary; warns only when the name says it should be text.</summary>
    internal static void Binary(string rel, IFindingSink sink, ScanStats stats)
    {
        Interlocked.Increment(ref stats.Binary);
        if (TextExtensions.Contains(Path.GetExtension(rel)))
        {
            sink.Warn(rel, "skipped: binary content (a NUL byte in the first 8 KB) in a file whose extension says text");
        }
    }

    private static int ReadFully(Stream s, byte[] buffer, int offset, int count)
    {
        var total = 0;
        while (total < count)
        {
            var n = s.Read(buffer, offset + total, count - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}

/// <summary>Config excludes (gitignore-style globs).</summary>
public static class PathFilter
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TokenHoundConfig, MAB.DotIgnore.IgnoreList> Lists = new();

    public static bool IsExcluded(string relPath, TokenHoundConfig config)
    {
        if (config.Exclude.Count == 0)
        {
            return false;
        }

        var list = Lists.GetValue(config, c => new MAB.DotIgnore.IgnoreList(c.Exclude));
        lock (list)
        {
            return list.IsIgnored(relPath.TrimEnd('/'), relPath.EndsWith('/'));
        }
    }
}
