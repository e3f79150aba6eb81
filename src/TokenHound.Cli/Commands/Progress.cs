namespace TokenHound.Cli.Commands;

/// <summary>A one-line progress display on stderr (only when stderr is a terminal), refreshed at most 10 times a second.</summary>
public sealed class ConsoleProgress<T>(TextWriter error, Func<T, string> describe) : IProgress<T>, IDisposable
{
    private readonly Lock _lock = new();
    private long _lastTicks;
    private bool _written;

    public void Report(T value)
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastTicks) < 100)
        {
            return;
        }

        lock (_lock)
        {
            _lastTicks = now;
            var line = describe(value);
            if (line.Length > 100)
            {
                line = line[..97] + "...";
            }

            error.Write("\r\u001b[2K" + line);
            _written = true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_written)
            {
                error.Write("\r\u001b[2K");
            }
        }
    }
}
