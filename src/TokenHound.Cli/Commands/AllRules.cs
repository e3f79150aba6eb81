using TokenHound.Core;
using TokenHound.Scanning;
using TokenHound.Secrets;

namespace TokenHound.Cli.Commands;

/// <summary>Every rule of every analyzer: the source of `tokenhound rules` and of the docs meta-tests.</summary>
public static class AllRules
{
    public static IEnumerable<IRuleSource> Sources()
    {
        var engine = new SecretsEngine();
        yield return engine;
        foreach (var a in Scanner.DefaultAnalyzers(engine))
        {
            yield return a;
        }

        yield return TokenHound.Runtime.RuntimeRules.Source;
        yield return TokenHound.Probe.ProbeRules.Source;
    }

    public static RuleCatalog Catalog() => new(Sources());
}
