using System.Text.RegularExpressions;
using TokenHound.Core;

namespace TokenHound.Code;

public sealed partial class Engine
{
    /// <summary>A named setting: an object/dict property, a keyword argument, an initializer member or a member assignment.</summary>
    private void CheckSetting(string key, Expr value, int offset, Scope s, string? typeName, CallExpr? call = null)
    {
        var k = Names.Norm(key);
        switch (k)
        {
            case "ignoreexpiration" when IsTrue(value):
                Report(CodeRules.JwtClaims, offset, "ignoreExpiration: true accepts expired tokens", Confidence.High);
                break;
            case "verifyexp" or "verifyaud" or "verifyiss" when IsFalse(value):
                Report(CodeRules.JwtClaims, offset, $"{key}: False turns off the {k[6..]} check", Confidence.High);
                break;
            case "validatelifetime" or "validateaudience" or "validateissuer" or "requireexpirationtime" or "requireaudience" when IsFalse(value):
                Report(CodeRules.JwtClaims, offset, $"{key} = false turns off a claim check", Confidence.High);
                break;
            case "lifetimevalidator" or "audiencevalidator" or "issuervalidator" when value is LambdaExpr lam && ReturnsConstTrueOrParam(lam, key):
                Report(CodeRules.JwtClaims, offset, $"{key} accepts every token", Confidence.High);
                break;
            case "requiresignedtokens" or "validateissuersigningkey" when IsFalse(value):
                Report(CodeRules.JwtUnverified, offset, $"{key} = false lets unsigned / unverified tokens through", Confidence.High);
                break;
            case "verifysignature" when IsFalse(value):
                Report(CodeRules.JwtUnverified, offset, $"{key}: False skips signature verification", Confidence.High);
                break;
            case "signaturevalidator" when value is LambdaExpr sv && SignatureValidatorAcceptsAll(sv):
                Report(CodeRules.JwtUnverified, offset, "SignatureValidator returns the token without checking its signature", Confidence.High);
                break;
            case "algorithms" or "algorithm" or "validalgorithms" when LiteralText(value).Split('\u0001').Any(a => a.Equals("none", StringComparison.OrdinalIgnoreCase)):
                Report(CodeRules.JwtUnverified, offset, "the accepted algorithms include 'none'", Confidence.High);
                break;
        }

        _ = s;
        _ = typeName;
    }

    /// <summary>
    /// go-oidc's verifier settings, <c>oidc.Config{SkipClientIDCheck: true}</c>: an ID token issued for any client (no
    /// audience check) is accepted; <c>SkipExpiryCheck</c> / <c>SkipIssuerCheck</c> turn off the other claim checks,
    /// <c>InsecureSkipSignatureCheck</c> the signature. Only the package-qualified literal of the application (go-oidc's
    /// own tests build a bare <c>Config{…}</c>).
    /// </summary>
    private void CheckOidcConfig(CallExpr c)
    {
        if (!Go || c is not { Callee: MemberExpr { Name: "Config", Obj: NameExpr { Name: "oidc" } }, Initializer: { } init })
        {
            return;
        }

        foreach (var p in init.Props)
        {
            var check = p.Key is null || !IsTrue(p.Value) ? null : Names.Norm(p.Key) switch
            {
                "skipclientidcheck" => "audience (client id)",
                "skipexpirycheck" => "expiry",
                "skipissuercheck" => "issuer",
                _ => null,
            };
            if (check is not null)
            {
                Report(CodeRules.JwtClaims, p.KeyStart, $"{p.Key}: true turns off the {check} check of the ID token verifier", Confidence.High);
            }
            else if (p.Key is "InsecureSkipSignatureCheck" && IsTrue(p.Value))
            {
                Report(CodeRules.JwtUnverified, p.KeyStart, "InsecureSkipSignatureCheck: true accepts ID tokens without checking their signature", Confidence.High);
            }
        }
    }

    private static bool ReturnsConstTrueOrParam(LambdaExpr lam, string key)
    {
        if (lam.Fn.Body.Count == 1 && lam.Fn.Body[0] is ReturnStmt { Value: { } v })
        {
            if (IsTrue(v))
            {
                return true;
            }

            // issuer validator returning its issuer parameter unchecked
            return Names.Norm(key) == "issuervalidator" && v is NameExpr n && lam.Fn.Params.Count > 0 && n.Name == lam.Fn.Params[0].Name;
        }

        return false;
    }

