using TokenHound.Core;
using TokenHound.Iac.Checks;
using TokenHound.Iac.CloudFormation;
using TokenHound.Iac.Model;
using TokenHound.Iac.Rules;
using TokenHound.Iac.Terraform;
using TokenHound.Secrets;

namespace TokenHound.Iac;

/// <summary>The IaC analyzers `tokenhound scan` runs (CloudFormation/SAM, Step Functions, Terraform).</summary>
public static class IacAnalyzers
{
    public static IReadOnlyList<IFileAnalyzer> All(SecretsEngine engine) =>
    [
        new CloudFormationAnalyzer(engine),
        new StepFunctionsAnalyzer(),
        new TerraformAnalyzer(engine),
    ];
}

/// <summary>Shared loading helpers: YAML or JSON by content, warnings naming the file and line.</summary>
public static class DocumentLoader
{
    /// <summary>
    /// Reads a file a template refers to (DefinitionUri, templatefile()): null when it is too large for IaC analysis
    /// (skipped quietly) or unreadable (<paramref name="error"/> says why).
    /// </summary>
    public static string? ReadReferenced(string full, out string? error)
    {
        error = null;
        try
        {
            return new FileInfo(full).Length > Limits.MaxTemplateChars ? null : File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Parses YAML or JSON (chosen by the first non-blank character); null (with a warning) when malformed.</summary>
    public static TNode? Load(string text, string path, IFindingSink sink, string what)
    {
        var warnings = new List<(int Line, string Message)>();
        try
        {
            var first = text.AsSpan().TrimStart();
            var node = first.Length > 0 && first[0] is '{' or '['
                ? JsonLoader.Load(text, warnings)
                : YamlLoader.Load(text, warnings);
            Flush(warnings, path, sink);
            return node;
        }
        catch (ParseException e)
        {
            Flush(warnings, path, sink);
            sink.Warn(path, $"line {e.Line}: {what} is not well-formed: {e.Message}");
            return null;
        }
    }

    public static void Flush(List<(int Line, string Message)> warnings, string path, IFindingSink sink)
    {
        foreach (var (line, message) in warnings.Take(20))
        {
            sink.Warn(path, line > 0 ? $"line {line}: {message}" : message);
        }

        if (warnings.Count > 20)
        {
            sink.Warn(path, $"{warnings.Count - 20} more warnings");
        }

        warnings.Clear();
    }

    public static bool TooLarge(SourceFile file, IFindingSink sink, string what)
    {
        if (file.Text.Length <= Limits.MaxTemplateChars)
        {
            return false;
        }

        sink.Warn(file.Path, $"line 1: {file.Text.Length / (1024 * 1024)} MB is too large for {what} analysis (limit {Limits.MaxTemplateChars / (1024 * 1024)} MB); only the secrets scan ran");
        return true;
    }
}

/// <summary>CloudFormation and SAM templates (YAML or JSON), detected by content.</summary>
public sealed class CloudFormationAnalyzer(SecretsEngine engine) : IFileAnalyzer
{
    private static readonly string[] Extensions = [".yml", ".yaml", ".json", ".template", ".cfn", ".tmpl"];

    private readonly SecretValues _secrets = new(engine);

    public string Name => "cloudformation";

    public IEnumerable<RuleInfo> Rules => IacRules.All;

    public bool Accepts(SourceFile file) =>
        Extensions.Contains(file.Extension) &&
        (file.Content.Span.Contains("AWSTemplateFormatVersion", StringComparison.Ordinal) || file.Content.Span.Contains("AWS::", StringComparison.Ordinal));

    public void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken)
    {
        if (DocumentLoader.TooLarge(file, sink, "template"))
        {
            return;
        }

        if (DocumentLoader.Load(file.Text, file.Path, sink, "template") is not TMap root || !CfnTemplate.LooksLikeTemplate(root))
        {
            return;
        }

        var warnings = new List<(int Line, string Message)>();
        var template = CfnTemplate.Build(root, warnings);
        cancellationToken.ThrowIfCancellationRequested();
        var report = new IacReporter(file, sink);
        new CfnChecks(template, report, _secrets, (r, uri, substitution) => DefinitionUri(file, sink, r, uri, substitution)).Run();
        DocumentLoader.Flush(warnings, file.Path, sink);
    }

    /// <summary>SAM DefinitionUri: a local ASL file next to the template, with the state machine's DefinitionSubstitutions applied; its findings are reported in that file.</summary>
    private static void DefinitionUri(SourceFile template, IFindingSink sink, CfnResource r, TNode uriNode, DefinitionSubstitution substitution)
    {
        if (uriNode is not TScalar uri || template.FullPath is null || uri.Value.StartsWith("s3://", StringComparison.Ordinal))
        {
            return;
        }

        var dir = Path.GetDirectoryName(template.FullPath)!;
        var full = Path.GetFullPath(Path.Combine(dir, uri.Value));
        var root = template.Root ?? dir;
        if (!full.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) || !File.Exists(full))
        {
            return;
        }

        var rel = Path.GetRelativePath(root, full).Replace('\\', '/');
        if (DocumentLoader.ReadReferenced(full, out var error) is not { } text)
        {
            if (error is not null)
            {
                sink.Warn(template.Path, $"line {uri.Line}: cannot read DefinitionUri {uri.Value}: {error}");
            }

            return;
        }

        var asl = new SourceFile { Path = rel, FullPath = full, Text = text, Root = template.Root, Commit = template.Commit };
        var json = text.AsSpan().TrimStart().StartsWith("{") ? substitution.PrepareJson(text) : text;
        if (DocumentLoader.Load(json, rel, sink, "state machine definition") is TMap def && AslChecks.IsDefinition(def))
        {
            AslChecks.Check(substitution.Apply(def), new IacReporter(asl, sink), r.Id, r.Ignored);
        }
    }
}

/// <summary>Standalone Step Functions definitions (*.asl.json, *.asl.yaml, or JSON with StartAt + States).</summary>
public sealed class StepFunctionsAnalyzer : IFileAnalyzer
{
    public string Name => "stepfunctions";

    public IEnumerable<RuleInfo> Rules => [IacRules.SfnPassesToken];

    public bool Accepts(SourceFile file)
    {
        var p = file.Path.ToLowerInvariant();
        if (p.EndsWith(".asl.json", StringComparison.Ordinal) || p.EndsWith(".asl.yaml", StringComparison.Ordinal) || p.EndsWith(".asl.yml", StringComparison.Ordinal))
        {
            return true;
        }

        // Content, not Text: deciding must not copy every JSON file of a tree into a string.
        var text = file.Content.Span;
        return file.Extension == ".json" && text.Contains("\"StartAt\"", StringComparison.Ordinal) && text.Contains("\"States\"", StringComparison.Ordinal) &&
            !text.Contains("AWS::", StringComparison.Ordinal);
    }

    public void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken)
    {
        if (DocumentLoader.TooLarge(file, sink, "state machine"))
        {
            return;
        }

        // A definition deployed with DefinitionSubstitutions may hold ${placeholders} outside JSON strings; they are unknown here.
        var text = file.Text.AsSpan().TrimStart().StartsWith("{") ? DefinitionSubstitution.Unresolved.PrepareJson(file.Text) : file.Text;
        if (DocumentLoader.Load(text, file.Path, sink, "state machine definition") is TMap def && AslChecks.IsDefinition(def))
        {
            AslChecks.Check(DefinitionSubstitution.Unresolved.Apply(def), new IacReporter(file, sink), Path.GetFileName(file.Path), null);
        }
    }
}
