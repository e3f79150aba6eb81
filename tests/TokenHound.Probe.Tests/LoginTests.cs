using System.Text.Json;
using TokenHound.Cli;
using TokenHound.Core;

namespace TokenHound.Probe.Tests;

/// <summary>--login-url: the token comes from a login request the user describes (real JWTs from Microsoft.IdentityModel), never from --token.</summary>
public sealed class LoginTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private static readonly string Credentials = JsonSerializer.Serialize(new { username = AuthApi.LoginUser, password = AuthApi.LoginPassword });

    private static Task<ProbeResult> RunAsync(ProbeOptions o) => new ProbeRunner(o).RunAsync().WaitAsync(Hang);

    private static ProbeOptions Login(AuthApi api, string? body = null) =>
        Probing.Options(api.Url) with { LoginUrl = "/login", LoginBody = body ?? Credentials };

    private static string AllText(ScanReport r) => JsonSerializer.Serialize(new
    {
        Findings = r.Findings.Select(f => new { f.RuleId, f.Message, f.Evidence, f.Location, f.Properties }),
        r.Warnings,
        r.Sections,
    });

    private static string[] JwtIds(ScanReport r) => [.. r.Findings.Where(f => f.Family == "jwt-validation").Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Alg_none_is_found_with_a_token_from_the_login_and_not_on_the_fixed_api()
    {
        await using var weak = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false });
        var w = await RunAsync(Login(weak));
        Assert.Contains("THP010", JwtIds(w.Report));
        Assert.Contains(weak.Server.Requests, r => r.Method == "POST" && r.PathAndQuery == "/login");
        Assert.Single(weak.Server.Requests, r => r.PathAndQuery == "/login");
        var login = w.Report.Sections.Single(s => s.Title == "Login");
        Assert.Contains(login.Rows, r => r[0] == "Token taken from" && r[1] == "response body (access_token)");
        Assert.Contains(weak.Server.Requests, r => r.Headers.TryGetValue("Authorization", out var a) && a.StartsWith("Bearer eyJ", StringComparison.Ordinal));
        var text = AllText(w.Report);
        Assert.DoesNotContain(AuthApi.LoginPassword, text, StringComparison.Ordinal);
        foreach (var f in w.Report.Findings)
        {
            Assert.DoesNotMatch(@"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}", f.Message + f.Evidence);
        }

        await using var fixedApi = await AuthApi.StartAsync(new AuthApiConfig());
        var f2 = await RunAsync(Login(fixedApi));
        Assert.Empty(JwtIds(f2.Report));
        Assert.Contains(f2.Score.Categories, c => c.Family == "jwt-validation" && c.Score == 100);
        Assert.True(fixedApi.Server.Requests.Count(r => r.Headers.TryGetValue("Authorization", out var a) && a.StartsWith("Bearer ey", StringComparison.Ordinal)) > 10, "forged tokens were sent");
    }

    [Fact]
    public async Task The_login_token_never_appears_in_full_in_the_report()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false, ReflectTokenInError = true });
        var r = await RunAsync(Login(api));
        Assert.NotEmpty(r.Report.Findings);
        var text = AllText(r.Report);
        var sent = api.Server.Requests.Select(q => q.Headers.GetValueOrDefault("Authorization")).OfType<string>().Where(a => a.StartsWith("Bearer eyJ", StringComparison.Ordinal)).Select(a => a[7..]).ToList();
        Assert.NotEmpty(sent);
        foreach (var t in sent.Distinct())
        {
            Assert.DoesNotContain(t, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cognito_shaped_response_with_a_token_path()
    {
        await using var weak = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false, Login = "cognito" });
        var w = await RunAsync(Login(weak) with { LoginTokenPath = "AuthenticationResult.IdToken" });
        Assert.Contains("THP010", JwtIds(w.Report));
        Assert.Contains(w.Report.Sections.Single(s => s.Title == "Login").Rows, r => r[1] == "response body (AuthenticationResult.IdToken)");

        // Without the path, the access token is found first (another audience): the API refuses it, so no JWT checks run.
        await using var weak2 = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false, Login = "cognito" });
        var w2 = await RunAsync(Login(weak2));
        Assert.Contains(w2.Report.Sections.Single(s => s.Title == "Login").Rows, r => r[1] == "response body (AuthenticationResult.AccessToken)");
        Assert.Empty(JwtIds(w2.Report));
        Assert.Contains(w2.Report.Warnings, x => x.Message.Contains("without --login-url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_from_a_set_cookie_is_sent_as_that_cookie_and_forged_in_it()
    {
        await using var weak = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false, Login = "cookie" });
        var w = await RunAsync(Login(weak));
        Assert.Contains("THP010", JwtIds(w.Report));
        Assert.Contains(w.Report.Sections.Single(s => s.Title == "Login").Rows, r => r[0] == "Sent as" && r[1] == "cookie id_token");
        Assert.Contains(weak.Server.Requests, r => r.Headers.TryGetValue("Cookie", out var c) && c.StartsWith("id_token=eyJ", StringComparison.Ordinal));

        await using var fixedApi = await AuthApi.StartAsync(new AuthApiConfig { Login = "cookie" });
        var f = await RunAsync(Login(fixedApi) with { LoginCookie = "id_token" });
        Assert.Empty(JwtIds(f.Report));
        Assert.Contains(f.Score.Categories, c => c.Family == "jwt-validation" && c.Score == 100);
    }

    [Fact]
    public async Task An_opaque_session_cookie_from_the_login_is_used_and_the_jwt_checks_are_skipped_with_a_warning()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig { Login = "opaque", OpenReports = true });
        var r = await RunAsync(Login(api));
        Assert.Contains(r.Report.Warnings, w => w.Input == "--login-url" && w.Message.Contains("not a JWT", StringComparison.Ordinal)
            && w.Message.Contains("sent as an opaque cookie", StringComparison.Ordinal));
        Assert.Contains(api.Server.Requests, q => q.PathAndQuery == "/api/profile" && q.Headers.TryGetValue("Cookie", out var c) && c == "sid=" + AuthApi.OpaqueSession);
        Assert.Contains(r.Report.Sections.Single(s => s.Title == "Login").Rows, x => x[0] == "Sent as" && x[1] == "cookie sid");
        Assert.Empty(JwtIds(r.Report));
        Assert.Contains(r.Score.Categories, c => c.Family == "jwt-validation" && c.Score is null);
        // The authorized baseline worked: the open /api/reports is told apart from the protected /api/profile.
        Assert.Contains(r.Report.Findings, f => f.RuleId == "THP001" && f.Location.Url!.EndsWith("/api/reports", StringComparison.Ordinal));
        Assert.DoesNotContain(AuthApi.OpaqueSession, AllText(r.Report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_bodies_are_sent_as_form_fields()
    {
        await using var weak = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false });
        var body = $"username={Uri.EscapeDataString(AuthApi.LoginUser)}&password={Uri.EscapeDataString(AuthApi.LoginPassword)}";
        var w = await RunAsync(Login(weak, body) with { LoginContentType = "application/x-www-form-urlencoded" });
        Assert.Contains("THP010", JwtIds(w.Report));
        Assert.Contains(weak.Server.Requests, r => r.PathAndQuery == "/login" && r.Headers["Content-Type"].StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal));
        Assert.DoesNotContain(AuthApi.LoginPassword, AllText(w.Report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_login_is_reported_and_the_probe_goes_on_without_credentials()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false, Login = "fail401" });
        var r = await RunAsync(Login(api));
        var w = Assert.Single(r.Report.Warnings, x => x.Input == "--login-url");
        Assert.Contains("login failed: POST /login answered 401", w.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect username or password", w.Message, StringComparison.Ordinal);
        Assert.Contains("the probe goes on without credentials", w.Message, StringComparison.Ordinal);
        Assert.Empty(JwtIds(r.Report));
        Assert.Contains(r.Score.Categories, c => c.Family == "jwt-validation" && c.Score is null);
        Assert.True(r.Report.Stats["requests"] > 10, "the rest of the probe went on");
        Assert.DoesNotContain(AuthApi.LoginPassword, AllText(r.Report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_response_without_a_token_is_reported()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false, Login = "notoken" });
        var r = await RunAsync(Login(api));
        var w = Assert.Single(r.Report.Warnings, x => x.Input == "--login-url");
        Assert.Contains("login answered 200 but no token was found", w.Message, StringComparison.Ordinal);
        Assert.Contains("--login-token-path", w.Message, StringComparison.Ordinal);
        Assert.Empty(JwtIds(r.Report));
        Assert.True(r.Report.Stats["requests"] > 10);

        // A path that is not in the body says so.
        await using var api2 = await AuthApi.StartAsync(new AuthApiConfig());
        var r2 = await RunAsync(Login(api2) with { LoginTokenPath = "data.jwt" });
        Assert.Contains(r2.Report.Warnings, x => x.Input == "--login-url" && x.Message.Contains("no string at the JSON path data.jwt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_login_gives_a_clear_warning_in_bounded_time()
    {
        var r = await RunAsync(Probing.Options(new Uri("http://tokenhound-login.invalid/")) with { LoginUrl = "/login", LoginBody = Credentials });
        Assert.Contains(r.Report.Warnings, x => x.Input == "--login-url" && x.Message.Contains("login request failed: DNS lookup failed", StringComparison.Ordinal));
        Assert.Equal(1, r.Report.Stats["requests"]);
    }

    [Fact]
    public async Task Dry_run_prints_the_login_request_sends_nothing_and_skips_the_token_checks()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig());
        var lines = new List<string>();
        var r = await RunAsync(Login(api) with { DryRun = true, DryRunLog = lines.Add });
        Assert.Empty(api.Server.Requests);
        Assert.StartsWith($"POST {api.Url.AbsoluteUri}login", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(AuthApi.LoginPassword, string.Join("\n", lines), StringComparison.Ordinal);
        Assert.Contains(r.Report.Warnings, x => x.Input == "--login-url" && x.Message.Contains("checks that need one (JWT validation, authorized baselines) are skipped", StringComparison.Ordinal));
        Assert.Contains(r.Score.Categories, c => c.Family == "jwt-validation" && c.Score is null);
    }

    [Fact]
    public async Task The_login_counts_against_the_budget()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig());
        var r = await RunAsync(Login(api) with { Budget = 5 });
        Assert.Equal(5, api.Server.Requests.Count);
        Assert.Equal("/login", api.Server.Requests.First().PathAndQuery);
    }

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = App.Run(args, new AppConsole(o, e, new StringReader("")));
        return (code, o.ToString(), e.ToString());
    }

    [Theory]
    [InlineData("not on the target host", "--login-url", "http://example.com/login")]
    [InlineData("give a path or an http(s) URL", "--login-url", "ftp://127.0.0.1/login")]
    [InlineData("not both", "--login-url", "/login", "--token", "abc.def.ghi")]
    [InlineData("need --login-url", "--login-body", "{}")]
    [InlineData("need --login-url", "--login-token-path", "access_token")]
    [InlineData("not valid JSON", "--login-url", "/login", "--login-body", "username=a&password=b")]
    [InlineData("not both", "--login-url", "/login", "--login-token-path", "a", "--login-cookie", "b")]
    [InlineData("--login-body-file /nonexistent/login.json", "--login-url", "/login", "--login-body-file", "/nonexistent/login.json")]
    [InlineData("not both", "--login-url", "/login", "--login-body", "{}", "--login-body-file", "/etc/hostname")]
    [InlineData("need --login-url", "--login-body-file", "/etc/hostname")]
    public void Login_usage_errors_exit_2(string message, params string[] args)
    {
        var (code, _, err) = Cli(["probe", "http://127.0.0.1/", .. args]);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_logs_in_with_a_body_file_and_reports_alg_none()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false });
        var file = Path.GetTempFileName();
        File.WriteAllText(file, Credentials);
        try
        {
            var (code, stdout, err) = Cli("probe", api.Url.AbsoluteUri, "--login-url", api.At("/login").AbsoluteUri, "--login-body-file", file,
                "--login-token-path", "access_token", "--rate", "0", "--format", "json");
            Assert.Equal(1, code);
            Assert.DoesNotContain(AuthApi.LoginPassword, stdout + err, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(stdout);
            Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "THP010");
            Assert.Contains(doc.RootElement.GetProperty("sections").EnumerateArray(), s => s.GetProperty("title").GetString() == "Login");
        }
        finally
        {
            File.Delete(file);
        }
    }
}

internal static class AuthApiExtensions
{
    public static Uri At(this AuthApi api, string path) => api.Server.At(path);
}
