using System.Globalization;
using TokenHound.Core;

namespace TokenHound.Probe;

/// <summary>
/// 0–100 score and A–F grade, overall and per family. Each finding costs its severity's points (critical 40, high 20,
/// medium 8, low 3, info 0) times its confidence (high 1, medium 0.75, low 0.5); the n-th finding of the same rule costs
/// half of the one before (one weakness repeated on many endpoints does not zero the score by itself). A category scores
/// 100 minus its cost; the overall score is 100 minus the total cost, at most 59 (F) when any finding is critical.
/// </summary>
public sealed class ProbeScore
{
    public required int Overall { get; init; }
    public required char Grade { get; init; }
    public required IReadOnlyList<CategoryScore> Categories { get; init; }
    public required IReadOnlyList<(Finding Finding, double Points)> Costs { get; init; }

    public sealed record CategoryScore(string Family, int? Score, char? Grade, int Findings, double PointsLost, string Status);

    public static double Weight(Severity s) => s switch
    {
        Severity.Critical => 40,
        Severity.High => 20,
        Severity.Medium => 8,
        Severity.Low => 3,
        _ => 0,
    };

    public static double Factor(Confidence c) => c switch
    {
        Confidence.High => 1,
        Confidence.Medium => 0.75,
        _ => 0.5,
    };

    public static char GradeOf(int score) => score switch
    {
        >= 90 => 'A',
        >= 80 => 'B',
        >= 70 => 'C',
        >= 60 => 'D',
        _ => 'F',
    };

    public static bool TryParseGrade(string? s, out char grade)
    {
        grade = ' ';
        if (s is null || s.Trim().Length != 1)
        {
            return false;
        }

        grade = char.ToUpperInvariant(s.Trim()[0]);
        return grade is 'A' or 'B' or 'C' or 'D' or 'F';
    }

    /// <summary>True when <paramref name="grade"/> is worse than <paramref name="threshold"/> (F &lt; D &lt; … &lt; A).</summary>
    public static bool Below(char grade, char threshold) => Rank(grade) < Rank(threshold);

    private static int Rank(char g) => g switch { 'A' => 5, 'B' => 4, 'C' => 3, 'D' => 2, _ => 1 };

    public static ProbeScore Compute(IReadOnlyList<Finding> findings, IReadOnlyDictionary<string, string> tested)
    {
        var costs = new List<(Finding, double)>();
        foreach (var g in findings.GroupBy(f => f.RuleId))
        {
            var n = 0;
            foreach (var f in g.OrderByDescending(f => Weight(f.Severity) * Factor(f.Confidence)))
            {
                costs.Add((f, Weight(f.Severity) * Factor(f.Confidence) * Math.Pow(0.5, n)));
                n++;
            }
        }

        var categories = new List<CategoryScore>();
        foreach (var family in ProbeRules.Families)
        {
            var mine = costs.Where(c => c.Item1.Family == family).ToList();
            var lost = mine.Sum(c => c.Item2);
            if (!tested.TryGetValue(family, out var how) && mine.Count == 0)
            {
                categories.Add(new CategoryScore(family, null, null, 0, 0, "not tested: " + NotTestedReason(family)));
                continue;
            }

            var score = (int)Math.Max(0, Math.Round(100 - lost));
            categories.Add(new CategoryScore(family, score, GradeOf(score), mine.Count, lost, "tested: " + (how ?? "findings")));
        }

        var overall = (int)Math.Max(0, Math.Round(100 - costs.Sum(c => c.Item2)));
        if (findings.Any(f => f.Severity == Severity.Critical))
        {
            overall = Math.Min(overall, 59);
        }

        return new ProbeScore { Overall = overall, Grade = GradeOf(overall), Categories = categories, Costs = costs };
    }

    private static string NotTestedReason(string family) => family switch
    {
        "jwt-validation" => "give a JWT with --token or a login with --login-url",
        "llm-prompt-leak" => "no LLM endpoint probed (name one with --llm PATH)",
        "cors-credentials" => "no endpoint answered",
        "token-reflection" => "no endpoint answered",
        _ => "no response",
    };

    public IEnumerable<ReportSection> Sections()
    {
        static string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "overall", Overall.ToString(CultureInfo.InvariantCulture), Grade.ToString(), Costs.Count.ToString(CultureInfo.InvariantCulture), N(Costs.Sum(c => c.Points)), Costs.Any(c => c.Finding.Severity == Severity.Critical) ? "capped at 59 (F): a critical finding" : "" },
        };
        foreach (var c in Categories)
        {
            rows.Add([c.Family, c.Score?.ToString(CultureInfo.InvariantCulture) ?? "n/a", c.Grade?.ToString() ?? "-", c.Findings.ToString(CultureInfo.InvariantCulture), N(c.PointsLost), c.Status]);
        }

        yield return new ReportSection("Probe score", ["Category", "Score", "Grade", "Findings", "Points lost", "Notes"], rows)
        {
            Note = "Each finding costs critical 40 / high 20 / medium 8 / low 3 points × confidence (high 1, medium 0.75, low 0.5); repeats of a rule cost half the previous one. Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below.",
        };

        if (Costs.Count > 0)
        {
            yield return new ReportSection("Score breakdown", ["Rule", "Family", "Severity", "Confidence", "Where", "Points"],
                [.. Costs.OrderByDescending(c => c.Points).Select(c => (IReadOnlyList<string>)[
                    c.Finding.RuleId, c.Finding.Family, c.Finding.Severity.Name(), c.Finding.Confidence.Name(), c.Finding.Location.Display(), "-" + N(c.Points)])]);
        }
    }
}
