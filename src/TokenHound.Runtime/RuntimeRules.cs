using TokenHound.Core;

namespace TokenHound.Runtime;

/// <summary>Rules of the runtime commands (logs, trail, traces).</summary>
public static class RuntimeRules
{
    public static IRuleSource Source { get; } = new StaticRuleSource([]);
}
