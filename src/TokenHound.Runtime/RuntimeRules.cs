using TokenHound.Core;

namespace TokenHound.Runtime;

/// <summary>Rules of the runtime commands (logs, trail, traces).</summary>
public static class RuntimeRules
{
    private const string CtDocs = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html";

    public static readonly RuleInfo TokenInLogEvent = new()
    {
        Id = "THL001",
        Name = "token-in-log-event",
        Family = "token-in-logs",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "Token or credential written to CloudWatch Logs",
        Description = "A log event holds a token or credential (AWS key, session token, JWT, bearer token, API key …). Everyone who can read the log group — developers, log shippers, the SIEM, support tools — can use it while it is valid. JWTs are judged at the event's time and now: a token that was live when logged is more severe, one that is still unexpired is critical.",
        Remediation = "Revoke or rotate the credential, stop logging it (log a redacted form, never whole headers or events), and attach a CloudWatch Logs data-protection policy (`tokenhound remediate`) so that the next leak is masked. Restrict who can read the log group and set a retention period.",
        Cwe = "CWE-532",
        References =
        [
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/mask-sensitive-log-data.html",
            "https://cwe.mitre.org/data/definitions/532.html",
        ],
    };

    public static readonly RuleInfo InstanceCredentialExfiltration = new()
    {
        Id = "THT001",
        Name = "ec2-role-credentials-used-elsewhere",
        Family = "instance-credential-exfiltration",
        Severity = Severity.High,
        Confidence = Confidence.Medium,
        Title = "EC2 instance-role credentials used from another network",
        Description = "Temporary credentials delivered to an EC2 instance (role session named after the instance id, or `ec2RoleDelivery` in the session context) were used from a public address other than the instance's own, or from outside AWS. Credentials stolen through SSRF to the instance metadata service are used exactly like this.",
        Remediation = "Revoke the role's active sessions (IAM console: Revoke active sessions, or an `aws:TokenIssueTime` deny policy), find how the credentials left the instance (SSRF, IMDSv1, a logged environment), require IMDSv2 with a hop limit of 1, and add the `aws:ec2InstanceSourceVPC` / `aws:ec2InstanceSourcePrivateIPv4` condition keys to the role's policies.",
        Cwe = "CWE-522",
        References =
        [
            "https://netflixtechblog.com/netflix-cloud-security-detecting-credential-compromise-in-aws-9493d6fd373a",
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-iam.html#unauthorizedaccess-iam-instancecredentialexfiltrationoutsideaws",
            CtDocs,
        ],
    };

    public static readonly RuleInfo LambdaCredentialExfiltration = new()
    {
        Id = "THT002",
        Name = "lambda-role-credentials-used-elsewhere",
        Family = "lambda-credential-exfiltration",
        Severity = Severity.High,
        Confidence = Confidence.Medium,
        Title = "Lambda execution-role credentials used outside Lambda",
        Description = "Credentials that a Lambda function used (user agent with `exec-env/AWS_Lambda…`) were also used by a client that is not running in Lambda, from a public address the function never used. Lambda credentials live in the function's environment variables; code injection, a logged `process.env` or an SSRF to the runtime API leaks them.",
        Remediation = "Revoke the execution role's active sessions, find the leak (environment dumps in logs or error responses, code injection), scope the role down, and add `aws:SourceVpc` / `lambda:SourceFunctionArn` conditions where possible.",
        Cwe = "CWE-522",
        References =
        [
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime",
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-iam.html",
        ],
    };

    public static readonly RuleInfo MultiSource = new()
    {
        Id = "THT003",
        Name = "access-key-multi-network",
        Family = "credential-multi-source",
        Severity = Severity.Medium,
        Confidence = Confidence.Medium,
        Title = "One access key used from several public networks within a short window",
        Description = "The same access key id (AKIA… or ASIA…) made calls from several distinct public networks (/24 for IPv4, /48 for IPv6) within the configured window. A key that is used by its owner and by someone who copied it shows up this way.",
        Remediation = "Check with the key's owner which networks are expected; if not all are, deactivate the key (or revoke the role's sessions) and rotate it. Add expected egress ranges to `trail.allow-cidrs` in .tokenhound.yml.",
        Cwe = "CWE-522",
        References = ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#securing_access-keys"],
    };

    public static readonly RuleInfo Recon = new()
    {
        Id = "THT004",
        Name = "reconnaissance-with-key",
        Family = "recon-with-leaked-key",
        Severity = Severity.High,
        Confidence = Confidence.Medium,
        Title = "Reconnaissance calls with a key from an unfamiliar source",
        Description = "An access key made discovery calls (GetCallerIdentity, ListBuckets, GetAccountAuthorizationDetails, ListUsers …) from a network it had not been used from before, or with the user agent of a secret scanner or attack tool (TruffleHog, Pacu, Kali …). This is what the first minutes after a key leak look like.",
        Remediation = "Deactivate the key (or revoke the role's sessions), rotate it, and find where it leaked (run `tokenhound scan --history` on the repositories that use it).",
        Cwe = "CWE-522",
        References =
        [
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-iam.html#pentest-iam-kalilinux",
            "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html",
        ],
    };

