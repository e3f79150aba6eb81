using TokenHound.Core;
using TokenHound.Iac.Rules;
using TokenHound.Secrets;

namespace TokenHound.Iac.Terraform;

/// <summary>Terraform .tf files (HCL2 native syntax).</summary>
public sealed class TerraformAnalyzer(SecretsEngine engine) : IFileAnalyzer
{
    public string Name => "terraform";

    public IEnumerable<RuleInfo> Rules => IacRules.All;

    public bool Accepts(SourceFile file) => file.Extension == ".tf";

    public void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken)
    {
        _ = engine;
    }
}
