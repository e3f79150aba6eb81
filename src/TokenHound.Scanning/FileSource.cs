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

    /// <summary>
    /// Files above this size are not read whole: the secrets engine streams them in windows (<see cref="LargeFileScanner"/>),
    /// so memory stays flat whatever the file size. IaC analysis stops at 16 M chars, so templates and plans are read whole
    /// up to here; other files are streamed above <see cref="ScanBuffers.ReusedSize"/> (code analysis stops at 3 MB, so
    /// for them only the secrets engine runs either way, and streaming gives the same findings).
    /// </summary>
    public const long StreamAboveBytes = 16L * 1024 * 1024;

    /// <summary>Extensions of files the IaC analyzers may read (templates, state machines, Terraform, plans).</summary>
    private static readonly IReadOnlySet<string> TemplateExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".json", ".yaml", ".yml", ".template", ".tf", ".hcl",
    };

    private static long StreamAbove(string rel, ScanOptions options) =>
        TemplateExtensions.Contains(Path.GetExtension(rel)) ? options.StreamAboveBytes : Math.Min(options.StreamAboveBytes, ScanBuffers.ReusedSize);

    /// <summary>Yields one reader per file, so the caller reads and decodes files in parallel.</summary>
    internal static IEnumerable<Func<ScanItem?>> EnumerateReaders(string path, ScanOptions options, IFindingSink sink, ScanStats stats, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            // An explicitly named file is scanned even when a .gitignore or an exclude would skip it.
            var root = Path.GetDirectoryName(full)!;
            yield return () => ReadItem(full, Path.GetFileName(full), root, true, options, sink, stats);
            yield break;
        }

        foreach (var (abs, rel, link) in WalkEntries(full, options, sink, ct))
        {
            yield return () => ReadItem(abs, rel, full, link, options, sink, stats);
        }
    }

    /// <inheritdoc cref="WalkEntries"/>
    public static IEnumerable<(string Abs, string Rel)> Walk(string root, ScanOptions options, IFindingSink sink, CancellationToken ct) =>
        WalkEntries(Path.GetFullPath(root), options, sink, ct).Select(e => (e.Abs, e.Rel));

    /// <summary>
    /// The files under a folder, in ordinal order, minus default excludes, config excludes and what .gitignore files
    /// (nested ones apply below their folder) and .git/info/exclude ignore. Folder symlinks are not followed, so a
    /// link to a parent cannot loop.
    /// </summary>
    internal static IEnumerable<(string Abs, string Rel, bool Link)> WalkEntries(string root, ScanOptions options, IFindingSink sink, CancellationToken ct)
    {
        var stack = new Stack<Folder>();
        stack.Push(RootFolder(root, options));
        var files = new List<(string, string, bool)>();
        var dirs = new List<Folder>();
        var listing = new List<(string Name, EntryKind Kind)>();
        while (stack.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            Expand(stack.Pop(), root, options, sink, files, dirs, listing);
            foreach (var f in files)
            {
                yield return f;
            }

            for (var i = dirs.Count - 1; i >= 0; i--)
            {
                stack.Push(dirs[i]);
            }
        }
    }

    /// <summary>A folder still to list: where it is, its path relative to the scanned root, and the ignore rules above it.</summary>
    internal readonly record struct Folder(string Abs, string Rel, IgnoreStack ParentIgnore);

    internal static Folder RootFolder(string root, ScanOptions options) =>
        new(root, "", options.NoGitIgnore ? IgnoreStack.Empty : IgnoreStack.ForRoot(root));

    /// <summary>
    /// Lists one folder into <paramref name="files"/> (to read, in name order) and <paramref name="dirs"/> (to walk), after
    /// .gitignore, default excludes and configured excludes. <paramref name="listing"/> is scratch space. A folder that
    /// cannot be read is a warning and gives nothing.
    /// </summary>
    internal static void Expand(Folder folder, string root, ScanOptions options, IFindingSink sink,
        List<(string Abs, string Rel, bool Link)> files, List<Folder> dirs, List<(string Name, EntryKind Kind)> listing)
    {
        files.Clear();
        dirs.Clear();
        var (dir, dirRel, parentIgnore) = folder;
        // The folder's own entry types (no stat per entry) where the runtime's native shim is there; else FileSystemInfo.
        listing.Clear();
        if (!NativeFs.TryList(dir, listing))
        {
            FileSystemInfo[] infos;
            try
            {
                infos = new DirectoryInfo(dir).GetFileSystemInfos();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                sink.Warn(dirRel.Length == 0 ? root : dirRel, $"cannot read folder: {e.Message}");
                return;
            }

            foreach (var info in infos)
            {
                listing.Add((info.Name, EntryKind.Unknown));
            }
        }

        listing.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        // the listing says whether the folder has a .gitignore: no probe per folder (8,400 failed lstat calls on the npm tree)
        var ignore = dirRel.Length == 0 || options.NoGitIgnore || !listing.Exists(static e => e.Name == ".gitignore")
            ? parentIgnore
            : parentIgnore.ForFolder(dir, dirRel);
        foreach (var (name, reported) in listing)
        {
            var rel = dirRel.Length == 0 ? name : dirRel + "/" + name;
            var full = Path.Join(dir, name);
            var kind = reported;
            bool isLink;
            bool isDir;
            try
            {
                if (kind == EntryKind.Unknown)
                {
                    kind = KindOf(full);
                }

                isLink = kind == EntryKind.SymbolicLink;
                isDir = kind == EntryKind.Directory || (isLink && Directory.Exists(full));
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

                if (!options.NoDefaultExcludes && DefaultExcludedDirs.Contains(name))
                {
                    continue;
                }

                if (name == ".git")
                {
                    // Even with --no-default-excludes, .gitignore rules never apply inside .git.
                    dirs.Add(new Folder(full, rel, ignore));
                    continue;
                }

                if (ignore.IsIgnored(rel, true) || PathFilter.IsExcluded(rel + "/", options.Config))
                {
                    continue;
                }

                dirs.Add(new Folder(full, rel, ignore));
            }
            else
            {
                if (ignore.IsIgnored(rel, false) || PathFilter.IsExcluded(rel, options.Config))
                {
                    continue;
                }

                if (kind == EntryKind.Special)
                {
                    sink.Warn(rel, "not a regular file (FIFO, socket or device); skipped");
                    continue;
                }

                files.Add((full, rel, isLink));
            }
        }
    }

    /// <summary>The kind of an entry whose folder did not say (an lstat; FIFOs and devices look like empty files).</summary>
    private static EntryKind KindOf(string full)
    {
        var info = new FileInfo(full);
        if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            return EntryKind.SymbolicLink;
        }

        if ((info.Attributes & FileAttributes.Directory) != 0)
        {
            return EntryKind.Directory;
        }

        return info.Length == 0 && SpecialFiles.IsSpecial(full) ? EntryKind.Special : EntryKind.File;
    }

    /// <summary>
    /// Reads a file into pooled buffers (released by the caller after analysis), or hands a large one over for
    /// streaming. <paramref name="maybeLink"/>: resolve symbolic links first (only links pay for readlink).
    /// </summary>
    internal static ScanItem? ReadItem(string abs, string rel, string root, bool maybeLink, ScanOptions options, IFindingSink sink, ScanStats stats, bool streamLarge = true)
    {
        try
        {
            var path = abs;
            if (maybeLink)
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

                if (!info.Exists || (info.Length == 0 && SpecialFiles.IsSpecial(info.FullName)))
                {
                    sink.Warn(rel, "not a regular file (FIFO, socket or device); skipped");
                    return null;
                }

                path = info.FullName;
            }

            if (NativeFs.TryOpenRegular(path, out var native))
            {
                using (native)
                {
                    return Read(new Reader(null, native), path, rel, abs, root, options, sink, stats, streamLarge);
                }
            }

            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Read(new Reader(handle, default), path, rel, abs, root, options, sink, stats, streamLarge);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            sink.Warn(rel, $"cannot read: {e.Message}");
            return null;
        }
    }

    /// <summary>A file open either through the native shim or as a managed handle.</summary>
    private readonly struct Reader(Microsoft.Win32.SafeHandles.SafeFileHandle? handle, NativeFs.OpenFile native)
    {
        public long Length => handle is null ? native.Length : RandomAccess.GetLength(handle);

        public int ReadFully(Span<byte> buffer, long offset) => handle is null ? native.ReadFully(buffer, offset) : FileSource.ReadFully(handle, buffer, offset);
    }

    private static ScanItem? Read(Reader handle, string path, string rel, string abs, string root, ScanOptions options, IFindingSink sink, ScanStats stats, bool streamLarge)
    {
        var length = handle.Length;
        if (length > options.MaxFileSize)
        {
            sink.Warn(rel, $"skipped: {length:N0} bytes is over the size cap ({options.MaxFileSize:N0}; raise it with --max-file-size)");
            return null;
        }

        if (streamLarge && length > StreamAbove(rel, options))
        {
            Span<byte> head = stackalloc byte[SniffBytes];
            var n = handle.ReadFully(head, 0);
            if (TextDecoding.LooksBinary(head[..n]))
            {
                Binary(rel, sink, stats);
                return null;
            }

            return new ScanItem { Large = new LargeFile(path, rel, root, length) };
        }

        var bytes = ScanBuffers.Bytes.Rent((int)Math.Max(1, length));
        try
        {
            var sniff = handle.ReadFully(bytes.AsSpan(0, (int)Math.Min(length, SniffBytes)), 0);
            if (TextDecoding.LooksBinary(bytes.AsSpan(0, sniff)))
            {
                Binary(rel, sink, stats);
                return null;
            }

            var read = sniff + handle.ReadFully(bytes.AsSpan(sniff, (int)length - sniff), sniff);
            var (chars, count) = TextDecoding.DecodePooled(bytes.AsSpan(0, read), rel, sink);
            return new ScanItem
            {
                File = new SourceFile { Path = rel, FullPath = abs, Root = root, Content = chars.AsMemory(0, count) },
                Pooled = chars,
            };
        }
        finally
        {
            ScanBuffers.Bytes.Return(bytes);
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

    private static int ReadFully(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer[total..], offset + total);
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
