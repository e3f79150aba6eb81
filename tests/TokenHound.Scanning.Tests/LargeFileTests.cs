using System.Text;
using TokenHound.Core;
using TokenHound.Secrets;

namespace TokenHound.Scanning.Tests;

/// <summary>
/// Files above the streaming threshold are scanned in windows. These tests lower the threshold and the window size so that
/// hundreds of window edges fall between and inside tokens, and compare with the whole-file scan of the same bytes.
/// </summary>
public class LargeFileTests
{
    private static ScanReport Scan(string path, bool stream, int chunk = 997) => Scanner.Run(new ScanOptions
    {
        Paths = [path],
        SecretsOnly = true,
        StreamAboveBytes = stream ? 1 : long.MaxValue,
        StreamChunkChars = chunk,
        MaxFileSize = long.MaxValue,
    });

    private static string Corpus(int blocks, string newline = "\n")
    {
        var sb = new StringBuilder();
        var rnd = new Random(7);
        for (var i = 0; i < blocks; i++)
        {
            // Filler of varying length so tokens land at every offset relative to the window edges.
            var filler = rnd.Next(20, 900);
            sb.Append("2026-11-28T10:00:00.000Z\t").Append(Guid.NewGuid().ToString()).Append("\tINFO\t").Append(new string('x', filler)).Append(newline);
            switch (i % 6)
            {
                case 0:
                    sb.Append("aws_access_key_id = ").Append(FakeTokens.AwsAccessKeyId(i)).Append(newline)
                      .Append("aws_secret_access_key = ").Append(FakeTokens.AwsSecretAccessKey(i)).Append(newline);
                    break;
                case 1:
                    sb.Append("headers: { Authorization: 'Bearer ").Append(FakeTokens.CognitoToken("access", 1_900_000_000, i)).Append("' }").Append(newline);
                    break;
                case 2:
                    sb.Append(FakeTokens.PemPrivateKey(seed: i, newline: newline)).Append(newline);
                    break;
                case 3:
                    sb.Append("key=").Append(FakeTokens.AwsAccessKeyId(i, "ASIA")).Append(' ').Append("aws_session_token=").Append(FakeTokens.AwsSessionToken(i)).Append(newline);
                    break;
                case 4:
                    sb.Append("x-api-key: ").Append(FakeTokens.ApiGatewayKey(i)).Append(newline);
                    break;
                default:
                    sb.Append("é ü → 日本 ").Append(FakeTokens.AwsAccessKeyId(i + 1000)).Append(newline);
                    break;
            }
        }

        return sb.ToString();
    }

    private static List<(string, int, int, int, int, string)> Keys(ScanReport r) =>
        [.. r.Findings.Select(f => (f.RuleId, f.Location.Line, f.Location.Column, f.Location.EndLine, f.Location.EndColumn, f.Fingerprint))];

    [Theory]
    [InlineData("\n", 997)]
    [InlineData("\r\n", 4093)]
    public void Streamed_scan_finds_exactly_what_the_whole_file_scan_finds(string newline, int chunk)
    {
        using var t = new TempDir();
        var path = t.File("big.log", Corpus(240, newline));
        var whole = Scan(path, stream: false);
        var streamed = Scan(path, stream: true, chunk);

        Assert.True(whole.Findings.Count >= 200, $"corpus should hold many tokens, found {whole.Findings.Count}");
        Assert.Equal(Keys(whole), Keys(streamed));
        Assert.Equal(whole.Stats["bytes"], streamed.Stats["bytes"]);
        Assert.Empty(streamed.Warnings);
    }

    [Fact]
    public void A_key_pair_astride_a_window_edge_is_one_finding()
    {
        using var t = new TempDir();
        var id = FakeTokens.AwsAccessKeyId(3);
        var secret = FakeTokens.AwsSecretAccessKey(3);
        // The key id ends just before the first window's edge (chunk 1000), the secret starts after it.
        var text = new string('.', 980) + "\nAWS_ACCESS_KEY_ID=" + id + "\nAWS_SECRET_ACCESS_KEY=" + secret + "\n";
        var path = t.File("creds.txt", text);
        var streamed = Scan(path, stream: true, chunk: 1000);
        var f = Assert.Single(streamed.Findings);
        Assert.Equal((3, "THS002"), (f.Location.Line, f.RuleId)); // reported at the secret, paired with the key id
        Assert.Equal(Keys(Scan(path, stream: false)), Keys(streamed));
    }

    [Fact]
    public void Inline_ignores_apply_in_streamed_files()
    {
        using var t = new TempDir();
        var a = FakeTokens.AwsAccessKeyId(11);
        var b = FakeTokens.AwsAccessKeyId(12);
        var c = FakeTokens.AwsAccessKeyId(13);
        var text = new string('-', 3000) + $"\nkey {a} # tokenhound:ignore\n# tokenhound:ignore THS001\nkey {b}\nkey {c}\n";
        var path = t.File("ignored.txt", text);
        var r = Scan(path, stream: true, chunk: 1500);
        var f = Assert.Single(r.Findings);
        Assert.Equal((c, 5), (f.Secret, f.Location.Line));
        Assert.Equal(2, r.Suppressed);
    }

    [Fact]
    public void Invalid_utf8_in_a_streamed_file_is_warned_about_once_and_lines_stay_right()
    {
        using var t = new TempDir();
        var key = FakeTokens.AwsAccessKeyId(21);
        var bytes = new List<byte>();
        for (var i = 0; i < 50; i++)
        {
            bytes.AddRange(Encoding.ASCII.GetBytes("caf"));
            bytes.Add(0xE9); // Latin-1 é: invalid UTF-8
            bytes.AddRange(Encoding.ASCII.GetBytes(new string('z', 100) + "\n"));
        }

        bytes.AddRange(Encoding.ASCII.GetBytes($"key {key}\n"));
        var path = t.Bytes("latin1.log", [.. bytes]);
        var r = Scan(path, stream: true, chunk: 700);
        var f = Assert.Single(r.Findings);
        Assert.Equal((51, 5), (f.Location.Line, f.Location.Column));
        var w = Assert.Single(r.Warnings);
        Assert.Contains("UTF-8", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_file_with_a_bom_is_streamed_too()
    {
        using var t = new TempDir();
        var key = FakeTokens.AwsAccessKeyId(31);
        var text = string.Concat(Enumerable.Repeat("line of text\n", 400)) + $"key {key}\n";
        var path = t.Bytes("utf16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        var f = Assert.Single(Scan(path, stream: true, chunk: 1024).Findings);
        Assert.Equal((401, key), (f.Location.Line, f.Secret));
    }

    [Fact]
    public void Large_code_files_get_a_note_that_only_secrets_ran()
    {
        using var t = new TempDir();
        var path = t.File("bundle.js", "var x = 1;\n" + $"const k = '{FakeTokens.AwsAccessKeyId(41)}';\n");
        var r = Scanner.Run(new ScanOptions { Paths = [path], StreamAboveBytes = 1 });
        Assert.Single(r.Findings);
        var w = Assert.Single(r.Warnings);
        Assert.Contains("only the secrets scan ran", w.Message, StringComparison.Ordinal);
    }
}
