using TokenHound.Core;

namespace TokenHound.Iac.Rules;

/// <summary>Every IaC rule (CloudFormation/SAM, Step Functions, Terraform share the ids).</summary>
public static class IacRules
{
    private const string Cfn = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/";
    private const string Sam = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/";

    private static RuleInfo R(string id, string name, string family, Severity s, Confidence c, string title, string description, string remediation, string cwe, params string[] refs) => new()
    {
        Id = id,
        Name = name,
        Family = family,
        Severity = s,
        Confidence = c,
        Title = title,
        Description = description,
        Remediation = remediation,
        Cwe = cwe,
        References = refs,
    };

    public static readonly RuleInfo CognitoAuthorizerAnyClient = R("THI001", "cognito-authorizer-any-client", "authorizer-misconfig", Severity.Medium, Confidence.Medium,
        "Cognito authorizer accepts tokens of every app client of the pool",
        "An API Gateway Cognito user-pool authorizer (REST COGNITO_USER_POOLS or SAM Auth.Authorizers.*.UserPoolArn) checks only that a token was issued by the pool. The pool in the template has several app clients, and no authorization scopes narrow what the API accepts, so a token issued to any of them (a public mobile client, a partner's client) is accepted by this API. SAM APIs whose pool has a single client in the template (or is imported) are reported, with low confidence, when the code of a function behind the authorizer (its CodeUri folder) shows no audience / client_id check.",
        "Give the API its own resource server scopes and require them (AuthorizationScopes), or verify the token's client_id/aud in a Lambda authorizer or in the backend; keep one app client per audience.",
        "CWE-863", Cfn + "aws-resource-apigateway-authorizer.html", "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html");

    public static readonly RuleInfo JwtAuthorizerNoAudience = R("THI002", "jwt-authorizer-no-audience-or-issuer", "authorizer-misconfig", Severity.High, Confidence.High,
        "HTTP API JWT authorizer without audience or issuer",
        "An HTTP API JWT authorizer (AWS::ApiGatewayV2::Authorizer JwtConfiguration, SAM HttpApi Auth.Authorizers.*.JwtConfiguration, aws_apigatewayv2_authorizer jwt_configuration) without an Audience list or without an Issuer. Without an audience, any token of the issuer — minted for another application — is accepted; without an issuer the authorizer cannot be deployed or validates against nothing.",
        "Set JwtConfiguration.Issuer to your identity provider's issuer URL and JwtConfiguration.Audience to the client ids (or API identifiers) allowed to call this API.",
        "CWE-287", "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html");

    public static readonly RuleInfo RouteWithoutAuthorization = R("THI003", "api-route-without-authorization", "authorizer-misconfig", Severity.Medium, Confidence.Medium,
        "API method or route with authorization NONE",
        "A REST API method (AWS::ApiGateway::Method, aws_api_gateway_method) or HTTP/WebSocket API route (AWS::ApiGatewayV2::Route, aws_apigatewayv2_route) declares AuthorizationType NONE: anyone can call it without a token. CORS preflight (OPTIONS) methods are exempt.",
        "Attach an authorizer (COGNITO_USER_POOLS, JWT, CUSTOM) or AWS_IAM to the method or route; if the endpoint is deliberately public, suppress the finding with a reason.",
        "CWE-306", Cfn + "aws-resource-apigateway-method.html", Cfn + "aws-resource-apigatewayv2-route.html");

    public static readonly RuleInfo SamApiWithoutAuthorizer = R("THI004", "sam-api-event-without-authorizer", "authorizer-misconfig", Severity.Medium, Confidence.Medium,
        "SAM API event without an authorizer",
        "A SAM function's Api or HttpApi event has no Auth.Authorizer and its API (explicit or the implicit ServerlessRestApi/ServerlessHttpApi) has no DefaultAuthorizer, or the event sets Authorizer: NONE. The route is callable without a token.",
        "Set Auth.DefaultAuthorizer on the AWS::Serverless::Api/HttpApi (and AddDefaultAuthorizerToCorsPreflight: false), or Auth.Authorizer on the event.",
        "CWE-306", Sam + "sam-property-api-apiauth.html", Sam + "sam-property-function-api.html");