    private static bool SignatureValidatorAcceptsAll(LambdaExpr lam)
    {
        if (lam.Fn.Body.Count == 0 || lam.Fn.Params.Count == 0)
        {
            return false;
        }

        var tokenParam = lam.Fn.Params[0].Name;
        var hasCheck = false;
        Expr? ret = null;
        foreach (var st in lam.Fn.Body)
        {
            if (st is ReturnStmt r)
            {
                ret = r.Value;
            }
            else
            {
                hasCheck = true;
            }
        }

        return !hasCheck && ret is CallExpr { IsNew: true } c && CallName(c) is "JwtSecurityToken" or "JsonWebToken" && c.Args.Count >= 1 && c.Args[0].Value is NameExpr n && n.Name == tokenParam;
    }

    /// <summary>Rules that look at a whole object literal / initializer.</summary>
    private void CheckObjectRules(ObjectExpr o, Scope s, string? typeName)
    {
        // handler response: { statusCode, body } / APIGatewayProxyResponse { StatusCode, Body } / Go composite
        var body = o.GetProp("body");
        // (Lambda@Edge / CloudFront responses say status and statusDescription)
        if (body is not null && (o.GetProp("statusCode") is not null || (typeName ?? "").Contains("Response", StringComparison.Ordinal)
            || Js && o.GetProp("status") is not null && o.GetProp("statusDescription") is not null))
        {
            var status = o.Get("statusCode") ?? o.Get("status");
            if (status is StrExpr { Value: var quoted } && int.TryParse(quoted, out _))
            {
                status = new LitExpr(LitKind.Number, quoted);
            }

            var err = status is LitExpr { Kind: LitKind.Number } n && int.TryParse(n.Text, out var code) && code >= 400
                || (status is not null && Text(status).Contains("Status", StringComparison.Ordinal) && StatusName.IsMatch(Text(status)));
            CheckResponseBody(body.Value, Eval(body.Value, s), body.KeyStart, s, err, "the handler response body");
        }

        // Set-Cookie headers and Lambda response cookies
        foreach (var p in o.Props)
        {
            if (p.Key is null)
            {
                continue;
            }

            if (p.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                CheckSetCookieString(p.Value, p.KeyStart, s);
            }
            else if (Names.Norm(p.Key) == "cookies" && p.Value is ArrayExpr && o.GetProp("statusCode") is not null)
            {
                CheckSetCookieString(p.Value, p.KeyStart, s);
            }
        }

        // static credentials in an object: { accessKeyId, secretAccessKey } (not one serialized into a message body,
        // json.dumps({"accessKeyId": …, "secretAccessKey": …}): that is a payload for THC009, not SDK credentials)
        var ak = o.GetProp("accessKeyId");
        var sk = o.GetProp("secretAccessKey");
        if (ak is not null && sk is not null && _inSerializer == 0)
        {
            var (l1, e1) = Classify(ak.Value, s);
            var (l2, e2) = Classify(sk.Value, s);
            // a function returning { accessKeyId: env…, secretAccessKey: env… } (or Go's `return Value{…}, nil`) is a
            // credential provider (like the SDK's fromEnv), not a client that shadows the execution role; literal keys
            // are reported everywhere
            var returned = IsReturned(o, _returned) || (_returned is ArrayExpr tuple && tuple.Items.Any(i => IsReturned(o, i)));
            var stored = !(l1 || l2 || e1 || e2) && !returned && StoredKeys(sk.Value, o.GetProp("sessionToken") is not null, s);
            if (l1 || l2 || ((e1 || e2) && !returned) || stored)
            {
                // an object literal declared on its own lines (const LEGACY_KEYS = {⏎ accessKeyId: …) is reported where
                // its declaration starts, like the properties of a call that spans lines
                var (declared, declStart) = _declaredObject;
                var at = declared is ObjectExpr root && _lineOf(declStart) != _lineOf(ak.KeyStart) && NestedObject(root, o, 0) ? declStart : ak.KeyStart;
                ReportStatic(at, l1 || l2, at == ak.KeyStart ? "AWS SDK credentials" : $"AWS SDK credentials (accessKeyId on line {_lineOf(ak.KeyStart)})", stored);
            }
        }

        // Cognito verifier: clientId: null (only inside CognitoJwtVerifier.create; other objects are ignored)
    }

    /// <summary>
    /// The value a declaration or assignment being walked assigns (an object literal, a builder chain …), and where that
    /// statement starts.
    /// </summary>
    private (Expr? Value, int Start) _declaredObject;

    /// <summary>Inside the arguments of a serializer call (JSON.stringify, json.dumps, json.Marshal …, see <see cref="Serializers"/>).</summary>
    private int _inSerializer;

