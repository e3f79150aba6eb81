using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TokenHound.Core;
using YamlDotNet.Serialization;

namespace TokenHound.Runtime.Remediation;

/// <summary>A CloudWatch Logs custom data identifier: a name and a regex in the subset CloudWatch accepts.</summary>
public sealed record CustomIdentifier(string Name, string Regex, IReadOnlyList<string> Kinds, string Description);

/// <summary>A metric filter + alarm on a CloudTrail log group for one trail detection family.</summary>
public sealed record TrailAlarm(string Name, string Family, string FilterPattern, int Threshold, int PeriodSeconds, string Description);

public sealed class RemediationOptions
{
    /// <summary>Log groups that get a log-group-level policy; none means one account-level policy.</summary>
    public IReadOnlyList<string> LogGroups { get; init; } = [];

    /// <summary>Token kinds to mask (secrets engine kinds); empty means every kind TokenHound has an identifier for.</summary>
    public IReadOnlySet<string> Kinds { get; init; } = new HashSet<string>();

    /// <summary>Trail detection families to alarm on (from a trail report); empty with a trail log group means all.</summary>
    public IReadOnlySet<string> TrailFamilies { get; init; } = new HashSet<string>();

    /// <summary>The log group CloudTrail delivers to; enables the trail metric filters and alarms.</summary>
    public string? TrailLogGroup { get; init; }

    public string PolicyName { get; init; } = "tokenhound-token-protection";
}

/// <summary>
/// `tokenhound remediate`: a CloudWatch Logs data-protection policy with custom data identifiers for the tokens the
/// managed identifiers do not cover (AWS key ids, session tokens, JWTs, bearer/basic credentials, Cognito refresh
/// tokens, API-key headers), alarms on <c>LogEventsWithFindings</c>, metric filters on token patterns, and metric
/// filters and alarms on a CloudTrail log group for the trail detections; as a CloudFormation template or raw JSON.
/// </summary>
public static partial class RemediationGenerator
{
    /// <summary>CloudWatch Logs limits for custom data identifiers (per policy).</summary>
    public const int MaxCustomIdentifiers = 10;

    public const int MaxRegexLength = 200;

    public const int MaxNameLength = 128;

    /// <summary>Managed identifiers that cover secrets (credentials category).</summary>
    public static readonly IReadOnlyList<string> ManagedIdentifiers =
    [
        "arn:aws:dataprotection::aws:data-identifier/AwsSecretKey",
        "arn:aws:dataprotection::aws:data-identifier/OpenSshPrivateKey",
        "arn:aws:dataprotection::aws:data-identifier/PgpPrivateKey",
        "arn:aws:dataprotection::aws:data-identifier/PkcsPrivateKey",
        "arn:aws:dataprotection::aws:data-identifier/PuttyPrivateKey",
    ];

    /// <summary>
    /// The custom identifiers. CloudWatch accepts only letters, digits, the symbols _ # = @ / ; , - and space, and the
    /// operators ^ $ ? [ ] { } | \ * + . in a regex: no groups, no lookarounds, no colon, no quotes.
    /// </summary>
    public static IReadOnlyList<CustomIdentifier> CustomIdentifiers { get; } =
    [
        new("TokenHound-AwsAccessKeyId", @"AKIA[A-Z2-7]{16}|ASIA[A-Z2-7]{16}|ABIA[A-Z2-7]{16}|ACCA[A-Z2-7]{16}", ["aws-access-key-id"], "AWS access key ids (long-term AKIA, temporary ASIA)"),
        new("TokenHound-AwsSessionToken", @"IQoJb3JpZ2lu[A-Za-z0-9/+=]{20,}|FwoGZXIvYXdz[A-Za-z0-9/+=]{20,}|FQoGZXIvYXdz[A-Za-z0-9/+=]{20,}|AQoDYXdzE[A-Za-z0-9/+=]{20,}", ["aws-session-token"], "AWS STS session tokens (in a URL-encoded presigned URL, the part before the first escape)"),
        new("TokenHound-Jwt", @"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*", ["jwt"], "JSON Web Tokens (Cognito ID/access tokens, OIDC tokens)"),
        new("TokenHound-CognitoRefreshToken", @"eyJjdHkiOiJKV1Qi[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{10,}", ["cognito-refresh-token"], "Cognito refresh tokens (JWE)"),
        new("TokenHound-BearerToken", @"[Bb]earer [A-Za-z0-9\-._+/]{16,}=*", ["bearer"], "Bearer credentials in Authorization headers"),
        new("TokenHound-BasicAuth", @"[Bb]asic [A-Za-z0-9+/]{12,}={0,2}", ["basic-auth"], "HTTP Basic credentials"),
        new("TokenHound-UrlCredentials", @"[a-z][a-z0-9+]{1,15}.//[A-Za-z0-9_.\-]{1,64}.[^/@ ]{3,128}@[A-Za-z0-9_\-]", ["basic-auth"], "user:password@ in connection URLs"),
        new("TokenHound-ApiKeyHeader", @"[Xx]-[Aa][Pp][Ii]-[Kk][Ee][Yy].{1,4}[A-Za-z0-9_\-]{20,}", ["api-key"], "x-api-key headers (API Gateway keys and similar)"),
    ];

