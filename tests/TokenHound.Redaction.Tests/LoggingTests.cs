using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenHound.Examples.Redaction;

namespace TokenHound.Redaction.Tests;

public class LoggingTests
{
    private static (ServiceProvider Sp, CapturingProvider Capture) Host(bool redact)
    {
        var capture = new CapturingProvider();
        var services = new ServiceCollection().AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (redact)
            {
                b.AddTokenRedaction();
            }

            b.AddProvider(capture); // added after AddTokenRedaction on purpose: still covered
        });
        return (services.BuildServiceProvider(), capture);
    }

    [Fact]
    public void Message_state_values_scopes_and_exceptions_are_redacted_before_the_provider()
    {
        var jwt = Tokens.Jwt();
        var (sp, capture) = Host(redact: true);
        using (sp)
        {
            var logger = sp.GetRequiredService<ILogger<LoggingTests>>();
            using (logger.BeginScope(new Dictionary<string, object?> { ["auth"] = "Bearer " + jwt }))
            using (logger.BeginScope("scope key " + Tokens.AwsKeyId))
            {
                logger.LogInformation("login with {Token} and {Headers}", jwt, new Dictionary<string, string> { ["Authorization"] = "Bearer " + jwt });
                logger.LogWarning("keys: {Keys}", (object)new[] { Tokens.AwsKeyId, "fine" });
                logger.LogError(new InvalidOperationException("rejected " + jwt, new ArgumentException("inner " + Tokens.AwsKeyId)), "failed");
            }
        }

        var all = capture.All;
        Assert.Equal(3, capture.Entries.Count);
        Assert.DoesNotContain(jwt.Split('.')[2], all);
        Assert.DoesNotContain(jwt.Split('.')[1], all);
        Assert.DoesNotContain(Tokens.AwsKeyId, all);
        Assert.Contains("login with [REDACTED:jwt] and", all);
        Assert.Contains("Authorization=Bearer [REDACTED:jwt]", all);
        Assert.Contains("rejected [REDACTED:jwt]", all);
        Assert.Contains("inner [REDACTED:aws-access-key-id]", all);
        Assert.Contains("System.InvalidOperationException", all); // the original type stays visible
        Assert.Contains("scope key [REDACTED:aws-access-key-id]", all);
    }

    [Fact]
    public void Without_the_integration_the_same_code_leaks()
    {
        var jwt = Tokens.Jwt();
        var (sp, capture) = Host(redact: false);
        using (sp)
        {
            sp.GetRequiredService<ILogger<LoggingTests>>().LogInformation("login with {Token}", jwt);
        }

        Assert.Contains(jwt, capture.All);
    }

    [Fact]
    public void Clean_entries_pass_through_unchanged_with_the_original_state()
    {
        var capture = new CapturingProvider();
        object? seen = null;
        var inner = new DelegateLogger((s, _) => seen = s);
        var logger = new RedactingLogger(inner, TokenRedactor.Default);
        var state = new List<KeyValuePair<string, object?>> { new("Order", 42), new("{OriginalFormat}", "order {Order}") };
        logger.Log(LogLevel.Information, default, state, null, (s, _) => "order 42");
        Assert.Same(state, seen);
        _ = capture;
    }

    [Fact]
    public void Sample_handler_before_leaks_and_after_writes_no_token()
    {
        var jwt = FakeJwtForSample();
        var request = new ApiRequest("POST", "/orders", new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer " + jwt,
            ["Content-Type"] = "application/json",
        }, Body: null);

        var before = new CapturingProvider();
        using (var sp = OrdersFunctionHost.Before(l => l.AddProvider(before)))
        {
            Assert.Equal(500, sp.GetRequiredService<OrdersHandler>().Handle(request).StatusCode);
        }

        var after = new CapturingProvider();
        using (var sp = OrdersFunctionHost.After(l => l.AddProvider(after)))
        {
            Assert.Equal(500, sp.GetRequiredService<OrdersHandler>().Handle(request).StatusCode);
        }

        Assert.Contains(jwt, before.All);
        Assert.Equal(3, after.Entries.Count);
        Assert.DoesNotContain(jwt, after.All);
        foreach (var part in jwt.Split('.'))
        {
            Assert.DoesNotContain(part, after.All);
        }

        Assert.False(TokenRedactor.Default.ContainsToken(after.All));
        Assert.Contains("Authorization header: Bearer [REDACTED:jwt]", after.All);
        Assert.Contains("caller Bearer [REDACTED:jwt]", after.All);
    }

    [Fact]
    public void Compliance_redactor_replaces_tokens_for_its_classification()
    {
        var taxonomy = new DataClassification("TokenHound", "MayHoldTokens");
        using var sp = new ServiceCollection().AddTokenComplianceRedaction(new DataClassificationSet(taxonomy)).BuildServiceProvider();
        var redactor = sp.GetRequiredService<IRedactorProvider>().GetRedactor(new DataClassificationSet(taxonomy));
        Assert.IsType<TokenComplianceRedactor>(redactor);
        Assert.Equal("user alice key [REDACTED:aws-access-key-id]", redactor.Redact($"user alice key {Tokens.AwsKeyId}"));
        Assert.Equal("no token here", redactor.Redact("no token here"));
        var dest = new char[redactor.GetRedactedLength($"k {Tokens.AwsKeyId}")];
        Assert.Equal(dest.Length, redactor.Redact($"k {Tokens.AwsKeyId}".AsSpan(), dest));
        Assert.Equal("k [REDACTED:aws-access-key-id]", new string(dest));
    }

    [Fact]
    public void Compliance_redactor_as_fallback()
    {
        using var sp = new ServiceCollection().AddTokenComplianceRedaction().BuildServiceProvider();
        var redactor = sp.GetRequiredService<IRedactorProvider>().GetRedactor(new DataClassificationSet(new DataClassification("Any", "Thing")));
        Assert.Equal("[REDACTED:jwt]", redactor.Redact(Tokens.Jwt()));
    }

    /// <summary>A Cognito-style access token, built here (never a literal).</summary>
    private static string FakeJwtForSample() => Secrets.FakeTokens.CognitoToken("access", 1893456000, seed: 9);

    private sealed class DelegateLogger(Action<object?, Exception?> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => log(state, exception);
    }
}
