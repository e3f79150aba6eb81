using TokenHound.Core;

namespace TokenHound.Core.Tests;

public class FingerprintTests
{
    [Fact]
    public void Secret_fingerprint_depends_on_rule_and_value_only()
    {
        var a = Fingerprints.ForSecret("THS001", "AKIAZ7FAKEKEY2345X7Q");
        Assert.Equal(a, Fingerprints.ForSecret("THS001", "AKIAZ7FAKEKEY2345X7Q"));
        Assert.NotEqual(a, Fingerprints.ForSecret("THS001", "AKIAZ7FAKEKEY2345X7R"));
        Assert.NotEqual(a, Fingerprints.ForSecret("THS002", "AKIAZ7FAKEKEY2345X7Q"));
        Assert.Equal(32, a.Length);
    }

    [Fact]
    public void Construct_fingerprint_separates_parts()
    {
        Assert.NotEqual(Fingerprints.ForConstruct("THC001", "ab", "c"), Fingerprints.ForConstruct("THC001", "a", "bc"));
        Assert.NotEqual(Fingerprints.ForConstruct("THC001", "x"), Fingerprints.ForSecret("THC001", "x"));
    }

    [Fact]
    public void Mask_never_shows_more_than_a_quarter()
    {
        Assert.Equal("AKIA…[20 chars]", SecretMask.Mask("AKIAZ7FAKEKEY2345X7Q"));
        Assert.Equal("s…[7 chars]", SecretMask.Mask("secret1"));
        Assert.Equal("…[3 chars]", SecretMask.Mask("abc"));
    }
}

public class LineMapTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(3, 1, 4)]
    [InlineData(4, 2, 1)]
    [InlineData(10, 3, 2)]
    public void Maps_offsets_to_lines_and_columns(int offset, int line, int column)
    {
        var map = new LineMap("abc\ndef\r\nxy");
        Assert.Equal((line, column), map.Position(offset));
    }

    [Fact]
    public void Line_text_has_no_line_break()
    {
        var map = new LineMap("abc\ndef\r\nxy");
        Assert.Equal("def", map.LineText(2).ToString());
        Assert.Equal("xy", map.LineText(3).ToString());
        Assert.Equal("", map.LineText(4).ToString());
    }

    [Fact]
    public void SourceFile_location_has_end()
    {
        var f = new SourceFile { Path = "a.txt", Text = "x\nkey=SECRET\n" };
        var loc = f.At(6, 6);
        Assert.Equal((2, 5, 2, 11), (loc.Line, loc.Column, loc.EndLine, loc.EndColumn));
    }
}

public class InlineIgnoreTests
{
    [Theory]
    [InlineData("x = 1 # tokenhound:ignore", "THS001", true)]
    [InlineData("x = 1 // tokenhound:ignore THS001", "THS001", true)]
    [InlineData("x = 1 // tokenhound:ignore THS002, THS001", "THS001", true)]
    [InlineData("x = 1 // tokenhound:ignore THS002", "THS001", false)]
    [InlineData("x = 1", "THS001", false)]
    public void Marker_on_line(string line, string rule, bool ignored) => Assert.Equal(ignored, InlineIgnore.LineIgnores(line, rule));

    [Fact]
    public void Marker_on_line_before_counts()
    {
        var map = new LineMap("# tokenhound:ignore\nsecret\nsecret2\n");
        Assert.True(InlineIgnore.IsIgnored(map, 2, "THS001"));
        Assert.False(InlineIgnore.IsIgnored(map, 3, "THS001"));
    }
}

public class ConfigTests
{
    [Fact]
    public void Parses_every_section()
    {
        var cfg = TokenHoundConfig.Parse("""
            exclude: ["test/fixtures/**"]
            disable: [THS010]
            allow:
              values: ["^sk_test_"]
              fingerprints: ["abc"]
            trail:
              allow-cidrs: ["203.0.113.0/24"]
              window-minutes: 30
            """);
        Assert.Equal(["test/fixtures/**"], cfg.Exclude);
        Assert.True(cfg.IsDisabled("ths010"));
        Assert.Equal(30, cfg.Trail.WindowMinutes);
        Assert.Equal(["203.0.113.0/24"], cfg.Trail.AllowCidrs);
        Assert.Single(cfg.AllowValueRegexes);
    }

    [Theory]
    [InlineData("disable: [nope]")]
    [InlineData("allow:\n  values: ['(']")]
    [InlineData("exclude: [a\nb: : :")]
    [InlineData("unknown-key: 1")]
    public void Invalid_config_is_a_usage_error(string yaml) => Assert.Throws<UsageException>(() => TokenHoundConfig.Parse(yaml));

    [Fact]
    public void Allow_and_baseline_suppress()
    {
        var rule = new RuleInfo { Id = "THS001", Name = "n", Family = "f", Severity = Severity.High, Confidence = Confidence.High, Title = "t", Description = "d", Remediation = "r", Cwe = "CWE-798" };
        Finding F(string secret) => new()
        {
            Rule = rule, Severity = Severity.High, Confidence = Confidence.High, Title = "t", Message = "m", Location = new Location { Path = "a" },
            Evidence = "e", Secret = secret, Fingerprint = Fingerprints.ForSecret("THS001", secret),
        };
        var cfg = TokenHoundConfig.Parse("allow:\n  values: ['^test_']");
        var baseline = Baseline.From([F("base")]);
        var (kept, suppressed) = Suppressor.Apply([F("test_1"), F("base"), F("real")], cfg, baseline);
        Assert.Equal(["real"], kept.Select(k => k.Secret));
        Assert.Equal(2, suppressed);
    }

    [Fact]
    public void Baseline_round_trips_and_rejects_garbage()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "b.json");
            new Baseline { Findings = [new BaselineEntry { Fingerprint = "ab", RuleId = "THS001", Location = "x" }] }.Save(path);
            Assert.Equal("ab", Baseline.Load(path).Findings.Single().Fingerprint);
            File.WriteAllText(path, "{not json");
            Assert.Throws<UsageException>(() => Baseline.Load(path));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
