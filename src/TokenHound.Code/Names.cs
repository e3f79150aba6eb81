namespace TokenHound.Code;

/// <summary>Name heuristics: which identifiers, keys and header names say "this is a token / credential".</summary>
public static class Names
{
    [ThreadStatic]
    private static Dictionary<string, string>? t_norm;

    /// <summary>
    /// Lower case without '_', '-', spaces and quotes: "X-Api-Key" → "xapikey". Memoized per thread: the engine asks
    /// for the same few keys and names over and over (a new string each time was a fifth of its allocations).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Norm(string s) => Memoized(ref t_norm, s, NormCore);

    /// <summary>A per-thread memo (cleared at 100,000 entries) of a function of a name: no locks, one file per thread.</summary>
    internal static T Memoized<T>(ref Dictionary<string, T>? memo, string key, Func<string, T> compute)
    {
        memo ??= new Dictionary<string, T>(StringComparer.Ordinal);
        if (memo.TryGetValue(key, out var known))
        {
            return known;
        }

        if (memo.Count >= 100_000)
        {
            memo.Clear();
        }

        var value = compute(key);
        memo[key] = value;
        return value;
    }

    private static string NormCore(string s)
    {
        if (s.Length == 0)
        {
            return s;
        }

        Span<char> buf = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        return new string(buf[..NormInto(s, buf)]);
    }

    /// <summary>
    /// Writes <paramref name="s"/> lower-cased without '_', '-', spaces, quotes, backticks, '$' and '@' into
    /// <paramref name="buf"/> (at least as long) and returns the length written.
    /// </summary>
    public static int NormInto(ReadOnlySpan<char> s, Span<char> buf)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (c is '_' or '-' or ' ' or '"' or '\'' or '`' or '$' or '@')
            {
                continue;
            }

