using System.Text.RegularExpressions;
using TokenHound.Core;
using TokenHound.Secrets.Detectors;

namespace TokenHound.Code;

public sealed partial class Engine
{
    private static readonly HashSet<string> LogMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "log", "info", "information", "warn", "warning", "error", "debug", "trace", "fatal", "critical", "exception", "verbose", "silly",
        "notice", "print", "printf", "println", "fatalf", "fatalln", "panicf", "panicln", "errorf", "warnf", "infof", "debugf",
        "tracef", "infow", "errorw", "warnw", "debugw", "loginformation", "logwarning", "logerror", "logdebug", "logtrace",
        "logcritical", "logline", "write", "writeline", "dir", "severe", "fine", "finer", "finest", "msg", "msgf", "infoContext",
        "errorContext", "warnContext", "debugContext", "table",
    };

    private static readonly HashSet<string> TransformMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "trim", "trimstart", "trimend", "strip", "lstrip", "rstrip", "replace", "replaceall", "removeprefix", "removesuffix",
        "tolowercase", "touppercase", "lower", "upper", "tolower", "toupper", "tolowerinvariant", "toupperinvariant", "tostring",
        "concat", "join", "format", "format_map", "encode", "decode", "getbytes", "getstring", "valueof", "tojson", "tostr",
        "stringify", "dumps", "dump", "serialize", "serializeobject", "writevalueasstring", "marshal", "marshalindent",
        "parse", "loads", "sprintf", "sprint", "sprintln", "inspect", "from", "fromutf8string", "tobytes", "asstring",
        "split", "get", "getvalue", "getstring", "first", "firstordefault", "single", "trimprefix", "trimspace", "fields",
        "then", "promise", "result", "send", "getordefault", "getvalueordefault", "sendasync", "execute", "getheader", "header", "headers", "values", "items",
        "entries", "assign", "todict", "dict", "model_dump", "json", "text", "body", "format", "str", "repr", "string",
        "btoa", "atob", "b64encode", "b64decode", "urlsafe_b64encode", "tobase64string", "encodetostring", "bytes", "quote",
        "urlencode", "encodeuricomponent", "escape", "unescape", "interpolate", "f", "append", "appendformat", "sb",
        "of", "ofentries", "entry", "aslist", "singletonmap", // Java Map.of / List.of / Arrays.asList build a value from their arguments
        "fromentries", "todictionary", "tolist", "toarray", "frombase64string", "decodebase64", "base64decode", // copies and decodings keep the content
        "deserialize", "deserializeobject", "readvalue", "readtree", "fromjson", "unmarshal", // parsing a secret's JSON keeps the secret
        "stringvalue", // aws-sdk-go v1: aws.StringValue(out.SecretString) dereferences the value
        "firstvaluefrom", "lastvaluefrom", "topromise", // RxJS: await firstValueFrom(this.http.post(…)) is the response
    };

    private static readonly HashSet<string> CleanMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "startswith", "endswith", "includes", "contains", "equals", "has", "hasownproperty", "test", "isvalid", "isnullorempty",
        "isnullorwhitespace", "indexof", "len", "count", "any", "isinstance", "bool", "boolean", "substring", "substr", "slice",
        "take", "left", "right", "compare", "compareto", "match", "matches", "search", "length", "size", "typeof", "hashcode",
        "gethashcode", "isempty", "isblank", "equalsignorecase", "timingsafeequal", "compare_digest", "constanttimecompare",
        "verify", "jwtverify", "validate", "checkpw", "check_password_hash", "hashpw", "issuccess", "ok",
    };

    private static readonly HashSet<string> SecretSources = new(StringComparer.OrdinalIgnoreCase)
    {
        "getsecretvalue", "getsecretvalueasync", "get_secret_value", "batchgetsecretvalue", "batch_get_secret_value",
        "assumerole", "assume_role", "assumeroleasync", "assumerolewithwebidentity", "assume_role_with_web_identity",
        "assumerolewithsaml", "getsessiontoken", "get_session_token", "getsessiontokenasync", "getfederationtoken", "get_federation_token",
        "initiateauth", "initiate_auth", "admininitiateauth", "admin_initiate_auth", "initiateauthasync", "admininitiateauthasync",
        "respondtoauthchallenge", "respond_to_auth_challenge", "getcredentialsforidentity", "get_credentials_for_identity",
        "getopenidtoken", "get_open_id_token", "getauthorizationtoken", "get_authorization_token", "createaccesskey",
        "create_access_key", "getsecret", "get_secret", "getsecretstring",
        // API Gateway: a new API key's value (CreateApiKey returns it; its id, name and tags are not the key)
        "createapikey", "create_api_key", "createapikeyasync",
        // IVS: a stream key's value lets anyone who has it broadcast on the channel (its ARN and channel ARN are not the key)
        "createstreamkey", "create_stream_key", "createstreamkeyasync", "getstreamkey", "get_stream_key", "getstreamkeyasync",
        "batchgetstreamkey", "batch_get_stream_key", "batchgetstreamkeyasync",
    };

    private static readonly HashSet<string> ParameterSources = new(StringComparer.OrdinalIgnoreCase)
    {
        "getparameter", "get_parameter", "getparameters", "get_parameters", "getparametersbypath", "get_parameters_by_path",
        "getparameterasync", "getparametersasync",
    };

    [GeneratedRegex(@"^(GetSecretValue|BatchGetSecretValue|CreateApiKey|CreateStreamKey|(Batch)?GetStreamKey|AssumeRole\w*|GetSessionToken|GetFederationToken|InitiateAuth|AdminInitiateAuth|RespondToAuthChallenge|GetCredentialsForIdentity|GetParameters?(ByPath)?)(Command|Request|Input)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SecretCommand { get; }

    [GeneratedRegex(@"^(Invoke|InvokeAsync|StartExecution|StartSyncExecution|SendMessage|SendMessageBatch|Publish|PublishBatch|PutEvents|PutRecord|PutRecords|PutRecordBatch|SendTaskSuccess)(Command|Request|Input|RequestEntry|Entry)?$|^PutEventsRequestEntry$|^SendMessageBatchRequestEntry$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DownstreamType { get; }

    private static readonly HashSet<string> DownstreamMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "invoke", "invokeasync", "invoke_async", "startexecution", "start_execution", "startexecutionasync", "startsyncexecution",
        "start_sync_execution", "sendmessage", "send_message", "sendmessageasync", "sendmessagebatch", "send_message_batch",
        "publish", "publishasync", "putevents", "put_events", "puteventsasync", "putrecord", "put_record", "putrecords", "put_records",
        "putrecordbatch", "put_record_batch",
        "sendtasksuccess", "send_task_success",
    };

    private static readonly HashSet<string> DownstreamKeys = ["payload", "input", "messagebody", "message", "detail", "data", "output"];

    private T EvalCall(CallExpr c, Scope s)
    {
        var name = CallName(c);
        // AWS SDK for Go v1: every operation has a …WithContext twin (AssumeRoleWithContext, StartExecutionWithContext)
        if (Go && name.Length > 11 && name.EndsWith("WithContext", StringComparison.Ordinal) && name[..^11] is var op
            && (SecretSources.Contains(op) || ParameterSources.Contains(op) || DownstreamMethods.Contains(op)))
        {
            name = op;
        }

        var recv = c.Callee is MemberExpr me ? me.Obj : null;
        if (ConsoleByLevel(c) is { } console)
        {
            (name, recv) = ("log", console);
        }

        var lname = name.ToLowerInvariant();
        var recvPath = recv is null ? "" : Path(recv);
        var rt = recv is null ? T.None : Eval(recv, s);
        if (recv is null && c.Callee is not NameExpr)
        {
            rt = Eval(c.Callee, s);
        }

        var argT = RentTaints(c.Args.Count);
        try
        {
            return EvalCall(c, s, name, lname, recv, recvPath, rt, argT);
        }
        finally
        {
            ReturnTaints(argT);
        }
    }

    /// <summary>The expression is the parameter, rewritten by its own methods or with a suffix (<c>p.replace(…).replace(…)</c>, <c>p + '=='</c>).</summary>
    private static bool RewritesParam(Expr e, string param)
    {
        for (var depth = 0; depth < 16; depth++)
        {
            switch (e)
            {
                case NameExpr n:
                    return n.Name == param;
                case CallExpr { Callee: MemberExpr m }:
                    e = m.Obj;
                    break;
                case BinaryExpr { Op: "+" } b:
                    e = b.Left;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private Dictionary<string, FunctionDef>? _functions;

    /// <summary>A named function of the file (module level, or a method of a class at module level), or null.</summary>
    private FunctionDef? LocalFunction(string name)
    {
        if (_functions is null)
        {
            _functions = new Dictionary<string, FunctionDef>(StringComparer.Ordinal);
            CollectFunctions(_m.Module.Body, 0);
        }

        return _functions.GetValueOrDefault(name);
    }

    private void CollectFunctions(List<Stmt> body, int depth)
    {
        foreach (var st in body)
        {
            switch (st)
            {
                case FuncStmt { Fn: { Name: { } n } fn }:
                    _functions!.TryAdd(n, fn);
                    break;
                case AssignStmt { Target: NameExpr { Name: var an }, Value: LambdaExpr l }:
                    _functions!.TryAdd(an, l.Fn);
                    break;
                case BlockStmt b when depth < 3:
                    CollectFunctions(b.Body, depth + 1);
                    break;
            }
        }
    }

    /// <summary>
    /// The body of an HTTP response logged in the branch that handles its error status (`if resp.status_code >= 300:
    /// logger.debug(resp.text)`, `if (!res.ok) console.error(await res.text())`): an error body, not a token.
    /// </summary>
    private bool IsErrorResponseBody(Expr logged, Scope s)
    {
        var e = Unwrap(logged);
        if (e is not (MemberExpr { Name: "text" or "content" or "body" or "data" } or CallExpr { Callee: MemberExpr { Name: "json" or "text" } }))
        {
            return false;
        }

        return InThenBranchOf(s, ErrorStatusTest());
    }

    /// <summary>The code runs in the then-branch of an <c>if</c> (of this function or an enclosing one) whose condition matches.</summary>
    private bool InThenBranchOf(Scope s, Regex condition)
    {
        for (var sc = s; sc is not null; sc = sc.Parent)
        {
            foreach (var (cond, isElse) in sc.Guards)
            {
                if (!isElse && condition.IsMatch(Text(cond)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"status(_?code)?\s*>=?\s*[345]\d\d|!\s*\w+\.ok\b|\bnot\s+\w+\.ok\b|\.IsSuccessStatusCode\s*==\s*false|!\s*\w+\.IsSuccessStatusCode", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ErrorStatusTest();

    /// <summary>An OAuth token endpoint in a URL (/oauth2/token, /oauth/token, /connect/token, /token) or named so (TOKEN_URL, tokenEndpoint).</summary>
    [GeneratedRegex(@"/(oauth2?/|connect/|v\d+/)?token(\b|/?[""'`?]|$)|token_?(url|uri|endpoint)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenEndpoint();

    /// <summary>A Set-Cookie string: `name=value; Path=/; …` with at least one cookie attribute.</summary>
    [GeneratedRegex(@"^[\w.-]+=[^;]*;\s*(Path|Max-Age|Expires|Domain|SameSite|HttpOnly|Secure)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SetCookieString();

    /// <summary>Calls that put a value into the collection they are called on (the key, if any, first).</summary>
    private static readonly HashSet<string> KeyedPuts = new(StringComparer.Ordinal)
    {
        "put", "putIfAbsent", "putString", "putPOJO", "set", "setdefault", "Add", "TryAdd", "addProperty", "Set", "insert", "Insert",
    };

    private static readonly HashSet<string> ValuePuts = new(StringComparer.Ordinal)
    {
        "add", "push", "unshift", "append", "extend", "putAll", "addAll", "AddRange", "update", "Append",
    };

    /// <summary>
    /// A value put into a local map, list, JSON node or dict taints the collection: <c>body.put("trace",
    /// ExceptionUtils.getStackTrace(ex))</c>, <c>message.put("callerToken", token)</c>, <c>fields.push(token)</c>,
    /// <c>extra.update(token=t)</c>. Only plain local variables (not the response, the request or <c>this</c>).
    /// </summary>
    private void TaintContainer(CallExpr c, string name, Expr? recv, T[] argT, Scope s)
    {
        // a builder chain: sb.append(name).append('=').append(value) appends to sb
        while (recv is CallExpr { Callee: MemberExpr { Name: "append" or "Append" or "AppendLine", Obj: var chained } } && name is "append" or "Append" or "AppendLine")
        {
            recv = chained;
        }

        if (recv is not NameExpr { Name: var v } || c.Args.Count == 0)
        {
            return;
        }

        var keyed = KeyedPuts.Contains(name);
        if (!keyed && !ValuePuts.Contains(name))
        {
            return; // most calls: no scope lookup
        }

        if (!s.TryVar(v, out var current) || (current & (T.WholeEvent | T.ErrorObj)) != 0
            || HandlerCompanions.Contains(v) || v is "headers" or "params" or "searchParams" or "url" or "os" or "sys")
        {
            return;
        }

        var from = keyed && c.Args.Count >= 2 ? 1 : 0; // map.put(key, value): the value; list.add(value): all
        var added = T.None;
        for (var i = from; i < c.Args.Count; i++)
        {
            added |= argT[i];
        }

        added &= ~(T.Literal | T.Clean | T.SecretCmd);
        if (added != T.None)
        {
            s.Vars[v] = (current & ~T.Clean) | added;
        }
    }

    /// <summary>
    /// A value checked in constant time against a secret is a credential as well: <c>timingSafeEqual(presentedKey, expectedKey)</c>
    /// with the expected key from Secrets Manager makes the carrier's key from the request header a credential where it is
    /// logged or relayed afterwards (also <c>hmac.compare_digest(given, secret)</c>, <c>subtle.ConstantTimeCompare(…)</c>).
    /// Only a variable of the function is marked, and only against a secret (not another token).
    /// </summary>
    private static void PresentedCredential(CallExpr c, string lname, T[] argT, Scope s)
    {
        if (c.Args.Count != 2 || lname is not ("timingsafeequal" or "compare_digest" or "constanttimecompare" or "fixedtimeequals" or "securecompare" or "secure_compare"))
        {
            return;
        }

        for (var i = 0; i < 2; i++)
        {
            if ((argT[1 - i] & T.AwsSecret) != 0 && (argT[i] & (T.AwsSecret | T.Token)) == 0 && AsBytesOf(c.Args[i].Value) is NameExpr { Name: var presented }
                && s.Vars.TryGetValue(presented, out var was))
            {
                s.Vars[presented] = (was & ~(T.Clean | T.Literal)) | T.Token;
            }
        }

        // the value compared, also as bytes: Buffer.from(x), x.encode(), x.getBytes(UTF_8), []byte(x)
        static Expr AsBytesOf(Expr e) => Unwrap(e) switch
        {
            CallExpr { Callee: MemberExpr { Name: "from", Obj: NameExpr { Name: "Buffer" } }, Args: [var first, ..] } => Unwrap(first.Value),
            CallExpr { Callee: MemberExpr { Name: "encode" or "getBytes" } m } => Unwrap(m.Obj),
            CallExpr { Callee: NameExpr { Name: "[]byte" or "bytes" }, Args: [var only] } => Unwrap(only.Value),
            var other => other,
        };
    }

    /// <summary>Argument taint arrays by length, reused (a call is the most common expression; nested calls take their own).</summary>
    private readonly Stack<T[]>?[] _taintArrays = new Stack<T[]>?[9];

    private T[] RentTaints(int n)
    {
        if (n == 0)
        {
            return [];
        }

        return n < _taintArrays.Length && _taintArrays[n] is { Count: > 0 } free ? free.Pop() : new T[n];
    }

    private void ReturnTaints(T[] a)
    {
        if (a.Length is > 0 and < 9)
        {
            (_taintArrays[a.Length] ??= new Stack<T[]>()).Push(a);
        }
    }

    private T EvalCall(CallExpr c, Scope s, string name, string lname, Expr? recv, string recvPath, T rt, T[] argT)
    {
        // a call that decides on access from its arguments (policies.allows(claims.path("sub")…), authorize(claims, …),
        // hasRole(claims, "admin")) is an authorization decision on them, like a condition
        if (_mayDecode && c.Args.Count > 0 && !c.IsNew && AuthorizesByName(name))
        {
            foreach (var a in c.Args)
            {
                (s.Decisions ??= []).Add(a.Value);
            }
        }

        var all = T.None;
        for (var i = 0; i < c.Args.Count; i++)
        {
            var arg = c.Args[i];
            var v = arg.Value is UnaryExpr { Op: "&", Operand: var addressed } ? addressed : arg.Value;
            if (arg.Name is not null || v is ObjectExpr || v is CallExpr { Initializer: not null })
            {
                _argObjects.Add((arg.Start, Math.Max(arg.Value.End, arg.Start + 1), c.Start));
            }

            var serializing = !c.IsNew && Serializers.Contains(name);
            _inSerializer += serializing ? 1 : 0;
            // promise.then((t) => …): the callback's parameter is what the promise resolves to (a token response of a
            // same-file exchangeCode(…), a fetch to a token endpoint)
            _promised = i == 0 && Js && lname == "then" && recv is not null && v is LambdaExpr ? rt & (T.Token | T.AwsSecret) : T.None;
            argT[i] = Eval(c.Args[i].Value, s);
            _promised = T.None;
            _inSerializer -= serializing ? 1 : 0;
            all |= argT[i];
            if (c.Args[i].Name is { } kw)
            {
                CheckSetting(kw, c.Args[i].Value, c.Args[i].Start, s, null, c);
            }
        }

        string? typeName = null;
        if (c.IsNew || c.Initializer is not null)
        {
            typeName = c.Callee switch
            {
                MemberExpr m => m.Name,
                NameExpr n => n.Name.TrimStart('[', ']'),
                _ => null,
            };
        }

        var initT = T.None;
        if (c.Initializer is not null)
        {
            initT = EvalObject(c.Initializer, s, typeName);
            CheckOidcConfig(c);
            if (Go && c.Callee is NameExpr && (initT & (T.Token | T.AwsSecret)) != 0)
            {
                // a struct of this package filled with a secret: &worker{gatewayKey: aws.ToString(sec.SecretString)}
                foreach (var p in c.Initializer.Props)
                {
                    if (p.Key is not null && p.Value is not (StrExpr or LitExpr))
                    {
                        LearnGoField(p.Key, Eval(p.Value, s));
                    }
                }
            }
        }

        CheckCallRules(c, name, lname, recv, recvPath, rt, argT, all | initT, s, typeName);
        CheckLogHelperCall(c, name, recv, argT, s);
        TaintContainer(c, name, recv, argT, s);
        PresentedCredential(c, lname, argT, s);

        // Set-Cookie strings pushed into an array (cookies.push(`at=${token}; Path=/; SameSite=Lax`)) are checked where
        // they are written: the array itself is not re-checked at setHeader
        if (Js && name == "push" && recv is NameExpr && c.Args.Count == 1 && c.Args[0].Value is InterpExpr or StrExpr && SetCookieString().IsMatch(LiteralText(c.Args[0].Value)))
        {
            CheckSetCookieString(c.Args[0].Value, c.NameStart, s, 1);
        }

        // ---- result taint
        if (Names.IsRedaction(name))
        {
            return T.Clean;
        }

        // a projection of all headers that keeps their values is all headers: Headers.Select(h => $"{h.Key}={h.Value}"),
        // Object.entries(req.headers).map(([k, v]) => `${k}=${v}`); one that keeps only the names is not
        if ((rt & T.Headers) != 0 && (rt & T.Token) == 0 && name is "Select" or "map" && c.Args is [{ Value: LambdaExpr { Fn: var proj } }] && ProjectsValues(proj))
        {
            return T.Headers;
        }

        // zap field constructors carry their value: zap.Any("headers", c.Request.Header), zap.Reflect(…), zap.Strings(…)
        if (Go && recvPath == "zap" && c.Args.Count >= 2)
        {
            return argT[1] & ~(T.Literal | T.Clean | T.SecretCmd);
        }

        // Java fluent JSON objects: new JsonObject().put("stack", trace) (Vert.x), mapper.createObjectNode().put(…) (Jackson)
        // return the object with the value in it; a Map's put on a variable returns the previous value (TaintContainer)
        if (Java && name is "put" && c.Args.Count == 2 && recv is CallExpr { } made && (made.IsNew || CallName(made) is "put" or "createObjectNode"))
        {
            return (rt | argT[1]) & ~(T.Literal | T.Clean | T.SecretCmd);
        }

        // a function of the same file that returns its argument serialized (mustJSON(v)): what the argument carries
        if ((recv is null && c.Callee is NameExpr || recv is NameExpr { Name: "this" or "self" or "cls" }) && _serializerHelpers is not null
            && _serializerHelpers.TryGetValue(name, out var serialized) && serialized < c.Args.Count)
        {
            return Stringify(argT[serialized]) & ~(T.Literal | T.Clean | T.SecretCmd);
        }

        // a function of the same file that returns a stack trace (stackTraceOf(ex), defined anywhere in the file)
        if ((recv is null && c.Callee is NameExpr || recv is NameExpr { Name: "this" or "self" or "cls" }) && _traceHelpers is not null && _traceHelpers.Contains(name))
        {
            return T.ErrorStack;
        }

        // a function of the same file with one parameter that only rewrites its argument (base64UrlToBase64(part) returning
        // part.replace(/-/g, '+').replace(/_/g, '/')) hands a token's payload segment on: atob(base64UrlToBase64(seg)). The
        // parser skips a body without a sink word, so a helper named for base64 is read by its name.
        if (recv is null && c.Callee is NameExpr && argT.Length == 1 && (argT[0] & T.JwtPart) != 0 && LocalFunction(name) is { Params: [var only] } rewriter
            && (rewriter.Body is [ReturnStmt { Value: { } rewritten }] && RewritesParam(rewritten, only.Name)
                || rewriter.Body.Count == 0 && Names.Norm(name) is var helperName && (helperName.Contains("base64", StringComparison.Ordinal) || helperName.Contains("b64", StringComparison.Ordinal))))
        {
            return argT[0];
        }

        // a function of the same file, walked before this call, that returns a token or a secret (sessionFrom(request),
        // tenantCredentials(id) returning STS credentials)
        // Go: an unexported method called on a receiver (n.providerKey(ctx)) can only be one of this package's
        if ((recv is null && c.Callee is NameExpr || recv is NameExpr { Name: "this" or "self" } || Go && recv is NameExpr && name.Length > 0 && char.IsLower(name[0]))
            && LocalFunction(name) is { Returns: var returned } local && local.WalkStamp == _stamp
            && (returned & (T.Token | T.AwsSecret)) != 0)
        {
            return returned & (T.Token | T.AwsSecret);
        }

        if (lname is "substring" or "substr" or "slice" && c.Args.Count == 1 && (c.Args[0].Value is LitExpr { Kind: LitKind.Number } || Text(c.Args[0].Value).EndsWith(".length", StringComparison.OrdinalIgnoreCase)))
        {
            return rt & ~(T.Literal | T.Clean); // drops a "Bearer " prefix: still the token
        }

        if (CleanMethods.Contains(name))
        {
            return T.Clean;
        }

        if (typeName is not null && SecretCommand.IsMatch(typeName))
        {
            if (!typeName.StartsWith("GetParameter", StringComparison.Ordinal) || HasDecryption(c, s))
            {
                return T.SecretCmd;
            }

            return T.None;
        }

        if (c.Initializer is not null)
        {
            return initT & ~(T.Literal | T.Clean); // object initializer / composite literal / anonymous object
        }

        if (recvPath is "jwt" or "jsonwebtoken" or "JWT" or "jose" or "jose_jwt" or "jose.jwt" or "pyjwt" && lname is "decode" or "verify" or "get_unverified_header" or "get_unverified_claims" or "decode_complete" or "parse" or "require"
            || recv is null && lname is "jwtdecode" or "jwt_decode")
        {
            return T.None; // claims, not the token
        }

        if (SecretSources.Contains(name))
        {
            return T.AwsSecret | T.Token;
        }

        if (ParameterSources.Contains(name))
        {
            return HasDecryption(c, s) ? T.AwsSecret | T.Token : T.None;
        }

        // env
        if (name is "getenv" or "Getenv" or "GetEnvironmentVariable" or "LookupEnv" && c.Args.Count > 0 && c.Args[0].Value is StrExpr env)
        {
            return EnvTaint(env.Value);
        }

        if (name is "get" or "getenv" && recvPath is "os.environ" or "os" or "process.env" && c.Args.Count > 0 && c.Args[0].Value is StrExpr env2)
        {
            return EnvTaint(env2.Value);
        }

        // gRPC for Go: metadata.FromIncomingContext(ctx) is all the call's headers (authorization included)
        if (Go && recvPath == "metadata" && name == "FromIncomingContext")
        {
            return T.Headers;
        }

        // all headers of the request from a getter: fiber c.GetReqHeaders(), Vert.x / Micronaut request.headers()
        if ((rt & (T.WholeEvent | T.Headers)) != 0 && c.Args.Count == 0 && name is "GetReqHeaders" or "GetHeaders" or "getHeaders" or "getAllHeaders" or "getRequestHeaders")
        {
            return T.Headers;
        }

        // NestJS context.switchToHttp().getRequest(), Spring's attributes.getRequest(): the incoming request
        if (recv is not null && name == "getRequest" && c.Args.Count == 0)
        {
            return T.WholeEvent;
        }

        // Java: e.printStackTrace(new PrintWriter(sw)) puts the stack trace into sw (a StringWriter)
        if (Java && name == "printStackTrace" && c.Args.Count == 1 && c.Args[0].Value is CallExpr { IsNew: true, Args: [{ Value: NameExpr sw }, ..] } pw
            && CallName(pw) is "PrintWriter" or "PrintStream")
        {
            s.Vars[sw.Name] = T.ErrorStack;
        }

        // errors
        if (StackTraceCalls.Contains(lname) && (recvPath is "traceback" or "ExceptionUtils" or "Throwables" or "debug" || (rt & T.ErrorObj) != 0))
        {
            return T.ErrorStack;
        }

        if (lname == "inspect" && recvPath == "util" && (all & T.ErrorObj) != 0)
        {
            return T.ErrorStack;
        }

        if ((rt & T.ErrorObj) != 0)
        {
            return lname switch
            {
                "tostring" => Cs ? T.ErrorStack : T.ErrorMsg,
                "getmessage" or "getlocalizedmessage" or "error" or "message" or "errormessage" => T.ErrorMsg,
                "getstacktrace" => T.ErrorStack,
                // AWS SDK for Java v2: e.awsErrorDetails().errorMessage()
                "getcause" or "unwrap" or "awserrordetails" => T.ErrorObj,
                _ => T.None,
            };
        }

        if (recv is null && lname is "str" or "repr" or "string" && c.Args.Count == 1)
        {
            return Stringify(argT[0]);
        }

        // a URL built by a format call: fmt.Sprintf("%s/items?token=%s", base, token), String.format(…), "…{}".format(…)
        if (lname is "sprintf" or "format" && c.Args.Count > 0)
        {
            var fmtIndex = c.Args[0].Value is StrExpr ? 0 : -1;
            if (fmtIndex == 0 && c.Args.Count > 1)
            {
                CheckUrlQuery(FormatParts(((StrExpr)c.Args[0].Value).Value, c.Args.Skip(1).Select(a => a.Value).ToList()), c.Start, s);
            }
            else if (recv is StrExpr fmtRecv && lname == "format" && c.Args.Count > 0)
            {
                CheckUrlQuery(FormatParts(fmtRecv.Value, c.Args.Select(a => a.Value).ToList()), c.Start, s);
            }
        }

        if (lname is "sprintf" or "errorf" && c.Args.Count > 0 && c.Args[0].Value is StrExpr fs && fs.Value.Contains("%+v", StringComparison.Ordinal) && (all & T.ErrorObj) != 0)
        {
            return T.ErrorStack;
        }

        // JWT pieces
        if (lname == "split" && c.Args.Count > 0 && c.Args[^1].Value is StrExpr sep && sep.Value is "." or "\\." or "\\\\.")
        {
            var splitSource = (recv is null || recvPath == "strings" ? argT[0] : rt) & AnyToken;
            return splitSource != 0 ? T.JwtSplit | splitSource : (rt | all) & ~(T.Literal | T.Clean | T.SecretCmd); // only a token's segments
        }

        if (lname is "sign" or "encode" && recvPath is "jwt" or "jsonwebtoken" or "jose.jwt" || name is "WriteToken" or "CreateToken" or "CreateEncodedJwt" || (lname == "sign" && recvPath.Contains("JWT", StringComparison.Ordinal)))
        {
            return T.Token;
        }

        // send(new GetSecretValueCommand(...)), Promise/await wrappers, serializers, string transforms
        if ((all & T.SecretCmd) != 0 && lname is "send" or "sendasync" or "execute")
        {
            return T.AwsSecret | T.Token;
        }

        if (lname is "loads" or "parse" && (all & T.WholeEvent) == 0 && (all & (T.EventData | T.Headers)) != 0)
        {
            return T.EventData;
        }

        // a helper that reads a credential header off the request: header(event, "Authorization")
        if (recv is null && c.Args.Count >= 2 && (all & (T.WholeEvent | T.Headers)) != 0 && c.Args.Any(a => a.Value is StrExpr { Value: var h } && Names.IsCredentialHeader(h)))
        {
            return T.Token;
        }

        // Go: the request body decoded into a variable — gin / echo c.ShouldBindJSON(&body) / c.Bind(&body),
        // json.NewDecoder(r.Body).Decode(&body), json.Unmarshal(data, &body) of request data
        if (Go && c.Args.Count >= 1 && c.Args[^1].Value is UnaryExpr { Op: "&", Operand: NameExpr bound })
        {
            var filled = lname.StartsWith("shouldbind", StringComparison.Ordinal) || lname.StartsWith("bind", StringComparison.Ordinal) ? rt & (T.WholeEvent | T.EventData)
                : lname == "decode" && recv is CallExpr { Args.Count: 1 } dec && CallName(dec) == "NewDecoder" ? Eval(dec.Args[0].Value, s) & (T.WholeEvent | T.EventData)
                : lname == "unmarshal" && c.Args.Count == 2 ? argT[0] & (T.WholeEvent | T.EventData)
                : T.None;
            if (filled != T.None && (!s.TryVar(bound.Name, out var before) || (before & ~(T.Literal | T.Clean)) == T.None))
            {
                Bind(bound, T.EventData, null, s);
            }
        }

        if (TransformMethods.Contains(name) || recv is null && name is "String" or "str" or "Buffer" or "[]byte" or "string" or "bytes")
        {
            var t = (rt | all) & ~(T.Literal | T.Clean | T.SecretCmd);
            if (recvPath is "JSON" or "json" or "JsonSerializer" or "JsonConvert" or "objectMapper" or "mapper" or "gson" or "fmt" or "String" or "string" or "str" or "util")
            {
                t = Stringify(all) & ~(T.Literal | T.Clean | T.SecretCmd);
            }

            if (lname is "get" or "getheader" or "header" or "getvalue" or "getstring" or "getfirst" or "getordefault" or "getvalueordefault" && KeyArg(c) is { } key)
            {
                return HeaderTaint(rt, key, s);
            }

            // every header in turn: getHeader(name) with a name taken from the request's own header names
            // (while (names.hasMoreElements()) { String name = names.nextElement(); … req.getHeader(name) … })
            if (lname is "getheader" or "getheaders" && c.Args.Count == 1 && c.Args[0].Value is NameExpr && (rt & T.WholeEvent) != 0
                && Resolve(c.Args[0].Value, s) is var named && (named is CallExpr { Callee: MemberExpr { Name: "nextElement" or "next", Obj: var names } } ? Resolve(names, s) : named) is var source
                && Text(source).Contains("getHeaderNames", StringComparison.Ordinal))
            {
                return T.Headers;
            }

            if (lname is "get" or "getheader" or "header" && c.Args.Count > 0 && recv is not null)
            {
                // header by a non-literal name
                return (rt & (T.Headers | T.WholeEvent)) != 0 ? T.EventData : rt & ~(T.Literal | T.Clean);
            }

            return t;
        }

        // C#: headers.TryGetValue("Authorization", out var auth) puts the header's value into its out argument
        if (Cs && lname == "trygetvalue" && c.Args.Count == 2 && c.Args[1].Value is UnaryExpr { Op: "out", Operand: NameExpr outVar } && KeyArg(c) is { } outKey)
        {
            Bind(outVar, HeaderTaint(rt, outKey, s), null, s);
            return T.Clean;
        }

        if (lname is "getheader" or "getheaders" or "header" or "getfirst" or "getvalues" or "trygetvalue" or "getheaderstring" && KeyArg(c) is { } hk)
        {
            return HeaderTaint(rt, hk, s);
        }


        // the request body: Flask get_json / get_data, Starlette and aiohttp body() / text() / form() / read(), ASP.NET and
        // servlet readers, fetch-style json() / formData()
        if (lname is "get_json" or "getjson" or "get_data" or "readasstringasync" or "getreader" or "getinputstream" or "getbody" or "json" or "formdata"
            or "body" or "text" or "form" or "read")
        {
            return (rt & (T.WholeEvent | T.EventData)) != 0 ? T.EventData : T.None;
        }

        // SDK calls that return a user's JWT: amazon-cognito-identity-js session.getIdToken().getJwtToken(),
        // Firebase user.getIdToken() / auth.currentUser.getIdToken(true)
        if (Js && recv is not null && c.Args.Count == 0 && lname == "getjwttoken"
            || Js && recv is not null && lname == "getidtoken" && c.Args.Count <= 1 && recvPath.EndsWith("user", StringComparison.OrdinalIgnoreCase))
        {
            return T.Token;
        }

        // AWS Amplify: fetchAuthSession() (v6: { tokens: { idToken, accessToken }, credentials }), Auth.currentSession() and
        // Auth.currentUserCredentials() (v5) return the signed-in user's tokens and AWS credentials
        if (Js && c.Args.Count <= 1 && (recv is null && name == "fetchAuthSession" || recvPath == "Auth" && name is "currentSession" or "currentUserCredentials" or "currentCredentials"))
        {
            return T.Token;
        }

        // the response of a call to an OAuth token endpoint is a token response: requests.post(f"{base}/oauth2/token", …),
        // fetch(`${domain}/oauth2/token`, …), axios.post("/connect/token", …)
        if (lname is "post" or "fetch" or "request" && c.Args.Count >= 1 && TokenEndpoint().IsMatch(Text(c.Args[0].Value)))
        {
            return T.Token;
        }

        // golang-jwt: token.SignedString(key) mints a JWT; weak evidence, like a name (a CLI that prints what it signed,
        // `fmt.Println(out)`, is not reported; a cookie or a log line that names the token is)
        if (Go && name == "SignedString" && c.Args.Count == 1)
        {
            return T.NamedToken;
        }

        // Python's secrets.token_urlsafe() / token_hex() / token_bytes() mint a token (an API key, a session id)
        if (Py && recvPath == "secrets" && name is "token_urlsafe" or "token_hex" or "token_bytes")
        {
            return T.Token;
        }

        // a record accessor named for a credential: tokens.idToken(), form.password(), creds.secretAccessKey()
        // (of a traced value, the getter below keeps the trace: result.accessToken() of a Cognito AdminInitiateAuth result)
        if (Java && recv is not null && c.Args.Count == 0 && Names.SaysToken(name) && !IsSyntaxTokenCall(c) && (rt & (T.Token | T.AwsSecret | T.WholeEvent | T.Headers | T.EventData)) == 0)
        {
            return T.NamedToken;
        }

        // the whole request as a dict / JSON: Chalice app.current_request.to_dict(), req.toJSON()
        if ((rt & T.WholeEvent) != 0 && c.Args.Count == 0 && lname is "to_dict" or "todict" or "tojson" or "model_dump" or "dict")
        {
            return T.WholeEvent;
        }

        // Java RequestStreamHandler: handleRequest(InputStream input, OutputStream output, Context context) — the bytes of
        // the input stream are the whole event (an API Gateway proxy event with its headers), never turned into an object:
        // new String(input.readAllBytes(), UTF_8). The stream object itself prints no data.
        if (Java && name == "readAllBytes" && c.Args.Count == 0 && recv is NameExpr { Name: var stream } && s.Fn is { Name: "handleRequest", Params: [var input, var output, var ctx] }
            && input.Name == stream && input.Type is "InputStream" && output.Type is "OutputStream" && ctx.Type is "Context")
        {
            return T.WholeEvent;
        }

        // zero-argument getters on tracked values: input.getHeaders(), result.authenticationResult().idToken()
        if (recv is not null && c.Args.Count == 0 && (rt & (T.WholeEvent | T.Headers | T.EventData | T.AwsSecret | T.Token | T.NamedToken | T.EnvValue)) != 0)
        {
            var member = name.Length > 3 && name.StartsWith("get", StringComparison.Ordinal) && char.IsUpper(name[3]) ? name[3..] : name;
            return MemberTaint(rt, member, s);
        }

        // function named like a token getter: getToken(), fetch_access_token()
        if (FunctionNameReturnsToken(name) && (!SyntaxFile || NameSaysToken(name)) && !IsSyntaxTokenCall(c))
        {
            return T.NamedToken;
        }

        return T.None;
    }

    /// <summary>
    /// A format string and its arguments as alternating literal parts and values, the way a concatenation is seen:
    /// "a?token=%s&x=%d" with (t, n) becomes ["a?token=", t, "&x=", n]. Verbs: %s %v %d %q %x (with flags), {} {0}.
    /// </summary>
    private static List<Expr> FormatParts(string format, List<Expr> args)
    {
        var parts = new List<Expr>();
        var lit = new System.Text.StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var ch = format[i];
            var verbEnd = -1;
            if (ch == '%' && i + 1 < format.Length && format[i + 1] != '%')
            {
                var j = i + 1;
                while (j < format.Length && "+-# 0123456789.".Contains(format[j], StringComparison.Ordinal))
                {
                    j++;
                }

                if (j < format.Length && char.IsLetter(format[j]))
                {
                    verbEnd = j;
                }
            }
            else if (ch == '{')
            {
                var j = format.IndexOf('}', i + 1);
                if (j > i && j - i <= 4 && format.AsSpan(i + 1, j - i - 1).IndexOfAnyExcept("0123456789") < 0)
                {
                    verbEnd = j;
                }
            }

            if (verbEnd < 0)
            {
                lit.Append(ch);
                continue;
            }

            parts.Add(new StrExpr(lit.ToString()));
            lit.Clear();
            parts.Add(next < args.Count ? args[next] : new StrExpr(""));
            next++;
            i = verbEnd;
        }

        parts.Add(new StrExpr(lit.ToString()));
        return parts;
    }

    /// <summary>
    /// The key a getter's first argument names: a string literal, or a constant that names a credential header
    /// (`echo.HeaderAuthorization`, `HttpHeaders.AUTHORIZATION`, `HeaderNames.Cookie`).
    /// </summary>
    private static string? KeyArg(CallExpr c)
    {
        if (c.Args.Count == 0)
        {
            return null;
        }

        if (c.Args[0].Value is StrExpr key)
        {
            return key.Value;
        }

        if (c.Args[0].Value is MemberExpr { Name: var constant })
        {
            var header = Names.Norm(constant);
            header = header.StartsWith("header", StringComparison.Ordinal) ? header[6..] : header;
            return Names.IsCredentialHeader(header) ? header : null;
        }

        return null;
    }

    /// <summary>
    /// What a value read by key carries. On a request or its headers, a credential header is the credential itself:
    /// `getHeaderString("Cookie")` is the cookie value, where the member `req.cookies` is all of them.
    /// </summary>
    private T HeaderTaint(T rt, string key, Scope s) =>
        (rt & (T.Headers | T.WholeEvent)) != 0 && (Names.IsCredentialHeader(key) || (rt & T.Headers) != 0 && Names.IsTokenCookie(key)) ? T.Token
        : (rt & (T.Headers | T.WholeEvent)) != 0 && Names.IsTraceHeader(key) ? T.None // x-request-id, traceparent: ids, not request data
        : MemberTaint(rt, key, s);

    private static readonly HashSet<string> GetterVerbs = ["get", "fetch", "create", "generate", "random", "temp", "temporary", "issue", "sign", "retrieve", "load", "read", "obtain", "request", "exchange", "refresh", "mint", "acquire", "build", "make", "new", "decrypt", "lookup", "resolve"];

    [ThreadStatic]
    private static Dictionary<string, bool>? t_returnsToken;

    /// <summary>A function named like a token getter (memoized per thread: asked for every call of every walked function).</summary>
    private static bool FunctionNameReturnsToken(string name) => Names.Memoized(ref t_returnsToken, name, FunctionNameReturnsTokenCore);

    private static bool FunctionNameReturnsTokenCore(string name)
    {
        var w = Names.Words(name);
        if (w.Count > 1 && GetterVerbs.Contains(w[0]) && name.Length > w[0].Length && Names.SaysToken(name[w[0].Length..].TrimStart('_')))
        {
            return true; // getIdToken(), get_jwt_token(): the verb, then a token name (id_token is one even though "id" alone is not)
        }

        if (!Names.SaysToken(name))
        {
            return false;
        }

        return w.Count > 0 && (GetterVerbs.Contains(w[0]) || Names.SaysToken(w[0]) && w.Count == 1);
    }

    private bool HasDecryption(CallExpr c, Scope s)
    {
        var found = false;
        void Look(Expr e, int depth)
        {
            if (found || depth > 3)
            {
                return;
            }

            var r = Resolve(e, s);
            Visit(r, x =>
            {
                if (x is ObjectExpr o && o.Get("WithDecryption") is { } v && IsTrueish(v))
                {
                    found = true;
                }

                if (x is CallExpr cc)
                {
                    if (CallName(cc) is "withDecryption" or "WithDecryption" && cc.Args.Count > 0 && IsTrueish(cc.Args[0].Value))
                    {
                        found = true;
                    }

                    foreach (var a in cc.Args)
                    {
                        if (a.Name is not null && Names.Norm(a.Name) == "withdecryption" && IsTrueish(a.Value))
                        {
                            found = true;
                        }
                    }
                }

                if (x is NameExpr n && !ReferenceEquals(n, r) && s.TryDef(n.Name, out _))
                {
                    Look(n, depth + 1);
                }
            });
        }

        foreach (var a in c.Args)
        {
            if (a.Name is not null && Names.Norm(a.Name) == "withdecryption" && IsTrueish(a.Value))
            {
                return true;
            }

            Look(a.Value, 0);
        }

        if (c.Initializer is not null)
        {
            Look(c.Initializer, 0);
        }

        return found;
    }

    private static bool IsTrueish(Expr e) => e is LitExpr { Kind: LitKind.True } || (e is CallExpr c && c.Args.Count == 1 && c.Args[0].Value is LitExpr { Kind: LitKind.True });

    // ------------------------------------------------------------------ call rules

    /// <summary>
    /// <c>console[level](…)</c>: a console method picked by a variable (a logging helper's level parameter); the
    /// <c>console</c> receiver, or null for other calls.
    /// </summary>
    private Expr? ConsoleByLevel(CallExpr c) =>
        Js && c.Callee is IndexExpr { Obj: NameExpr { Name: "console" } console, IsSlice: false, Index: not null } ? console : null;

    private bool IsLogCall(CallExpr c, string name, Expr? recv, string recvPath)
    {
        if (recv is null)
        {
            return (Py && name == "print") || (Go && name is "println" or "print");
        }

        // zerolog: logger.Info().Str("k", v).Send() logs its fields like Msg does
        if (Go && name == "Send" && c.Args.Count == 0 && FieldChainCall(recv) is not null)
        {
            return IsLogCall(c, "Msg", recv, recvPath);
        }

        if (!LogMethods.Contains(name))
        {
            return false;
        }

        // Microsoft.Extensions.Logging's extension methods name the level: _trail.LogDebug(...) logs whatever the
        // field is called
        if (Cs && name is "LogTrace" or "LogDebug" or "LogInformation" or "LogWarning" or "LogError" or "LogCritical")
        {
            return true;
        }

        // structured-field chains log on the logger at their root: log.WithField(...).Info, logger.With(...).Info
        if (FieldChainCall(recv) is { Callee: MemberExpr wm })
        {
            return IsLogCall(c, name, wm.Obj, Path(wm.Obj));
        }

        var rp = recvPath;
        if (rp == "fmt")
        {
            return name is "Print" or "Printf" or "Println";
        }

        if (rp is "console" or "Console" or "System.out" or "System.err" or "Console.Error" or "Console.Out" or "log" or "slog" or "logging"
            or "LambdaLogger" or "Debug" or "Trace" or "Log" or "LOG" or "LOGGER" or "logger" or "Logger" or "glog" or "klog" or "zap.L()" or "zap.S()" or "logrus")
        {
            return !(rp is "Debug" or "Trace" && !Cs);
        }

        var last = rp[(rp.LastIndexOf('.') + 1)..].Trim('(', ')').TrimStart('_');
        var words = Names.Words(last);
        if (words.Count == 0)
        {
            return false;
        }

        var lw = words[^1];
        return lw is "log" or "logger" or "logging" or "getlogger" or "audit" or "auditor" || last.EndsWith("Logger", StringComparison.Ordinal) || last.EndsWith("logger", StringComparison.Ordinal)
            || (words.Count >= 2 && words[^2] == "get" && lw == "logger");
    }

    /// <summary>
    /// Python: a framework request object (Django, Flask, oauthlib `request`) logged as such prints its repr, which holds
    /// no headers (`&lt;WSGIRequest: GET '/'&gt;`, `&lt;oauthlib.Request SANITIZED&gt;`); only a Lambda event (a dict,
    /// in a function with a context parameter) or the headers themselves print the Authorization header.
    /// </summary>
    private bool PrintsSanitizedRepr(Expr arg, Scope s) =>
        Py && arg is NameExpr { Name: "request" or "req" } && !s.Fn.Params.Any(p => HandlerCompanions.Contains(p.Name));

    /// <summary>logrus log.WithField(s)(…), zap / slog / logr logger.With(…) / WithValues(…): a call that adds logged fields;
    /// zerolog's event chain logger.Debug().Str("k", v).Interface("k", v).Msg(…) too: its level call and field calls.</summary>
    private CallExpr? FieldChainCall(Expr? e) =>
        e is CallExpr { Callee: MemberExpr { Name: "WithField" or "WithFields" or "With" or "WithError" or "WithValues" } } c ? c
        : Go && e is CallExpr { Callee: MemberExpr { Name: var zn } } z && (ZerologFields.Contains(zn) && z.Args.Count > 0 || ZerologLevels.Contains(zn) && z.Args.Count == 0) ? z
        : null;

    private static readonly HashSet<string> ZerologFields = new(StringComparer.Ordinal)
    {
        "Str", "Strs", "Interface", "Any", "Bytes", "RawJSON", "Dict", "Fields", "Stringer", "Hex", "Object", "EmbedObject",
    };

    private static readonly HashSet<string> ZerologLevels = new(StringComparer.Ordinal)
    {
        "Debug", "Info", "Warn", "Error", "Trace", "Fatal", "Panic", "Log",
    };

    /// <summary>
    /// The token part of a logged value's taint: a traced token or secret always; a value known only by a name when
    /// the logged expression itself names it (token, self.token, f"{access_token}"), not when it was derived from
    /// such a name elsewhere (result = svc.GetChangeToken(), a message built from an enum, correlationId).
    /// </summary>
    private static T LoggedToken(T t, Expr logged, Scope s) =>
        (t & (T.Token | T.AwsSecret)) != 0 || ((t & T.NamedToken) != 0 && NamesTokenDirectly(logged, s, 0)) ? t & AnyToken : T.None;

    /// <summary>
    /// True when a name in the expression itself says token: a variable, member or string key (`token`,
    /// `self.token`, `accessToken.Token`, `headers["x-api-key"]`), also inside templates, concatenations, object and
    /// array literals and call arguments.
    /// </summary>
    private static bool NamesTokenDirectly(Expr e, Scope s, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        switch (e)
        {
            case NameExpr n:
                return Names.SaysToken(n.Name) || s.IsDirectNamed(n.Name);
            case MemberExpr constant when IsEnumConstant(constant):
                return false; // an enum / constant (AuthenticationMethodType.PASSWORD) names a kind, not a value
            case MemberExpr m:
                return Names.SaysToken(m.Name) || (!Names.Describes(m.Name) && NamesTokenDirectly(m.Obj, s, depth + 1));
            case IndexExpr { Index: StrExpr k } ix:
                return Names.SaysToken(k.Value) || Names.IsCredentialHeader(k.Value) || NamesTokenDirectly(ix.Obj, s, depth + 1);
            case IndexExpr ix:
                return NamesTokenDirectly(ix.Obj, s, depth + 1);
            case InterpExpr ie:
                return ie.Parts.Any(p => NamesTokenDirectly(p, s, depth + 1));
            case BinaryExpr b:
                return NamesTokenDirectly(b.Left, s, depth + 1) || NamesTokenDirectly(b.Right, s, depth + 1);
            case UnaryExpr u:
                return NamesTokenDirectly(u.Operand, s, depth + 1);
            case CondExpr ce:
                return NamesTokenDirectly(ce.Then, s, depth + 1) || NamesTokenDirectly(ce.Else, s, depth + 1);
            case ObjectExpr o:
                return o.Props.Any(p => (p.Key is not null && Names.SaysToken(p.Key)) || NamesTokenDirectly(p.Value, s, depth + 1));
            case ArrayExpr a:
                return a.Items.Any(i => NamesTokenDirectly(i, s, depth + 1));
            case CallExpr { Args.Count: 0, Callee: MemberExpr getter } when Names.SaysToken(getter.Name.StartsWith("get", StringComparison.Ordinal) && getter.Name.Length > 3 ? getter.Name[3..] : getter.Name):
                return true; // a getter or record accessor named for the credential: form.password(), creds.getSecretAccessKey()
            case CallExpr { Args.Count: 0, Callee: NameExpr maker } when FunctionNameReturnsToken(maker.Name):
                return true; // tmp := randomPassword(), key = generate_api_key()
            case CallExpr call:
                return call.Args.Any(a => NamesTokenDirectly(a.Value, s, depth + 1))
                    || (call.Initializer is { } init && NamesTokenDirectly(init, s, depth + 1))
                    || (call.Callee is MemberExpr cm && NamesTokenDirectly(cm.Obj, s, depth + 1));
            default:
                return false;
        }
    }

    private Dictionary<string, bool>? _tokenTypes;

    /// <summary>
    /// A variable (also serialized: <c>JSON.stringify(data)</c>) holding the result of a function of this file whose
    /// declared return type is a type of this file with a field named like a token: <c>const data = await
    /// postLogin(…)</c> with <c>postLogin(…): Promise&lt;LoginResponse&gt;</c> and <c>type LoginResponse = { accessToken:
    /// string; … }</c>. Its other fields (<c>data.tenantSlug</c>) are not affected.
    /// </summary>
    private bool HoldsTokenType(Expr v, Scope s)
    {
        if (v is CallExpr { Callee: MemberExpr { Name: "stringify" }, Args.Count: >= 1 } js)
        {
            v = js.Args[0].Value;
        }

        if (v is not NameExpr || Resolve(v, s) is not CallExpr { Callee: NameExpr fnName } || LocalFunction(fnName.Name) is not { } fn)
        {
            return false;
        }

        var src = _src.Span;
        var end = Math.Min(Math.Min(fn.End, src.Length), fn.Start + 2000);
        if (fn.Start < 0 || end <= fn.Start)
        {
            return false;
        }

        // the parameter list, then `: ReturnType` up to the body
        var text = src[fn.Start..end];
        var open = text.IndexOf('(');
        if (open < 0)
        {
            return false;
        }

        var depth = 0;
        var i = open;
        for (; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                break;
            }
        }

        var rest = text[(i + 1)..].TrimStart();
        if (rest.Length == 0 || rest[0] != ':')
        {
            return false;
        }

        var stop = rest.IndexOfAny('{', '=');
        var type = stop < 0 ? rest[1..] : rest[1..stop];
        for (var k = 0; k < type.Length;)
        {
            if (!char.IsLetter(type[k]))
            {
                k++;
                continue;
            }

            var st = k;
            while (k < type.Length && (char.IsLetterOrDigit(type[k]) || type[k] == '_'))
            {
                k++;
            }

            if (TypeHasTokenField(type[st..k].ToString()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A `type X = { … }` or `interface X { … }` of this file with a field named like a token.</summary>
    private bool TypeHasTokenField(string name)
    {
        _tokenTypes ??= new Dictionary<string, bool>(StringComparer.Ordinal);
        if (_tokenTypes.TryGetValue(name, out var known))
        {
            return known;
        }

        var result = false;
        var src = _src.Span;
        foreach (var kw in (ReadOnlySpan<string>)["interface ", "type "])
        {
            var at = 0;
            while (!result && at < src.Length && src[at..].IndexOf(kw + name, StringComparison.Ordinal) is var rel and >= 0)
            {
                var p = at + rel + kw.Length + name.Length;
                at = p;
                if (p < src.Length && (char.IsLetterOrDigit(src[p]) || src[p] == '_'))
                {
                    continue; // a longer name
                }

                var brace = src[p..].IndexOf('{');
                if (brace < 0 || src[p..(p + brace)].Trim().TrimStart('=').Trim().Length > 0 && !src[p..(p + brace)].Contains("extends", StringComparison.Ordinal))
                {
                    continue;
                }

                // the fields at depth 1: `name:` / `name?:` / `'name':`
                var depth = 0;
                for (var q = p + brace; q < src.Length; q++)
                {
                    var ch = src[q];
                    if (ch == '{')
                    {
                        depth++;
                    }
                    else if (ch == '}' && --depth == 0)
                    {
                        break;
                    }
                    else if (depth == 1 && (char.IsLetter(ch) || ch == '_') && !char.IsLetterOrDigit(src[q - 1]))
                    {
                        var st = q;
                        while (q < src.Length && (char.IsLetterOrDigit(src[q]) || src[q] == '_'))
                        {
                            q++;
                        }

                        var field = src[st..q];
                        var after = src[q..].TrimStart().TrimStart('?');
                        if (after.Length > 0 && after[0] == ':' && Names.SaysToken(field.ToString()))
                        {
                            result = true;
                            break;
                        }

                        q--;
                    }
                }
            }
        }

        _tokenTypes[name] = result;
        return result;
    }

    /// <summary>
    /// A C# message template (the first string argument) whose placeholder names a token (<c>{Token}</c>,
    /// <c>{@ApiKey}</c>, <c>{ResetToken:l}</c>) for a value that is not a literal or cleaned (hash, length): the
    /// placeholders take the following arguments in order. A value whose own name describes it (<c>tokenId</c>,
    /// <c>tokenHash</c>) is not the token.
    /// </summary>
    private static T TemplateNamedToken(CallExpr c, T[] argT)
    {
        var ti = -1;
        for (var i = 0; i < c.Args.Count && i < 3; i++)
        {
            if (c.Args[i].Value is StrExpr)
            {
                ti = i;
                break;
            }
        }

        if (ti < 0 || ((StrExpr)c.Args[ti].Value).Value is not { } tpl || tpl.IndexOf('{') < 0)
        {
            return T.None;
        }

        var arg = ti + 1;
        for (var i = 0; i < tpl.Length && arg < c.Args.Count; i++)
        {
            if (tpl[i] != '{')
            {
                continue;
            }

            if (i + 1 < tpl.Length && tpl[i + 1] == '{')
            {
                i++; // {{ is a literal brace
                continue;
            }

            var end = tpl.IndexOf('}', i + 1);
            if (end < 0)
            {
                break;
            }

            var ph = tpl.AsSpan(i + 1, end - i - 1).TrimStart("@$");
            var cut = ph.IndexOfAny(':', ',');
            var phName = (cut >= 0 ? ph[..cut] : ph).ToString();
            var v = c.Args[arg].Value;
            var t = argT[arg];
            arg++;
            i = end;
            if (Names.SaysToken(phName) && (t & (T.Clean | T.Literal)) == 0 && v is not (StrExpr or LitExpr)
                && !(v is NameExpr vn && Names.Describes(vn.Name)) && !(v is MemberExpr vm && Names.Describes(vm.Name)))
            {
                return T.NamedToken;
            }
        }

        return T.None;
    }

    /// <summary>
    /// A constant named for a credential that holds a literal key (<c>ARCHIVE_SECRET_KEY = "…"</c>), also inside a
    /// concatenation or template: logging it writes the key itself.
    /// </summary>
    private bool NamesLiteralKey(Expr e, Scope s, int depth) => depth < 4 && e switch
    {
        NameExpr n => Names.SaysToken(n.Name) && Resolve(n, s) is StrExpr { Value: var held } && LooksLikeKey(held),
        BinaryExpr { Op: "+" } b => NamesLiteralKey(b.Left, s, depth + 1) || NamesLiteralKey(b.Right, s, depth + 1),
        InterpExpr ie => ie.Parts.Exists(p => NamesLiteralKey(p, s, depth + 1)),
        _ => false,
    };

    /// <summary>Map lookups under a credential's name; see <see cref="ReadsCredentialKey"/>.</summary>
    private static readonly string[] KeyLookups = [".get(", ".getProperty(", ".getOrDefault(", ".getString(", ".Get(", ".GetValue(", ".GetString(", "["];

    /// <summary>
    /// The function reads a value from the map <paramref name="name"/> under a credential's name (a string key that
    /// says token / secret / password / API key: <c>props.get("aws.secret.access.key")</c>, <c>config["api_key"]</c>),
    /// or stores one in it before <paramref name="before"/> (<c>kwargs["oauth_token"] = token</c>): the map holds that
    /// credential, so logging it whole writes the credential. Read from the function's text, because the map is often
    /// logged before the lookups.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadsCredentialKey(FunctionDef fn, string name, int before) => AnyWordUse(fn, name, (body, i, at) =>
    {
        foreach (var lookup in KeyLookups)
        {
            if (!body[at..].StartsWith(lookup, StringComparison.Ordinal))
            {
                continue;
            }

            var q = at + lookup.Length;
            if (q < body.Length && body[q] is '"' or '\'' or '`' && body[(q + 1)..].IndexOf(body[q]) is var len and > 0 and < 80
                && Names.SaysToken(body.Slice(q + 1, len).ToString()))
            {
                // a store (map["token"] = …) counts only before the log call; a read says what the map held all along
                var after = body[(q + len + 2)..].TrimStart();
                var stores = lookup == "[" && after.StartsWith("]", StringComparison.Ordinal) && after[1..].TrimStart() is ['=', not '=', ..];
                if (!stores || Math.Max(0, fn.Start) + i < before)
                {
                    return true;
                }
            }
        }

        return false;
    });

    /// <summary>A constant of a type (AuthenticationMethodType.PASSWORD, CacheOutcome.NO_CACHED_ACCESS_TOKEN): a kind, not a value.</summary>
    private static bool IsEnumConstant(MemberExpr m) =>
        m.Obj is NameExpr { Name: [var first, ..] } && char.IsUpper(first) && IsConstantName(m.Name);

    /// <summary>ALL_CAPS (with digits and underscores): a constant or enum member.</summary>
    private static bool IsConstantName(string name) =>
        name.Length > 1 && name.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") < 0;

    private void CheckCallRules(CallExpr c, string name, string lname, Expr? recv, string recvPath, T rt, T[] argT, T all, Scope s, string? typeName)
    {
        // ---------------- logging
        if (IsLogCall(c, name, recv, recvPath))
        {
            var tok = T.None;
            var whole = false;
            for (var i = 0; i < argT.Length; i++)
            {
                var t = argT[i];
                if ((t & T.Clean) != 0 && (t & ~(T.Clean | T.Literal)) == 0)
                {
                    continue;
                }

                if (!IsErrorResponseBody(c.Args[i].Value, s))
                {
                    tok |= LoggedToken(t, c.Args[i].Value, s);
                }

                // TypeScript: the whole result of a function of the file typed to return token fields
                // (postLogin(…): Promise<LoginResponse> with LoginResponse { accessToken; idToken; … })
                if (_m.Lang == Lang.TypeScript && HoldsTokenType(c.Args[i].Value, s))
                {
                    tok |= T.NamedToken;
                }

                // a constant named for a credential that holds a literal key (ARCHIVE_SECRET_KEY = "…"): the key itself
                if (NamesLiteralKey(c.Args[i].Value, s, 0))
                {
                    tok |= T.Token;
                }

                // a map the function reads credentials from, logged whole: LOG.info("config {}", props) next to
                // props.get("aws.secret.access.key"), log.debug("%s", kwargs) next to kwargs["password"]
                if (t == T.None && c.Args[i].Value is NameExpr { Name: not ("self" or "this") } held && ReadsCredentialKey(s.Fn, held.Name, c.Start))
                {
                    tok |= T.NamedToken;
                }

                whole |= (t & (T.WholeEvent | T.Headers)) != 0 && !PrintsSanitizedRepr(c.Args[i].Value, s);
            }

            // a message template names its values (Serilog, Microsoft.Extensions.Logging, NLog):
            // _logger.LogWarning("Impersonation token {Token} issued for {UserId}", issued, userId)
            if (Cs && tok == T.None)
            {
                tok |= TemplateNamedToken(c, argT);
            }

            // structured fields set on the way: logrus log.WithField("k", v).Info(...), WithFields(log.Fields{...}),
            // zap / slog logger.With(...).Info(...)
            for (var r = FieldChainCall(recv); r is not null; r = FieldChainCall(((MemberExpr)r.Callee).Obj))
            {
                foreach (var a in r.Args)
                {
                    var t = Eval(a.Value, s);
                    tok |= LoggedToken(t, a.Value, s);
                    whole |= (t & (T.WholeEvent | T.Headers)) != 0;
                }
            }

            if (tok != T.None)
            {
                Report(CodeRules.TokenLogged, c.NameStart, $"{Path(c.Callee)}(...) writes a {(tok.HasFlag(T.AwsSecret) ? "secret / credential value" : (tok & T.Token) != 0 ? "token or credential" : "value named like a token")} to the log", Conf(tok));
            }

            if (whole)
            {
                Report(CodeRules.EventLogged, c.NameStart, $"{Path(c.Callee)}(...) logs the whole request/event or all its headers (an HTTP request's Authorization and Cookie included)", Confidence.Medium);
            }
        }

        // Powertools for TypeScript: injectLambdaContext(logger, { logEvent: true }) / logger.injectLambdaContext({ logEvent: true })
        if (Js && name == "injectLambdaContext" && c.Args.Any(a => a.Value is ObjectExpr o && o.Get("logEvent") is { } le && IsTrue(le)))
        {
            Report(CodeRules.EventLogged, c.NameStart, "injectLambdaContext({ logEvent: true }) logs every incoming event, including its Authorization and Cookie headers", Confidence.High);
        }

        // ---------------- responses
        CheckResponseCall(c, name, lname, recv, recvPath, argT, s);

        // ---------------- debug mode
        if (name == "UseDeveloperExceptionPage" && !GuardedBy(s, "IsDevelopment"))
        {
            Report(CodeRules.DebugMode, c.NameStart, "UseDeveloperExceptionPage() is enabled outside an IsDevelopment() check", Confidence.High);
        }

        // gin: gin.SetMode(gin.DebugMode) in the service's code; in debug mode gin's Recovery middleware writes the whole
        // request (every header but Authorization: Cookie, X-Api-Key …) to the log with each panic
        if (Go && name == "SetMode" && recvPath == "gin" && c.Args.Count == 1 && Text(c.Args[0].Value) is "gin.DebugMode" or "\"debug\"" && !InDevelopment(s))
        {
            Report(CodeRules.DebugMode, c.NameStart, "gin runs in debug mode (its Recovery middleware logs the request headers, cookies included, with each panic)", Confidence.Medium);
        }

        // Starlette / FastAPI: Starlette(debug=True, …) returns tracebacks to the client
        if (Py && recv is null && name is "Starlette" or "FastAPI" && c.Args.Any(a => a.Name == "debug" && IsTrue(a.Value)) && !InDevelopment(s))
        {
            Report(CodeRules.DebugMode, c.NameStart, $"{name}(debug=True) returns tracebacks to the client on errors", Confidence.High);
        }

        // Tornado: tornado.web.Application(handlers, debug=True) (or serve_traceback=True) serves tracebacks in its error pages
        if (Py && name == "Application" && (recvPath is "web" or "tornado.web" || recv is null && _src.Span.Contains("tornado", StringComparison.Ordinal))
            && c.Args.Any(a => a.Name is "debug" or "serve_traceback" && IsTrue(a.Value)) && !InDevelopment(s))
        {
            Report(CodeRules.DebugMode, c.NameStart, "the Tornado application runs with debug=True (error pages carry the traceback)", Confidence.High);
        }

        // Spring Boot: server.error.include-stacktrace=always set from code (setDefaultProperties(Map.of(…)), System.setProperty,
        // props.put(…)): every error response carries the stack trace
        if (Java && c.Args.Count >= 2 && !InDevelopment(s))
        {
            for (var i = 0; i + 1 < c.Args.Count; i++)
            {
                if (c.Args[i].Value is StrExpr { Value: "server.error.include-stacktrace" or "server.error.includeStacktrace" or "server.error.include_stacktrace" }
                    && c.Args[i + 1].Value is StrExpr { Value: var mode } && mode.Equals("always", StringComparison.OrdinalIgnoreCase))
                {
                    Report(CodeRules.DebugMode, c.NameStart, "server.error.include-stacktrace=always: Spring's error responses carry the stack trace", Confidence.High);
                }
            }
        }

        if (Py && name == "run" && c.Args.Any(a => a.Name == "debug" && IsTrue(a.Value)) && !InDevelopment(s))
        {
            Report(CodeRules.DebugMode, c.NameStart, "the Flask app runs with debug=True (the Werkzeug debugger shows tracebacks and request headers)", Confidence.High);
        }

        if (Py && name == "update" && recvPath.EndsWith("config", StringComparison.Ordinal) && c.Args.Any(a => a.Name == "DEBUG" && IsTrue(a.Value)) && !InDevelopment(s))
        {
            Report(CodeRules.DebugMode, c.NameStart, "DEBUG=True in the Flask config", Confidence.High);
        }

        // Django configured in code (a single-module app, a script): settings.configure(DEBUG=True, …)
        if (Py && name == "configure" && recvPath == "settings" && c.Args.Any(a => a.Name == "DEBUG" && IsTrue(a.Value)) && !InDevelopment(s))
        {
            Report(CodeRules.DebugMode, c.NameStart, "settings.configure(DEBUG=True): Django shows tracebacks, settings and request headers on errors", Confidence.High);
        }

        if (Js && name == "use" && c.Args.Count == 1 && c.Args[0].Value is CallExpr { Callee: NameExpr { Name: "errorhandler" or "errorHandler" } } && !GuardedBy(s, "development"))
        {
            Report(CodeRules.DebugMode, c.NameStart, "the errorhandler middleware (full stack traces in responses) is enabled outside development", Confidence.Medium);
        }

        // ---------------- JWT
        CheckJwtCall(c, name, lname, recv, recvPath, rt, argT, s);

        // ---------------- browser storage / cookies
        CheckStorageCall(c, name, recvPath, argT, s);

        // ---------------- static credentials
        CheckStaticCredentialCall(c, name, recvPath, s, typeName);

        // ---------------- downstream
        CheckDownstreamCall(c, name, lname, recv, recvPath, s, typeName);
    }

    /// <summary>
    /// Under a development check: the condition names a development or local environment (<c>if os.environ.get("FLASK_ENV")
    /// == "development"</c>, <c>if os.Getenv("APP_ENV") == "local"</c>, <c>if (isLocal)</c>), in the branch where it holds.
    /// </summary>
    private bool InDevelopment(Scope s) => GuardedBy(s, "dev") || GuardedBy(s, "local");

    private bool GuardedBy(Scope s, string word)
    {
        for (var sc = s; sc is not null; sc = sc.Parent)
        {
            foreach (var (cond, isElse) in sc.Guards)
            {
                var text = Text(cond);
                var idx = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
                if (idx < 0)
                {
                    continue;
                }

                var negated = cond is UnaryExpr { Op: "!" or "not" } || text.Contains("!==", StringComparison.Ordinal) || text.Contains("!=", StringComparison.Ordinal);
                if (negated == isElse)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool InErrorContext(Scope s)
    {
        if (InThenBranchOf(s, ErrGuard))
        {
            return true;
        }

        for (var sc = s; sc is not null; sc = sc.Parent)
        {
            if (sc.CatchDepth > 0)
            {
                return true;
            }

            if (sc.Fn.Name is { } fname && fname.Contains("error", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // Spring @ExceptionHandler / JAX-RS ExceptionMapper-style handlers: what they return is an error response
            if (sc.Fn.Decorators.Any(d => Text(d).StartsWith("@ExceptionHandler", StringComparison.Ordinal) || Text(d).StartsWith("ExceptionHandler", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckResponseBody(Expr body, T t, int offset, Scope s, bool errorStatus, string what)
    {
        if (Cs && (t & T.ErrorObj) != 0)
        {
            t |= T.ErrorStack;
        }

        var err = errorStatus || InErrorContext(s);
        if ((t & T.ErrorStack) != 0 && !InDebugPage(s))
        {
            Report(CodeRules.ErrorResponse, offset, $"{what} carries a stack trace / full exception", Confidence.High);
        }
        else if ((t & T.ErrorMsg) != 0 && (t & (T.EventData | T.WholeEvent | T.Headers | T.Token | T.NamedToken)) != 0)
        {
            Report(CodeRules.ErrorResponse, offset, $"{what} carries the exception message together with request data", Confidence.Medium);
        }
        else if (err && (t & (T.Token | T.Headers | T.WholeEvent)) != 0 && (t & T.AwsSecret) == 0)
        {
            Report(CodeRules.ErrorResponse, offset, $"{what} echoes the caller's token / request headers in an error response", Confidence.High);
        }
        else if ((t & T.Token) != 0 && (t & T.AwsSecret) == 0 && EchoesCredentialHeader(body, s, 0))
        {
            Report(CodeRules.ErrorResponse, offset, $"{what} echoes the caller's credential header back", Confidence.High);
        }
    }

    /// <summary>
    /// Inside a function named for debugging (Starlette's <c>debug_response</c>, a <c>renderDebugPage</c>): the framework's
    /// debug page, shown only when debug mode is on — the switch is what THC004 reports.
    /// </summary>
    private static bool InDebugPage(Scope s)
    {
        for (var sc = s; sc is not null; sc = sc.Parent)
        {
            if (sc.Fn.Name is { } fname && fname.Contains("debug", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The body reads an incoming credential header or token cookie straight off the request (<c>res.json({ authorization:
    /// req.headers.authorization })</c>, <c>Ok(new { auth = Request.Headers["Authorization"] })</c>): the caller's token
    /// echoed back, whatever the status. A token the handler issued (<c>{ accessToken: jwt.sign(…) }</c>) is not.
    /// </summary>
    private bool EchoesCredentialHeader(Expr e, Scope s, int depth)
    {
        if (depth > 6)
        {
            return false;
        }

        switch (e)
        {
            case CallExpr c when depth == 0 || Serializers.Contains(CallName(c)) || c.Initializer is not null || CallName(c) is "of" or "singletonMap" or "H" or "jsonify":
                return c.Args.Exists(a => EchoesCredentialHeader(a.Value, s, depth + 1)) || c.Initializer is { } init && EchoesCredentialHeader(init, s, depth + 1);
            case CallExpr { Callee: MemberExpr { Obj: var hdrs, Name: "get" or "getHeader" or "header" or "Get" or "GetHeader" } } g when g.Args.Count >= 1 && g.Args[0].Value is StrExpr { Value: var key }:
                return IsCredentialKey(key) && (Eval(hdrs, s) & (T.Headers | T.WholeEvent)) != 0;
            case ObjectExpr o:
                return o.Props.Exists(p => EchoesCredentialHeader(p.Value, s, depth + 1));
            case ArrayExpr a:
                return a.Items.Exists(i => EchoesCredentialHeader(i, s, depth + 1));
            case InterpExpr ie:
                return ie.Parts.Exists(p => EchoesCredentialHeader(p, s, depth + 1));
            case BinaryExpr { Op: "+" or "??" or "||" } b:
                return EchoesCredentialHeader(b.Left, s, depth + 1) || EchoesCredentialHeader(b.Right, s, depth + 1);
            case MemberExpr m when IsCredentialKey(m.Name):
                return (Eval(m.Obj, s) & T.Headers) != 0;
            case IndexExpr { Index: StrExpr k } ix when IsCredentialKey(k.Value):
                return (Eval(ix.Obj, s) & T.Headers) != 0;
            default:
                return false;
        }

        static bool IsCredentialKey(string k) => Names.IsCredentialHeader(k) || Names.IsTokenCookie(k);
    }

    private static readonly HashSet<string> PyResponseFactories = ["jsonify", "make_response", "Response", "JsonResponse", "HttpResponse", "HttpResponseServerError", "HttpResponseBadRequest", "JSONResponse", "PlainTextResponse", "HTMLResponse", "HTTPException", "abort"];
    private static readonly HashSet<string> CsResults = ["StatusCode", "BadRequest", "Problem", "Content", "Ok", "NotFound", "UnprocessableEntity", "Json", "Text", "InternalServerError", "Conflict", "ValidationProblem"];

    [GeneratedRegex(@"status\((4|5)\d\d\)|StatusCode\((4|5)\d\d|withStatusCode\((4|5)\d\d\)|internalServerError|badRequest|InternalServerError|Status(BadRequest|InternalServerError|Unauthorized|Forbidden)|(Http)?Status(Code)?\.(BAD_REQUEST|UNAUTHORIZED|FORBIDDEN|CONFLICT|INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE|UNPROCESSABLE_ENTITY|BadRequest|Unauthorized|Forbidden|Conflict|InternalServerError|ServiceUnavailable)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ErrorStatusText { get; }
    [GeneratedRegex(@"\berr\b\s*!=\s*nil|\berror\b|\bex\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ErrGuard { get; }
    [GeneratedRegex(@"\b(4|5)\d\d\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex JavaStatus { get; }
    [GeneratedRegex(@"\bstatus\s*:\s*[45]\d\d\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FetchErrorStatus();
    [GeneratedRegex(@"(Invoke|StartExecution|SendMessage|Publish|PutEvents|PutRecord)\w*(Request|Entry)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex JavaDownstreamChain { get; }
    [GeneratedRegex(@";\s*secure", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SemicolonSecure { get; }

    private void CheckResponseCall(CallExpr c, string name, string lname, Expr? recv, string recvPath, T[] argT, Scope s)
    {
        if (CheckResponseHelperCall(c, name, recv, argT, s))
        {
            return;
        }

        // gRPC: the status description goes to the client (Java Status.INTERNAL.withDescription(…), Go
        // status.Errorf(codes.Internal, "…", …))
        if (Java && name == "withDescription" && c.Args.Count == 1 && c.Callee is MemberExpr { Obj: MemberExpr { Obj: NameExpr { Name: "Status" } } })
        {
            CheckResponseBody(c.Args[0].Value, argT[0], c.NameStart, s, true, "the gRPC status description");
            return;
        }

        if (Go && recvPath == "status" && name is "Error" or "Errorf" or "New" or "Newf" && c.Args.Count >= 2)
        {
            var described = T.None;
            for (var i = 1; i < argT.Length; i++)
            {
                described |= argT[i];
            }

            CheckResponseBody(c, described, c.NameStart, s, true, "the gRPC status message");
            return;
        }

        var root = recv is null ? "" : Root(recv) ?? "";
        var rootLow = root.ToLowerInvariant();
        var all = T.None;
        foreach (var t in argT)
        {
            all |= t;
        }

        bool StatusErr() => c.Args.Any(a => a.Value is LitExpr { Kind: LitKind.Number } n && int.TryParse(n.Text, out var code) && code >= 400)
            || ErrorStatusText.IsMatch(Text(c.Callee));

        if (Js && recv is not null && lname is "send" or "json" or "end" or "write" or "jsonp" && rootLow is "res" or "response" or "reply" or "resp")
        {
            CheckResponseBody(c, all, c.NameStart, s, StatusErr(), "the HTTP response");
            return;
        }

        // Hono: c.json(body, 500) / c.text(…) / c.html(…) on the request context `c`
        if (Js && recv is NameExpr { Name: "c" } && name is "json" or "text" or "html" or "body" && c.Args.Count >= 1)
        {
            CheckResponseBody(c, all, c.NameStart, s, StatusErr(), "the HTTP response");
            return;
        }

        // Next.js / the Fetch API: NextResponse.json(body, { status: 401 }), Response.json(…), new Response(body, { status })
        if (Js && (recvPath is "NextResponse" or "Response" && name == "json" || c.IsNew && name is "Response" or "NextResponse") && c.Args.Count >= 1)
        {
            CheckResponseBody(c, argT[0], c.NameStart, s, StatusErr() || FetchErrorStatus().IsMatch(Text(c)), "the HTTP response");
            return;
        }

        // Remix / React Router / SvelteKit: a bare json(body, { status: 500 }) imported from the framework is the response
        if (Js && recv is null && !c.IsNew && name == "json" && c.Args.Count >= 1
            && (_src.Span.Contains("@remix-run/", StringComparison.Ordinal) || _src.Span.Contains("react-router", StringComparison.Ordinal)
                || _src.Span.Contains("@sveltejs/kit", StringComparison.Ordinal)))
        {
            CheckResponseBody(c, argT[0], c.NameStart, s, StatusErr() || FetchErrorStatus().IsMatch(Text(c)), "the HTTP response");
            return;
        }

        // NestJS: throw new HttpException(body, status) / new InternalServerErrorException(body) sends the body as the response
        if (Js && c.IsNew && c.Args.Count >= 1 && (name == "HttpException" || name.EndsWith("Exception", StringComparison.Ordinal) && _src.Span.Contains("@nestjs/common", StringComparison.Ordinal))
            && c.Args[0].Value is not StrExpr)
        {
            CheckResponseBody(c, argT[0], c.NameStart, s, true, "the NestJS exception response");
            return;
        }

        // Hapi: h.response(body).code(500)
        if (Js && recv is NameExpr { Name: "h" } && name == "response" && c.Args.Count == 1)
        {
            CheckResponseBody(c, all, c.NameStart, s, StatusErr(), "the HTTP response");
            return;
        }

        // Tornado: self.write(…) / self.finish(…) in a RequestHandler (write_error builds the error page)
        if (Py && recv is NameExpr { Name: "self" } && name is "write" or "finish" && c.Args.Count == 1 && _src.Span.Contains("tornado", StringComparison.Ordinal))
        {
            CheckResponseBody(c, all, c.NameStart, s, StatusErr(), "the Tornado response");
            return;
        }

        if (Py && recv is null && PyResponseFactories.Contains(name))
        {
            CheckResponseBody(c, all, c.NameStart, s, StatusErr(), "the HTTP response");
            return;
        }

        if (Cs && ((recv is null && CsResults.Contains(name)) || (recvPath is "Results" or "TypedResults" && CsResults.Contains(name)) || (name is "WriteAsync" or "WriteAsJsonAsync" && recvPath.EndsWith("Response", StringComparison.Ordinal))
            || (c.IsNew && name is "ObjectResult" or "JsonResult" or "ContentResult" or "BadRequestObjectResult")))
        {
            CheckResponseBody(c, all, c.NameStart, s, StatusErr() || name is not ("Ok" or "Json" or "Text" or "Content" or "WriteAsync" or "WriteAsJsonAsync"), "the HTTP response");
            return;
        }

        if (Java && ((name is "body" or "withBody" or "setBody" or "entity" && c.Args.Count == 1) || (name is "write" or "print" or "println" && recvPath.Contains("getWriter()", StringComparison.Ordinal))))
        {
            CheckResponseBody(c, all, c.NameStart, s, StatusErr() || JavaStatus.IsMatch(Text(c)), "the HTTP response");
            return;
        }

        // Vert.x Web: ctx.response().setStatusCode(502).end(body) / .send(body) is the HTTP response
        if (Java && name is "end" or "send" && c.Args.Count == 1 && recvPath.Contains("response()", StringComparison.Ordinal))
        {
            CheckResponseBody(c, all, c.NameStart, s, StatusErr() || JavaStatus.IsMatch(Text(c)), "the HTTP response");
            return;
        }

        // Spring: new ResponseEntity<>(body, HttpStatus.INTERNAL_SERVER_ERROR) / (body, headers, status)
        if (Java && c.IsNew && name == "ResponseEntity" && c.Args.Count >= 2)
        {
            CheckResponseBody(c, argT[0], c.NameStart, s, StatusErr() || JavaStatus.IsMatch(Text(c)), "the HTTP response");
            return;
        }

        if (Java && name == "printStackTrace" && c.Args.Count == 1 && Text(c.Args[0].Value).Contains("getWriter", StringComparison.Ordinal))
        {
            Report(CodeRules.ErrorResponse, c.NameStart, "printStackTrace writes the stack trace into the HTTP response", Confidence.High);
            return;
        }

        if (Go)
        {
            if (recvPath == "http" && name == "Error" && argT.Length >= 2)
            {
                CheckResponseBody(c, argT[1], c.NameStart, s, true, "http.Error");
            }
            else if (recvPath == "fmt" && name is "Fprintf" or "Fprint" or "Fprintln" && c.Args.Count >= 2 && Path(c.Args[0].Value) is not ("os.Stdout" or "os.Stderr"))
            {
                CheckResponseBody(c, argT.Skip(1).Aggregate(T.None, (a, b) => a | b), c.NameStart, s, false, "the HTTP response");
            }
            else if (name == "Write" && root is "w" or "rw" or "writer" or "resp")
            {
                CheckResponseBody(c, all, c.NameStart, s, false, "the HTTP response");
            }
            else if (name is "JSON" or "String" or "AbortWithStatusJSON" or "IndentedJSON" && root is "c" or "ctx")
            {
                CheckResponseBody(c, all, c.NameStart, s, StatusErr(), "the HTTP response");
            }
            else if (name == "WriteString" && recvPath == "io" && argT.Length >= 2)
            {
                CheckResponseBody(c, argT[1], c.NameStart, s, false, "the HTTP response");
            }
            else if (name == "Encode" && recv is CallExpr { Args.Count: 1 } enc && CallName(enc) == "NewEncoder"
                && (enc.Args[0].Value is NameExpr { Name: "w" or "rw" or "writer" or "resp" or "res" } || Path(enc.Args[0].Value).EndsWith("Writer", StringComparison.Ordinal)))
            {
                // json.NewEncoder(w).Encode(body) writes the body to the http.ResponseWriter
                CheckResponseBody(c, all, c.NameStart, s, false, "the HTTP response");
            }
        }
    }

    private void CheckReturnedResponse(Expr value, T t, Scope s)
    {
        // Flask: return str(e), 500 / return {"error": traceback.format_exc()}, 500
        if (value is ArrayExpr { Items.Count: >= 2 } tuple && Py && tuple.Items[1] is LitExpr { Kind: LitKind.Number } code && int.TryParse(code.Text, out var n) && n >= 400)
        {
            CheckResponseBody(tuple.Items[0], Eval(tuple.Items[0], s), tuple.Items[0].Start, s, true, "the error response");
            return;
        }

        if (Py && s.IsHandler && value is StrExpr or InterpExpr or BinaryExpr or CallExpr { Callee: NameExpr { Name: "str" } } && (t & (T.ErrorStack)) != 0)
        {
            CheckResponseBody(value, t, value.Start, s, true, "the handler's return value");
        }

        // GraphQL: what an error formatter returns is the error the client gets (Apollo formatError(formatted, error),
        // HotChocolate IErrorFilter.OnError(IError error)); what an AppSync direct Lambda resolver returns is the field's
        // result
        var formatter = IsGraphQlErrorFormatter(s.Fn);
        if (formatter || IsAppSyncResolver(s.Fn))
        {
            var returned = ReturnedTaint(value, t, s);
            CheckResponseBody(value, returned, value.Start, s, formatter, formatter ? "the GraphQL error returned to the client" : "the AppSync resolver's result");
        }
    }

    private bool IsGraphQlErrorFormatter(FunctionDef fn) =>
        // (Apollo's formatError(formattedError, error), express-graphql's customFormatErrorFn(error), mercurius'
        // errorFormatter(execution, context); a class method formatError(error) is a logger's formatter, not one of them)
        // (also as a property of the server's options: new ApolloServer({ …, formatError: (formatted, error) => … }))
        (Js && !fn.IsMethod && (fn.Name ?? fn.PropertyKey) is var named && (named == "formatError" && fn.Params.Count == 2 || named is "customFormatErrorFn" or "errorFormatter"))
        || (Cs && fn.Name == "OnError" && fn.Params is [{ Type: "IError" }]);

    private static bool IsAppSyncResolver(FunctionDef fn) =>
        fn.Params.Count > 0 && fn.Params[0].Type is { } pt && pt.Contains("AppSyncResolverEvent", StringComparison.Ordinal);

    /// <summary>
    /// What a returned value carries, without the object it was called on: `error.WithMessage(m).SetExtension("x", v)`
    /// carries m and v (not the error itself), a returned parameter (`return error;`) carries nothing new.
    /// </summary>
    private T ReturnedTaint(Expr value, T t, Scope s)
    {
        if (value is NameExpr n && s.Fn.Params.Exists(p => p.Name == n.Name))
        {
            return T.None;
        }

        if (value is not CallExpr { Callee: MemberExpr })
        {
            return t;
        }

        var carried = T.None;
        for (var (e, depth) = (value, 0); e is CallExpr { Callee: MemberExpr m } call && depth < 32; e = m.Obj, depth++)
        {
            foreach (var a in call.Args)
            {
                carried |= Eval(a.Value, s);
            }
        }

        return carried;
    }

    /// <summary>
    /// The accepted algorithms are read from the token being verified: <c>algorithms=[jwt.get_unverified_header(token)["alg"]]</c>,
    /// also through a variable (<c>alg = header["alg"]</c>). A list of literals or of configuration values is pinned.
    /// </summary>
    private bool AlgorithmFromToken(Expr e, Scope s, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        return Resolve(e, s) switch
        {
            ArrayExpr arr => arr.Items.Any(i => AlgorithmFromToken(i, s, depth + 1)),
            IndexExpr ix => AlgorithmFromToken(ix.Obj, s, depth + 1),
            MemberExpr { Name: "alg" } m => AlgorithmFromToken(m.Obj, s, depth + 1),
            CallExpr { Callee: MemberExpr { Name: "get" } g } gc when gc.Args.Count > 0 && gc.Args[0].Value is StrExpr { Value: "alg" } => AlgorithmFromToken(g.Obj, s, depth + 1),
            CallExpr hc => CallName(hc) == "get_unverified_header",
            _ => false,
        };
    }

    private void CheckJwtCall(CallExpr c, string name, string lname, Expr? recv, string recvPath, T rt, T[] argT, Scope s)
    {
        if (lname is "verify" or "verifyasync" or "jwtverify" or "verify_jwt" or "verifyidtoken" or "verifyaccesstoken" or "parseclaimsjws" or "parsesignedclaims" or "verifytoken" or "verify_token" or "validatetoken" or "validate_token" or "decode_verified"
            || lname.StartsWith("verify", StringComparison.Ordinal) && (lname.Contains("token", StringComparison.Ordinal) || lname.Contains("jwt", StringComparison.Ordinal)))
        {
            s.RecordVerify(); // also a helper of the application named so: verifySchedulerToken(token), verify_partner_jwt(t)
        }

        if (lname is "validatetoken" or "validatetokenasync")
        {
            s.AnyValidateToken = true;
        }

        if (Py && lname == "decode" && recvPath is "jwt" or "pyjwt" or "jose.jwt" or "jwt_lib" or "jose_jwt" or "jose")
        {
            if (c.Args.Any(a => a.Name == "verify" && IsFalse(a.Value)))
            {
                var a = c.Args.First(a => a.Name == "verify");
                Report(CodeRules.JwtUnverified, a.Start, "jwt.decode(..., verify=False) skips signature verification", Confidence.High);
            }
            else if (!c.Args.Any(a => a.Name is "algorithms" or "options") && c.Args.Count(a => a.Name is null) >= 2)
            {
                Report(CodeRules.JwtUnverified, c.NameStart, "jwt.decode() without algorithms=[...] does not pin the signing algorithm", Confidence.Medium);
            }
            else if (c.Args.FirstOrDefault(a => a.Name == "algorithms") is { } algs && AlgorithmFromToken(algs.Value, s, 0))
            {
                Report(CodeRules.JwtUnverified, c.NameStart, "jwt.decode(..., algorithms=[...]) takes the algorithm from the token's own unverified header: not pinned", Confidence.High);
            }
        }

        if (Cs && name is "ReadJwtToken" or "ReadToken" or "ReadJsonWebToken")
        {
            s.ReadTokens.Add(c);
        }

        if (Java && name is "parseUnsecuredClaims" or "parseClaimsJwt" or "parseUnsecuredContent" or "parsePlaintextJwt" or "unsecured")
        {
            Report(CodeRules.JwtUnverified, c.NameStart, $"{name}() accepts unsigned JWTs", Confidence.High);
        }

        if (Java && name == "none" && recvPath == "Algorithm")
        {
            Report(CodeRules.JwtUnverified, c.NameStart, "Algorithm.none() accepts unsigned JWTs", Confidence.High);
        }

        if (Go && name == "ParseUnverified")
        {
            s.GoUnverified.Add(c); // reported at the function's end unless it verifies the signature itself
        }

        // java-jwt: JWT.require(alg)….acceptExpiresAt(Long.MAX_VALUE) / acceptLeeway(Long.MAX_VALUE) accepts expired tokens forever
        if (Java && name is "acceptExpiresAt" or "acceptLeeway" && c.Args.Count == 1 && Text(c.Args[0].Value) is "Long.MAX_VALUE" or "Integer.MAX_VALUE")
        {
            Report(CodeRules.JwtClaims, SettingSite(c), $"{name}({Text(c.Args[0].Value)}) accepts expired tokens forever", Confidence.High);
        }

        // Spring Security: decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()) and Nimbus
        // processor.setJWTClaimsSetVerifier((claims, context) -> { }) drop every claim check
        if (Java && name is "setJwtValidator" or "setJWTClaimsSetVerifier" && c.Args.Count == 1 && c.Args[0].Value is LambdaExpr { Fn: var validator }
            && validator.Body is [] or [ReturnStmt { Value: CallExpr { Callee: MemberExpr { Name: "success" } } }])
        {
            Report(CodeRules.JwtClaims, c.NameStart, $"{name}(...) with a validator that accepts every token: no expiry, issuer or audience check", Confidence.High);
        }

        // golang-jwt: jwt.NewWithClaims(jwt.SigningMethodNone, …) / WithValidMethods([]string{"none"}) issue or accept unsigned tokens
        if (Go && c.Args.Any(a => Text(a.Value) == "jwt.SigningMethodNone" || name == "WithValidMethods" && Text(a.Value).Contains("\"none\"", StringComparison.Ordinal)))
        {
            Report(CodeRules.JwtUnverified, c.NameStart, $"{name}(...) with the none signing method: unsigned JWTs", Confidence.High);
        }

        if (Go && name == "WithoutClaimsValidation")
        {
            Report(CodeRules.JwtClaims, SettingSite(c), "jwt.WithoutClaimsValidation() turns off exp/nbf/iat checks", Confidence.High);
        }

        // manual base64 decode of the payload segment
        var base64Decode = lname is "atob" or "b64decode" or "urlsafe_b64decode" or "frombase64string" or "base64urldecode" or "decodebase64" or "base64decode" or "frombase64url"
            || (lname == "decodestring" && (recvPath.Contains("Encoding", StringComparison.Ordinal) || recvPath.Contains("base64", StringComparison.OrdinalIgnoreCase)))
            || (lname == "decode" && (recvPath.Contains("Decoder", StringComparison.Ordinal) || recvPath.Contains("Base64", StringComparison.OrdinalIgnoreCase)))
            || (lname == "from" && c.Args.Any(a => a.Value is StrExpr { Value: "base64" or "base64url" }));
        if (base64Decode && (argT.Any(t => (t & T.JwtPart) != 0) || (rt & T.JwtPart) != 0))
        {
            s.ManualDecodes.Add(c);
            s.RecordDecode(c);
        }

        // Cognito verifier without audience
        if (Js && name == "create" && recvPath.EndsWith("CognitoJwtVerifier", StringComparison.Ordinal) && c.Args.Count > 0 && Resolve(c.Args[0].Value, s) is ObjectExpr opts)
        {
            var client = opts.GetProp("clientId");
            if (client is not null && IsNull(client.Value))
            {
                Report(CodeRules.JwtClaims, client.KeyStart, "clientId: null — the verifier does not check the token's audience / client", Confidence.High);
            }
            else if (client is null)
            {
                Report(CodeRules.JwtClaims, c.NameStart, "CognitoJwtVerifier without clientId: the token's audience / client is not checked", Confidence.High);
            }
        }
    }

    /// <summary>
    /// A Web Storage key that says token. `session`, `sid` or `auth` alone say so only for a plain value, not for a
    /// serialized object or a number (`setItem('session', JSON.stringify({ expiresAt }))`); a tainted value is
    /// reported whatever its key.
    /// </summary>
    private static bool StorageKeySaysToken(string key, Expr? value) =>
        Names.SaysToken(key) || (Names.IsTokenCookie(key) && (value is not (ObjectExpr or LitExpr or CallExpr { Callee: MemberExpr { Name: "stringify" } }) || PayloadNamesToken(value, 0)));

    /// <summary>A cookie string that deletes the cookie: an empty value, Max-Age=0 or an expiry in 1970.</summary>
    private static bool ClearsCookie(string cookie)
    {
        var low = cookie.ToLowerInvariant();
        var eq = low.IndexOf('=');
        if (eq < 0)
        {
            return false;
        }

        var end = low.IndexOf(';', eq);
        var value = (end < 0 ? low[(eq + 1)..] : low[(eq + 1)..end]).Trim().Trim('"');
        return value.Length == 0 || low.Contains("max-age=0", StringComparison.Ordinal) || low.Contains("1970", StringComparison.Ordinal);
    }

    private void CheckStorageCall(CallExpr c, string name, string recvPath, T[] argT, Scope s)
    {
        if (Js && name == "setItem" && c.Callee is MemberExpr { Obj: NameExpr alias } && recvPath is not ("localStorage" or "sessionStorage") && IsWebStorage(alias, s))
        {
            recvPath = Path(Resolve(alias, s));
        }

        if (Js && name == "setItem" && recvPath.EndsWith("localStorage", StringComparison.Ordinal) || recvPath.EndsWith("sessionStorage", StringComparison.Ordinal) && name == "setItem")
        {
            var keyTok = c.Args.Count > 0 && c.Args[0].Value is StrExpr k && StorageKeySaysToken(k.Value, c.Args.Count > 1 ? c.Args[1].Value : null);
            var valTok = argT.Length > 1 && ((argT[1] & AnyToken) != 0 || PayloadNamesToken(c.Args[1].Value, 0));
            if (keyTok || valTok)
            {
                Report(CodeRules.ClientStorage, c.NameStart, $"a token is stored in {recvPath[(recvPath.LastIndexOf('.') + 1)..]}, readable by any script on the page", keyTok && !valTok ? Confidence.Medium : Confidence.High);
            }

            return;
        }

        if (Js && name == "set" && recvPath is "Cookies" or "Cookie" or "cookies" or "jsCookie" && c.Args.Count >= 2)
        {
            var keyTok = c.Args[0].Value is StrExpr k && Names.IsTokenCookie(k.Value);
            if (keyTok || (argT[1] & AnyToken) != 0)
            {
                Report(CodeRules.ClientStorage, c.NameStart, "a token cookie is set from script (it can never be HttpOnly)", Confidence.High);
            }

            return;
        }

        // server cookies
        Expr? nameArg = null, valueArg = null;
        ObjectExpr? opts = null;
        var kind = "";
        var optsMissing = false;
        // Express res.cookie(name, value, options) and the `cookie` package's serialize(name, value, options) (a
        // Set-Cookie value); ASP.NET Response.Cookies.Append(name, value, options)
        // (Fastify's @fastify/cookie: reply.setCookie(name, value, options))
        var expressCookie = Js && name is "cookie" or "setCookie" && Root(c.Callee) is "res" or "response" or "reply" or "resp";
        var serializedCookie = Js && name == "serialize" && recvPath is "" or "cookie" or "Cookie" or "cookies";
        var aspNetCookie = Cs && name == "Append" && recvPath.EndsWith("Cookies", StringComparison.Ordinal);
        if ((expressCookie || serializedCookie || aspNetCookie) && c.Args.Count >= 2)
        {
            nameArg = c.Args[0].Value;
            valueArg = c.Args[1].Value;
            if (c.Args.Count >= 3)
            {
                opts = AsObject(Resolve(c.Args[2].Value, s));
            }

            optsMissing = c.Args.Count < 3;
            kind = expressCookie ? (name == "setCookie" ? "reply.setCookie" : "res.cookie") : serializedCookie ? "cookie.serialize" : "Response.Cookies.Append";
        }
        else if (Py && name == "set_cookie")
        {
            nameArg = c.Args.FirstOrDefault(a => a.Name == "key")?.Value ?? (c.Args.Count > 0 && c.Args[0].Name is null ? c.Args[0].Value : null);
            valueArg = c.Args.FirstOrDefault(a => a.Name == "value")?.Value ?? (c.Args.Count > 1 && c.Args[1].Name is null ? c.Args[1].Value : null);
            opts = new ObjectExpr([.. c.Args.Where(a => a.Name is not null).Select(a => new Prop(a.Name, a.Value, a.Start))]);
            kind = "set_cookie";
        }
        else if (Go && name == "SetCookie" && c.Args.Count == 7 && c.Callee is MemberExpr && recvPath != "http")
        {
            // gin: c.SetCookie(name, value, maxAge, path, domain, secure, httpOnly) (SameSite only through c.SetSameSite)
            var ginToken = (c.Args[0].Value is StrExpr gn && Names.IsTokenCookie(gn.Value)) || (argT[1] & AnyToken) != 0;
            var ginMissing = new List<string>();
            if (!IsTrue(c.Args[6].Value))
            {
                ginMissing.Add("HttpOnly");
            }

            if (!IsTrue(c.Args[5].Value))
            {
                ginMissing.Add("Secure");
            }

            if (ginToken && ginMissing.Count > 0)
            {
                Report(CodeRules.ClientStorage, c.NameStart, $"gin SetCookie for a token without {string.Join(", ", ginMissing)}", Confidence.High);
            }

            return;
        }
        else if (Js && name == "set" && c.Args.Count >= 2 && c.Callee is MemberExpr { Obj: var cookieJar } && (recvPath.EndsWith(".cookies", StringComparison.Ordinal) && Root(cookieJar) is not ("ctx" or "context") || cookieJar is CallExpr { Callee: NameExpr { Name: "cookies" } }))
        {
            // Next.js: response.cookies.set(name, value, options) / cookies().set(…) (Koa's ctx.cookies.set defaults to httpOnly)
            nameArg = c.Args[0].Value;
            valueArg = c.Args[1].Value;
            opts = c.Args.Count >= 3 ? AsObject(Resolve(c.Args[2].Value, s)) : null;
            optsMissing = c.Args.Count < 3;
            kind = "cookies.set";
        }
        else if (Js && c.Callee is NameExpr && !c.IsNew && name is "createCookieSessionStorage" or "createCookie" && c.Args.Count >= 1)
        {
            CheckRemixCookie(c, name, s);
            return;
        }
        else if (Go && c.Initializer is not null && CallName(c) == "Cookie")
        {
            nameArg = c.Initializer.Get("Name");
            valueArg = c.Initializer.Get("Value");
            opts = c.Initializer;
            kind = "http.Cookie";
        }
        else if (Java && name == "from" && recvPath == "ResponseCookie" && c.Args.Count >= 2)
        {
            // Spring: checked on the chain in CheckChainCookie
            return;
        }
        else if (Java && name == "build")
        {
            CheckSpringCookie(c, s);
            return;
        }
        else if (Java && name == "addCookie" && c.Args.Count == 1 && c.Args[0].Value is CallExpr { IsNew: true } inline && CallName(inline) == "Cookie" && inline.Args.Count >= 2)
        {
            // response.addCookie(new Cookie("session_token", token)): created and sent at once, so never HttpOnly or Secure
            var inlineToken = (inline.Args[0].Value is StrExpr cn && Names.IsTokenCookie(cn.Value)) || (Eval(inline.Args[1].Value, s) & AnyToken) != 0;
            if (inlineToken)
            {
                Report(CodeRules.ClientStorage, c.NameStart, "token cookie created and added without setHttpOnly(true) setSecure(true)", Confidence.High);
            }

            return;
        }
        else if (Java && c.IsNew && name == "NewCookie" && c.Args.Count == 2)
        {
            // JAX-RS: new NewCookie("driver_session", token) — the two-argument constructor sets neither HttpOnly nor
            // Secure, and the cookie cannot be changed afterwards (NewCookie.Builder(…).httpOnly(true)… is another call)
            nameArg = c.Args[0].Value;
            valueArg = c.Args[1].Value;
            optsMissing = true;
            kind = "new NewCookie(name, value)";
        }
        else if (Cs && c.Args.Count == 1 && c.Args[0].Value is CallExpr { IsNew: true, Args.Count: >= 2 } webCookie && CallName(webCookie) == "HttpCookie"
            && (name is "Add" or "Set" && recvPath.EndsWith("Cookies", StringComparison.Ordinal) || name is "SetCookie" or "AppendCookie"))
        {
            // System.Web: Response.Cookies.Add(new HttpCookie("auth", token) { Expires = … }) — created and sent at once;
            // HttpOnly and Secure are false unless the initializer sets them
            nameArg = webCookie.Args[0].Value;
            valueArg = webCookie.Args[1].Value;
            opts = webCookie.Initializer;
            optsMissing = webCookie.Initializer is null;
            kind = "HttpCookie";
        }
        else if (Java && c.Callee is MemberExpr { Obj: NameExpr v } && s.JavaCookies.TryGetValue(v.Name, out var jc))
        {
            if (name is "setHttpOnly" or "httpOnly" && c.Args.Count == 1 && IsTrue(c.Args[0].Value))
            {
                s.JavaCookies[v.Name] = jc with { HttpOnly = true };
            }
            else if (name is "setSecure" or "secure" && c.Args.Count == 1 && IsTrue(c.Args[0].Value))
            {
                s.JavaCookies[v.Name] = jc with { Secure = true };
            }

            return;
        }
        else if (name is "setHeader" or "set" or "Set" or "Add" or "Append" or "append" or "header" or "add_header" && c.Args.Count >= 2 && c.Args[0].Value is StrExpr h && h.Value.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
        {
            CheckSetCookieString(c.Args[1].Value, c.NameStart, s);
            return;
        }
        else
        {
            return;
        }

        if (nameArg is null)
        {
            return;
        }

        var tokenCookie = !IsCsrfCookie(nameArg) && ((nameArg is StrExpr ns && Names.IsTokenCookie(ns.Value)) || (valueArg is not null && (Eval(valueArg, s) & AnyToken) != 0)
            || (valueArg is not null && CookieValueNamesToken(valueArg, s)));
        if (!tokenCookie)
        {
            return;
        }

        var missing = new List<string>();
        if (optsMissing || opts is null)
        {
            if (!optsMissing && opts is null)
            {
                return; // options we cannot see
            }

            missing.AddRange(["HttpOnly", "Secure", "SameSite"]);
        }
        else
        {
            var ho = opts.Get("httpOnly");
            var sec = opts.Get("secure");
            var ss = opts.Get("sameSite");
            if (ho is null || IsFalse(ho))
            {
                missing.Add("HttpOnly");
            }

            if (sec is null || IsFalse(sec))
            {
                missing.Add("Secure");
            }

            if (ss is null || IsFalse(ss) || IsNull(ss))
            {
                missing.Add("SameSite");
            }
        }

        if (missing.Count > 0)
        {
            Report(CodeRules.ClientStorage, c.NameStart, $"{kind} sets a token cookie without {string.Join(", ", missing)}", Confidence.High);
        }
    }

    /// <summary>
    /// Remix / React Router cookies: <c>createCookieSessionStorage({ cookie: { name: '__session', httpOnly: false } })</c>
    /// holds the session (whatever its name), <c>createCookie('__refresh', { … })</c> a token when its name says so. Their
    /// sameSite defaults to lax; httpOnly and secure are off unless set.
    /// </summary>
    private void CheckRemixCookie(CallExpr c, string name, Scope s)
    {
        var storage = name == "createCookieSessionStorage";
        if (!storage && !(_src.Span.Contains("@remix-run/", StringComparison.Ordinal) || _src.Span.Contains("react-router", StringComparison.Ordinal)))
        {
            return;
        }

        ObjectExpr? opts;
        if (storage)
        {
            opts = AsObject(Resolve(c.Args[0].Value, s)) is { } so && so.Get("cookie") is { } ce ? AsObject(Resolve(ce, s)) : null;
            if (opts?.Get("name") is { } cn && IsCsrfCookie(cn))
            {
                return;
            }
        }
        else
        {
            if (c.Args.Count < 2 || c.Args[0].Value is not StrExpr cookieName || !Names.IsTokenCookie(cookieName.Value))
            {
                return;
            }

            opts = AsObject(Resolve(c.Args[1].Value, s));
        }

        if (opts is null)
        {
            return; // options we cannot see
        }

        var missing = new List<string>();
        if (opts.Get("httpOnly") is not { } ho || IsFalse(ho))
        {
            missing.Add("HttpOnly");
        }

        if (opts.Get("secure") is not { } sec || IsFalse(sec))
        {
            missing.Add("Secure");
        }

        if (missing.Count > 0)
        {
            Report(CodeRules.ClientStorage, c.NameStart, $"{name} sets a {(storage ? "session" : "token")} cookie without {string.Join(", ", missing)}", Confidence.High);
        }
    }

    /// <summary>
    /// A cookie whose value is named for a token (<c>issued.accessToken()</c>, <c>tokens.IdToken</c>) holds one, whatever
    /// the cookie is called; CSRF cookies (XSRF-TOKEN) are meant to be read by script and do not count.
    /// </summary>
    private bool CookieValueNamesToken(Expr value, Scope s) => NamesTokenDirectly(value, s, 0) && !Names.IsCsrf(Text(value));

    /// <summary>A CSRF cookie by its literal name (XSRF-TOKEN, csrf_token): meant to be read by script.</summary>
    private static bool IsCsrfCookie(Expr name) => name is StrExpr n && Names.IsCsrf(n.Value);

    /// <summary>A Micronaut cookie chain <c>Cookie.of(name, value).path(…).httpOnly(true)…</c>: its Cookie.of call and flags.</summary>
    private static (CallExpr Of, bool HttpOnly, bool Secure)? MicronautCookie(Expr e)
    {
        var chain = ChainCalls(e);
        var of = chain.Find(x => CallName(x) == "of" && x.Callee is MemberExpr { Obj: NameExpr { Name: "Cookie" } } && x.Args.Count >= 2);
        return of is null ? null : (of, ChainSets(chain, "httpOnly"), ChainSets(chain, "secure"));
    }

    /// <summary>The calls of a builder chain, outermost first (at most 30): b.from(…).path(…).build() → build, path, from.</summary>
    private static List<CallExpr> ChainCalls(Expr e)
    {
        var chain = new List<CallExpr>();
        while (e is CallExpr cc && chain.Count < 30)
        {
            chain.Add(cc);
            e = cc.Callee is MemberExpr m ? m.Obj : cc.Callee;
        }

        return chain;
    }

    /// <summary>The chain calls <paramref name="flag"/>(true): .httpOnly(true), .secure(true).</summary>
    private static bool ChainSets(List<CallExpr> chain, string flag) =>
        chain.Exists(x => CallName(x) == flag && x.Args.Count == 1 && IsTrue(x.Args[0].Value));

    private void CheckSpringCookie(CallExpr build, Scope s)
    {
        var chain = ChainCalls(build);
        var from = chain.FirstOrDefault(x => CallName(x) == "from" && x.Callee is MemberExpr { Obj: NameExpr { Name: "ResponseCookie" } });
        if (from is null || from.Args.Count < 2)
        {
            return;
        }

        var tokenCookie = (from.Args[0].Value is StrExpr n && Names.IsTokenCookie(n.Value)) || (Eval(from.Args[1].Value, s) & AnyToken) != 0;
        if (!tokenCookie)
        {
            return;
        }

        var httpOnly = ChainSets(chain, "httpOnly");
        var secure = ChainSets(chain, "secure");
        var sameSite = chain.Any(x => CallName(x) == "sameSite");
        if (!httpOnly || !secure || !sameSite)
        {
            Report(CodeRules.ClientStorage, from.NameStart, "ResponseCookie for a token without httpOnly(true), secure(true) and sameSite(...)", Confidence.High);
        }
    }

    [GeneratedRegex(@"^\s*([A-Za-z0-9_.\-]+)\s*=", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CookieHead { get; }

    /// <summary>
    /// The items of a list built in place: C# <c>new List&lt;string&gt; { a, b }</c> / <c>new[] { a, b }</c>, Java
    /// <c>List.of(a, b)</c> / <c>Arrays.asList(a, b)</c>; null for anything else.
    /// </summary>
    private List<Expr>? CollectionItems(Expr value)
    {
        if (Cs && value is CallExpr { IsNew: true, Args.Count: 0, Initializer: { Props.Count: > 0 } init }
            && init.Props.TrueForAll(p => p.Key is null || p.Value is NameExpr n && n.Name == p.Key))
        {
            return init.Props.ConvertAll(p => p.Value);
        }

        if (Java && value is CallExpr { IsNew: false, Callee: MemberExpr { Obj: NameExpr { Name: "List" or "Arrays" or "Set" }, Name: "of" or "asList" } } jl)
        {
            return jl.Args.ConvertAll(a => a.Value);
        }

        return null;
    }

    private void CheckSetCookieString(Expr value, int offset, Scope s, int depth = 0)
    {
        var items = value is ArrayExpr arr ? arr.Items : CollectionItems(value) ?? [value];
        foreach (var item in items)
        {
            if (item is CallExpr sc && CallName(sc) == "serialize" || Resolve(item, s) is CallExpr rc && CallName(rc) == "serialize")
            {
                continue; // the cookie package's serialize(name, value, options) is checked as a call, options included (also when kept in a variable first)
            }

            var resolved = Resolve(item, s);
            if (item is not ArrayExpr && resolved is ArrayExpr kept)
            {
                // an array of cookies kept in a variable (`const cookies = []; cookies.push(serialize(…))`): its items are
                // checked where they are written (what was pushed later is not visible here). Once: the array may hold
                // the variable itself (`cookies = [...cookies, c]`).
                if (depth == 0)
                {
                    CheckSetCookieString(kept, offset, s, depth + 1);
                }

                continue;
            }

            // a cookie string kept in a variable is read from its definition (const idCookie = `id_token=${t}; Secure`)
            var lit = LiteralText(item is NameExpr ? resolved : item);
            if (ClearsCookie(lit))
            {
                continue; // deleting a cookie (empty value, Max-Age=0, an expiry in 1970) stores nothing
            }

            var m = CookieHead.Match(lit);
            var tokenCookie = (m.Success && Names.IsTokenCookie(m.Groups[1].Value)) || (Eval(item, s) & (T.Token | T.AwsSecret)) != 0;
            if (!tokenCookie)
            {
                continue;
            }

            var low = lit.ToLowerInvariant();
            var missing = new List<string>();
            if (!low.Contains("httponly", StringComparison.Ordinal))
            {
                missing.Add("HttpOnly");
            }

            if (!SemicolonSecure.IsMatch(low))
            {
                missing.Add("Secure");
            }

            if (!low.Contains("samesite", StringComparison.Ordinal))
            {
                missing.Add("SameSite");
            }

            if (missing.Count > 0)
            {
                // a cookie string built in a variable is reported where it is built (const idCookie = `id_token=${t}; …`)
                var at = item is NameExpr && !ReferenceEquals(resolved, item) ? resolved.Start : item.Start;
                Report(CodeRules.ClientStorage, at, $"Set-Cookie for a token without {string.Join(", ", missing)}", Confidence.High);
            }
        }

        _ = offset;
    }

    // ------------------------------------------------------------------ static credentials

    private static readonly HashSet<string> PositionalCredentialTypes = ["BasicAWSCredentials", "SessionAWSCredentials", "BasicSessionCredentials", "ImmutableCredentials", "Credentials", "StaticCredentialsProvider"];

    private (bool Literal, bool Env) Classify(Expr e, Scope s)
    {
        var r = Resolve(e, s);
        if (r is StrExpr str)
        {
            return (LooksLikeKey(str.Value), false);
        }

        if (r is CallExpr { Callee: MemberExpr { Name: "String" } } ac && ac.Args.Count == 1 && ac.Args[0].Value is StrExpr s2)
        {
            return (LooksLikeKey(s2.Value), false); // aws.String("...")
        }

        var t = Eval(r, s);
        // a read with a default is still the read: config.get<string>("LEDGER_SECRET_ACCESS_KEY") ?? "" (Nest's ConfigService)
        return (false, (t & T.EnvValue) != 0 || (t & (T.AwsSecret | T.Token | T.WholeEvent | T.EventData | T.Headers)) == 0 && IsConfigKeyRead(GuardedCall(r) ?? r, s));
    }

    /// <summary>
    /// An access key read from the application's configuration by its name: <c>Configuration["Aws:SecretAccessKey"]</c>,
    /// <c>section["AccessKeyId"]</c> of <c>Configuration.GetSection("LegacyAws")</c>, <c>props.getProperty("partner.aws.accessKeyId")</c>,
    /// <c>config.get("aws", "secret_access_key")</c>: static keys kept in a settings file.
    /// </summary>
    private bool IsConfigKeyRead(Expr e, Scope s)
    {
        var (obj, key) = e switch
        {
            IndexExpr { Index: StrExpr k } ix => (ix.Obj, k.Value),
            CallExpr { Callee: MemberExpr { Name: "getProperty" or "GetValue" or "getString" or "GetString" or "get" or "Get" or "getOrThrow" } m } c
                => (m.Obj, c.Args.Take(2).Select(a => a.Value).OfType<StrExpr>().Select(k => k.Value).LastOrDefault(AwsKeySetting)),
            // a bound options / settings object (.NET IOptions<T>.Value, pydantic / Django settings): _options.SecretAccessKey
            MemberExpr m when !Js => (m.Obj, m.Name),
            _ => (null, null),
        };
        if (obj is null || key is null || !AwsKeySetting(key) || (Eval(obj, s) & (T.AwsSecret | T.Token | T.WholeEvent | T.EventData | T.Headers)) != 0)
        {
            return false;
        }

        // a member is read from the object as it is named (_options, settings, monitor.CurrentValue, options.Value), not
        // from the arguments of the call that made it (roleCreds = requestCred(ctx, p.options.Client, name))
        var resolved = Resolve(obj, s);
        var source = (e is MemberExpr && resolved is not (NameExpr or MemberExpr) ? Text(obj) : Text(resolved)).ToLowerInvariant();
        return source.Contains("config", StringComparison.Ordinal) || source.Contains("setting", StringComparison.Ordinal) || source.Contains("prop", StringComparison.Ordinal)
            || source.Contains("cfg", StringComparison.Ordinal) || source.Contains("conf", StringComparison.Ordinal) || source.Contains("section", StringComparison.Ordinal)
            || source.Contains("viper", StringComparison.Ordinal) || source.Contains("options", StringComparison.Ordinal) || source.EndsWith(".currentvalue", StringComparison.Ordinal)
            || source == "env" || source.EndsWith("environment", StringComparison.Ordinal); // Spring's env.getProperty("aws.secretKey")

        // the last segment of the setting's path names an AWS access key id or secret access key, or its last words do
        // as one name (Kafka Connect / Java properties: "aws.access.key.id"; a prefixed environment-style name read through
        // Nest's ConfigService: "FLAGS_AWS_SECRET_ACCESS_KEY")
        static bool AwsKeySetting(string k)
        {
            var words = Names.Words(k[(k.LastIndexOfAny([':', '/']) + 1)..]);
            for (var n = 1; n <= Math.Min(5, words.Count); n++)
            {
                if (string.Concat(words.Skip(words.Count - n))
                    is "accesskeyid" or "awsaccesskeyid" or "accesskey" or "awsaccesskey" or "secretaccesskey" or "awssecretaccesskey" or "secretkey" or "awssecretkey" or "awssecretaccesskeyid")
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// A literal that can be a real key: an access key id or a secret access key in the shapes the secrets engine
    /// accepts (THS001 / THS002), without placeholder words. "access-key-id", "shared_config_akid" or "DoNotUseThisKey"
    /// in SDK tests are labels, not keys.
    /// </summary>
    private static bool LooksLikeKey(string v) =>
        !IsPlaceholder(v)
        && ((v.Length == 20 && AwsAccessKeyIdDetector.IsKeyIdAt(v, 0)) || AwsSecretAccessKeyDetector.IsSecretKey(v));

    private static bool IsPlaceholder(string v)
    {
        var l = v.ToLowerInvariant();
        return v.Length < 12 || l.Contains("example") || l.Contains("dummy") || l.Contains("placeholder") || l.Contains("changeme") || l.Contains("your") || l.Contains("localstack")
            || l.StartsWith('<') || l.StartsWith("${", StringComparison.Ordinal) || l.StartsWith("{{", StringComparison.Ordinal) || l.Contains("xxxx") || l.Contains("fakemykeyid") || l.Contains("fakesecret") || l.Contains("test") && l.Length < 20;
    }

    private void ReportStatic(int offset, bool literal, string what, bool stored = false)
    {
        Report(CodeRules.StaticCredentials, offset, literal ? $"{what} with hard-coded access keys"
            : stored ? $"{what} with long-lived access keys read from a secret (an IAM user's keys, no session token: shadows the execution role)"
            : $"{what} with keys copied from environment variables or configuration (shadows the execution role)",
            literal ? Confidence.High : Confidence.Medium, literal ? Severity.Critical : Severity.Medium);
    }

    /// <summary>
    /// Access keys read from a secret or a decrypted parameter (Secrets Manager, SSM SecureString) and handed to a client
    /// without a session token: an IAM user's long-lived keys kept in a secret, which shadow the execution role like keys
    /// copied from the environment. STS credentials come with their session token and are not reported. Judged on the
    /// secret access key (the key id is an identifier, and a credentials object is not a key).
    /// </summary>
    private bool StoredKeys(Expr secretKey, bool sessionToken, Scope s) =>
        !sessionToken && (Eval(secretKey, s) & T.AwsSecret) != 0;

    private void CheckStaticCredentialCall(CallExpr c, string name, string recvPath, Scope s, string? typeName)
    {
        // boto3 / botocore kwargs
        var kwKey = c.Args.FirstOrDefault(a => a.Name is "aws_access_key_id" or "aws_secret_access_key");
        if (Py && kwKey is not null)
        {
            var lit = false;
            var env = false;
            foreach (var a in c.Args.Where(a => a.Name is "aws_access_key_id" or "aws_secret_access_key"))
            {
                var (l, e) = Classify(a.Value, s);
                lit |= l;
                env |= e;
            }

            var stored = !lit && !env && c.Args.Find(a => a.Name is "aws_secret_access_key") is { } secretArg
                && StoredKeys(secretArg.Value, c.Args.Exists(a => a.Name == "aws_session_token"), s);
            if (lit || env || stored)
            {
                ReportStatic(kwKey.Start, lit, $"{Path(c.Callee)}(...)", stored);
            }

            return;
        }

        // positional constructors / factories
        var positional = (c.IsNew && typeName is not null && (PositionalCredentialTypes.Contains(typeName) || (Cs && typeName.StartsWith("Amazon", StringComparison.Ordinal) && typeName.EndsWith("Client", StringComparison.Ordinal))))
            || (name is "create" && recvPath is "AwsBasicCredentials" or "AwsSessionCredentials")
            || (name is "NewStaticCredentialsProvider" or "NewStaticCredentials" && recvPath == "credentials");
        if (positional && c.Args.Count >= 2)
        {
            var (l1, e1) = Classify(c.Args[0].Value, s);
            var (l2, e2) = Classify(c.Args[1].Value, s);
            if (c.Args[0].Value is ObjectExpr)
            {
                return; // new AWS.Credentials({...}) is checked as an object
            }

            var stored = !(l1 || l2 || e1 || e2)
                && StoredKeys(c.Args[1].Value, c.Args.Count >= 3 && (Eval(c.Args[2].Value, s) & (T.AwsSecret | T.Token)) != 0, s);
            if (l1 || l2 || ((e1 || e2) && !(Cs && typeName!.EndsWith("Client", StringComparison.Ordinal) && !(e1 && e2))) || stored)
            {
                var at = CredentialSite(c);
                ReportStatic(at, l1 || l2, at == c.NameStart ? $"{typeName ?? name}(...)" : $"{typeName ?? name}(...) in the builder chain (line {_lineOf(c.NameStart)})", stored);
            }

            return;
        }

        // writes into the process environment
        if (c.Args.Count >= 2 && c.Args[0].Value is StrExpr k && IsAwsKeyEnvName(k.Value)
            && (name is "Setenv" or "SetEnvironmentVariable" or "putenv" or "setdefault" or "setProperty" || (name == "set" && recvPath.Contains("env", StringComparison.OrdinalIgnoreCase))))
        {
            var (l, _) = Classify(c.Args[1].Value, s);
            Report(CodeRules.StaticCredentials, c.NameStart, $"the code puts {k.Value} into the process environment", Confidence.High, l ? Severity.Critical : Severity.High);
        }

        if (Py && name == "update" && recvPath == "os.environ" && c.Args.Count == 1 && c.Args[0].Value is ObjectExpr eo && eo.Props.Any(p => p.Key is not null && IsAwsKeyEnvName(p.Key)))
        {
            Report(CodeRules.StaticCredentials, c.NameStart, "the code puts AWS access keys into the process environment", Confidence.High, Severity.High);
        }

        // Object.assign(process.env, { AWS_ACCESS_KEY_ID: cfg.keyId, AWS_SECRET_ACCESS_KEY: cfg.secret })
        if (Js && name == "assign" && recvPath == "Object" && c.Args.Count >= 2 && Path(c.Args[0].Value) == "process.env"
            && c.Args.Skip(1).Select(a => a.Value).OfType<ObjectExpr>().SelectMany(o => o.Props).FirstOrDefault(p => p.Key is not null && IsAwsKeyEnvName(p.Key)) is { } envProp)
        {
            var (lit, _) = Classify(envProp.Value, s);
            Report(CodeRules.StaticCredentials, c.NameStart, $"the code puts {envProp.Key} into the process environment (Object.assign)", Confidence.High, lit ? Severity.Critical : Severity.High);
        }

        // os.environ.update(AWS_ACCESS_KEY_ID="AKIA…", AWS_SECRET_ACCESS_KEY=…)
        if (Py && name == "update" && recvPath == "os.environ" && c.Args.FirstOrDefault(a => a.Name is { } kw && IsAwsKeyEnvName(kw)) is { } kwArg)
        {
            var (lit, _) = Classify(kwArg.Value, s);
            Report(CodeRules.StaticCredentials, c.NameStart, "the code puts AWS access keys into the process environment", Confidence.High, lit ? Severity.Critical : Severity.High);
        }
    }

    private static bool IsAwsKeyEnvName(string k) => k is "AWS_ACCESS_KEY_ID" or "AWS_SECRET_ACCESS_KEY" or "AWS_SESSION_TOKEN" or "aws.accessKeyId" or "aws.secretAccessKey" or "aws.secretKey" or "aws.sessionToken";

    // ------------------------------------------------------------------ downstream

    private void CheckDownstreamCall(CallExpr c, string name, string lname, Expr? recv, string recvPath, Scope s, string? typeName)
    {
        if (typeName is not null && DownstreamType.IsMatch(typeName) && c.Initializer is not null)
        {
            CheckDownstreamObject(c.Initializer, s, typeName);
        }

        if (typeName is not null && DownstreamType.IsMatch(typeName) && c.Args.Count > 0 && Resolve(c.Args[0].Value, s) is ObjectExpr o1)
        {
            CheckDownstreamObject(o1, s, typeName);
        }

        if (!c.IsNew && DownstreamMethods.Contains(name) && !(recvPath is "jwt" or "Promise" or "Reflect" or "method" or "m"))
        {
            foreach (var a in c.Args)
            {
                if (a.Name is not null && DownstreamKeys.Contains(Names.Norm(a.Name)))
                {
                    CheckDownstreamValue(a.Value, a.Start, s, name);
                }
                else if (a.Name is not null && Names.Norm(a.Name) == "entries" && a.Value is ArrayExpr ents)
                {
                    foreach (var en in ents.Items.OfType<ObjectExpr>())
                    {
                        CheckDownstreamObject(en, s, name);
                    }
                }
                else if (a.Name is null && Resolve(a.Value, s) is ObjectExpr o2)
                {
                    CheckDownstreamObject(o2, s, name);
                }
            }
        }

        // the positional forms of the AWS SDK for .NET and for Java v1: new SendMessageRequest(queueUrl, body),
        // new PublishRequest(topicArn, message[, subject]), sqs.SendMessageAsync(queueUrl, body), sns.publish(topicArn, message)
        if ((Cs || Java) && c.Args.Count is 2 or 3 && c.Args[1].Name is null
            && ((c.IsNew && typeName is "SendMessageRequest" or "PublishRequest")
                || (!c.IsNew && Names.Norm(name) is "sendmessage" or "sendmessageasync" or "publish" or "publishasync" && SqsOrSnsClient(recvPath))))
        {
            CheckDownstreamValue(c.Args[1].Value, c.Args[1].Start, s, typeName ?? name);
        }

        // Java builders: InvokeRequest.builder().payload(...) / new SendMessageRequest().withMessageBody(...)
        if (Java && c.Args.Count == 1 && Names.Norm(name) is "payload" or "withpayload" or "messagebody" or "withmessagebody" or "input" or "withinput" or "message" or "withmessage" or "detail" or "withdetail")
        {
            var chain = Text(c.Callee);
            if (JavaDownstreamChain.IsMatch(chain))
            {
                // reported where the request's chain starts (the sink call's line: `sqs.sendMessage(SendMessageRequest.builder()`
                // … `.messageBody(body)`), like a property of a multi-line call
                CheckDownstreamValue(c.Args[0].Value, ChainStart(c), s, name);
            }
        }

        // requests.get(url, params={"access_token": t}) / axios.get(url, { params: { token } })
        if (lname is "get" or "post" or "put" or "delete" or "patch" or "request" or "head" && recvPath is "requests" or "axios" or "httpx" or "session" or "client" or "http" or "got" or "superagent")
        {
            foreach (var a in c.Args)
            {
                var po = a.Name == "params" ? Resolve(a.Value, s) as ObjectExpr : a.Name is null && Resolve(a.Value, s) is ObjectExpr cfg ? cfg.Get("params") as ObjectExpr : null;
                if (po is null)
                {
                    continue;
                }

                foreach (var p in po.Props)
                {
                    if (p.Key is not null && Names.SaysToken(p.Key) && p.Value is not StrExpr && (Eval(p.Value, s) & (AnyToken)) != 0)
                    {
                        Report(CodeRules.Downstream, p.KeyStart, $"the token is sent as the query parameter '{p.Key}' of an outgoing URL", Confidence.High);
                    }
                }
            }
        }

        if (Js && name is "set" or "append" && recvPath.EndsWith("searchParams", StringComparison.Ordinal) && c.Args.Count == 2 && c.Args[0].Value is StrExpr qk && Names.SaysToken(qk.Value) && (Eval(c.Args[1].Value, s) & AnyToken) != 0)
        {
            Report(CodeRules.Downstream, c.NameStart, $"the token is put into the URL query parameter '{qk.Value}'", Confidence.High);
        }

        // Spring UriComponentsBuilder / JAX-RS UriBuilder / WebTarget .queryParam("access_token", token), ASP.NET
        // QueryHelpers.AddQueryString(url, "access_token", token)
        var qpKey = (Java || Cs) && name is "queryParam" or "AddQueryString" && c.Args.Count >= 2
            ? c.Args[name == "AddQueryString" && c.Args.Count >= 3 ? 1 : 0] : null;
        if (qpKey?.Value is StrExpr qpk && Names.SaysToken(qpk.Value) && (Eval(c.Args[c.Args.IndexOf(qpKey) + 1].Value, s) & AnyToken) != 0)
        {
            Report(CodeRules.Downstream, c.NameStart, $"the token is put into the URL query parameter '{qpk.Value}'", Confidence.High);
        }
    }

    /// <summary>A projection lambda that uses the values of what it maps (`h.Value`, `v` of `([k, v])`), not only the names.</summary>
    private bool ProjectsValues(FunctionDef proj)
    {
        if (proj.End <= proj.Start || proj.End > _src.Length || proj.Params.Count == 0)
        {
            return false;
        }

        var body = _src.Span[proj.Start..proj.End];
        return body.Contains(".Value", StringComparison.Ordinal) || body.Contains(".value", StringComparison.Ordinal)
            || proj.Params.Count >= 2;
    }

    private static readonly HashSet<string> AuthorizeWords = ["allow", "allows", "allowed", "authorize", "authorizes", "authorized", "authorise", "authorised", "permit", "permits", "permitted", "entitled"];

    /// <summary>
    /// A function named for an access decision: allows, isAllowed, authorize, permits, hasPermission, hasRole, hasScope;
    /// or the setter of an access flag (a React state setter setIsAdmin(…), setCanDeploy(…), setHasAccess(…)), whose
    /// argument decides what the user may do.
    /// </summary>
    private static bool AuthorizesByName(string name)
    {
        var w = Names.Words(name);
        return w.Exists(AuthorizeWords.Contains) || w.Count >= 2 && w[0] is "has" or "can" && w[1] is "permission" or "role" or "roles" or "scope" or "scopes" or "group" or "access"
            || w.Count >= 3 && w[0] == "set" && (w[1] == "can" || w[1] is "is" or "has" && w.Skip(2).Any(AccessFlagWords.Contains));
    }

    /// <summary>Words of a flag that grants access: isAdmin, isSuperuser, hasAccess, hasRole, isStaff.</summary>
    private static readonly HashSet<string> AccessFlagWords = ["admin", "admins", "superuser", "superadmin", "staff", "privileged", "moderator", "access", "role", "roles", "permission", "permissions", "scope", "scopes", "group", "groups"];

    /// <summary>Where a builder chain starts: the receiver at its root (`SendMessageRequest` in `SendMessageRequest.builder().messageBody(b)`).</summary>
    private static int ChainStart(CallExpr c)
    {
        Expr e = c;
        for (var depth = 0; depth < 64; depth++)
        {
            if (e is CallExpr { Callee: MemberExpr m })
            {
                e = m.Obj;
            }
            else if (e is MemberExpr mm)
            {
                e = mm.Obj;
            }
            else
            {
                break;
            }
        }

        return e.Start;
    }

    /// <summary>A receiver named like an SQS or SNS client (`_sqs`, `sqsClient`, `this.sns`, `amazonSNS`).</summary>
    /// <summary>Calls that return a stack trace (lower-cased): traceback.format_exc(), ExceptionUtils.getStackTrace(e), debug.Stack() …</summary>
    private static readonly HashSet<string> StackTraceCalls = ["format_exc", "format_exception", "format_tb", "format_stack", "extract_tb", "getstacktrace", "getstacktraceasstring", "stack", "printstacktrace"];

    private static bool SqsOrSnsClient(string recvPath) =>
        recvPath.Contains("sqs", StringComparison.OrdinalIgnoreCase) || recvPath.Contains("sns", StringComparison.OrdinalIgnoreCase);

    private void CheckDownstreamObject(ObjectExpr o, Scope s, string what, int at = -1)
    {
        foreach (var p in o.Props)
        {
            if (p.Key is null)
            {
                continue;
            }

            var k = Names.Norm(p.Key);
            if (DownstreamKeys.Contains(k))
            {
                CheckDownstreamValue(p.Value, at >= 0 ? at : p.KeyStart, s, what);
            }
            else if (k is "entries" or "records" && p.Value is ArrayExpr ents)
            {
                // EventBridge Entries, Kinesis PutRecords / Firehose PutRecordBatch Records
                foreach (var en in ents.Items)
                {
                    if (AsObject(Resolve(en, s)) is { } eo)
                    {
                        CheckDownstreamObject(eo, s, what);
                    }
                }
            }
            else if (k is "entries" or "records" && MappedObject(p.Value) is { } mapped)
            {
                // Kinesis PutRecords / Firehose PutRecordBatch: Records: records.map((r) => ({ Data: … })), reported at the
                // key (the projection is a function of its own: its line is not the call's)
                CheckDownstreamObject(mapped, s, what, at >= 0 ? at : p.KeyStart);
            }
            else if (k == "entries" && p.Value is CallExpr { Initializer: { } slice })
            {
                // Go: Entries: []types.PutEventsRequestEntry{{Detail: …}}
                foreach (var item in slice.Props)
                {
                    if (AsObject(item.Value) is { } eo)
                    {
                        CheckDownstreamObject(eo, s, what);
                    }
                }
            }
        }
    }

    /// <summary>The object literal a <c>.map(…)</c> projection returns: <c>items.map((r) => ({ Data: … }))</c>.</summary>
    private static ObjectExpr? MappedObject(Expr v) =>
        v is CallExpr { Callee: MemberExpr { Name: "map" }, Args: [{ Value: LambdaExpr { Fn.Body: [.., ReturnStmt { Value: { } ret }] } }] }
            ? AsObject(Unwrap(ret))
            : null;

    private void CheckDownstreamValue(Expr v, int offset, Scope s, string what)
    {
        var t = Eval(v, s);
        if ((t & AnyToken) != 0)
        {
            var kind = (t & T.AwsSecret) != 0 ? "a secret / AWS credentials" : (t & T.Token) != 0 ? "the caller's token or a credential" : "a value named like a token";
            Report(CodeRules.Downstream, offset, $"{kind} is put into the payload of {what}; it will be kept in the receiver's logs and history", Conf(t));
        }
        else if (PayloadNamesToken(v, 0, e => Resolve(e, s)))
        {
            Report(CodeRules.Downstream, offset, $"a value under a token's name ({{ credentials: … }}) is put into the payload of {what}; it will be kept in the receiver's logs and history", Confidence.Medium);
        }
    }

    /// <summary>
    /// A payload object (also inside JSON.stringify / json.dumps) with a property named like a token or credentials
    /// whose value is not a literal: `{ ...body, credentials: creds }`.
    /// </summary>
    /// With <paramref name="resolve"/>, a payload built in a local variable first is read from its definition
    /// (<c>const provisioning = { …, apiKey: created.value }; … MessageBody: JSON.stringify(provisioning)</c>, Go's
    /// <c>enriched, _ := json.Marshal(map[string]string{…, "analyticsApiKey": key})</c>).
    private static bool PayloadNamesToken(Expr v, int depth, Func<Expr, Expr>? resolve = null)
    {
        if (depth > 4)
        {
            return false;
        }

        if (resolve is not null && v is NameExpr)
        {
            v = resolve(v);
        }

        switch (v)
        {
            case CallExpr c when CallName(c) is "stringify" or "dumps" or "Serialize" or "SerializeObject" or "writeValueAsString" or "Marshal" or "toJson" or "from":
                return c.Args.Any(a => PayloadNamesToken(a.Value, depth + 1, resolve));
            case CallExpr { Initializer: { } init } when resolve is not null:
                return PayloadNamesToken(init, depth + 1, resolve); // Go map / struct literal
            case InterpExpr ie:
                // a JSON line: `${JSON.stringify({ …, apiKey: r.apiKey })}\n`
                foreach (var part in ie.Parts)
                {
                    if (part is not StrExpr && PayloadNamesToken(part, depth + 1, resolve))
                    {
                        return true;
                    }
                }

                return false;
            case ObjectExpr o:
                foreach (var p in o.Props)
                {
                    if (p.Key is null)
                    {
                        continue;
                    }

                    if (Names.SaysToken(p.Key) && p.Value is not (StrExpr or LitExpr))
                    {
                        return true;
                    }

                    if (PayloadNamesToken(p.Value, depth + 1, resolve))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    [GeneratedRegex(@"[?&](access_?token|id_?token|refresh_?token|token|api_?key|apikey|auth|auth_?token|jwt|session_?token|client_?secret|password|key)=$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex QueryTokenTail { get; }

    private void CheckUrlQuery(List<Expr> parts, int offset, Scope s)
    {
        if (_inLink > 0)
        {
            return; // a link mailed to a person (magicLink = `${appUrl}/auth/magic?token=${token}`): the token is the link's purpose
        }

        if (parts.Count > 0 && parts[0] is StrExpr { Value: var head } && head.StartsWith("grant_type=", StringComparison.Ordinal))
        {
            return; // an OAuth token request's form body (grant_type=refresh_token&refresh_token=…) is POSTed, not a URL
        }

        for (var i = 0; i + 1 < parts.Count; i++)
        {
            if (parts[i] is StrExpr lit && QueryTokenTail.IsMatch(lit.Value) && parts[i + 1] is not StrExpr)
            {
                var t = Eval(parts[i + 1], s);
                if ((t & T.Clean) != 0 && (t & AnyToken) == 0)
                {
                    continue;
                }

                var name = QueryTokenTail.Match(lit.Value).Groups[1].Value;
                if (name.Equals("key", StringComparison.OrdinalIgnoreCase) && (t & (T.Token | T.AwsSecret | T.EnvValue)) == 0)
                {
                    continue; // ?key=${apiKey}: Google/Firebase browser API keys are public identifiers sent this way by design
                }

                if ((t & AnyToken) != 0 || Names.SaysToken(name) || name.Equals("key", StringComparison.OrdinalIgnoreCase) && (t & T.EnvValue) != 0)
                {
                    Report(CodeRules.Downstream, offset, $"a token is put into the URL query string ('{name}='); URLs are kept in access logs and browser history", (t & AnyToken) != 0 ? Conf(t) : Confidence.Medium);
                    return;
                }
            }
        }
    }
}
