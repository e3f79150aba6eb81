using TokenHound.Core;

namespace TokenHound.Code;

/// <summary>
/// Response helpers: functions of the same file that build a handler response from their parameters
/// (<c>const respond = (statusCode, body) => ({ statusCode, body: JSON.stringify(body) })</c>,
/// <c>respond(int status, String body)</c> returning <c>new APIGatewayProxyResponseEvent().withStatusCode(status).withBody(body)</c>).
/// A call to one is checked like the response it returns: <c>return respond(401, { token })</c> echoes the token.
/// </summary>
public sealed partial class Engine
{
    /// <summary>Which parameter is the body, which the status (-1: none; then <see cref="FixedStatus"/>, 0 if unknown).</summary>
    private readonly record struct ResponseHelper(int BodyParam, int StatusParam, int FixedStatus, int CookiesParam = -1);

    private Dictionary<string, ResponseHelper>? _responseHelpers;

    private void FindResponseHelpers(List<Stmt> stmts, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        foreach (var st in stmts)
        {
            switch (st)
            {
                case FuncStmt { Fn: var fn }:
                    AddHelper(fn.Name, fn);
                    FindResponseHelpers(fn.Body, depth + 1);
                    break;
                case AssignStmt { Target: NameExpr n, Value: LambdaExpr lam }:
                    AddHelper(n.Name, lam.Fn);
                    break;
                case BlockStmt b:
                    FindResponseHelpers(b.Header, depth + 1);
                    FindResponseHelpers(b.Body, depth + 1);
                    break;
                case IfStmt i:
                    FindResponseHelpers(i.Then, depth + 1);
                    FindResponseHelpers(i.Else, depth + 1);
                    break;
            }
        }
    }

    /// <summary>Log helpers: functions of the file that write (some of) their parameters to a log; the parameter indexes.</summary>
    private Dictionary<string, List<int>>? _logHelpers;

    private void AddHelper(string? name, FunctionDef fn)
    {
        if (name is null || fn.Params.Count == 0)
        {
            return;
        }

        _scratch.Clear();
        Statements(fn.Body, 0, 4, _scratch);
        AddLogHelper(name, fn, _scratch);
        AddTraceHelper(name, fn, _scratch);
        AddSerializerHelper(name, fn, _scratch);
        AddStreamResponseHelper(name, fn, _scratch);
        foreach (var st in _scratch)
        {
            if (st is not ReturnStmt { Value: { } value })
            {
                continue;
            }


            var returned = value is ArrayExpr { Items.Count: > 0 } tuple && Go ? tuple.Items[0] : value;
            var (status, body) = ResponseParts(returned);
            Expr? cookies = null;
            if (body is null && returned is NameExpr built)
            {
                (status, body, cookies) = SetterParts(built.Name, _scratch);
            }

            if (body is null || ParamIndex(body, fn, 0) is not (>= 0 and var bodyParam))
            {
                continue;
            }

            var statusParam = status is null ? -1 : ParamIndex(status, fn, 0);
            var fixedStatus = status is LitExpr { Kind: LitKind.Number } lit && int.TryParse(lit.Text, out var code) ? code : 0;
            var cookiesParam = cookies is NameExpr ? ParamIndex(cookies, fn, 0) : -1;
            (_responseHelpers ??= new Dictionary<string, ResponseHelper>(StringComparer.Ordinal))[name] = new ResponseHelper(bodyParam, statusParam, fixedStatus, cookiesParam);
            return;
        }
    }

