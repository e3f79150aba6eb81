using System.Text.RegularExpressions;
using TokenHound.Core;

namespace TokenHound.Code;

/// <summary>What a value carries, as far as the rules care.</summary>
[Flags]
public enum T
{
    None = 0,
    Token = 1,          // traced: header token, secret value, STS/Cognito result, credential env var
    NamedToken = 2,     // only its name says token
    WholeEvent = 4,     // the whole incoming event / request
    Headers = 8,        // all request headers
    EventData = 16,     // other request data (body, path, query, requestContext)
    ErrorObj = 32,      // an exception / error object
    ErrorStack = 64,    // a stack trace
    ErrorMsg = 128,     // an exception message
    AwsSecret = 256,    // result of GetSecretValue / GetParameter(decrypt) / AssumeRole / InitiateAuth
    EnvValue = 512,     // read from an environment variable
    Literal = 1024,     // a string literal
    JwtSplit = 2048,    // token.split('.')
    JwtPart = 4096,     // token.split('.')[1]
    SecretCmd = 8192,   // new GetSecretValueCommand(...) etc. (becomes AwsSecret when sent)
    Clean = 16384,      // actively cleaned (redacted, length, comparison)
}

/// <summary>One finding before it becomes a <see cref="Finding"/>.</summary>
public sealed record Hit(RuleInfo Rule, int Offset, string Message, Confidence Confidence, Severity Severity);

/// <summary>
/// The taint engine and rule set over the shared model. One instance per file. Flow is tracked within a function
/// (closures see the enclosing function's variables), in statement order.
/// </summary>
public sealed partial class Engine
{
    private readonly CodeModel _m;
    private readonly ReadOnlyMemory<char> _src;
    private readonly string _path;
    private readonly Dictionary<(string, int), Hit> _hits = [];
    private static int s_runs;
    private readonly int _stamp = Interlocked.Increment(ref s_runs);
    private readonly Func<int, int> _lineOf;
    private int _budget;

    /// <summary>Go: struct fields the file fills with a traced secret or token (composite literals of its types, field assignments).</summary>
    private Dictionary<string, T>? _goFields;

    /// <summary>Go: fields read from an unknown receiver before anything was known about them.</summary>
    private HashSet<string>? _goFieldMisses;

    /// <summary>Records a Go struct field filled with a traced secret or token (see <see cref="_goFields"/>).</summary>
    private void LearnGoField(string field, T t)
    {
        if (Go && (t & (T.Token | T.AwsSecret)) is var traced and not T.None)
        {
            _goFields ??= new Dictionary<string, T>(StringComparer.Ordinal);
            _goFields[field] = _goFields.GetValueOrDefault(field) | traced;
        }
    }

    /// <summary>What the promise of a <c>.then(callback)</c> being evaluated resolves to: its callback's first parameter.</summary>
    private T _promised;

    /// <summary>The expression of the return statement being evaluated (credential providers return key objects).</summary>
    private Expr? _returned;

    private const T AnyToken = T.Token | T.NamedToken | T.AwsSecret;

    private Engine(CodeModel m, ReadOnlyMemory<char> src, string path, Func<int, int> lineOf)
    {
        _m = m;
        _src = src;
        _path = path;
        _lineOf = lineOf;
        _budget = 2_000_000;
        _mayDecode = src.Span.IndexOfAny(DecodeWords) >= 0;
    }

    /// <summary>
    /// Words of a file that may decode a JWT: decode / unverified calls, and hand-decoded payloads without a "decode" word
    /// (atob(…), Buffer.from(p, 'base64'), Convert.FromBase64String(…)). One vectorized search.
    /// </summary>
    private static readonly System.Buffers.SearchValues<string> DecodeWords =
        System.Buffers.SearchValues.Create(["ecode", "unverified", "atob(", "'base64", "\"base64", "FromBase64"], StringComparison.Ordinal);

    /// <summary>
    /// The file is a lexer / tokenizer / parser / compiler (or uses one): there a bare `token` is a syntax token, not a
    /// credential.
    /// </summary>
    private bool SyntaxFile => _syntaxFileCache ??= LooksLikeSyntaxCode(_path, _src.Span);

    private bool? _syntaxFileCache;

