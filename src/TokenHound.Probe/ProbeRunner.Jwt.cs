using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TokenHound.Core;

namespace TokenHound.Probe;

/// <summary>JWT validation checks (THP010–THP017) and the offline token checks (THP012 offline, THP023).</summary>
public sealed partial class ProbeRunner
{
    private static readonly string[] NoneSpellings = ["none", "None", "NONE", "nOnE"];

    private void OfflineJwtChecks()
    {
        if (_jwt is null)
        {
            return;
        }

        Tested("jwt-validation", "offline checks of " + TokenSource);
        Tested("token-exposure-client", "claims of " + TokenSource);
        var url = _o.Target;
        if (_jwt.IsHmac)
        {
            foreach (var secret in Jwt.CommonSecrets)
            {
                if (_jwt.VerifiesHmac(Encoding.UTF8.GetBytes(secret)))
                {
                    Report(ProbeRules.JwtWeakSecret, url, null, "offline:" + _jwt.Alg,
                        $"The {_jwt.Alg} signature of your token verifies with {(secret.Length == 0 ? "an empty secret" : "a common secret from TokenHound's list")}: anyone can sign tokens the API accepts.",
                        secret.Length == 0 ? "secret: (empty)" : "secret: " + SecretMask.Mask(secret, 2),
                        props: new() { ["alg"] = _jwt.Alg, ["check"] = "offline dictionary" }, request: $"offline check of {TokenSource} (no request)");
                    break;
                }
            }
        }

        foreach (var (label, token) in new[] { (TokenSource, _o.Token), ("--expired-token", _o.ExpiredToken), ("--other-token", _o.OtherToken) })
        {
            if (token is not null && Jwt.TryParse(token, out var j, out _) && j is not null)
            {
                SensitiveClaims(label, j);
            }
        }
    }

