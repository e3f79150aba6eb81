using TokenHound.Core;

namespace TokenHound.Probe;

/// <summary>Rules of `tokenhound probe`: one per check, THP001….</summary>
public static class ProbeRules
{
    private const string Owasp = "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/";
    private const string JwtBcp = "https://www.rfc-editor.org/rfc/rfc8725";

    public static readonly RuleInfo SecuredEndpointOpen = new()
    {
        Id = "THP001", Name = "secured-endpoint-open", Family = "unauthenticated-access", Severity = Severity.High, Confidence = Confidence.High,
        Title = "Endpoint declared as secured answers without credentials",
        Description = "The OpenAPI document declares a security requirement for the operation, but the live API returns a successful response with data to a request that carries no credentials at all.",
        Remediation = "Enforce the declared security scheme on every route (an authorizer on the API Gateway method, a global authorization policy in the app) and keep the OpenAPI document in sync with the deployment.",
        Cwe = "CWE-306", References = [Owasp],
    };

    public static readonly RuleInfo BrokenTokenAccepted = new()
    {
        Id = "THP002", Name = "broken-token-accepted", Family = "unauthenticated-access", Severity = Severity.Critical, Confidence = Confidence.High,
        Title = "A garbage bearer token is accepted",
        Description = "The endpoint rejects requests without credentials but returns data to a request with a malformed bearer token: it checks that an Authorization header is present, not that the token is valid.",
        Remediation = "Validate the token (signature, expiry, issuer, audience) with a maintained library before serving the request; never treat the presence of a header as authentication.",
        Cwe = "CWE-287", References = [Owasp],
    };

    public static readonly RuleInfo MethodAuthInconsistent = new()
    {
        Id = "THP003", Name = "method-auth-inconsistent", Family = "unauthenticated-access", Severity = Severity.High, Confidence = Confidence.Medium,
        Title = "Authentication enforced on some methods but not others",
        Description = "The same path rejects unauthenticated GET requests but serves another method (HEAD, or a method named with --method) without credentials.",
        Remediation = "Apply authorization per route, not per method: a fallback policy that requires an authenticated user for every method, and explicit anonymous access only where intended.",
        Cwe = "CWE-650", References = [Owasp],
    };

    public static readonly RuleInfo TokenReflected = new()
    {
        Id = "THP004", Name = "token-reflected", Family = "token-reflection", Severity = Severity.High, Confidence = Confidence.High,
        Title = "Token sent by the client is reflected in the response",
        Description = "A canary token sent in the Authorization header, a cookie, the query string or the body comes back in the response body, headers, a redirect or an error page. Reflected tokens end up in caches, logs, browser history and can be read by injected scripts.",
        Remediation = "Never echo request headers, cookies or parameters that can carry credentials into responses or error pages; return a generic error body.",
        Cwe = "CWE-200", References = ["https://owasp.org/www-community/attacks/xss/"],
    };

    public static readonly RuleInfo StackTrace = new()
    {
        Id = "THP005", Name = "stack-trace-in-response", Family = "error-leakage", Severity = Severity.Medium, Confidence = Confidence.High,
        Title = "Stack trace or framework debug page in a response",
        Description = "A response contains a stack trace or a framework debug page (ASP.NET developer exception page, Django/Werkzeug/Laravel debug pages, Node.js, Java, Python, Go traces). Debug pages show source paths, configuration and often request headers with tokens.",
        Remediation = "Disable debug mode and developer exception pages in deployed stages; return a generic error body and log details server-side (with tokens redacted).",
        Cwe = "CWE-209", References = ["https://owasp.org/www-community/Improper_Error_Handling"],
    };