    /// <summary>
    /// Where static credentials built by <paramref name="c"/> are reported: inside a builder chain that initializes the
    /// declaration being walked (<c>private final SnsClient sns = SnsClient.builder() ⏎ .credentialsProvider(
    /// StaticCredentialsProvider.create(AwsBasicCredentials.create(…)))</c>, <c>AmazonS3ClientBuilder.standard() ⏎
    /// .withCredentials(…)</c>), where the declaration starts, like an object literal declared over several lines;
    /// elsewhere at the call itself. Not inside a lambda of the chain.
    /// </summary>
    private int CredentialSite(CallExpr c) => DeclarationSite(c, options: false);

    /// <summary>
    /// Where a verification setting made by <paramref name="c"/> is reported: a link of the chain that initializes the
    /// declaration or assignment being walked (<c>this.verifier = JWT.require(alg) ⏎ .acceptExpiresAt(Long.MAX_VALUE)</c>)
    /// or an option passed to its call (<c>_, err := jwt.ParseWithClaims(raw, claims, ⏎ keyFunc, ⏎
    /// jwt.WithoutClaimsValidation())</c>, Go's functional options, like keyword arguments elsewhere), where the statement
    /// starts; elsewhere at the call itself.
    /// </summary>
    private int SettingSite(CallExpr c) => DeclarationSite(c, options: true);

    private int DeclarationSite(CallExpr c, bool options)
    {
        var (declared, declStart) = _declaredObject;
        if (declared is not CallExpr top || _lineOf(declStart) == _lineOf(c.NameStart) || !options && top.Callee is not MemberExpr { Obj: CallExpr })
        {
            return c.NameStart;
        }

        for (var (e, depth) = ((Expr?)top, 0); e is CallExpr link && depth < 64; e = (link.Callee as MemberExpr)?.Obj, depth++)
        {
            if (!options && link.Callee is not MemberExpr)
            {
                break; // (credentials: the links of a member chain only)
            }

            if (options ? ReferenceEquals(link, c) || link.Args.Exists(a => ReferenceEquals(a.Value, c)) : link.Args.Exists(a => Holds(a.Value, c, 0)))
            {
                return declStart;
            }
        }

        return c.NameStart;

        static bool Holds(Expr e, CallExpr target, int depth) => ReferenceEquals(e, target) || depth < 16 && e switch
        {
            CallExpr inner => inner.Args.Exists(a => Holds(a.Value, target, depth + 1)) || inner.Callee is MemberExpr { Obj: var o } && Holds(o, target, depth + 1),
            MemberExpr mo => Holds(mo.Obj, target, depth + 1),
            _ => false,
        };
    }

    /// <summary><paramref name="o"/> is <paramref name="root"/> or an object literal held in its properties.</summary>
    private static bool NestedObject(ObjectExpr root, ObjectExpr o, int depth) =>
        ReferenceEquals(root, o) || depth < 8 && root.Props.Exists(p => p.Value is ObjectExpr inner && NestedObject(inner, o, depth + 1));

    /// <summary>localStorage / sessionStorage, also through a local alias (`const store = window.localStorage`).</summary>
    private bool IsWebStorage(Expr e, Scope s)
    {
        var path = Path(Resolve(e, s));
        return path.EndsWith("localStorage", StringComparison.Ordinal) || path.EndsWith("sessionStorage", StringComparison.Ordinal);
    }

    /// <summary>The object is the returned value itself or the body of a returned Go composite literal (Value{…}).</summary>
    private static bool IsReturned(ObjectExpr o, Expr? returned) =>
        ReferenceEquals(o, returned) || (returned is CallExpr c && ReferenceEquals(c.Initializer, o));

