using System.CommandLine;
using System.IO.Compression;
using System.Text;
using TokenHound.Core;
using TokenHound.Redaction;
using TokenHound.Secrets;

namespace TokenHound.Cli.Commands;

/// <summary>
/// `tokenhound redact [FILE…] [--style tag|prefix|hmac] [--check]`: copies files (or stdin) to stdout, --output or back in
/// place with every detected token replaced and every other byte unchanged (docs/redaction.md).
/// </summary>
public static class RedactCommand
{
    public const string HmacKeyVariable = "TOKENHOUND_HMAC_KEY";

    public static Command Build(AppConsole console)
    {
        var files = new Argument<string[]>("files") { Description = "Files to redact (gzip is detected); - or none reads stdin.", Arity = ArgumentArity.ZeroOrMore };
        files.Validators.Add(r =>
        {
            foreach (var v in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (v.StartsWith('-') && v != "-")
                {
                    r.AddError($"unknown option '{v}'");
                    return;
                }
            }
        });
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout (gzip when it ends with .gz or the input was gzip)." };
        var inPlace = new Option<bool>("--in-place", "-i") { Description = "Rewrite each file in place (temp file in the same folder, then an atomic rename)." };
        var style = new Option<string>("--style") { Description = "Replacement: tag ([REDACTED:<kind>]), prefix (AKIA…[REDACTED]) or hmac ([REDACTED:<kind>:<12 hex of HMAC-SHA256>]).", DefaultValueFactory = _ => "tag" };
        style.AcceptOnlyFromAmong("tag", "prefix", "hmac");
        var keyFile = new Option<string?>("--hmac-key-file") { Description = $"Key for --style hmac (else the {HmacKeyVariable} environment variable)." };
        var json = new Option<bool>("--json") { Description = "JSON-lines mode: tokens in JSON strings are found on the decoded value; every record stays valid JSON." };
        var check = new Option<bool>("--check") { Description = "Redact nothing; exit 1 when anything would be redacted (counts per kind on stderr)." };
        var includeExamples = new Option<bool>("--include-examples") { Description = "Also redact documented example keys (AKIAIOSFODNN7EXAMPLE …)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary on stderr." };
        var cmd = new Command("redact", "Remove tokens and credentials from logs and files: every other byte is kept exactly.")
        {
            files, output, inPlace, style, keyFile, json, check, includeExamples, quiet,
        };
        cmd.SetAction(r =>
        {
            var inputs = r.GetValue(files) is { Length: > 0 } f ? f : ["-"];
            var outPath = r.GetValue(output);
            var isInPlace = r.GetValue(inPlace);
            var isCheck = r.GetValue(check);
            if (isInPlace && outPath is not null)
            {
                throw new UsageException("--in-place and --output cannot be combined");
            }

            if (isCheck && (isInPlace || outPath is not null))
            {
                throw new UsageException("--check writes nothing: it cannot be combined with --in-place or --output");
            }

            if (isInPlace && inputs.Contains("-"))
            {
                throw new UsageException("--in-place needs files, not stdin");
            }

            if (inputs.Count(i => i == "-") > 1)
            {
                throw new UsageException("stdin (-) can be read only once");
            }

            foreach (var i in inputs.Where(i => i != "-"))
            {
                if (Directory.Exists(i))
                {
                    throw new UsageException($"{i} is a folder; redact takes files");
                }

                if (!File.Exists(i))
                {
                    throw new UsageException($"file not found: {i}");
                }
            }

            var redactor = new TokenRedactor(new RedactionOptions
            {
                Style = r.GetValue(style) switch { "prefix" => RedactionStyle.Prefix, "hmac" => RedactionStyle.Hmac, _ => RedactionStyle.Tag },
                HmacKey = r.GetValue(style) == "hmac" ? LoadKey(r.GetValue(keyFile)) : null,
                Secrets = new SecretsOptions { IncludeExamples = r.GetValue(includeExamples) },
            });
            var streamOptions = new StreamRedactionOptions { Json = r.GetValue(json), CheckOnly = isCheck };
            var total = new RedactionSummary();
            var warnings = new List<string>();

            if (isInPlace)
            {
                foreach (var path in inputs)
                {
                    RedactInPlace(redactor, path, streamOptions, total, warnings);
                }
            }
            else
            {
                RedactToOutput(console, redactor, inputs, outPath, streamOptions, total, warnings);
            }

            var isQuiet = r.GetValue(quiet);
            if (!isQuiet)
            {
                foreach (var w in warnings)
                {
                    console.Error.WriteLine($"warning: {w}");
                }

                WriteSummary(console.Error, total, isCheck);
            }

            return isCheck && total.Total > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return cmd;
    }

    private static byte[] LoadKey(string? keyFile)
    {
        byte[] key;
        if (keyFile is not null)
        {
            try
            {
                key = File.ReadAllBytes(keyFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read --hmac-key-file {keyFile}: {e.Message}");
            }

            // A trailing line break from `echo key > file` is not part of the key.
            var n = key.Length;
            while (n > 0 && key[n - 1] is (byte)'\n' or (byte)'\r')
            {
                n--;
            }

            key = key[..n];
        }
        else
        {
            key = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(HmacKeyVariable) ?? "");
        }

        return key.Length == 0
            ? throw new UsageException($"--style hmac needs a key: --hmac-key-file FILE or the {HmacKeyVariable} environment variable")
            : key;
    }

    private static void RedactToOutput(AppConsole console, TokenRedactor redactor, string[] inputs, string? outPath, StreamRedactionOptions options, RedactionSummary total, List<string> warnings)
    {
        // Open every input first: the output is gzip when --output ends with .gz or any input is gzip.
        var opened = new List<(string Name, Stream Stream, bool Gzip)>();
        try
        {
            foreach (var i in inputs)
            {
                var s = i == "-" ? StdinStream(console) : OpenFile(i);
                var (peeked, gz) = PeekGzip(s);
                opened.Add((i == "-" ? "<stdin>" : i, peeked, gz));
            }

            var gzipOut = (outPath?.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ?? false) || opened.Any(o => o.Gzip);
            Stream sink;
            var toConsoleText = false;
            if (options.CheckOnly)
            {
                sink = Stream.Null;
            }
            else if (outPath is not null)
            {
                try
                {
                    sink = new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"cannot write {outPath}: {e.Message}");
                }
            }
            else
            {
                (sink, toConsoleText) = StdoutStream(console);
            }

            try
            {
                var target = gzipOut && !options.CheckOnly ? new GZipStream(sink, CompressionLevel.Fastest, leaveOpen: true) : sink;
                try
                {
                    foreach (var (name, stream, gz) in opened)
                    {
                        RedactOne(redactor, name, stream, gz, target, options, total, warnings);
                    }
                }
                finally
                {
                    if (!ReferenceEquals(target, sink))
                    {
                        target.Dispose();
                    }

                    sink.Flush();
                }

                if (toConsoleText)
                {
                    // Only when the console is not a byte stream (tests with a StringWriter): text, decoded as UTF-8.
                    console.Out.Write(Encoding.UTF8.GetString(((MemoryStream)sink).ToArray()));
                    console.Out.Flush();
                }
            }
            finally
            {
                if (outPath is not null && !options.CheckOnly)
                {
                    sink.Dispose();
                }
            }
        }
        finally
        {
            foreach (var o in opened)
            {
                o.Stream.Dispose();
            }
        }
    }

    /// <summary>
    /// Redacts one input; a corrupt or truncated gzip gives a warning naming the input, and the run goes on. .NET's
    /// GZipStream stops silently at a truncated end, so for a file the trailer's size (ISIZE) is checked too.
    /// </summary>
    private static bool RedactOne(TokenRedactor redactor, string name, Stream raw, bool gzip, Stream output, StreamRedactionOptions options, RedactionSummary total, List<string> warnings)
    {
        uint? trailerSize = null;
        if (gzip && raw is FileStream { CanSeek: true } fs && fs.Length >= 18)
        {
            Span<byte> t = stackalloc byte[4];
            fs.Seek(-4, SeekOrigin.End);
            fs.ReadExactly(t);
            trailerSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(t);
            fs.Position = 0;
        }

        var input = gzip ? new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true) : raw;
        try
        {
            var one = redactor.Redact(input, output, options);
            total.Add(one);
            if (trailerSize is { } size && (uint)one.BytesIn != size && !HasSecondMember((FileStream)raw))
            {
                warnings.Add($"{name}: truncated gzip (the trailer says {size} bytes, {one.BytesIn} could be read); output stops where the data stopped");
                return false;
            }

            return true;
        }
        catch (Exception e) when (gzip && e is InvalidDataException or EndOfStreamException)
        {
            warnings.Add($"{name}: corrupt or truncated gzip ({e.Message}); output stops where the data stopped");
            return false;
        }
        finally
        {
            if (gzip)
            {
                input.Dispose();
            }
        }
    }

