using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TokenHound.Core;

namespace TokenHound.Probe.Tests;

/// <summary>
/// Rule samples under testdata/&lt;RuleId&gt;/{positive,negative}/: raw HTTP responses (*.http, replayed by a real Kestrel
/// server, with {{header:Name}} and {{query}} filled from the request), test-API configurations (*.json) for the
/// JWT/auth/CORS rules and fake-LLM configurations for THP04x. Each sample names the findings it must produce
/// (# expect: / "Expect"); negatives produce none at all.
/// </summary>
public static class Samples
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testdata");

    public static IEnumerable<object[]> Files(string ext) =>
        Directory.EnumerateFiles(Root, "*." + ext, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { f });

    public static string[] Findings(ScanReport r) =>
        [.. r.Findings.Select(f => $"{f.RuleId} {new Uri(f.Location.Url!).AbsolutePath}").Distinct().Order(StringComparer.Ordinal)];

    public static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var req = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        req.CertificateExtensions.Add(san.Build());
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }
}

/// <summary>A parsed *.http sample.</summary>
public sealed partial record HttpSample(string Path, bool Https, int Status, List<KeyValuePair<string, string>> Headers, string Body, string[] Expect)
{
    public static HttpSample Load(string file)
    {
        var lines = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var i = 0;
        string path = "/";
        var https = false;
        var expect = new List<string>();
        for (; i < lines.Length && lines[i].StartsWith('#'); i++)
        {
            var l = lines[i].TrimStart('#').Trim();
            if (l.StartsWith("request:", StringComparison.Ordinal))
            {
                path = l["request:".Length..].Trim();
            }
            else if (l.StartsWith("expect:", StringComparison.Ordinal))
            {
                expect.Add(l["expect:".Length..].Trim());
            }
            else if (l.StartsWith("https:", StringComparison.Ordinal))
            {
                https = l.EndsWith("true", StringComparison.Ordinal);
            }
        }

        var status = int.Parse(lines[i].Split(' ')[1]);
        var headers = new List<KeyValuePair<string, string>>();
        for (i++; i < lines.Length && lines[i].Length > 0; i++)
        {
            var c = lines[i].IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(lines[i][..c].Trim(), lines[i][(c + 1)..].Trim()));
        }

        var body = string.Join("\n", lines.Skip(i + 1));
        return new HttpSample(path, https, status, headers, body, [.. expect.Order(StringComparer.Ordinal)]);
    }

    public string Fill(string text, HttpRequest req) =>
        Placeholder().Replace(text, m => m.Groups[1].Value switch
        {
            "query" => WebUtility.HtmlEncode(Uri.UnescapeDataString(req.QueryString.Value ?? "")).Replace("&amp;", "&", StringComparison.Ordinal),
            var h when h.StartsWith("header:", StringComparison.Ordinal) => req.Headers[h[7..]].ToString(),
            _ => "",
        });

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex Placeholder();

    public Task<TestServer> ServeAsync() => TestServer.StartAsync(app => app.Run(async ctx =>
    {
        if (ctx.Request.Path != Path)
        {
            ctx.Response.StatusCode = 404;
            ctx.Response.ContentType = "text/plain";
            await ctx.Response.WriteAsync("Not Found");
            return;
        }

        ctx.Response.StatusCode = Status;
        foreach (var (k, v) in Headers)
        {
            var value = Fill(v, ctx.Request);
            if (k.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (value.Length > 0)
            {
                ctx.Response.Headers.Append(k, value);
            }
        }

        if (ctx.Request.Method != "HEAD")
        {
            await ctx.Response.WriteAsync(Fill(Body, ctx.Request), Encoding.UTF8);
        }
    }), Https ? Samples.SelfSigned() : null);
}

public sealed class SampleTests
{
    public static IEnumerable<object[]> HttpFiles => Samples.Files("http");
    public static IEnumerable<object[]> ApiFiles => Samples.Files("json").Where(f => !IsLlm((string)f[0]));
    public static IEnumerable<object[]> LlmFiles => Samples.Files("json").Where(f => IsLlm((string)f[0]));

