using TokenHound.Core;

namespace TokenHound.Probe;

/// <summary>Discovery, baselines and the unauthenticated-access checks (THP001–THP003).</summary>
public sealed partial class ProbeRunner
{
    private static readonly string[] WellKnownDocs = ["openapi.json", "swagger.json", "swagger/v1/swagger.json", "v3/api-docs"];

    private async Task DiscoverAsync(CancellationToken ct)
    {
        var list = new List<ProbeEndpoint>();
        string? text = null;
        var source = _o.OpenApi ?? "";
        if (_o.OpenApi is { } spec)
        {
            if (Uri.TryCreate(spec, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps))
            {
                var r = await SendAsync(ProbeRequest.Get(u, "OpenAPI document") with { FollowRedirects = true }, ct).ConfigureAwait(false);
                if (r is null)
                {
                    if (!_o.DryRun)
                    {
                        _sink.Warn(spec, "OpenAPI document not fetched; probing the base URL only");
                    }
                }
                else if (!r.Ok)
                {
                    _sink.Warn(spec, $"OpenAPI document unreachable ({(r.Error ?? "HTTP " + r.Status)}); probing the base URL only");
                }
                else
                {
                    text = r.Body;
                }
            }
            else
            {
                try
                {
                    text = await File.ReadAllTextAsync(spec, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _sink.Warn(spec, $"cannot read the OpenAPI document: {e.Message}; probing the base URL only");
                }
            }
        }
        else
        {
            foreach (var name in WellKnownDocs)
            {
                if (!CanContinue)
                {
                    break;
                }

                var u = new Uri(_o.Target, "/" + name);
                var r = await SendAsync(ProbeRequest.Get(u, "OpenAPI discovery"), ct).ConfigureAwait(false);
                if (r is { Ok: true } && (r.Body.Contains("\"openapi\"", StringComparison.Ordinal) || r.Body.Contains("\"swagger\"", StringComparison.Ordinal)))
                {
                    text = r.Body;
                    source = u.AbsoluteUri;
                    break;
                }
            }
        }

        if (text is not null)
        {
            try
            {
                list = OpenApiReader.Read(text, _o.Target, _o.MaxEndpoints);
                if (list.Count == 0)
                {
                    _sink.Warn(source, "the OpenAPI document lists no operations; probing the base URL only");
                }
            }
            catch (FormatException e)
            {
                _sink.Warn(source, $"not a valid OpenAPI 3 / Swagger 2 document ({e.Message}); probing the base URL only");
            }
        }

        var llm = _o.LlmEndpoints.Select(Resolve).Select(u => u.AbsolutePath).ToHashSet(StringComparer.Ordinal);
        list.RemoveAll(e => llm.Contains(e.Uri.AbsolutePath));
        if (!list.Any(e => e.Uri.AbsolutePath == _o.Target.AbsolutePath) && !llm.Contains(_o.Target.AbsolutePath))
        {
            list.Insert(0, new ProbeEndpoint { Template = _o.Target.AbsolutePath, Uri = _o.Target });
        }

        _endpoints = [.. list.Take(_o.MaxEndpoints)];
    }

    private static readonly HashSet<string> BodyMethods = new(StringComparer.Ordinal) { "POST", "PUT", "PATCH", "DELETE" };

    private ProbeRequest Request(ProbeEndpoint ep, string method, string? label, IEnumerable<KeyValuePair<string, string>> headers) => new()
    {
        Method = method,
        Uri = ep.Uri,
        Label = label,
        Headers = [.. headers],
        Body = BodyMethods.Contains(method) ? ep.BodyExample ?? "{}" : null,
    };

    private async Task BaselinesAsync(CancellationToken ct)
    {
        var needMethod = new List<string>();
        foreach (var ep in _endpoints)
        {
            if (!CanContinue)
            {
                break;
            }

            var method = ep.Methods.Contains("GET") ? "GET"
                : ep.Methods.FirstOrDefault(m => m is not ("HEAD" or "OPTIONS" or "DELETE") && _o.MethodAllowed(m));
            if (method is null)
            {
                needMethod.Add($"{string.Join('/', ep.Methods)} {ep.Template}");
                continue;
            }

            var anon = await SendAsync(Request(ep, method, "no credentials", []), ct).ConfigureAwait(false);
            ProbeResponse? auth = null;
            if (HasCredentials)
            {
                auth = await SendAsync(Request(ep, method, "your credentials", CredentialHeaders()), ct).ConfigureAwait(false);
            }

            if (_o.DryRun)
            {
                // Nothing came back: plan the later checks as if the endpoint had answered.
                _baselines[ep] = new Baseline(method, new ProbeResponse { Request = Request(ep, method, null, []), Uri = ep.Uri }, null);
                continue;
            }

            if (anon is null || anon.Status == 0)
            {
                continue;
            }

            _baselines[ep] = new Baseline(method, anon, auth is { Status: > 0 } ? auth : null);
            Tested("unauthenticated-access", "baselines without and with credentials");
            await UnauthChecksAsync(ep, method, anon, auth, ct).ConfigureAwait(false);
        }

        var notAllowed = _endpoints.SelectMany(e => e.Methods).Where(m => !_o.MethodAllowed(m)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (notAllowed.Count > 0)
        {
            _sink.Warn(Target, $"documented {string.Join("/", notAllowed)} operations were probed only with GET/HEAD/OPTIONS; name your own endpoints' methods with --method {notAllowed[0]} to test them");
        }

        if (needMethod.Count > 0)
        {
            _sink.Warn(Target, $"{needMethod.Count} documented operation(s) need a method other than GET/HEAD/OPTIONS and were not probed (name it with --method): {string.Join(", ", needMethod.Take(5))}{(needMethod.Count > 5 ? ", …" : "")}");
        }
    }

    private async Task UnauthChecksAsync(ProbeEndpoint ep, string method, ProbeResponse anon, ProbeResponse? auth, CancellationToken ct)
    {
        // THP001: declared secured, answers without credentials (and not with the catch-all page every path gets).
        if (ep.Secured(method) && anon.Ok && anon.Body.Trim().Length > 0 && (auth is null || Similarity.Same(anon, auth, 0.9)) && !await IsCatchAllAsync(anon, ct).ConfigureAwait(false))
        {
            Report(ProbeRules.SecuredEndpointOpen, ep.Uri, anon, $"{method} {ep.Template}",
                $"{method} {ep.Template} declares a security requirement in the OpenAPI document but answered {anon.Status} with {anon.Body.Length} bytes to a request without credentials"
                + (auth is null ? "." : ", the same response as with your credentials."),
                Snippet(anon.Body),
                confidence: auth is null ? Confidence.Medium : Confidence.High);
        }

        var rejects = anon.Status is 401 or 403;
        if (!rejects)
        {
            return;
        }

        // THP002: a garbage token accepted.
        var broken = await SendAsync(Request(ep, method, "malformed bearer token", [ProbeRequest.Bearer("tokenhound-invalid-" + Rand())]), ct).ConfigureAwait(false);
        if (broken is { Ok: true } && !Similarity.Same(broken, anon) && (auth is null || Similarity.Same(broken, auth)))
        {
            Report(ProbeRules.BrokenTokenAccepted, ep.Uri, broken, $"{method} {ep.Template}",
                $"{method} {ep.Template} answered {anon.Status} without credentials but {broken.Status} to a malformed bearer token"
                + (auth is null ? " (no valid token given to compare; the response differs from the rejection)." : ", the same response as with your valid token."),
                Snippet(broken.Body), confidence: auth is null ? Confidence.Medium : Confidence.High);
        }

        // THP003: other methods without credentials.
        var head = await SendAsync(Request(ep, "HEAD", "HEAD without credentials", []), ct).ConfigureAwait(false);
        if (head is { Ok: true })
        {
            Report(ProbeRules.MethodAuthInconsistent, ep.Uri, head, $"HEAD {ep.Template}",
                $"{method} {ep.Template} answered {anon.Status} without credentials, but HEAD answered {head.Status}: the handler runs for unauthenticated HEAD requests (Content-Length {head.Header("Content-Length") ?? "?"}).",
                $"HEAD → {head.Status}, {method} → {anon.Status}", confidence: Confidence.Medium);
        }

        foreach (var m in ep.Methods.Where(m => m != method && m is not ("GET" or "HEAD" or "OPTIONS") && _o.MethodAllowed(m)))
        {
            if (!CanContinue)
            {
                break;
            }

            var r = await SendAsync(Request(ep, m, $"{m} without credentials", []), ct).ConfigureAwait(false);
            if (r is { Ok: true })
            {
                Report(ProbeRules.MethodAuthInconsistent, ep.Uri, r, $"{m} {ep.Template}",
                    $"{method} {ep.Template} answered {anon.Status} without credentials, but {m} answered {r.Status}.",
                    $"{m} → {r.Status}: {Snippet(r.Body)}", confidence: Confidence.High, severity: Severity.High);
            }
        }
    }

    private ProbeResponse? _catchAll;

    /// <summary>True when <paramref name="r"/> is what the target answers for any unknown path (an SPA's index.html fallback).</summary>
    private async Task<bool> IsCatchAllAsync(ProbeResponse r, CancellationToken ct)
    {
        _catchAll ??= await SendAsync(ProbeRequest.Get(new Uri(_o.Target, $"/tokenhound-{_runId}-not-found"), "unknown path"), ct).ConfigureAwait(false);
        return Similarity.Same(r, _catchAll, 0.95);
    }

    internal static string Snippet(string body, int max = 160)
    {
        var s = body.ReplaceLineEndings(" ").Trim();
        return s.Length <= max ? s : s[..max] + "…";
    }

    private bool TokenBearing(ProbeEndpoint ep)
    {
        if (ep.SecuredMethods.Count > 0)
        {
            return true;
        }

        if (_baselines.TryGetValue(ep, out var b))
        {
            if (Similarity.Distinguishable(b.Auth, b.Anon))
            {
                return true;
            }

            if (b.Anon.HeaderValues("Set-Cookie").Any(c => TokenCookieName().IsMatch(c.Split('=')[0])) || CarriesToken(b.Anon) || (b.Auth is not null && CarriesToken(b.Auth)))
            {
                return true;
            }
        }

        return false;
    }
}