    public static readonly RuleInfo EnvironmentDump = new()
    {
        Id = "THP006", Name = "environment-dump-in-response", Family = "error-leakage", Severity = Severity.High, Confidence = Confidence.High,
        Title = "Process environment dumped in a response",
        Description = "A response lists the process environment (several well-known variables such as AWS_LAMBDA_FUNCTION_NAME, AWS_REGION, AWS_SESSION_TOKEN, PATH, HOME). In AWS Lambda the environment holds the function role's temporary credentials.",
        Remediation = "Remove debug endpoints and error handlers that print the environment; never return os.environ / process.env / Environment.GetEnvironmentVariables().",
        Cwe = "CWE-526", References = ["https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime"],
    };

    public static readonly RuleInfo SecretInResponse = new()
    {
        Id = "THP007", Name = "secret-in-response", Family = "error-leakage", Severity = Severity.Critical, Confidence = Confidence.High,
        Title = "Credential or token in a response",
        Description = "The secrets engine found an AWS credential or private key in a response, or a token in an error response. Error paths that include configuration or upstream requests leak them to any caller.",
        Remediation = "Rotate the exposed credential, then remove it from the response: return generic errors and keep credentials out of objects that are serialized to clients.",
        Cwe = "CWE-200", References = ["https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/"],
    };

    public static readonly RuleInfo InternalHostname = new()
    {
        Id = "THP008", Name = "internal-hostname-in-response", Family = "error-leakage", Severity = Severity.Low, Confidence = Confidence.Medium,
        Title = "Internal host name or private address in an error response",
        Description = "An error response names an internal host (*.ec2.internal, *.compute.internal, *.svc.cluster.local, RDS/ElastiCache endpoints) or a private IP address, which maps the network behind the API for an attacker replaying stolen tokens.",
        Remediation = "Return generic error bodies; log upstream host names server-side only.",
        Cwe = "CWE-209", References = ["https://owasp.org/www-community/Improper_Error_Handling"],
    };

    public static readonly RuleInfo JwtAlgNone = new()
    {
        Id = "THP010", Name = "jwt-alg-none-accepted", Family = "jwt-validation", Severity = Severity.Critical, Confidence = Confidence.High,
        Title = "Unsigned JWT (alg none) accepted",
        Description = "The API accepted the user's token re-encoded with alg none (or a case variant) and no signature: anyone can mint tokens for any user.",
        Remediation = "Require signed tokens and pin the accepted algorithms (e.g. RequireSignedTokens = true and ValidAlgorithms = [\"RS256\"]; jsonwebtoken: algorithms: ['RS256']).",
        Cwe = "CWE-347", References = [JwtBcp, "https://portswigger.net/web-security/jwt"],
    };

    public static readonly RuleInfo JwtSignatureNotVerified = new()
    {
        Id = "THP011", Name = "jwt-signature-not-verified", Family = "jwt-validation", Severity = Severity.Critical, Confidence = Confidence.High,
        Title = "JWT signature not verified",
        Description = "The API accepted the user's token with the signature stripped, replaced by another token's signature, or with altered claims under the original signature: it decodes tokens without verifying them.",
        Remediation = "Verify every token (jwt.verify, not jwt.decode; JsonWebTokenHandler.ValidateTokenAsync with signing keys) before trusting its claims.",
        Cwe = "CWE-347", References = [JwtBcp],
    };

    public static readonly RuleInfo JwtWeakSecret = new()
    {
        Id = "THP012", Name = "jwt-weak-hmac-secret", Family = "jwt-validation", Severity = Severity.Critical, Confidence = Confidence.High,
        Title = "JWT signed with a blank or common HMAC secret",
        Description = "The HMAC secret of the API's tokens is blank or in a list of common secrets: the user's HS token verifies offline with it, or the API accepted a token signed with it. Anyone can mint tokens.",
        Remediation = "Use a random secret of at least 256 bits from a secret store (AWS Secrets Manager), rotate it now, or move to asymmetric keys (RS256/ES256).",
        Cwe = "CWE-521", References = [JwtBcp, "https://github.com/wallarm/jwt-secrets"],
    };

