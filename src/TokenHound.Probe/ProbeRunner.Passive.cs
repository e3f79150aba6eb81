using System.Text.RegularExpressions;
using TokenHound.Core;
using TokenHound.Secrets;

namespace TokenHound.Probe;

/// <summary>Checks that look at every response: reflection, error leakage, cookies, tokens in URLs, caching, HSTS.</summary>
public sealed partial class ProbeRunner
{
    /// <summary>Tokens the probe sent (canaries, the user's token, forged tokens) → where they were sent.</summary>
    private readonly Dictionary<string, string> _sent = new(StringComparer.Ordinal);
    private readonly List<ProbeResponse> _htmlPages = [];

    private void RegisterSent(string token, string channel)
    {
        if (token.Length >= 16)
        {
            _sent.TryAdd(token, channel);
        }
    }

    private bool IsOurs(string value)
    {
        foreach (var s in _http.KnownSecrets)
        {
            if (s.Contains(value, StringComparison.Ordinal) || value.Contains(s, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var s in _sent.Keys)
        {
            if (s.Contains(value, StringComparison.Ordinal) || value.Contains(s, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void Passive(ProbeResponse r)
    {
        if (r.Status == 0)
        {
            return;
        }

        Tested("error-leakage", "every response scanned");
        Tested("token-exposure-client", "every response checked");
        CheckReflection(r);
        var debug = CheckStackTrace(r);
        CheckEnvironment(r);
        if (!r.Request.UserNamed)
        {
            // LLM replies are judged by the LLM checks (THP041).
            CheckSecrets(r, debug);
        }
        if (r.Status >= 400 || debug)
        {
            CheckInternalHosts(r);
        }

        CheckCookies(r);
        CheckTokenInUrl(r);
        CheckCaching(r);
        CheckHsts(r);
        if (r.IsHtml && r.Ok && _htmlPages.Count < 5 && !_htmlPages.Any(p => p.Uri.AbsolutePath == r.Uri.AbsolutePath))
        {
            _htmlPages.Add(r);
        }
    }

    private string RequestText(ProbeRequest q) =>
        q.Uri.OriginalString + "\n" + q.Uri.AbsoluteUri + "\n" + string.Join("\n", q.Headers.Select(h => h.Value)) + "\n" + q.Body;

    private void CheckReflection(ProbeResponse r)
    {
        if (_sent.Count == 0)
        {
            return;
        }

        var req = RequestText(r.Request);
        foreach (var (token, channel) in _sent)
        {
            if (!req.Contains(token, StringComparison.Ordinal) && !req.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal))
            {
                continue;
            }

            var middle = token.Split('.') is { Length: 3 } parts && parts[1].Length >= 20 ? parts[1] : null;
            string? where = null;
            if (r.Body.Contains(token, StringComparison.Ordinal))
            {
                where = "response body";
            }
            else if (middle is not null && r.Body.Contains(middle, StringComparison.Ordinal))
            {
                where = "response body (the token's payload)";
            }
            else
            {
                foreach (var h in r.Headers)
                {
                    if (h.Value.Contains(token, StringComparison.Ordinal) || h.Value.Contains(Uri.EscapeDataString(token), StringComparison.Ordinal)
                        || (middle is not null && h.Value.Contains(middle, StringComparison.Ordinal)))
                    {
                        where = h.Key.Equals("Location", StringComparison.OrdinalIgnoreCase) ? "redirect Location" : $"response header {h.Key}";
                        break;
                    }
                }
            }

            if (where is null)
            {
                continue;
            }

            var kind = r.Status >= 400 ? $"error page ({r.Status})" : $"response ({r.Status})";
            var channelKind = channel.Split(" (")[0];
            Report(ProbeRules.TokenReflected, r.Uri, r, $"{r.Uri.AbsolutePath}|{channelKind}|{where}",
                $"A token sent in {channel} came back in the {where} of the {kind} for {r.Request.Method} {r.Uri.AbsolutePath}.",
                $"{where}: {SecretMask.Mask(token)}", props: new() { ["channel"] = channel, ["reflectedIn"] = where });
        }
    }

    private static readonly (Regex Pattern, string What)[] DebugPatterns =
    [
        (new(@"An unhandled exception occurred while processing the request|Microsoft\.AspNetCore\.Diagnostics\.DeveloperExceptionPage", RegexOptions.NonBacktracking), "ASP.NET Core developer exception page"),
        (new(@"\bat [\w.`<>+\[\],]+\([^)\r\n]*\) in [^\r\n]+:line \d+", RegexOptions.NonBacktracking), ".NET stack trace"),
        (new(@"(?m)^\s*at [\w.]+\.[\w<>$]+\([\w$]+\.(?:java|kt|scala):\d+\)", RegexOptions.NonBacktracking), "Java stack trace"),
        (new(@"Traceback \(most recent call last\):", RegexOptions.NonBacktracking), "Python traceback"),
        (new(@"You're seeing this error because you have <code>DEBUG = True</code>", RegexOptions.NonBacktracking), "Django debug page"),
        (new(@"Werkzeug Debugger|The debugger caught an exception in your WSGI application", RegexOptions.NonBacktracking), "Werkzeug debugger"),
        (new(@"\bat (?:[\w$.<>\[\] ]+ )?\(?(?:/[\w.@-]+)+\.(?:js|mjs|cjs|ts):\d+:\d+\)?", RegexOptions.NonBacktracking), "Node.js stack trace"),
        (new(@"goroutine \d+ \[running\]:", RegexOptions.NonBacktracking), "Go panic trace"),
        (new(@"Stack trace:\s*#0 ", RegexOptions.NonBacktracking), "PHP stack trace"),
        (new(@"Whoops! There was an error\.|Symfony\\Component\\ErrorHandler|Illuminate\\Foundation", RegexOptions.NonBacktracking), "Laravel/Symfony debug page"),
        (new(@"Action Controller: Exception caught", RegexOptions.NonBacktracking), "Rails debug page"),
        (new(@"(?:System\.[\w.]+Exception|java\.lang\.[\w.]+Exception|[\w.]+Error): [^\r\n]*\r?\n\s+at ", RegexOptions.NonBacktracking), "exception with stack trace"),
    ];

    /// <returns>true when the response is a stack trace or debug page.</returns>
    private bool CheckStackTrace(ProbeResponse r)
    {
        foreach (var (pattern, what) in DebugPatterns)
        {
            var m = pattern.Match(r.Body);
            if (!m.Success)
            {
                continue;
            }

            Report(ProbeRules.StackTrace, r.Uri, r, $"{r.Uri.AbsolutePath}|{what}",
                $"The {r.Status} response to {r.Request.Method} {r.Uri.AbsolutePath} contains a {what}.",
                Snippet(m.Value, 200), props: new() { ["kind"] = what });
            return true;
        }

        return false;
    }

    private static readonly string[] EnvNames =
    [
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_EXECUTION_ENV", "LAMBDA_TASK_ROOT", "AWS_LAMBDA_LOG_GROUP_NAME", "_HANDLER", "ECS_CONTAINER_METADATA_URI", "ECS_CONTAINER_METADATA_URI_V4",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "PATH", "HOME", "HOSTNAME", "NODE_ENV", "ASPNETCORE_ENVIRONMENT", "PWD", "SHELL", "LANG", "USER",
    ];

    private static readonly Regex EnvAssignment = new(@"(?:^|[\s""'{,])([A-Z_][A-Z0-9_]+)(?:""?\s*[:=]\s*)", RegexOptions.NonBacktracking | RegexOptions.Multiline);

    private void CheckEnvironment(ProbeResponse r)
    {
        if (r.Body.Length < 20)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in EnvAssignment.Matches(r.Body))
        {
            var n = m.Groups[1].Value;
            if (EnvNames.Contains(n, StringComparer.Ordinal))
            {
                names.Add(n);
            }
        }

        var aws = names.Count(n => n.StartsWith("AWS_", StringComparison.Ordinal) || n is "LAMBDA_TASK_ROOT" or "_HANDLER");
        if (names.Count >= 4 || (aws >= 2 && names.Count >= 3))
        {
            var creds = names.Where(n => n is "AWS_SECRET_ACCESS_KEY" or "AWS_SESSION_TOKEN" or "AWS_ACCESS_KEY_ID").ToList();
            Report(ProbeRules.EnvironmentDump, r.Uri, r, r.Uri.AbsolutePath,
                $"The {r.Status} response to {r.Request.Method} {r.Uri.AbsolutePath} lists the process environment ({names.Count} well-known variables{(creds.Count > 0 ? ", including " + string.Join(", ", creds) : "")}).",
                "variables: " + string.Join(", ", names.Order(StringComparer.Ordinal)),
                severity: creds.Count > 0 ? Severity.Critical : Severity.High, props: new() { ["variables"] = string.Join(",", names.Order(StringComparer.Ordinal)) });
        }
    }

    private void CheckSecrets(ProbeResponse r, bool debug)
    {
        var text = r.Body + "\n" + string.Join("\n", r.Headers.Select(h => h.Key + ": " + h.Value));
        foreach (var m in _engine.Scan(text))
        {
            if (IsOurs(m.Value))
            {
                continue;
            }

            var always = m.Kind.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || m.Kind.Contains("private-key", StringComparison.OrdinalIgnoreCase);
            if (!always && r.Status < 400 && !debug)
            {
                continue;
            }

            Report(ProbeRules.SecretInResponse, r.Uri, r, "", $"The {r.Status} response to {r.Request.Method} {r.Uri.AbsolutePath} contains {m.Title} ({m.Rule.Id}).",
                SecretMask.Mask(m.Value), severity: m.Severity >= Severity.High ? m.Severity : Severity.High,
                props: new Dictionary<string, string>(m.Properties) { ["secretRule"] = m.Rule.Id, ["kind"] = m.Kind }, secret: m.Value);
        }
    }

    private static readonly Regex InternalHost = new(
        @"\b(?:ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}\.[a-z0-9.-]*internal|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:ec2\.internal|compute\.internal|svc\.cluster\.local|rds\.amazonaws\.com|cache\.amazonaws\.com|es\.amazonaws\.com|internal\.corp))\b|\b(?:10\.\d{1,3}\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3})\b",
        RegexOptions.NonBacktracking | RegexOptions.IgnoreCase);

    private void CheckInternalHosts(ProbeResponse r)
    {
        var m = InternalHost.Match(r.Body);
        if (!m.Success || m.Value.Equals(_o.Target.Host, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        Report(ProbeRules.InternalHostname, r.Uri, r, $"{r.Uri.AbsolutePath}|{m.Value.ToLowerInvariant()}",
            $"The {r.Status} response to {r.Request.Method} {r.Uri.AbsolutePath} names an internal host or private address ({m.Value}).",
            Snippet(r.Body.Substring(Math.Max(0, m.Index - 60), Math.Min(r.Body.Length - Math.Max(0, m.Index - 60), m.Length + 120)), 200),
            props: new() { ["host"] = m.Value });
    }

    [GeneratedRegex(@"(?i)token|jwt|sess|^sid$|^auth|bearer|^access$|refresh|credential|jsessionid|phpsessid|connect\.sid|aspnetcore|^id$", RegexOptions.NonBacktracking)]
    private static partial Regex TokenCookieName();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*", RegexOptions.NonBacktracking)]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"""(?:access_token|id_token|refresh_token|token|jwt|session_token|accessToken|idToken|refreshToken|sessionToken|AccessToken|IdToken|RefreshToken)""\s*:\s*""([^""\s]{16,})""", RegexOptions.NonBacktracking)]
    private static partial Regex JsonTokenField();

    [GeneratedRegex(@"(?i)[?&#](?:access_token|id_token|refresh_token|token|jwt|auth|session|sessionid|api_key|apikey|bearer)=([^&#\s""'<>]{8,})", RegexOptions.NonBacktracking)]
    private static partial Regex UrlTokenParam();

    private void CheckCookies(ProbeResponse r)
    {
        foreach (var sc in r.HeaderValues("Set-Cookie"))
        {
            var parts = sc.Split(';');
            var eq = parts[0].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = parts[0][..eq].Trim();
            var value = parts[0][(eq + 1)..].Trim().Trim('"');
            if (value.Length < 8 || value is "deleted" || !(TokenCookieName().IsMatch(name) || JwtPattern().IsMatch(value)))
            {
                continue;
            }

            var attrs = parts.Skip(1).Select(p => p.Trim()).ToList();
            string? Attr(string n) => attrs.FirstOrDefault(a => a.Split('=')[0].Trim().Equals(n, StringComparison.OrdinalIgnoreCase)) is { } a
                ? (a.Contains('=', StringComparison.Ordinal) ? a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim() : "")
                : null;
            if (Attr("Max-Age") is { } ma && int.TryParse(ma, out var age) && age <= 0)
            {
                continue; // a deletion
            }

            if (Attr("Expires") is { } ex && DateTimeOffset.TryParse(ex, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var exp) && exp < _o.Now)
            {
                continue;
            }

            var issues = new List<string>();
            var severe = false;
            if (Attr("HttpOnly") is null)
            {
                issues.Add("no HttpOnly");
                severe = true;
            }

            if (Attr("Secure") is null)
            {
                issues.Add("no Secure");
                severe = true;
            }

            var sameSite = Attr("SameSite");
            if (sameSite is null)
            {
                issues.Add("no SameSite");
            }

            if (Attr("Domain") is { Length: > 0 } domain)
            {
                var d = domain.TrimStart('.');
                if (!d.Equals(r.Uri.Host, StringComparison.OrdinalIgnoreCase))
                {
                    issues.Add($"Domain={domain} (shared with every subdomain of {d})");
                }
            }

            var path = Attr("Path");
            if (name.Contains("refresh", StringComparison.OrdinalIgnoreCase) && (path is null or "/" or ""))
            {
                issues.Add("refresh token sent on every path (Path=/)");
            }

            if (issues.Count == 0)
            {
                continue;
            }

            Report(ProbeRules.TokenCookieInsecure, r.Uri, r, "cookie:" + name,
                $"The token cookie '{name}' set by {r.Request.Method} {r.Uri.AbsolutePath} has {string.Join(", ", issues)}.",
                $"Set-Cookie: {name}={SecretMask.Mask(value)}; {string.Join("; ", attrs)}",
                severity: severe ? Severity.Medium : Severity.Low, props: new() { ["cookie"] = name, ["issues"] = string.Join("; ", issues) });
        }
    }

    private void CheckTokenInUrl(ProbeResponse r)
    {
        var sources = new List<(string Where, string Text)>();
        if (r.Header("Location") is { } loc)
        {
            sources.Add(("redirect Location", loc));
        }

        if (r.IsHtml)
        {
            foreach (Match m in HtmlLink().Matches(r.Body.Length > 512 * 1024 ? r.Body[..(512 * 1024)] : r.Body))
            {
                sources.Add(("link in the page", m.Groups[1].Value));
                if (sources.Count > 200)
                {
                    break;
                }
            }
        }

        foreach (var (where, text) in sources)
        {
            var m = UrlTokenParam().Match(text);
            var value = m.Success && LooksLikeToken(m.Groups[1].Value) ? m.Groups[1].Value : JwtPattern().Match(text) is { Success: true } jm ? jm.Value : null;
            if (value is null || IsOurs(Uri.UnescapeDataString(value)))
            {
                continue;
            }

            Report(ProbeRules.TokenInUrl, r.Uri, r, $"{r.Uri.AbsolutePath}|{where}",
                $"The response to {r.Request.Method} {r.Uri.AbsolutePath} puts a token in a URL ({where}).",
                $"{where}: {SecretMask.MaskIn(text.Length > 200 ? text[..200] : text, value)}", props: new() { ["where"] = where }, secret: value);
        }
    }

    /// <summary>At least 16 characters with letters and digits (not "session=spring-sale-2024").</summary>
    private static bool LooksLikeToken(string v) =>
        v.Length >= 16 && v.Any(char.IsAsciiDigit) && v.Any(char.IsAsciiLetter) && v.Count(c => c == '-') < 3 && TokenHound.Secrets.TextUtil.Entropy(v) >= 3.0;

    [GeneratedRegex(@"(?i)(?:href|src|action)\s*=\s*[""']([^""'<>\s]+)[""']", RegexOptions.NonBacktracking)]
    private static partial Regex HtmlLink();

    private bool CarriesToken(ProbeResponse r, bool excludeOurs = true)
    {
        if (r.HeaderValues("Set-Cookie").Any(sc =>
            {
                var first = sc.Split(';')[0];
                var eq = first.IndexOf('=', StringComparison.Ordinal);
                return eq > 0 && first[(eq + 1)..].Trim().Length >= 8 && TokenCookieName().IsMatch(first[..eq].Trim()) && !sc.Contains("Max-Age=0", StringComparison.OrdinalIgnoreCase);
            }))
        {
            return true;
        }

        if (r.Body.Length == 0)
        {
            return false;
        }

        foreach (Match m in JsonTokenField().Matches(r.Body))
        {
            if (!excludeOurs || !IsOurs(m.Groups[1].Value))
            {
                return true;
            }
        }

        foreach (Match m in JwtPattern().Matches(r.Body))
        {
            if (!excludeOurs || !IsOurs(m.Value))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckCaching(ProbeResponse r)
    {
        if (r.Status is < 200 or >= 400 || !CarriesToken(r))
        {
            return;
        }

        var cc = string.Join(",", r.HeaderValues("Cache-Control")).ToLowerInvariant();
        if (cc.Contains("no-store", StringComparison.Ordinal))
        {
            return;
        }

        Report(ProbeRules.TokenResponseCacheable, r.Uri, r, $"{r.Request.Method} {r.Uri.AbsolutePath}",
            $"The response to {r.Request.Method} {r.Uri.AbsolutePath} carries a token but {(cc.Length == 0 ? "has no Cache-Control header" : $"has Cache-Control: {cc}")} (no-store missing).",
            cc.Length == 0 ? "Cache-Control: (absent)" : "Cache-Control: " + cc);
    }

    private void CheckHsts(ProbeResponse r)
    {
        if (r.Uri.Scheme != Uri.UriSchemeHttps || r.Uri.Host != _o.Target.Host)
        {
            return;
        }

        if (r.Header("Strict-Transport-Security") is { } h && h.Contains("max-age", StringComparison.OrdinalIgnoreCase) && !h.Contains("max-age=0", StringComparison.OrdinalIgnoreCase))
        {
            _hstsSeen = true;
            return;
        }

        if (_hstsMissing is null || (r.Uri.AbsolutePath == _o.Target.AbsolutePath && _hstsMissing.Uri.AbsolutePath != _o.Target.AbsolutePath))
        {
            _hstsMissing = r;
        }
    }

    private bool _hstsSeen;
    private ProbeResponse? _hstsMissing;

    private void FinishHsts()
    {
        if (!_hstsSeen && _hstsMissing is { } r)
        {
            Report(ProbeRules.HstsMissing, r.Uri, r, "hsts:" + r.Uri.Host,
                $"The HTTPS target {r.Uri.Host} does not send Strict-Transport-Security.", "Strict-Transport-Security: (absent)");
        }
    }
}
