using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TokenHound.Core;

namespace TokenHound.Code.Tests;

/// <summary>Loads the annotated samples under testdata/ and runs the code analyzers on them.</summary>
public static partial class Samples
{
    public static string TestDir([CallerFilePath] string here = "") => Path.GetDirectoryName(here)!;

    public static string RepoRoot => Path.GetFullPath(Path.Combine(TestDir(), "..", ".."));

    public static string DataDir => Path.Combine(TestDir(), "testdata");

    /// <summary>Every sample file (relative to testdata/), rule folders only.</summary>
    public static IEnumerable<string> RuleSampleFiles() =>
        Directory.EnumerateFiles(DataDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(DataDir, f).Replace('\\', '/'))
            .Where(f => f.StartsWith("THC", StringComparison.Ordinal) && CodeAnalyzers.LanguageOf(f) is not null)
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> HoldoutFiles() =>
        Directory.Exists(Path.Combine(DataDir, "holdout"))
            ? Directory.EnumerateFiles(Path.Combine(DataDir, "holdout"), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(DataDir, f).Replace('\\', '/'))
                .Where(f => CodeAnalyzers.LanguageOf(f) is not null)
                .Order(StringComparer.Ordinal)
            : [];

    public static SourceFile Load(string rel) => new() { Path = rel, Text = File.ReadAllText(Path.Combine(DataDir, rel)) };

    public static (List<Finding> Findings, List<ScanWarning> Warnings) Analyze(SourceFile file)
    {
        var sink = new FindingCollector();
        foreach (var a in CodeAnalyzers.All(new TokenHound.Secrets.SecretsEngine()))
        {
            if (a.Accepts(file))
            {
                a.Analyze(file, sink, CancellationToken.None);
            }
        }

        return (sink.Findings, sink.Warnings);
    }

    /// <summary>Expected (ruleId, line) pairs: a comment "Noncompliant" flags its line for the folder's rule, "Noncompliant THC00x THC00y" for the named rules.</summary>
    public static HashSet<(string Rule, int Line)> Expected(string rel, string text)
    {
        var folderRule = rel.StartsWith("THC", StringComparison.Ordinal) ? rel[..6] : null;
        var set = new HashSet<(string, int)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var m = Annotation().Match(lines[i]);
            if (!m.Success)
            {
                continue;
            }

            var ids = RuleId().Matches(m.Groups[1].Value).Select(x => x.Value).ToList();
            if (ids.Count == 0)
            {
                ids.Add(folderRule ?? throw new InvalidOperationException($"{rel}:{i + 1}: a holdout annotation must name its rule"));
            }

            foreach (var id in ids)
            {
                set.Add((id, i + 1));
            }
        }

        return set;
    }

    [GeneratedRegex(@"(?://|#)\s*Noncompliant\b([^\r\n]*)")]
    private static partial Regex Annotation();

    [GeneratedRegex(@"THC\d{3}")]
    private static partial Regex RuleId();
}
