using System.Text.Json;
using TokenHound.Cli;

namespace TokenHound.Probe.Tests;

/// <summary>`tokenhound probe` in-process: options, usage errors (exit 2), --fail-below (exit 1), dry run, masking.</summary>
public sealed class ProbeCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = App.Run(args, new AppConsole(o, e, new StringReader("")));
        return (code, o.ToString(), e.ToString());
    }

    [Theory]
    [InlineData("invalid URL", "probe", "ftp://example.com/")]
    [InlineData("invalid URL", "probe", "not a url")]
    [InlineData("must not carry credentials", "probe", "http://user:pw@127.0.0.1/")]
    [InlineData("--rate must be", "probe", "http://127.0.0.1/", "--rate", "-1")]
    [InlineData("--budget must be", "probe", "http://127.0.0.1/", "--budget", "0")]
    [InlineData("OpenAPI document not found", "probe", "http://127.0.0.1/", "--openapi", "/nonexistent/openapi.yaml")]
    [InlineData("--method P0ST", "probe", "http://127.0.0.1/", "--method", "P0ST")]
    [InlineData("--cookie takes name=value", "probe", "http://127.0.0.1/", "--cookie", "novalue")]
    [InlineData("not on the target host", "probe", "http://127.0.0.1/", "--llm", "http://example.com/v1/chat/completions")]
    public void Usage_errors_exit_2_with_one_line(string message, params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'), l => l.StartsWith("tokenhound: error:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_host_that_does_not_resolve_gives_one_warning_line_and_a_report()
    {
        var (code, stdout, err) = Run("probe", "http://tokenhound-probe-test.invalid/", "--format", "json");
        Assert.Equal(0, code);
        var line = Assert.Single(err.Split('\n'), l => l.Contains("DNS lookup failed", StringComparison.Ordinal));
        Assert.StartsWith("warning: http://tokenhound-probe-test.invalid: DNS lookup failed", line, StringComparison.Ordinal);
        Assert.Contains("probe stopped", line, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("stats").GetProperty("requests").GetInt64());
    }

    [Fact]
    public void A_public_key_that_is_not_pem_is_a_usage_error()
    {
        var f = Path.GetTempFileName();
        File.WriteAllText(f, "ssh-rsa AAAAB3NzaC1yc2E fake");
        try
        {
            var (code, _, err) = Run("probe", "http://127.0.0.1/", "--public-key", f);
            Assert.Equal(2, code);
            Assert.Contains("not a PEM file", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(f);
        }
    }

    [Fact]
    public async Task Fail_below_sets_exit_1_and_json_reports_the_score_and_stats()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig { RequireSignedTokens = false });
        var token = api.Token();
        var (code, stdout, err) = Run("probe", api.Url.AbsoluteUri, "--token", token, "--rate", "0", "--fail-on", "critical", "--fail-below", "C", "--format", "json");
        Assert.Equal(1, code);
        Assert.Contains("below C", err, StringComparison.Ordinal);
        Assert.DoesNotContain(token, stdout + err, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal("probe", root.GetProperty("command").GetString());
        Assert.True(root.GetProperty("stats").GetProperty("requests").GetInt64() > 20);
        Assert.Contains(root.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "THP010");
        Assert.Contains(root.GetProperty("sections").EnumerateArray(), s => s.GetProperty("title").GetString() == "Probe score");

        await using var fixedApi = await AuthApi.StartAsync(new AuthApiConfig());
        var ok = Run("probe", fixedApi.Url.AbsoluteUri, "--token", fixedApi.Token(), "--rate", "0", "--fail-below", "B", "-q");
        Assert.Equal(0, ok.Code);
    }

    [Fact]
    public async Task Dry_run_prints_the_requests_and_sends_none()
    {
        await using var api = await AuthApi.StartAsync(new AuthApiConfig());
        var token = api.Token();
        var (code, stdout, err) = Run("probe", api.Url.AbsoluteUri, "--token", token, "--dry-run", "--method", "POST");
        Assert.Equal(0, code);
        Assert.Empty(api.Server.Requests);
        Assert.Contains("dry-run: GET " + api.Url.AbsoluteUri, err, StringComparison.Ordinal);
        Assert.Contains("Dry run: requests that would be sent", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token, stdout + err, StringComparison.Ordinal);
    }
}