    public static readonly RuleInfo FunctionUrlNoAuth = R("THI005", "function-url-without-auth", "authorizer-misconfig", Severity.High, Confidence.High,
        "Lambda function URL with AuthType NONE",
        "A Lambda function URL (AWS::Lambda::Url, SAM FunctionUrlConfig, aws_lambda_function_url) with AuthType NONE is a public HTTPS endpoint: no IAM signature and no token is required to invoke the function.",
        "Use AuthType AWS_IAM (and sign requests, e.g. through CloudFront OAC), or put the function behind API Gateway with an authorizer. If the function checks tokens itself, suppress with a reason.",
        "CWE-306", "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html");

    public static readonly RuleInfo DataTrace = R("THI006", "api-data-trace-enabled", "log-exposure-config", Severity.High, Confidence.High,
        "API Gateway full request/response logging (DataTraceEnabled)",
        "DataTraceEnabled: true on an API Gateway stage or method setting logs full requests and responses to CloudWatch, including the Authorization header, cookies and token responses of login endpoints.",
        "Set DataTraceEnabled to false in production (LoggingLevel ERROR or INFO is enough for execution logs); use access logs with a vetted format instead.",
        "CWE-532", "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html", Cfn + "aws-properties-apigateway-stage-methodsetting.html");

    public static readonly RuleInfo AccessLogToken = R("THI007", "access-log-format-captures-token", "log-exposure-config", Severity.Medium, Confidence.Medium,
        "API access-log format records token material",
        "The stage's access-log format includes authorizer context ($context.authorizer.*: claims or values a Lambda authorizer returned, often the token or its claims) or request headers such as Authorization. Every request then writes them to a log group.",
        "Log $context.authorizer.principalId or the claim you need (e.g. sub), never raw tokens, claim sets or header values.",
        "CWE-532", "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference");

    public static readonly RuleInfo SfnExecutionData = R("THI008", "state-machine-logs-execution-data", "log-exposure-config", Severity.Medium, Confidence.High,
        "Step Functions logging includes execution data",
        "LoggingConfiguration.IncludeExecutionData: true (include_execution_data = true) writes every state's input and output to CloudWatch Logs. Tokens, credentials and secrets passed through the workflow end up in the log group.",
        "Set IncludeExecutionData to false, or keep tokens out of the state input (pass references such as a secret ARN).",
        "CWE-532", "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html");

    public static readonly RuleInfo DebugLogging = R("THI009", "lambda-debug-logging", "log-exposure-config", Severity.Medium, Confidence.Medium,
        "Lambda function logs at DEBUG level or logs whole events",
        "The function's environment sets LOG_LEVEL / POWERTOOLS_LOG_LEVEL / AWS_LAMBDA_LOG_LEVEL to DEBUG or TRACE, DEBUG to true, Powertools POWERTOOLS_LOGGER_LOG_EVENT to true, or LoggingConfig.ApplicationLogLevel to DEBUG/TRACE. Debug logs and logged events carry headers (Authorization), tokens and secrets.",
        "Use INFO or higher in deployed stages and never log the whole incoming event; enable debug logging temporarily through configuration, not the template.",
        "CWE-532", "https://docs.powertools.aws.dev/lambda/python/latest/core/logger/", "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html");

    public static readonly RuleInfo LogGroupRetention = R("THI010", "log-group-unbounded-or-unencrypted", "log-exposure-config", Severity.Medium, Confidence.High,
        "Log group without retention or KMS encryption",
        "An AWS::Logs::LogGroup / aws_cloudwatch_log_group without RetentionInDays keeps every event forever, so a token that is logged once stays readable for as long as the group exists; without KmsKeyId anyone with logs:GetLogEvents reads it without a key grant.",
        "Set RetentionInDays (e.g. 30 or 90) and KmsKeyId (a customer managed key whose policy allows logs.<region>.amazonaws.com).",
        "CWE-532", Cfn + "aws-resource-logs-loggroup.html");

