using System.IO.Compression;
using TokenHound.Core;

namespace TokenHound.Runtime.IO;

/// <summary>One input of a runtime command: a file (relative display name + absolute path) or stdin.</summary>
public sealed record RuntimeInput(string Display, string? FullPath)
{
    public bool IsStdin => FullPath is null;
}

/// <summary>Expands paths to files and opens them, transparently decompressing gzip (detected by its magic bytes).</summary>
public static class InputFiles
{
    /// <summary>Every file under the paths (folders recursively, ordinal order); "-" is stdin. Throws <see cref="UsageException"/> for a missing path.</summary>
    public static List<RuntimeInput> Expand(IEnumerable<string> paths)
    {
        var result = new List<RuntimeInput>();
        foreach (var p in paths)
        {
            if (p == "-")
            {
                result.Add(new RuntimeInput("-", null));
            }
            else if (File.Exists(p))
            {
                result.Add(new RuntimeInput(p.Replace('\\', '/'), Path.GetFullPath(p)));
            }
            else if (Directory.Exists(p))
            {
                var root = Path.GetFullPath(p);
                var files = new List<string>();
                try
                {
                    files.AddRange(Directory.EnumerateFiles(root, "*", new EnumerationOptions
                    {
                        RecurseSubdirectories = true,
                        IgnoreInaccessible = true,
                        AttributesToSkip = FileAttributes.ReparsePoint,
                    }));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"cannot read folder {p}: {e.Message}");
                }

                files.Sort(StringComparer.Ordinal);
                foreach (var f in files)
                {
                    var name = Path.GetFileName(f);
                    if (name.StartsWith('.'))
                    {
                        continue; // .DS_Store, .tokenhound.yml ...
                    }

                    var rel = Path.GetRelativePath(root, f).Replace('\\', '/');
                    var display = p is "." or "./" ? rel : Path.Combine(p, rel).Replace('\\', '/');
                    result.Add(new RuntimeInput(display, f));
                }
            }
            else
            {
                throw new UsageException($"path not found: {p}");
            }
        }

        return result;
    }

    /// <summary>Opens an input for reading: gzip is decompressed; read errors (a truncated or corrupt gzip) end the stream with one warning.</summary>
    public static Stream Open(RuntimeInput input, TextReader? stdin, IFindingSink sink)
    {
        Stream raw;
        uint? isize = null;
        if (input.IsStdin)
        {
            // The process's stdin is read as bytes (gzip can be piped in); a TextReader (tests) is re-encoded as UTF-8.
            raw = stdin is null || ReferenceEquals(stdin, Console.In) ? Console.OpenStandardInput()
                : stdin is StreamReader sr ? sr.BaseStream : new TextReaderStream(stdin);
        }
        else if (new FileInfo(input.FullPath!).Length == 0 && SpecialFiles.IsSpecial(input.FullPath!))
        {
            // Opening a FIFO for reading would block until a writer comes.
            sink.Warn(input.Display, "not a regular file (FIFO, socket or device); skipped");
            raw = Stream.Null;
        }
        else
        {
            var fs = new FileStream(input.FullPath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            raw = fs;
            if (fs.Length >= 18)
            {
                // The gzip trailer's ISIZE (uncompressed length mod 2^32) tells a truncated file from a complete one.
                Span<byte> t = stackalloc byte[4];
                fs.Seek(-4, SeekOrigin.End);
                fs.ReadExactly(t);
                fs.Seek(0, SeekOrigin.Begin);
                isize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(t);
            }
        }

        return OpenStream(raw, input.Display, sink, isize);
    }

    /// <summary>Wraps a raw stream: gzip detection and safe reads.</summary>
    public static Stream OpenStream(Stream raw, string display, IFindingSink sink, uint? gzipSize = null)
    {
        var head = new byte[2];
        var n = ReadAtLeast(raw, head);
        var prefixed = new PrefixedStream(head.AsSpan(0, n).ToArray(), raw);
        if (n == 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return new SafeStream(new GZipStream(new SafeStream(prefixed, display, sink, "read error"), CompressionMode.Decompress), display, sink, "truncated or corrupt gzip")
            {
                ExpectedLength = gzipSize,
            };
        }

        return new SafeStream(prefixed, display, sink, "read error");
    }

    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static int ReadAtLeast(Stream s, byte[] buf)
    {
        var total = 0;
        try
        {
            while (total < buf.Length)
            {
                var n = s.Read(buf, total, buf.Length - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }
        }
        catch (IOException)
        {
        }

        return total;
    }

}

/// <summary>Turns a read failure (corrupt or truncated gzip, I/O error) into the end of the stream and one warning.</summary>
public sealed class SafeStream(Stream inner, string display, IFindingSink sink, string what) : Stream
{
    private bool _failed;
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public bool Failed => _failed;

    /// <summary>When set, the length the data must have (mod 2^32); a shorter stream is reported as truncated.</summary>
    public uint? ExpectedLength { get; init; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_failed)
        {
            return 0;
        }

        try
        {
            var n = inner.Read(buffer);
            _read += n;
            if (n == 0 && buffer.Length > 0 && ExpectedLength is { } expected && (uint)_read != expected)
            {
                _failed = true;
                sink.Warn(display, $"{what}: the data ends after {_read:N0} bytes but the gzip trailer says {expected:N0}; what was read was scanned");
            }

            return n;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or EndOfStreamException)
        {
            _failed = true;
            sink.Warn(display, $"{what} after {_read:N0} bytes ({e.Message}); the rest of this input was skipped");
            return 0;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A byte stream over a TextReader (stdin in tests), UTF-8.</summary>
internal sealed class TextReaderStream(TextReader reader) : Stream
{
    private readonly char[] _chars = new char[8192];
    private byte[] _bytes = [];
    private int _pos;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pos >= _bytes.Length)
        {
            var n = reader.Read(_chars, 0, _chars.Length);
            if (n == 0)
            {
                return 0;
            }

            _bytes = System.Text.Encoding.UTF8.GetBytes(_chars, 0, n);
            _pos = 0;
        }

        var k = Math.Min(buffer.Length, _bytes.Length - _pos);
        _bytes.AsSpan(_pos, k).CopyTo(buffer);
        _pos += k;
        return k;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
