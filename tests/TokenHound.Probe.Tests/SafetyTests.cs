using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TokenHound.Core;
using Xunit.Abstractions;

namespace TokenHound.Probe.Tests;

/// <summary>The non-negotiable safety core and hostile targets, each against a real local server.</summary>
public sealed class SafetyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private static Task<ProbeResult> RunAsync(ProbeOptions o) => new ProbeRunner(o).RunAsync().WaitAsync(Hang);

    private static string AllText(ScanReport r) => JsonSerializer.Serialize(new
    {
        Findings = r.Findings.Select(f => new { f.RuleId, f.Message, f.Evidence, f.Location, f.Properties, f.Secret }),
        r.Warnings,
        r.Sections,
    });

    [Fact]
    public async Task Dry_run_sends_nothing_and_lists_the_requests_with_the_token_masked()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig());
        var token = api.Token();
        var result = await RunAsync(Probing.Options(api.Url) with { DryRun = true, Token = token, OpenApi = null });
        Assert.Empty(api.Server.Requests);
        var plan = result.Report.Sections.Single(s => s.Title.StartsWith("Dry run", StringComparison.Ordinal));
        Assert.True(plan.Rows.Count >= 5, "planned requests listed");
        Assert.Contains(plan.Rows, r => r[1].Contains("Authorization: Bearer", StringComparison.Ordinal));
        Assert.DoesNotContain(token, AllText(result.Report), StringComparison.Ordinal);
        Assert.Equal(0, result.Report.Stats["requests"]);
        Assert.Equal(plan.Rows.Count, result.Report.Stats["plannedRequests"]);
    }

    [Fact]
    public async Task User_tokens_are_never_written_in_full()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig { ReflectTokenInError = true, RequireSignedTokens = false, AcceptQueryToken = true });
        var token = api.Token();
        var expired = api.Token(expires: DateTime.UtcNow.AddHours(-2));
        var result = await RunAsync(Probing.Options(api.Url) with { Token = token, ExpiredToken = expired, Cookies = ["session=s3cr3t-session-cookie-value-123456"] });
        Assert.NotEmpty(result.Report.Findings);
        var text = AllText(result.Report);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], text, StringComparison.Ordinal);
        Assert.DoesNotContain(expired, text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-session-cookie-value-123456", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_get_head_and_options_are_sent_unless_the_user_names_a_method()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig());
        var result = await RunAsync(Probing.Options(api.Url) with { Token = api.Token() });
        Assert.All(api.Server.Requests, r => Assert.Contains(r.Method, new[] { "GET", "HEAD", "OPTIONS" }));
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("--method", StringComparison.Ordinal));

        await using var api2 = await AuthApi.StartAsync(new AuthApiConfig());
        await RunAsync(Probing.Options(api2.Url) with { Token = api2.Token(), Methods = ["POST"] });
        Assert.Contains(api2.Server.Requests, r => r.Method == "POST");
        Assert.DoesNotContain(api2.Server.Requests, r => r.Method is "PUT" or "DELETE" or "PATCH");
    }

    [Fact]
    public async Task The_budget_is_never_exceeded()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig());
        var result = await RunAsync(Probing.Options(api.Url) with { Token = api.Token(), Budget = 15 });
        Assert.Equal(15, api.Server.Requests.Count);
        Assert.Equal(15, result.Report.Stats["requests"]);
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("budget of 15", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_rate_limit_spaces_requests()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig());
        await RunAsync(Probing.Options(api.Url) with { Rate = 10, Budget = 8 });
        var times = api.Server.Requests.Select(r => r.At).ToList();
        Assert.Equal(8, times.Count);
        // 8 requests at 10/s: the last one at least ~0.7 s after the first.
        Assert.True((times[^1] - times[0]).TotalSeconds >= 0.6, $"spread {(times[^1] - times[0]).TotalSeconds:0.00}s");
    }

    [Fact]
    public async Task Retry_after_and_429_are_honoured()
    {
        var calls = 0;
        await using var server = await TestServer.StartAsync(app => app.Run(async ctx =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                ctx.Response.StatusCode = 429;
                ctx.Response.Headers.RetryAfter = "1";
                return;
            }

            await ctx.Response.WriteAsJsonAsync(new { ok = true });
        }));
        var result = await RunAsync(Probing.Options(server.Url) with { Budget = 3 });
        var times = server.Requests.Select(r => r.At).ToList();
        Assert.True(times.Count >= 2);
        Assert.True((times[1] - times[0]).TotalSeconds >= 0.9, $"waited {(times[1] - times[0]).TotalSeconds:0.00}s");
        Assert.Equal(1, result.Report.Stats["backoffs"]);
        Assert.True(result.Report.Stats["requests"] <= 3);
    }

    [Fact]
    public async Task Redirects_to_another_host_are_not_followed_and_loops_are_cut()
    {
        await using var other = await TestServer.StartAsync(app => app.Run(ctx => ctx.Response.WriteAsync("{}")));
        await using var server = await TestServer.StartAsync(app =>
        {
            app.MapGet("/spec-elsewhere", (HttpContext ctx) => { ctx.Response.Redirect($"http://localhost:{other.Url.Port}/openapi.json"); return Task.CompletedTask; });
            app.MapGet("/loop/a", (HttpContext ctx) => { ctx.Response.Redirect("/loop/b"); return Task.CompletedTask; });
            app.MapGet("/loop/b", (HttpContext ctx) => { ctx.Response.Redirect("/loop/a"); return Task.CompletedTask; });
        });
        var r1 = await RunAsync(Probing.Options(server.Url) with { OpenApi = server.At("/spec-elsewhere").AbsoluteUri });
        Assert.Empty(other.Requests);
        Assert.Contains(r1.Report.Warnings, w => w.Message.Contains("redirect to another host not followed", StringComparison.Ordinal));
        var r2 = await RunAsync(Probing.Options(server.Url) with { OpenApi = server.At("/loop/a").AbsoluteUri });
        Assert.Contains(r2.Report.Warnings, w => w.Message.Contains("redirect loop", StringComparison.Ordinal));
        Assert.True(server.Requests.Count(r => r.PathAndQuery.StartsWith("/loop", StringComparison.Ordinal)) <= 4);
        Assert.True(r2.Report.Stats["requests"] > 5, "the rest of the probe went on");
    }

    [Fact]
    public async Task Servers_declared_in_the_openapi_document_are_not_contacted()
    {
        await using var other = await TestServer.StartAsync(app => app.Run(ctx => ctx.Response.WriteAsync("{}")));
        await using var server = await TestServer.StartAsync(app => app.Run(ctx => ctx.Response.WriteAsJsonAsync(new { ok = true })));
        var spec = Path.Combine(Path.GetTempPath(), $"th-spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(spec, $"""
            openapi: 3.0.1
            info: {"{"} title: t, version: "1" {"}"}
            servers:
              - url: http://localhost:{other.Url.Port}/v2
            paths:
              /items:
                get:
                  responses: {"{"} "200": {"{"} description: ok {"}"} {"}"}
            """);
        try
        {
            await RunAsync(Probing.Options(server.Url) with { OpenApi = spec, LlmEndpoints = [$"http://localhost:{other.Url.Port}/v1/chat/completions"] });
        }
        finally
        {
            File.Delete(spec);
        }

        Assert.Empty(other.Requests);
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/v2/items");
    }

    [Fact]
    public async Task A_refused_connection_gives_a_warning_and_stops_quickly()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        var result = await RunAsync(Probing.Options(new Uri($"http://127.0.0.1:{port}/api")));
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("connection failed", StringComparison.Ordinal) && w.Message.Contains("probe stopped", StringComparison.Ordinal));
        Assert.True(result.Report.Stats["failedRequests"] <= 1);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_gives_a_warning_and_stops_at_once()
    {
        // RFC 6761: .invalid never resolves, so nothing is contacted.
        var result = await RunAsync(Probing.Options(new Uri("http://tokenhound-probe-test.invalid/api")) with { Token = ValidToken });
        var w = Assert.Single(result.Report.Warnings, w => w.Message.Contains("DNS lookup failed", StringComparison.Ordinal));
        Assert.Contains("probe stopped", w.Message, StringComparison.Ordinal);
        Assert.Equal("http://tokenhound-probe-test.invalid", w.Input);
        Assert.Equal(1, result.Report.Stats["requests"]);
        Assert.Equal(1, result.Report.Stats["failedRequests"]);
        Assert.Contains(result.Report.Sections.Single(s => s.Title == "Probe statistics").Rows, r => r[0] == "Stopped early" && r[1].StartsWith("DNS lookup failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_that_never_answers_is_given_up_after_a_few_timeouts()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await l.AcceptTcpClientAsync());
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        });
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        var result = await RunAsync(Probing.Options(new Uri($"http://127.0.0.1:{port}/")) with { RequestTimeout = TimeSpan.FromSeconds(1) });
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("no response within 1s", StringComparison.Ordinal));
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("probe stopped", StringComparison.Ordinal));
        Assert.Equal(3, result.Report.Stats["requests"]);
        l.Stop();
        accepted.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_trickling_server_is_cut_by_the_request_timeout()
    {
        await using var server = await TestServer.StartAsync(app => app.Run(async ctx =>
        {
            ctx.Response.ContentType = "application/json";
            try
            {
                while (!ctx.RequestAborted.IsCancellationRequested)
                {
                    await ctx.Response.WriteAsync("[", ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                    await Task.Delay(200, ctx.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));
        var result = await RunAsync(Probing.Options(server.Url) with { RequestTimeout = TimeSpan.FromSeconds(1), Budget = 4 });
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("not complete within 1s", StringComparison.Ordinal));
        Assert.True(result.Report.Stats["truncatedResponses"] >= 1);
    }

    [Fact]
    public async Task A_stalled_body_is_cut_by_the_read_timeout()
    {
        await using var server = await TestServer.StartAsync(app => app.Run(async ctx =>
        {
            await ctx.Response.WriteAsync("{\"partial\":", ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted).ContinueWith(_ => { });
        }));
        var result = await RunAsync(Probing.Options(server.Url) with { ReadTimeout = TimeSpan.FromSeconds(1), RequestTimeout = TimeSpan.FromSeconds(20), Budget = 2 });
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("stalled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_endless_response_is_capped()
    {
        await using var server = await TestServer.StartAsync(app => app.Run(async ctx =>
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            try
            {
                while (!ctx.RequestAborted.IsCancellationRequested)
                {
                    await ctx.Response.Body.WriteAsync(chunk, ctx.RequestAborted);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
        }));
        var result = await RunAsync(Probing.Options(server.Url) with { MaxResponseBytes = 256 * 1024, Budget = 3 });
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("larger than 262144 bytes", StringComparison.Ordinal));
        Assert.True(result.Report.Stats["bytesRead"] <= 3 * 256 * 1024);
        Assert.True(result.Report.Stats["truncatedResponses"] == 3, string.Join("\n", result.Report.Warnings.Select(w => w.Message)));
    }

    [Fact]
    public async Task A_tls_error_gives_a_warning_and_insecure_lifts_it()
    {
        await using var server = await TestServer.StartAsync(app => app.Run(ctx => ctx.Response.WriteAsJsonAsync(new { ok = true })), Samples.SelfSigned());
        var https = new UriBuilder(server.Url) { Scheme = "https" }.Uri;
        var bad = await RunAsync(Probing.Options(https));
        Assert.Contains(bad.Report.Warnings, w => w.Message.Contains("TLS handshake failed", StringComparison.Ordinal) && w.Message.Contains("probe stopped", StringComparison.Ordinal));
        Assert.True(bad.Report.Stats["failedRequests"] <= 1);
        var ok = await RunAsync(Probing.Options(https) with { Insecure = true });
        Assert.True(ok.Report.Stats["requests"] > 5);
        Assert.Contains(ok.Report.Findings, f => f.RuleId == "THP025");
    }

    [Fact]
    public async Task Malformed_and_unreachable_openapi_documents_give_warnings_and_the_probe_goes_on()
    {
        await using var server = await TestServer.StartAsync(app => app.Run(ctx => ctx.Response.WriteAsJsonAsync(new { ok = true })));
        var spec = Path.Combine(Path.GetTempPath(), $"th-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(spec, "openapi: 3.0.0\npaths:\n  /x: [unclosed\n");
        try
        {
            var r1 = await RunAsync(Probing.Options(server.Url) with { OpenApi = spec });
            Assert.Contains(r1.Report.Warnings, w => w.Input == spec && w.Message.Contains("not a valid OpenAPI", StringComparison.Ordinal));
            Assert.True(r1.Report.Stats["requests"] > 5);
        }
        finally
        {
            File.Delete(spec);
        }

        var r2 = await RunAsync(Probing.Options(server.Url) with { OpenApi = "http://127.0.0.1:1/openapi.json" });
        Assert.Contains(r2.Report.Warnings, w => w.Message.Contains("OpenAPI document unreachable", StringComparison.Ordinal));
        Assert.True(r2.Report.Stats["requests"] > 5, "the target is still probed");
    }

    [Fact]
    public async Task A_token_that_is_not_a_jwt_gives_a_warning_and_is_used_as_an_opaque_token()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig());
        var result = await RunAsync(Probing.Options(api.Url) with { Token = "opaque-session-token-0123456789abcdef" });
        Assert.Contains(result.Report.Warnings, w => w.Input == "--token" && w.Message.Contains("not a JWT", StringComparison.Ordinal));
        Assert.Contains(api.Server.Requests, r => r.Headers.TryGetValue("Authorization", out var a) && a == "Bearer opaque-session-token-0123456789abcdef");
        Assert.Contains(result.Score.Categories, c => c.Family == "jwt-validation" && c.Score is null);
    }

    [Fact]
    public async Task Non_json_where_json_is_expected_does_not_break_the_probe()
    {
        await using var server = await TestServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/jwks.json", () => Results.Text("<html>maintenance</html>", "text/html"));
            app.MapGet("/openapi.json", () => Results.Text("<html>not here</html>", "application/json"));
            app.MapPost("/v1/chat/completions", () => Results.Text("<html><body>502 Bad Gateway</body></html>", "text/html"));
            app.MapGet("/api/me", (HttpContext ctx) => ctx.Request.Headers.Authorization.ToString() == "Bearer " + ValidToken
                ? Results.Json(new { me = "alice", plan = "gold", orders = 3 }) : Results.Json(new { error = "unauthorized" }, statusCode: 401));
        });
        var token = ValidToken;
        var result = await RunAsync(Probing.Options(server.At("/api/me")) with { Token = token, LlmEndpoints = ["/v1/chat/completions"] });
        Assert.DoesNotContain(result.Report.Findings, f => f.Family is "llm-prompt-leak");
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("key confusion check skipped", StringComparison.Ordinal));
        Assert.True(result.Report.Stats["requests"] > 20);
    }

    [Fact]
    public async Task A_forged_token_counts_as_accepted_only_when_the_body_matches_too()
    {
        // The peers' false positive: every request gets 200, invalid tokens get an error body.
        await using var server = await TestServer.StartAsync(app => app.MapGet("/api/me", (HttpContext ctx) =>
            ctx.Request.Headers.Authorization.ToString() == "Bearer " + ValidToken
                ? Results.Json(new { user = "alice", email_verified = true, orders = new[] { 1, 2, 3 }, plan = "gold" })
                : Results.Json(new { error = "invalid or missing token", code = "UNAUTHORIZED" })));
        var result = await RunAsync(Probing.Options(server.At("/api/me")) with { Token = ValidToken });
        Assert.DoesNotContain(result.Report.Findings, f => f.Family is "jwt-validation" or "unauthenticated-access");
        Assert.True(server.Requests.Count(r => r.Headers.ContainsKey("Authorization")) > 10, "forged tokens were sent");
    }

    private static readonly string ValidToken = Jwt.B64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + Jwt.B64("{\"sub\":\"alice\",\"iss\":\"https://issuer.example\",\"exp\":4102444800}") + "." + Jwt.B64(new byte[256]);

    [Fact]
    public async Task A_twenty_endpoint_api_is_probed_within_the_default_budget_and_quickly_without_rate_limit()
    {
        var paths = Enumerable.Range(1, 20).Select(i => $"/api/resource{i}/{{id}}").ToList();
        var doc = "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"components\":{\"securitySchemes\":{\"b\":{\"type\":\"http\",\"scheme\":\"bearer\"}}},\"security\":[{\"b\":[]}],\"paths\":{"
            + string.Join(",", paths.Select(p => $"\"{p}\":{{\"get\":{{\"parameters\":[{{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{{\"type\":\"integer\"}}}}],\"responses\":{{\"200\":{{\"description\":\"ok\"}}}}}}}}")) + "}}";
        await using var api = await TestServer.StartAsync(app =>
        {
            app.MapGet("/openapi.json", () => Results.Text(doc, "application/json"));
            app.MapGet("/api/{name}/{id}", (HttpContext ctx, string name, string id) => ctx.Request.Headers.Authorization.ToString() == "Bearer " + ValidToken
                ? Results.Json(new { name, id, items = new[] { "a", "b", "c" }, owner = "alice" })
                : Results.Json(new { error = "unauthorized" }, statusCode: 401));
        });
        var sw = Stopwatch.StartNew();
        var result = await RunAsync(Probing.Options(api.Url) with { Token = ValidToken, Budget = 300 });
        sw.Stop();
        output.WriteLine($"20-endpoint probe, no rate limit: {result.Report.Stats["requests"]} requests in {sw.Elapsed.TotalSeconds:0.00} s (probe duration {result.Report.Stats["durationMs"]} ms)");
        Assert.Equal(21, result.Report.Stats["endpoints"]);
        Assert.True(api.Requests.Count <= 300, $"{api.Requests.Count} requests");
        Assert.True(result.Report.Stats["requests"] <= 300);
        // Kestrel itself answers the malformed-path probe (400) before the app sees it.
        Assert.InRange(api.Requests.Count, result.Report.Stats["requests"] - 2, result.Report.Stats["requests"]);
        Assert.Empty(result.Report.Findings);
    }
    [Fact]
    public async Task The_whole_probe_stops_at_its_time_limit()
    {
        await using var server = await TestServer.StartAsync(app => app.Run(async ctx =>
        {
            await Task.Delay(300);
            await ctx.Response.WriteAsJsonAsync(new { ok = true });
        }));
        var result = await RunAsync(Probing.Options(server.Url) with { MaxDuration = TimeSpan.FromSeconds(1) });
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("time limit of 1s reached", StringComparison.Ordinal));
        Assert.InRange(result.Report.Stats["requests"], 1, 6);
    }
}