    public static readonly RuleInfo FunctionWithoutLogGroup = R("THI011", "function-without-log-group", "log-exposure-config", Severity.Low, Confidence.Medium,
        "Lambda function without an explicit log group",
        "The function has no log group in the template (no /aws/lambda/<name> AWS::Logs::LogGroup and no LoggingConfig.LogGroup). Lambda creates one on first invocation with never-expiring retention and no encryption, outside of the stack: tokens logged by the function stay forever.",
        "Declare AWS::Logs::LogGroup with LogGroupName !Sub /aws/lambda/${Function} (or LoggingConfig.LogGroup), RetentionInDays and KmsKeyId.",
        "CWE-532", "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html");

    public static readonly RuleInfo NoDataProtection = R("THI012", "token-log-group-without-data-protection", "log-exposure-config", Severity.Low, Confidence.Low,
        "Log group of a token-handling function without a data-protection policy",
        "The log group belongs to a function that handles tokens (an API Gateway authorizer, or a function whose environment refers to tokens or secrets) and has no DataProtectionPolicy, and the template declares no account-level data-protection policy. Tokens that get logged are stored in clear.",
        "Add a DataProtectionPolicy to the log group (or an AWS::Logs::AccountPolicy of type DATA_PROTECTION_POLICY) with audit and de-identify statements for credentials; `tokenhound remediate` generates one.",
        "CWE-532", "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/mask-sensitive-log-data.html");

    public static readonly RuleInfo HardcodedAwsCredential = R("THI013", "hardcoded-aws-credential-in-template", "hardcoded-aws-credential", Severity.Critical, Confidence.High,
        "AWS credential written into an infrastructure template",
        "An AWS access key id or secret access key is a literal in a template: a Lambda environment variable, EC2 UserData, a container definition's environment, a parameter default, an SSM parameter, an output, or the Terraform aws provider's access_key/secret_key. Everyone who can read the repository, the stack (DescribeStacks, the console) or the function configuration can read it.",
        "Deactivate the key, remove it from the template and its history, and use an IAM role (execution role, task role, instance profile) instead. For values that must be secret, reference Secrets Manager ({{resolve:secretsmanager:...}}) or SSM SecureString.",
        "CWE-798", Cfn + "dynamic-references.html", "https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration");

    public static readonly RuleInfo HardcodedSecret = R("THI014", "hardcoded-secret-in-template", "hardcoded-token", Severity.High, Confidence.Medium,
        "Token or secret written into an infrastructure template",
        "A token, API key, password or other secret is a literal in a template property that is deployed in clear text (Lambda Environment.Variables, EC2 UserData, container environment, parameter Default, SSM String parameter, output, Terraform variable default). Lambda and ECS environment values are visible to anyone with read access to the function or task definition.",
        "Store the value in Secrets Manager or SSM SecureString and reference it with a dynamic reference ({{resolve:secretsmanager:...}}) or fetch it at runtime; rotate the exposed value.",
        "CWE-798", Cfn + "dynamic-references.html", "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption");

    public static readonly RuleInfo ParameterWithoutNoEcho = R("THI015", "secret-parameter-without-noecho", "hardcoded-token", Severity.Medium, Confidence.Medium,
        "Secret-like template parameter without NoEcho",
        "A parameter whose name says it holds a secret (password, token, api key, secret) does not set NoEcho: true, so its value is shown in clear by DescribeStacks, the console and change sets; a Default makes the secret part of the template.",
        "Set NoEcho: true and drop the Default, or better, pass a Secrets Manager secret name and use a dynamic reference.",
        "CWE-200", Cfn + "parameters-section-structure.html#parameters-section-structure-properties");

