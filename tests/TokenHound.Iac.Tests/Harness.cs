using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TokenHound.Core;
using TokenHound.Iac;
using TokenHound.Secrets;

namespace TokenHound.Iac.Tests;

/// <summary>Runs the IaC analyzers in-process on samples. Samples annotate themselves: `# expect: THI005` on the offending line (YAML/HCL), or a `&lt;file&gt;.expect` sidecar with `THI005:12` lines (JSON).</summary>
public static partial class Harness
{
    /// <summary>Only THS001 from the secrets engine, so that these tests do not depend on detectors other areas add; the template heuristics are tested on their own.</summary>
    public static readonly SecretsEngine Engine = new(
        new SecretsOptions { Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        [new TokenHound.Secrets.Detectors.AwsAccessKeyIdDetector()]);

    public static readonly IReadOnlyList<IFileAnalyzer> Analyzers = IacAnalyzers.All(Engine);

    public static string TestDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static string TestData => Path.Combine(TestDir(), "testdata");

    public static string RepoRoot => Path.GetFullPath(Path.Combine(TestDir(), "..", ".."));

    public static FindingCollector Run(string fullPath, string? root = null)
    {
        root ??= Path.GetDirectoryName(fullPath)!;
        var file = new SourceFile
        {
            Path = Path.GetRelativePath(root, fullPath).Replace('\\', '/'),
            FullPath = fullPath,
            Root = root,
            Text = File.ReadAllText(fullPath),
        };
        return Run(file);
    }

    public static FindingCollector Run(SourceFile file)
    {
        var sink = new FindingCollector();
        foreach (var a in Analyzers)
        {
            if (a.Accepts(file))
            {
                a.Analyze(file, sink, CancellationToken.None);
            }
        }

        return sink;
    }

    public static FindingCollector RunText(string text, string path = "template.yaml") =>
        Run(new SourceFile { Path = path, Text = text });

    [GeneratedRegex(@"expect:\s*(TH[A-Z]\d{3}(?:\s*,\s*TH[A-Z]\d{3})*)")]
    private static partial Regex ExpectComment();

    /// <summary>(rule, line) pairs a sample declares, sorted.</summary>
    public static List<string> Expected(string fullPath)
    {
        var result = new List<string>();
        var sidecar = fullPath + ".expect";
        if (File.Exists(sidecar))
        {
            foreach (var l in File.ReadAllLines(sidecar))
            {
                var t = l.Trim();
                if (t.Length > 0 && !t.StartsWith('#'))
                {
                    result.Add(t);
                }
            }
        }
        else
        {
            var lines = File.ReadAllLines(fullPath);
            for (var i = 0; i < lines.Length; i++)
            {
                var m = ExpectComment().Match(lines[i]);
                if (m.Success)
                {
                    foreach (var id in m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))
                    {
                        result.Add($"{id}:{i + 1}");
                    }
                }
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>Findings located in the sample itself (a template's DefinitionUri findings belong to the ASL file).</summary>
    public static IEnumerable<Finding> InFile(IEnumerable<Finding> findings, string fullPath, string root)
    {
        var rel = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        return findings.Where(f => f.Location.Path == rel);
    }

    public static List<string> Actual(IEnumerable<Finding> findings, Func<string, bool> ruleFilter) =>
        [.. findings.Where(f => ruleFilter(f.RuleId)).Select(f => $"{f.RuleId}:{f.Location.Line}").Order(StringComparer.Ordinal)];

    private static readonly string[] SampleExtensions = [".yaml", ".yml", ".json", ".tf", ".template"];

    /// <summary>
    /// Sample files (templates, ASL, Terraform; not sidecars) under a folder, recursively. Function code next to a template
    /// (a CodeUri folder with .py/.mjs/.cs handlers) is support material, not a sample.
    /// </summary>
    public static IEnumerable<string> Samples(string dir) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => SampleExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal)
            : [];
}