    private void CheckAssignmentSinks(AssignStmt a, T t, Scope s)
    {
        var target = a.Target;
        var path = Path(target);

        // member assignments as settings: p.ValidateLifetime = false
        if (target is MemberExpr tm)
        {
            CheckSetting(tm.Name, a.Value, tm.NameStart, s, null);
        }

        // localStorage.token = x / localStorage["token"] = x
        string? storeKey = target switch
        {
            MemberExpr m when IsWebStorage(m.Obj, s) => m.Name,
            IndexExpr { Index: StrExpr k } ix when IsWebStorage(ix.Obj, s) => k.Value,
            _ => null,
        };
        if (Js && storeKey is not null && (StorageKeySaysToken(storeKey, a.Value) || (t & AnyToken) != 0))
        {
            Report(CodeRules.ClientStorage, target.Start, "a token is stored in Web Storage, readable by any script on the page", Confidence.High);
        }

        if (Js && path.EndsWith("document.cookie", StringComparison.Ordinal) && !ClearsCookie(LiteralText(a.Value)))
        {
            var lit = LiteralText(a.Value);
            var m = CookieHead.Match(lit);
            if ((m.Success && Names.IsTokenCookie(m.Groups[1].Value)) || (t & AnyToken) != 0)
            {
                Report(CodeRules.ClientStorage, target.Start, "a token is written to document.cookie (a cookie set from script can never be HttpOnly)", Confidence.High);
            }
        }

        // Koa: ctx.body = … is the response; an error status set before it (ctx.status = 4xx/5xx) or a catch block
        // makes it an error response
        if (Js && target is MemberExpr { Name: "body", Obj: NameExpr { Name: "ctx" } } && s.TryVar("ctx", out var ctxT) && (ctxT & T.WholeEvent) != 0)
        {
            var before = a.Start > s.Fn.Start && a.Start <= _src.Length ? _src.Span.Slice(s.Fn.Start, a.Start - s.Fn.Start) : default;
            CheckResponseBody(a.Value, t, target.Start, s, InErrorContext(s) || KoaErrorStatus().IsMatch(before), "the Koa response body");
        }

        // headers['Set-Cookie'] = ...
        if (target is IndexExpr { Index: StrExpr hk } && hk.Value.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
        {
            CheckSetCookieString(a.Value, target.Start, s);
        }

        // os.environ['AWS_SECRET_ACCESS_KEY'] = ... / process.env.AWS_ACCESS_KEY_ID = ...
        var envKey = target switch
        {
            IndexExpr { Index: StrExpr ek } ix when Path(ix.Obj) is "os.environ" or "process.env" => ek.Value,
            MemberExpr em when Path(em.Obj) is "process.env" or "os.environ" => em.Name,
            _ => null,
        };
        if (envKey is not null && IsAwsKeyEnvName(envKey))
        {
            var (l, _) = Classify(a.Value, s);
            Report(CodeRules.StaticCredentials, target.Start, $"the code puts {envKey} into the process environment", Confidence.High, l ? Severity.Critical : Severity.High);
        }

        // Flask / Django debug (not under a development check: if os.environ.get("FLASK_ENV") == "development")
        if (Py && IsTrue(a.Value) && !InDevelopment(s))
        {
            if (path.EndsWith(".debug", StringComparison.Ordinal) && path.StartsWith("app", StringComparison.Ordinal)
                || target is IndexExpr { Index: StrExpr { Value: "DEBUG" } } cfg && Path(cfg.Obj).EndsWith("config", StringComparison.Ordinal))
            {
                Report(CodeRules.DebugMode, target.Start, "Flask debug mode is switched on", Confidence.High);
            }
            else if (target is NameExpr { Name: "DEBUG" } && s.IsModule && LooksLikeDjangoSettings())
            {
                Report(CodeRules.DebugMode, target.Start, "Django DEBUG = True shows tracebacks, settings and request headers on errors", Confidence.High);
            }
        }

        // Echo: e.Debug = true (error responses carry the internal error text); e is the echo.New() instance
        if (Go && IsTrue(a.Value) && target is MemberExpr { Name: "Debug", Obj: NameExpr echoVar } && s.TryDef(echoVar.Name, out var echoDef)
            && Text(echoDef).StartsWith("echo.New(", StringComparison.Ordinal) && !InDevelopment(s))
        {
            Report(CodeRules.DebugMode, target.Start, "Echo debug mode is switched on (error responses carry internal error details)", Confidence.High);
        }

        // Koa: ctx.body = err.stack
        if (Js && path is "ctx.body" or "ctx.response.body")
        {
            CheckResponseBody(a.Value, t, target.Start, s, false, "the Koa response body");
        }

        // Java/C# response body setters as assignments: response.Body = ex.ToString()
        if (target is MemberExpr { Name: "Body" } bm && Cs && (Path(bm.Obj).Contains("response", StringComparison.OrdinalIgnoreCase) || Path(bm.Obj).Contains("resp", StringComparison.OrdinalIgnoreCase)))
        {
            CheckResponseBody(a.Value, t, target.Start, s, false, "the response body");
        }
    }

    [GeneratedRegex("InternalServerError|BadRequest|Unauthorized|Forbidden|Status(4|5)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StatusName { get; }

    private bool LooksLikeDjangoSettings() =>
        _path.EndsWith("settings.py", StringComparison.OrdinalIgnoreCase) || _path.Contains("/settings/", StringComparison.OrdinalIgnoreCase)
        || _src.Span.Contains("INSTALLED_APPS", StringComparison.Ordinal) || _src.Span.Contains("ALLOWED_HOSTS", StringComparison.Ordinal);

    [GeneratedRegex(@"ctx\.status\s*=\s*[45]\d\d", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KoaErrorStatus();
}
