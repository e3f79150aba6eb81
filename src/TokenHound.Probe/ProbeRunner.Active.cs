using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TokenHound.Code;
using TokenHound.Core;

namespace TokenHound.Probe;

/// <summary>Active checks: CORS (THP030), reflection canaries (THP004), token exposure (THP021, THP024) and error probes.</summary>
public sealed partial class ProbeRunner
{
    private IEnumerable<ProbeEndpoint> Probed(int max) =>
        _endpoints.Where(_baselines.ContainsKey).OrderByDescending(TokenBearing).Take(max);

    private async Task CorsAsync(CancellationToken ct)
    {
        foreach (var ep in Probed(5))
        {
            if (!CanContinue)
            {
                return;
            }

            Tested("cors-credentials", "Origin probes");
            var b = _baselines[ep];
            foreach (var origin in new[] { "https://tokenhound-probe.example", "null", $"https://{_o.Target.Host}.tokenhound-probe.example" })
            {
                var headers = new List<KeyValuePair<string, string>> { ProbeRequest.H("Origin", origin) };
                headers.AddRange(CredentialHeaders());
                var r = await SendAsync(Request(ep, b.Method, $"Origin: {origin}", headers), ct).ConfigureAwait(false);
                if (r is null || r.Status == 0)
                {
                    continue;
                }

                var acao = r.Header("Access-Control-Allow-Origin")?.Trim();
                var acac = r.Header("Access-Control-Allow-Credentials")?.Trim();
                if (acao is null || !acao.Equals(origin, StringComparison.Ordinal) || !string.Equals(acac, "true", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var bearing = TokenBearing(ep);
                Report(ProbeRules.CorsCredentials, ep.Uri, r, ep.Template,
                    $"{b.Method} {ep.Template} answers Origin: {origin} with Access-Control-Allow-Origin: {acao} and Access-Control-Allow-Credentials: true"
                    + (bearing ? "; the endpoint serves authenticated data, so any site can read it with the visitor's cookies." : "."),
                    $"Access-Control-Allow-Origin: {acao}; Access-Control-Allow-Credentials: {acac}",
                    severity: bearing ? Severity.High : Severity.Medium, confidence: bearing ? Confidence.High : Confidence.Medium,
                    props: new() { ["origin"] = origin });
                break;
            }
        }
    }

    private string Canary(string channel)
    {
        var header = Jwt.B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = Jwt.B64($"{{\"sub\":\"tokenhound-canary-{_runId}\",\"ch\":\"{channel}\",\"n\":\"{Rand()}\"}}");
        var token = header + "." + payload + "." + Jwt.B64(RandomNumberGenerator.GetBytes(32));
        RegisterSent(token, channel);
        _http.AddSecret(token);
        return token;
    }

    private async Task ReflectionAsync(CancellationToken ct)
    {
        foreach (var ep in Probed(6))
        {
            if (!CanContinue)
            {
                return;
            }

            Tested("token-reflection", "canary tokens in header, cookie, query and body");
            var b = _baselines[ep];
            var c1 = Canary("Authorization header");
            await SendAsync(Request(ep, b.Method, "canary in Authorization", [ProbeRequest.Bearer(c1)]), ct).ConfigureAwait(false);
            var c2 = Canary("cookie");
            await SendAsync(Request(ep, b.Method, "canary in cookie", [ProbeRequest.H("Cookie", $"access_token={c2}")]), ct).ConfigureAwait(false);
            var c3 = Canary("query string");
            var q = new UriBuilder(ep.Uri);
            q.Query = (q.Query.TrimStart('?') is { Length: > 0 } existing ? existing + "&" : "") + "access_token=" + c3;
            await SendAsync(Request(ep, b.Method, "canary in query", []) with { Uri = q.Uri }, ct).ConfigureAwait(false);
            var bodyMethod = ep.Methods.FirstOrDefault(m => m is "POST" or "PUT" or "PATCH" && _o.MethodAllowed(m));
            if (bodyMethod is not null)
            {
                var c4 = Canary("request body");
                var body = (TryJson(ep.BodyExample ?? "{}") as JsonObject) ?? [];
                body["token"] = c4;
                await SendAsync(new ProbeRequest { Method = bodyMethod, Uri = ep.Uri, Body = body.ToJsonString(), Label = "canary in body" }, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task ExposureAsync(CancellationToken ct)
    {
        // The API accepting the bearer token from the query string (it ends up in access logs).
        if (_o.Token is { } token && _tokenCookie is null && JwtTarget() is { } t && CanContinue)
        {
            var raw = token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? token[7..].Trim() : token;
            var q = new UriBuilder(t.Ep.Uri);
            q.Query = (q.Query.TrimStart('?') is { Length: > 0 } existing ? existing + "&" : "") + "access_token=" + Uri.EscapeDataString(raw);
            var r = await SendAsync(Request(t.Ep, t.B.Method, "your token in the query string", []) with { Uri = q.Uri }, ct).ConfigureAwait(false);
            if (Similarity.Accepted(r, t.B.Auth, t.B.Anon))
            {
                Report(ProbeRules.TokenInUrl, t.Ep.Uri, r, "query-token:" + t.Ep.Template,
                    $"{t.B.Method} {t.Ep.Template} accepts the bearer token from the access_token query parameter: clients are invited to put tokens in URLs, which are logged by API Gateway, ALB and CloudFront.",
                    "?access_token=" + SecretMask.Mask(raw), props: new() { ["where"] = "query parameter accepted" });
            }
        }

        // Web storage: HTML pages seen so far (or the target itself) and the scripts they link.
        if (_htmlPages.Count == 0 && CanContinue && !_baselines.Keys.Any(e => e.Uri.AbsolutePath == "/"))
        {
            await SendAsync(ProbeRequest.Get(new Uri(_o.Target, "/"), "home page") with { FollowRedirects = true }, ct).ConfigureAwait(false);
        }

        var scripts = 0;
        foreach (var page in _htmlPages.ToList())
        {
            AnalyzeScript(page.Uri, page, page.Body, html: true);
            foreach (Match m in ScriptSrc().Matches(page.Body))
            {
                if (scripts >= 8 || !CanContinue || !Uri.TryCreate(page.Uri, System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), out var src) || !_http.HostAllowed(src))
                {
                    continue;
                }

                scripts++;
                var r = await SendAsync(ProbeRequest.Get(src, "linked script") with { FollowRedirects = true }, ct).ConfigureAwait(false);
                if (r is { Ok: true })
                {
                    AnalyzeScript(src, r, r.Body, html: false);
                }
            }
        }

        FinishHsts();
    }

    [GeneratedRegex(@"(?i)<script\b[^>]*?\bsrc\s*=\s*[""']([^""'<>\s]+)[""']", RegexOptions.NonBacktracking)]
    private static partial Regex ScriptSrc();

    [GeneratedRegex(@"\b(?:localStorage|sessionStorage)\s*(?:\.\s*setItem\s*\(\s*(?<q>[""'`])(?<k1>[^""'`\r\n]{1,100})\k<q>|\[\s*(?<q2>[""'`])(?<k2>[^""'`\r\n]{1,100})\k<q2>\s*\]\s*=(?!=)|\.\s*(?<k3>[A-Za-z_$][\w$]{0,100})\s*=(?!=))", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WebStorageWrite();

    /// <summary>The page with everything outside inline &lt;script&gt; blocks replaced by spaces (line breaks kept).</summary>
    internal static string InlineScripts(string html)
    {
        var chars = html.ToCharArray();
        var keep = new bool[chars.Length];
        foreach (Match m in InlineScript().Matches(html))
        {
            var g = m.Groups[1];
            Array.Fill(keep, true, g.Index, g.Length);
        }

        for (var i = 0; i < chars.Length; i++)
        {
            if (!keep[i] && chars[i] is not ('\n' or '\r'))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    [GeneratedRegex(@"(?is)<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"(?i)token|jwt|bearer|credential|^(?:auth|authorization|session|session_?id|sid)$", RegexOptions.NonBacktracking)]
    private static partial Regex TokenKey();

    private void AnalyzeScript(Uri url, ProbeResponse resp, string text, bool html)
    {
        Tested("token-exposure-client", "HTML and scripts checked");
        var file = new SourceFile { Path = url.AbsolutePath.TrimStart('/') is { Length: > 0 } p ? (html && !p.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? p + ".html" : p) : "index.html", Text = text };
        var hits = new List<(int Line, string What)>();

        // The JavaScript analyzers see a page as its inline scripts, in place (everything else blanked, lines kept).
        var code = html ? new SourceFile { Path = file.Path + ".js", Text = InlineScripts(text) } : file.Extension is ".js" or ".mjs" or ".cjs" or ".jsx" ? file : new SourceFile { Path = file.Path + ".js", Text = text };

        // The code analyzers of TokenHound.Code, when one handles this file and reports client storage of tokens.
        try
        {
            var collector = new FindingCollector();
            foreach (var a in CodeAnalyzers.All(_engine))
            {
                if (a.Accepts(code))
                {
                    a.Analyze(code, collector, CancellationToken.None);
                }
            }

            foreach (var f in collector.Findings.Where(f => f.Family == "token-client-storage"))
            {
                hits.Add((f.Location.Line, $"{f.RuleId}: {f.Title}"));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _sink.Warn(_http.MaskedUrl(url), $"code analyzer failed: {e.Message}");
        }

        // Focused check: writes of token-named keys to Web Storage.
        try
        {
            foreach (Match m in WebStorageWrite().Matches(text))
            {
                var key = m.Groups["k1"].Success ? m.Groups["k1"].Value : m.Groups["k2"].Success ? m.Groups["k2"].Value : m.Groups["k3"].Value;
                if (key is "setItem" or "getItem" or "removeItem" or "clear" || !TokenKey().IsMatch(key))
                {
                    continue;
                }

                var line = file.Lines.Position(m.Index).Line;
                if (!hits.Any(h => h.Line == line))
                {
                    hits.Add((line, $"{m.Value.Trim()}"));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            _sink.Warn(_http.MaskedUrl(url), "script too complex for the web storage check; skipped");
        }

        foreach (var (line, what) in hits)
        {
            Report(ProbeRules.TokenInWebStorage, url, resp, $"{url.AbsolutePath}:{line}",
                $"{(html ? "The page" : "The script")} {url.AbsolutePath} stores a token in Web Storage (line {line}).",
                Snippet(file.Lines.LineText(line).ToString().Trim(), 200), props: new() { ["line"] = line.ToString(System.Globalization.CultureInfo.InvariantCulture), ["match"] = Snippet(what, 120) });
        }
    }

    private async Task ErrorProbesAsync(CancellationToken ct)
    {
        if (!CanContinue || _baselines.Count == 0)
        {
            return;
        }

        Tested("error-leakage", "error probes");
        var first = _baselines.First();
        var probes = new List<ProbeRequest>
        {
            ProbeRequest.Get(new Uri(_o.Target, $"/tokenhound-{_runId}-not-found"), "unknown path"),
            ProbeRequest.Get(new Uri(_o.Target, $"/tokenhound-{_runId}/..%2f..%2f%2e%2e/%00"), "malformed path"),
            Request(first.Key, first.Value.Method, "oversized parameter", []) with { Uri = WithQuery(first.Key.Uri, "q=" + new string('A', 8000)) },
            Request(first.Key, "OPTIONS", "OPTIONS", []),
        };
        foreach (var (ep, b) in _baselines.Take(8))
        {
            var typed = ep.Parameters.Where(p => p.Type is "integer" or "number" or "boolean").ToList();
            var uri = ep.Uri;
            if (typed.FirstOrDefault(p => p.In == "path") is { Name: not null } pp && ep.Template.Contains("{" + pp.Name + "}", StringComparison.Ordinal))
            {
                var template = ep.Template;
                var path = template;
                foreach (var p in ep.Parameters.Where(p => p.In == "path"))
                {
                    path = path.Replace("{" + p.Name + "}", p.Name == pp.Name ? "tokenhound%27%22%3C%3E" : "1", StringComparison.Ordinal);
                }

                uri = new UriBuilder(ep.Uri) { Path = path }.Uri;
                probes.Add(Request(ep, b.Method, "wrong type in path", CredentialHeaders()) with { Uri = uri });
            }
            else if (typed.FirstOrDefault(p => p.In == "query") is { Name: not null } qp)
            {
                probes.Add(Request(ep, b.Method, "wrong type in query", CredentialHeaders()) with { Uri = WithQuery(ep.Uri, Uri.EscapeDataString(qp.Name) + "=tokenhound%27%22%7B%7D") });
            }
            else
            {
                probes.Add(Request(ep, b.Method, "unexpected input", CredentialHeaders()) with { Uri = WithQuery(ep.Uri, "id=%27%22%3C%3E&th[]=1&th[x]=%00&__proto__[x]=1") });
            }

            foreach (var m in ep.Methods.Where(m => m is "POST" or "PUT" or "PATCH" && _o.MethodAllowed(m)).Take(1))
            {
                probes.Add(new ProbeRequest { Method = m, Uri = ep.Uri, Headers = [.. CredentialHeaders()], Body = "{\"tokenhound\": [1, 2", Label = "malformed JSON" });
                probes.Add(new ProbeRequest { Method = m, Uri = ep.Uri, Headers = [.. CredentialHeaders()], Body = WrongTypes(ep.BodyExample), Label = "wrong types in JSON" });
                probes.Add(new ProbeRequest { Method = m, Uri = ep.Uri, Headers = [.. CredentialHeaders()], Body = "{\"tokenhound\":\"" + new string('A', 300 * 1024) + "\"}", Label = "oversized JSON body" });
            }
        }

        foreach (var p in probes)
        {
            if (!CanContinue)
            {
                return;
            }

            await SendAsync(p, ct).ConfigureAwait(false);
        }
    }

    private static Uri WithQuery(Uri u, string extra)
    {
        var b = new UriBuilder(u);
        b.Query = (b.Query.TrimStart('?') is { Length: > 0 } existing ? existing + "&" : "") + extra;
        return b.Uri;
    }

    private static string WrongTypes(string? example)
    {
        if (TryJson(example ?? "{}") is not JsonObject o || o.Count == 0)
        {
            return "{\"id\": {\"$gt\": \"\"}, \"tokenhound\": [null, true, 1e999]}";
        }

        foreach (var k in o.Select(kv => kv.Key).ToList())
        {
            o[k] = o[k] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? new JsonArray(1, 2) : JsonValue.Create("tokenhound'\"");
        }

        return o.ToJsonString();
    }
}