    public static readonly RuleInfo JwtKeyConfusion = new()
    {
        Id = "THP013", Name = "jwt-key-confusion", Family = "jwt-validation", Severity = Severity.Critical, Confidence = Confidence.High,
        Title = "RS/ES → HS key confusion accepted",
        Description = "The API accepted a token re-signed with HS256 using its own public key (from the JWKS, the OpenID configuration or --public-key) as the HMAC secret: it lets the token choose the algorithm.",
        Remediation = "Pin the algorithm per key (ValidAlgorithms, algorithms: ['RS256']) and never use a public key as an HMAC secret.",
        Cwe = "CWE-327", References = [JwtBcp, "https://portswigger.net/web-security/jwt/algorithm-confusion"],
    };

    public static readonly RuleInfo JwtEmbeddedJwk = new()
    {
        Id = "THP014", Name = "jwt-embedded-jwk-accepted", Family = "jwt-validation", Severity = Severity.Critical, Confidence = Confidence.High,
        Title = "JWT with an attacker key in the jwk header accepted",
        Description = "The API accepted a token signed with a fresh key that travels in the token's own jwk header: it trusts the key the token brings.",
        Remediation = "Resolve verification keys only from your issuer's JWKS (by kid); ignore jwk, jku and x5u headers.",
        Cwe = "CWE-347", References = [JwtBcp, "https://portswigger.net/web-security/jwt#injecting-self-signed-jwts-via-the-jwk-parameter"],
    };

    public static readonly RuleInfo JwtKidInjection = new()
    {
        Id = "THP015", Name = "jwt-kid-injection", Family = "jwt-validation", Severity = Severity.Critical, Confidence = Confidence.High,
        Title = "JWT kid path traversal accepted",
        Description = "The API accepted an HS256 token whose kid header points at /dev/null through a path traversal, signed with an empty key: it reads keys from files named by the token.",
        Remediation = "Treat kid as an opaque identifier looked up in a fixed key set; never build file paths or queries from it.",
        Cwe = "CWE-22", References = [JwtBcp, "https://portswigger.net/web-security/jwt#injecting-self-signed-jwts-via-the-kid-parameter"],
    };

    public static readonly RuleInfo JwtExpiredAccepted = new()
    {
        Id = "THP016", Name = "jwt-expired-accepted", Family = "jwt-validation", Severity = Severity.High, Confidence = Confidence.High,
        Title = "Expired JWT accepted",
        Description = "The API accepted the expired token given with --expired-token: stolen tokens stay valid forever.",
        Remediation = "Validate exp (ValidateLifetime = true, a small clock skew) on every request.",
        Cwe = "CWE-613", References = [JwtBcp],
    };

    public static readonly RuleInfo JwtAudienceNotChecked = new()
    {
        Id = "THP017", Name = "jwt-audience-issuer-not-checked", Family = "jwt-validation", Severity = Severity.High, Confidence = Confidence.High,
        Title = "JWT for another audience or issuer accepted",
        Description = "The API accepted the token of another client or user pool given with --other-token: any token from any app that shares the signing keys (or any Cognito pool) opens this API.",
        Remediation = "Validate aud (Cognito: client_id for access tokens) and iss against this API's own values.",
        Cwe = "CWE-287", References = [JwtBcp, "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html"],
    };

    public static readonly RuleInfo TokenCookieInsecure = new()
    {
        Id = "THP020", Name = "token-cookie-insecure", Family = "token-exposure-client", Severity = Severity.Medium, Confidence = Confidence.High,
        Title = "Token cookie without HttpOnly, Secure or SameSite, or with too broad a scope",
        Description = "A cookie that carries a session or token is set without HttpOnly (scripts can read it), without Secure (sent over plain HTTP), without SameSite (sent on cross-site requests), or for a parent Domain / a site-wide Path where a refresh token needs only its endpoint.",
        Remediation = "Set token cookies with HttpOnly; Secure; SameSite=Lax or Strict, no Domain attribute (host-only, or the __Host- prefix), and Path scoped to where the token is needed.",
        Cwe = "CWE-1004", References = ["https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#security"],
    };