            buf[n++] = char.ToLowerInvariant(c);
        }

        return n;
    }

    /// <summary>Splits camelCase / snake_case / kebab-case / dotted names into lower-case words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<string> Words(string s)
    {
        var words = new List<string>();
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (char.IsUpper(c) && sb.Length > 0 && (char.IsLower(s[i - 1]) || (i + 1 < s.Length && char.IsLower(s[i + 1]) && char.IsUpper(s[i - 1]))))
            {
                Flush();
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }
    }

    private static readonly HashSet<string> TokenWords =
    [
        "token", "jwt", "bearer", "authorization", "secret", "password", "passwd", "credential", "credentials",
        "apikey", "passphrase", "cookie", "idtoken", "accesstoken", "refreshtoken", "sessiontoken", "authtoken", "privatekey",
        "clientsecret", "secretkey", "secretaccesskey", "xapikey", "signingkey",
    ];

    /// <summary>Word pairs that make a token name ("api key", "auth header", "session token").</summary>
    private static readonly (string, string)[] TokenPairs =
    [
        ("api", "key"), ("auth", "header"), ("auth", "token"), ("access", "key"), ("private", "key"), ("signing", "key"),
        ("client", "secret"), ("x", "api"), ("session", "id"), ("auth", "code"),
    ];

    /// <summary>Words that, anywhere in a name, make it a description of a token rather than the token itself.</summary>
    private static readonly HashSet<string> Disqualifiers =
    [
        "name", "names", "id", "ids", "arn", "url", "uri", "endpoint", "type", "types", "length", "len", "count", "size", "parameter",
        "expiry", "expires", "expiration", "exp", "ttl", "lifetime", "policy", "field", "param", "prefix", "path", "file",
        "hash", "hashed", "masked", "mask", "redacted", "redact", "valid", "validator", "verifier", "verify", "validate",
        "is", "has", "should", "required", "regex", "pattern", "store", "storage", "provider", "manager", "service",
        "client", "handler", "options", "config", "settings", "source", "version", "format", "decoded", "claims",
        "payload", "index", "idx", "limit", "min", "max", "rotation", "location", "region", "label",
        "description", "desc", "placeholder", "input", "form", "test", "mock", "fake", "dummy", "example", "schema",
        "cache", "reset", "forgot", "strength", "hint", "last", "changed", "updated", "created", "time", "date",
        "tokenizer", "tokens", "tokenize", "tokenized", "parser", "kind", "status", "error", "err", "message", "msg",
        "expected", "present", "exists", "missing", "empty", "env", "var", "variable", "confirm",
        "policy", "rules", "digest", "fingerprint", "preview", "suffix", "tail", "first", "chars", "endpoint", "callback",
        "query", "command", "request", "response", "result", "secrets", "arns", "username",
        // positions of syntax tokens and pagination tokens (NextToken, continuation / page / sync tokens) are not credentials
        "range", "span", "pos", "position", "offset", "start", "end", "lineno", "column", "next", "continuation", "page", "pagination",
        "cursor", "sync", "starting",
        // counters and settings about a credential (credentialRefreshAttempt, tokenRefreshInterval, authScheme)
        "attempt", "attempts", "interval", "capacity", "scheme", "method", "methods",
    ];

    [ThreadStatic]
    private static Dictionary<string, bool>? t_describes;

    /// <summary>
    /// True when a name describes something about a value rather than being the value: one of its words is a
    /// disqualifier ("correlationId", "credentialType", "tokenExpiry", "authenticationScheme"). A name that is a token
    /// word as a whole (<c>id_token</c>) is the token, not a description of it.
    /// </summary>
    public static bool Describes(string name) => Memoized(ref t_describes, name, static n => Words(n) is var w && !TokenWords.Contains(string.Concat(w)) && w.Any(Disqualifiers.Contains));

    /// <summary>Per-thread memo of <see cref="SaysToken"/> (no locks: the scan runs one file per thread).</summary>
    [ThreadStatic]
    private static Dictionary<string, bool>? t_saysToken;

    /// <summary>True when an identifier / key names a token or credential value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool SaysToken(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            return false;
        }

        return Memoized(ref t_saysToken, name, SaysTokenCore);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SaysTokenCore(string name)
    {
        // a configuration path ("Jwt:Issuer", "LegacyAws:SecretAccessKey") names its value by the last segment; the
        // sections before it only group settings ("Jwt:Issuer" is an issuer, "Jwt:Key" the JWT's key)
        var colon = name.LastIndexOf(':');
        if (colon > 0 && colon < name.Length - 1 && name.IndexOf(' ') < 0)
        {
            var leaf = name[(colon + 1)..];
            return Norm(leaf) is "key" or "value" ? SaysTokenCore(name[..colon] + "_" + leaf) : SaysTokenCore(leaf);
        }

        var words = Words(name);
        if (words.Count == 0)
        {
            return false;
        }

        // a name that is a token word as a whole says token even when one of its words is a disqualifier: id_token
        if (TokenWords.Contains(string.Concat(words)))
        {
            return true;
        }

        // `tokens` alone is a token set (an OAuth token response); with other words it is mostly a count or a list of
        // syntax / LLM tokens (total_tokens, promptTokens), and in lexer code it is left out by the engine
        if (words is ["tokens"])
        {
            return true;
        }

        // an OAuth token endpoint's response (tokenResponse, token_response, oauthTokenResponse) holds the tokens it
        // issued; with other words it is mostly the name of a kind of response (requests-oauthlib's hook registry
        // compliance_hook["access_token_response"])
        if (words is ["token" or "tokens", "response"] or ["oauth" or "oauth2", "token" or "tokens", "response"])
        {
            return true;
        }

        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (Disqualifiers.Contains(w) && !(w == "client" && i + 1 < words.Count && words[i + 1] == "secret"))
            {
                return false;
            }
        }

        var joined = string.Concat(words);
        if (TokenWords.Contains(joined))
        {
            return true;
        }

        foreach (var w in words)
        {
            if (TokenWords.Contains(w) && w != "cookie")
            {
                return true;
            }
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            foreach (var (a, b) in TokenPairs)
            {
                if (words[i] == a && words[i + 1] == b)
                {
                    return true;
                }
            }
        }

        return joined is "auth" or "sid" or "xamzsecuritytoken" or "xauthtoken" or "proxyauthorization";
    }

    /// <summary>HTTP header names that carry credentials.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsCredentialHeader(string name) => IsCredentialHeaderNorm(Norm(name));

    // Django's request.META names a header HTTP_<NAME> (HTTP_AUTHORIZATION, HTTP_X_API_KEY, HTTP_COOKIE)
    private static bool IsCredentialHeaderNorm(string n) => n is "authorization" or "xapikey" or "cookie" or "xamzsecuritytoken"
        or "xauthtoken" or "proxyauthorization" or "xaccesstoken" or "xidtoken" or "xjwt" or "xcsrftoken" or "token" or "apikey"
        || n.Length > 4 && n.StartsWith("http", StringComparison.Ordinal) && IsCredentialHeaderNorm(n[4..]);

    /// <summary>Request-id and tracing headers (x-request-id, x-correlation-id, x-amzn-trace-id, traceparent): ids, not data.</summary>
    public static bool IsTraceHeader(string name)
    {
        var n = Norm(name);
        return n.Contains("requestid", StringComparison.Ordinal) || n.Contains("correlationid", StringComparison.Ordinal)
            || n.Contains("traceid", StringComparison.Ordinal) || n is "traceparent" or "tracestate" or "xamzntraceid" or "xrayid";
    }

    /// <summary>A name or expression about a CSRF token (XSRF-TOKEN, csrf_token, req.csrfToken()).</summary>
    public static bool IsCsrf(string text) =>
        text.Contains("csrf", StringComparison.OrdinalIgnoreCase) || text.Contains("xsrf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Cookie names that hold a session or bearer token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsTokenCookie(string name)
    {
        if (IsCsrf(name))
        {
            return false; // a CSRF token cookie (XSRF-TOKEN) is meant to be read by script: it is not the session
        }

        var n = Norm(name);

        // a session cookie under a prefix (legacy_session, portal_sid) is still the session
        return SaysToken(name) || n is "session" or "sessionid" or "sid" or "auth" or "jwt" or "connect.sid" or "idtoken" or "accesstoken" or "refreshtoken"
            || Words(name) is { Count: > 1 } w && w[^1] is "session" or "sid" or "sessid";
    }

    /// <summary>Names of the incoming event / request object of a handler.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsEventName(string name) => name is "event" or "evt" or "req" or "request" or "apiGatewayEvent" or "apigwEvent" or "lambdaEvent"
        or "httpRequest" or "apiRequest" or "input" or "r" or "proxyRequest" or "requestEvent" or "ev";

    /// <summary>Type names of an incoming request / event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsEventType(string? type)
    {
        if (type is null)
        {
            return false;
        }

        return type.Contains("APIGateway", StringComparison.Ordinal) || type.Contains("HttpRequest", StringComparison.Ordinal)
            || type.Contains("HttpServletRequest", StringComparison.Ordinal) || type.Contains("http.Request", StringComparison.Ordinal)
            || type.Contains("ALBTargetGroupRequest", StringComparison.Ordinal) || type.Contains("LambdaFunctionURLRequest", StringComparison.Ordinal)
            || type.Contains("Request<", StringComparison.Ordinal) || type.Contains("ServerRequest", StringComparison.Ordinal)
            || type.Contains("FastifyRequest", StringComparison.Ordinal) || type.Contains("Handler", StringComparison.Ordinal) && false
            || type.Contains("gin.Context", StringComparison.Ordinal) || type.Contains("echo.Context", StringComparison.Ordinal)
            || type.Contains("HttpContext", StringComparison.Ordinal) || type.Contains("ContainerRequestContext", StringComparison.Ordinal)
            || type.Contains("fiber.Ctx", StringComparison.Ordinal)
            // Vert.x Web / Quarkus reactive routes: the RoutingContext of a route handler (ctx.request().headers())
            || type == "RoutingContext"
            || type.EndsWith("Request", StringComparison.Ordinal) && !type.Contains("Invoke", StringComparison.Ordinal);
    }

    [ThreadStatic]
    private static Dictionary<string, bool>? t_redaction;

    /// <summary>True for function names that clear taint: redact, mask, sanitize, hash ...</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsRedaction(string name) => Memoized(ref t_redaction, name, IsRedactionCore);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsRedactionCore(string name)
    {
        var n = name.ToLowerInvariant();
        return n.Contains("redact") || n.Contains("mask") || n.Contains("sanitiz") || n.Contains("sanitis") || n.Contains("hash")
            || n.Contains("scrub") || n.Contains("anonymi") || n.Contains("obfuscat") || n.Contains("sha256") || n.Contains("sha1")
            || n.Contains("md5") || n.Contains("hmac") || n.Contains("digest") || n.Contains("fingerprint") || n.Contains("censor")
            || n == "len" || n == "length" || n == "count" || n.Contains("truncate") || n == "bool" || n == "boolean" || n == "isnullorempty"
            || n.Contains("redaction");
    }
}
