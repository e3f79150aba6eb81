using TokenHound.Core;

namespace TokenHound.Reporting.Tests;

/// <summary>ScanReports built in code, with a finding of every location kind. Secrets are fake and assembled at run time.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    // Fake values (valid formats, not real credentials), assembled so the source never holds them whole.
    public static readonly string KeyId = "AKIA" + "Z7FAKEKEY2345X7Q";
    public static readonly string SecretKey = "q9Xr" + "FAKE" + "t8Lm2Zp4Vb7Nc1Qw5Ey3Ru6Ti0Oa9Sd" + "Fk";
    public static readonly string Jwt = "eyJhbGciOiJIUzI1NiJ9" + "." + "eyJzdWIiOiJmYWtlLXVzZXIiLCJleHAiOjE5MDAwMDAwMDB9" + "." + "c2lnbmF0dXJlLWZha2UtZm9yLXRlc3Rz";
    public static readonly string Bearer = "tok_" + "FAKEbearer9Z8Y7X6W5V4U3T2S1R0";
    public static readonly string SessionToken = "IQoJb3JpZ2lu" + "X2VjEFAKEFAKEFAKEsessiontokenfortests0123456789";
    public static readonly string ApiKey = "k3y" + "FAKEapiKEYvalue0011223344";

    public static readonly string[] AllSecrets = [KeyId, SecretKey, Jwt, Bearer, SessionToken, ApiKey];

    public static RuleInfo Rule(string id, string name, string family, Severity severity, Confidence confidence = Confidence.High, string cwe = "CWE-798") => new()
    {
        Id = id,
        Name = name,
        Family = family,
        Severity = severity,
        Confidence = confidence,
        Title = $"Title of {name}",
        Description = $"{name} finds things that leak tokens.",
        Remediation = $"Fix {name} by moving the token to a secret store.",
        Cwe = cwe,
        References = ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"],
    };

    public static readonly RuleInfo AccessKey = Rule("THS001", "aws-access-key-id", "hardcoded-aws-credential", Severity.High);
    public static readonly RuleInfo SecretAccessKey = Rule("THS002", "aws-secret-access-key", "hardcoded-aws-credential", Severity.Critical);
    public static readonly RuleInfo JwtRule = Rule("THS004", "jwt", "hardcoded-token", Severity.Medium, Confidence.Medium);
    public static readonly RuleInfo LogToken = Rule("THL001", "token-in-log-event", "token-in-logs", Severity.High, cwe: "CWE-532");
    public static readonly RuleInfo TrailRule = Rule("THT001", "instance-credential-exfiltration", "instance-credential-exfiltration", Severity.Critical, Confidence.Medium, "CWE-522");
    public static readonly RuleInfo TraceRule = Rule("THX001", "token-in-trace", "token-in-traces", Severity.Medium, cwe: "CWE-532");
    public static readonly RuleInfo ProbeRule = Rule("THP002", "token-reflection", "token-reflection", Severity.Low, Confidence.Low, "CWE-200");
    public static readonly RuleInfo InfoRule = Rule("THI001", "log-retention-unset", "log-exposure-config", Severity.Info, cwe: "CWE-779");

    /// <summary>A rule that ran without findings (must still be listed in SARIF).</summary>
    public static readonly RuleInfo QuietRule = Rule("THC001", "token-logged", "token-logged", Severity.Medium);

    public static Finding Make(RuleInfo rule, Location location, string? secret, string message, Severity? severity = null,
        IReadOnlyDictionary<string, string>? properties = null) => new()
    {
        Rule = rule,
        Severity = severity ?? rule.Severity,
        Confidence = rule.Confidence,
        Title = rule.Title,
        Message = message,
        Location = location,
        Evidence = secret is null ? "construct" : SecretMask.Mask(secret),
        Secret = secret,
        Fingerprint = secret is null ? Fingerprints.ForConstruct(rule.Id, location.Path, message) : Fingerprints.ForSecret(rule.Id, secret),
        Properties = properties ?? Finding.EmptyProperties,
    };

    public static Finding FileFinding => Make(AccessKey,
        new Location { Path = "src/handlers/app.js", Line = 12, Column = 20, EndLine = 12, EndColumn = 40 },
        KeyId, "AWS access key id (long-term) for account 123456789012",
        properties: new Dictionary<string, string> { ["kind"] = "long-term", ["accountId"] = "123456789012" });

    public static Finding CommitFinding => Make(SecretAccessKey,
        new Location
        {
            Path = "config/settings.py", Line = 3, Column = 1, EndLine = 4, EndColumn = 10,
            Commit = "0123456789abcdef0123456789abcdef01234567", Author = "Dev One <dev@example.com>",
            CommitDate = new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.FromHours(2)),
        },
        SecretKey, "AWS secret access key paired with a key id");

    public static Finding LogFinding => Make(LogToken,
        new Location
        {
            LogGroup = "/aws/lambda/orders-api", LogStream = "2026/03/01/[$LATEST]0123456789abcdef",
            Timestamp = new DateTimeOffset(2026, 3, 1, 12, 30, 45, 123, TimeSpan.Zero), RequestId = "8f5e4a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
        },
        Jwt, "JWT (HS256) logged while still valid",
        properties: new Dictionary<string, string> { ["alg"] = "HS256", ["tags"] = "not-a-tag-array" });

    public static Finding TrailFinding => Make(TrailRule,
        new Location
        {
            Path = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/03/01/trail.json.gz",
            EventId = "3f1d2c4b-5a6e-4f70-8192-a3b4c5d6e7f8",
            Timestamp = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero),
        },
        null, "Instance credentials ASIA… used from 203.0.113.7 outside AWS",
        properties: new Dictionary<string, string> { ["sourceIPAddress"] = "203.0.113.7", ["eventName"] = "ListBuckets" });

    public static Finding TraceFinding => Make(TraceRule,
        new Location { TraceId = "1-65f1a2b3-0123456789abcdef01234567", SegmentId = "53995c3f42cd8ad8", Service = "orders-api" },
        Bearer, "Bearer token in http.request headers; crossed orders-api → billing");

    public static Finding UrlFinding => Make(ProbeRule,
        new Location { Url = "http://127.0.0.1:5000/users?id=1", Request = "GET /users (Authorization: canary)" },
        ApiKey, "Canary token reflected in the error page");

    public static Finding InfoFinding => Make(InfoRule,
        new Location { Path = "template.yaml", Line = 40 }, null, "Log group has no retention");

    public static Finding SessionFinding => Make(AccessKey,
        new Location { Path = "src/handlers/app.js", Line = 30, Column = 5 }, SessionToken, "session token", Severity.Low);

    public static ScanReport Full() => new()
    {
        Command = "scan",
        Target = "examples/",
        Duration = TimeSpan.FromMilliseconds(1234),
        Suppressed = 2,
        Stats = new Dictionary<string, long> { ["files"] = 42, ["bytes"] = 123456 },
        Findings = [FileFinding, CommitFinding, LogFinding, TrailFinding, TraceFinding, UrlFinding, InfoFinding, SessionFinding],
        Warnings =
        [
            new ScanWarning("assets/logo.bin", "binary file skipped"),
            new ScanWarning("logs/broken.gz", "truncated gzip; 12 events read"),
        ],
        Sections =
        [
            new ReportSection("Tokens by log group", ["Log group", "Kind", "Count", "First seen", "Last seen"],
                [["/aws/lambda/orders-api", "jwt", "3", "2026-03-01T12:30:45Z", "2026-03-01T13:00:00Z"]]) { Note = "1 log group leaks tokens." },
            new ReportSection("Probe score", ["Category", "Score", "Grade"], [["JWT validation", "70", "C"], ["Overall", "82", "B"]]),
        ],
        Rules = [QuietRule, AccessKey],
    };

    public static ReportOptions Options(bool showSecrets = false) => new() { ShowSecrets = showSecrets, GeneratedAt = Now, ToolVersion = "1.2.3" };

    public static string Render(IReportWriter writer, ScanReport report, ReportOptions? options = null)
    {
        using var sw = new StringWriter();
        writer.Write(report, sw, options ?? Options());
        return sw.ToString();
    }

    /// <summary>The folder holding TokenHound.slnx, walking up from the test binaries (null when not found).</summary>
    public static string? RepoRoot()
    {
        var sourceDirectory = typeof(Fixtures).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, sourceDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TokenHound.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>../shared/schemas/sarif-schema-2.1.0.json beside the repository, or null with the reason.</summary>
    public static string? SarifSchemaPath(out string reason)
    {
        var root = RepoRoot();
        if (root is null)
        {
            reason = "TokenHound.slnx not found above " + AppContext.BaseDirectory;
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", "schemas", "sarif-schema-2.1.0.json"));
        reason = File.Exists(path) ? "" : $"the official SARIF schema is not at {path} (a fresh clone has no ../shared)";
        return reason.Length == 0 ? path : null;
    }
}
