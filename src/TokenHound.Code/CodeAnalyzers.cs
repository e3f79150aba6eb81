using TokenHound.Core;
using TokenHound.Secrets;

namespace TokenHound.Code;

/// <summary>The code analyzers `tokenhound scan` runs (one per language front-end).</summary>
public static class CodeAnalyzers
{
    public static IReadOnlyList<IFileAnalyzer> All(SecretsEngine engine)
    {
        _ = engine;
        return [];
    }
}
