using System.Text;

namespace TokenHound.Bench;

/// <summary>
/// Generates Lambda text logs (START / tab-separated application lines / END / REPORT) full of look-alikes
/// (UUIDs, hashes, base64 payloads, URLs), with a known number of seeded tokens. Writes seeds.tsv beside the logs.
/// </summary>
public static class GenLogs
{
    public static int Run(string outDir, long megabytes, int seedEvery, int seed)
    {
        Directory.CreateDirectory(outDir);
        var t = new Tokens(seed);
        var target = megabytes * 1024 * 1024;
        long written = 0;
        var seeds = 0;
        var files = 0;
        using var seedLog = new StreamWriter(Path.Combine(outDir, "seeds.tsv"));
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var lineNo = 0L;
        while (written < target)
        {
            var name = $"lambda-{files++:D3}.log";
            using var w = new StreamWriter(Path.Combine(outDir, name), false, new UTF8Encoding(false), 1 << 20);
            long fileBytes = 0;
            var fileLine = 0;
            while (fileBytes < 64L * 1024 * 1024 && written < target)
            {
                var req = Guid.NewGuid().ToString();
                var lines = new List<string> { $"START RequestId: {req} Version: $LATEST" };
                var n = 3 + t.Next(6);
                for (var i = 0; i < n; i++)
                {
                    var ts = start.AddMilliseconds(lineNo * 7).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
                    string msg;
                    if (++lineNo % seedEvery == 0)
                    {
                        var s = Seeds.LogSeed(t, seeds++);
                        msg = s.Text;
                        seedLog.WriteLine($"{name}\t{fileLine + lines.Count + 1}\t{s.Kind}\t{s.Value}");
                    }
                    else
                    {
                        msg = Noise(t);
                    }

                    lines.Add($"{ts}\t{req}\t{(t.Next(10) == 0 ? "WARN" : "INFO")}\t{msg}");
                }

                lines.Add($"END RequestId: {req}");
                lines.Add($"REPORT RequestId: {req}\tDuration: {t.NextDouble() * 900:0.00} ms\tBilled Duration: {t.Next(900) + 1} ms\tMemory Size: 512 MB\tMax Memory Used: {60 + t.Next(200)} MB");
                foreach (var l in lines)
                {
                    w.Write(l);
                    w.Write('\n');
                    fileBytes += l.Length + 1;
                    written += l.Length + 1;
                }

                fileLine += lines.Count;
            }
        }

        Console.WriteLine($"wrote {written / 1048576.0:N0} MB in {files} files with {seeds} seeded tokens to {outDir}");
        return 0;
    }

    private static string Noise(Tokens t) => t.Next(12) switch
    {
        0 => $"fetched order {Guid.NewGuid()} for customer {Guid.NewGuid()} in {t.Next(300)} ms",
        1 => $"cache key sha256:{t.Hex(64)} hit=true",
        2 => $"{{\"level\":\"info\",\"msg\":\"payload stored\",\"etag\":\"{t.Hex(32)}\",\"bytes\":{t.Next(100000)},\"bucket\":\"orders-archive\"}}",
        3 => $"GET https://api.example.com/v1/orders?page={t.Next(50)}&cursor={t.Pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24)} 200",
        4 => $"message body {Convert.ToBase64String(Guid.NewGuid().ToByteArray())}{Convert.ToBase64String(Guid.NewGuid().ToByteArray())}",
        5 => $"user {t.Opaque(8).ToLowerInvariant()} signed in via cognito, token_use=access, expires in 3600s",
        6 => $"role arn:aws:iam::123456789012:role/orders-{t.Opaque(6).ToLowerInvariant()} principal AROA{t.Pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17)}",
        7 => $"sqs message {Guid.NewGuid()} receipt AQEB{t.Pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 120)}",
        8 => "Authorization header present, length=1134, scheme=Bearer",
        9 => $"dynamodb PutItem table=orders consumedCapacity={t.NextDouble() * 5:0.0} requestId={t.Opaque(52)}",
        10 => $"traceId=Root=1-{t.Hex(8)}-{t.Hex(24)};Parent={t.Hex(16)};Sampled=1",
        _ => $"processed {t.Next(500)} records, {t.Next(3)} failed; next token is null",
    };
}