    /// <summary>Short regexes for metric filters (CloudWatch allows two regex per filter pattern, five per log group).</summary>
    public const string TokenFilterPattern = @"%AKIA[A-Z2-7]{16}|ASIA[A-Z2-7]{16}|eyJ[A-Za-z0-9_\-]{10,}\.eyJ|[Bb]earer.[A-Za-z0-9\-._+/]{20,}%";

    public static IReadOnlyList<TrailAlarm> TrailAlarms { get; } =
    [
        new("ScannerUserAgent", "recon-with-leaked-key",
            """{ ($.userAgent = "*TruffleHog*") || ($.userAgent = "*trufflehog*") || ($.userAgent = "*Pacu*") || ($.userAgent = "*kali*") || ($.userAgent = "*parrot*") || ($.userAgent = "*pentoo*") }""",
            1, 300, "A key was used by a secret scanner or attack tool (THT004)."),
        new("AccountAuthorizationDetails", "recon-with-leaked-key",
            """{ ($.eventName = "GetAccountAuthorizationDetails") && ($.userIdentity.type = "IAMUser") }""",
            1, 300, "An IAM user key dumped the account's IAM configuration (THT004)."),
        new("CredentialPersistence", "session-token-abuse",
            """{ ($.eventName = "CreateAccessKey") || ($.eventName = "GetFederationToken") || ($.eventName = "CreateLoginProfile") || ($.eventName = "UpdateLoginProfile") }""",
            1, 300, "New long-lived credentials or console access were created (THT005)."),
        new("SecretHarvest", "secret-harvest",
            """{ (($.eventSource = "secretsmanager.amazonaws.com") && ($.eventName = "GetSecretValue")) || (($.eventSource = "ssm.amazonaws.com") && ($.requestParameters.withDecryption IS TRUE)) }""",
            20, 600, "Many secret reads in ten minutes (THT006; tokenhound trail tells one app's re-reads from a harvest)."),
        new("InstanceCredentialsOutsideVpc", "instance-credential-exfiltration",
            """{ ($.userIdentity.sessionContext.ec2RoleDelivery = "*") && ($.userIdentity.invokedBy NOT EXISTS) && ($.vpcEndpointId NOT EXISTS) && ($.sourceIPAddress != "*.amazonaws.com") && ($.sourceIPAddress != "AWS Internal") }""",
            1, 300, "EC2 instance-role calls that did not come through a VPC endpoint; review against the instances' addresses (THT001, GuardDuty InstanceCredentialExfiltration)."),
        new("LambdaCredentialsWithoutLambdaAgent", "lambda-credential-exfiltration",
            """{ ($.userIdentity.type = "AssumedRole") && ($.userIdentity.arn = "*-lambda-role*") && ($.userAgent != "*exec-env/AWS_Lambda*") && ($.userIdentity.invokedBy NOT EXISTS) }""",
            1, 300, "Calls with a Lambda execution role by a client that is not the Lambda runtime (THT002; adjust the role-name pattern)."),
    ];

