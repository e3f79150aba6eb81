using TokenHound.Core;

namespace TokenHound.Code;

/// <summary>The code rules (THC…). One engine evaluates all of them over the shared model for every language.</summary>
public static class CodeRules
{
    private const string Owasp = "https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html";

    public static readonly RuleInfo TokenLogged = new()
    {
        Id = "THC001",
        Name = "token-written-to-log",
        Family = "token-logged",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "Token or credential written to a log",
        Description = "A value that comes from an Authorization/Cookie/API-key header, a Secrets Manager / SSM / STS / Cognito result, a credential environment variable, or a variable named like a token is passed to a logger (console, print, logging, ILogger, LambdaLogger, SLF4J, Go log/fmt/slog). In Lambda every log line goes to CloudWatch Logs, where anyone with logs:GetLogEvents can read and replay it.",
        Remediation = "Do not log the value. Log a non-secret identifier instead (request id, user id, the token's last 4 characters or a hash), or pass it through a redaction function first.",
        Cwe = "CWE-532",
        References = [Owasp, "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html"],
    };

    public static readonly RuleInfo EventLogged = new()
    {
        Id = "THC002",
        Name = "whole-request-logged",
        Family = "token-logged",
        Severity = Severity.High,
        Confidence = Confidence.Medium,
        Title = "Whole Lambda event / HTTP request (with its headers) written to a log",
        Description = "The whole incoming event or request, or all its headers, is logged (console.log(event), print(json.dumps(event)), LambdaLogger.Log(JsonSerializer.Serialize(request))). An API Gateway / ALB / function URL event carries every request header, including Authorization and Cookie, so each invocation writes the caller's bearer token to CloudWatch Logs.",
        Remediation = "Log selected, non-secret fields (requestContext.requestId, path, method, status) instead of the whole event, or redact the headers (Authorization, Cookie, X-Api-Key) first.",
        Cwe = "CWE-532",
        References = [Owasp, "https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html"],
    };

    public static readonly RuleInfo ErrorResponse = new()
    {
        Id = "THC003",
        Name = "internals-in-error-response",
        Family = "token-in-error-response",
        Severity = Severity.Medium,
        Confidence = Confidence.High,
        Title = "Stack trace, exception details or the caller's token returned in a response",
        Description = "A handler response (statusCode/body, APIGatewayProxyResponse, Express/Flask/ASP.NET/Spring responses, http.ResponseWriter) carries a stack trace (err.stack, traceback.format_exc(), exception.ToString()), the exception message together with request data, or the incoming token. Error bodies end up in clients, proxies, API Gateway access logs and support tickets; stack traces reveal internals that help an attacker forge or replay tokens.",
        Remediation = "Return a generic error body with a correlation id (the request id); log the details server-side without the token.",
        Cwe = "CWE-209",
        References = ["https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html"],
    };

    public static readonly RuleInfo DebugMode = new()
    {
        Id = "THC004",
        Name = "debug-error-pages-enabled",
        Family = "token-in-error-response",
        Severity = Severity.Medium,
        Confidence = Confidence.High,
        Title = "Developer exception page or framework debug mode enabled outside development",
        Description = "ASP.NET Core UseDeveloperExceptionPage() outside an IsDevelopment() check, Flask app.run(debug=True) / app.debug = True, Starlette / FastAPI (debug=True), Echo e.Debug = true, or Django DEBUG = True. Debug error pages show stack traces, request headers (Authorization, Cookie) and settings to whoever triggers an error.",
        Remediation = "Enable debug pages only in development (if (env.IsDevelopment()) …, FLASK_DEBUG from the environment, DEBUG from an environment variable defaulting to False).",
        Cwe = "CWE-215",
        References = ["https://learn.microsoft.com/aspnet/core/fundamentals/error-handling", "https://flask.palletsprojects.com/en/stable/debugging/"],
    };

    public static readonly RuleInfo JwtUnverified = new()
    {
        Id = "THC005",
        Name = "jwt-decoded-without-verification",
        Family = "jwt-unverified",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "JWT decoded or accepted without signature verification",
        Description = "A JWT is read without checking its signature: jsonwebtoken jwt.decode() whose claims drive an authorization decision with no jwt.verify of the same token, PyJWT/python-jose decode with verification off or with algorithms unpinned or including 'none', manual base64 decoding of the payload segment, JwtSecurityTokenHandler.ReadJwtToken without ValidateToken, TokenValidationParameters with RequireSignedTokens/ValidateIssuerSigningKey off or a SignatureValidator that accepts any token, auth0 JWT.decode without a verifier, jjwt parseUnsecuredClaims, Go ParseUnverified. Anyone can then mint a token with any claims.",
        Remediation = "Verify the signature with a pinned algorithm list and the issuer's key (jwt.verify, jwt.decode(..., algorithms=['RS256']), JwtSecurityTokenHandler.ValidateToken, JWT.require(alg).build().verify, jwt.Parse with WithValidMethods; for Cognito use aws-jwt-verify) before reading any claim.",
        Cwe = "CWE-347",
        References = ["https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html", "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html"],
    };