    private static System.Text.RegularExpressions.Regex ClaimName(string alternatives) =>
        new($"^(?:.*[_:.-])?(?:{alternatives})(?:[_:.-].*)?$", System.Text.RegularExpressions.RegexOptions.NonBacktracking | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly (System.Text.RegularExpressions.Regex Pattern, string What, Severity Sev)[] ClaimRules =
    [
        (ClaimName("password|passwd|pwd|pass_hash|passwordhash"), "password or password hash", Severity.High),
        (ClaimName("secret|api_?key|private_?key|client_secret|aws_secret"), "secret or key", Severity.High),
        (ClaimName("ssn|social_security|tax_?id|iban|credit_?card|card_?number|account_number"), "financial or national id", Severity.High),
        (ClaimName("internal_?id|db_?id|database_?id|employee_?id|row_?id|user_?pk"), "internal id", Severity.Low),
    ];

    private void SensitiveClaims(string label, Jwt j)
    {
        var isIdToken = j.Payload["token_use"]?.ToString() == "id";
        var found = new List<(string Claim, string What, Severity Sev)>();
        foreach (var (name, value) in j.Payload)
        {
            var v = value is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
            var lower = name.ToLowerInvariant();
            var hit = ClaimRules.FirstOrDefault(r => r.Pattern.IsMatch(lower));
            if (hit.What is not null)
            {
                found.Add((name, hit.What, hit.Sev));
            }
            else if (PasswordHash().IsMatch(v))
            {
                found.Add((name, "password hash", Severity.High));
            }
            else if (!isIdToken && (lower is "email" or "phone_number" || Email().IsMatch(v)))
            {
                found.Add((name, "e-mail address or phone number", Severity.Low));
            }
        }

        if (found.Count == 0)
        {
            return;
        }

        var sev = found.Max(f => f.Sev);
        Report(ProbeRules.JwtSensitiveClaims, _o.Target, null, $"claims:{label}:{string.Join(',', found.Select(f => f.Claim))}",
            $"The token given with {label} carries {string.Join(", ", found.Select(f => $"{f.What} ({f.Claim})").Distinct())} in its payload, readable by anyone who holds the token.",
            "claims: " + string.Join(", ", found.Select(f => f.Claim)), severity: sev,
            props: new() { ["claims"] = string.Join(",", found.Select(f => f.Claim)) }, request: $"offline check of {label} (no request)");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\$(?:2[abxy]?|argon2(?:id|i|d)|pbkdf2[-\w]*|6|5|1)\$", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex PasswordHash();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+$", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex Email();

    private (ProbeEndpoint Ep, Baseline B)? JwtTarget()
    {
        if (_o.DryRun && _baselines.Count > 0)
        {
            var first = _baselines.First();
            return (first.Key, first.Value);
        }

        var candidates = _baselines.Where(kv => Similarity.Distinguishable(kv.Value.Auth, kv.Value.Anon))
            .OrderByDescending(kv => kv.Key.SecuredMethods.Count > 0).ToList();
        return candidates.Count == 0 ? null : (candidates[0].Key, candidates[0].Value);
    }

    private async Task JwtChecksAsync(CancellationToken ct)
    {
        if (_jwt is null || !CanContinue)
        {
            return;
        }

        if (JwtTarget() is not { } t)
        {
            if (!_o.DryRun)
            {
                _sink.Warn(Target, $"no probed endpoint answered differently with and without {TokenSource}: JWT acceptance checks skipped (give the URL of an endpoint that requires the token)");
            }

            return;
        }

        Tested("jwt-validation", "forged tokens against " + t.Ep.Template);
        var jwt = _jwt;

        async Task<bool> Try(RuleInfo rule, string variant, string token, string detail, Dictionary<string, string>? extra = null)
        {
            if (!CanContinue)
            {
                return false;
            }

            _http.AddSecret(token);
            RegisterSent(token, "Authorization (forged token: " + variant + ")");
            var headers = new List<KeyValuePair<string, string>> { TokenHeader(token) };
            var r = await SendAsync(Request(t.Ep, t.B.Method, variant, headers), ct).ConfigureAwait(false);
            if (!Similarity.Accepted(r, t.B.Auth, t.B.Anon))
            {
                return false;
            }

            var props = new Dictionary<string, string> { ["variant"] = variant, ["originalAlg"] = jwt.Alg };
            foreach (var kv in extra ?? [])
            {
                props[kv.Key] = kv.Value;
            }

            Report(rule, t.Ep.Uri, r, rule.Id + ":" + t.Ep.Template,
                $"{t.B.Method} {t.Ep.Template} accepted {detail}: the response ({r!.Status}, {r.Body.Length} bytes) matches the one for your valid token and differs from the one without credentials ({t.B.Anon.Status}).",
                $"forged token: {SecretMask.Mask(token)}", props: props);
            return true;
        }

        foreach (var s in NoneSpellings)
        {
            if (await Try(ProbeRules.JwtAlgNone, $"alg {s}", jwt.WithAlgNone(s), $"your token re-encoded with alg \"{s}\" and no signature").ConfigureAwait(false))
            {
                break;
            }
        }

        var other = _o.OtherToken is not null && Jwt.TryParse(_o.OtherToken, out var oj, out _) ? oj : null;
        _ = await Try(ProbeRules.JwtSignatureNotVerified, "signature stripped", jwt.SignatureStripped(), "your token with its signature removed").ConfigureAwait(false)
            || await Try(ProbeRules.JwtSignatureNotVerified, "signature of another token", jwt.WithSignature(other?.Signature ?? jwt.ForeignSignature()), "your token's claims with the signature of another token").ConfigureAwait(false)
            || await Try(ProbeRules.JwtSignatureNotVerified, "claims altered", jwt.ClaimsAltered(), "your token with an added claim under the original signature").ConfigureAwait(false);

        var notVerified = _sink.Findings.Any(f => f.RuleId == ProbeRules.JwtSignatureNotVerified.Id);
        if (notVerified)
        {
            // Every signature passes: the key-based forgeries below would only restate THP011.
            _sink.Warn(Target, "signatures are not verified: weak-secret, key-confusion, jwk and kid forgeries skipped (they would all pass)");
        }
        else if (!_fingerprints.Contains(Fingerprints.ForConstruct(ProbeRules.JwtWeakSecret.Id, Target.ToLowerInvariant(), "offline:" + jwt.Alg)))
        {
            var alg = jwt.IsHmac ? jwt.Alg.ToUpperInvariant() : "HS256";
            foreach (var secret in new[] { "", "secret", "your-256-bit-secret", "a-string-secret-at-least-256-bits-long" })
            {
                if (await Try(ProbeRules.JwtWeakSecret, secret.Length == 0 ? $"{alg} blank secret" : $"{alg} common secret", jwt.SignedHmac(Encoding.UTF8.GetBytes(secret), alg),
                    $"your claims signed {alg} with {(secret.Length == 0 ? "an empty secret" : "a common secret")}").ConfigureAwait(false))
                {
                    break;
                }
            }
        }

        if (jwt.IsAsymmetric && !notVerified)
        {
            var keys = await PublicKeysAsync(jwt, ct).ConfigureAwait(false);
            if (keys.Count == 0)
            {
                _sink.Warn(Target, "key confusion check skipped: no public key found (give --public-key FILE, or --allow-host for the issuer's JWKS)");
            }

            var done = false;
            foreach (var (source, pem) in keys)
            {
                foreach (var (variant, dropKid) in new[] { (pem.TrimEnd('\n') + "\n", false), (pem.TrimEnd('\n'), false), (pem.TrimEnd('\n') + "\n", true), (pem.TrimEnd('\n'), true) })
                {
                    if (dropKid && jwt.Kid is null)
                    {
                        continue;
                    }

                    if (await Try(ProbeRules.JwtKeyConfusion, "RS/ES→HS256 key confusion", jwt.SignedHmac(Encoding.UTF8.GetBytes(variant), "HS256", dropKid ? h => h.Remove("kid") : null),
                        $"your claims signed HS256 with the public key ({source}) as the HMAC secret", new() { ["keySource"] = source }).ConfigureAwait(false))
                    {
                        done = true;
                        break;
                    }
                }

                if (done)
                {
                    break;
                }
            }
        }

        if (!notVerified)
        {
            await Try(ProbeRules.JwtEmbeddedJwk, "embedded jwk", jwt.EmbeddedJwk(), "your claims signed with a fresh RSA key carried in the jwk header").ConfigureAwait(false);
        }

        foreach (var kid in notVerified ? [] : new[] { "../../../../../../../../../../dev/null", "/dev/null" })
        {
            if (await Try(ProbeRules.JwtKidInjection, "kid path traversal", jwt.SignedHmac([], "HS256", h => h["kid"] = kid),
                $"an HS256 token with kid \"{kid}\" signed with an empty key", new() { ["kid"] = kid }).ConfigureAwait(false))
            {
                break;
            }
        }

        if (_o.ExpiredToken is { } expired)
        {
            if (!Jwt.TryParse(expired, out var ej, out var err))
            {
                _sink.Warn("--expired-token", $"{err}; expiry replay check skipped");
            }
            else if (ej!.Exp is not { } exp || exp > _o.Now.ToUnixTimeSeconds())
            {
                _sink.Warn("--expired-token", "the token has no exp claim or is not expired; expiry replay check skipped");
            }
            else
            {
                await Try(ProbeRules.JwtExpiredAccepted, "expired token", ej.Raw,
                    $"a token that expired {FormatAge(_o.Now.ToUnixTimeSeconds() - exp)} ago", new() { ["exp"] = exp.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ConfigureAwait(false);
            }
        }

        if (_o.OtherToken is not null)
        {
            if (other is null)
            {
                _sink.Warn("--other-token", "not a JWT; audience/issuer check skipped");
            }
            else
            {
                await Try(ProbeRules.JwtAudienceNotChecked, "token of another client/pool", other.Raw,
                    $"a token of another client or pool (iss {other.Iss ?? "-"}, aud {other.Aud ?? "-"}; yours: iss {jwt.Iss ?? "-"}, aud {jwt.Aud ?? "-"})",
                    new() { ["otherIss"] = other.Iss ?? "", ["otherAud"] = other.Aud ?? "", ["iss"] = jwt.Iss ?? "", ["aud"] = jwt.Aud ?? "" }).ConfigureAwait(false);
            }
        }
    }

    private static string FormatAge(long seconds) =>
        seconds >= 86400 ? $"{seconds / 86400} days" : seconds >= 3600 ? $"{seconds / 3600} hours" : $"{Math.Max(1, seconds / 60)} minutes";

    /// <summary>PEM public keys: --public-key, else the JWKS of the target or (when allowed) the issuer.</summary>
    private async Task<List<(string Source, string Pem)>> PublicKeysAsync(Jwt jwt, CancellationToken ct)
    {
        var keys = new List<(string, string)>();
        if (_o.PublicKeyPem is { } pem)
        {
            keys.Add(("--public-key", pem.Replace("\r\n", "\n", StringComparison.Ordinal)));
            return keys;
        }

        var roots = new List<Uri>();
        if (jwt.Iss is { } iss && Uri.TryCreate(iss.TrimEnd('/') + "/", UriKind.Absolute, out var issUri) && _http.HostAllowed(issUri))
        {
            roots.Add(issUri);
        }

        roots.Add(new Uri(_o.Target, "/"));
        foreach (var root in roots.Distinct())
        {
            Uri? jwksUri = null;
            var cfg = await SendAsync(ProbeRequest.Get(new Uri(root, ".well-known/openid-configuration"), "OpenID configuration"), ct).ConfigureAwait(false);
            if (cfg is { Ok: true } && TryJson(cfg.Body)?["jwks_uri"]?.ToString() is { } ju && Uri.TryCreate(ju, UriKind.Absolute, out var j) && _http.HostAllowed(j))
            {
                jwksUri = j;
            }

            jwksUri ??= new Uri(root, ".well-known/jwks.json");
            var jwks = await SendAsync(ProbeRequest.Get(jwksUri, "JWKS"), ct).ConfigureAwait(false);
            if (jwks is not { Ok: true } || TryJson(jwks.Body)?["keys"] is not JsonArray arr)
            {
                continue;
            }

            foreach (var k in arr.OfType<JsonObject>())
            {
                if (jwt.Kid is { } kid && k["kid"]?.ToString() is { } kk && kk != kid)
                {
                    continue;
                }

                if (JwkToPem(k) is { } p)
                {
                    keys.Add(($"JWKS {jwksUri.AbsolutePath}", p));
                }
            }

            if (keys.Count > 0)
            {
                break;
            }
        }

        return keys;
    }

    private static JsonNode? TryJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    internal static string? JwkToPem(JsonObject k)
    {
        try
        {
            switch (k["kty"]?.ToString())
            {
                case "RSA":
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportParameters(new RSAParameters
                        {
                            Modulus = System.Buffers.Text.Base64Url.DecodeFromChars(k["n"]?.ToString() ?? ""),
                            Exponent = System.Buffers.Text.Base64Url.DecodeFromChars(k["e"]?.ToString() ?? ""),
                        });
                        return rsa.ExportSubjectPublicKeyInfoPem() + "\n";
                    }

                case "EC":
                    var curve = k["crv"]?.ToString() switch
                    {
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        "P-521" => ECCurve.NamedCurves.nistP521,
                        _ => ECCurve.NamedCurves.nistP256,
                    };
                    using (var ec = ECDsa.Create())
                    {
                        ec.ImportParameters(new ECParameters
                        {
                            Curve = curve,
                            Q = new ECPoint
                            {
                                X = System.Buffers.Text.Base64Url.DecodeFromChars(k["x"]?.ToString() ?? ""),
                                Y = System.Buffers.Text.Base64Url.DecodeFromChars(k["y"]?.ToString() ?? ""),
                            },
                        });
                        return ec.ExportSubjectPublicKeyInfoPem() + "\n";
                    }

                default:
                    return null;
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
