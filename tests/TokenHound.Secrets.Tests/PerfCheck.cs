using System.Diagnostics;
using Xunit.Abstractions;

namespace TokenHound.Secrets.Tests;

/// <summary>
/// Throughput check, not a unit test: prints MB/s of one engine over every file in $TOKENHOUND_PERF_DIR (skipped
/// silently when unset). Run: TOKENHOUND_PERF_DIR=/tmp/corpus dotnet test --filter Category=Perf --logger "console;verbosity=detailed".
/// </summary>
public sealed class PerfCheck(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Perf")]
    public void Prints_throughput()
    {
        var dir = Environment.GetEnvironmentVariable("TOKENHOUND_PERF_DIR");
        if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir))
        {
            output.WriteLine("TOKENHOUND_PERF_DIR not set: nothing measured.");
            return;
        }

        var engine = new SecretsEngine();
        var prefilterOnly = new SecretsEngine(detectors: [new NullDetector([.. engine.Detectors.SelectMany(d => d.Signatures).Distinct(StringComparer.OrdinalIgnoreCase)])]);
        foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);

            // Split into ~64 KB pieces at line ends, like files of a tree.
            var pieces = new List<(int Start, int Length)>();
            for (var s = 0; s < text.Length;)
            {
                var e = Math.Min(text.Length, s + 65536);
                var nl = e < text.Length ? text.IndexOf('\n', e) : -1;
                e = nl < 0 ? text.Length : nl + 1;
                pieces.Add((s, e - s));
                s = e;
            }

            var results = new List<SecretMatch>();
            foreach (var (s, l) in pieces.Take(50))
            {
                engine.Scan(text.AsSpan(s, l), results); // warm-up
            }

            for (var round = 0; round < 3; round++)
            {
                results.Clear();
                var sw = Stopwatch.StartNew();
                foreach (var (s, l) in pieces)
                {
                    engine.Scan(text.AsSpan(s, l), results);
                }

                sw.Stop();
                var mb = text.Length / 1e6; // chars ≈ bytes for ASCII text
                output.WriteLine($"{Path.GetFileName(file)}: {mb:F1} MB in {sw.Elapsed.TotalSeconds:F2} s = {mb / sw.Elapsed.TotalSeconds:F0} MB/s, {results.Count} findings: " +
                    string.Join(", ", results.GroupBy(r => r.Rule.Id).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}")));
            }

            var psw = Stopwatch.StartNew();
            foreach (var (s, l) in pieces)
            {
                prefilterOnly.Scan(text.AsSpan(s, l), results);
            }

            output.WriteLine($"  prefilter only: {text.Length / 1e6 / psw.Elapsed.TotalSeconds:F0} MB/s");

            if (Environment.GetEnvironmentVariable("TOKENHOUND_PERF_SHOW") is not null)
            {
                // For precision review: each finding with its line.
                var all = new List<SecretMatch>();
                engine.Scan(text.AsSpan(), all);
                foreach (var m in all.Take(200))
                {
                    var ls = text.LastIndexOf('\n', Math.Max(0, m.Start - 1)) + 1;
                    var le = text.IndexOf('\n', m.Start);
                    var line = text[ls..(le < 0 ? text.Length : le)];
                    output.WriteLine($"  {m.Rule.Id} {m.Value[..Math.Min(m.Value.Length, 60)]} | {line[..Math.Min(line.Length, 200)].Trim()}");
                }
            }
        }
    }
}

internal sealed class NullDetector(IReadOnlyList<string> signatures) : SecretDetector
{
    public override TokenHound.Core.RuleInfo Rule => Detectors.GenericSecretDetector.RuleInfo;

    public override string Kind => "null";

    public override IReadOnlyList<string> Signatures => signatures;

    public override IReadOnlyList<string> Examples => [];

    public override IReadOnlyList<string> NegativeExamples => [];

    public override void Match(ReadOnlySpan<char> text, int hit, string signature, SecretsOptions options, List<SecretMatch> results)
    {
    }
}