    /// <summary>True when a gzip file holds a second member (concatenated gzip: the last trailer only counts the last member).</summary>
    private static bool HasSecondMember(FileStream fs)
    {
        fs.Position = 10;
        var buf = new byte[1 << 16];
        ReadOnlySpan<byte> magic = [0x1f, 0x8b, 0x08];
        var carry = 0;
        while (true)
        {
            var n = fs.Read(buf, carry, buf.Length - carry);
            if (n == 0)
            {
                return false;
            }

            var len = carry + n;
            if (buf.AsSpan(0, len).IndexOf(magic) >= 0)
            {
                return true;
            }

            carry = Math.Min(2, len);
            Array.Copy(buf, len - carry, buf, 0, carry);
        }
    }

    private static void RedactInPlace(TokenRedactor redactor, string path, StreamRedactionOptions options, RedactionSummary total, List<string> warnings)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.tokenhound-{Guid.NewGuid():N}.tmp");
        var one = new RedactionSummary();
        var ok = false;
        try
        {
            using (var input = OpenFile(path))
            {
                var (peeked, gz) = PeekGzip(input);
                FileStream tempStream;
                try
                {
                    tempStream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"cannot write a temp file next to {path}: {e.Message}");
                }

                using (tempStream)
                {
                    using var target = gz ? new GZipStream(tempStream, CompressionLevel.Optimal, leaveOpen: true) : (Stream)tempStream;
                    ok = RedactOne(redactor, path, peeked, gz, target, options, one, warnings);
                    target.Flush();
                }
            }