    private static readonly System.Buffers.SearchValues<string> SyntaxPathWords = System.Buffers.SearchValues.Create(
    [
        "lexer", "tokeniz", "tokenis", "scanner", "parser", "grammar", "pgen", "compiler", "syntax", "shlex", "highlight", "markdown", "marked",
    ], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<string> SyntaxCodeWords = System.Buffers.SearchValues.Create(
    [
        "Lexer", "lexer", "Tokenizer", "tokenizer", "Tokeniser", "tokeniser", "Scanner(", "scanner.", "import tokenize", "import token\n",
        "from token import", "from tokenize import", "TokenKind", "SyntaxKind", "tok_name", "nextToken(", "next_token(", "peekToken", "peek_token",
        "consumeToken", "lookahead", "Parser {", "Parser{", "Parser extends", "Parser(object)", "class Parser",
    ], StringComparison.Ordinal);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool LooksLikeSyntaxCode(string path, ReadOnlySpan<char> src) =>
        System.IO.Path.GetFileName(path.AsSpan()).IndexOfAny(SyntaxPathWords) >= 0 || src.IndexOfAny(SyntaxCodeWords) >= 0;

    private static readonly HashSet<string> BareTokenWords =
    [
        "token", "tok", "tokens", "next", "cur", "current", "prev", "previous", "last", "first", "raw", "new", "this", "lookahead", "peek", "start",
        "end", "open", "close", "closing", "opening", "inner", "outer", "parent", "child", "sub", "tmp", "temp", "text", "str", "value", "string",
        "word", "char", "op", "operator", "keyword", "ident", "identifier", "punct", "literal", "expr", "node", "code", "read", "get", "scan", "lex",
        "consume", "the", "a", "my", "t", "tt", "in", "out", "src", "source", "line", "html", "block", "inline",
    ];

    /// <summary>A name that says token for the name heuristics (weak evidence): in lexer/parser code a bare `token` does not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool NameSaysToken(string? name)
    {
        if (!Names.SaysToken(name))
        {
            return false;
        }

        if (!SyntaxFile)
        {
            return true;
        }

        var words = Names.Words(name!);
        var bare = true;
        foreach (var w in words)
        {
            if (!BareTokenWords.Contains(w) && !w.All(char.IsDigit))
            {
                bare = false;
                break;
            }
        }

        return !bare;
    }

    private bool Py => _m.Lang == Lang.Python;
    private bool Js => _m.Lang is Lang.JavaScript or Lang.TypeScript;
    private bool Cs => _m.Lang == Lang.CSharp;
    private bool Java => _m.Lang == Lang.Java;
    private bool Go => _m.Lang == Lang.Go;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Hit> Run(CodeModel model, string src, string path, Func<int, int> lineOf) => Run(model, src.AsMemory(), path, lineOf);

    /// <summary>Walks the model; <paramref name="src"/> is only read during the call (the hits do not refer to it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Hit> Run(CodeModel model, ReadOnlyMemory<char> src, string path, Func<int, int> lineOf)
    {
        var e = new Engine(model, src, path, lineOf);
        e.Walk();

        // Go: a method read a field of its receiver (w.gatewayKey) that a function further down fills with a secret
        // (&worker{gatewayKey: aws.ToString(sec.SecretString)} in main): walk the file again knowing the field
        if (e._goFieldMisses is { } misses && e._goFields is { } fields && misses.Overlaps(fields.Keys))
        {
            e = new Engine(model, src, path, lineOf) { _goFields = fields };
            e.Walk();
        }

        return [.. e._hits.Values.OrderBy(h => h.Offset)];
    }

    private void Walk()
    {
        var root = new Scope(null, _m.Module) { IsModule = true };
        FindResponseHelpers(_m.Module.Body, 0);
        WalkFunction(_m.Module, root);
    }

    /// <summary>The object and keyword arguments of the calls walked, with the start of their call (-1 for a nested function).</summary>
    private readonly List<(int Start, int End, int Call)> _argObjects = [];

    /// <summary>
    /// Where a finding is reported: a property or keyword argument of a call that spans lines (`new S3Client({` …
    /// `accessKeyId: …`, `jwt.decode(` … `options={"verify_exp": False}`, `sqs.send(new SendMessageCommand({` …
    /// `MessageBody: …`) is reported on the line where the call starts, as one finding per call, the line a reviewer
    /// reads first. Settings assigned in a C# object initializer (`ValidateAudience = false`), calls in a builder chain and
    /// anything inside a lambda argument keep their own line.
    /// </summary>
    private int ReportOffset(int offset)
    {
        var best = (Start: -1, Call: -1);
        foreach (var (start, end, call) in _argObjects)
        {
            if (start <= offset && offset < end && start > best.Start)
            {
                best = (start, call);
            }
        }

        return best.Call >= 0 && best.Call < offset && _lineOf(best.Call) != _lineOf(offset) ? best.Call : offset; // Call -1: a nested function
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Report(RuleInfo rule, int offset, string message, Confidence confidence, Severity? severity = null)
    {
        var at = ReportOffset(offset);
        if (at != offset)
        {
            message = $"{message} (line {_lineOf(offset)})";
        }

        var key = (rule.Id, _lineOf(at));
        var hit = new Hit(rule, at, message, confidence, severity ?? rule.Severity);
        if (_hits.TryGetValue(key, out var old))
        {
            // one finding per statement and rule: a second construct of the statement adds its message
            // (ValidateIssuer = false; ValidateAudience = false in one TokenValidationParameters)
            var keepOld = old.Confidence >= hit.Confidence && old.Severity >= hit.Severity;
            var (strong, weak) = keepOld ? (old, hit) : (hit, old);
            var merged = strong.Message.Contains(weak.Message, StringComparison.Ordinal) || strong.Message.Count(ch => ch == ';') >= 3
                ? strong.Message
                : $"{strong.Message}; {weak.Message}";
            _hits[key] = strong with { Message = merged, Offset = Math.Min(strong.Offset, weak.Offset) };
            return;
        }

        _hits[key] = hit;
    }

    // ------------------------------------------------------------------ scopes

    private sealed class Scope
    {
        public Scope(Scope? parent, FunctionDef fn)
        {
            Parent = parent;
            Fn = fn;
        }

        /// <summary>A variable's taint here or in an enclosing function (closures see the enclosing variables).</summary>
        public bool TryVar(string name, out T t)
        {
            for (var sc = this; sc is not null; sc = sc.Parent)
            {
                if (sc.Vars.TryGetValue(name, out t))
                {
                    return true;
                }
            }

            t = T.None;
            return false;
        }

        public bool TryDef(string name, out Expr e)
        {
            for (var sc = this; sc is not null; sc = sc.Parent)
            {
                if (sc.Defs.TryGetValue(name, out e!))
                {
                    return true;
                }
            }

            e = null!;
            return false;
        }

        public Scope? Parent { get; }
        public FunctionDef Fn { get; }
        public bool IsModule;
        public bool IsHandler;
        public Dictionary<string, T> Vars { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Expr> Defs { get; } = new(StringComparer.Ordinal);
        // The lists below are created on first use: most functions never need them (a scope per function walked).
        private List<(Expr Cond, bool Else)>? _guards;
        private List<(string Var, CallExpr Call, bool Direct)>? _decodes;
        private List<CallExpr>? _javaDecodes;
        private List<CallExpr>? _readTokens;
        private List<CallExpr>? _manualDecodes;
        private List<CallExpr>? _goUnverified;
        private Dictionary<string, (CallExpr Call, bool HttpOnly, bool Secure, bool Token)>? _javaCookies;

        private static readonly List<(Expr Cond, bool Else)> NoGuards = [];

        /// <summary>The conditions of the if statements being walked (the innermost last).</summary>
        public List<(Expr Cond, bool Else)> Guards => _guards ?? NoGuards;

        public void PushGuard(Expr cond) => (_guards ??= []).Add((cond, false));

        public int CatchDepth;

        /// <summary>Conditions, returns and identity assignments: their names are the authorization decisions.</summary>
        public List<Expr>? Decisions;

        /// <summary>
        /// The if-branches (condition, else?) each verification and each decode happened in: a verification in the
        /// other branch of an if than the decode does not vouch for it.
        /// </summary>
        public List<(Expr Cond, bool Else)[]>? VerifyPaths;

        public Dictionary<CallExpr, (Expr Cond, bool Else)[]>? DecodePaths;

        public (Expr Cond, bool Else)[] GuardPath() => _guards is { Count: > 0 } g ? [.. g] : [];

        public void RecordDecode(CallExpr decode) => (DecodePaths ??= [])[decode] = GuardPath();

        /// <summary>The function (or a function nested in it) verifies a token somewhere.</summary>
        public bool AnyVerify => VerifyPaths is { Count: > 0 };

        public void RecordVerify() => (VerifyPaths ??= []).Add(GuardPath());
        public bool AnyValidateToken;
        public List<(string Var, CallExpr Call, bool Direct)> Decodes => _decodes ??= [];
        public List<CallExpr> JavaDecodes => _javaDecodes ??= [];
        public List<CallExpr> ReadTokens => _readTokens ??= [];
        public List<CallExpr> ManualDecodes => _manualDecodes ??= [];

        public int ManualDecodeCount => _manualDecodes?.Count ?? 0;

        /// <summary>Removes and returns the manual decodes recorded from index <paramref name="from"/> on.</summary>
        public List<CallExpr> TakeManualDecodes(int from)
        {
            var taken = _manualDecodes!.GetRange(from, _manualDecodes.Count - from);
            _manualDecodes.RemoveRange(from, taken.Count);
            return taken;
        }
        public List<CallExpr> GoUnverified => _goUnverified ??= [];

        /// <summary>Whether any JWT decode, Java cookie or verification was recorded (Finish has work to do).</summary>
        public bool HasRecords => _decodes is not null || _javaDecodes is not null || _readTokens is not null || _manualDecodes is not null
            || _goUnverified is not null || _javaCookies is not null;

        /// <summary>Variables assigned from an expression that names a token (see NamesTokenDirectly).</summary>
        public HashSet<string>? DirectNamed;

        public bool IsDirectNamed(string name)
        {
            for (var sc = this; sc is not null; sc = sc.Parent)
            {
                if (sc.DirectNamed?.Contains(name) == true)
                {
                    return true;
                }
            }

            return false;
        }
        public Dictionary<string, (CallExpr Call, bool HttpOnly, bool Secure, bool Token)> JavaCookies => _javaCookies ??= new(StringComparer.Ordinal);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WalkFunction(FunctionDef fn, Scope scope)
    {
        var promised = _promised;
        _promised = T.None;
        foreach (var p in fn.Params)
        {
            scope.Vars[p.Name] = ParamTaint(p, fn, scope) | (ReferenceEquals(p, fn.Params[0]) ? promised : T.None);
            if ((scope.Vars[p.Name] & (T.WholeEvent | T.Headers)) != 0)
            {
                scope.IsHandler = true;
            }
        }

        if (fn.Decorators.Any(d => Text(d).Contains("route", StringComparison.OrdinalIgnoreCase) || RouteDecorator.IsMatch(Text(d))) || IsPyErrorHandler(fn))
        {
            scope.IsHandler = true;
        }

        // Powertools: @logger.inject_lambda_context(log_event=True) logs every incoming event
        foreach (var d in fn.Decorators)
        {
            if (d is CallExpr { Callee: MemberExpr { Name: "inject_lambda_context" } } ilc && ilc.Args.Any(a => a.Name == "log_event" && IsTrue(a.Value)))
            {
                Report(CodeRules.EventLogged, ilc.NameStart, "inject_lambda_context(log_event=True) logs every incoming event, including its Authorization and Cookie headers", Confidence.High);
            }
        }

        WalkStmts(fn.Body, scope);
        Finish(scope);
    }

    /// <summary>
    /// A Python web framework's error handler: Flask <c>@app.errorhandler(…)</c> / <c>@bp.app_errorhandler(…)</c> (one
    /// parameter, the error), FastAPI / Starlette <c>@app.exception_handler(…)</c> (<c>request, exc</c>). What it returns
    /// is the response; its last parameter is the exception.
    /// </summary>
    private bool IsPyErrorHandler(FunctionDef fn) =>
        Py && fn.Params.Count > 0 && fn.Decorators.Any(d => d is CallExpr { Callee: MemberExpr { Name: "errorhandler" or "app_errorhandler" or "exception_handler" } });

    /// <summary>Go: the names of the functions the file hands to <c>lambda.Start(handler)</c> / <c>lambda.StartWithOptions(e.handle, …)</c>.</summary>
    private HashSet<string> GoLambdaHandlers => _goLambdaHandlers ??= [.. GoLambdaStart().Matches(_src.Span.ToString()).Select(m => m.Groups[1].Value)];

    private HashSet<string>? _goLambdaHandlers;

    [GeneratedRegex(@"\blambda\.Start(?:WithOptions|WithContext)?\(\s*(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\s*[,)]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GoLambdaStart();

    [GeneratedRegex(@"\.(get|post|put|delete|patch)\(|Mapping", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RouteDecorator { get; }

    [GeneratedRegex(@"^\*?(events\.|Amazon\.Lambda\.\w+\.)?(SQS|SNS|Kinesis|KinesisStream|KinesisFirehose|DynamoDB|DynamoDBStream|EventBridge|CloudWatchEvents|CloudWatchLogs|Cognito\w*|AppSync\w*|CloudFormationCustomResource\w*|PreTokenGeneration\w*|UserMigration\w*|PreSignUp\w*|PostConfirmation\w*|PreAuthentication\w*|PostAuthentication\w*|CustomMessage\w*|DefineAuthChallenge\w*|CreateAuthChallenge\w*|VerifyAuthChallenge\w*)(Event|TriggerEvent|Records)?\b", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LambdaEventType();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T ParamTaint(Param p, FunctionDef fn, Scope scope)
    {
        // a parameter bound to a request header or cookie: @RequestHeader("Authorization") String auth, FastAPI Header()
        if (p.Header is { } header)
        {
            // a map-typed binding holds them all (Spring @RequestHeader Map<String, String> headers, MultiValueMap, HttpHeaders)
            if (p.Type is { } boundType && (boundType.StartsWith("Map", StringComparison.Ordinal) || boundType.StartsWith("MultiValueMap", StringComparison.Ordinal)
                || boundType.StartsWith("HttpHeaders", StringComparison.Ordinal) || boundType.Contains("Dictionary", StringComparison.Ordinal)))
            {
                return T.Headers;
            }

            return Names.IsCredentialHeader(header) || Names.IsTokenCookie(header) || Names.SaysToken(header) ? T.Token : T.EventData;
        }

        if (p.Type == "{destructured}")
        {
            return Names.Norm(p.Name) switch
            {
                "headers" or "multivalueheaders" => T.Headers,
                "body" or "querystringparameters" or "pathparameters" or "requestcontext" => T.EventData,
                // SvelteKit / Remix / Astro handlers: ({ request, params }) and the handle hook's ({ event, resolve })
                // (Apollo Server's and Next.js's context functions: ({ req, res }))
                "request" or "req" => T.WholeEvent,
                "event" when fn.Params.Any(q => q.Type == "{destructured}" && q.Name == "resolve") => T.WholeEvent,
                _ => NameSaysToken(p.Name) ? T.NamedToken : T.None,
            };
        }

        if (Names.IsEventType(p.Type) && !(p.Type ?? "").Contains("Response", StringComparison.Ordinal))
        {
            return T.WholeEvent;
        }

        // a Lambda event of another source, typed as such (SQSEvent, KinesisStreamEvent, events.SNSEvent, EventBridgeEvent<…>,
        // Cognito trigger events) in a function with a context parameter: the handler's whole event (message bodies,
        // attributes, a user-migration trigger's password); S3 and scheduled events carry no such data
        if (p.Type is { Length: > 6 } lambdaType && (lambdaType.Contains("Event", StringComparison.Ordinal) || lambdaType.Contains("Records", StringComparison.Ordinal))
            && LambdaEventType().IsMatch(lambdaType) && HandlerShaped(fn, scope, p.Name))
        {
            return T.WholeEvent;
        }

        // JAX-RS: @Context HttpHeaders headers are all the request headers; a gRPC ServerInterceptor's Metadata is all
        // the call's headers (authorization included)
        if (Java && (p.Type is "HttpHeaders" || p.Type is "Metadata" && fn.Name == "interceptCall"))
        {
            return T.Headers;
        }

        // Java RequestHandler: handleRequest(Map<String, Object> input, Context context) — the input is the whole event
        if (Java && fn.Name == "handleRequest" && fn.Params.Count == 2 && ReferenceEquals(p, fn.Params[0]) && fn.Params[1].Type is "Context"
            && !(p.Type ?? "").Contains("Stream", StringComparison.Ordinal))
        {
            return T.WholeEvent;
        }

        // Go: the function handed to lambda.Start is the Lambda handler, and its event parameter (after ctx
        // context.Context) is the whole event, whatever struct it is decoded into (a Step Functions task's input with its
        // task token, an EventBridge detail); the aws-lambda-go events of S3 and schedules are not (nothing secret in them)
        if (Go && ReferenceEquals(p, fn.Params[^1]) && fn.Params.Count <= 2 && (fn.Params.Count == 1 || fn.Params[0].Type == "context.Context")
            && fn.Name is { } goHandler && GoLambdaHandlers.Contains(goHandler) && p.Type is { } eventType
            && !eventType.TrimStart('*').StartsWith("events.", StringComparison.Ordinal)
            && eventType is not ("string" or "[]byte" or "int" or "int64" or "bool" or "interface{}" or "any" or "context.Context"))
        {
            return T.WholeEvent;
        }

        if (Names.IsEventName(p.Name) && p.Name != "r" && p.Name != "input" && p.Name != "ev")
        {
            // a parameter named event/req/request is the incoming request only in a function shaped like a handler
            // (and not when its declared type is a string or number: pip's `req: str` is a requirement line)
            var declared = p.Type?.Trim('"', '\'', ' ');
            if (declared is "str" or "string" or "String" or "bytes" or "int" or "number" or "bool" or "boolean" or "Event" or "CustomEvent"
                || (declared ?? "").EndsWith("Event", StringComparison.Ordinal) && !Names.IsEventType(declared))
            {
                return T.None;
            }

            return HandlerShaped(fn, scope, p.Name) ? T.WholeEvent : T.None;
        }

        if (p.Name is "r" && (p.Type ?? "").Contains("Request", StringComparison.Ordinal))
        {
            return T.WholeEvent;
        }

        if (Go && p.Name == "err")
        {
            return T.ErrorObj;
        }

        if (ReferenceEquals(p, fn.Params[^1]) && IsPyErrorHandler(fn))
        {
            return T.ErrorObj;
        }

        // HotChocolate: an error filter's IError (its Exception is the exception)
        if (Cs && p.Type == "IError")
        {
            return T.ErrorObj;
        }

        // a parameter typed as credentials (an STS / SDK credentials object): Credentials creds, AwsSessionCredentials c
        if ((Java || Cs || Go) && p.Type is { } credType && credType.TrimStart('*').EndsWith("Credentials", StringComparison.Ordinal))
        {
            return T.AwsSecret | T.Token;
        }

        // an exception handler's parameter: Spring @ExceptionHandler(Exception ex), a C#/Java catch-like handler
        if ((Java || Cs) && p.Type is { } pt && (pt.EndsWith("Exception", StringComparison.Ordinal) || pt.EndsWith("Throwable", StringComparison.Ordinal) || pt == "Error"))
        {
            return T.ErrorObj;
        }

        // Koa middleware / router handler: (ctx, next) whose ctx is used as the request/response context
        if (Js && p.Name == "ctx" && KoaShaped(fn))
        {
            return T.WholeEvent;
        }

        // Express error middleware: (err, req, res, next) — four parameters, the first is the error
        if (Js && fn.Params.Count == 4 && ReferenceEquals(p, fn.Params[0]) && p.Name is "err" or "error" or "e" or "ex" && Names.IsEventName(fn.Params[1].Name))
        {
            return T.ErrorObj;
        }

        // a JavaScript parameter named err / error is the error of a callback or an error handler (Node callbacks,
        // fastify.setErrorHandler((err, request, reply) => …), promise .catch((error) => …)); a NestJS exception
        // filter's catch(exception: unknown, host) and a parameter typed as an error (e: HttpException) are errors too
        if (Js && (p.Name is "err" or "error" or "exception" || p.Type is { } jt && (jt.EndsWith("Exception", StringComparison.Ordinal) || jt.EndsWith("Error", StringComparison.Ordinal))))
        {
            return T.ErrorObj;
        }

        return NameSaysToken(p.Name) ? T.NamedToken : T.None;
    }

    /// <summary>A function that uses its `ctx` the way Koa handlers do (request, headers, response body, cookies).</summary>
    private bool KoaShaped(FunctionDef fn)
    {
        if (fn.End <= fn.Start || fn.End > _src.Length)
        {
            return false;
        }

        var body = _src.Span.Slice(fn.Start, fn.End - fn.Start);
        return body.Contains("ctx.request", StringComparison.Ordinal) || body.Contains("ctx.headers", StringComparison.Ordinal)
            || body.Contains("ctx.header.", StringComparison.Ordinal) || body.Contains("ctx.get(", StringComparison.Ordinal)
            || body.Contains("ctx.body", StringComparison.Ordinal) || body.Contains("ctx.cookies", StringComparison.Ordinal);
    }

    /// <summary>Second parameters of handler signatures: (event, context), (req, res, next), (request, h) …</summary>
    private static readonly HashSet<string> HandlerCompanions =
    [
        "context", "ctx", "callback", "cb", "res", "resp", "response", "reply", "h", "next", "lambdaContext", "lambda_context", "env", "_context",
        "_ctx", "_", "done", "_res", "_next", "_callback", "lambdaCtx",
    ];

    /// <summary>Members only an HTTP / Lambda request has (API Gateway, ALB, function URLs, Express, Django).</summary>
    private static readonly HashSet<string> RequestMembers = new(StringComparer.Ordinal)
    {
        "headers", "multiValueHeaders", "body", "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "requestContext",
        "cookies", "signedCookies", "rawPath", "rawQueryString", "httpMethod", "routeKey", "isBase64Encoded", "stageVariables",
        "authorizationToken", "methodArn", "requestHeaders", "META", "GET", "POST", "COOKIES", "query", "originalUrl", "header", "get_header", "authorization",
    };

    /// <summary>
    /// True when a function whose parameter is named like an incoming event/request is shaped like a handler: it reads
    /// request members from it (event.headers, req.cookies, request.META …), or it has a handler companion parameter
    /// (context, res, callback …) and is not a JS/Python class method, or it is a module-level one-parameter function.
    /// Event emitters' (event, listener), DOM and lifecycle callbacks, and parsers' (req) are not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool HandlerShaped(FunctionDef fn, Scope scope, string name)
    {
        if (UsesRequestMembers(fn, name))
        {
            return true;
        }

        var companion = false;
        var others = 0;
        foreach (var q in fn.Params)
        {
            if (q.Name == name || q.Name is "self" or "cls" or "this" || q.Name.StartsWith('*') || q.Name.StartsWith("...", StringComparison.Ordinal))
            {
                continue;
            }

            others++;
            companion |= HandlerCompanions.Contains(q.Name);
        }

        if (fn.IsMethod && (Js || Py))
        {
            return false; // class methods: only with request members (above)
        }

        if (companion)
        {
            return true;
        }

        if (others > 0)
        {
            return false;
        }

        return scope.Parent is { IsModule: true } || (fn.Name ?? "").Contains("andler", StringComparison.Ordinal);
    }

    /// <summary>A test at one use of a word in a function's text: the text, where the word starts, where it ends.</summary>
    private delegate bool WordUseTest(ReadOnlySpan<char> body, int start, int after);

    /// <summary>
    /// Whether <paramref name="test"/> holds at some use of <paramref name="name"/> as a whole word (not a member:
    /// `.name` does not count) in the text of <paramref name="fn"/>; offsets are relative to the function's start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AnyWordUse(FunctionDef fn, string name, WordUseTest test)
    {
        var end = Math.Min(fn.End, _src.Length);
        var start = Math.Clamp(fn.Start, 0, end);
        var body = _src.Span.Slice(start, end - start);
        var at = 0;
        while (at < body.Length)
        {
            var k = body[at..].IndexOf(name.AsSpan(), StringComparison.Ordinal);
            if (k < 0)
            {
                return false;
            }

            var i = at + k;
            at = i + name.Length;
            if ((i == 0 || !(char.IsLetterOrDigit(body[i - 1]) || body[i - 1] is '_' or '$' or '.')) && test(body, i, at))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The function reads a request member (`name.headers`, `name?.body`, `name["cookies"]`) of <paramref name="name"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool UsesRequestMembers(FunctionDef fn, string name) => AnyWordUse(fn, name, static (body, _, at) =>
    {
        var j = at;
        if (j < body.Length && body[j] == '?')
        {
            j++;
        }

        if (j >= body.Length)
        {
            return false;
        }

        if (body[j] == '.')
        {
            j++;
        }
        else if (body[j] == '[' && j + 1 < body.Length && body[j + 1] is '"' or '\'')
        {
            j += 2;
        }
        else
        {
            return false;
        }

        var m = j;
        while (m < body.Length && (char.IsLetterOrDigit(body[m]) || body[m] == '_'))
        {
            m++;
        }

        return m > j && RequestMembers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(body[j..m]);
    });

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Finish(Scope s)
    {
        if (!s.HasRecords)
        {
            ReportToParent(s);
            return;
        }

        HashSet<string>? decisionNames = null;
        foreach (var d in s.Decodes)
        {
            if (decisionNames is null)
            {
                decisionNames = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in s.Decisions ?? [])
                {
                    CollectNames(e, decisionNames);
                }

                // a decision on a value derived from the claims decides on the claims:
                // const groups = claims['cognito:groups']; if (!groups.includes('admins'))
                foreach (var name in decisionNames.ToArray())
                {
                    if (s.Defs.TryGetValue(name, out var def))
                    {
                        CollectNames(def, decisionNames);
                    }
                }
            }

            var decided = d.Direct || decisionNames.Contains(d.Var);
            if (decided && !VerifiedAlongside(s, d.Call))
            {
                Report(CodeRules.JwtUnverified, d.Call.NameStart, "JWT claims from an unverified decode drive an authorization decision; nothing verifies the signature of this token", Confidence.High);
            }
        }

        foreach (var call in s.JavaDecodes)
        {
            if (!VerifiedAlongside(s, call))
            {
                Report(CodeRules.JwtUnverified, call.NameStart, "JWT.decode() does not verify the signature and no verifier checks this token", Confidence.High);
            }
        }

        if (!s.AnyVerify)
        {
            // golang-jwt's own ParseWithClaims calls ParseUnverified and then token.Method.Verify: that verifies
            foreach (var c in s.GoUnverified)
            {
                Report(CodeRules.JwtUnverified, c.NameStart, "ParseUnverified reads the token without checking its signature", Confidence.High);
            }
        }

        // [Authorize] (on the method or its class, without [AllowAnonymous]): ASP.NET authenticated the request before
        // the action ran, so reading the bearer token it validated is not a bypass
        var authorized = Cs && s.Fn.Decorators.Any(d => d is NameExpr { Name: "Authorize" }) && !s.Fn.Decorators.Any(d => d is NameExpr { Name: "AllowAnonymous" });
        if (!s.AnyValidateToken && !authorized)
        {
            foreach (var c in s.ReadTokens)
            {
                Report(CodeRules.JwtUnverified, c.NameStart, "ReadJwtToken/ReadToken parses a JWT without validating it, and this method never calls ValidateToken", Confidence.High);
            }
        }

        if (!s.AnyValidateToken)
        {
            foreach (var c in s.ManualDecodes)
            {
                if (VerifiedAlongside(s, c))
                {
                    continue; // a verification on the same path vouches for it (not one in the other branch of an if)
                }

                Report(CodeRules.JwtUnverified, c.NameStart, "the JWT payload segment is base64-decoded by hand, without signature verification", Confidence.Medium);
            }
        }

        foreach (var (_, v) in s.JavaCookies)
        {
            if (v.Token && (!v.HttpOnly || !v.Secure))
            {
                Report(CodeRules.ClientStorage, v.Call.NameStart, $"token cookie created without {(v.HttpOnly ? "" : "setHttpOnly(true) ")}{(v.Secure ? "" : "setSecure(true)")}".TrimEnd(), Confidence.High);
            }
        }

        ReportToParent(s);
    }

    /// <summary>Verification in a nested function counts for the enclosing one, at the place of the nested function.</summary>
    private static void ReportToParent(Scope s)
    {
        if (s.Parent is { } p)
        {
            p.AnyValidateToken |= s.AnyValidateToken;
            if (s.AnyVerify)
            {
                p.RecordVerify();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WalkStmts(List<Stmt> stmts, Scope s)
    {
        var pushed = 0;
        Expr? tried = null;
        for (var k = 0; k < stmts.Count; k++)
        {
            var st = stmts[k];
            if (--_budget < 0)
            {
                break;
            }

            // try { …verify(t)… } catch { …decode(t)… }: the catch runs when the try block threw, so a verification in
            // the try block does not vouch for a decode in its catch (the two are walked as exclusive branches)
            if (st is BlockStmt { Header.Count: 0 } && k + 1 < stmts.Count && stmts[k + 1] is CatchStmt)
            {
                tried = new LitExpr(LitKind.Null, "");
                s.PushGuard(tried);
                WalkStmt(st, s);
                s.Guards.RemoveAt(s.Guards.Count - 1);
                continue;
            }

            if (st is CatchStmt && tried is not null)
            {
                s.PushGuard(tried);
                s.Guards[^1] = (tried, true);
                WalkStmt(st, s);
                s.Guards.RemoveAt(s.Guards.Count - 1);
                continue;
            }

            tried = null;
            WalkStmt(st, s);

            // if (…) { …; return; } without an else: what follows in this block runs only when the condition is false,
            // as if it were the else branch (a decode in the early-return branch is not vouched for by a verification
            // after it; `if (!env.IsDevelopment()) return;` guards what follows)
            if (st is IfStmt { Else.Count: 0 } i && Terminates(i.Then))
            {
                s.PushGuard(i.Cond);
                s.Guards[^1] = (i.Cond, true);
                pushed++;
            }
        }

        for (; pushed > 0; pushed--)
        {
            s.Guards.RemoveAt(s.Guards.Count - 1);
        }
    }

    /// <summary>A name whose last word says it refers to something: an id, ARN, name, path, URL or location.</summary>
    private static bool IsReferenceName(string name) =>
        Names.Words(name) is { Count: > 1 } w && w[^1] is "id" or "arn" or "name" or "path" or "url" or "uri" or "location";

    /// <summary>A branch that never falls through: it ends in return, throw or raise.</summary>
    private static bool Terminates(List<Stmt> branch)
    {
        if (branch.Count == 0)
        {
            return false;
        }

        switch (branch[^1])
        {
            case ReturnStmt or ExprStmt { Throws: true }:
                return true;
            case BlockStmt { Header.Count: 0 } block:
                return Terminates(block.Body); // a plain block or a try block without catch
            case CatchStmt:
                // try { … return } catch (e) { … return }: every catch and the try block end the branch
                var i = branch.Count - 1;
                while (i >= 0 && branch[i] is CatchStmt c)
                {
                    if (!Terminates(c.Body))
                    {
                        return false;
                    }

                    i--;
                }

                return i >= 0 && branch[i] is BlockStmt { Header.Count: 0 } tried && Terminates(tried.Body);
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WalkStmt(Stmt st, Scope s)
    {
        switch (st)
        {
            case ExprStmt es:
                Eval(es.E, s);
                break;
            case AssignStmt a:
                Assign(a, s);
                break;
            case ReturnStmt r:
                if (r.Value is not null)
                {
                    _returned = r.Value;
                    var t = r.Value is ArrayExpr { Items.Count: > 1 } tuple ? ReturnTuple(tuple, s) : Eval(r.Value, s);
                    _returned = null;
                    s.Fn.Returns |= t;
                    if (r.Value is not ArrayExpr { Items.Count: > 1 })
                    {
                        (s.Fn.ReturnItems, s.Fn.ReturnsMixed) = (null, true);
                    }

                    if (!IsProfileDisplay(r.Value, 0))
                    {
                        Decide(r.Value, s);
                    }
                    CheckReturnedResponse(r.Value, t, s);
                }

                break;
            case IfStmt i:
                Eval(i.Cond, s);
                Decide(i.Cond, s);
                s.PushGuard(i.Cond);
                WalkStmts(i.Then, s);
                s.Guards[^1] = (i.Cond, true);
                WalkStmts(i.Else, s);
                s.Guards.RemoveAt(s.Guards.Count - 1);
                break;
            case BlockStmt b:
                WalkStmts(b.Header, s);
                WalkStmts(b.Body, s);
                break;
            case CatchStmt c:
                if (c.Var is not null)
                {
                    s.Vars[c.Var] = T.ErrorObj;
                }

                s.CatchDepth++;
                WalkStmts(c.Body, s);
                s.CatchDepth--;
                break;
            case FuncStmt f:
                WalkNested(f.Fn, s);
                break;
        }
    }

    /// <summary>
    /// A returned tuple (<c>return token, claimant_id</c>, Go's <c>return key, id, nil</c>): what it carries, also kept
    /// per position in the function, so that unpacking a call to it gives each variable its own value.
    /// </summary>
    private T ReturnTuple(ArrayExpr tuple, Scope s)
    {
        var fn = s.Fn;
        var items = fn.ReturnsMixed || fn.ReturnItems is { } known && known.Length != tuple.Items.Count ? null : fn.ReturnItems ?? new T[tuple.Items.Count];
        var t = T.None;
        for (var i = 0; i < tuple.Items.Count; i++)
        {
            var it = Eval(tuple.Items[i], s);
            t |= it;
            if (items is not null)
            {
                items[i] |= it;
            }
        }

        (fn.ReturnItems, fn.ReturnsMixed) = (items, items is null);
        return t & ~T.Literal;
    }

    /// <summary>The per-position returns of the same-file function a call reaches (see <see cref="ReturnTuple"/>).</summary>
    private T[]? TupleReturnsOf(Expr? value) =>
        value is not null && Unwrap(value) is CallExpr c && (c.Callee is NameExpr || c.Callee is MemberExpr { Obj: NameExpr { Name: "this" or "self" } })
        && LocalFunction(CallName(c)) is { ReturnsMixed: false, ReturnItems: { } items } fn && fn.WalkStamp == _stamp ? items : null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WalkNested(FunctionDef fn, Scope s)
    {
        if (fn.WalkStamp == _stamp)
        {
            return;
        }

        fn.WalkStamp = _stamp;
        (fn.Returns, fn.ReturnItems, fn.ReturnsMixed) = (T.None, null, false); // (a second walk of the file starts afresh)
        if (fn.End > fn.Start)
        {
            _argObjects.Add((fn.Start, fn.End, -1)); // a function inside a call's object argument keeps its findings' lines
        }

        var inner = new Scope(s, fn);
        WalkFunction(fn, inner);
    }

    /// <summary>
    /// Whether a verification in the function can vouch for the decode: one that did not happen in the other branch of
    /// an if than the decode (`if (reports) { JWT.decode(t) … } else { verifier.verify(t) }` leaves the decode unverified).
    /// </summary>
    private static bool VerifiedAlongside(Scope s, CallExpr decode)
    {
        if (!s.AnyVerify)
        {
            return false;
        }

        if (s.VerifyPaths is null || s.DecodePaths is null || !s.DecodePaths.TryGetValue(decode, out var decodePath))
        {
            return true;
        }

        foreach (var verifyPath in s.VerifyPaths)
        {
            var exclusive = false;
            for (var i = 0; i < Math.Min(decodePath.Length, verifyPath.Length); i++)
            {
                if (!ReferenceEquals(decodePath[i].Cond, verifyPath[i].Cond))
                {
                    break;
                }

                if (decodePath[i].Else != verifyPath[i].Else)
                {
                    exclusive = true;
                    break;
                }
            }

            if (!exclusive)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An expression that decides (a condition, a returned value, an identity assignment): kept for the decode check,
    /// and a JWT decode inside it is a decision by itself. Only in files that decode at all.
    /// </summary>
    private void Decide(Expr e, Scope s)
    {
        if (!_mayDecode)
        {
            return;
        }

        (s.Decisions ??= []).Add(e);
        MarkDirectDecodes(e, s);
    }

    /// <summary>OpenID Connect profile claims: shown to the user, not checked before granting anything.</summary>
    private static readonly HashSet<string> ProfileClaims = new(StringComparer.Ordinal)
    {
        "name", "given_name", "givenName", "family_name", "familyName", "middle_name", "nickname", "preferred_username",
        "preferredUsername", "picture", "email", "locale", "zoneinfo", "website", "profile",
    };

    /// <summary>
    /// A returned value made only of profile claims, literals and defaults or concatenations between them
    /// (`return claims.name ?? claims.email ?? 'there'`), or an object of them (`return { name: profile.name, email:
    /// profile.email }`, a browser login returning what the page shows): a name to show, not an authorization decision. A
    /// condition on the same claims (`if (claims.email === admin)`) still is one.
    /// </summary>
    private static bool IsProfileDisplay(Expr e, int depth) => depth < 32 && e switch
    {
        MemberExpr or IndexExpr or NameExpr => IsProfileClaimRef(e),
        StrExpr => true,
        InterpExpr i => i.Parts.TrueForAll(p => IsProfileDisplay(p, depth + 1)),
        BinaryExpr { Op: "??" or "||" or "or" or "+" } b => IsProfileDisplay(b.Left, depth + 1) && IsProfileDisplay(b.Right, depth + 1),
        ObjectExpr o => o.Props.Count > 0 && o.Props.TrueForAll(p => p.Key is not null && IsProfileDisplay(p.Value, depth + 1)),
        _ => false,
    };

    /// <summary>A profile claim: <c>claims.email</c>, <c>claims["name"]</c>, or a variable destructured under its name (<c>const { email } = jwtDecode(t)</c>).</summary>
    private static bool IsProfileClaimRef(Expr e) => e switch
    {
        MemberExpr m => ProfileClaims.Contains(m.Name),
        IndexExpr { Index: StrExpr k } => ProfileClaims.Contains(k.Value),
        NameExpr n => ProfileClaims.Contains(n.Name),
        _ => false,
    };

    /// <summary>The file has a decode call (decode, jwtDecode, decodeJwt, get_unverified_claims).</summary>
    private bool _mayDecode;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MarkDirectDecodes(Expr e, Scope s)
    {
        Visit(e, x =>
        {
            if (x is CallExpr c && IsJwtDecodeUnverifying(c) && c.Args.Count > 0)
            {
                s.Decodes.Add(("<direct>", c, true));
                s.RecordDecode(c);
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsJwtDecodeUnverifying(CallExpr c)
    {
        var m = CallName(c);
        var recv = c.Callee is MemberExpr me ? Path(me.Obj) : "";
        // jsonwebtoken's decode(token, options?) takes the token first; Auth.js / next-auth's jwt.decode({ token, secret })
        // takes one options object and decrypts an authenticated JWE with the secret: not an unverified decode
        if (Js && m == "decode" && recv is "jwt" or "jsonwebtoken" or "jsonWebToken" or "JWT" or "jwtLib" && !(c.Args.Count == 1 && c.Args[0].Value is ObjectExpr))
        {
            return true;
        }

        // jose's decodeJwt(token) and jwt-decode's jwtDecode(token) read the claims without any key
        if (Js && m is "decodeJwt" or "jwtDecode" or "jwt_decode" && recv is "" or "jose" or "jwtDecode" && c.Args.Count >= 1 && c.Args[0].Value is not ObjectExpr)
        {
            return true;
        }

        if (Py && m == "get_unverified_claims")
        {
            return true;
        }

        return false;
    }

    // ------------------------------------------------------------------ assignments

    /// <summary>
    /// A variable whose name ends in a word for another kind of thing (token_type_handler, tokenProvider, secret_name,
    /// keyCount): a value looked up by a token-ish key is not the token.
    /// </summary>
    private static bool NamesAnotherThing(string name) => Names.Words(name) is { Count: > 1 } w
        && w[^1] is "handler" or "handlers" or "type" or "kind" or "provider" or "manager" or "service" or "client" or "factory" or "store"
            or "validator" or "verifier" or "config" or "options" or "settings" or "class" or "callback" or "fn" or "func" or "name" or "id"
            or "count" or "length" or "size" or "len" or "index" or "url" or "path" or "arn";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Assign(AssignStmt a, Scope s)
    {
        var v = a.Value;
        var manualBefore = s.ManualDecodeCount;
        var link = a.Target is NameExpr ln && NamesLink(ln.Name);
        _inLink += link ? 1 : 0;
        var declaredBefore = _declaredObject;
        _declaredObject = (Unwrap(v), a.Start);
        var t = Eval(v, s);
        _declaredObject = declaredBefore;
        _inLink -= link ? 1 : 0;

        // a hand-decoded payload kept in a variable (payload = JSON.parse(atob(token.split('.')[1]))) is judged like a
        // jwt.decode() result: reported when it drives a decision, not when it only shows the user's name
        if (s.ManualDecodeCount > manualBefore && a.Op == "=" && TargetNames(a.Target).ToList() is { Count: > 0 } decodedInto)
        {
            foreach (var md in s.TakeManualDecodes(manualBefore))
            {
                foreach (var n in decodedInto)
                {
                    s.Decodes.Add((n, md, false));
                }
            }
        }
        if (a.Op is "+=" or "||=" or "??=" or "&&=")
        {
            t |= Eval(a.Target, s);
        }

        // JWT decode bound to a variable, also behind a guard or with a default (token ? jwt.decode(token) : null,
        // jwt.decode(token) || {})
        var inner = Unwrap(v);
        if (GuardedCall(inner) is { Args.Count: > 0 } dc)
        {
            if (IsJwtDecodeUnverifying(dc))
            {
                foreach (var n in TargetNames(a.Target))
                {
                    s.Decodes.Add((n, dc, false));
                }

                s.RecordDecode(dc);
            }

            if (Java && CallName(dc) == "decode" && dc.Callee is MemberExpr { Obj: NameExpr { Name: "JWT" } })
            {
                s.JavaDecodes.Add(dc);
                s.RecordDecode(dc);
            }
        }

        if (Java && inner is CallExpr { IsNew: true } nc && CallName(nc) == "Cookie" && a.Target is NameExpr cn && nc.Args.Count >= 2)
        {
            var tokenCookie = (nc.Args[0].Value is StrExpr cs && Names.IsTokenCookie(cs.Value)) || (Eval(nc.Args[1].Value, s) & AnyToken) != 0;
            s.JavaCookies[cn.Name] = (nc, false, false, tokenCookie);
        }

        // Micronaut: Cookie session = Cookie.of("session", token).path("/").httpOnly(true)…; flags set in the chain or later
        if (Java && a.Target is NameExpr mn && MicronautCookie(inner) is { } of)
        {
            var tokenCookie = !IsCsrfCookie(of.Of.Args[0].Value) && ((of.Of.Args[0].Value is StrExpr ms && Names.IsTokenCookie(ms.Value))
                || (Eval(of.Of.Args[1].Value, s) & AnyToken) != 0 || CookieValueNamesToken(of.Of.Args[1].Value, s));
            s.JavaCookies[mn.Name] = (of.Of, of.HttpOnly, of.Secure, tokenCookie);
        }

        // a variable built from an expression that names a token (message = `debug token: ${token}`) names it too
        if ((t & T.NamedToken) != 0 && (t & (T.Token | T.AwsSecret)) == 0 && a.Target is NameExpr dn && !NamesAnotherThing(dn.Name) && NamesTokenDirectly(v, s, 0))
        {
            (s.DirectNamed ??= new HashSet<string>(StringComparer.Ordinal)).Add(dn.Name);
        }

        // identity assignment: req.user = decoded
        if (a.Target is MemberExpr { Name: var tn } && Names.Norm(tn) is "user" or "identity" or "principal" or "claims" or "auth" or "currentuser")
        {
            Decide(v, s);
        }

        CheckAssignmentSinks(a, t, s);
        Bind(a.Target, t, v, s);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static IEnumerable<string> TargetNames(Expr target)
    {
        switch (target)
        {
            case NameExpr n:
                yield return n.Name;
                break;
            case ObjectExpr o:
                foreach (var p in o.Props)
                {
                    foreach (var n in TargetNames(p.Value))
                    {
                        yield return n;
                    }
                }

                break;
            case ArrayExpr a:
                foreach (var i in a.Items)
                {
                    foreach (var n in TargetNames(i))
                    {
                        yield return n;
                    }
                }

                break;
        }
    }

    private void Bind(Expr target, T t, Expr? value, Scope s)
    {
        switch (target)
        {
            case NameExpr n:
                {
                    var tt = t;
                    if ((tt & ~(T.Literal | T.Clean)) == T.None && (tt & (T.Clean | T.Literal)) == 0 && NameSaysToken(n.Name) && value is not null && !IsObviouslyNotToken(value) && !IsSyntaxTokenCall(value))
                    {
                        tt |= T.NamedToken;
                    }
                    else if ((tt & T.EventData) != 0 && (tt & (T.Token | T.NamedToken | T.Clean)) == 0 && NameSaysToken(n.Name) && value is not null && !IsObviouslyNotToken(value))
                    {
                        tt |= T.NamedToken; // request data kept under a token's name: session_jwt = event.get("session")
                    }

                    if (Go && n.Name == "err")
                    {
                        tt = T.ErrorObj;
                    }

                    // an environment variable named like a credential, kept under a name that says what it refers to
                    // (secretId = getenv("REPORT_DB_SECRET"), secret_arn, tokenUrl): the secret's id, not the secret
                    if ((tt & T.EnvValue) != 0 && (tt & T.AwsSecret) == 0 && !Names.SaysToken(n.Name) && IsReferenceName(n.Name))
                    {
                        tt &= ~(T.Token | T.NamedToken);
                    }

                    s.Vars[n.Name] = tt;
                    if (value is not null)
                    {
                        s.Defs[n.Name] = value;
                    }

                    break;
                }

            case MemberExpr m:
                {
                    var p = Path(m);
                    var tt = t;
                    LearnGoField(m.Name, t);
                    if (tt == T.None && NameSaysToken(m.Name) && value is not null && !IsObviouslyNotToken(value) && !IsSyntaxTokenCall(value))
                    {
                        tt = T.NamedToken;
                    }

                    s.Vars[p] = tt;
                    if (value is not null)
                    {
                        s.Defs[p] = value;
                    }

                    break;
                }

            case IndexExpr { Index: StrExpr } ix when t != T.None:
                {
                    // a value kept under a literal key (_cache["value"] = json.loads(secret)) is read back by that key
                    var p = Path(ix);
                    s.Vars[p] = t;
                    if (value is not null)
                    {
                        s.Defs[p] = value;
                    }

                    _indexBound = true;
                    break;
                }

            case ObjectExpr o:
                foreach (var p in o.Props)
                {
                    if (p.Key is null)
                    {
                        // ...rest: the credential headers named before it are not in it
                        var rest = (t & T.Headers) != 0 && o.Props.Any(q => q.Key is not null && Names.IsCredentialHeader(q.Key)) ? (t & ~T.Headers) | T.EventData : t;
                        Bind(p.Value, rest, null, s);
                        continue;
                    }

                    Bind(p.Value is BinaryExpr { Op: "=" } def ? def.Left : p.Value, MemberTaint(t, p.Key, s), null, s);
                }

                break;
            case ArrayExpr arr:
                var positions = TupleReturnsOf(value) is { } ri && ri.Length == arr.Items.Count ? ri : null;
                for (var i = 0; i < arr.Items.Count; i++)
                {
                    // token, claimant_id = _claimant_from(request): the token and the secret stay in the positions that
                    // returned them
                    var it = positions is null ? t : t & ~((T.Token | T.AwsSecret) & ~positions[i]);
                    if ((t & T.JwtSplit) != 0)
                    {
                        it = i == 1 ? (t & ~T.JwtSplit) | T.JwtPart : t & ~T.JwtSplit;
                    }

                    if (value is ArrayExpr va && va.Items.Count == arr.Items.Count)
                    {
                        Bind(arr.Items[i], Eval(va.Items[i], s), va.Items[i], s);
                        continue;
                    }

                    Bind(arr.Items[i], it, null, s);

                    // Go: the first result of a call is its value, read back where the variable is used as a payload
                    // (payload, _ := json.Marshal(m)); its name does not make it a token
                    if (Go && i == 0 && value is CallExpr && arr.Items[0] is NameExpr first && first.Name != "_")
                    {
                        s.Defs[first.Name] = value;
                    }
                }

                break;
        }
    }

    private static readonly HashSet<string> LexerCallWords =
    [
        "scanner", "lexer", "tokenizer", "tokeniser", "lex", "scan", "peek", "consume", "advance", "lookahead", "eat", "expect", "tokenize", "tokenise",
    ];

    /// <summary>`scanner.next()`, `this.lexer.peek()`, `self.get_token()` in lexer code: a syntax token, not a credential.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsSyntaxTokenCall(Expr v)
    {
        if (v is not CallExpr c)
        {
            return false;
        }

        var path = Path(c.Callee);
        foreach (var w in Names.Words(path))
        {
            if (LexerCallWords.Contains(w) || (w is "next" or "shift" or "pop" && SyntaxFile))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsObviouslyNotToken(Expr v) => v switch
    {
        StrExpr or LitExpr or ArrayExpr or ObjectExpr or LambdaExpr => true,
        // a pagination or other described token read by its key: resp.get("NextToken"), page["continuationToken"]
        MemberExpr { Name: var member } when Names.SaysToken(member) == false && Names.Describes(member) => true,
        IndexExpr { Index: StrExpr { Value: var key } } when Names.Describes(key) && !Names.SaysToken(key) => true,
        CallExpr { Callee: MemberExpr { Name: "get" or "Get" or "getString" }, Args: [{ Value: StrExpr { Value: var key } }, ..] } when Names.Describes(key) && !Names.SaysToken(key) => true,
        BinaryExpr b => b.Op is "==" or "!=" or "===" or "!==" or "<" or ">" or "<=" or ">=" or "in" or "is" or "instanceof",
        UnaryExpr { Op: "!" or "not" } => true,
        _ => false,
    };

    // ------------------------------------------------------------------ evaluation

    private T Eval(Expr? e, Scope s)
    {
        if (e is null || --_budget < 0)
        {
            return T.None;
        }

        switch (e)
        {
            case NameExpr n:
                return EvalName(n.Name, s);
            case MemberExpr m:
                return EvalMember(m, s);
            case IndexExpr ix:
                return EvalIndex(ix, s);
            case CallExpr c:
                return EvalCall(c, s);
            case StrExpr:
                return T.Literal;
            case LitExpr:
                return T.Clean;
            case InterpExpr ie:
                {
                    var t = T.None;
                    foreach (var p in ie.Parts)
                    {
                        t |= Stringify(Eval(p, s));
                    }

                    CheckUrlQuery(ie.Parts, ie.Start, s);
                    return t & ~T.Literal;
                }

            case BinaryExpr { Op: "+" or "%" } cat:
                {
                    // a + b + c ...: flattened once (a left-deep chain would otherwise be re-flattened at every level)
                    var parts = new List<Expr>();
                    FlattenConcat(cat, parts);
                    var t = T.None;
                    foreach (var p in parts)
                    {
                        t |= Stringify(Eval(p, s));
                    }

                    CheckUrlQuery(cat.Op == "%" && cat.Left is StrExpr pyFormat ? FormatParts(pyFormat.Value, cat.Right is ArrayExpr tuple ? tuple.Items : [cat.Right]) : parts, cat.Start, s);
                    return t & ~T.Literal;
                }

            case BinaryExpr b:
                {
                    var l = Eval(b.Left, s);
                    var r = Eval(b.Right, s);
                    switch (b.Op)
                    {
                        case "==" or "!=" or "===" or "!==" or "<" or ">" or "<=" or ">=" or "in" or "not in" or "is" or "is not" or "instanceof":
                            return T.Clean;
                        case "+" or "%":
                            {
                                var parts = new List<Expr>();
                                FlattenConcat(b, parts);
                                CheckUrlQuery(parts, b.Start, s);
                                return (Stringify(l) | Stringify(r)) & ~T.Literal;
                            }

                        case "=":
                            return r;
                        default:
                            return (l | r) & ~T.Clean;
                    }
                }

            case UnaryExpr u:
                {
                    var t = Eval(u.Operand, s);
                    return u.Op is "!" or "not" or "typeof" or "-" or "~" or "delete" or "void" ? T.Clean : t;
                }

            case CondExpr ce:
                Eval(ce.Test, s);
                // `email ? \`Signed in as ${email}\` : 'Signed in'`: whether a profile claim is there, to pick what to show
                // (a default like `claims.name ?? 'there'`), not an authorization decision
                if (_mayDecode && !(IsProfileClaimRef(ce.Test is UnaryExpr { Op: "!" or "not" } neg ? neg.Operand : ce.Test)
                    && IsProfileDisplay(ce.Then, 0) && IsProfileDisplay(ce.Else, 0)))
                {
                    (s.Decisions ??= []).Add(ce.Test);
                }
                return Eval(ce.Then, s) | Eval(ce.Else, s);
            case ObjectExpr o:
                return EvalObject(o, s, null);
            case ArrayExpr a:
                {
                    var t = T.None;
                    foreach (var i in a.Items)
                    {
                        t |= Eval(i, s);
                    }

                    return t & ~T.Literal;
                }

            case LambdaExpr l:
                WalkNested(l.Fn, s);
                return T.None;
            case UnknownExpr u:
                {
                    var t = T.None;
                    foreach (var c in u.Children)
                    {
                        t |= Eval(c, s);
                    }

                    return t;
                }
        }

        return T.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T Stringify(T t)
    {
        if ((t & T.ErrorObj) != 0)
        {
            t = (t & ~T.ErrorObj) | (Cs ? T.ErrorStack : T.ErrorMsg);
        }

        return t & ~T.Clean;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FlattenConcat(Expr e, List<Expr> parts)
    {
        // iterative down the left spine (chains are left-deep)
        var rights = new Stack<Expr>();
        while (e is BinaryExpr { Op: "+" or "%" } b)
        {
            rights.Push(b.Right);
            e = b.Left;
        }

        FlattenOne(e, parts);
        while (rights.Count > 0)
        {
            FlattenOne(rights.Pop(), parts);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FlattenOne(Expr e, List<Expr> parts)
    {
        if (e is BinaryExpr { Op: "+" } b)
        {
            FlattenConcat(b, parts);
        }
        else if (e is InterpExpr ie)
        {
            parts.AddRange(ie.Parts);
        }
        else
        {
            parts.Add(e);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T EvalName(string name, Scope s)
    {
        if (s.TryVar(name, out var t))
        {
            return t;
        }

        if (Py && name == "request")
        {
            return T.WholeEvent; // Flask's global request
        }

        if (Cs && name is "Request" or "HttpContext")
        {
            return T.WholeEvent; // an ASP.NET controller's or page's Request / HttpContext property
        }

        if (NameSaysToken(name) && name.Length > 0 && !char.IsUpper(name[0]) || (NameSaysToken(name) && name.Any(char.IsLower) && name.Contains('_') == false && char.IsUpper(name[0]) && Cs))
        {
            return T.NamedToken;
        }

        return T.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T EvalMember(MemberExpr m, Scope s)
    {
        var path = Path(m);
        if (s.TryVar(path, out var known))
        {
            Eval(m.Obj, s);
            return known;
        }

        // Go: a field of the method's receiver (the receiver itself is not a variable here) that the file fills with a
        // secret or a token somewhere (&worker{gatewayKey: aws.ToString(sec.SecretString)}, w.gatewayKey = key)
        if (Go && m.Obj is NameExpr { Name: var recvName } && !s.TryVar(recvName, out _))
        {
            if (_goFields is not null && _goFields.TryGetValue(m.Name, out var filled))
            {
                return filled;
            }

            (_goFieldMisses ??= new HashSet<string>(StringComparer.Ordinal)).Add(m.Name);
        }

        if (Py && m.Name is "current_request" or "current_event")
        {
            return T.WholeEvent; // Chalice's app.current_request, Powertools' app.current_event
        }

        // a view's own request's headers: Pyramid / Django class-based views / Tornado self.request.headers (only its
        // headers: socketserver handlers' self.request is a socket)
        if ((Py || Js) && m.Name is "headers" or "META" or "cookies" && m.Obj is MemberExpr { Name: "request", Obj: NameExpr { Name: "self" or "this" } } && !s.TryVar(Path(m), out _))
        {
            return T.Headers;
        }

        // process.env.X / os.environ.X
        var objPath = Path(m.Obj);
        if (objPath is "process.env" or "os.environ" or "import.meta.env" or "Deno.env")
        {
            return EnvTaint(m.Name);
        }

        // golang-jwt: a key function that returns jwt.UnsafeAllowNoneSignatureType accepts alg "none"; reported where the key
        // function starts (the jwt.Parse(…, func(t *jwt.Token) … line). Comparing t.Method with jwt.SigningMethodNone is the
        // usual way to reject it and is not reported; signing with it is (see the call rules).
        if (Go && objPath == "jwt" && m.Name == "UnsafeAllowNoneSignatureType")
        {
            Report(CodeRules.JwtUnverified, s.Fn.Name is null && s.Fn.Start < m.NameStart ? s.Fn.Start : m.NameStart, "jwt.UnsafeAllowNoneSignatureType: the key function accepts unsigned (alg none) tokens", Confidence.High);
        }

        var ot = Eval(m.Obj, s);

        // new JwtSecurityTokenHandler().ReadJwtToken(t).ValidTo: the expiry of a token (one just received from an identity
        // provider), not a decision on its claims
        if (Cs && m.Name is "ValidTo" or "ValidFrom" or "IssuedAt" && m.Obj is CallExpr { Callee: MemberExpr { Name: "ReadJwtToken" or "ReadToken" } } read)
        {
            s.ReadTokens.Remove(read);
        }

        // ASP.NET: IHttpContextAccessor.HttpContext is the current request's context (http.HttpContext!.Request.Headers)
        if (Cs && m.Name == "HttpContext")
        {
            return T.WholeEvent;
        }

        if (objPath is "context" or "ctx" && m.Name == "identity")
        {
            return T.Token;
        }

        // Koa: ctx.request is the incoming request (headers and all)
        if (Js && objPath == "ctx" && m.Name == "request" && (ot & T.WholeEvent) != 0)
        {
            return T.WholeEvent;
        }

        // a field of an object built here (ts := &TokenSet{AccessToken: …, ExpiresAt: …}; ts.ExpiresAt): that field's own value
        if ((ot & AnyToken) != 0 && m.Obj is NameExpr && AsObject(Resolve(m.Obj, s))?.GetProp(m.Name) is { Key: not null } field)
        {
            return Eval(field.Value, s);
        }

        return MemberTaint(ot, m.Name, s);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T EnvTaint(string name)
    {
        var t = T.EnvValue;
        if (Names.SaysToken(name) || IsAwsKeyEnvName(name) || Names.Norm(name).Contains("secretaccesskey", StringComparison.Ordinal))
        {
            t |= T.Token;
        }

        return t;
    }

    private static readonly HashSet<string> AwsMetaMembers = ["arn", "name", "versionid", "versionstages", "createddate", "expiration", "assumedroleuser", "packedpolicysize", "sourceidentity", "metadata", "responsemetadata", "httpstatuscode", "challengename", "session", "length", "count", "expiresin", "tokentype", "version", "lastmodifieddate", "type", "datatype", "selector", "tier", "sourceresult", "requestid",
        // an API key's id, state and labels (API Gateway CreateApiKey)
        "id", "enabled", "tags", "description", "stagekeys",
        // the connection fields of a database secret (host, port, engine, dbname, username) are not the password
        "host", "hostname", "port", "engine", "dbname", "database", "dbinstanceidentifier", "dbclusteridentifier", "username", "user", "region"];

    private static readonly HashSet<string> ClaimNames = ["claims", "sub", "email", "username", "scope", "scopes", "exp", "iat", "nbf", "iss", "aud", "groups", "cognitogroups", "payload", "header", "kid", "alg", "principalid", "userid", "user", "role", "roles", "tenant", "name", "jti", "clientid", "tokenuse", "authtime",
        // the claim properties of token objects (JwtSecurityToken, JsonWebToken, JJWT Claims, Go RegisteredClaims)
        "subject", "issuer", "audience", "audiences", "validfrom", "validto", "issuedat", "expiresat", "notbefore", "expiration", "actor"];

    private T MemberTaint(T ot, string name, Scope s)
    {
        var n = Names.Norm(name);
        if (n is "length" or "count" or "size" or "len")
        {
            return (ot & (AnyToken | T.Headers | T.WholeEvent)) != 0 ? T.Clean : T.None;
        }

        if ((ot & T.WholeEvent) != 0)
        {
            // Django's request.META holds every header as HTTP_* (HTTP_AUTHORIZATION, HTTP_COOKIE); an AppSync Lambda
            // authorizer's event.requestHeaders are all the request's headers
            if (n is "headers" or "multivalueheaders" or "header" or "cookies" or "cookie" or "requestheaders" || (Py && name == "META"))
            {
                return T.Headers;
            }

            if (Names.SaysToken(name) || n is "authorizationtoken" or "identitysource" or "authorization")
            {
                return T.Token;
            }

            // the request inside an event or context: AppSync event.request.headers, ASP.NET http.Request.Headers,
            // echo c.Request().Header
            if (n is "request" or "httprequest")
            {
                return T.WholeEvent;
            }

            return T.EventData;
        }

        if ((ot & T.Headers) != 0)
        {
            return Names.IsCredentialHeader(name) || Names.SaysToken(name) || Names.IsTokenCookie(name) ? T.Token : T.EventData; // headers and cookies
        }

        if ((ot & T.ErrorObj) != 0)
        {
            return n switch
            {
                "stack" or "stacktrace" or "traceback" or "tb" or "traceback" => T.ErrorStack,
                "message" or "msg" or "args" or "detail" or "reason" => T.ErrorMsg,
                // HotChocolate IError.Exception, GraphQLError.originalError
                "innerexception" or "cause" or "error" or "exception" or "originalerror" => T.ErrorObj,
                _ => T.None,
            };
        }

        if ((ot & T.AwsSecret) != 0)
        {
            // a secret's metadata and the identifiers kept next to the credential (merchantId, accountName, tenantRegion)
            // are not the credential
            return AwsMetaMembers.Contains(n) || NamesIdentifierBeside(name)
                ? T.None
                : T.AwsSecret | T.Token;
        }

        if ((ot & (T.Token | T.NamedToken)) != 0)
        {
            // claims of a token are not the token
            if (ClaimNames.Contains(n))
            {
                return (ot & T.EventData) != 0 ? T.EventData : T.None;
            }

            // an identifier returned next to the tokens (an OAuth token response's consent_id, a session's user_id)
            if ((ot & T.Token) != 0 && NamesIdentifierBeside(name))
            {
                return ot & (T.EventData | T.EnvValue);
            }

            // a token's type / kind / position / error are not the token (syntax tokens: token.type, tok.kind, token.value)
            if (TokenMetaMembers.Contains(n) || (n is "value" or "text" or "string" or "raw" or "image" && (ot & T.Token) == 0 && SyntaxFile))
            {
                return (ot & T.EventData) != 0 ? T.EventData : T.None;
            }

            // an object known only by its name (no traced source): a member that describes it is not the token
            // (measurement.event.correlationId, credential.credentialType, request.authenticationScheme)
            if ((ot & (T.Token | T.AwsSecret | T.EventData)) == 0 && Names.Describes(name))
            {
                return T.None;
            }

            return ot & (T.Token | T.NamedToken | T.EnvValue | T.EventData);
        }

        if ((ot & T.EventData) != 0)
        {
            // the request inside an event record: Lambda@Edge event.Records[0].cf.request (headers and all)
            if (n == "request" && (ot & (T.Token | T.NamedToken)) == 0)
            {
                return T.WholeEvent;
            }

            return Names.SaysToken(name) ? T.Token | T.EventData : T.EventData;
        }

        if ((ot & T.EnvValue) != 0)
        {
            return EnvTaint(name);
        }

        if (NameSaysToken(name))
        {
            return T.NamedToken;
        }

        return T.None;
    }

    /// <summary>
    /// A member that identifies, locates or dates something kept next to a credential (merchantId, consent_id, accountName,
    /// tenantRegion, an ECR authorization's proxyEndpoint and expiresAt): a name of several words that does not name a
    /// token and ends in id / name / region / host / endpoint / at …
    /// </summary>
    private static bool NamesIdentifierBeside(string name) =>
        !Names.SaysToken(name) && Names.Words(name) is { Count: > 1 } w
        && w[^1] is "id" or "ids" or "arn" or "name" or "region" or "host" or "port" or "type" or "version" or "endpoint" or "at" or "expiry" or "expiration";

    private static readonly HashSet<string> TokenMetaMembers =
    [
        "type", "kind", "tokname", "exacttype", "lineno", "coloffset", "start", "end", "loc", "range", "pos", "line", "column", "col", "span",
        "offset", "lexeme", "error", "err", "message", "status", "statuscode", "code", "errors", "isvalid", "valid", "expired", "isexpired",
        // a token response's metadata: { access_token, expires_in, token_type, scope }
        "expiresin", "expires", "tokentype", "ttl",
    ];

    private bool _indexBound;

    /// <summary>Inside the value of a variable or key named for a link (see <see cref="NamesLink"/>).</summary>
    private int _inLink;

    /// <summary>
    /// A name whose last word is "link" (link, magicLink, invite_link, resetLinks): a URL for a person to open from an
    /// email or a message (a sign-in, invitation or password-reset link), not a request the service itself sends.
    /// </summary>
    private static bool NamesLink(string name) =>
        name.Length >= 4 && (name.EndsWith("link", StringComparison.OrdinalIgnoreCase) || name.EndsWith("links", StringComparison.OrdinalIgnoreCase))
        && Names.Words(name) is { Count: > 0 } w && w[^1] is "link" or "links";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T EvalIndex(IndexExpr ix, Scope s)
    {
        var ot = Eval(ix.Obj, s);
        if (ix.Index is StrExpr key)
        {
            var objPath = Path(ix.Obj);
            if (objPath is "process.env" or "os.environ")
            {
                return EnvTaint(key.Value);
            }

            if (_indexBound && s.TryVar(Path(ix), out var kept))
            {
                return kept;
            }

            // a key of a dict / object literal kept in a variable (message = {"tenant_id": …, "token": secret};
            // message["tenant_id"]) is that key's value: the other keys' secrets are not in it
            if ((ot & AnyToken) != 0 && ix.Obj is NameExpr && LiteralProperty(ix.Obj, key.Value, s) is { } pv
                && (Eval(pv, s) is var pt) && (pt & (AnyToken | T.EventData | T.Headers | T.WholeEvent | T.ErrorObj | T.ErrorMsg | T.ErrorStack)) == 0)
            {
                return pt;
            }

            return MemberTaint(ot, key.Value, s);
        }

        Eval(ix.Index, s);
        if (ix.IsSlice)
        {
            return (ot & AnyToken) != 0 ? T.Clean : ot;
        }

        if ((ot & T.JwtSplit) != 0)
        {
            return ix.Index is LitExpr { Text: "1" } ? T.JwtPart | (ot & ~T.JwtSplit) : ot & ~T.JwtSplit;
        }

        // a numbered element of a list known only by a token-ish name (tokens[0] of a split line) is a syntax token
        if (ix.Index is LitExpr { Kind: LitKind.Number } && (ot & T.NamedToken) != 0 && (ot & (T.Token | T.AwsSecret | T.EventData | T.Headers | T.WholeEvent)) == 0)
        {
            return T.None;
        }

        // authorization.split(" ")[0] is the scheme (Bearer, Basic), not the credential after it
        if (ix.Index is LitExpr { Text: "0" } && (ot & AnyToken) != 0 && ix.Obj is CallExpr sp && CallName(sp) is "split" or "Split"
            && (sp.Args.Count > 0 && sp.Args[^1].Value is StrExpr { Value: " " or "\\s+" or "\\s" or " +" } || (Py && sp.Args.Count == 0)))
        {
            return T.Clean;
        }

        if ((ot & T.Headers) != 0)
        {
            return T.EventData;
        }

        if ((ot & T.WholeEvent) != 0)
        {
            return T.EventData;
        }

        return ot;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T EvalObject(ObjectExpr o, Scope s, string? typeName)
    {
        var t = T.None;
        foreach (var p in o.Props)
        {
            var link = p.Key is not null && NamesLink(p.Key);
            _inLink += link ? 1 : 0;
            var pt = Eval(p.Value, s);
            _inLink -= link ? 1 : 0;
            if (p.Key is null)
            {
                t |= pt;
            }
            else
            {
                t |= pt;
                CheckSetting(p.Key, p.Value, p.KeyStart, s, typeName);
            }
        }

        CheckObjectRules(o, s, typeName);
        return t & ~(T.Literal | T.Clean);
    }

    // ------------------------------------------------------------------ helpers

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Text(Node n) => n.End > n.Start && n.End <= _src.Length ? _src.Span[n.Start..n.End].ToString() : "";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Expr Unwrap(Expr e)
    {
        while (true)
        {
            switch (e)
            {
                case UnaryExpr { Op: "await" or "&" or "*" } u:
                    e = u.Operand;
                    continue;
                case CallExpr { Callee: MemberExpr { Name: "promise" or "Result" or "get" or "GetAwaiter" or "GetResult" or "join" } m } c when c.Args.Count == 0 && m.Obj is CallExpr:
                    e = m.Obj;
                    continue;
                case MemberExpr { Name: "Result" } mr when mr.Obj is CallExpr:
                    e = mr.Obj;
                    continue;
                default:
                    return e;
            }
        }
    }

    /// <summary>
    /// The call an assigned value comes from, also when a guard or a default wraps it: <c>token ? jwt.decode(token) :
    /// null</c> (the branch that calls), <c>jwt.decode(token) || {}</c>, <c>decode(t) ?? fallback</c> (the left side).
    /// </summary>
    private static CallExpr? GuardedCall(Expr e) => e switch
    {
        CallExpr c => c,
        CondExpr ce => Unwrap(ce.Then) as CallExpr ?? Unwrap(ce.Else) as CallExpr,
        BinaryExpr { Op: "||" or "??" or "or" } b => Unwrap(b.Left) as CallExpr,
        _ => null,
    };

    /// <summary>"a.b.c", "context.getLogger()", "System.out"; "?" for other shapes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Path(Expr e, int depth = 0)
    {
        if (depth > 12)
        {
            return "?";
        }

        return e switch
        {
            NameExpr n => n.Name,
            MemberExpr m => Path(m.Obj, depth + 1) + "." + m.Name,
            CallExpr c when !c.IsNew => Path(c.Callee, depth + 1) + "()",
            IndexExpr { Index: StrExpr k } ix => Path(ix.Obj, depth + 1) + "." + k.Value,
            UnaryExpr { Op: "await" } u => Path(u.Operand, depth + 1),
            _ => "?",
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? Root(Expr e)
    {
        for (var i = 0; i < 50; i++)
        {
            switch (e)
            {
                case NameExpr n:
                    return n.Name;
                case MemberExpr m:
                    e = m.Obj;
                    continue;
                case IndexExpr ix:
                    e = ix.Obj;
                    continue;
                case CallExpr c:
                    e = c.Callee is MemberExpr cm ? cm.Obj : c.Callee;
                    continue;
                case UnaryExpr u:
                    e = u.Operand;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    private static string CallName(CallExpr c) => c.Callee switch
    {
        MemberExpr m => m.Name,
        NameExpr n => n.Name,
        _ => "",
    };

    private static void CollectNames(Expr e, HashSet<string> names, int depth = 0)
    {
        // a decoded token's header (`decoded.header.alg`, `.header.kid`) chooses how to verify it: a name used only that
        // way is not a decision on its claims
        HashSet<NameExpr>? headerOnly = null;
        Visit(e, x =>
        {
            if (x is MemberExpr { Name: "header", Obj: NameExpr hn })
            {
                (headerOnly ??= new HashSet<NameExpr>(ReferenceEqualityComparer.Instance)).Add(hn);
            }
            else if (x is NameExpr n && headerOnly?.Contains(n) != true)
            {
                names.Add(n.Name);
            }
            else if (x is LambdaExpr { Fn.Body: var body } && depth < 4)
            {
                // a callback inside the decision decides too: !required.every((r) => groups.includes(r))
                foreach (var st in body)
                {
                    if (st is ReturnStmt { Value: { } rv })
                    {
                        CollectNames(rv, names, depth + 1);
                    }
                    else if (st is ExprStmt es)
                    {
                        CollectNames(es.E, names, depth + 1);
                    }
                }
            }
        });
    }

    private static void Visit(Expr? e, Action<Expr> f, int depth = 0)
    {
        if (e is null || depth > 200)
        {
            return;
        }

        f(e);
        switch (e)
        {
            case MemberExpr m:
                Visit(m.Obj, f, depth + 1);
                break;
            case IndexExpr ix:
                Visit(ix.Obj, f, depth + 1);
                Visit(ix.Index, f, depth + 1);
                break;
            case CallExpr c:
                Visit(c.Callee, f, depth + 1);
                foreach (var a in c.Args)
                {
                    Visit(a.Value, f, depth + 1);
                }

                if (c.Initializer is not null)
                {
                    Visit(c.Initializer, f, depth + 1);
                }

                break;
            case InterpExpr ie:
                foreach (var p in ie.Parts)
                {
                    Visit(p, f, depth + 1);
                }

                break;
            case BinaryExpr b:
                Visit(b.Left, f, depth + 1);
                Visit(b.Right, f, depth + 1);
                break;
            case UnaryExpr u:
                Visit(u.Operand, f, depth + 1);
                break;
            case CondExpr ce:
                Visit(ce.Test, f, depth + 1);
                Visit(ce.Then, f, depth + 1);
                Visit(ce.Else, f, depth + 1);
                break;
            case ObjectExpr o:
                foreach (var p in o.Props)
                {
                    Visit(p.Value, f, depth + 1);
                }

                break;
            case ArrayExpr a:
                foreach (var i in a.Items)
                {
                    Visit(i, f, depth + 1);
                }

                break;
            case UnknownExpr u:
                foreach (var c in u.Children)
                {
                    Visit(c, f, depth + 1);
                }

                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string LiteralText(Expr e)
    {
        var sb = new System.Text.StringBuilder();
        Visit(e, x =>
        {
            if (x is StrExpr s)
            {
                sb.Append(s.Value).Append('\u0001');
            }
        });
        return sb.ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsTrue(Expr e) => e is LitExpr { Kind: LitKind.True };
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsFalse(Expr e) => e is LitExpr { Kind: LitKind.False };
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsNull(Expr e) => e is LitExpr { Kind: LitKind.Null };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <summary>The value of a key of the object / dict literal a variable holds, if the literal has that key.</summary>
    private Expr? LiteralProperty(Expr obj, string key, Scope s) =>
        AsObject(Resolve(obj, s)) is { } o && o.GetProp(key) is { Key: not null } prop && prop.Value is not null ? prop.Value : null;

    private Expr Resolve(Expr e, Scope s)
    {
        e = Unwrap(e);
        if (e is NameExpr n && s.TryDef(n.Name, out var d))
        {
            return Unwrap(d);
        }

        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ObjectExpr? AsObject(Expr e) => e switch
    {
        ObjectExpr o => o,
        CallExpr { Initializer: { } i } => i,
        CallExpr { IsNew: true, Args.Count: 1 } c when c.Args[0].Value is ObjectExpr o2 => o2,
        _ => null,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Confidence Conf(T t) => (t & (T.Token | T.AwsSecret)) != 0 ? Confidence.High : Confidence.Medium;
}
