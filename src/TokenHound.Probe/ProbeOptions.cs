namespace TokenHound.Probe;

/// <summary>Everything `tokenhound probe` needs. Defaults are the safe ones from docs/probe.md.</summary>
public sealed record ProbeOptions
{
    public required Uri Target { get; init; }

    /// <summary>An OpenAPI 3 / Swagger 2 document: a file path (JSON or YAML) or a URL on the target host.</summary>
    public string? OpenApi { get; init; }

    /// <summary>A valid token of the user (a JWT, or an opaque bearer token).</summary>
    public string? Token { get; init; }

    /// <summary>A login request the user describes (path or URL on the target host): POSTed once to obtain a token.</summary>
    public string? LoginUrl { get; init; }

    /// <summary>Body of the login request (JSON, or form fields "a=b&amp;c=d").</summary>
    public string? LoginBody { get; init; }

    /// <summary>Content type of the login body: application/json (default) or application/x-www-form-urlencoded.</summary>
    public string LoginContentType { get; init; } = "application/json";

    /// <summary>Dotted JSON path of the token in the login response ("access_token", "AuthenticationResult.IdToken"); null: common names.</summary>
    public string? LoginTokenPath { get; init; }

    /// <summary>Name of the Set-Cookie of the login response that carries the token; null: a token-named or JWT-valued cookie when the body has none.</summary>
    public string? LoginCookie { get; init; }

    /// <summary>Cookies of a logged-in session, "name=value" each.</summary>
    public IReadOnlyList<string> Cookies { get; init; } = [];

    /// <summary>An expired token of the user (expiry replay).</summary>
    public string? ExpiredToken { get; init; }

    /// <summary>A valid token of another client / user pool (audience and issuer checks).</summary>
    public string? OtherToken { get; init; }

    /// <summary>PEM text of the issuer's public key (key confusion).</summary>
    public string? PublicKeyPem { get; init; }

    /// <summary>Requests per second; 0 or less lifts the limit.</summary>
    public double Rate { get; init; } = 5;

    /// <summary>Maximum number of requests.</summary>
    public int Budget { get; init; } = 300;

    public bool DryRun { get; init; }

    /// <summary>Methods besides GET, HEAD and OPTIONS the user allows for their own endpoints (POST, PUT …).</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Extra hosts that may be contacted (the token issuer's host for its JWKS …). The target's host always may.</summary>
    public IReadOnlyList<string> AllowHosts { get; init; } = [];

    /// <summary>Paths (or URLs on the target) of LLM endpoints; POST to them is allowed.</summary>
    public IReadOnlyList<string> LlmEndpoints { get; init; } = [];

    /// <summary>A canary the user planted in the system prompt.</summary>
    public string? LlmCanary { get; init; }

    /// <summary>The system prompt itself (the user's own app), to measure how much of it is revealed.</summary>
    public string? LlmSystemPrompt { get; init; }

    /// <summary>Model name sent to OpenAI-compatible chat endpoints.</summary>
    public string LlmModel { get; init; } = "gpt-4o-mini";

    /// <summary>Accept invalid TLS certificates (self-signed staging hosts).</summary>
    public bool Insecure { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whole request, headers and body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>One read of the response body.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bytes read per response at most; the rest is dropped.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>The whole probe stops (with a warning) after this long.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest wait for a Retry-After.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stop after this many consecutive connection failures / timeouts.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    /// <summary>Endpoints probed at most (from the OpenAPI document).</summary>
    public int MaxEndpoints { get; init; } = 50;

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Called for each request a dry run would send (the CLI prints them).</summary>
    public Action<string>? DryRunLog { get; init; }

    public static readonly string[] SafeMethods = ["GET", "HEAD", "OPTIONS"];

    public bool MethodAllowed(string method) =>
        SafeMethods.Contains(method, StringComparer.OrdinalIgnoreCase) || Methods.Contains(method, StringComparer.OrdinalIgnoreCase);
}
