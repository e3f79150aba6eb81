using System.Text;
using System.Text.Json;
using TokenHound.Secrets;

namespace TokenHound.Redaction.Tests;

public class StreamRedactionTests
{
    private static readonly TokenRedactor Redactor = new();

    private static byte[] Run(byte[] input, StreamRedactionOptions? options = null, int maxRead = int.MaxValue, TokenRedactor? redactor = null)
    {
        var output = new MemoryStream();
        (redactor ?? Redactor).Redact(new TrickleStream(input, maxRead), output, options);
        return output.ToArray();
    }

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Every_byte_that_is_not_a_token_is_kept_line_endings_invalid_utf8_no_final_newline()
    {
        var ms = new MemoryStream();
        ms.Write(B("lf line\n"));
        ms.Write(B("crlf line\r\n"));
        ms.Write(B("cr line\r"));
        ms.Write([0xff, 0xfe, 0xc3, 0x28, 0x80, (byte)' ']); // invalid UTF-8
        ms.Write(B(Tokens.AwsKeyId));
        ms.Write([(byte)' ', 0xe2, 0x82]); // truncated sequence
        ms.Write(B("\n\u00e9\u65e5\u672c tail without newline"));
        var input = ms.ToArray();

        var expected = new MemoryStream();
        expected.Write(input.AsSpan(0, input.AsSpan().IndexOf(B(Tokens.AwsKeyId))));
        expected.Write(B("[REDACTED:aws-access-key-id]"));
        expected.Write(input.AsSpan(input.AsSpan().IndexOf(B(Tokens.AwsKeyId)) + 20));

        Assert.Equal(expected.ToArray(), Run(input));
    }

    [Fact]
    public void Input_without_tokens_is_copied_exactly()
    {
        var rng = new Random(5);
        var input = new byte[300_000];
        rng.NextBytes(input);
        for (var i = 0; i < input.Length; i++)
        {
            // Random bytes without ASCII letters, so no detector can fire.
            if (input[i] is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z')
            {
                input[i] = (byte)'#';
            }
        }

        var summary = new RedactionSummary();
        var output = new MemoryStream();
        summary.Add(Redactor.Redact(new MemoryStream(input), output, new StreamRedactionOptions { ChunkSize = 4096, Overlap = 1024, Lookback = 64 }));
        Assert.Equal(input, output.ToArray());
        Assert.Equal(0, summary.Total);
        Assert.Equal(input.Length, summary.BytesIn);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(17, 5)]
    [InlineData(64, 64)]
    [InlineData(1 << 20, int.MaxValue)]
    public void Tokens_split_across_buffer_boundaries_are_caught(int chunk, int maxRead)
    {
        var jwt = Tokens.Jwt();
        var sb = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            sb.Append("x".PadLeft(i % 13)).Append(' ').Append(Tokens.AwsKey(i)).Append(i % 3 == 0 ? "\r\n" : " ");
            if (i % 10 == 0)
            {
                sb.Append("Authorization: Bearer ").Append(jwt).Append('\n');
            }
        }

        var text = sb.ToString();
        var expected = Redactor.Redact(text);
        var options = new StreamRedactionOptions { ChunkSize = chunk, Overlap = jwt.Length + 64, Lookback = 32 };
        var output = Encoding.UTF8.GetString(Run(B(text), options, maxRead));
        Assert.Equal(expected, output);
        Assert.DoesNotContain("AKIA", output);
        Assert.Equal(text.Count(c => c == '\n'), output.Count(c => c == '\n'));
    }

