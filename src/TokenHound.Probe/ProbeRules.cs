using TokenHound.Core;

namespace TokenHound.Probe;

/// <summary>Rules of `tokenhound probe`.</summary>
public static class ProbeRules
{
    public static IRuleSource Source { get; } = new StaticRuleSource([]);
}
