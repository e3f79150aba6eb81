using TokenHound.Core;
using TokenHound.Secrets.Detectors;

namespace TokenHound.Secrets.Tests;

public sealed class AwsAccessKeyIdTests
{
    [Theory]
    [InlineData("ASIAY34FZKBOKMUTVV7A", "609629065308")] // published example (AWS security blog / Aidan Steele's research)
    [InlineData("ASIARTX3GSDSUVFAKE2Q", "111122223333")] // the fake key id of docs/rules/THS001.md
    [InlineData("AKIAZ7FAKEKEY2345X7Q", null)]
    public void Decodes_the_account_id(string keyId, string? account)
    {
        if (account is null)
        {
            Assert.Matches("^[0-9]{12}$", AwsAccessKeyIdDetector.DecodeAccountId(keyId)!);
        }
        else
        {
            Assert.Equal(account, AwsAccessKeyIdDetector.DecodeAccountId(keyId));
        }
    }

    [Fact]
    public void Old_format_ids_have_no_account()
    {
        Assert.Null(AwsAccessKeyIdDetector.DecodeAccountId("AKIAIOSFODNN7EXAMPLE")); // fifth char 'I' < 'Q'
        Assert.Null(AwsAccessKeyIdDetector.DecodeAccountId("AKIA123"));
    }

    [Theory]
    [InlineData("AKIA42GS7FQSF7XXXXRG", true)] // random key that happens to hold XXXX (found by the redactor's property test)
    [InlineData("AKIAXXXXXXXXXXXXXXXX", false)]
    [InlineData("AKIAIOSFODNN7EXAMPLE", false)]
    [InlineData("ASIA2222226ABCDEFGHQ", false)]
    public void Placeholder_key_ids_are_examples_only_when_padded_or_marked(string keyId, bool found)
    {
        Assert.Equal(!found, AwsAccessKeyIdDetector.IsPlaceholder(keyId));
        Assert.Equal(found ? 1 : 0, Scan.Matches("id=" + keyId + "\n").Count(m => m.Rule.Id == "THS001"));
    }

    [Fact]
    public void Reports_kind_and_account()
    {
        var m = Scan.Single("creds: ASIAY34FZKBOKMUTVV7A,", "THS001");
        Assert.Equal("609629065308", m.Properties["accountId"]);
        Assert.Equal("temporary (STS)", m.Properties["kind"]);
        Assert.Equal(Severity.High, m.Severity);
        var k = Scan.Single("AKIAZ7FAKEKEY2345X7Q", "THS001");
        Assert.Equal(Severity.Critical, k.Severity);
        Assert.Equal("long-term (IAM user)", k.Properties["kind"]);
    }
}

public sealed class AwsSecretAccessKeyTests
{
    private static readonly string Secret = FakeTokens.AwsSecretAccessKey(21);

    [Fact]
    public void Credentials_file_pairs_key_id_and_secret_into_one_finding()
    {
        var text = $"""
            [default]
            aws_access_key_id = AKIAZ7FAKEKEY2345X7Q
            aws_secret_access_key = {Secret}

            [prod]
            aws_access_key_id = ASIAY34FZKBOKMUTVV7A
            aws_secret_access_key = {FakeTokens.AwsSecretAccessKey(22)}
            aws_session_token = {FakeTokens.AwsSessionToken(23)}
            """;
        Assert.Equal(["THS002@3", "THS002@7", "THS003@8"], Scan.Lines(text));
        var pairs = Scan.Matches(text).Where(m => m.Rule.Id == "THS002").ToList();
        Assert.All(pairs, p => Assert.Equal("true", p.Properties["paired"]));
        Assert.All(pairs, p => Assert.Equal(2, p.Spans.Count));
        Assert.Equal("609629065308", pairs[1].Properties["accountId"]);
        Assert.Equal(Secret, pairs[0].Value);
        Assert.Equal(text.IndexOf("AKIAZ7FAKEKEY2345X7Q", StringComparison.Ordinal), pairs[0].Spans[1].Start);
        Assert.DoesNotContain("AKIAZ7FAKEKEY2345X7Q", pairs[0].Properties["keyId"]);
        Assert.StartsWith("AKIA", pairs[0].Properties["keyId"]);
        Assert.Equal(Severity.Critical, pairs[0].Severity);
    }

    [Fact]
    public void Secret_alone_with_keyword_is_found_unpaired()
    {
        var m = Scan.Single($"export AWS_SECRET_ACCESS_KEY={Secret}\n", "THS002");
        Assert.Equal("false", m.Properties["paired"]);
        Assert.Equal(Severity.High, m.Severity);
        Assert.Equal(Secret, m.Value);
    }

    [Fact]
    public void Key_id_further_than_five_lines_is_not_paired()
    {
        var text = "AKIAZ7FAKEKEY2345X7Q\n" + string.Concat(Enumerable.Repeat("# padding\n", 6)) + $"secret_key = {Secret}\n";
        Assert.Equal(["THS001@1", "THS002@8"], Scan.Lines(text));
    }

    [Fact]
    public void Without_context_a_40_char_value_is_not_a_secret()
    {
        Scan.None($"checksum = \"{Secret}\"\nimage: repo/app@{Secret}\n", "THS002");
    }

