using System.Buffers;
using System.Text;
using TokenHound.Core;
using TokenHound.Secrets;

namespace TokenHound.Scanning;

/// <summary>One unit of scan work: a file in memory (possibly in a pooled buffer) or a large file to stream.</summary>
internal sealed class ScanItem
{
    public SourceFile? File { get; init; }

    /// <summary>The pooled buffer behind <see cref="SourceFile.Content"/>; returned to the pool after analysis.</summary>
    public char[]? Pooled { get; init; }

    public LargeFile? Large { get; init; }

    public void Release()
    {
        if (Pooled is { } p)
        {
            ScanBuffers.Chars.Return(p);
        }
    }
}

/// <summary>
/// Read and decode buffers reused across files. Fresh memory for every file costs a page fault per 4 KB (most of the CPU
/// of a scan of many small files); <see cref="ArrayPool{T}.Shared"/> would avoid that but keeps arrays of every size
/// class per thread (hundreds of MB after a tree with large files). Here: a few buffers of one fixed size, reused;
/// larger files get an array of their own that the GC reclaims.
/// </summary>
internal sealed class ScanBuffers<T>(int size, int maxRetained)
{
    private readonly Stack<T[]> _free = new();

    // One buffer kept per thread: a thread that takes back the buffer it just used finds it in its own core's cache.
    // From the shared stack alone, the workers of a --jobs 2 scan traded buffers file by file, and every read and decode
    // then wrote lines that the other core held modified.
    private readonly ThreadLocal<T[]?> _mine = new();

    public T[] Rent(int minimum)
    {
        if (minimum > size)
        {
            return new T[minimum];
        }

        if (_mine.Value is { } own)
        {
            _mine.Value = null;
            return own;
        }

        lock (_free)
        {
            if (_free.TryPop(out var b))
            {
                return b;
            }
        }

        return new T[size];
    }

    public void Return(T[] buffer)
    {
        if (buffer.Length != size)
        {
            return;
        }

        if (_mine.Value is null)
        {
            _mine.Value = buffer;
            return;
        }

        lock (_free)
        {
            if (_free.Count < maxRetained)
            {
                _free.Push(buffer);
            }
        }
    }
}

internal static class ScanBuffers
{
    /// <summary>Files up to this size (bytes, and chars after decoding) use the reused buffers.</summary>
    public const int ReusedSize = 4 * 1024 * 1024;

    public static readonly ScanBuffers<byte> Bytes = new(ReusedSize, Environment.ProcessorCount * 2);

    public static readonly ScanBuffers<char> Chars = new(ReusedSize + 16, Environment.ProcessorCount * 2);
}

/// <summary>A file too large to hold in memory: the secrets engine streams it.</summary>
internal sealed record LargeFile(string FullPath, string Path, string Root, long Length);

/// <summary>
/// Streams a large file through the secrets engine in windows of <see cref="Chunk"/> chars, each scanned with
/// <see cref="Lookback"/> chars before it (context for keywords and key pairs, well over
/// <see cref="SecretsEngine.PairDistance"/>) and <see cref="Overlap"/> chars after it (a token that starts in the window
/// is seen whole). A match is reported by the one window whose committed part holds its start, so nothing is reported
/// twice and a token split across read buffers is still found. Memory: one char window and one byte buffer.
/// </summary>
internal static class LargeFileScanner
{
    public const int Chunk = 4 * 1024 * 1024;
    public const int Lookback = 4 * 1024;
    public const int Overlap = 64 * 1024;

    /// <summary>Scans the file; returns the chars read. Inline-ignored findings are counted, not added.</summary>
    public static long Scan(LargeFile file, SecretsEngine engine, IFindingSink sink, ref int inlineSuppressed, CancellationToken ct, int chunk = Chunk)
    {
        var capacity = Lookback + chunk + Overlap;
        // The window (8.5 MB) is reused from file to file: a new one per large file was most of a scan's large-object
        // allocations, and each one brought a full (gen 2) collection nearer. At most two are kept, whatever the core count.
        var buf = Windows.Rent(capacity);
        try
        {
            return ScanWith(buf, capacity, file, engine, sink, ref inlineSuppressed, ct, chunk);
        }
        finally
        {
            Windows.Return(buf);
        }
    }

    private static readonly ScanBuffers<char> Windows = new(Lookback + Chunk + Overlap, 2);