    public static readonly RuleInfo TokenInUrl = new()
    {
        Id = "THP021", Name = "token-in-url", Family = "token-exposure-client", Severity = Severity.Medium, Confidence = Confidence.High,
        Title = "Token in a URL",
        Description = "A token travels in a URL: a redirect Location or a link carries it, or the API accepts the bearer token from the query string. URLs end up in access logs, CloudFront and ALB logs, browser history and Referer headers.",
        Remediation = "Send tokens only in the Authorization header or an HttpOnly cookie; use the authorization-code flow (with PKCE) instead of tokens in redirects; refuse access_token query parameters.",
        Cwe = "CWE-598", References = ["https://www.rfc-editor.org/rfc/rfc6750#section-5.3"],
    };

    public static readonly RuleInfo TokenResponseCacheable = new()
    {
        Id = "THP022", Name = "token-response-cacheable", Family = "token-exposure-client", Severity = Severity.Medium, Confidence = Confidence.High,
        Title = "Response carrying a token may be cached",
        Description = "A response that sets a token cookie or returns a token in its body has no Cache-Control: no-store, so browsers, proxies and CDNs (CloudFront) may store it and serve it to someone else.",
        Remediation = "Send Cache-Control: no-store (and Pragma: no-cache for old caches) on every response that carries a token.",
        Cwe = "CWE-525", References = ["https://www.rfc-editor.org/rfc/rfc6749#section-5.1"],
    };

    public static readonly RuleInfo JwtSensitiveClaims = new()
    {
        Id = "THP023", Name = "jwt-sensitive-claims", Family = "token-exposure-client", Severity = Severity.Medium, Confidence = Confidence.Medium,
        Title = "Sensitive data in the JWT's claims",
        Description = "The token's payload (readable by anyone who holds the token: it is only base64url-encoded) carries sensitive data: password hashes, secrets, e-mail addresses, phone numbers or internal database ids.",
        Remediation = "Keep tokens minimal (sub, scopes); look personal data up server-side; never put password hashes or secrets in claims.",
        Cwe = "CWE-359", References = [JwtBcp],
    };

    public static readonly RuleInfo TokenInWebStorage = new()
    {
        Id = "THP024", Name = "token-in-web-storage", Family = "token-exposure-client", Severity = Severity.Medium, Confidence = Confidence.Medium,
        Title = "Page script stores a token in localStorage or sessionStorage",
        Description = "HTML served by the target, or JavaScript it links, writes a token to localStorage or sessionStorage, where any injected script can read it.",
        Remediation = "Keep tokens in memory or in HttpOnly cookies (a backend-for-frontend); never in Web Storage.",
        Cwe = "CWE-922", References = ["https://cheatsheetseries.owasp.org/cheatsheets/HTML5_Security_Cheat_Sheet.html#local-storage"],
    };

    public static readonly RuleInfo HstsMissing = new()
    {
        Id = "THP025", Name = "hsts-missing", Family = "token-exposure-client", Severity = Severity.Low, Confidence = Confidence.High,
        Title = "HTTPS endpoint without Strict-Transport-Security",
        Description = "The HTTPS target does not send Strict-Transport-Security, so a browser can be downgraded to plain HTTP and send its cookies and tokens in clear.",
        Remediation = "Send Strict-Transport-Security: max-age=31536000; includeSubDomains (CloudFront response headers policy, app middleware).",
        Cwe = "CWE-319", References = ["https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security"],
    };

