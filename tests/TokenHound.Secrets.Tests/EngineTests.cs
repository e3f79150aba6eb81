namespace TokenHound.Secrets.Tests;

public sealed class EngineTests
{
    [Fact]
    public void No_match_path_does_not_allocate()
    {
        // Many prefilter hits (token, secret, password, ://, basic, bearer, api-key, AKIA-like words) and no secret.
        const string Line = "const tokenizer = new Tokenizer(opts); // secret_name, password_policy, see https://docs.example.com/a Basic usage; the Bearer of x-api-key headers; Asia/Tokyo; pwd; apikey_id\n";
        var text = string.Concat(Enumerable.Repeat(Line, 2000));
        var engine = new SecretsEngine();
        var results = new List<SecretMatch>();
        engine.Scan(text.AsSpan(), results); // warm up (JIT, statics)
        var before = GC.GetAllocatedBytesForCurrentThread();
        engine.Scan(text.AsSpan(), results);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(results);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated on {text.Length} chars without a match");
    }

    [Fact]
    public void Detectors_are_dispatched_only_for_their_signatures_and_disabled_rules_do_not_run()
    {
        var engine = new SecretsEngine(new SecretsOptions { DisabledRules = new HashSet<string> { "THS010" } });
        Assert.DoesNotContain(engine.Detectors, d => d.Rule.Id == "THS010");
        Assert.Empty(engine.Scan("DB_PASSWORD=Zk8#vQ2m!Lw9Tr4x"));
        Assert.Equal(9, engine.Rules.Count());
    }

    [Fact]
    public void Fake_key_ids_decode_to_an_account()
    {
        var id = FakeTokens.AwsAccessKeyId(5);
        Assert.Matches("^AKIA[A-Z2-7]{16}$", id);
        Assert.NotNull(Detectors.AwsAccessKeyIdDetector.DecodeAccountId(id));
        Assert.Equal(["THS001"], TestEngine.Engine.Scan(id).Select(m => m.Rule.Id));
    }
}