    [Fact]
    public void A_very_long_line_is_streamed_and_every_token_in_it_is_redacted()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            sb.Append("{\"k\":\"v\",\"n\":").Append(i).Append(',');
            if (i % 500 == 0)
            {
                sb.Append("\"key\":\"").Append(Tokens.AwsKey(i)).Append("\",");
            }
        }

        var line = sb.ToString(); // ~100 KB, one line, no newline at the end
        var output = Encoding.UTF8.GetString(Run(B(line), new StreamRedactionOptions { ChunkSize = 8192, Overlap = 2048, Lookback = 128 }));
        Assert.Equal(line.Length + (10 * ("[REDACTED:aws-access-key-id]".Length - 20)), output.Length);
        Assert.DoesNotContain("AKIA", output);
        Assert.Equal(Redactor.Redact(line), output);
    }

    [Fact]
    public void Check_only_counts_and_writes_nothing()
    {
        var output = new MemoryStream();
        var s = Redactor.Redact(new MemoryStream(B($"a {Tokens.AwsKeyId}\nb {Tokens.Jwt()}\n c {Tokens.AwsKey(3)}")), output, new StreamRedactionOptions { CheckOnly = true });
        Assert.Equal(0, output.Length);
        Assert.Equal(3, s.Total);
        Assert.Equal(2, s.ByKind["aws-access-key-id"]);
        Assert.Equal(1, s.ByKind["jwt"]);
    }

    [Fact]
    public void Json_mode_keeps_every_record_valid_json_and_other_bytes_exact()
    {
        var jwt = Tokens.Jwt();
        var escapedJwt = string.Concat(jwt.Select(c => c == 'e' ? "\\u0065" : c.ToString())); // same token, escaped in the JSON text
        var lines = new[]
        {
            $$"""{"timestamp":"2026-01-01T00:00:00Z","level":"INFO","message":"headers {\"Authorization\":\"Bearer {{jwt}}\"}","requestId":"r-1"}""",
            $$"""{"msg":"escaped {{escapedJwt}} here","key":"{{Tokens.AwsKeyId}}","n":1, "tab":"a\tb"}""",
            $$"""{"{{Tokens.AwsKeyId}}":"as a property name","unicode":"\u00e9\u65e5"}""",
            "START RequestId: 6f1c2a9e Version: $LATEST " + Tokens.AwsKeyId,
            """{"not":"json" """ + Tokens.AwsKeyId,
            "",
            "[1,2,\"" + Tokens.AwsKeyId + "\"]",
        };
        var input = string.Join("\r\n", lines) + "\n";
        var output = Encoding.UTF8.GetString(Run(B(input), new StreamRedactionOptions { Json = true, ChunkSize = 16 }));
        var outLines = output.Split("\r\n");
        Assert.Equal(lines.Length, outLines.Length);
        Assert.EndsWith("\n", output);
        Assert.Equal(
            """{"timestamp":"2026-01-01T00:00:00Z","level":"INFO","message":"headers {\"Authorization\":\"Bearer [REDACTED:jwt]\"}","requestId":"r-1"}""",
            outLines[0]);
        Assert.Equal("""{"msg":"escaped [REDACTED:jwt] here","key":"[REDACTED:aws-access-key-id]","n":1, "tab":"a\tb"}""", outLines[1]);
        Assert.Equal("""{"[REDACTED:aws-access-key-id]":"as a property name","unicode":"\u00e9\u65e5"}""", outLines[2]);
        Assert.Equal("START RequestId: 6f1c2a9e Version: $LATEST [REDACTED:aws-access-key-id]", outLines[3]);
        Assert.Equal("""{"not":"json" [REDACTED:aws-access-key-id]""", outLines[4]);
        Assert.Equal("[1,2,\"[REDACTED:aws-access-key-id]\"]", outLines[6].TrimEnd('\n'));
        foreach (var i in new[] { 0, 1, 2, 6 })
        {
            using var doc = JsonDocument.Parse(outLines[i]);
        }

        // The decoded message still holds valid JSON with the token replaced.
        using var d0 = JsonDocument.Parse(outLines[0]);
        using var inner = JsonDocument.Parse(d0.RootElement.GetProperty("message").GetString()!["headers ".Length..]);
        Assert.Equal("Bearer [REDACTED:jwt]", inner.RootElement.GetProperty("Authorization").GetString());
    }

    [Fact]
    public void Json_mode_redacts_a_secret_inside_an_escaped_json_message_with_the_prefix_style()
    {
        var r = new TokenRedactor(new RedactionOptions { Style = RedactionStyle.Prefix });
        var line = """{"m":"config {\"password\":\"Qw9zX4vLm2Pk7rT8\"} end"}""";
        var output = Encoding.UTF8.GetString(Run(B(line), new StreamRedactionOptions { Json = true }, redactor: r));
        using var doc = JsonDocument.Parse(output);
        var m = doc.RootElement.GetProperty("m").GetString()!;
        Assert.Equal("config {\"password\":\"Qw9z…[REDACTED]\"} end", m);
    }
}