    public static readonly RuleInfo CorsCredentials = new()
    {
        Id = "THP030", Name = "cors-origin-reflected-with-credentials", Family = "cors-credentials", Severity = Severity.High, Confidence = Confidence.High,
        Title = "Arbitrary or null Origin allowed with credentials",
        Description = "The endpoint reflects an arbitrary (or the null) Origin in Access-Control-Allow-Origin together with Access-Control-Allow-Credentials: true, so any web site can read authenticated responses (and the tokens in them) with the visitor's cookies. A bare * without credentials is not reported.",
        Remediation = "Allow only an explicit list of trusted origins when credentials are allowed; never reflect the Origin header or allow null.",
        Cwe = "CWE-942", References = ["https://portswigger.net/web-security/cors"],
    };

    public static readonly RuleInfo LlmSystemPromptLeak = new()
    {
        Id = "THP040", Name = "llm-system-prompt-leak", Family = "llm-prompt-leak", Severity = Severity.High, Confidence = Confidence.High,
        Title = "LLM endpoint reveals its system prompt",
        Description = "Extraction probes made the LLM endpoint return its system prompt: the planted canary came back, or a measured share of the system prompt given with --llm-system-prompt, or the same long passage recurred across unrelated probes. System prompts often hold keys, tokens and internal URLs.",
        Remediation = "Keep secrets out of prompts (call tools with server-side credentials instead), filter replies for the prompt and canaries, and treat the system prompt as public.",
        Cwe = "CWE-200", References = ["https://genai.owasp.org/llmrisk/llm072025-system-prompt-leakage/"],
    };

    public static readonly RuleInfo LlmSecretInOutput = new()
    {
        Id = "THP041", Name = "llm-secret-in-output", Family = "llm-prompt-leak", Severity = Severity.Critical, Confidence = Confidence.High,
        Title = "LLM reply contains a credential or token",
        Description = "The secrets engine found an AWS credential, key or token in the LLM endpoint's reply (plain or decoded from base64/ROT13): it is in the model's context and any user can extract it.",
        Remediation = "Rotate the credential and remove it from the prompt and retrieval sources; give tools server-side credentials the model never sees; scan replies before returning them.",
        Cwe = "CWE-200", References = ["https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/"],
    };

    public static readonly RuleInfo LlmInstructionOverride = new()
    {
        Id = "THP042", Name = "llm-instruction-override", Family = "llm-prompt-leak", Severity = Severity.Medium, Confidence = Confidence.High,
        Title = "LLM endpoint follows instructions that override its own",
        Description = "The LLM endpoint obeyed an instruction to ignore its instructions and print a marker the probe chose: its system prompt does not hold against injected instructions, the first step of prompt and token extraction.",
        Remediation = "Separate untrusted input from instructions, add output checks, and never rely on the prompt to protect secrets.",
        Cwe = "CWE-77", References = ["https://genai.owasp.org/llmrisk/llm012025-prompt-injection/"],
    };

    public static IReadOnlyList<RuleInfo> All { get; } =
    [
        SecuredEndpointOpen, BrokenTokenAccepted, MethodAuthInconsistent, TokenReflected, StackTrace, EnvironmentDump, SecretInResponse,
        InternalHostname, JwtAlgNone, JwtSignatureNotVerified, JwtWeakSecret, JwtKeyConfusion, JwtEmbeddedJwk, JwtKidInjection,
        JwtExpiredAccepted, JwtAudienceNotChecked, TokenCookieInsecure, TokenInUrl, TokenResponseCacheable, JwtSensitiveClaims,
        TokenInWebStorage, HstsMissing, CorsCredentials, LlmSystemPromptLeak, LlmSecretInOutput, LlmInstructionOverride,
    ];

    public static IRuleSource Source { get; } = new StaticRuleSource(All);

    /// <summary>The probe families in report order.</summary>
    public static IReadOnlyList<string> Families { get; } =
    [
        "unauthenticated-access", "token-reflection", "error-leakage", "jwt-validation", "token-exposure-client", "cors-credentials", "llm-prompt-leak",
    ];
}
