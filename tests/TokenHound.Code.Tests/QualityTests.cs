using Xunit.Abstractions;

namespace TokenHound.Code.Tests;

/// <summary>Precision and recall per family on the labeled samples (rule samples + the holdout set written without tuning).</summary>
public sealed class QualityTests(ITestOutputHelper output)
{
    public static Dictionary<string, (int Tp, int Fp, int Fn)> Measure(IEnumerable<string> files)
    {
        var byFamily = CodeRules.All.Select(r => r.Family).Distinct().ToDictionary(f => f, _ => (0, 0, 0));
        var family = CodeRules.All.ToDictionary(r => r.Id, r => r.Family);
        foreach (var rel in files)
        {
            var file = Samples.Load(rel);
            var expected = Samples.Expected(rel, file.Text);
            var actual = Samples.Analyze(file).Findings.Select(f => (f.RuleId, f.Location.Line)).ToHashSet();
            foreach (var a in actual)
            {
                var (tp, fp, fn) = byFamily[family[a.RuleId]];
                byFamily[family[a.RuleId]] = expected.Contains(a) ? (tp + 1, fp, fn) : (tp, fp + 1, fn);
            }

            foreach (var e in expected.Where(e => !actual.Contains(e)))
            {
                var (tp, fp, fn) = byFamily[family[e.Rule]];
                byFamily[family[e.Rule]] = (tp, fp, fn + 1);
            }
        }

        return byFamily;
    }

    private void Print(string title, Dictionary<string, (int Tp, int Fp, int Fn)> m)
    {
        output.WriteLine(title);
        output.WriteLine($"{"family",-26} {"TP",4} {"FP",4} {"FN",4} {"precision",10} {"recall",8}");
        foreach (var (f, (tp, fp, fn)) in m.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{f,-26} {tp,4} {fp,4} {fn,4} {P(tp, fp),10:P1} {R(tp, fn),8:P1}");
        }
    }

    private static double P(int tp, int fp) => tp + fp == 0 ? 1 : (double)tp / (tp + fp);
    private static double R(int tp, int fn) => tp + fn == 0 ? 1 : (double)tp / (tp + fn);

    [Fact]
    public void Precision_and_recall_per_family_on_all_labeled_samples()
    {
        var files = Samples.RuleSampleFiles().Concat(Samples.HoldoutFiles()).ToList();
        var m = Measure(files);
        Print($"all labeled samples ({files.Count} files)", m);
        var holdout = Samples.HoldoutFiles().ToList();
        if (holdout.Count > 0)
        {
            Print($"holdout only ({holdout.Count} files)", Measure(holdout));
        }

        foreach (var (f, (tp, fp, fn)) in m)
        {
            Assert.True(tp > 0, $"{f}: no true positives in the sample set");
            Assert.True(P(tp, fp) >= 0.90, $"{f}: precision {P(tp, fp):P1} < 90%");
            Assert.True(R(tp, fn) >= 0.85, $"{f}: recall {R(tp, fn):P1} < 85%");
        }
    }
}
