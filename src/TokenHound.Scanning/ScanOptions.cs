using TokenHound.Core;
using TokenHound.Secrets;

namespace TokenHound.Scanning;

/// <summary>What `tokenhound scan` was asked to do.</summary>
public sealed class ScanOptions
{
    /// <summary>Files or folders; "-" reads stdin.</summary>
    public IReadOnlyList<string> Paths { get; init; } = ["."];

    /// <summary>
    /// Scan every blob reachable from all refs (each once), attributed to the commit that introduced it. Runs the
    /// secrets engine only (unless <see cref="Analyzers"/> says otherwise).
    /// </summary>
    public bool History { get; init; }

    /// <summary>With history: only commits after this revision.</summary>
    public string? Since { get; init; }

    /// <summary>Scan the staged changes (index vs HEAD) of the repository at the path (pre-commit).</summary>
    public bool Staged { get; init; }

    /// <summary>Worker threads; default all cores.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Files larger than this are skipped with a warning.</summary>
    public long MaxFileSize { get; init; } = 20L * 1024 * 1024;

    /// <summary>Lift the default excludes (node_modules, .git, vendor, bin/obj ...).</summary>
    public bool NoDefaultExcludes { get; init; }

    /// <summary>Do not honour .gitignore files and .git/info/exclude in folder scans.</summary>
    public bool NoGitIgnore { get; init; }

    public TokenHoundConfig Config { get; init; } = TokenHoundConfig.Default;

    public Baseline? Baseline { get; init; }

    public SecretsOptions Secrets { get; init; } = new();

    /// <summary>Run only the secrets engine (no code or IaC analyzers).</summary>
    public bool SecretsOnly { get; init; }

    public IProgress<ScanProgress>? Progress { get; init; }

    /// <summary>Where "-" reads from (tests pass a reader; default Console.In).</summary>
    public TextReader? Stdin { get; init; }

    /// <summary>Files above this many bytes are streamed through the secrets engine instead of read whole (tests lower it).</summary>
    internal long StreamAboveBytes { get; init; } = FileSource.StreamAboveBytes;

    /// <summary>Window size (chars) for streamed files (tests lower it to put tokens across window edges).</summary>
    internal int StreamChunkChars { get; init; } = LargeFileScanner.Chunk;

    /// <summary>Override of the analyzers (tests); default: secrets + code + IaC.</summary>
    public IReadOnlyList<IFileAnalyzer>? Analyzers { get; init; }
}

public readonly record struct ScanProgress(long Files, long Bytes, string? Current);
