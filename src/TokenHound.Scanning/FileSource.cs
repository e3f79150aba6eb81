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

    public static IEnumerable<SourceFile> Enumerate(string path, ScanOptions options, IFindingSink sink, ScanStats stats, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
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

    private static IEnumerable<(string Abs, string Rel)> Walk(string root, ScanOptions options, IFindingSink sink, CancellationToken ct)
    {
        var stack = new Stack<string>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var dir = stack.Pop();
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                sink.Warn(Rel(root, dir), $"cannot read folder: {e.Message}");
                continue;
            }

            Array.Sort(entries, StringComparer.Ordinal);
            foreach (var e in entries)
            {
                var rel = Rel(root, e);
                FileSystemInfo info;
                try
                {
                    info = Directory.Exists(e) ? new DirectoryInfo(e) : new FileInfo(e);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    sink.Warn(rel, ex.Message);
                    continue;
                }

                if (info is DirectoryInfo di)
                {
                    if (di.LinkTarget is not null)
                    {
                        // Symlinked folders are not followed: that is how loops are avoided.
                        continue;
                    }

                    if (!options.NoDefaultExcludes && DefaultExcludedDirs.Contains(di.Name))
                    {
                        continue;
                    }

                    if (PathFilter.IsExcluded(rel + "/", options.Config))
                    {
                        continue;
                    }

                    stack.Push(e);
                }
                else
                {
                    if (PathFilter.IsExcluded(rel, options.Config))
                    {
                        continue;
                    }

                    yield return (e, rel);
                }
            }
        }
    }

    private static string Rel(string root, string path)
    {
        var r = Path.GetRelativePath(root, path).Replace('\\', '/');
        return r == "." ? "" : r;
    }

    internal static SourceFile? Read(string abs, string rel, string root, ScanOptions options, IFindingSink sink, ScanStats stats)
    {
        try
        {
            var info = new FileInfo(abs);
            if (info.LinkTarget is not null && !File.Exists(info.ResolveLinkTarget(true)?.FullName ?? ""))
            {
                sink.Warn(rel, "broken symbolic link");
                return null;
            }

            if (info.Length > options.MaxFileSize)
            {
                sink.Warn(rel, $"skipped: {info.Length:N0} bytes is over the size cap ({options.MaxFileSize:N0}; raise it with --max-file-size)");
                return null;
            }

            var bytes = File.ReadAllBytes(abs);
            if (TextDecoding.LooksBinary(bytes))
            {
                Interlocked.Increment(ref stats.Binary);
                return null;
            }

            return new SourceFile { Path = rel, FullPath = abs, Root = root, Text = TextDecoding.Decode(bytes, rel, sink) };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            sink.Warn(rel, $"cannot read: {e.Message}");
            return null;
        }
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