    public static readonly RuleInfo JwtClaims = new()
    {
        Id = "THC006",
        Name = "jwt-claim-checks-disabled",
        Family = "jwt-claims-unchecked",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "JWT expiry, audience or issuer check switched off",
        Description = "Token verification runs with a claim check disabled: ignoreExpiration: true, verify_exp/verify_aud/verify_iss False, ValidateLifetime/ValidateAudience/ValidateIssuer/RequireExpirationTime = false, a LifetimeValidator that always returns true, jwt.WithoutClaimsValidation(), or an aws-jwt-verify Cognito verifier without a client id (clientId: null / missing for ID tokens). Expired, stolen or other-app tokens are then accepted forever.",
        Remediation = "Keep expiry, audience and issuer validation on; pass the expected audience (the app client id) and issuer (the user pool URL).",
        Cwe = "CWE-613",
        References = ["https://github.com/awslabs/aws-jwt-verify", "https://learn.microsoft.com/dotnet/api/microsoft.identitymodel.tokens.tokenvalidationparameters"],
    };

    public static readonly RuleInfo ClientStorage = new()
    {
        Id = "THC007",
        Name = "token-stored-in-browser",
        Family = "token-client-storage",
        Severity = Severity.Medium,
        Confidence = Confidence.High,
        Title = "Token kept in browser storage or in a cookie without HttpOnly/Secure/SameSite",
        Description = "A token is written to localStorage/sessionStorage or document.cookie (readable by any script on the page, so one XSS steals it), or a server sets a token/session cookie without HttpOnly, Secure and SameSite (Express res.cookie, ASP.NET Response.Cookies.Append, Flask set_cookie, Set-Cookie headers, Go http.Cookie, Java Cookie).",
        Remediation = "Keep tokens in memory or in an HttpOnly; Secure; SameSite cookie set by the server; never in Web Storage.",
        Cwe = "CWE-922",
        References = ["https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#local-storage", "https://developer.mozilla.org/docs/Web/HTTP/Cookies#restrict_access_to_cookies"],
    };

    public static readonly RuleInfo StaticCredentials = new()
    {
        Id = "THC008",
        Name = "static-credentials-in-sdk-client",
        Family = "sdk-static-credentials",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "AWS SDK client built with static access keys",
        Description = "An AWS SDK client or credentials object gets an access key id and secret directly (boto3 aws_access_key_id=…, new AWS.S3({accessKeyId, secretAccessKey}), SDK v3 credentials: {…}, BasicAWSCredentials, AwsBasicCredentials.create, credentials.NewStaticCredentialsProvider), or code writes AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY into the process environment. Literal keys are critical; keys copied from environment variables inside Lambda code shadow the execution role and defeat the default credential chain (medium).",
        Remediation = "Remove the keys and let the SDK use the default credential provider chain (the Lambda execution role, an instance profile, SSO). For cross-account access, assume a role with STS.",
        Cwe = "CWE-798",
        References = ["https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html", "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html"],
    };

    public static readonly RuleInfo Downstream = new()
    {
        Id = "THC009",
        Name = "credential-passed-downstream",
        Family = "token-passed-downstream",
        Severity = Severity.Medium,
        Confidence = Confidence.High,
        Title = "Token or AWS credentials passed to another service in a payload or URL",
        Description = "A bearer token, STS credentials or a Secrets Manager value is put into a Lambda Invoke payload, a Step Functions StartExecution input, an SQS/SNS/EventBridge/Kinesis message, or an outgoing URL query string (?token=, access_token=). Those payloads and URLs are stored in execution histories, queues, DLQs, CloudTrail data events and access logs where the token outlives the request.",
        Remediation = "Pass an identifier (user id, secret ARN, session id) and let the receiver fetch or verify what it needs with its own role; send tokens only in the Authorization header.",
        Cwe = "CWE-522",
        References = ["https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html", "https://cheatsheetseries.owasp.org/cheatsheets/REST_Security_Cheat_Sheet.html#sensitive-information-in-http-requests"],
    };

    public static readonly IReadOnlyList<RuleInfo> All =
        [TokenLogged, EventLogged, ErrorResponse, DebugMode, JwtUnverified, JwtClaims, ClientStorage, StaticCredentials, Downstream];
}