    /// <summary>
    /// Java, in the file of a Lambda <c>RequestStreamHandler</c>: a helper that writes one of its parameters to the
    /// <c>OutputStream</c> it is given (<c>void write(OutputStream output, ObjectNode response) { output.write(MAPPER.writeValueAsBytes(response)); }</c>)
    /// writes the proxy response; a call to it is checked like that response.
    /// </summary>
    private void AddStreamResponseHelper(string name, FunctionDef fn, List<Stmt> statements)
    {
        if (!Java || fn.Params.FindIndex(p => p.Type is "OutputStream") is not (>= 0 and var outParam)
            || !_src.Span.Contains("RequestStreamHandler", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var st in statements)
        {
            if (st is ExprStmt { E: CallExpr { Callee: MemberExpr { Name: "write", Obj: NameExpr stream }, Args: [var written] } } && stream.Name == fn.Params[outParam].Name
                && ParamIndex(written.Value, fn, 0) is >= 0 and var bodyParam && bodyParam != outParam)
            {
                (_responseHelpers ??= new Dictionary<string, ResponseHelper>(StringComparer.Ordinal))[name] = new ResponseHelper(bodyParam, -1, 0);
                return;
            }
        }
    }

    /// <summary>Serializer helpers: functions of the file that return their parameter serialized; the parameter index.</summary>
    private Dictionary<string, int>? _serializerHelpers;

    /// <summary>
    /// A function that returns one of its parameters serialized (<c>func mustJSON(v interface{}) string { b, err :=
    /// json.Marshal(v); …; return string(b) }</c>, <c>const toBody = (o) =&gt; JSON.stringify(o)</c>): a call to it
    /// carries what its argument carries, wherever it is defined in the file.
    /// </summary>
    private void AddSerializerHelper(string name, FunctionDef fn, List<Stmt> statements)
    {
        foreach (var st in statements)
        {
            if (st is not ReturnStmt { Value: { } value })
            {
                continue;
            }

            var v = Go && value is ArrayExpr { Items.Count: > 0 } tuple ? tuple.Items[0] : value;
            // string(b) / str(b) / b.toString() of a local assigned from a serializer call
            if (v is CallExpr { Args.Count: 1, Callee: NameExpr { Name: "string" or "str" or "String" } } conv && conv.Args[0].Value is NameExpr local)
            {
                v = statements.Select(x => x is AssignStmt { Target: var t, Value: var val } && (t is NameExpr tn && tn.Name == local.Name || t is ArrayExpr { Items: [NameExpr first, ..] } && first.Name == local.Name) ? val : null)
                    .FirstOrDefault(x => x is not null) ?? v;
            }

            if (v is CallExpr { Args.Count: >= 1 } ser && Serializers.Contains(CallName(ser)) && ParamIndex(ser.Args[0].Value, fn, 1) is >= 0 and var i)
            {
                (_serializerHelpers ??= new Dictionary<string, int>(StringComparer.Ordinal))[name] = i;
                return;
            }
        }
    }

    /// <summary>Stack-trace helpers: functions of the file that return the stack trace of their parameter.</summary>
    private HashSet<string>? _traceHelpers;

    /// <summary>
    /// A function that returns a stack trace (<c>static String stackTraceOf(Throwable t) { StringWriter sw = …;
    /// t.printStackTrace(new PrintWriter(sw)); return sw.toString(); }</c>, <c>def trace(): return "".join(traceback.format_exception(…))</c>,
    /// <c>ExceptionUtils.getStackTrace(e)</c>): a call to it is a stack trace wherever it is defined in the file.
    /// </summary>
    private void AddTraceHelper(string name, FunctionDef fn, List<Stmt> statements)
    {
        foreach (var st in statements)
        {
            if (st is ReturnStmt { Value: { } value } && IsStackTraceValue(value, fn, statements, 0))
            {
                (_traceHelpers ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                return;
            }
        }
    }

    private static bool IsStackTraceValue(Expr v, FunctionDef fn, List<Stmt> statements, int depth)
    {
        if (depth > 3)
        {
            return false;
        }

        switch (v)
        {
            case CallExpr c:
                var n = CallName(c);
                var recv = c.Callee is MemberExpr m ? m.Obj : null;
                var lower = n.ToLowerInvariant();
                if (StackTraceCalls.Contains(lower))
                {
                    return lower switch
                    {
                        "getstacktrace" => recv is NameExpr { Name: "ExceptionUtils" }, // Throwable.getStackTrace() is an array of frames
                        "stack" => recv is NameExpr { Name: "debug" },
                        "printstacktrace" => false, // prints; returns nothing
                        _ => true,
                    };
                }

                // "".join(traceback.format_exception(…)), str(…), string(debug.Stack())
                if (n is "join" or "str" or "string" or "String" && c.Args.Count == 1)
                {
                    return IsStackTraceValue(c.Args[0].Value, fn, statements, depth + 1);
                }

                // sw.toString() of a writer the function printed a stack trace into
                if (n is "toString" or "ToString" && c.Args.Count == 0 && recv is NameExpr writer)
                {
                    return statements.Exists(x => x is ExprStmt { E: CallExpr { Callee: MemberExpr { Name: "printStackTrace" }, Args: [{ Value: CallExpr { IsNew: true, Args: [{ Value: NameExpr into }, ..] } }] } } && into.Name == writer.Name);
                }

                return false;
            case MemberExpr { Name: "stack" or "StackTrace", Obj: NameExpr p }:
                return fn.Params.Exists(q => q.Name == p.Name); // return err.stack
            default:
                return false;
        }
    }

    /// <summary>A reused list for <see cref="Statements"/> (helpers are looked for in every function of a file, once each).</summary>
    private readonly List<Stmt> _scratch = [];

    /// <summary>The statements of a body, also those inside blocks (try, loops) and if branches, up to a nesting depth.</summary>
    private static void Statements(List<Stmt> body, int depth, int maxDepth, List<Stmt> into)
    {
        if (depth > maxDepth)
        {
            return;
        }

        foreach (var st in body)
        {
            into.Add(st);
            switch (st)
            {
                case BlockStmt blk:
                    Statements(blk.Body, depth + 1, maxDepth, into);
                    break;
                case IfStmt i:
                    Statements(i.Then, depth + 1, maxDepth, into);
                    Statements(i.Else, depth + 1, maxDepth, into);
                    break;
            }
        }
    }

    /// <summary>The status and body of a response expression: an object literal / initializer, or a builder chain.</summary>
    private static (Expr? Status, Expr? Body) ResponseParts(Expr v)
    {
        if (v is ObjectExpr o && o.Get("body") is { } ob && o.Get("statusCode") is var os)
        {
            return os is null ? (null, null) : (os, ob);
        }

        if (v is CallExpr { Initializer: { } init } && init.Get("body") is { } ib && init.Get("statusCode") is { } ist)
        {
            return (ist, ib); // new APIGatewayProxyResponse { StatusCode = …, Body = … }, Go composite literals
        }

        Expr? status = null, body = null;
        for (var depth = 0; v is CallExpr c && c.Callee is MemberExpr m && depth < 16; depth++)
        {
            if (c.Args.Count == 1 && m.Name is "withStatusCode" or "statusCode" or "setStatusCode" or "status" or "withStatus")
            {
                status ??= c.Args[0].Value;
            }
            else if (c.Args.Count == 1 && m.Name is "withBody" or "body" or "setBody" or "entity")
            {
                body ??= c.Args[0].Value;
            }

            v = m.Obj;
        }

        return body is null ? (null, null) : (status, body);
    }

    /// <summary>
    /// The status, body and cookies of a response object filled by setters before it is returned (Java
    /// <c>resp.setStatusCode(status); resp.setBody(body); resp.setCookies(cookies); return resp;</c>, C#
    /// <c>resp.StatusCode = status; resp.Body = body;</c>).
    /// </summary>
    private static (Expr? Status, Expr? Body, Expr? Cookies) SetterParts(string name, List<Stmt> statements)
    {
        Expr? status = null, body = null, cookies = null;
        foreach (var st in statements)
        {
            var (member, arg) = st switch
            {
                ExprStmt { E: CallExpr { Callee: MemberExpr { Obj: NameExpr o, Name: var m }, Args: [{ } a] } } when o.Name == name => (m, a.Value),
                AssignStmt { Target: MemberExpr { Obj: NameExpr o, Name: var m }, Value: var v, Op: "=" } when o.Name == name => (m, v),
                _ => ("", null),
            };
            switch (Names.Norm(member))
            {
                case "setstatuscode" or "statuscode" or "setstatus" or "status":
                    status ??= arg;
                    break;
                case "setbody" or "body":
                    body ??= arg;
                    break;
                case "setcookies" or "cookies":
                    cookies ??= arg;
                    break;
            }
        }

        return (status, body, cookies);
    }

    /// <summary>Calls that turn their first argument into text as a whole: JSON.stringify(p), json.dumps(p), String(p).</summary>
    private static readonly HashSet<string> Serializers = new(StringComparer.Ordinal)
    {
        "stringify", "dumps", "Serialize", "SerializeObject", "writeValueAsString", "writeValueAsBytes", "toJson", "String", "str", "Marshal",
    };

    /// <summary>The parameter a value is (or is serialized from: JSON.stringify(p), json.dumps(p), String(p)); -1 if none.</summary>
    private static int ParamIndex(Expr e, FunctionDef fn, int depth)
    {
        if (depth > 2)
        {
            return -1;
        }

        if (e is NameExpr n)
        {
            return fn.Params.FindIndex(p => p.Name == n.Name);
        }

        if (e is CallExpr { Args.Count: >= 1 } c && Serializers.Contains(CallName(c)))
        {
            return ParamIndex(c.Args[0].Value, fn, depth + 1);
        }

        return -1;
    }

    /// <summary>
    /// A function whose body logs one of its parameters (<c>const logEvent = (msg, meta) =&gt;
    /// console.info(JSON.stringify({ msg, ...meta }))</c>, <c>def audit(event, **fields): logger.info(..., fields)</c>):
    /// a call to it is a log call for the arguments in those positions. A parameter named for a token is left out: the
    /// helper's own log call is reported (<c>trace(label, apiToken)</c>), once, not at each call.
    /// </summary>
    private void AddLogHelper(string name, FunctionDef fn, List<Stmt> statements)
    {
        List<int>? logged = null;
        foreach (var stmt in statements)
        {
            // calls made as statements (`await` unwrapped), or returned (the body of an arrow function without braces:
            // `const log = (level, msg, extra) => console[level](JSON.stringify({ msg, ...extra }))`)
            var st = stmt switch
            {
                ExprStmt { E: CallExpr c } => c,
                ExprStmt { E: UnaryExpr { Operand: CallExpr ac } } => ac,
                ReturnStmt { Value: CallExpr rc } => rc,
                ReturnStmt { Value: UnaryExpr { Operand: CallExpr rac } } => rac,
                _ => null,
            };
            if (st is null)
            {
                continue;
            }

            var callName = CallName(st);
            var callee = st.Callee is MemberExpr m ? m.Obj : null;
            if (ConsoleByLevel(st) is { } console)
            {
                (callName, callee) = ("log", console);
            }

            // cheap test first (a name set lookup), the receiver's path only for calls named like a log method
            if (!(LogMethods.Contains(callName) || callName is "print" or "println" or "Send") || !IsLogCall(st, callName, callee, callee is null ? "" : Path(callee)))
            {
                continue;
            }

            foreach (var a in st.Args)
            {
                ParamsIn(a.Value, fn, 0, ref logged);
            }
        }

        // a parameter named for a token is reported inside the helper already (trace(label, apiToken)): not again at its calls
        logged?.RemoveAll(i => Names.SaysToken(fn.Params[i].Name));
        if (logged is { Count: > 0 })
        {
            (_logHelpers ??= new Dictionary<string, List<int>>(StringComparer.Ordinal))[name] = logged;
        }
    }

    /// <summary>The parameters a logged expression carries: the name itself, serialized, spread or in a template.</summary>
    private static void ParamsIn(Expr e, FunctionDef fn, int depth, ref List<int>? found)
    {
        if (depth > 4)
        {
            return;
        }

        switch (e)
        {
            case NameExpr n:
                // a destructured parameter is a property of an argument, not an argument: ({ profile, tokens }) is left out
                var i = fn.Params.FindIndex(p => p.Name == n.Name && p.Type != "{destructured}");
                if (i >= 0 && !(found ??= []).Contains(i))
                {
                    found.Add(i);
                }

                break;
            case ObjectExpr o:
                foreach (var p in o.Props)
                {
                    ParamsIn(p.Value, fn, depth + 1, ref found);
                }

                break;
            case InterpExpr ie:
                foreach (var p in ie.Parts)
                {
                    ParamsIn(p, fn, depth + 1, ref found);
                }

                break;
            case BinaryExpr { Op: "+" } b:
                ParamsIn(b.Left, fn, depth + 1, ref found);
                ParamsIn(b.Right, fn, depth + 1, ref found);
                break;
            case UnaryExpr u:
                ParamsIn(u.Operand, fn, depth + 1, ref found); // ...meta, **fields
                break;
            case CallExpr { Args.Count: >= 1 } c when Serializers.Contains(CallName(c)) || CallName(c) is "format" or "Sprintf":
                foreach (var a in c.Args)
                {
                    ParamsIn(a.Value, fn, depth + 1, ref found);
                }

                break;
        }
    }

    /// <summary>A call to a log helper of this file: its logged arguments are checked like a log call's.</summary>
    private void CheckLogHelperCall(CallExpr c, string name, Expr? recv, T[] argT, Scope s)
    {
        if (_logHelpers is null || !_logHelpers.TryGetValue(name, out var logged) || recv is not (null or NameExpr { Name: "this" or "self" }))
        {
            return;
        }

        foreach (var i in logged)
        {
            if (i >= c.Args.Count || c.Args[i].Name is not null)
            {
                continue;
            }

            var t = argT[i];
            if ((t & T.Clean) != 0 && (t & ~(T.Clean | T.Literal)) == 0)
            {
                continue;
            }

            // known only by a name: the argument itself must name it (a variable derived from an expression that names a
            // secret, value = encode({ secret, token }), is an encoded or sealed value, not the secret)
            if ((t & (T.Token | T.AwsSecret)) != 0 || (t & T.NamedToken) != 0 && NamesTokenShallow(c.Args[i].Value, 0))
            {
                Report(CodeRules.TokenLogged, c.NameStart, $"{name}(...) logs a token or credential passed to it", (t & (T.Token | T.AwsSecret)) != 0 ? Confidence.High : Confidence.Medium);
            }
            else if ((t & (T.WholeEvent | T.Headers)) != 0 && !PrintsSanitizedRepr(c.Args[i].Value, s))
            {
                Report(CodeRules.EventLogged, c.NameStart, $"{name}(...) logs the whole request/event or all its headers passed to it", Confidence.High);
            }
        }
    }

    /// <summary>The expression names a token itself (a name, member, key or a template / object / concatenation of them).</summary>
    private static bool NamesTokenShallow(Expr e, int depth) => depth < 6 && e switch
    {
        NameExpr n => Names.SaysToken(n.Name),
        MemberExpr m when IsEnumConstant(m) => false, // CacheOutcome.NO_CACHED_ACCESS_TOKEN
        MemberExpr m => Names.SaysToken(m.Name),
        IndexExpr { Index: StrExpr k } => Names.SaysToken(k.Value),
        InterpExpr ie => ie.Parts.Exists(p => NamesTokenShallow(p, depth + 1)),
        ObjectExpr o => o.Props.Exists(p => p.Key is not null && Names.SaysToken(p.Key) || NamesTokenShallow(p.Value, depth + 1)),
        BinaryExpr { Op: "+" } b => NamesTokenShallow(b.Left, depth + 1) || NamesTokenShallow(b.Right, depth + 1),
        _ => false,
    };

    /// <summary>A call to a response helper of this file: checked like the response it builds.</summary>
    private bool CheckResponseHelperCall(CallExpr c, string name, Expr? recv, T[] argT, Scope s)
    {
        if (_responseHelpers is null || !_responseHelpers.TryGetValue(name, out var h) || h.BodyParam >= c.Args.Count
            || recv is not (null or NameExpr { Name: "this" or "self" or "cls" }))
        {
            return false;
        }

        var err = h.FixedStatus >= 400;
        if (h.StatusParam >= 0 && h.StatusParam < c.Args.Count)
        {
            var status = c.Args[h.StatusParam].Value;
            err |= status is LitExpr { Kind: LitKind.Number } n && int.TryParse(n.Text, out var code) && code >= 400
                || (Text(status).Contains("Status", StringComparison.Ordinal) && StatusName.IsMatch(Text(status)));
        }

        CheckResponseBody(c.Args[h.BodyParam].Value, argT[h.BodyParam], c.NameStart, s, err, $"the HTTP response built by {name}()");
        if (h.CookiesParam >= 0 && h.CookiesParam < c.Args.Count)
        {
            CheckSetCookieString(c.Args[h.CookiesParam].Value, c.NameStart, s); // respond(200, body, List.of(sessionCookie))
        }

        return true;
    }
}
