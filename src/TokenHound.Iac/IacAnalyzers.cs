using TokenHound.Core;
using TokenHound.Secrets;

namespace TokenHound.Iac;

/// <summary>The IaC analyzers `tokenhound scan` runs (CloudFormation/SAM, Step Functions, Terraform).</summary>
public static class IacAnalyzers
{
    public static IReadOnlyList<IFileAnalyzer> All(SecretsEngine engine)
    {
        _ = engine;
        return [];
    }
}