    private static bool IsLlm(string f) => f.StartsWith("THP04", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(HttpFiles))]
    public async Task Replayed_response_gives_exactly_the_expected_findings(string file)
    {
        var sample = HttpSample.Load(Path.Combine(Samples.Root, file));
        await using var server = await sample.ServeAsync();
        var o = Probing.Options(server.At(sample.Path));
        var report = await new ProbeRunner(new ProbeOptions
        {
            Target = o.Target, Rate = 0, Budget = o.Budget, RequestTimeout = o.RequestTimeout, ReadTimeout = o.ReadTimeout, ConnectTimeout = o.ConnectTimeout,
            Insecure = sample.Https,
        }).RunAsync();
        AssertExpected(file, sample.Expect, report.Report);
    }

    [Theory]
    [MemberData(nameof(ApiFiles))]
    public async Task Test_api_configuration_gives_exactly_the_expected_findings(string file)
    {
        var path = Path.Combine(Samples.Root, file);
        var config = AuthApiConfig.Load(path);
        var extra = System.Text.Json.JsonSerializer.Deserialize<SampleExtras>(File.ReadAllText(path), JsonOptions)!;
        await using var api = await AuthApi.StartAsync(config);
        var token = api.Token(extra.Claims?.ToDictionary(kv => kv.Key, kv => (object)kv.Value.ToString()));
        var report = (await new ProbeRunner(new ProbeOptions
        {
            Target = api.Url,
            Rate = 0,
            RequestTimeout = Probing.LoopbackTimeout,
            Token = token,
            Methods = extra.ProbeMethods,
            ExpiredToken = extra.WithExpiredToken ? api.Token(expires: DateTime.UtcNow.AddHours(-3)) : null,
            OtherToken = extra.WithOtherToken ? api.Token(audience: "billing-web-client", issuer: "https://other-pool.tokenhound-test.example") : null,
        }).RunAsync()).Report;
        AssertExpected(file, extra.Expect, report);
        if (file.Contains("/negative/", StringComparison.Ordinal))
        {
            Assert.True(report.Stats["requests"] > 10, "the probe ran");
        }
    }

    [Theory]
    [MemberData(nameof(LlmFiles))]
    public async Task Fake_llm_configuration_gives_exactly_the_expected_findings(string file)
    {
        var c = LlmConfig.Load(Path.Combine(Samples.Root, file));
        await using var server = await FakeLlm.StartAsync(c);
        var report = (await new ProbeRunner(new ProbeOptions
        {
            Target = server.Url,
            Rate = 0,
            RequestTimeout = Probing.LoopbackTimeout,
            LlmEndpoints = [c.Plain ? "/ask" : "/v1/chat/completions"],
            LlmCanary = c.GiveCanary ? FakeLlm.Canary : null,
            LlmSystemPrompt = c.GiveSystemPrompt ? FakeLlm.SystemPrompt : null,
        }).RunAsync()).Report;
        AssertExpected(file, [.. c.Expect.Order(StringComparer.Ordinal)], report);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    };

    private sealed class SampleExtras
    {
        public List<string> Expect { get; set; } = [];
        public List<string> ProbeMethods { get; set; } = [];
        public bool WithExpiredToken { get; set; }
        public bool WithOtherToken { get; set; }
        public Dictionary<string, System.Text.Json.JsonElement>? Claims { get; set; }
    }

    private static void AssertExpected(string file, IReadOnlyCollection<string> expect, ScanReport report)
    {
        var negative = file.Contains("/negative/", StringComparison.Ordinal);
        if (negative)
        {
            Assert.True(expect.Count == 0, $"{file}: negative samples expect nothing");
        }
        else
        {
            var rule = file.Split('/')[0];
            Assert.Contains(expect, e => e.StartsWith(rule + " ", StringComparison.Ordinal));
        }

        Assert.True(expect.Order(StringComparer.Ordinal).SequenceEqual(Samples.Findings(report)),
            $"{file}: expected [{string.Join(", ", expect)}] got [{string.Join(", ", Samples.Findings(report))}]\n{report.Dump()}");
    }
}
