using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TokenHound.Secrets;

namespace TokenHound.Redaction.Tests;

/// <summary>Fake tokens built in code (never literals in the repository).</summary>
internal static class Tokens
{
    public const string AwsKeyId = "AKIAZ7FAKEKEY2345X7Q";

    public static string Jwt(int seed = 1) =>
        FakeTokens.Jwt("""{"alg":"RS256","typ":"JWT","kid":"k1"}""", $$"""{"sub":"user-{{seed}}","iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_FAKEp00l1","token_use":"access","exp":1893456000}""", seed: seed);

    /// <summary>A random AWS key id (AKIA + 16 base32).</summary>
    public static string AwsKey(int seed)
    {
        const string B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var rng = new Random(seed);
        var sb = new StringBuilder("AKIA");
        for (var i = 0; i < 16; i++)
        {
            sb.Append(B32[rng.Next(B32.Length)]);
        }

        return sb.ToString();
    }
}

/// <summary>An inner logger provider that keeps everything it is handed, expanded to text.</summary>
internal sealed class CapturingProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ConcurrentQueue<string> Entries { get; } = new();

    public string All => string.Join("\n", Entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>Everything a structured sink could write: values serialized as JSON (collections expanded).</summary>
    public static string Expand(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return s;
            case IEnumerable<KeyValuePair<string, object?>> kvs:
                return string.Join(";", kvs.Select(kv => kv.Key + "=" + Expand(kv.Value)));
            case IEnumerable e:
                try
                {
                    return JsonSerializer.Serialize(value) + " " + string.Join(",", e.Cast<object?>().Select(Expand));
                }
                catch (NotSupportedException)
                {
                    return string.Join(",", e.Cast<object?>().Select(Expand));
                }

            default:
                return value.ToString() ?? "";
        }
    }

    private sealed class Logger(CapturingProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var sb = new StringBuilder();
            sb.Append(category).Append(' ').Append(logLevel).Append(": ").Append(formatter(state, exception));
            sb.Append(" | state: ").Append(Expand(state));
            if (exception is not null)
            {
                sb.Append(" | exception: ").Append(exception.GetType().FullName).Append(": ").Append(exception.Message)
                    .Append(" | ").Append(exception.ToString()).Append(" | stack: ").Append(exception.StackTrace);
                for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
                {
                    sb.Append(" | inner: ").Append(inner.Message);
                }
            }

            owner._scopes?.ForEachScope((scope, b) => b.Append(" | scope: ").Append(Expand(scope)), sb);
            owner.Entries.Enqueue(sb.ToString());
        }
    }
}

/// <summary>A stream that returns at most <c>max</c> bytes per read (to split tokens across reads).</summary>
internal sealed class TrickleStream(byte[] data, int max) : Stream
{
    private int _pos;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position { get => _pos; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, max), data.Length - _pos);
        Array.Copy(data, _pos, buffer, offset, n);
        _pos += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