    public static readonly RuleInfo SsmStringSecret = R("THI016", "secret-in-plaintext-ssm-parameter", "hardcoded-token", Severity.Medium, Confidence.Medium,
        "Secret stored in a plain String SSM parameter",
        "An AWS::SSM::Parameter / aws_ssm_parameter of type String (or StringList) whose name says it holds a secret, or whose value is set from a secret-like parameter: the value is not encrypted and anyone with ssm:GetParameter reads it; CloudFormation cannot create SecureString parameters.",
        "Create the value in Secrets Manager (AWS::SecretsManager::Secret with GenerateSecretString) or create a SecureString parameter outside the template; in Terraform use type = \"SecureString\".",
        "CWE-312", Cfn + "aws-resource-ssm-parameter.html");

    public static readonly RuleInfo OutputExposesSecret = R("THI017", "output-exposes-secret", "hardcoded-token", Severity.High, Confidence.High,
        "Template output exposes a secret",
        "An output publishes a secret: an IAM access key's SecretAccessKey, a NoEcho/secret parameter, or (Terraform) a secret attribute or sensitive value without sensitive = true. Stack outputs are readable by anyone with cloudformation:DescribeStacks and are copied into exports; Terraform prints non-sensitive outputs and stores them in state.",
        "Do not output secrets. Store them in Secrets Manager and output the secret's ARN; in Terraform mark the output sensitive = true.",
        "CWE-200", Cfn + "outputs-section-structure.html", "https://developer.hashicorp.com/terraform/language/values/outputs#sensitive-suppressing-values-in-cli-output");

    public static readonly RuleInfo LongTokenValidity = R("THI018", "cognito-long-token-validity", "token-lifetime-config", Severity.Medium, Confidence.High,
        "Cognito app client issues long-lived tokens",
        "A Cognito user pool client issues refresh tokens valid for more than 30 days or access/ID tokens valid for more than 1 hour (TokenValidityUnits and the defaults counted). A leaked token then works for that long.",
        "Keep access and ID tokens at 5–60 minutes and refresh tokens at 30 days or less; enable token revocation.",
        "CWE-613", Cfn + "aws-resource-cognito-userpoolclient.html", "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html");

    public static readonly RuleInfo RevocationDisabled = R("THI019", "cognito-token-revocation-disabled", "token-lifetime-config", Severity.Medium, Confidence.High,
        "Cognito app client with token revocation disabled",
        "EnableTokenRevocation: false (enable_token_revocation = false) means refresh tokens cannot be revoked: a leaked refresh token keeps minting access tokens until it expires, even after sign-out.",
        "Set EnableTokenRevocation: true (the default for new clients).",
        "CWE-613", "https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html");

    public static readonly RuleInfo PasswordAuthFlow = R("THI020", "cognito-password-auth-flow", "token-lifetime-config", Severity.Medium, Confidence.High,
        "Cognito app client allows flows that send the password",
        "ExplicitAuthFlows includes ALLOW_USER_PASSWORD_AUTH / USER_PASSWORD_AUTH or ADMIN_NO_SRP_AUTH / ALLOW_ADMIN_USER_PASSWORD_AUTH: the plain password travels to (and through) your backend, where it and the resulting tokens end up in logs and traces.",
        "Use ALLOW_USER_SRP_AUTH (SRP never sends the password) or the hosted UI / OAuth code flow with PKCE, plus ALLOW_REFRESH_TOKEN_AUTH.",
        "CWE-522", "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow.html");

    public static readonly RuleInfo SharedRole = R("THI021", "iam-role-shared-by-functions", "overbroad-iam", Severity.Low, Confidence.Medium,
        "One IAM role shared by several functions or state machines",
        "Several Lambda functions / state machines use the same execution role. Every one of them gets the union of the permissions: a function that leaks its temporary credentials (SSRF, a logged environment, a dependency) leaks access to every secret and table the others need.",
        "Give each function its own role with only what it needs (SAM: use Policies templates per function instead of a shared Role).",
        "CWE-250", "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html");

