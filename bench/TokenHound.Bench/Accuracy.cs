using System.Text;
using TokenHound.Secrets;

namespace TokenHound.Bench;

/// <summary>
/// Precision and recall of the secrets engine on a labeled corpus built from real files: real source files (full of
/// look-alikes: hashes, UUIDs, base64, minified code, fixtures) with fake tokens planted at known lines in the contexts
/// code and config really hold them. Every finding that is not a planted token counts as a false positive.
/// </summary>
public static class Accuracy
{
    private static readonly string[] Extensions = [".js", ".ts", ".json", ".md", ".py", ".cs", ".yml", ".yaml", ".mjs", ".cjs", ".map", ".txt", ".html", ".d.ts"];

    public static int Run(string sourceDir, string outDir, int files, int seed)
    {
        var t = new Tokens(seed);
        var rnd = new Random(seed);
        var all = Directory.EnumerateFiles(sourceDir, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)) && new FileInfo(f).Length is > 200 and < 2_000_000)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var sample = all.OrderBy(_ => rnd.Next()).Take(files).ToList();
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, true);
        }

        Directory.CreateDirectory(outDir);
        var planted = new List<(string File, string Kind, string Value)>();
        var n = 0;
        foreach (var src in sample)
        {
            var rel = $"{n++:D5}{Path.GetExtension(src)}";
            var lines = File.ReadAllText(src).Split('\n').ToList();
            // Plant a token in two of three files, at a random line, in a context typical for the file type.
            if (rnd.Next(3) != 0)
            {
                var (kind, value, text) = Plant(t, Path.GetExtension(src), planted.Count);
                lines.Insert(rnd.Next(lines.Count + 1), text);
                planted.Add((rel, kind, value));
            }

            File.WriteAllText(Path.Combine(outDir, rel), string.Join('\n', lines));
        }

        var engine = new SecretsEngine();
        var tp = new Dictionary<string, int>();
        var fp = new Dictionary<string, int>();
        var fn = new Dictionary<string, int>();
        var fpSamples = new List<string>();
        var bytes = 0L;
        foreach (var file in Directory.GetFiles(outDir).OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            bytes += text.Length;
            var rel = Path.GetFileName(file);
            var expected = planted.Where(p => p.File == rel).ToList();
            var matches = engine.Scan(text);
            foreach (var m in matches)
            {
                // A finding matches a planted token when one of its spans holds it (a key id paired with its secret is one finding).
                var spans = m.AllSpans.Select(s => text.Substring(s.Start, s.Length)).Append(m.Value).ToList();
                var hit = expected.FirstOrDefault(e => spans.Any(s => s.Contains(e.Value, StringComparison.Ordinal) || e.Value.Contains(s, StringComparison.Ordinal)));
                if (hit.Value is not null)
                {
                    tp[m.Rule.Id] = tp.GetValueOrDefault(m.Rule.Id) + 1;
                    expected.Remove(hit);
                }
                else
                {
                    fp[m.Rule.Id] = fp.GetValueOrDefault(m.Rule.Id) + 1;
                    var line = text[..m.Start].Count(c => c == '\n') + 1;
                    fpSamples.Add($"{rel}:{line} {m.Rule.Id} {m.Kind} {Mask(m.Value)}");
                }
            }

            foreach (var e in expected)
            {
                fn[e.Kind] = fn.GetValueOrDefault(e.Kind) + 1;
                fpSamples.Add($"MISSED {rel} {e.Kind} {Mask(e.Value)}");
            }
        }

        var tpAll = tp.Values.Sum();
        var fpAll = fp.Values.Sum();
        var fnAll = fn.Values.Sum();
        Console.WriteLine($"corpus: {sample.Count} real files ({bytes / 1048576.0:N1} MB) from {sourceDir}, {planted.Count} planted tokens");
        Console.WriteLine($"true positives {tpAll}, false positives {fpAll}, missed {fnAll}");
        Console.WriteLine($"precision {100.0 * tpAll / Math.Max(1, tpAll + fpAll):0.0}%  recall {100.0 * tpAll / Math.Max(1, planted.Count):0.0}%");
        foreach (var id in tp.Keys.Union(fp.Keys).OrderBy(k => k))
        {
            Console.WriteLine($"  {id}: tp {tp.GetValueOrDefault(id)}, fp {fp.GetValueOrDefault(id)}");
        }

        foreach (var k in fn.Keys.OrderBy(k => k))
        {
            Console.WriteLine($"  missed {k}: {fn[k]}");
        }

        File.WriteAllLines(Path.Combine(outDir, "..", Path.GetFileName(outDir) + "-review.txt"), fpSamples);
        Console.WriteLine($"false positives and misses listed in {Path.GetFileName(outDir)}-review.txt");
        return 0;
    }

    private static string Mask(string v) => v.Length <= 8 ? "…" : v[..4] + "…" + v.Length;

    private static (string Kind, string Value, string Text) Plant(Tokens t, string ext, int i)
    {
        var kind = (i % 9) switch
        {
            0 => "aws-access-key-id",
            1 => "aws-pair",
            2 => "aws-secret-access-key",
            3 => "jwt",
            4 => "bearer",
            5 => "api-key",
            6 => "private-key",
            7 => "generic",
            _ => "aws-session-token",
        };
        var py = ext is ".py";
        var yaml = ext is ".yml" or ".yaml";
        var json = ext is ".json" or ".map";
        switch (kind)
        {
            case "aws-access-key-id":
                {
                    var k = t.KeyId();
                    return (kind, k, py ? $"ACCESS_KEY = \"{k}\"" : yaml ? $"  access_key_id: {k}" : json ? $"\"accessKeyId\": \"{k}\"," : $"const accessKeyId = \"{k}\";");
                }
            case "aws-pair":
                {
                    var k = t.KeyId();
                    var s = t.SecretKey();
                    return ("aws-access-key-id", k, py
                        ? $"boto3.client('s3', aws_access_key_id='{k}', aws_secret_access_key='{s}')"
                        : $"new S3Client({{ credentials: {{ accessKeyId: \"{k}\", secretAccessKey: \"{s}\" }} }});");
                }
            case "aws-secret-access-key":
                {
                    var s = t.SecretKey();
                    return (kind, s, py ? $"aws_secret_access_key = \"{s}\"" : yaml ? $"  SecretAccessKey: {s}" : json ? $"\"secretAccessKey\": \"{s}\"," : $"const secretAccessKey = '{s}';");
                }
            case "jwt":
                {
                    var j = t.Jwt(4102444800);
                    return (kind, j, py ? $"TOKEN = \"{j}\"" : json ? $"\"token\": \"{j}\"," : $"const token = \"{j}\";");
                }
            case "bearer":
                {
                    var o = t.Opaque(40);
                    return (kind, o, py ? $"headers = {{\"Authorization\": \"Bearer {o}\"}}" : $"headers: {{ Authorization: \"Bearer {o}\" }},");
                }
            case "api-key":
                {
                    var a = t.Opaque(40);
                    return (kind, a, json ? $"\"x-api-key\": \"{a}\"," : $"fetch(url, {{ headers: {{ \"x-api-key\": \"{a}\" }} }});");
                }
            case "private-key":
                {
                    var body = string.Join("\n", Enumerable.Range(0, 6).Select(_ => t.Pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64)));
                    var pem = $"-----BEGIN RSA PRIVATE KEY-----\nMIIEow{body}\n-----END RSA PRIVATE KEY-----";
                    return (kind, "MIIEow" + body[..20], json ? "\"key\": \"" + pem.Replace("\n", "\\n") + "\"," : py ? $"KEY = \"\"\"{pem}\"\"\"" : $"const key = `{pem}`;");
                }
            case "generic":
                {
                    var p = t.Opaque(24);
                    return (kind, p, py ? $"DB_PASSWORD = \"{p}\"" : yaml ? $"  password: \"{p}\"" : json ? $"\"client_secret\": \"{p}\"," : $"const apiSecret = \"{p}\";");
                }
            default:
                {
                    var s = t.SessionToken();
                    return (kind, s, py ? $"aws_session_token = \"{s}\"" : $"sessionToken: \"{s}\",");
                }
        }
    }
}
