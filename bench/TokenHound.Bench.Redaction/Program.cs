using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.Logging;
using TokenHound.Redaction;
using TokenHound.Secrets;

BenchmarkSwitcher.FromAssembly(typeof(LoggerOverhead).Assembly).Run(args);

/// <summary>Per-call cost of the logger decorator on messages without tokens (target: under 2 µs over the plain logger).</summary>
[MemoryDiagnoser]
public class LoggerOverhead
{
    private ILogger _plain = null!;
    private ILogger _redacting = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = new FormattingLogger();
        _redacting = new RedactingLogger(new FormattingLogger(), new TokenRedactor());
    }

    [Benchmark(Baseline = true)]
    public void Plain() => _plain.LogInformation("Order {OrderId} for customer {Customer} shipped to {City} in {Elapsed} ms", 4711, "alice@example.com", "Seattle", 12.5);

    [Benchmark]
    public void Redacting() => _redacting.LogInformation("Order {OrderId} for customer {Customer} shipped to {City} in {Elapsed} ms", 4711, "alice@example.com", "Seattle", 12.5);

    /// <summary>An inner logger that does what a real provider does first: format the message.</summary>
    private sealed class FormattingLogger : ILogger
    {
        public int Chars;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Chars += formatter(state, exception).Length;
    }
}

/// <summary>TokenRedactor throughput on Lambda-style log text (1 token per ~50 lines).</summary>
[MemoryDiagnoser]
public class RedactorThroughput
{
    private readonly TokenRedactor _redactor = new();
    private byte[] _log = [];
    private string _line = "";

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder();
        var rng = new Random(1);
        for (var i = 0; sb.Length < 8 << 20; i++)
        {
            sb.Append("2026-01-01T00:00:00.").Append(i % 1000).Append("Z\t6f1c2a9e-1b7d-4c55-9e0a-2b6f8d4c1a77\tINFO\tprocessed order ").Append(rng.Next()).Append(" in ").Append(rng.Next(1, 500)).Append(" ms");
            if (i % 50 == 0)
            {
                sb.Append(" key AKIAZ7FAKEKEY2345X7Q");
            }

            sb.Append('\n');
        }

        _log = Encoding.UTF8.GetBytes(sb.ToString());
        _line = "2026-01-01T00:00:00.123Z\t6f1c2a9e-1b7d-4c55-9e0a-2b6f8d4c1a77\tINFO\tprocessed order 4711 in 12 ms";
    }

    [Benchmark]
    public long Stream8MB()
    {
        var output = new MemoryStream(_log.Length);
        return _redactor.Redact(new MemoryStream(_log), output).Total;
    }

    [Benchmark]
    public bool CleanLine() => _redactor.TryRedact(_line.AsSpan(), out _);
}
