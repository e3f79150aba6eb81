using TokenHound.Core;

namespace TokenHound.Scanning.Tests;

public sealed class DedupeTests
{
    private static readonly RuleInfo Rule = new()
    {
        Id = "THI024",
        Name = "state-passes-token",
        Cwe = "CWE-522",
        Title = "State passes a token",
        Family = "iac",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Description = "test",
        Remediation = "test",
    };

    private static Finding At(string message) => new()
    {
        Rule = Rule,
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = Rule.Title,
        Message = message,
        Location = new Location { Path = "statemachine/checkout.asl.json", Line = 12, Column = 3 },
        Fingerprint = "fp-1",
        Evidence = "\"Charge\": {",
    };

    [Fact]
    public void The_same_construct_reported_twice_keeps_one_finding_whatever_the_order_of_arrival()
    {
        var byTemplate = At("State 'Charge' of CheckoutFlow passes a token");
        var byFile = At("State 'Charge' of checkout.asl.json passes a token");
        var one = Scanner.Dedupe([byTemplate, byFile]);
        var other = Scanner.Dedupe([byFile, byTemplate]);
        Assert.Equal(byTemplate.Message, Assert.Single(one).Message);
        Assert.Equal(byTemplate.Message, Assert.Single(other).Message);
    }
}