    public static readonly RuleInfo WildcardSensitive = R("THI022", "iam-wildcard-on-sensitive-action", "overbroad-iam", Severity.High, Confidence.Medium,
        "IAM statement grants credential-bearing actions on *",
        "An Allow statement grants a wildcard action (*, service:*) or a sensitive action that hands out credentials or secrets (sts:AssumeRole, iam:PassRole, secretsmanager:GetSecretValue, ssm:GetParameter*, kms:Decrypt) on Resource \"*\". A holder of the role's (possibly leaked) credentials can read every secret or assume every role.",
        "List the exact secret, parameter, key and role ARNs in Resource, and the exact actions in Action.",
        "CWE-732", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege");

    public static readonly RuleInfo TrustAnyPrincipal = R("THI023", "iam-trust-any-principal", "overbroad-iam", Severity.Critical, Confidence.High,
        "Role trust policy lets any AWS principal assume the role",
        "AssumeRolePolicyDocument (assume_role_policy) allows Principal \"*\" or AWS \"*\" without a Condition (aws:PrincipalOrgID, sts:ExternalId, aws:SourceAccount ...). Anyone in any AWS account can obtain credentials of this role.",
        "Name the trusted accounts, roles or services in Principal, or add a Condition that pins the organization or an external id.",
        "CWE-284", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html");

    public static readonly RuleInfo SfnPassesToken = R("THI024", "state-machine-passes-token", "token-passed-downstream", Severity.Medium, Confidence.Medium,
        "Step Functions task passes a token or credential downstream",
        "A Task state's Parameters/Arguments pass a token, Authorization header, credentials or a secret string (a key such as token, Authorization, Credentials, SecretString, or a value from a $.token-like path) to a downstream service. The value is stored in the execution history (visible to anyone with states:GetExecutionHistory), in logs with execution data, and in the downstream service.",
        "Pass a reference (secret ARN, parameter name) and let the task fetch the value with its own role; never put bearer tokens in workflow input. The task token ($$.Task.Token) is fine.",
        "CWE-201", "https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html");

    public static readonly RuleInfo NoRotation = R("THI025", "secret-without-rotation", "secret-rotation", Severity.Medium, Confidence.High,
        "Secrets Manager secret without rotation",
        "An AWS::SecretsManager::Secret / aws_secretsmanager_secret has no rotation schedule (AWS::SecretsManager::RotationSchedule, aws_secretsmanager_secret_rotation) in the template: a leaked value stays valid indefinitely.",
        "Add a rotation schedule with a rotation Lambda (or a managed rotation for RDS/Redshift/DocumentDB) and a schedule of 30 days or less.",
        "CWE-324", "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html");

    public static readonly RuleInfo UserAccessKey = R("THI026", "iam-user-access-key", "secret-rotation", Severity.Medium, Confidence.High,
        "Long-term IAM user access key managed in a template",
        "The template creates an IAM user access key (AWS::IAM::AccessKey, aws_iam_access_key). Long-term keys do not expire, end up in stack outputs, state files and CI variables, and are the most common leaked AWS credential.",
        "Use roles: execution roles, IAM Roles Anywhere, OIDC federation for CI. If a key is unavoidable, keep it out of the template and rotate it automatically.",
        "CWE-798", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles");

    public static IReadOnlyList<RuleInfo> All { get; } =
    [
        CognitoAuthorizerAnyClient, JwtAuthorizerNoAudience, RouteWithoutAuthorization, SamApiWithoutAuthorizer, FunctionUrlNoAuth,
        DataTrace, AccessLogToken, SfnExecutionData, DebugLogging, LogGroupRetention, FunctionWithoutLogGroup, NoDataProtection,
        HardcodedAwsCredential, HardcodedSecret, ParameterWithoutNoEcho, SsmStringSecret, OutputExposesSecret,
        LongTokenValidity, RevocationDisabled, PasswordAuthFlow, SharedRole, WildcardSensitive, TrustAnyPrincipal, SfnPassesToken,
        NoRotation, UserAccessKey,
    ];
}