    /// <summary>The data-protection policy document (the JSON that PutDataProtectionPolicy / PutAccountPolicy take).</summary>
    public static JsonObject PolicyDocument(RemediationOptions options)
    {
        var ids = SelectIdentifiers(options.Kinds);
        var dataIdentifiers = new JsonArray([.. ManagedIdentifiers.Select(m => (JsonNode)m), .. ids.Select(i => (JsonNode)i.Name)]);
        return new JsonObject
        {
            ["Name"] = options.PolicyName,
            ["Description"] = "Masks authentication tokens and AWS credentials in log events (generated by tokenhound remediate).",
            ["Version"] = "2021-06-01",
            ["Configuration"] = new JsonObject
            {
                ["CustomDataIdentifier"] = new JsonArray([.. ids.Select(i => (JsonNode)new JsonObject { ["Name"] = i.Name, ["Regex"] = i.Regex })]),
            },
            ["Statement"] = new JsonArray(
                new JsonObject
                {
                    ["Sid"] = "audit-policy",
                    ["DataIdentifier"] = dataIdentifiers.DeepClone(),
                    ["Operation"] = new JsonObject { ["Audit"] = new JsonObject { ["FindingsDestination"] = new JsonObject() } },
                },
                new JsonObject
                {
                    ["Sid"] = "redact-policy",
                    ["DataIdentifier"] = dataIdentifiers.DeepClone(),
                    ["Operation"] = new JsonObject { ["Deidentify"] = new JsonObject { ["MaskConfig"] = new JsonObject() } },
                }),
        };
    }

    public static IReadOnlyList<CustomIdentifier> SelectIdentifiers(IReadOnlySet<string> kinds)
    {
        var chosen = kinds.Count == 0
            ? CustomIdentifiers
            : CustomIdentifiers.Where(i => i.Kinds.Any(kinds.Contains)).ToList();

        // A report with only generic kinds still gets the core identifiers.
        return chosen.Count > 0 ? chosen : CustomIdentifiers;
    }

