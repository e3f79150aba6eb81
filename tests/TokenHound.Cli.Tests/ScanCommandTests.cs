using System.Text.Json;

namespace TokenHound.Cli.Tests;

public class ScanCommandTests
{
    private const string Key = "AKIAZ7FAKEKEY2345X7Q";

    [Fact]
    public void Finds_a_key_masks_it_and_exits_1()
    {
        using var dir = new TempDir();
        dir.Write("config/app.env", $"REGION=us-east-1\nAWS_ACCESS_KEY_ID={Key}\n");
        var r = Cli.Run("scan", dir.Path, "--no-progress");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("config/app.env", r.Out);
        Assert.Contains("2:19", r.Out);
        Assert.Contains("THS001", r.Out);
        Assert.DoesNotContain(Key, r.Out);
        Assert.Contains("AKIA…[20 chars]", r.Out);
    }

    [Fact]
    public void Show_secrets_prints_the_value()
    {
        using var dir = new TempDir();
        dir.Write("a.txt", Key);
        var r = Cli.Run("scan", dir.Path, "--show-secrets");
        Assert.Contains(Key, r.Out);
    }

    [Fact]
    public void Clean_folder_exits_0()
    {
        using var dir = new TempDir();
        dir.Write("a.txt", "nothing to see; AKIAIOSFODNN7EXAMPLE is the documented example key\n");
        var r = Cli.Run("scan", dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("0 finding(s)", r.Out);
    }

    [Fact]
    public void Include_examples_reports_documented_keys()
    {
        using var dir = new TempDir();
        dir.Write("a.txt", "AKIAIOSFODNN7EXAMPLE\n");
        var r = Cli.Run("scan", dir.Path, "--include-examples");
        Assert.Equal(1, r.ExitCode);
    }

    [Fact]
    public void Stdin_is_scanned()
    {
        var r = Cli.RunWithStdin($"x\n{Key}\n", "scan", "-");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("2:1", r.Out);
    }

    [Fact]
    public void Fail_on_critical_ignores_lower_findings()
    {
        // An ASIA (temporary) key id is high, not critical.
        var r = Cli.RunWithStdin("ASIAQ3FAKE5KEY6ID7XY\n", "scan", "-", "--fail-on", "critical");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("THS001", r.Out);
    }

    [Fact]
    public void Inline_ignore_and_config_suppress()
    {
        using var dir = new TempDir();
        dir.Write("a.py", $"k = '{Key}'  # tokenhound:ignore THS001\n");
        dir.Write("fixtures/b.txt", Key);
        dir.Write(".tokenhound.yml", "exclude: [\"fixtures/\"]\n");
        var r = Cli.Run("scan", dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("1 suppressed", r.Out);
    }

    [Fact]
    public void Baseline_hides_known_findings_only()
    {
        using var dir = new TempDir();
        dir.Write("a.txt", Key);
        var baseline = System.IO.Path.Combine(dir.Path, "..", System.IO.Path.GetFileName(dir.Path) + "-baseline.json");
        try
        {
            Assert.Equal(0, Cli.Run("baseline", "create", dir.Path, "-o", baseline).ExitCode);
            Assert.Equal(0, Cli.Run("scan", dir.Path, "--baseline", baseline).ExitCode);

            // The secret moves to another file: same fingerprint, still hidden. A new secret is reported.
            File.Delete(System.IO.Path.Combine(dir.Path, "a.txt"));
            dir.Write("moved/b.txt", "\n\n" + Key);
            Assert.Equal(0, Cli.Run("scan", dir.Path, "--baseline", baseline).ExitCode);
            dir.Write("c.txt", "AKIAZ7FAKEKEY2345X7R");
            var r = Cli.Run("scan", dir.Path, "--baseline", baseline);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("c.txt", r.Out);
            Assert.DoesNotContain("moved/b.txt", r.Out);
        }
        finally
        {
            File.Delete(baseline);
        }
    }

    [Fact]
    public void Report_goes_to_output_file()
    {
        using var dir = new TempDir();
        dir.Write("a.txt", Key);
        var report = System.IO.Path.Combine(dir.Path, "report.txt");
        var r = Cli.Run("scan", System.IO.Path.Combine(dir.Path, "a.txt"), "-o", report);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains("THS001", File.ReadAllText(report));
    }

    [Theory]
    [InlineData("scan", "--bogus")]
    [InlineData("scan", "/definitely/not/here")]
    [InlineData("scan", ".", "--format", "pdf")]
    [InlineData("scan", ".", "--fail-on", "severe")]
    [InlineData("scan", ".", "--jobs", "0")]
    [InlineData("scan", ".", "--since", "HEAD")]
    [InlineData("scan", ".", "--baseline", "/no/such/baseline.json")]
    [InlineData("scan", ".", "--config", "/no/such/config.yml")]
    [InlineData("rules", "THS999")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_2_with_one_line(params string[] args)
    {
        var r = Cli.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("tokenhound: error: ", r.Error);
    }

    [Fact]
    public void Invalid_config_exits_2_naming_the_file()
    {
        using var dir = new TempDir();
        dir.Write(".tokenhound.yml", "disable: [not-a-rule]\n");
        var r = Cli.Run("scan", dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(".tokenhound.yml", r.Error);
    }

    [Fact]
    public void A_template_secret_is_one_finding_with_its_context()
    {
        using var dir = new TempDir();
        dir.Write("template.yaml", $"""
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  Environment:
                    Variables:
                      AWS_ACCESS_KEY_ID: {Key}
            """);
        var r = Cli.Run("scan", dir.Path, "--format", "json");
        using var doc = JsonDocument.Parse(r.Out);
        var atLine = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("location").GetProperty("line").GetInt32() == 10)
            .Select(f => f.GetProperty("ruleId").GetString())
            .ToList();
        Assert.Equal(["THI013"], atLine);
    }

    [Fact]
    public void Gitignored_files_are_skipped_unless_asked()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(System.IO.Path.Combine(dir.Path, ".git"));
        dir.Write(".gitignore", "secrets.txt\n");
        dir.Write("secrets.txt", Key);
        Assert.Equal(0, Cli.Run("scan", dir.Path).ExitCode);
        Assert.Equal(1, Cli.Run("scan", dir.Path, "--no-gitignore").ExitCode);
    }

    [Fact]
    public void Example_app_has_findings()
    {
        var r = Cli.Run("scan", Path.Combine(Repo.Root, "examples", "leaky-app"), "--no-progress");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("template.yaml", r.Out);
        Assert.Contains("src/orders/handler.js", r.Out);
    }
}

public class RulesCommandTests
{
    [Fact]
    public void Lists_rules()
    {
        var r = Cli.Run("rules");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("THS001", r.Out);
        Assert.Contains("hardcoded-aws-credential", r.Out);
    }

    [Fact]
    public void Explains_one_rule_case_insensitively()
    {
        var r = Cli.Run("rules", "ths001");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("aws-access-key-id", r.Out);
        Assert.Contains("docs/rules/THS001.md", r.Out);
    }

    [Fact]
    public void Json_listing_parses()
    {
        var r = Cli.Run("rules", "--format", "json");
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Contains(doc.RootElement.EnumerateArray(), e => e.GetProperty("id").GetString() == "THS001");
    }
}
