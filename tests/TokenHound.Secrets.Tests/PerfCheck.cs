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

            if (Environment.GetEnvironmentVariable("TOKENHOUND_PERF_PLANT") is not null)
            {
                Plant(engine, text);
            }

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

    /// <summary>Plants tokens of every kind at line starts of the real text and prints recall and precision.</summary>
    private void Plant(SecretsEngine engine, string text)
    {
        var rng = new Random(1234);
        var plants = new List<(int At, string Rule, string Snippet, string Value)>();
        var sb = new System.Text.StringBuilder(text.Length + 2_000_000);
        var pos = 0;
        var i = 0;
        while (pos < text.Length && plants.Count < 2000)
        {
            var next = text.IndexOf('\n', Math.Min(text.Length - 1, pos + rng.Next(20_000, 200_000)));
            if (next < 0)
            {
                break;
            }

            sb.Append(text, pos, next + 1 - pos);
            pos = next + 1;
            var (rule, snippet, value) = (i++ % 10) switch
            {
                0 => ("THS001", $"key = \"{FakeTokens.AwsAccessKeyId(i)}\"\n", FakeTokens.AwsAccessKeyId(i)),
                1 => ("THS002", $"aws_access_key_id = {FakeTokens.AwsAccessKeyId(i)}\naws_secret_access_key = {FakeTokens.AwsSecretAccessKey(i)}\n", FakeTokens.AwsSecretAccessKey(i)),
                2 => ("THS003", $"AWS_SESSION_TOKEN={FakeTokens.AwsSessionToken(i)}\n", FakeTokens.AwsSessionToken(i)),
                3 => ("THS004", $"{{\"Authorization\":\"Bearer {FakeTokens.CognitoToken("access", 1893456000, i)}\"}}\n", FakeTokens.CognitoToken("access", 1893456000, i)),
                4 => ("THS005", $"\"RefreshToken\": \"{FakeTokens.CognitoRefreshToken(i)}\",\n", FakeTokens.CognitoRefreshToken(i)),
                5 => ("THS006", $"curl -H 'Authorization: Bearer {FakeTokens.Opaque(40, i)}' https://api.internal/x\n", FakeTokens.Opaque(40, i)),
                6 => ("THS007", $"Authorization: Basic {FakeTokens.BasicCredentials("svc" + i, FakeTokens.Opaque(14, i + 50000))}\n", FakeTokens.BasicCredentials("svc" + i, FakeTokens.Opaque(14, i + 50000))),
                7 => ("THS008", $"headers = {{'x-api-key': '{FakeTokens.ApiGatewayKey(i)}'}}\n", FakeTokens.ApiGatewayKey(i)),
                8 => ("THS009", FakeTokens.PemPrivateKey("RSA PRIVATE KEY", 600, i) + "\n", FakeTokens.PemPrivateKey("RSA PRIVATE KEY", 600, i)),
                _ => ("THS010", $"DB_PASSWORD={FakeTokens.Opaque(18, i + 90000)}\n", FakeTokens.Opaque(18, i + 90000)),
            };
            plants.Add((sb.Length + snippet.IndexOf(value, StringComparison.Ordinal), rule, snippet, value));
            sb.Append(snippet);
        }

        sb.Append(text, pos, text.Length - pos);
        var planted = sb.ToString();
        var found = new List<SecretMatch>();
        engine.Scan(planted.AsSpan(), found);
        var hits = 0;
        var missed = new List<string>();
        foreach (var p in plants)
        {
            if (found.Any(m => m.Rule.Id == p.Rule && m.Start <= p.At && p.At < m.End))
            {
                hits++;
            }
            else
            {
                missed.Add(p.Rule + ": " + p.Snippet[..Math.Min(80, p.Snippet.Length)]);
            }
        }

        var trueFindings = found.Count(m => plants.Any(p => m.Start <= p.At && p.At < m.End));
        output.WriteLine($"  planted {plants.Count}: recall {100.0 * hits / plants.Count:F1}% ({hits}), findings {found.Count}, precision {100.0 * trueFindings / Math.Max(1, found.Count):F1}%");
        foreach (var m in missed.Take(20))
        {
            output.WriteLine("    missed " + m);
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
