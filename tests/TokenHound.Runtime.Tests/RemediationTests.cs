using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TokenHound.Runtime.Remediation;
using TokenHound.Secrets;
using YamlDotNet.RepresentationModel;
using static TokenHound.Runtime.Tests.TestUtil;

namespace TokenHound.Runtime.Tests;

public sealed class RemediationTests
{
    // CloudWatch Logs custom data identifier limits and character set (CWL-custom-data-identifiers).
    private static readonly Regex AllowedRegexChars = new(@"^[A-Za-z0-9_#=@/;,\- ^$?\[\]{}|\\*+.]+$");
    private static readonly Regex AllowedName = new(@"^[A-Za-z0-9_\-]{1,128}$");

    [Fact]
    public void Custom_identifiers_fit_cloudwatch_limits()
    {
        var ids = RemediationGenerator.CustomIdentifiers;
        Assert.InRange(ids.Count, 1, RemediationGenerator.MaxCustomIdentifiers);
        Assert.Equal(ids.Count, ids.Select(i => i.Name).Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Matches(AllowedName, id.Name);
            Assert.InRange(id.Regex.Length, 1, RemediationGenerator.MaxRegexLength);
            Assert.Matches(AllowedRegexChars, id.Regex);
            Assert.DoesNotContain("(", id.Regex);
            Assert.DoesNotContain("?=", id.Regex);
            _ = new Regex(id.Regex, RegexOptions.NonBacktracking); // RE2-like: must compile without backtracking features
        }
    }

    [Fact]
    public void Each_identifier_matches_what_the_engine_finds()
    {
        var engine = new SecretsEngine();
        var covered = RemediationGenerator.CustomIdentifiers.SelectMany(i => i.Kinds).ToHashSet();
        var checkedKinds = new HashSet<string>();
        foreach (var d in DetectorCatalog.All().Where(d => covered.Contains(d.Kind)))
        {
            foreach (var text in d.Examples)
            {
                foreach (var m in engine.Scan(text).Where(m => m.Kind == d.Kind))
                {
                    var ok = RemediationGenerator.CustomIdentifiers
                        .Where(i => i.Kinds.Contains(m.Kind))
                        .Any(i => new Regex(i.Regex).Matches(text).Any(x => x.Index <= m.Start && x.Index + x.Length >= m.Start + Math.Min(m.Length, 16)));
                    Assert.True(ok, $"no custom identifier masks the {m.Kind} in: {text}");
                    checkedKinds.Add(m.Kind);
                }
            }
        }

        // The logs samples' tokens too.
        foreach (var value in new[] { "AKIAQ3FAKELOGKEY2345", "ASIAQ3FAKE5KEY6ID7XY", LogsTests.FakeJwt(1893456000) })
        {
            Assert.Contains(RemediationGenerator.CustomIdentifiers, i => Regex.IsMatch(value, i.Regex));
        }

        Assert.Superset(new HashSet<string> { "aws-access-key-id", "jwt", "bearer", "aws-session-token" }, checkedKinds);
    }

    [Theory]
    [InlineData("AROAQ3FAKE5KEY6ID7XY")]
    [InlineData("akiaq3fake5key6id7xy")]
    [InlineData("Authorization: Bearer <token>")]
    [InlineData("Authorization: Bearer ${accessToken}")]
    [InlineData("eyJub3QganNvbg and eyJhbGciOiJIUzI1NiJ9")]
    [InlineData("x-api-key: abc123")]
    [InlineData("Authorization: Basic ${BASIC_AUTH}")]
    [InlineData("aws_session_token = IQoJb3JpZ2luX2VjEFAKE")]
    [InlineData("request 8f5a1c2e-3b4d-4e6f-9a0b-1c2d3e4f5a6b done in 12 ms")]
    [InlineData("https://docs.aws.amazon.com/lambda/latest/dg/welcome.html")]
    public void Identifiers_leave_look_alikes_alone(string text) =>
        Assert.DoesNotContain(RemediationGenerator.CustomIdentifiers, i => Regex.IsMatch(text, i.Regex));

