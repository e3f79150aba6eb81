using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TokenHound.Probe.Tests;

/// <summary>Client-side token exposure through pages and the scripts they link.</summary>
public sealed class ExposureTests
{
    private const string Page = """
        <!doctype html>
        <html>
        <head>
          <title>Acme Orders</title>
          <script src="https://cdn.tokenhound-probe.example/vendor/analytics.js"></script>
          <script src="/static/app.js" defer></script>
        </head>
        <body><div id="root"></div></body>
        </html>
        """;

    private static Task<TestServer> ServeAsync(string script) => TestServer.StartAsync(app =>
    {
        app.MapGet("/", () => Results.Text(Page, "text/html"));
        app.MapGet("/static/app.js", () => Results.Text(script, "application/javascript"));
    });

    [Fact]
    public async Task A_linked_script_that_stores_a_token_is_reported_through_the_code_analyzers()
    {
        await using var server = await ServeAsync("""
            export async function refresh(api) {
              const r = await api.post('/auth/refresh');
              localStorage.setItem("refreshToken", r.refresh_token);
              return r;
            }
            """);
        var report = Probing.Run(Probing.Options(server.Url));
        var f = Assert.Single(report.Findings, f => f.RuleId == "THP024");
        Assert.Equal("/static/app.js", new Uri(f.Location.Url!).AbsolutePath);
        Assert.Equal("3", f.Properties["line"]);
        Assert.StartsWith("THC007", f.Properties["match"], StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/static/app.js");
    }

    [Fact]
    public async Task A_linked_script_that_keeps_the_token_in_memory_is_not_reported()
    {
        await using var server = await ServeAsync("""
            let accessToken = null;
            export async function refresh(api) {
              const r = await api.post('/auth/refresh', null, { withCredentials: true });
              accessToken = r.access_token;          // memory only; the refresh token is an HttpOnly cookie
              localStorage.setItem("lastRefresh", String(Date.now()));
              return r;
            }
            """);
        var report = Probing.Run(Probing.Options(server.Url));
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "THP024");
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/static/app.js");
    }

    [Fact]
    public void Inline_scripts_keep_their_line_numbers()
    {
        var text = ProbeRunner.InlineScripts("<p>a</p>\n<script>\nvar x = 1;\n</script>\n<script src=\"/a.js\">ignored()</script>");
        var lines = text.Split('\n');
        Assert.Equal("var x = 1;", lines[2]);
        Assert.DoesNotContain("ignored", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", text, StringComparison.Ordinal);
    }
    [Fact]
    public async Task A_single_page_app_fallback_is_not_an_open_secured_endpoint()
    {
        // CloudFront/S3 SPA hosting answers every path with index.html (200); the API lives elsewhere.
        await using var server = await TestServer.StartAsync(app =>
        {
            app.MapGet("/openapi.json", () => Results.Text(AuthApi.OpenApiDoc, "application/json"));
            app.MapFallback(() => Results.Text("<!doctype html><html><head><title>Acme</title></head><body><div id=\"root\"></div></body></html>", "text/html"));
        });
        var report = Probing.Run(Probing.Options(server.Url));
        Assert.DoesNotContain(report.Findings, f => f.Family == "unauthenticated-access");
    }

    [Fact]
    public async Task Ordinary_query_parameters_in_links_are_not_tokens()
    {
        await using var server = await TestServer.StartAsync(app => app.MapGet("/", () => Results.Text(
            "<html><body><a href=\"/shop?session=spring-sale-2024-week&auth=required\">Sale</a><a href=\"/login?token=expired\">Log in again</a></body></html>", "text/html")));
        var report = Probing.Run(Probing.Options(server.Url));
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "THP021");
    }
}