    public static readonly RuleInfo Persistence = new()
    {
        Id = "THT005",
        Name = "credential-persistence",
        Family = "session-token-abuse",
        Severity = Severity.High,
        Confidence = Confidence.Medium,
        Title = "New credentials issued from a suspicious source",
        Description = "A key created more credentials (GetSessionToken, GetFederationToken, CreateAccessKey, CreateLoginProfile, chained AssumeRole) from a network the principal had not used before, or after it was already seen misused. Attackers mint their own credentials so that rotating the leaked key does not lock them out. When the new key appears later in the trail, its use is linked to the issuing event.",
        Remediation = "Delete the created access keys / login profiles, revoke sessions issued by GetSessionToken/GetFederationToken/AssumeRole (deny on `aws:TokenIssueTime`), deactivate the issuing key and rotate it.",
        Cwe = "CWE-522",
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
            "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html",
        ],
    };

    public static readonly RuleInfo Harvest = new()
    {
        Id = "THT006",
        Name = "secret-harvest-burst",
        Family = "secret-harvest",
        Severity = Severity.High,
        Confidence = Confidence.Medium,
        Title = "Burst of secret reads by one identity",
        Description = "One identity read many different secrets in a short window: secretsmanager:GetSecretValue, ssm:GetParameter(s)/GetParametersByPath with decryption, kms:Decrypt. Applications read their own few secrets; reading many distinct ones is how stolen credentials are turned into more credentials.",
        Remediation = "Find out whether the identity's owner did this; if not, revoke its credentials, rotate every secret it read (the finding lists them), and scope its policy to the secrets it needs.",
        Cwe = "CWE-522",
        References = ["https://docs.aws.amazon.com/secretsmanager/latest/userguide/monitoring-cloudtrail.html"],
    };

    public static readonly RuleInfo ImpossibleTravel = new()
    {
        Id = "THT007",
        Name = "access-key-impossible-travel",
        Family = "credential-multi-source",
        Severity = Severity.High,
        Confidence = Confidence.Medium,
        Title = "Access key used from distant countries or an anonymizing network",
        Description = "With a MaxMind-format database (--geoip), an access key was used from two places too far apart for the time between the calls (faster than 1000 km/h, or two countries within the window when the database has no coordinates), or from an anonymizing network (VPN, Tor, hosting provider flagged by the database).",
        Remediation = "Confirm with the key's owner; deactivate and rotate the key if the use is not theirs. Add known VPN egress ranges to `trail.allow-cidrs` or their ASNs to `trail.allow-asns`.",
        Cwe = "CWE-522",
        References = ["https://dev.maxmind.com/geoip/docs/databases"],
    };

    public static readonly RuleInfo TokenInTrace = new()
    {
        Id = "THX001",
        Name = "token-in-trace",
        Family = "token-in-traces",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "Token or credential recorded in a trace",
        Description = "An X-Ray segment or OpenTelemetry span records a token or credential: in an HTTP URL or header, an annotation, metadata, an SQL field, an AWS field, or a span attribute or event. Traces are kept for days and readable by everyone with X-Ray / tracing access.",
        Remediation = "Revoke the token, stop recording it (drop Authorization and Cookie headers, strip tokens from URLs, never put tokens in annotations or metadata), and add a span processor that redacts attributes before export.",
        Cwe = "CWE-532",
        References =
        [
            "https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html",
            "https://opentelemetry.io/docs/security/handling-sensitive-data/",
        ],
    };

    public static readonly RuleInfo TokenCrossedBoundary = new()
    {
        Id = "THX002",
        Name = "token-crossed-service-boundary",
        Family = "token-crossed-boundary",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "Token travelled across services",
        Description = "The same token appears in the segments or spans of two or more services: it was passed downstream (forwarded Authorization header, token in a queue message or URL). Every service on the path can replay it, and a compromise of any of them leaks it.",
        Remediation = "Exchange the token at the boundary instead of forwarding it (OAuth token exchange, a downstream-scoped token, IAM auth between services), and stop recording it in traces.",
        Cwe = "CWE-522",
        References = ["https://datatracker.ietf.org/doc/html/rfc8693"],
    };

    public static IReadOnlyList<RuleInfo> All { get; } =
    [
        TokenInLogEvent,
        InstanceCredentialExfiltration, LambdaCredentialExfiltration, MultiSource, Recon, Persistence, Harvest, ImpossibleTravel,
        TokenInTrace, TokenCrossedBoundary,
    ];

    public static IRuleSource Source { get; } = new StaticRuleSource(All);
}
