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

    public bool Accepts(SourceFile file) => file.Extension == ".tf" || (file.Extension == ".json" && TfPlan.LooksLikePlan(file.Content.Span));

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
        if (file.FullPath is not null && file.Commit is null)
        {
            var moduleReport = new IacReporter(file, sink) { Accept = n => n.Pinned && ReferenceEquals(n.File, current) };
            var budget = new int[] { MaxModuleInstances };
            FollowModules(module, [current], current, file, moduleReport, "", [Path.GetDirectoryName(Path.GetFullPath(file.FullPath))!], 0, budget, cancellationToken);
        }

        DocumentLoader.Flush(module.Warnings, file.Path, sink);
    }

    private const int MaxModuleDepth = 8;

    /// <summary>Module instances checked per analyzed file (for_each on nested modules multiplies): beyond, one warning and no more.</summary>
    private const int MaxModuleInstances = 500;

    /// <summary>
    /// Follows `module` blocks with a local source (`./` or `../`, inside the scan root) into the module folder: its .tf
    /// files are read with the module's input variables bound to the values the block passes (pinned to their line in
    /// the calling file; values that are not static stay unknown), and the rules run on every resource of the module.
    /// Only findings on values written in the analyzed file are reported (at the line that passes them): everything else
    /// in the module is reported when the module's own files are analyzed, so nothing is reported twice. Registry, git
    /// and other remote sources are skipped without a warning. Nested modules are followed up to 8 levels; a cycle
    /// gives one warning.
    /// </summary>
    private void FollowModules(TfModule parent, IEnumerable<TfFile> callers, TfFile analyzed, SourceFile file, IacReporter report, string prefix,
        List<string> chain, int depth, int[] budget, CancellationToken cancellationToken)
    {
        foreach (var caller in callers)
        {
            foreach (var block in caller.Body.BlocksOf("module"))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (block.Labels.Count != 1 || block.Body.Attribute("source") is not { } sourceAttr || TfModule.Lit(parent.Expr(sourceAttr.Value, caller, 0)) is not { } source ||
                    !(source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal)))
                {
                    continue; // registry, git, s3 ... sources: not followed
                }

                var line = caller.Lines.Position(block.Start).Line;
                var dir = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller.FullPath)!, source));
                var root = file.Root is null ? null : Path.GetFullPath(file.Root);
                if ((root is not null && !dir.StartsWith(root, StringComparison.Ordinal)) || !Directory.Exists(dir))
                {
                    continue;
                }

                if (chain.Contains(dir, StringComparer.Ordinal))
                {
                    report.Warn(ReferenceEquals(caller, analyzed) ? line : 0,
                        $"module {block.Labels[0]} ({source}) is part of a module cycle ({string.Join(" -> ", chain.Select(c => Path.GetFileName(c)))} -> {Path.GetFileName(dir)}); not followed");
                    continue;
                }

                if (depth >= MaxModuleDepth)
                {
                    report.Warn(ReferenceEquals(caller, analyzed) ? line : 0, $"module {block.Labels[0]} ({source}) is nested more than {MaxModuleDepth} levels deep; not followed");
                    continue;
                }

                List<TfFile> files;
                try
                {
                    files = [.. Directory.EnumerateFiles(dir, "*.tf").Order(StringComparer.Ordinal).Take(MaxModuleFiles).Select(_cache.Get).OfType<TfFile>()];
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    report.Warn(line, $"cannot read module {block.Labels[0]} ({source}): {e.Message}");
                    continue;
                }

                if (files.Count == 0)
                {
                    continue;
                }

                foreach (var (_, scope) in parent.Instances(block, caller))
                {
                    if (--budget[0] < 0)
                    {
                        if (budget[0] == -1)
                        {
                            report.Warn(0, $"more than {MaxModuleInstances} module instances to follow; the rest is not followed");
                        }

                        return;
                    }

                    var inputs = new Dictionary<string, TNode>(StringComparer.Ordinal);
                    foreach (var a in block.Body.Attributes)
                    {
                        if (a.Name is "source" or "version" or "providers" or "count" or "for_each" or "depends_on")
                        {
                            continue;
                        }

                        var (l, c) = caller.Lines.Position(a.NameStart);
                        inputs[a.Name] = TfModule.Pin(parent.ExprIn(a.Value, caller, scope), caller, l, c);
                    }

                    var child = TfModule.Build(files, inputs);
                    var childPrefix = $"{prefix}module.{block.Labels[0]}."; // no instance key: identical instances share findings
                    report.ResourcePrefix = childPrefix;
                    new TfChecks(child, files[0], report, _secrets, wholeModule: true).Run();
                    chain.Add(dir);
                    FollowModules(child, files, analyzed, file, report, childPrefix, chain, depth + 1, budget, cancellationToken);
                    chain.RemoveAt(chain.Count - 1);
                }
            }
        }
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
