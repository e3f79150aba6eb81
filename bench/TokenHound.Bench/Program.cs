using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using TokenHound.Bench;
using TokenHound.Secrets;

if (args.Length == 0)
{
    Console.Error.WriteLine("""
        usage:
          gen-logs OUT_DIR MEGABYTES [SEED_EVERY_N_LINES=4000] [SEED=42]   Lambda logs with seeded tokens (+ seeds.tsv)
          accuracy SOURCE_DIR OUT_DIR [FILES=3000] [SEED=7]                precision / recall on real files with planted tokens
          micro [BenchmarkDotNet args]                                     micro-benchmarks of the engine
        """);
    return 2;
}

return args[0] switch
{
    "gen-logs" => GenLogs.Run(args[1], long.Parse(args[2]), args.Length > 3 ? int.Parse(args[3]) : 4000, args.Length > 4 ? int.Parse(args[4]) : 42),
    "accuracy" => Accuracy.Run(args[1], args[2], args.Length > 3 ? int.Parse(args[3]) : 3000, args.Length > 4 ? int.Parse(args[4]) : 7),
    "micro" => Micro(args[1..]),
    _ => 2,
};

static int Micro(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(rest);
    return 0;
}

namespace TokenHound.Bench
{
    [MemoryDiagnoser]
    public class EngineBenchmarks
    {
        private readonly SecretsEngine _engine = new();
        private string _logs = "";
        private string _code = "";

        [GlobalSetup]
        public void Setup()
        {
            var t = new Tokens(1);
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i < 20000; i++)
            {
                sb.Append("2026-11-01T00:00:00.000Z\t6f2c1a7e-4b1d-4c3e-9f0a-2d8b7c6e5f41\tINFO\tfetched order ").Append(Guid.NewGuid()).Append(" cache ").Append(t.Hex(64)).Append('\n');
                if (i % 1000 == 0)
                {
                    sb.Append(Seeds.LogSeed(t, i / 1000).Text).Append('\n');
                }
            }

            _logs = sb.ToString();
            var code = new System.Text.StringBuilder();
            for (var i = 0; i < 5000; i++)
            {
                code.Append("  const token = await getToken(request.headers.authorization);\n  if (!token) { throw new Error('password required'); }\n  const secret = process.env.API_SECRET;\n");
            }

            _code = code.ToString();
        }

        [Benchmark]
        public int Logs() => _engine.Scan(_logs).Count;

        [Benchmark]
        public int CodeWithKeywords() => _engine.Scan(_code).Count;
    }
}
