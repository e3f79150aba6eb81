using System.IO.Compression;
using System.Text;
using TokenHound.Cli;

namespace TokenHound.Redaction.Tests;

public sealed class RedactCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("th-redact-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly byte[] Sample = BuildSample();

    private static byte[] BuildSample()
    {
        var ms = new MemoryStream();
        ms.Write(Encoding.UTF8.GetBytes($"2026-01-01T00:00:00.000Z\tr-1\tINFO\tkey {Tokens.AwsKeyId}\r\n"));
        ms.Write([0xff, 0xc3, (byte)'\n']);
        ms.Write(Encoding.UTF8.GetBytes($"Authorization: Bearer {Tokens.Jwt()}\rlast line é"));
        return ms.ToArray();
    }

    private static readonly byte[] SampleRedacted = BuildRedacted();

    private static byte[] BuildRedacted()
    {
        var ms = new MemoryStream();
        ms.Write(Encoding.UTF8.GetBytes("2026-01-01T00:00:00.000Z\tr-1\tINFO\tkey [REDACTED:aws-access-key-id]\r\n"));
        ms.Write([0xff, 0xc3, (byte)'\n']);
        ms.Write(Encoding.UTF8.GetBytes("Authorization: Bearer [REDACTED:jwt]\rlast line é"));
        return ms.ToArray();
    }

    private static (int Code, byte[] Out, string Err) Run(byte[]? stdin, params string[] args)
    {
        var outStream = new MemoryStream();
        var outWriter = new StreamWriter(outStream);
        var err = new StringWriter();
        var input = new StreamReader(new MemoryStream(stdin ?? []));
        var code = App.Run(["redact", .. args], new AppConsole(outWriter, err, input));
        outWriter.Flush();
        return (code, outStream.ToArray(), err.ToString());
    }

    private string Write(string name, byte[] content)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllBytes(p, content);
        return p;
    }

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gz = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    [Fact]
    public void Stdin_to_stdout_is_byte_exact_with_a_summary_per_kind()
    {
        var (code, output, err) = Run(Sample);
        Assert.Equal(0, code);
        Assert.Equal(SampleRedacted, output);
        Assert.Contains("2 tokens redacted", err);
        Assert.Matches(@"aws-access-key-id\s+1", err);
        Assert.Matches(@"jwt\s+1", err);
    }

    [Fact]
    public void Files_to_output_and_quiet()
    {
        var a = Write("a.log", Sample);
        var b = Write("b.log", "clean\n"u8.ToArray());
        var o = Path.Combine(_dir, "out.log");
        var (code, stdout, err) = Run(null, a, b, "--output", o, "--quiet");
        Assert.Equal(0, code);
        Assert.Empty(stdout);
        Assert.Equal("", err);
        Assert.Equal([.. SampleRedacted, .. "clean\n"u8.ToArray()], File.ReadAllBytes(o));
    }

    [Fact]
    public void In_place_rewrites_the_file_and_leaves_no_temp_file()
    {
        var a = Write("app.log", Sample);
        var clean = Write("clean.log", "nothing here\n"u8.ToArray());
        var (code, stdout, _) = Run(null, "--in-place", a, clean);
        Assert.Equal(0, code);
        Assert.Empty(stdout);
        Assert.Equal(SampleRedacted, File.ReadAllBytes(a));
        Assert.Equal("nothing here\n"u8.ToArray(), File.ReadAllBytes(clean));
        Assert.Equal(new[] { "app.log", "clean.log" }, Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)).Order().ToArray());
    }

    [Fact]
    public void Gzip_in_gives_gzip_out_and_gz_output_name_compresses()
    {
        var gz = Write("app.log.gz", Gzip(Sample));
        var (code, stdout, _) = Run(null, gz);
        Assert.Equal(0, code);
        Assert.Equal(SampleRedacted, Gunzip(stdout));

        var plain = Write("plain.log", Sample);
        var o = Path.Combine(_dir, "out.log.gz");
        Assert.Equal(0, Run(null, plain, "-o", o).Code);
        Assert.Equal(SampleRedacted, Gunzip(File.ReadAllBytes(o)));

        Assert.Equal(0, Run(null, "-i", gz).Code);
        Assert.Equal(SampleRedacted, Gunzip(File.ReadAllBytes(gz)));

        // gzip on stdin too
        Assert.Equal(SampleRedacted, Gunzip(Run(Gzip(Sample)).Out));
    }

    [Fact]
    public void Truncated_gzip_warns_naming_the_input_and_in_place_leaves_it_unchanged()
    {
        var full = Gzip(Sample);
        var truncated = full[..(full.Length - 12)];
        var p = Write("cut.log.gz", truncated);
        var (code, _, err) = Run(null, "--in-place", p);
        Assert.Equal(0, code);
        Assert.Contains("cut.log.gz", err);
        Assert.Contains("gzip", err);
        Assert.Equal(truncated, File.ReadAllBytes(p));
    }

    [Fact]
    public void Check_exits_1_with_counts_and_writes_nothing()
    {
        var a = Write("a.log", Sample);
        var (code, stdout, err) = Run(null, "--check", a);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("2 tokens would be redacted", err);
        Assert.Matches(@"jwt\s+1", err);
        Assert.Equal(Sample, File.ReadAllBytes(a));

        var clean = Write("c.log", "ok\n"u8.ToArray());
        Assert.Equal(0, Run(null, "--check", clean).Code);
    }

    [Fact]
    public void Styles_prefix_and_hmac_with_key_file()
    {
        var a = Write("a.log", Encoding.UTF8.GetBytes($"k={Tokens.AwsKeyId}\n"));
        Assert.Equal("k=AKIA…[REDACTED]\n", Encoding.UTF8.GetString(Run(null, "--style", "prefix", a).Out));

        var key = Write("key", "s3cret-hmac-key\n"u8.ToArray());
        var one = Encoding.UTF8.GetString(Run(null, "--style", "hmac", "--hmac-key-file", key, a).Out);
        var two = Encoding.UTF8.GetString(Run(null, "--style", "hmac", "--hmac-key-file", key, a).Out);
        Assert.Matches(@"^k=\[REDACTED:aws-access-key-id:[0-9a-f]{12}\]\n$", one);
        Assert.Equal(one, two);
    }

    [Fact]
    public void Json_mode_keeps_records_valid()
    {
        var line = $$"""{"level":"INFO","message":"headers {\"authorization\":\"Bearer {{Tokens.Jwt()}}\"}"}""" + "\n";
        var (code, output, _) = Run(Encoding.UTF8.GetBytes(line), "--json");
        Assert.Equal(0, code);
        var text = Encoding.UTF8.GetString(output);
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal("""headers {"authorization":"Bearer [REDACTED:jwt]"}""", doc.RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("--style", "hmac")]
    [InlineData("--style", "rot13")]
    [InlineData("--in-place")]
    [InlineData("--check", "--output", "x.log")]
    [InlineData("no-such-file.log")]
    [InlineData("--bogus")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var saved = Environment.GetEnvironmentVariable("TOKENHOUND_HMAC_KEY");
        Assert.True(string.IsNullOrEmpty(saved), "the test environment must not set TOKENHOUND_HMAC_KEY");
        var (code, _, err) = Run("x\n"u8.ToArray(), args);
        Assert.Equal(2, code);
        Assert.Contains("error", err);
    }

    [Fact]
    public void Missing_hmac_key_message_names_both_ways_to_give_it()
    {
        var (_, _, err) = Run("x\n"u8.ToArray(), "--style", "hmac");
        Assert.Contains("--hmac-key-file", err);
        Assert.Contains("TOKENHOUND_HMAC_KEY", err);
    }
}