    [Fact]
    public void Policy_document_has_the_cloudwatch_structure()
    {
        var doc = RemediationGenerator.PolicyDocument(new RemediationOptions());
        Assert.Equal("2021-06-01", doc["Version"]!.GetValue<string>());
        Assert.Equal("tokenhound-token-protection", doc["Name"]!.GetValue<string>());
        var custom = doc["Configuration"]!["CustomDataIdentifier"]!.AsArray();
        Assert.Equal(RemediationGenerator.CustomIdentifiers.Count, custom.Count);
        var statements = doc["Statement"]!.AsArray();
        Assert.Equal(2, statements.Count);
        Assert.NotNull(statements[0]!["Operation"]!["Audit"]!["FindingsDestination"]);
        Assert.Empty(statements[1]!["Operation"]!["Deidentify"]!["MaskConfig"]!.AsObject());
        var audit = statements[0]!["DataIdentifier"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        var mask = statements[1]!["DataIdentifier"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        Assert.Equal(audit, mask); // the two lists must match exactly
        Assert.Contains("arn:aws:dataprotection::aws:data-identifier/AwsSecretKey", audit);
        foreach (var c in custom)
        {
            Assert.Contains(c!["Name"]!.GetValue<string>(), audit);
        }

        Assert.True(doc.ToJsonString().Length < 30720);

        // Kinds from a report narrow the identifiers.
        var narrow = RemediationGenerator.PolicyDocument(new RemediationOptions { Kinds = new HashSet<string> { "jwt" } });
        Assert.Equal("TokenHound-Jwt", Assert.Single(narrow["Configuration"]!["CustomDataIdentifier"]!.AsArray())!["Name"]!.GetValue<string>());
    }

    private static YamlMappingNode Yaml(string text)
    {
        var ys = new YamlStream();
        ys.Load(new StringReader(text));
        return (YamlMappingNode)ys.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode n, string key) => (YamlMappingNode)((YamlMappingNode)n)[key];

    private static string Scalar(YamlNode n, string key) => ((YamlScalarNode)((YamlMappingNode)n)[key]).Value!;

    [Fact]
    public void Account_policy_template()
    {
        var root = Yaml(RemediationGenerator.CloudFormation(new RemediationOptions()));
        Assert.Equal("2010-09-09", Scalar(root, "AWSTemplateFormatVersion"));
        var res = Map(root, "Resources");
        var policy = Map(res, "TokenHoundDataProtectionPolicy");
        Assert.Equal("AWS::Logs::AccountPolicy", Scalar(policy, "Type"));
        var props = Map(policy, "Properties");
        Assert.Equal("DATA_PROTECTION_POLICY", Scalar(props, "PolicyType"));
        Assert.Equal("ALL", Scalar(props, "Scope"));
        var doc = JsonNode.Parse(Scalar(props, "PolicyDocument"))!;
        Assert.Equal("2021-06-01", doc["Version"]!.GetValue<string>());
    }

    [Fact]
    public void Log_group_template_with_filters_and_alarms()
    {
        var text = RemediationGenerator.CloudFormation(new RemediationOptions { LogGroups = ["/aws/lambda/orders-api"], TrailLogGroup = "aws-cloudtrail-logs-111122223333" });
        var res = Map(Yaml(text), "Resources");
        var lg = Map(res, "LogGroupAwsLambdaOrdersApi");
        Assert.Equal("AWS::Logs::LogGroup", Scalar(lg, "Type"));
        var lgProps = Map(lg, "Properties");
        Assert.Equal("/aws/lambda/orders-api", Scalar(lgProps, "LogGroupName"));
        var dpp = Map(lgProps, "DataProtectionPolicy");
        Assert.Equal("2021-06-01", Scalar(dpp, "Version"));
        var filter = Map(Map(res, "TokenFilterAwsLambdaOrdersApi"), "Properties");
        Assert.Equal(RemediationGenerator.TokenFilterPattern, Scalar(filter, "FilterPattern"));
        var alarm = Map(Map(res, "FindingsAlarmAwsLambdaOrdersApi"), "Properties");
        Assert.Equal("LogEventsWithFindings", Scalar(alarm, "MetricName"));
        Assert.Equal("AWS/Logs", Scalar(alarm, "Namespace"));
        Assert.Equal("AWS::CloudWatch::Alarm", Scalar(Map(res, "TrailScannerUserAgentAlarm"), "Type"));
        Assert.Equal("aws-cloudtrail-logs-111122223333", Scalar(Map(Map(res, "TrailCredentialPersistenceFilter"), "Properties"), "LogGroupName"));

        // Filter-pattern regexes use only what CloudWatch accepts (no groups, no spaces) and match a key.
        var inner = RemediationGenerator.TokenFilterPattern.Trim('%');
        Assert.Matches(new Regex(@"^[A-Za-z0-9:_#=@/;,\-^$?\[\]{}|\\*+.]+$"), inner);
        Assert.Matches(new Regex(inner), "key=AKIAQ3FAKELOGKEY2345");
        Assert.Matches(new Regex(inner), "Authorization: Bearer " + LogsTests.FakeJwt(1893456000));
    }

    [Fact]
    public void Cli_remediate_from_a_logs_report()
    {
        using var dir = new TempDir();
        var report = Path.Combine(dir.Path, "logs.json");
        var (e1, _, _) = RunCli("logs", TestData("THL001", "positive", "filter-log-events.json"), "--log-group", "/aws/lambda/billing", "--format", "json", "--output", report);
        Assert.Equal(1, e1);
        var (e2, cfn, _) = RunCli("remediate", "--from", report);
        Assert.Equal(0, e2);
        var res = Map(Yaml(cfn), "Resources");
        Assert.Equal("/aws/lambda/billing", Scalar(Map(Map(res, "LogGroupAwsLambdaBilling"), "Properties"), "LogGroupName"));

        var (e3, json, _) = RunCli("remediate", "--format", "json", "--log-group", "/aws/lambda/a");
        Assert.Equal(0, e3);
        var node = JsonNode.Parse(json)!;
        Assert.Equal("2021-06-01", node["dataProtectionPolicy"]!["Version"]!.GetValue<string>());

        Assert.Equal(2, RunCli("remediate", "--log-group", "bad name!").Exit);
        Assert.Equal(2, RunCli("remediate", "--from", Path.Combine(dir.Path, "missing.json")).Exit);
        var outFile = Path.Combine(dir.Path, "t.yaml");
        Assert.Equal(0, RunCli("remediate", "--output", outFile).Exit);
        Assert.Contains("AWS::Logs::AccountPolicy", File.ReadAllText(outFile));
    }
}
