using System.Text;
using TokenHound.Secrets;

namespace TokenHound.Redaction.Tests;

public class TokenRedactorTests
{
    private static readonly TokenRedactor Redactor = new();

    [Fact]
    public void Tag_style_replaces_the_token_and_keeps_everything_else()
    {
        var text = $"2026-01-01T00:00:00Z INFO key={Tokens.AwsKeyId} user=alice";
        Assert.Equal("2026-01-01T00:00:00Z INFO key=[REDACTED:aws-access-key-id] user=alice", Redactor.Redact(text));
    }

    [Fact]
    public void Clean_text_comes_back_as_the_same_instance()
    {
        var text = "GET /orders/42 200 12ms requestId=6f1c2a9e-1b7d-4c55-9e0a-2b6f8d4c1a77";
        Assert.Same(text, Redactor.Redact(text));
        Assert.False(Redactor.TryRedact(text.AsSpan(), out var r));
        Assert.Null(r);
    }

    [Fact]
    public void Clean_text_allocates_nothing()
    {
        var text = "GET /orders/42 200 12ms requestId=6f1c2a9e-1b7d-4c55-9e0a-2b6f8d4c1a77 user agent curl/8.5";
        Redactor.TryRedact(text.AsSpan(), out _); // warm up (thread-static list, JIT)
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Redactor.TryRedact(text.AsSpan(), out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Jwt_in_an_authorization_header_is_redacted()
    {
        var jwt = Tokens.Jwt();
        var text = $"headers: {{\"Authorization\":\"Bearer {jwt}\",\"Host\":\"api.example.com\"}}";
        var r = Redactor.Redact(text);
        Assert.Equal("headers: {\"Authorization\":\"Bearer [REDACTED:jwt]\",\"Host\":\"api.example.com\"}", r);
    }

    [Fact]
    public void Prefix_style_keeps_a_short_prefix()
    {
        var r = new TokenRedactor(new RedactionOptions { Style = RedactionStyle.Prefix });
        Assert.Equal("id AKIA…[REDACTED] end", r.Redact($"id {Tokens.AwsKeyId} end"));
    }

    [Fact]
    public void Hmac_style_is_stable_per_key_and_token_and_differs_across_keys()
    {
        var a = new TokenRedactor(new RedactionOptions { Style = RedactionStyle.Hmac, HmacKey = "key-one"u8.ToArray() });
        var a2 = new TokenRedactor(new RedactionOptions { Style = RedactionStyle.Hmac, HmacKey = "key-one"u8.ToArray() });
        var b = new TokenRedactor(new RedactionOptions { Style = RedactionStyle.Hmac, HmacKey = "key-two"u8.ToArray() });
        var text = $"k={Tokens.AwsKeyId}";
        var ra = a.Redact(text);
        Assert.Matches("^k=\\[REDACTED:aws-access-key-id:[0-9a-f]{12}\\]$", ra);
        Assert.Equal(ra, a2.Redact(text));
        Assert.NotEqual(ra, b.Redact(text));
        Assert.NotEqual(ra, a.Redact($"k={Tokens.AwsKey(7)}"));

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("key-one"u8, Encoding.ASCII.GetBytes(Tokens.AwsKeyId)))[..12];
        Assert.Equal($"k=[REDACTED:aws-access-key-id:{expected}]", ra);
    }

    [Fact]
    public void Hmac_style_without_a_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TokenRedactor(new RedactionOptions { Style = RedactionStyle.Hmac }));
    }

    [Fact]
    public void A_multi_line_private_key_keeps_its_line_breaks()
    {
        var pem = FakeTokens.PemPrivateKey(newline: "\r\n");
        var text = $"config loaded\r\nkey:\r\n{pem}\r\ndone";
        var r = Redactor.Redact(text);
        Assert.DoesNotContain("PRIVATE KEY", r);
        Assert.Equal(text.Count(c => c == '\n'), r.Count(c => c == '\n'));
        Assert.StartsWith("config loaded\r\nkey:\r\n[REDACTED:private-key]\r\n", r);
        Assert.EndsWith("\r\ndone", r);
    }

    [Fact]
    public void Redacting_twice_changes_nothing()
    {
        foreach (var style in new[] { RedactionStyle.Tag, RedactionStyle.Prefix, RedactionStyle.Hmac })
        {
            var r = new TokenRedactor(new RedactionOptions { Style = style, HmacKey = [1, 2, 3] });
            var once = r.Redact($"a {Tokens.AwsKeyId} b Authorization: Bearer {Tokens.Jwt()} c");
            Assert.Equal(once, r.Redact(once));
            Assert.False(r.ContainsToken(once));
        }
    }

    [Fact]
    public void Redactor_is_thread_safe()
    {
        var texts = Enumerable.Range(0, 64).Select(i => $"line {i} key {Tokens.AwsKey(i)} jwt {Tokens.Jwt(i)} tail").ToArray();
        var expected = texts.Select(t => Redactor.Redact(t)).ToArray();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % texts.Length;
            Assert.Equal(expected[k], Redactor.Redact(texts[k]));
        });
        Assert.All(expected, e => Assert.Equal($"line {e.Split(' ')[1]} key [REDACTED:aws-access-key-id] jwt [REDACTED:jwt] tail", e));
    }

    [Fact]
    public void Documented_example_keys_stay_unless_asked()
    {
        var text = "AKIAIOSFODNN7EXAMPLE";
        Assert.Same(text, Redactor.Redact(text));
        var all = new TokenRedactor(new RedactionOptions { Secrets = new SecretsOptions { IncludeExamples = true } });
        Assert.Equal("[REDACTED:aws-access-key-id]", all.Redact(text));
    }
}