            total.Add(one);
            if (!ok)
            {
                warnings.Add($"{path}: left unchanged");
                return;
            }

            if (one.Total == 0)
            {
                return; // nothing to redact: keep the file (and its timestamps) as it is
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static Stream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>Reads the first two bytes and returns a stream that still yields them, and whether they are the gzip magic.</summary>
    private static (Stream Stream, bool Gzip) PeekGzip(Stream s)
    {
        var head = new byte[2];
        var n = 0;
        while (n < 2)
        {
            var k = s.Read(head, n, 2 - n);
            if (k == 0)
            {
                break;
            }

            n += k;
        }

        var gzip = n == 2 && head[0] == 0x1f && head[1] == 0x8b;
        if (s.CanSeek)
        {
            s.Position = 0;
            return (s, gzip);
        }

        return (new TokenHound.Runtime.IO.PrefixedStream(head.AsMemory(0, n), s), gzip);
    }

    private static Stream StdinStream(AppConsole console)
    {
        if (ReferenceEquals(console.In, Console.In))
        {
            return Console.OpenStandardInput();
        }

        if (console.In is StreamReader sr)
        {
            return sr.BaseStream;
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(console.In.ReadToEnd()));
    }

    private static (Stream Stream, bool Text) StdoutStream(AppConsole console)
    {
        if (ReferenceEquals(console.Out, Console.Out))
        {
            console.Out.Flush();
            return (new BufferedStream(Console.OpenStandardOutput(), 1 << 16), false);
        }

        if (console.Out is StreamWriter sw)
        {
            sw.Flush();
            return (sw.BaseStream, false);
        }

        return (new MemoryStream(), true);
    }

    private static void WriteSummary(TextWriter err, RedactionSummary s, bool check)
    {
        if (s.Total == 0)
        {
            err.WriteLine(check ? "redact --check: no tokens found" : "redact: no tokens found");
            return;
        }

        err.WriteLine(check
            ? $"redact --check: {s.Total} token{(s.Total == 1 ? "" : "s")} would be redacted"
            : $"redact: {s.Total} token{(s.Total == 1 ? "" : "s")} redacted");
        var width = s.ByKind.Keys.Max(k => k.Length);
        foreach (var (kind, count) in s.ByKind.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            err.WriteLine($"  {kind.PadRight(width)}  {count}");
        }
    }
}