    private static long ScanWith(char[] buf, int capacity, LargeFile file, SecretsEngine engine, IFindingSink sink, ref int inlineSuppressed, CancellationToken ct, int chunk)
    {
        var bytes = new byte[Math.Min(256 * 1024, chunk)];
        using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        var fallback = new FlaggingFallback();
        var decoder = DecoderFor(stream, fallback);
        var matches = new List<SecretMatch>();
        var bufLen = 0;
        long bufStart = 0, committed = 0;
        var lines = new LineCounter();
        var eof = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            while (!eof)
            {
                var space = capacity - bufLen - 8;
                if (space < 64)
                {
                    break;
                }

                var n = stream.Read(bytes, 0, Math.Min(bytes.Length, space));
                if (n == 0)
                {
                    eof = true;
                    bufLen += decoder.GetChars([], buf.AsSpan(bufLen), flush: true);
                    break;
                }

                bufLen += decoder.GetChars(bytes.AsSpan(0, n), buf.AsSpan(bufLen), flush: false);
            }

            var text = buf.AsSpan(0, bufLen);
            var bufEnd = bufStart + bufLen;
            var commitEnd = eof ? bufEnd : Math.Max(committed, bufEnd - Overlap);
            matches.Clear();
            engine.Scan(text, matches);
            matches.Sort(static (a, b) => a.Start.CompareTo(b.Start));
            foreach (var m in matches)
            {
                var g = bufStart + m.Start;
                if (g < committed || g >= commitEnd)
                {
                    continue;
                }

                var (line, col) = lines.Advance(text, bufStart, g);
                var endOffset = m.Length > 0 ? m.Start + m.Length - 1 : m.Start;
                var (endLine, endCol) = LineCounter.PositionAfter(text, m.Start, endOffset, line, col);
                if (IsInlineIgnored(text, m.Start, (int)Math.Max(0, lines.LineStart - bufStart), m.Rule.Id))
                {
                    inlineSuppressed++;
                    continue;
                }

                sink.Add(m.ToFinding(new Location
                {
                    Path = file.Path,
                    Line = line,
                    Column = col,
                    EndLine = endLine,
                    EndColumn = m.Length > 0 ? endCol + 1 : endCol,
                }));
            }

            lines.Advance(text, bufStart, commitEnd);
            committed = commitEnd;
            if (eof)
            {
                if (fallback.Hit)
                {
                    sink.Warn(file.Path, "invalid UTF-8; scanned with the bad bytes replaced");
                }

                return bufEnd;
            }

            var keepFrom = Math.Max(bufStart, commitEnd - Lookback);
            var drop = (int)(keepFrom - bufStart);
            Array.Copy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart = keepFrom;
        }
    }

    /// <summary>BOM-aware decoder (UTF-8 default); the stream is left just after the BOM.</summary>
    private static Decoder DecoderFor(FileStream stream, FlaggingFallback fallback)
    {
        Span<byte> head = stackalloc byte[3];
        var n = stream.Read(head);
        if (n >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        {
            stream.Position = 2;
            return Encoding.Unicode.GetDecoder();
        }

        if (n >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        {
            stream.Position = 2;
            return Encoding.BigEndianUnicode.GetDecoder();
        }

        stream.Position = n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        var utf8 = (Encoding)new UTF8Encoding(false, false).Clone();
        utf8.DecoderFallback = fallback;
        return utf8.GetDecoder();
    }

    /// <summary>The marker on the match's line or the line before (as far as the window reaches back).</summary>
    private static bool IsInlineIgnored(ReadOnlySpan<char> text, int matchStart, int lineStart, string ruleId)
    {
        var lineEnd = text[matchStart..].IndexOf('\n');
        var line = text[lineStart..(lineEnd < 0 ? text.Length : matchStart + lineEnd)];
        if (InlineIgnore.LineIgnores(line, ruleId))
        {
            return true;
        }

        if (lineStart == 0)
        {
            return false;
        }

        var before = text[..(lineStart - 1)];
        var prevStart = before.LastIndexOf('\n') + 1;
        return InlineIgnore.LineIgnores(before[prevStart..], ruleId);
    }

    /// <summary>Line and column of ascending offsets, counted incrementally over the windows.</summary>
    private sealed class LineCounter
    {
        private long _pos;
        private int _line = 1;

        public long LineStart { get; private set; }

        public (int Line, int Column) Advance(ReadOnlySpan<char> text, long bufStart, long target)
        {
            if (target > _pos)
            {
                var seg = text[(int)(_pos - bufStart)..(int)(target - bufStart)];
                var count = seg.Count('\n');
                if (count > 0)
                {
                    _line += count;
                    LineStart = _pos + seg.LastIndexOf('\n') + 1;
                }

                _pos = target;
            }

            return (_line, (int)(target - LineStart) + 1);
        }

        /// <summary>Position of <paramref name="end"/> given the position of <paramref name="start"/> (window offsets).</summary>
        public static (int Line, int Column) PositionAfter(ReadOnlySpan<char> text, int start, int end, int line, int col)
        {
            end = Math.Min(end, text.Length - 1);
            if (end <= start)
            {
                return (line, col);
            }

            var seg = text[start..end];
            var count = seg.Count('\n');
            return count == 0 ? (line, col + (end - start)) : (line + count, end - (start + seg.LastIndexOf('\n') + 1) + 1);
        }
    }

    /// <summary>A replacement fallback that remembers it was used (the invalid UTF-8 warning).</summary>
    private sealed class FlaggingFallback : DecoderFallback
    {
        public bool Hit { get; private set; }

        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

        private sealed class Buffer(FlaggingFallback owner) : DecoderFallbackBuffer
        {
            private int _remaining;

            public override int Remaining => _remaining;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                owner.Hit = true;
                _remaining = 1;
                return true;
            }

            public override char GetNextChar()
            {
                if (_remaining > 0)
                {
                    _remaining--;
                    return '\uFFFD';
                }

                return '\0';
            }

            public override bool MovePrevious()
            {
                if (_remaining < 1)
                {
                    _remaining++;
                    return true;
                }

                return false;
            }
        }
    }
}
