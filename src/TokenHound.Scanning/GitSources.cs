using TokenHound.Core;

namespace TokenHound.Scanning;

/// <summary>Every blob reachable from all refs, each once (by blob id), attributed to the commit that introduced it.</summary>
public static class GitHistorySource
{
    public static IEnumerable<SourceFile> Enumerate(string path, ScanOptions options, IFindingSink sink, ScanStats stats, CancellationToken ct)
    {
        throw new UsageException("--history is not implemented yet");
    }
}

/// <summary>Staged changes (index vs HEAD) for pre-commit hooks.</summary>
public static class GitStagedSource
{
    public static IEnumerable<SourceFile> Enumerate(string path, ScanOptions options, IFindingSink sink, ScanStats stats, CancellationToken ct)
    {
        throw new UsageException("--staged is not implemented yet");
    }
}