    [Fact]
    public void Key_id_gives_context_both_before_and_after()
    {
        var text = $"{{\"SecretAccessKey\":\"{Secret}\",\"AccessKeyId\":\"ASIAY34FZKBOKMUTVV7A\",\"Expiration\":\"2026-01-01T12:00:00Z\"}}";
        var m = Scan.Single(text, "THS002");
        Assert.Equal("true", m.Properties["paired"]);
        Scan.None(text, "THS001");

        var code = $"new BasicAWSCredentials(\"AKIAZ7FAKEKEY2345X7Q\", \"{Secret}\")";
        Assert.Equal("true", Scan.Single(code, "THS002").Properties["paired"]);
    }

    [Fact]
    public void Two_secrets_near_one_key_id_pair_with_the_nearest_only()
    {
        var text = $"aws_access_key_id=AKIAZ7FAKEKEY2345X7Q\naws_secret_access_key={Secret}\nbackup_secret_key={FakeTokens.AwsSecretAccessKey(24)}\n";
        var ms = Scan.Matches(text).Where(m => m.Rule.Id == "THS002").ToList();
        Assert.Equal(2, ms.Count);
        Assert.Equal("true", ms[0].Properties["paired"]);
        Assert.Equal("false", ms[1].Properties["paired"]);
    }

    [Fact]
    public void Longer_tokens_and_hex_digests_are_not_secrets()
    {
        Scan.None($"aws_secret_access_key = {Secret}AB", "THS002");
        Scan.None($"aws_secret_access_key = x{Secret}", "THS002");
        Scan.None("aws_secret_access_key = da39a3ee5e6b4b0d3255bfef95601890afd80709", "THS002");
    }

    [Fact]
    public void Disabled_key_id_rule_leaves_the_secret_unpaired()
    {
        var engine = new SecretsEngine(new SecretsOptions { DisabledRules = new HashSet<string> { "THS001" } });
        var m = Assert.Single(engine.Scan($"AKIAZ7FAKEKEY2345X7Q {Secret}"));
        Assert.Equal("false", m.Properties["paired"]);
    }
}

public sealed class AwsSessionTokenTests
{
    [Fact]
    public void Known_prefixes_are_found_without_keyword()
    {
        foreach (var prefix in (string[])["IQoJb3JpZ2luX2VjEFAaCXVz", "FwoGZXIvYXdzEBYaDFAKE"])
        {
            var token = FakeTokens.AwsSessionToken(31, prefix);
            var m = Scan.Single($"token dump: {token}\n", "THS003");
            Assert.Equal(token, m.Value);
            Assert.Equal("sts-session-token", m.Properties["format"]);
        }
    }

    [Fact]
    public void Keyword_context_finds_other_tokens()
    {
        var token = FakeTokens.AwsSessionToken(32, "AQoDYXdzEPT//////////wEa");
        var m = Scan.Single($"$env:AWS_SESSION_TOKEN = \"{token}\"", "THS003");
        Assert.Equal(token, m.Value);
        Scan.None($"build_cache = \"{token}\"", "THS003");
    }

    [Fact]
    public void Presigned_url_token_is_found_url_encoded()
    {
        var token = FakeTokens.AwsSessionToken(33).Replace("/", "%2F", StringComparison.Ordinal).Replace("+", "%2B", StringComparison.Ordinal);
        var m = Scan.Single($"https://b.s3.amazonaws.com/k?X-Amz-Security-Token={token}&X-Amz-Signature=abc", "THS003");
        Assert.Equal(token, m.Value);
    }

    [Fact]
    public void Prefix_inside_a_longer_blob_is_not_a_token()
    {
        Scan.None("data:application/octet-stream;base64,QUJD" + FakeTokens.AwsSessionToken(34), "THS003");
    }
}

/// <summary>The whole-value shape checks the code rules use for SDK literals (THC008).</summary>
public sealed class AwsKeyShapeTests
{
    [Fact]
    public void A_random_secret_key_has_the_shape_and_labels_do_not()
    {
        Assert.True(AwsSecretAccessKeyDetector.IsSecretKey(FakeTokens.AwsSecretAccessKey(7)));
        Assert.False(AwsSecretAccessKeyDetector.IsSecretKey("secret-access-key"));
        Assert.False(AwsSecretAccessKeyDetector.IsSecretKey("ExampleSecretKeyPlaceholderValueForTests"));
        Assert.False(AwsSecretAccessKeyDetector.IsSecretKey(FakeTokens.AwsSecretAccessKey(7) + "x"));
        Assert.False(AwsSecretAccessKeyDetector.IsSecretKey(FakeTokens.AwsSecretAccessKey(7)[..39] + "_"));
    }

    [Fact]
    public void A_key_id_is_recognised_as_a_whole_value()
    {
        Assert.True(AwsAccessKeyIdDetector.IsKeyIdAt("AKIAZ7FAKEKEY2345X7Q", 0));
        Assert.False(AwsAccessKeyIdDetector.IsKeyIdAt("shared_config_akid00", 0));
        Assert.False(AwsAccessKeyIdDetector.IsKeyIdAt("AKIAZ7FAKEKEY2345X0Q", 0));
    }
}