    /// <summary>The raw JSON output: the policy plus the metric filter and alarm definitions.</summary>
    public static string Json(RemediationOptions options)
    {
        var o = new JsonObject
        {
            ["dataProtectionPolicy"] = PolicyDocument(options),
            ["scope"] = options.LogGroups.Count == 0 ? "account (AWS::Logs::AccountPolicy, Scope ALL)" : "log groups",
            ["logGroups"] = new JsonArray([.. options.LogGroups.Select(g => (JsonNode)g)]),
            ["tokenMetricFilter"] = new JsonObject { ["filterPattern"] = TokenFilterPattern, ["metricNamespace"] = "TokenHound", ["metricName"] = "TokensInLogs" },
            ["trailAlarms"] = new JsonArray([.. SelectTrailAlarms(options).Select(a => (JsonNode)new JsonObject
            {
                ["name"] = a.Name,
                ["family"] = a.Family,
                ["filterPattern"] = a.FilterPattern,
                ["threshold"] = a.Threshold,
                ["periodSeconds"] = a.PeriodSeconds,
                ["description"] = a.Description,
            })]),
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    public static IReadOnlyList<TrailAlarm> SelectTrailAlarms(RemediationOptions options) =>
        options.TrailLogGroup is null
            ? []
            : options.TrailFamilies.Count == 0 ? TrailAlarms : [.. TrailAlarms.Where(a => options.TrailFamilies.Contains(a.Family))];

    /// <summary>A CloudFormation template (YAML).</summary>
    public static string CloudFormation(RemediationOptions options)
    {
        var policy = PolicyDocument(options);
        var resources = new Dictionary<string, object>();
        var alarmActions = new Dictionary<string, object>
        {
            ["Fn::If"] = new object[] { "HasAlarmTopic", new object[] { new Dictionary<string, object> { ["Ref"] = "AlarmTopicArn" } }, new Dictionary<string, object> { ["Ref"] = "AWS::NoValue" } },
        };

        if (options.LogGroups.Count == 0)
        {
            resources["TokenHoundDataProtectionPolicy"] = new Dictionary<string, object>
            {
                ["Type"] = "AWS::Logs::AccountPolicy",
                ["Properties"] = new Dictionary<string, object>
                {
                    ["PolicyName"] = options.PolicyName,
                    ["PolicyType"] = "DATA_PROTECTION_POLICY",
                    ["Scope"] = "ALL",
                    ["PolicyDocument"] = policy.ToJsonString(),
                },
            };
        }

        foreach (var group in options.LogGroups)
        {
            var id = LogicalId(group);
            resources[$"LogGroup{id}"] = new Dictionary<string, object>
            {
                ["Type"] = "AWS::Logs::LogGroup",
                ["DeletionPolicy"] = "Retain",
                ["UpdateReplacePolicy"] = "Retain",
                ["Properties"] = new Dictionary<string, object>
                {
                    ["LogGroupName"] = group,
                    ["RetentionInDays"] = new Dictionary<string, object> { ["Ref"] = "RetentionInDays" },
                    ["DataProtectionPolicy"] = ToPlain(policy)!,
                },
            };
            resources[$"TokenFilter{id}"] = new Dictionary<string, object>
            {
                ["Type"] = "AWS::Logs::MetricFilter",
                ["Properties"] = new Dictionary<string, object>
                {
                    ["LogGroupName"] = new Dictionary<string, object> { ["Ref"] = $"LogGroup{id}" },
                    ["FilterName"] = "tokenhound-tokens-in-logs",
                    ["FilterPattern"] = TokenFilterPattern,
                    ["MetricTransformations"] = new object[]
                    {
                        new Dictionary<string, object>
                        {
                            ["MetricNamespace"] = "TokenHound",
                            ["MetricName"] = "TokensInLogs",
                            ["MetricValue"] = "1",
                            ["DefaultValue"] = 0,
                            ["Dimensions"] = new object[] { new Dictionary<string, object> { ["Key"] = "LogGroup", ["Value"] = group } },
                        },
                    },
                },
            };
            resources[$"FindingsAlarm{id}"] = Alarm(
                $"tokenhound-tokens-masked-{Slug(group)}",
                $"Tokens or credentials were found (and masked) in {group}.",
                "AWS/Logs", "LogEventsWithFindings", 1, 300,
                [new Dictionary<string, object> { ["Name"] = "LogGroupName", ["Value"] = group }, new Dictionary<string, object> { ["Name"] = "DataProtectionOperation", ["Value"] = "Audit" }],
                alarmActions);
        }

        if (options.TrailLogGroup is { } trail)
        {
            foreach (var a in SelectTrailAlarms(options))
            {
                resources[$"Trail{a.Name}Filter"] = new Dictionary<string, object>
                {
                    ["Type"] = "AWS::Logs::MetricFilter",
                    ["Properties"] = new Dictionary<string, object>
                    {
                        ["LogGroupName"] = trail,
                        ["FilterName"] = $"tokenhound-{Slug(a.Name)}",
                        ["FilterPattern"] = a.FilterPattern,
                        ["MetricTransformations"] = new object[]
                        {
                            new Dictionary<string, object> { ["MetricNamespace"] = "TokenHound", ["MetricName"] = a.Name, ["MetricValue"] = "1", ["DefaultValue"] = 0 },
                        },
                    },
                };
                resources[$"Trail{a.Name}Alarm"] = Alarm($"tokenhound-{Slug(a.Name)}", a.Description, "TokenHound", a.Name, a.Threshold, a.PeriodSeconds, null, alarmActions);
            }
        }

        var template = new Dictionary<string, object>
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = "TokenHound remediation: mask tokens in CloudWatch Logs and alarm on token leaks and stolen-credential use.",
            ["Parameters"] = new Dictionary<string, object>
            {
                ["AlarmTopicArn"] = new Dictionary<string, object> { ["Type"] = "String", ["Default"] = "", ["Description"] = "SNS topic for the alarms (empty: no notification)." },
                ["RetentionInDays"] = new Dictionary<string, object> { ["Type"] = "Number", ["Default"] = 30, ["Description"] = "Retention of the managed log groups." },
            },
            ["Conditions"] = new Dictionary<string, object>
            {
                ["HasAlarmTopic"] = new Dictionary<string, object>
                {
                    ["Fn::Not"] = new object[] { new Dictionary<string, object> { ["Fn::Equals"] = new object[] { new Dictionary<string, object> { ["Ref"] = "AlarmTopicArn" }, "" } } },
                },
            },
            ["Resources"] = resources,
        };
        var serializer = new SerializerBuilder().DisableAliases().Build();
        var header = new StringBuilder();
        header.AppendLine("# Generated by tokenhound remediate.");
        if (options.LogGroups.Count > 0)
        {
            header.AppendLine("# Existing log groups must be imported into the stack first (change set of type IMPORT), or use the account-level policy (no --log-group).");
        }

        return header + serializer.Serialize(template);
    }

    private static Dictionary<string, object> Alarm(string name, string description, string ns, string metric, int threshold, int period,
        List<Dictionary<string, object>>? dimensions, Dictionary<string, object> alarmActions)
    {
        var props = new Dictionary<string, object>
        {
            ["AlarmName"] = name,
            ["AlarmDescription"] = description,
            ["Namespace"] = ns,
            ["MetricName"] = metric,
            ["Statistic"] = "Sum",
            ["Period"] = period,
            ["EvaluationPeriods"] = 1,
            ["Threshold"] = threshold,
            ["ComparisonOperator"] = "GreaterThanOrEqualToThreshold",
            ["TreatMissingData"] = "notBreaching",
            ["AlarmActions"] = alarmActions,
        };
        if (dimensions is not null)
        {
            props["Dimensions"] = dimensions;
        }

        return new Dictionary<string, object> { ["Type"] = "AWS::CloudWatch::Alarm", ["Properties"] = props };
    }

    /// <summary>Converts JSON nodes to plain dictionaries/lists/scalars for the YAML serializer.</summary>
    private static object? ToPlain(JsonNode? n) => n switch
    {
        null => null,
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)!),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => n.ToJsonString(),
    };

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonAlnum();

    public static string LogicalId(string logGroup)
    {
        var parts = NonAlnum().Split(logGroup).Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]);
        var id = string.Concat(parts);
        if (id.Length > 200)
        {
            id = id[..200];
        }

        return id.Length > 0 ? id : "Root";
    }

    private static string Slug(string s) => NonAlnum().Replace(s, "-").Trim('-').ToLowerInvariant();

    // ---- reading a previous report ----

    /// <summary>Reads a JSON report of `logs` / `trail` / `traces`: the log groups with token findings, their kinds, the trail families.</summary>
    public static (List<string> LogGroups, HashSet<string> Kinds, HashSet<string> TrailFamilies) ReadReport(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read --from {path}: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new UsageException($"--from {path} is not a JSON report (use --format json): {e.Message}");
        }

        if (root?["findings"] is not JsonArray findings)
        {
            throw new UsageException($"--from {path} is not a TokenHound JSON report (no \"findings\")");
        }

        var groups = new SortedSet<string>(StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var families = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            var family = f?["family"]?.GetValue<string>();
            if (family == "token-in-logs" && f?["location"]?["logGroup"]?.GetValue<string>() is { Length: > 0 } g)
            {
                groups.Add(g);
            }

            if (family is "token-in-logs" or "token-in-traces" or "token-crossed-boundary" && f?["properties"]?["kind"]?.GetValue<string>() is { } k)
            {
                kinds.Add(k);
            }

            if (family is not null && TrailAlarms.Any(a => a.Family == family))
            {
                families.Add(family);
            }

            if (family == "credential-multi-source")
            {
                families.Add("recon-with-leaked-key");
            }
        }

        return ([.. groups], kinds, families);
    }
}
