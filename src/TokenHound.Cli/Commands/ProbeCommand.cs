using System.CommandLine;
using System.Text.RegularExpressions;
using TokenHound.Core;
using TokenHound.Probe;

namespace TokenHound.Cli.Commands;

/// <summary>
/// `tokenhound probe URL [--openapi FILE] [--token JWT | --login-url PATH --login-body JSON] [--public-key FILE] [--rate N] [--budget N] [--dry-run] …`:
/// black-box checks of one live API, with a score.
/// </summary>
public static class ProbeCommand
{
    public static Command Build(AppConsole console)
    {
        var url = new Argument<string>("url") { Description = "Base URL of the API (or of one endpoint) to probe; only its host is contacted." };
        var openapi = new Option<string?>("--openapi") { Description = "OpenAPI 3 / Swagger 2 document (JSON or YAML): a file, or a URL on the target host." };
        var token = new Option<string?>("--token") { Description = "A valid token of yours (JWT for the JWT checks; any bearer token otherwise). Never written in full." };
        var cookie = new Option<string[]>("--cookie") { Description = "A session cookie of yours, name=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var publicKey = new Option<string?>("--public-key") { Description = "PEM public key of the token issuer (RS/ES → HS key confusion); default: the JWKS of the target." };
        var loginUrl = new Option<string?>("--login-url") { Description = "Log in first: POST to this path (or URL on the target host) and use the token it returns like --token (counts against the budget)." };
        var loginBody = new Option<string?>("--login-body") { Description = "Body of the login request: JSON (or form fields with --login-content-type form). Never written to reports." };
        var loginBodyFile = new Option<string?>("--login-body-file") { Description = "File with the body of the login request (instead of --login-body; keeps the password off the command line)." };
        var loginType = new Option<string>("--login-content-type") { Description = "Content type of the login body: json (default) or form.", DefaultValueFactory = _ => "json" };
        loginType.AcceptOnlyFromAmong("json", "form");
        var loginPath = new Option<string?>("--login-token-path") { Description = "Dotted JSON path of the token in the login response (access_token, AuthenticationResult.IdToken …); default: common names, then token cookies." };
        var loginCookie = new Option<string?>("--login-cookie") { Description = "Name of the Set-Cookie of the login response that carries the token (then sent as that cookie)." };
        var expired = new Option<string?>("--expired-token") { Description = "An expired token of yours: checks that the API refuses it." };
        var other = new Option<string?>("--other-token") { Description = "A valid token of another client or user pool: checks audience and issuer validation." };
        var rate = new Option<double>("--rate") { Description = "Requests per second (default 5; 0 lifts the limit).", DefaultValueFactory = _ => 5 };
        var budget = new Option<int>("--budget") { Description = "Maximum number of requests (default 300).", DefaultValueFactory = _ => 300 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print every request the probe would send, and send none." };
        var method = new Option<string[]>("--method") { Description = "Also send this method (POST, PUT, PATCH, DELETE …) to your own endpoints (repeatable; default: only GET, HEAD, OPTIONS)." };
        var allowHost = new Option<string[]>("--allow-host") { Description = "Another host that may be contacted (e.g. the token issuer for its JWKS; repeatable)." };
        var llm = new Option<string[]>("--llm") { Description = "Path (or URL on the target) of an LLM endpoint: OpenAI-compatible …/chat/completions or a plain prompt endpoint; POST to it is allowed (repeatable)." };
        var llmCanary = new Option<string?>("--llm-canary") { Description = "A canary you planted in the LLM's system prompt: its appearance proves a leak." };
        var llmPrompt = new Option<string?>("--llm-system-prompt") { Description = "File with your LLM's system prompt, to measure how much of it is revealed." };
        var llmModel = new Option<string>("--llm-model") { Description = "Model name sent to OpenAI-compatible endpoints (default gpt-4o-mini).", DefaultValueFactory = _ => "gpt-4o-mini" };
        var insecure = new Option<bool>("--insecure") { Description = "Accept invalid TLS certificates (a staging host you trust)." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds per request, headers and body (default 15).", DefaultValueFactory = _ => 15 };
        var maxTime = new Option<double>("--max-time") { Description = "Stop the whole probe after this many seconds (default 600).", DefaultValueFactory = _ => 600 };
        var maxEndpoints = new Option<int>("--max-endpoints") { Description = "Endpoints probed at most (default 50).", DefaultValueFactory = _ => 50 };
        var failBelow = new Option<string?>("--fail-below") { Description = "Exit 1 when the overall grade is below this one: A, B, C, D." };
        failBelow.AcceptOnlyFromAmong("A", "B", "C", "D", "F", "a", "b", "c", "d", "f");
        var common = new CommonOptions();
        var cmd = new Command("probe", "Probe a live API for token leaks and token-validation weaknesses, and grade it (only the given host; rate-limited; GET/HEAD/OPTIONS unless --method).")
        {
            url, openapi, token, cookie, loginUrl, loginBody, loginBodyFile, loginType, loginPath, loginCookie, publicKey, expired, other, rate, budget, dryRun, method, allowHost, llm, llmCanary, llmPrompt, llmModel, insecure, timeout, maxTime, maxEndpoints, failBelow,
        };
        common.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var target = ParseTarget(r.GetValue(url));
            if (r.GetValue(rate) < 0)
            {
                throw new UsageException("--rate must be 0 (no limit) or more");
            }

            if (r.GetValue(budget) < 1)
            {
                throw new UsageException("--budget must be at least 1");
            }

            if (r.GetValue(timeout) <= 0)
            {
                throw new UsageException("--timeout must be more than 0 seconds");
            }

            if (r.GetValue(maxTime) <= 0)
            {
                throw new UsageException("--max-time must be more than 0 seconds");
            }

            if (r.GetValue(maxEndpoints) < 1)
            {
                throw new UsageException("--max-endpoints must be at least 1");
            }

            var spec = r.GetValue(openapi);
            if (spec is not null && !IsHttpUrl(spec) && !File.Exists(spec))
            {
                throw new UsageException($"OpenAPI document not found: {spec}");
            }

            string? pem = null;
            if (r.GetValue(publicKey) is { } pk)
            {
                pem = ReadFile(pk, "--public-key");
                if (!pem.Contains("-----BEGIN", StringComparison.Ordinal))
                {
                    throw new UsageException($"--public-key {pk}: not a PEM file (no -----BEGIN line)");
                }
            }

            var methods = new List<string>();
            foreach (var m in (r.GetValue(method) ?? []).SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!Regex.IsMatch(m, "^[A-Za-z]{1,20}$"))
                {
                    throw new UsageException($"--method {m}: not an HTTP method");
                }

                methods.Add(m.ToUpperInvariant());
            }

            var cookies = r.GetValue(cookie) ?? [];
            foreach (var c in cookies)
            {
                if (!c.Contains('=', StringComparison.Ordinal))
                {
                    throw new UsageException("--cookie takes name=value");
                }
            }

            foreach (var l in r.GetValue(llm) ?? [])
            {
                if (IsHttpUrl(l) && !new Uri(l).Host.Equals(target.Host, StringComparison.OrdinalIgnoreCase))
                {
                    throw new UsageException($"--llm {l}: not on the target host {target.Host}");
                }
            }

            var login = Blank(r.GetValue(loginUrl));
            if (login is null && (r.GetValue(loginBody) is not null || r.GetValue(loginBodyFile) is not null || Blank(r.GetValue(loginPath)) is not null || Blank(r.GetValue(loginCookie)) is not null))
            {
                throw new UsageException("--login-body, --login-body-file, --login-token-path and --login-cookie need --login-url");
            }

            var form = r.GetValue(loginType) == "form";
            string? loginText = null;
            if (login is not null)
            {
                if (Blank(r.GetValue(token)) is not null)
                {
                    throw new UsageException("give either --token or --login-url, not both");
                }

                if (Uri.TryCreate(login, UriKind.Absolute, out var lu) && !login.StartsWith('/'))
                {
                    if (!IsHttpUrl(login))
                    {
                        throw new UsageException($"--login-url {login}: give a path or an http(s) URL on the target host");
                    }

                    if (!lu.Host.Equals(target.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new UsageException($"--login-url {login}: not on the target host {target.Host}");
                    }
                }

                if (Blank(r.GetValue(loginPath)) is not null && Blank(r.GetValue(loginCookie)) is not null)
                {
                    throw new UsageException("give either --login-token-path or --login-cookie, not both");
                }

                if (r.GetValue(loginBody) is not null && r.GetValue(loginBodyFile) is not null)
                {
                    throw new UsageException("give either --login-body or --login-body-file, not both");
                }

                loginText = r.GetValue(loginBodyFile) is { } lf ? ReadFile(lf, "--login-body-file") : r.GetValue(loginBody);
                if (!form && loginText is { Length: > 0 })
                {
                    try
                    {
                        using var _ = System.Text.Json.JsonDocument.Parse(loginText);
                    }
                    catch (System.Text.Json.JsonException e)
                    {
                        throw new UsageException($"--login-body: not valid JSON ({e.Message.Split('.')[0]}); use --login-content-type form for form fields");
                    }
                }
            }

            var config = common.LoadConfig(r, null);
            var quiet = r.GetValue(common.Quiet);
            var options = new ProbeOptions
            {
                Target = target,
                OpenApi = spec,
                Token = Blank(r.GetValue(token)),
                Cookies = cookies,
                LoginUrl = login,
                LoginBody = loginText,
                LoginContentType = form ? "application/x-www-form-urlencoded" : "application/json",
                LoginTokenPath = Blank(r.GetValue(loginPath)),
                LoginCookie = Blank(r.GetValue(loginCookie)),
                ExpiredToken = Blank(r.GetValue(expired)),
                OtherToken = Blank(r.GetValue(other)),
                PublicKeyPem = pem,
                Rate = r.GetValue(rate),
                Budget = r.GetValue(budget),
                DryRun = r.GetValue(dryRun),
                Methods = methods,
                AllowHosts = r.GetValue(allowHost) ?? [],
                LlmEndpoints = r.GetValue(llm) ?? [],
                LlmCanary = Blank(r.GetValue(llmCanary)),
                LlmSystemPrompt = r.GetValue(llmPrompt) is { } f ? ReadFile(f, "--llm-system-prompt") : null,
                LlmModel = r.GetValue(llmModel) ?? "gpt-4o-mini",
                Insecure = r.GetValue(insecure),
                RequestTimeout = TimeSpan.FromSeconds(r.GetValue(timeout)),
                MaxEndpoints = r.GetValue(maxEndpoints),
                MaxDuration = TimeSpan.FromSeconds(r.GetValue(maxTime)),
                DryRunLog = quiet ? null : line => console.Error.WriteLine("dry-run: " + line),
            };
            var result = ProbeRunner.Run(options);
            var report = result.Report;
            var kept = report.Findings.Where(f => !config.Allows(f)).ToList();
            report.Suppressed += report.Findings.Count - kept.Count;
            report.Findings.Clear();
            report.Findings.AddRange(kept);
            if (!quiet)
            {
                console.Error.WriteLine($"probe: {report.Stats["requests"]} requests in {report.Duration.TotalSeconds:0.0} s; score {result.Score.Overall}/100, grade {result.Score.Grade}");
            }

            var code = common.Emit(r, console, report);
            if (r.GetValue(failBelow) is { } g && ProbeScore.TryParseGrade(g, out var threshold) && ProbeScore.Below(result.Score.Grade, threshold))
            {
                if (!quiet)
                {
                    console.Error.WriteLine($"probe: grade {result.Score.Grade} is below {threshold} (--fail-below)");
                }

                code = Math.Max(code, ExitCodes.Findings);
            }

            return code;
        });
        return cmd;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool IsHttpUrl(string s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    private static Uri ParseTarget(string? s)
    {
        if (string.IsNullOrWhiteSpace(s) || !Uri.TryCreate(s.Trim(), UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps) || u.Host.Length == 0)
        {
            throw new UsageException($"invalid URL '{s}': give an absolute http:// or https:// URL");
        }

        if (u.UserInfo.Length > 0)
        {
            throw new UsageException("the URL must not carry credentials (user:password@); use --token or --cookie");
        }

        return u;
    }

    private static string ReadFile(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: {e.Message}");
        }
    }
}
