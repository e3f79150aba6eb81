using TokenHound.Core;
using TokenHound.Iac.Checks;
using TokenHound.Iac.Model;
using TokenHound.Iac.Rules;
using TokenHound.Secrets;

namespace TokenHound.Iac.Terraform;

/// <summary>Terraform .tf files (HCL2 native syntax). The other .tf files of the folder form the module context.</summary>
public sealed class TerraformAnalyzer(SecretsEngine engine) : IFileAnalyzer
{
    private const int MaxModuleFiles = 200;

    private readonly SecretValues _secrets = new(engine);
    private readonly TfFileCache _cache = new();

    public string Name => "terraform";

    public IEnumerable<RuleInfo> Rules => IacRules.All;

    public bool Accepts(SourceFile file) => file.Extension == ".tf" || (file.Extension == ".json" && TfPlan.LooksLikePlan(file.Text));

    public void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken)
    {
        if (file.Extension == ".json")
        {
            AnalyzePlan(file, sink);
            return;
        }

        if (DocumentLoader.TooLarge(file, sink, "Terraform"))
        {
            return;
        }

        TfFile current;
        try
        {
            current = new TfFile { FullPath = file.FullPath ?? file.Path, Text = file.Text, Lines = file.Lines, Body = HclParser.Parse(file.Text, file.Lines) };
        }
        catch (ParseException e)
        {
            sink.Warn(file.Path, $"line {e.Line}: not valid HCL: {e.Message}");
            return;
        }

        var files = new List<TfFile> { current };
        if (file.FullPath is not null && file.Commit is null && Path.GetDirectoryName(file.FullPath) is { } dir)
        {
            try
            {
                foreach (var sibling in Directory.EnumerateFiles(dir, "*.tf").Order(StringComparer.Ordinal).Take(MaxModuleFiles))
                {
                    if (!string.Equals(Path.GetFullPath(sibling), Path.GetFullPath(file.FullPath), StringComparison.Ordinal) && _cache.Get(sibling) is { } tf)
                    {
                        files.Add(tf);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                sink.Warn(file.Path, $"cannot list the module folder: {e.Message}");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var module = TfModule.Build(files);
        var report = new IacReporter(file, sink);
        new TfChecks(module, current, report, _secrets).Run();
        DocumentLoader.Flush(module.Warnings, file.Path, sink);
    }

    /// <summary>`terraform show -json` output: planned values checked with the same rules.</summary>
    private void AnalyzePlan(SourceFile file, IFindingSink sink)
    {
        if (DocumentLoader.TooLarge(file, sink, "Terraform plan") || DocumentLoader.Load(file.Text, file.Path, sink, "Terraform plan") is not TMap root)
        {
            return;
        }

        var tf = new TfFile { FullPath = file.FullPath ?? file.Path, Text = file.Text, Lines = file.Lines, Body = new HBody() };
        if (TfPlan.Load(root, tf) is { } module)
        {
            new TfChecks(module, tf, new IacReporter(file, sink), _secrets).Run();
        }
    }
}
