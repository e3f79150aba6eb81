using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TokenHound.Core;

namespace TokenHound.Probe;

/// <summary>
/// The login request the user describes (--login-url …): POSTed once, before everything else; the token it returns
/// (from the JSON body or a Set-Cookie) is then used exactly like --token.
/// </summary>
public sealed partial class ProbeRunner
{
    /// <summary>Set when the token travels in this cookie (taken from a Set-Cookie of the login response) instead of Authorization.</summary>
    private string? _tokenCookie;

    private bool _loggedIn;

    /// <summary>Where the token comes from, for warnings and report texts.</summary>
    private string TokenSource => _loggedIn ? "--login-url" : "--token";

    /// <summary>JSON paths tried, in order, when --login-token-path is not given (matched case-insensitively).</summary>
    internal static readonly string[] LoginTokenPaths =
    [
        "access_token", "accessToken", "id_token", "idToken", "token", "jwt", "auth_token", "authToken", "session_token", "sessionToken",
        "AuthenticationResult.AccessToken", "AuthenticationResult.IdToken",
        "data.access_token", "data.accessToken", "data.token", "data.jwt", "result.access_token", "result.accessToken", "result.token",
    ];

    [GeneratedRegex(@"(?i)pass|pwd|secret|credential|otp|mfa|pin$|code$|token|api_?key", RegexOptions.NonBacktracking)]
    private static partial Regex SecretFieldName();

    private async Task LoginAsync(CancellationToken ct)
    {
        if (_o.LoginUrl is not { } loginUrl)
        {
            return;
        }

        var url = Resolve(loginUrl);
        var body = _o.LoginBody ?? "";
        MaskLoginBody(body);
        var rows = new List<IReadOnlyList<string>> { new[] { "Request", $"POST {_http.Mask(url.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped))} ({_o.LoginContentType}, body {body.Length} chars)" } };
        string? failure = null;
        var r = await SendAsync(new ProbeRequest
        {
            Method = "POST",
            Uri = url,
            Body = body,
            ContentType = _o.LoginContentType,
            Headers = [ProbeRequest.H("Accept", "application/json")],
            Label = "login",
            UserNamed = true,
        }, ct).ConfigureAwait(false);
        if (r is null)
        {
            failure = _o.DryRun
                ? "dry run: the login request was not sent, so there is no token; the checks that need one (JWT validation, authorized baselines) are skipped"
                : _http.Stopped ? $"login not sent ({_http.StoppedReason})" : !_http.HostAllowed(url) ? "login URL not on the target host; not sent" : "login not sent (request budget reached)";
        }
        else if (r.Status == 0)
        {
            failure = $"login request failed: {r.Error}";
        }
        else if (r.Status is < 200 or >= 400)
        {
            var said = Snippet(_http.Mask(r.Body), 120);
            failure = $"login failed: POST {url.AbsolutePath} answered {r.Status}{(said.Length > 0 ? $" ({said})" : "")}";
        }
        else if (FindLoginToken(r) is not { } found)
        {
            var looked = _o.LoginCookie is { } c ? $"no Set-Cookie named {c}"
                : _o.LoginTokenPath is { } p ? $"no string at the JSON path {p}"
                : $"looked for {string.Join(", ", LoginTokenPaths.Take(6))} … in the JSON body, a Bearer Authorization header and token cookies";
            failure = $"login answered {r.Status} but no token was found ({looked}); name it with --login-token-path PATH or --login-cookie NAME";
        }
        else
        {
            _http.AddSecret(found.Token);
            _loggedIn = true;
            if (found.Cookie is { } name)
            {
                _tokenCookie = name;
                _o = _o with { Token = found.Token, Cookies = [.. _o.Cookies.Where(c => !c.StartsWith(name + "=", StringComparison.Ordinal)), name + "=" + found.Token] };
            }
            else
            {
                _o = _o with { Token = found.Token };
            }

            rows.Add(["Status", r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            rows.Add(["Token taken from", found.From]);
            rows.Add(["Token", SecretMask.Mask(found.Token)]);
            rows.Add(["Sent as", found.Cookie is null ? "Authorization: Bearer" : $"cookie {found.Cookie}"]);
        }

        if (failure is not null)
        {
            if (r is { Status: > 0 })
            {
                rows.Add(["Status", r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            rows.Add(["Result", failure]);
            _sink.Warn("--login-url", failure + (_o.DryRun ? "" : "; the probe goes on without credentials" + (_o.Token is not null || _o.Cookies.Count > 0 ? " from the login" : "")));
        }

        _sections.Add(new ReportSection("Login", ["Step", "Value"], rows)
        {
            Note = failure is null ? "The token from the login is used like --token and is masked everywhere in this report." : null,
        });
    }

    private sealed record LoginToken(string Token, string From, string? Cookie);

    private LoginToken? FindLoginToken(ProbeResponse r)
    {
        var cookies = SetCookies(r);
        if (_o.LoginCookie is { } wanted)
        {
            var c = cookies.FirstOrDefault(c => c.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase));
            return c.Name is null ? null : new LoginToken(c.Value, $"Set-Cookie {c.Name}", c.Name);
        }

        var json = TryJson(r.Body);
        if (_o.LoginTokenPath is { } path)
        {
            return json is not null && TokenAt(json, path) is { } t ? new LoginToken(t, $"response body ({path})", null) : null;
        }

        if (json is not null)
        {
            foreach (var p in LoginTokenPaths)
            {
                if (TokenAt(json, p) is { } t)
                {
                    return new LoginToken(t, $"response body ({p})", null);
                }
            }
        }

        if (r.Header("Authorization") is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && auth[7..].Trim().Length >= 8)
        {
            return new LoginToken(auth[7..].Trim(), "Authorization response header", null);
        }

        var live = cookies.Where(c => c.Value.Length >= 16).ToList();
        var pick = live.FirstOrDefault(c => JwtPattern().IsMatch(c.Value));
        if (pick.Name is null)
        {
            pick = live.FirstOrDefault(c => TokenCookieName().IsMatch(c.Name));
        }

        return pick.Name is null ? null : new LoginToken(pick.Value, $"Set-Cookie {pick.Name}", pick.Name);
    }

    /// <summary>Name and value of each Set-Cookie that is not a deletion.</summary>
    private static List<(string Name, string Value)> SetCookies(ProbeResponse r)
    {
        var list = new List<(string, string)>();
        foreach (var sc in r.HeaderValues("Set-Cookie"))
        {
            var first = sc.Split(';')[0];
            var eq = first.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || sc.Contains("Max-Age=0", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = first[(eq + 1)..].Trim().Trim('"');
            if (value.Length > 0 && value != "deleted")
            {
                list.Add((first[..eq].Trim(), value));
            }
        }

        return list;
    }

    /// <summary>The string at a dotted path ("AuthenticationResult.IdToken", "data.tokens.0.value"); keys match case-insensitively.</summary>
    internal static string? TokenAt(JsonNode root, string path)
    {
        JsonNode? cur = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            cur = cur switch
            {
                JsonObject o => o.TryGetPropertyValue(part, out var v) ? v : o.FirstOrDefault(kv => kv.Key.Equals(part, StringComparison.OrdinalIgnoreCase)).Value,
                JsonArray a when int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (cur is null)
            {
                return null;
            }
        }

        if (cur is not JsonValue jv || !jv.TryGetValue<string>(out var s))
        {
            return null;
        }

        s = s.Trim();
        if (s.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            s = s[7..].Trim();
        }

        return s.Length >= 8 ? s : null;
    }

    /// <summary>Registers the password (and other secret-named fields) of the login body, so they are masked like tokens.</summary>
    private void MaskLoginBody(string body)
    {
        if (TryJson(body) is { } json)
        {
            Walk(json, null);
            return;
        }

        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && SecretFieldName().IsMatch(Uri.UnescapeDataString(pair[..eq])))
            {
                var v = pair[(eq + 1)..];
                _http.AddSecret(v);
                _http.AddSecret(Uri.UnescapeDataString(v.Replace('+', ' ')));
            }
        }

        void Walk(JsonNode? n, string? key)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (k, v) in o)
                    {
                        Walk(v, k);
                    }

                    break;
                case JsonArray a:
                    foreach (var v in a)
                    {
                        Walk(v, key);
                    }

                    break;
                case JsonValue v when key is not null && SecretFieldName().IsMatch(key) && v.TryGetValue<string>(out var s):
                    _http.AddSecret(s);
                    break;
            }
        }
    }

    /// <summary>The header that carries a (possibly forged) token in the channel of the user's token.</summary>
    private KeyValuePair<string, string> TokenHeader(string token) => _tokenCookie is null
        ? ProbeRequest.Bearer(token)
        : ProbeRequest.H("Cookie", string.Join("; ", _o.Cookies.Where(c => !c.StartsWith(_tokenCookie + "=", StringComparison.Ordinal)).Append(_tokenCookie + "=" + token)));
}
