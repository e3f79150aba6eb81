using System.Globalization;
using System.Text.RegularExpressions;
using TokenHound.Core;
using TokenHound.Iac.Checks;
using TokenHound.Iac.Model;
using TokenHound.Iac.Rules;

namespace TokenHound.Iac.CloudFormation;

/// <summary>All CloudFormation / SAM rules over one template.</summary>
public sealed partial class CfnChecks(CfnTemplate t, IacReporter report, SecretValues secrets, Action<CfnResource, TNode, DefinitionSubstitution> definitionUri)
{
    private const string LambdaFn = "AWS::Lambda::Function";
    private const string SamFn = "AWS::Serverless::Function";

    private Evaluator E => t.Eval;

    public void Run()
    {
        Authorizers();
        RoutesAndMethods();
        SamEvents();
        FunctionUrls();
        DataTraceAndAccessLogs();
        StateMachines();
        Functions();
        LogGroups();
        HardcodedSecrets();
        Parameters();
        Outputs();
        Cognito();
        Iam();
        Rotation();
    }

    private static string Desc(Val v) => v.Via is null ? "" : $" (via {v.Via})";

    private static Confidence? Lower(Val v, RuleInfo rule) => v.Conditional ? Confidence.Low : null;

    // ---------------------------------------------------------------- authorizers

    private Dictionary<string, int>? _clientsByPool;

    private int ClientsOfPool(string poolId)
    {
        if (_clientsByPool is null)
        {
            _clientsByPool = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in t.OfType("AWS::Cognito::UserPoolClient"))
            {
                if (E.RefTarget(c["UserPoolId"]) is { } pool)
                {
                    _clientsByPool[pool] = _clientsByPool.GetValueOrDefault(pool) + 1;
                }
            }
        }

        return _clientsByPool.GetValueOrDefault(poolId);
    }

    private string? PoolOf(TNode? arn)
    {
        var id = E.RefTarget(arn);
        return t.Resource(id)?.Is("AWS::Cognito::UserPool") == true ? id : null;
    }

    private void Authorizers()
    {
        HashSet<string>? scopedAuthorizers = null;
        foreach (var a in t.OfType("AWS::ApiGateway::Authorizer"))
        {
            if (E.Str(a["Type"]) != "COGNITO_USER_POOLS" || a["ProviderARNs"] is not { } arns)
            {
                continue;
            }

            scopedAuthorizers ??= [.. t.OfType("AWS::ApiGateway::Method")
                .Where(m => m["AuthorizationScopes"] is TSeq { Items.Count: > 0 })
                .Select(m => E.RefTarget(m["AuthorizerId"]))
                .OfType<string>()];
            var scoped = scopedAuthorizers.Contains(a.Id);
            var items = arns is TSeq s ? s.Items : [arns];
            foreach (var item in items)
            {
                if (!scoped && PoolOf(item) is { } pool && ClientsOfPool(pool) is var n and >= 2)
                {
                    report.Add(IacRules.CognitoAuthorizerAnyClient, arns, a.Id, "ProviderARNs",
                        $"Cognito authorizer {a.Id} accepts tokens of all {n} app clients of user pool {pool}; no method using it requires authorization scopes.", ignored: a.Ignored);
                    break;
                }
            }
        }

        foreach (var a in t.OfType("AWS::ApiGatewayV2::Authorizer"))
        {
            if (E.Str(a["AuthorizerType"]) != "JWT")
            {
                continue;
            }

            CheckJwt(a, a["JwtConfiguration"] as TMap, a["AuthorizerType"]!, "JwtConfiguration", a.Id);
        }

        foreach (var api in t.OfType("AWS::Serverless::HttpApi"))
        {
            if (api.Prop("Auth", "Authorizers") is not TMap auths)
            {
                continue;
            }

            foreach (var (name, node) in auths.Entries)
            {
                if (node is TMap cfg && cfg.GetIgnoreCase("JwtConfiguration") is { } jwt)
                {
                    CheckJwt(api, jwt as TMap, node, $"Auth.Authorizers.{name.Value}.JwtConfiguration", $"{api.Id}/{name.Value}");
                }
            }
        }

        // SAM APIs: the explicit ones, and the implicit API (ServerlessRestApi) that Globals.Api configures.
        var samApis = t.OfType("AWS::Serverless::Api").Select(a => (Api: (CfnResource?)a, Auth: a.Prop("Auth") as TMap)).ToList();
        if (t.Globals?.Path("Api", "Auth") is TMap implicitAuth)
        {
            samApis.Add((null, implicitAuth));
        }

        foreach (var (api, auth) in samApis)
        {
            if (auth?["Authorizers"] is not TMap auths)
            {
                continue;
            }

            var apiName = api?.Id ?? "ServerlessRestApi";
            foreach (var (name, node) in auths.Entries)
            {
                if (node is not TMap cfg || cfg["UserPoolArn"] is not { } arn || cfg["AuthorizationScopes"] is TSeq { Items.Count: > 0 })
                {
                    continue;
                }

                var reported = false;
                var items = arn is TSeq s ? s.Items : [arn];
                foreach (var item in items)
                {
                    if (api is not null && PoolOf(item) is { } pool && ClientsOfPool(pool) is var n and >= 2)
                    {
                        report.Add(IacRules.CognitoAuthorizerAnyClient, arn, api.Id, $"Auth.Authorizers.{name.Value}.UserPoolArn",
                            $"Cognito authorizer {name.Value} of {api.Id} accepts tokens of all {n} app clients of user pool {pool}; it requires no authorization scopes.", ignored: api.Ignored);
                        reported = true;
                        break;
                    }
                }

                if (!reported)
                {
                    BackendWithoutAudienceCheck(api, apiName, auth, name.Value, arn);
                }
            }
        }
    }

    /// <summary>
    /// THI001, backend branch: the functions behind an unscoped Cognito authorizer (events on this API whose authorizer is
    /// this one, explicitly or as the API's DefaultAuthorizer, without AuthorizationScopes) whose source folder (CodeUri,
    /// relative to the template) is readable and holds no audience / client-id check. Functions whose code cannot be read
    /// (S3 URIs, missing folders, intrinsics) give no finding from this branch.
    /// </summary>
    private readonly Dictionary<string, BackendAudienceCheck.Result?> _codeScans = new(StringComparer.Ordinal);

    private void BackendWithoutAudienceCheck(CfnResource? api, string apiName, TMap auth, string authorizer, TNode arn)
    {
        if (report.File.FullPath is null || report.File.Commit is not null || Path.GetDirectoryName(Path.GetFullPath(report.File.FullPath)) is not { } templateDir)
        {
            return;
        }

        var root = report.File.Root is null ? null : Path.GetFullPath(report.File.Root);
        var defaultAuthorizer = E.StrOrDefault(auth["DefaultAuthorizer"]);
        var unchecked_ = new List<string>();
        var checkedCount = 0;
        foreach (var fn in t.OfType(SamFn))
        {
            if (fn["Events"] is not TMap events || !events.Entries.Any(e => IsBehind(e.Value as TMap)))
            {
                continue;
            }

            var codeUri = E.StrOrDefault(fn["CodeUri"]);
            if (codeUri is null || codeUri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(templateDir, codeUri));
            if (root is not null && !path.StartsWith(root, StringComparison.Ordinal))
            {
                continue;
            }

            if (!_codeScans.TryGetValue(path, out var result))
            {
                _codeScans[path] = result = BackendAudienceCheck.ScanPath(path);
            }

            if (result is null)
            {
                continue;
            }

            if (result.CheckAt is null)
            {
                unchecked_.Add($"{fn.Id} ({codeUri.TrimEnd('/')})");
            }
            else
            {
                checkedCount++;
            }
        }

        if (unchecked_.Count > 0)
        {
            report.Add(IacRules.CognitoAuthorizerAnyClient, arn, apiName, $"Auth.Authorizers.{authorizer}.UserPoolArn",
                $"Cognito authorizer {authorizer} of {apiName} accepts an ID or access token of any app client of the pool, requires no authorization scopes, " +
                $"and the code of {string.Join(", ", unchecked_)} shows no audience / client_id check (looked for aws-jwt-verify clientId, audience options, aud/client_id comparisons)" +
                (checkedCount > 0 ? $"; {checkedCount} other function(s) behind it do check" : "") + ".",
                confidence: Confidence.Low, ignored: api?.Ignored);
        }

        bool IsBehind(TMap? ev)
        {
            if (ev is null || E.Str(ev["Type"]) != "Api" || ev["Properties"] is not TMap props)
            {
                return false;
            }

            var apiRef = props["RestApiId"];
            if (api is null ? apiRef is not null : E.RefTarget(apiRef) != api.Id)
            {
                return false;
            }

            var chosen = props.Path("Auth", "Authorizer") is { } a ? E.StrOrDefault(a) : defaultAuthorizer;
            return chosen == authorizer && props.Path("Auth", "AuthorizationScopes") is not TSeq { Items.Count: > 0 };
        }
    }

    private void CheckJwt(CfnResource r, TMap? jwt, TNode anchor, string property, string name)
    {
        if (jwt is null)
        {
            report.Add(IacRules.JwtAuthorizerNoAudience, anchor, r.Id, property, $"JWT authorizer {name} has no JwtConfiguration: neither issuer nor audience is checked.", ignored: r.Ignored);
            return;
        }

        var aud = jwt.GetIgnoreCase("Audience");
        var iss = jwt.GetIgnoreCase("Issuer");
        var missing = new List<string>();
        if (aud is null || Evaluator.IsNoValue(aud) || aud is TSeq { Items.Count: 0 })
        {
            missing.Add("Audience");
        }

        if (iss is null || Evaluator.IsNoValue(iss) || iss is TScalar { IsNull: true })
        {
            missing.Add("Issuer");
        }

        if (missing.Count > 0)
        {
            report.Add(IacRules.JwtAuthorizerNoAudience, jwt, r.Id, property,
                $"JWT authorizer {name} has no {string.Join(" and no ", missing)}: " +
                (missing.Contains("Audience") ? "tokens the issuer minted for any other application are accepted." : "the token issuer is not pinned."), ignored: r.Ignored);
        }
    }

    // ---------------------------------------------------------------- methods / routes

    private void RoutesAndMethods()
    {
        foreach (var m in t.OfType("AWS::ApiGateway::Method"))
        {
            if (E.Str(m["HttpMethod"]) is { } verb && verb.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (m["AuthorizationType"] is { } at && E.Find(at, v => v.Equals("NONE", StringComparison.OrdinalIgnoreCase)) is { } v)
            {
                var apiKey = m["ApiKeyRequired"] is { } k && E.Str(k) is { } ks && Evaluator.IsTrue(ks);
                report.Add(IacRules.RouteWithoutAuthorization, at, m.Id, "AuthorizationType",
                    $"Method {m.Id} ({E.StrOrDefault(m["HttpMethod"]) ?? "?"}) has AuthorizationType NONE{Desc(v)}" + (apiKey ? "; an API key is not authentication." : ": it can be called without a token."),
                    confidence: Lower(v, IacRules.RouteWithoutAuthorization), ignored: m.Ignored);
            }
        }

        foreach (var r in t.OfType("AWS::ApiGatewayV2::Route"))
        {
            var key = E.StrOrDefault(r["RouteKey"]);
            if (key is null)
            {
                continue;
            }

            var api = t.Resource(E.RefTarget(r["ApiId"]));
            var protocol = api is null ? null : E.Str(api["ProtocolType"]);
            var isWebSocket = protocol == "WEBSOCKET" || (protocol is null && key.StartsWith('$') && key != "$default");
            if (key.StartsWith("OPTIONS ", StringComparison.OrdinalIgnoreCase) || (isWebSocket && key != "$connect"))
            {
                continue;
            }

            if (r["AuthorizationType"] is { } at)
            {
                if (E.Find(at, v => v.Equals("NONE", StringComparison.OrdinalIgnoreCase)) is { } v)
                {
                    report.Add(IacRules.RouteWithoutAuthorization, at, r.Id, "AuthorizationType", $"Route '{key}' ({r.Id}) has AuthorizationType NONE{Desc(v)}: it can be called without a token.",
                        confidence: Lower(v, IacRules.RouteWithoutAuthorization), ignored: r.Ignored);
                }
            }
            else if (api is not null)
            {
                report.Add(IacRules.RouteWithoutAuthorization, r["RouteKey"]!, r.Id, "AuthorizationType", $"Route '{key}' ({r.Id}) sets no AuthorizationType (default NONE): it can be called without a token.",
                    ignored: r.Ignored);
            }
        }
    }

    // ---------------------------------------------------------------- SAM events

    private void SamEvents()
    {
        foreach (var fn in t.OfType(SamFn))
        {
            if (fn["Events"] is not TMap events)
            {
                continue;
            }

            foreach (var (name, evNode) in events.Entries)
            {
                if (evNode is not TMap ev)
                {
                    continue;
                }

                var type = E.Str(ev["Type"]);
                if (type is not ("Api" or "HttpApi"))
                {
                    continue;
                }

                var props = ev["Properties"] as TMap;
                var method = E.StrOrDefault(props?["Method"]) ?? (type == "HttpApi" && props?["Method"] is null ? "ANY" : "?");
                if (method.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var path = E.StrOrDefault(props?["Path"]) ?? (type == "HttpApi" ? "$default" : "?");
                var authorizer = props?.Path("Auth", "Authorizer");
                if (authorizer is not null)
                {
                    if (E.Find(authorizer, v => v == "NONE") is { } v)
                    {
                        report.Add(IacRules.SamApiWithoutAuthorizer, authorizer, fn.Id, $"Events.{name.Value}.Properties.Auth.Authorizer",
                            $"Event {name.Value} of {fn.Id} ({method} {path}) opts out of authorization (Authorizer: NONE){Desc(v)}.", confidence: Lower(v, IacRules.SamApiWithoutAuthorizer), ignored: fn.Ignored);
                    }

                    continue;
                }

                if (type == "Api" && props?["Auth"] is TMap evAuth && (evAuth["ApiKeyRequired"] is not null || evAuth["ResourcePolicy"] is not null))
                {
                    continue;
                }

                // The API the event is attached to: explicit (must be in this template and not defined by an OpenAPI body) or implicit.
                TMap? apiAuth;
                var apiRef = props?[type == "Api" ? "RestApiId" : "ApiId"];
                if (apiRef is not null)
                {
                    var api = t.Resource(E.RefTarget(apiRef));
                    if (api is null || api["DefinitionBody"] is not null || api["DefinitionUri"] is not null)
                    {
                        continue;
                    }

                    apiAuth = api["Auth"] as TMap;
                    if (api["Auth"] is { } a && a is not TMap)
                    {
                        continue;
                    }
                }
                else
                {
                    apiAuth = t.Globals?.Path(type, "Auth") as TMap;
                }

                var def = apiAuth?["DefaultAuthorizer"];
                if (def is not null && E.Str(def) is not "NONE")
                {
                    continue;
                }

                if (type == "HttpApi" && apiAuth?["EnableIamAuthorizer"] is { } iam && E.Str(iam) is { } iv && Evaluator.IsTrue(iv))
                {
                    continue;
                }

                if (type == "Api" && (apiAuth?["ApiKeyRequired"] is not null || apiAuth?["ResourcePolicy"] is not null))
                {
                    continue;
                }

                report.Add(IacRules.SamApiWithoutAuthorizer, name, fn.Id, $"Events.{name.Value}",
                    $"Event {name.Value} of {fn.Id} ({method} {path}) has no authorizer and its {(apiRef is null ? "implicit " : "")}API has no DefaultAuthorizer: the route is public.",
                    ignored: fn.Ignored);
            }
        }
    }

    // ---------------------------------------------------------------- function URLs

    private void FunctionUrls()
    {
        foreach (var u in t.OfType("AWS::Lambda::Url"))
        {
            if (u["AuthType"] is { } at && E.Find(at, v => v == "NONE") is { } v)
            {
                report.Add(IacRules.FunctionUrlNoAuth, at, u.Id, "AuthType", $"Function URL {u.Id} for {E.Render(u["TargetFunctionArn"])} has AuthType NONE{Desc(v)}: anyone on the internet can invoke it.",
                    confidence: Lower(v, IacRules.FunctionUrlNoAuth), ignored: u.Ignored);
            }
        }

        foreach (var fn in t.OfType(SamFn))
        {
            if (fn.Prop("FunctionUrlConfig", "AuthType") is { } at && E.Find(at, v => v == "NONE") is { } v)
            {
                report.Add(IacRules.FunctionUrlNoAuth, at, fn.Id, "FunctionUrlConfig.AuthType", $"Function URL of {fn.Id} has AuthType NONE{Desc(v)}: anyone on the internet can invoke it.",
                    confidence: Lower(v, IacRules.FunctionUrlNoAuth), ignored: fn.Ignored);
            }
        }
    }

    // ---------------------------------------------------------------- logging

    private void DataTrace(CfnResource r, TNode? settings, string property)
    {
        switch (settings)
        {
            case TSeq seq:
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    DataTrace(r, seq.Items[i], $"{property}[{i}]");
                }

                break;
            case TMap m when m.IntrinsicName is null:
                if (m["DataTraceEnabled"] is { } dt && E.Find(dt, Evaluator.IsTrue) is { } v)
                {
                    var scope = E.StrOrDefault(m["ResourcePath"]) is { } rp ? $" for {rp} {E.StrOrDefault(m["HttpMethod"]) ?? "*"}" : "";
                    report.Add(IacRules.DataTrace, dt, r.Id, $"{property}.DataTraceEnabled",
                        $"{r.Id} logs full requests and responses{scope} (DataTraceEnabled: true{Desc(v)}): Authorization headers and token responses go to CloudWatch Logs.",
                        confidence: Lower(v, IacRules.DataTrace), ignored: r.Ignored);
                }

                break;
        }
    }

    private void DataTraceAndAccessLogs()
    {
        foreach (var r in t.Resources)
        {
            switch (r.Type)
            {
                case "AWS::ApiGateway::Stage":
                case "AWS::Serverless::Api":
                    DataTrace(r, r["MethodSettings"], "MethodSettings");
                    AccessLog(r, r.Prop("AccessLogSetting", "Format"), "AccessLogSetting.Format");
                    break;
                case "AWS::ApiGateway::Deployment":
                    if (r["StageDescription"] is TMap sd)
                    {
                        DataTrace(r, sd, "StageDescription");
                        DataTrace(r, sd["MethodSettings"], "StageDescription.MethodSettings");
                        AccessLog(r, sd.Path("AccessLogSetting", "Format"), "StageDescription.AccessLogSetting.Format");
                    }

                    break;
                case "AWS::ApiGatewayV2::Stage":
                case "AWS::Serverless::HttpApi":
                    DataTrace(r, r["DefaultRouteSettings"], "DefaultRouteSettings");
                    if (r["RouteSettings"] is TMap rs && rs.IntrinsicName is null)
                    {
                        foreach (var (k, v) in rs.Entries)
                        {
                            DataTrace(r, v, $"RouteSettings.{k.Value}");
                        }
                    }

                    AccessLog(r, r.Prop("AccessLogSettings", "Format"), "AccessLogSettings.Format");
                    break;
            }
        }
    }

    [GeneratedRegex(@"\$(context|input|method|request)[A-Za-z0-9_.:\-\['()]*", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex LogVariable();

    private static readonly HashSet<string> BenignAuthorizerVars = new(StringComparer.OrdinalIgnoreCase)
    {
        "principalId", "error", "status", "latency", "integrationLatency", "integrationStatus", "requestId",
        "claims.sub", "claims.username", "claims.cognito:username", "claims.client_id", "claims.scope", "claims.token_use",
        "claims.iss", "claims.aud", "claims.exp", "claims.iat", "claims.auth_time",
    };

    /// <summary>Variables of an access-log format that record token material (shared with Terraform).</summary>
    public static List<string> TokenLogVariables(string format)
    {
        var found = new List<string>();
        foreach (Match m in LogVariable().Matches(format))
        {
            var v = m.Value.TrimEnd('.', ')', '\'');
            var lower = v.ToLowerInvariant();
            if (lower.StartsWith("$context.authorizer.", StringComparison.Ordinal))
            {
                var rest = v["$context.authorizer.".Length..];
                if (!BenignAuthorizerVars.Contains(rest))
                {
                    found.Add(v);
                }
            }
            else if (lower.Contains("authorization") || lower.Contains("x-api-key") || lower.Contains("cookie") || lower.Contains("token"))
            {
                found.Add(v);
            }
        }

        return [.. found.Distinct()];
    }

    private void AccessLog(CfnResource r, TNode? format, string property)
    {
        if (format is null)
        {
            return;
        }

        var vars = TokenLogVariables(E.Render(format));
        if (vars.Count > 0)
        {
            report.Add(IacRules.AccessLogToken, format, r.Id, property,
                $"Access-log format of {r.Id} records {string.Join(", ", vars)}: authorizer context and auth headers carry tokens and claims.", ignored: r.Ignored);
        }
    }

    private void StateMachines()
    {
        foreach (var r in t.Resources)
        {
            var sam = r.Is("AWS::Serverless::StateMachine");
            if (!sam && !r.Is("AWS::StepFunctions::StateMachine"))
            {
                continue;
            }

            var logging = r[sam ? "Logging" : "LoggingConfiguration"] as TMap;
            if (logging?["IncludeExecutionData"] is { } ied && E.Find(ied, Evaluator.IsTrue) is { } v)
            {
                report.Add(IacRules.SfnExecutionData, ied, r.Id, $"{(sam ? "Logging" : "LoggingConfiguration")}.IncludeExecutionData",
                    $"State machine {r.Id} logs every state's input and output (IncludeExecutionData: true{Desc(v)}): tokens in the workflow end up in CloudWatch Logs.",
                    confidence: Lower(v, IacRules.SfnExecutionData), ignored: r.Ignored);
            }

            // DefinitionSubstitutions (and the Fn::Sub around a DefinitionString) are applied before the checks; placeholders
            // whose value is not static become unknown scalars that never match.
            if (r["Definition"] is TMap def)
            {
                if (AslChecks.IsDefinition(def))
                {
                    AslChecks.Check(DefinitionSubstitution.For(t, r).Apply(def), report, r.Id, r.Ignored);
                }
            }
            else if (r["DefinitionString"] is { } ds)
            {
                var subArg = (ds as TMap)?["Fn::Sub"];
                var text = ds as TScalar ?? subArg as TScalar ?? (subArg as TSeq)?.Items.FirstOrDefault() as TScalar;
                var substitution = DefinitionSubstitution.For(t, r, insideSub: subArg is not null, subVars: (subArg as TSeq)?.Items.Skip(1).FirstOrDefault() as TMap);
                if (text is not null && ParseEmbeddedJson(text, r.Id, substitution) is TMap parsed && AslChecks.IsDefinition(parsed))
                {
                    AslChecks.Check(substitution.Apply(parsed), report, r.Id, r.Ignored);
                }
            }
            else if (sam && r["DefinitionUri"] is TScalar uri)
            {
                definitionUri(r, uri, DefinitionSubstitution.For(t, r));
            }
        }
    }

    /// <summary>Parses a JSON document held in a template string, mapping its lines back to the file where possible.</summary>
    private TNode? ParseEmbeddedJson(TScalar s, string owner, DefinitionSubstitution substitution)
    {
        var warnings = new List<(int, string)>();
        try
        {
            var block = s.Kind is ScalarKind.Literal;
            var node = JsonLoader.Load(substitution.PrepareJson(s.Value), warnings, block ? s.Line + 1 : s.Line);
            if (!block)
            {
                Flatten(node, s.Line, s.Column);
            }

            return node;
        }
        catch (ParseException e)
        {
            // Placeholders such as ${Arn} outside of strings make the text invalid JSON until Fn::Sub runs: not worth a warning.
            if (!s.Value.Contains("${", StringComparison.Ordinal))
            {
                report.Warn(s.Line, $"DefinitionString of {owner} is not valid JSON: {e.Message}");
            }

            return null;
        }
    }

    private static void Flatten(TNode n, int line, int column)
    {
        var stack = new Stack<TNode>();
        stack.Push(n);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            x.Line = line;
            x.Column = column;
            x.KeyLine = line;
            x.KeyColumn = column;
            if (x is TMap m)
            {
                foreach (var e in m.Entries)
                {
                    e.Key.Line = line;
                    stack.Push(e.Value);
                }
            }
            else if (x is TSeq q)
            {
                foreach (var i in q.Items)
                {
                    stack.Push(i);
                }
            }
        }
    }

    // ---------------------------------------------------------------- functions: env logging, log groups

    private static readonly HashSet<string> LogLevelVars = new(StringComparer.OrdinalIgnoreCase)
    {
        "LOG_LEVEL", "POWERTOOLS_LOG_LEVEL", "AWS_LAMBDA_LOG_LEVEL", "LOGLEVEL", "LOGGING_LEVEL", "LOGGER_LEVEL", "APP_LOG_LEVEL", "NODE_LOG_LEVEL",
    };

    private bool IsFunction(CfnResource r) => r.Is(LambdaFn) || r.Is(SamFn);

    private void Functions()
    {
        var roles = new Dictionary<string, List<(CfnResource R, TNode Node)>>(StringComparer.Ordinal);
        foreach (var fn in t.Resources)
        {
            TNode? roleNode = null;
            if (IsFunction(fn))
            {
                if (fn.Prop("Environment", "Variables") is TMap vars && vars.IntrinsicName is null)
                {
                    foreach (var (k, v) in vars.Entries)
                    {
                        DebugVar(fn, k.Value, v, $"Environment.Variables.{k.Value}");
                    }
                }

                if (fn.Prop("LoggingConfig", "ApplicationLogLevel") is { } all && E.Find(all, x => x.Equals("DEBUG", StringComparison.OrdinalIgnoreCase) || x.Equals("TRACE", StringComparison.OrdinalIgnoreCase)) is { } lv)
                {
                    report.Add(IacRules.DebugLogging, all, fn.Id, "LoggingConfig.ApplicationLogLevel", $"{fn.Id} logs at {lv.Text} level{Desc(lv)}: debug logs carry headers, tokens and secrets.",
                        confidence: Lower(lv, IacRules.DebugLogging), ignored: fn.Ignored);
                }

                roleNode = fn["Role"];
            }
            else if (fn.Is("AWS::StepFunctions::StateMachine"))
            {
                roleNode = fn["RoleArn"];
            }
            else if (fn.Is("AWS::Serverless::StateMachine"))
            {
                roleNode = fn["Role"];
            }

            if (roleNode is not null)
            {
                var key = E.RefTarget(roleNode) is { } rid && t.Resource(rid)?.Is("AWS::IAM::Role") == true ? rid : E.Str(roleNode);
                if (key is not null)
                {
                    if (!roles.TryGetValue(key, out var list))
                    {
                        roles[key] = list = [];
                    }

                    list.Add((fn, roleNode));
                }
            }
        }

        foreach (var (role, users) in roles)
        {
            if (users.Count < 2)
            {
                continue;
            }

            var head = users.Take(6).Select(u => u.R.Id).ToList();
            foreach (var (r, node) in users)
            {
                var others = head.Where(id => id != r.Id).Take(5).ToList();
                var more = users.Count - 1 - others.Count;
                report.Add(IacRules.SharedRole, node, r.Id, "Role",
                    $"{r.Id} shares role {role} with {string.Join(", ", others)}{(more > 0 ? $" and {more} more" : "")}: each gets the union of their permissions.",
                    ignored: r.Ignored);
            }
        }
    }

    private void DebugVar(CfnResource fn, string name, TNode value, string property)
    {
        Val? v = null;
        string? what = null;
        if (LogLevelVars.Contains(name))
        {
            v = E.Find(value, x => x.Trim().Equals("DEBUG", StringComparison.OrdinalIgnoreCase) || x.Trim().Equals("TRACE", StringComparison.OrdinalIgnoreCase) || x.Trim().Equals("ALL", StringComparison.OrdinalIgnoreCase));
            what = $"{name}={v?.Text}: debug logs carry headers, tokens and secrets";
        }
        else if (name.Equals("DEBUG", StringComparison.OrdinalIgnoreCase))
        {
            v = E.Find(value, x => x.Trim() is "1" or "*" || Evaluator.IsTrue(x.Trim()) || x.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase) || x.Trim().Equals("on", StringComparison.OrdinalIgnoreCase));
            what = $"DEBUG={v?.Text}: debug output carries headers, tokens and secrets";
        }
        else if (name.Equals("POWERTOOLS_LOGGER_LOG_EVENT", StringComparison.OrdinalIgnoreCase))
        {
            v = E.Find(value, x => Evaluator.IsTrue(x.Trim()) || x.Trim() == "1");
            what = "POWERTOOLS_LOGGER_LOG_EVENT=true logs every incoming event, Authorization header included";
        }

        if (v is { } found)
        {
            report.Add(IacRules.DebugLogging, value, fn.Id, property, $"{fn.Id}: {what}{Desc(found)}.", confidence: Lower(found, IacRules.DebugLogging), ignored: fn.Ignored);
        }
    }

    private void LogGroups()
    {
        var groups = t.OfType("AWS::Logs::LogGroup").ToList();
        foreach (var g in groups)
        {
            if (g["RetentionInDays"] is null || Evaluator.IsNoValue(g["RetentionInDays"]))
            {
                report.Add(IacRules.LogGroupRetention, g.IdKey, g.Id, "RetentionInDays",
                    $"Log group {g.Id} has no RetentionInDays: events (and any token logged in them) are kept forever.", ignored: g.Ignored);
            }

            if (g["KmsKeyId"] is null || Evaluator.IsNoValue(g["KmsKeyId"]))
            {
                report.Add(IacRules.LogGroupRetention, g.IdKey, g.Id, "KmsKeyId",
                    $"Log group {g.Id} is not encrypted with a customer managed KMS key (no KmsKeyId).", severity: Severity.Low, ignored: g.Ignored);
            }
        }

        var accountPolicy = t.OfType("AWS::Logs::AccountPolicy").Any(p => E.Str(p["PolicyType"]) == "DATA_PROTECTION_POLICY");
        var authorizerFns = AuthorizerFunctions();

        // Index the /aws/lambda/... groups once: by the resource their name refers to, and by their literal name.
        var byTarget = new Dictionary<string, CfnResource>(StringComparer.Ordinal);
        var byName = new Dictionary<string, CfnResource>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var gn = g["LogGroupName"];
            if (gn is null)
            {
                continue;
            }

            var rendered = E.Render(gn);
            if (rendered.StartsWith("/aws/lambda/", StringComparison.Ordinal) && E.RefTarget(gn) is { } target)
            {
                byTarget.TryAdd(target, g);
            }

            if (E.StrOrDefault(gn) is { } literal)
            {
                byName.TryAdd(literal, g);
            }
        }

        foreach (var fn in t.Resources.Where(IsFunction))
        {
            var name = E.StrOrDefault(fn["FunctionName"]);
            CfnResource? group = null;
            if (fn.Prop("LoggingConfig", "LogGroup") is { } lg)
            {
                group = t.Resource(E.RefTarget(lg)) ?? (E.StrOrDefault(lg) is { } lgn ? byName.GetValueOrDefault(lgn) : null);
                if (group is null)
                {
                    continue; // an explicit group outside the template
                }
            }
            else
            {
                group = byTarget.GetValueOrDefault(fn.Id) ?? (name is not null ? byName.GetValueOrDefault("/aws/lambda/" + name) : null);
                if (group is null)
                {
                    report.Add(IacRules.FunctionWithoutLogGroup, fn.IdKey, fn.Id, "LogGroup",
                        $"Function {fn.Id} has no log group in the template: Lambda creates /aws/lambda/{name ?? fn.Id + "-…"} on first use with never-expiring retention.", ignored: fn.Ignored);
                    continue;
                }
            }

            if (accountPolicy || group["DataProtectionPolicy"] is not null)
            {
                continue;
            }

            var why = authorizerFns.Contains(fn.Id) ? "is an API authorizer" : HandlesTokens(fn) is { } v ? $"handles tokens ({v})" : null;
            if (why is not null)
            {
                report.Add(IacRules.NoDataProtection, group.IdKey, group.Id, "DataProtectionPolicy",
                    $"Log group {group.Id} of {fn.Id}, which {why}, has no data-protection policy: tokens it logs are stored in clear.", ignored: group.Ignored);
            }
        }
    }

    private HashSet<string> AuthorizerFunctions()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in t.Resources.Where(r => r.Is("AWS::ApiGateway::Authorizer") || r.Is("AWS::ApiGatewayV2::Authorizer")))
        {
            if (a["AuthorizerUri"] is { } uri)
            {
                foreach (var id in E.ReferencedResources(uri))
                {
                    set.Add(id);
                }
            }
        }

        foreach (var api in t.Resources.Where(r => r.Is("AWS::Serverless::Api") || r.Is("AWS::Serverless::HttpApi")))
        {
            if (api.Prop("Auth", "Authorizers") is TMap auths)
            {
                foreach (var (_, cfg) in auths.Entries)
                {
                    if ((cfg as TMap)?["FunctionArn"] is { } arn && E.RefTarget(arn) is { } id)
                    {
                        set.Add(id);
                    }
                }
            }
        }

        return set;
    }

    private static string? HandlesTokens(CfnResource fn)
    {
        if (fn.Prop("Environment", "Variables") is TMap vars)
        {
            foreach (var (k, _) in vars.Entries)
            {
                if (SecretValues.IsSecretName(k.Value) || k.Value.Contains("JWT", StringComparison.OrdinalIgnoreCase) || k.Value.Contains("JWKS", StringComparison.OrdinalIgnoreCase))
                {
                    return $"environment variable {k.Value}";
                }
            }
        }

        return null;
    }

    // ---------------------------------------------------------------- hard-coded secrets

    private void Scalars(TNode? node, Action<TScalar> each, int depth = 0)
    {
        switch (node)
        {
            case TScalar s:
                each(s);
                break;
            case TMap m when depth < 32:
                foreach (var e in m.Entries)
                {
                    Scalars(e.Value, each, depth + 1);
                }

                break;
            case TSeq q when depth < 32:
                foreach (var i in q.Items)
                {
                    Scalars(i, each, depth + 1);
                }

                break;
        }
    }

    private void HardcodedSecrets()
    {
        foreach (var r in t.Resources)
        {
            switch (r.Type)
            {
                case LambdaFn:
                case SamFn:
                    if (r.Prop("Environment", "Variables") is TMap vars && vars.IntrinsicName is null)
                    {
                        foreach (var (k, v) in vars.Entries)
                        {
                            var key = k.Value;
                            Scalars(v, s => secrets.Check(report, s, key, r.Id, $"Environment.Variables.{key}", "the environment", r.Ignored));
                        }
                    }

                    break;
                case "AWS::EC2::Instance":
                case "AWS::AutoScaling::LaunchConfiguration":
                    Scalars(r["UserData"], s => secrets.Check(report, s, null, r.Id, "UserData", "UserData", r.Ignored));
                    break;
                case "AWS::EC2::LaunchTemplate":
                    Scalars(r.Prop("LaunchTemplateData", "UserData"), s => secrets.Check(report, s, null, r.Id, "LaunchTemplateData.UserData", "UserData", r.Ignored));
                    break;
                case "AWS::ECS::TaskDefinition":
                    if (r["ContainerDefinitions"] is TSeq defs)
                    {
                        foreach (var cd in defs.Items.OfType<TMap>())
                        {
                            NameValueList(r, cd["Environment"], "ContainerDefinitions.Environment", "a container's environment");
                        }
                    }

                    break;
                case "AWS::Batch::JobDefinition":
                    NameValueList(r, r.Prop("ContainerProperties", "Environment"), "ContainerProperties.Environment", "a container's environment");
                    break;
                case "AWS::CodeBuild::Project":
                    NameValueList(r, r.Prop("Environment", "EnvironmentVariables"), "Environment.EnvironmentVariables", "the build environment");
                    break;
                case "AWS::SSM::Parameter":
                    var pname = E.StrOrDefault(r["Name"]) ?? r.Id;
                    var leaf = pname.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? pname;
                    if (r["Value"] is TScalar pv)
                    {
                        secrets.Check(report, pv, leaf, r.Id, "Value", "an SSM parameter", r.Ignored);
                    }

                    var ptype = E.Str(r["Type"]);
                    if (ptype is "String" or "StringList")
                    {
                        var fromSecretParam = r["Value"] is TMap { IntrinsicName: "Ref" } rv && rv["Ref"] is TScalar pn && t.Parameter(pn.Value) is { } par &&
                            (SecretValues.IsSecretName(pn.Value) || par["NoEcho"] is TScalar ne && Evaluator.IsTrue(ne.Value));
                        if (fromSecretParam || SecretValues.IsSecretName(leaf))
                        {
                            report.Add(IacRules.SsmStringSecret, r["Type"]!, r.Id, "Type",
                                $"SSM parameter {pname} holds a secret as a plain {ptype} parameter: anyone with ssm:GetParameter reads it without a KMS grant.", ignored: r.Ignored);
                        }
                    }

                    break;
            }
        }
    }

    private void NameValueList(CfnResource r, TNode? list, string property, string context)
    {
        if (list is not TSeq seq)
        {
            return;
        }

        foreach (var item in seq.Items.OfType<TMap>())
        {
            var name = E.StrOrDefault(item["Name"]) ?? "";
            if (item["Type"] is { } type && E.Str(type) is "PARAMETER_STORE" or "SECRETS_MANAGER")
            {
                continue;
            }

            Scalars(item["Value"], s => secrets.Check(report, s, name, r.Id, $"{property}.{name}", context, r.Ignored));
        }
    }

    private void Parameters()
    {
        if (t.Parameters is null)
        {
            return;
        }

        foreach (var (key, node) in t.Parameters.Entries)
        {
            if (node is not TMap p)
            {
                continue;
            }

            var name = key.Value;
            if (p["Default"] is TScalar d)
            {
                secrets.Check(report, d, name, $"Parameters.{name}", "Default", "the default", null);
            }

            var type = E.Str(p["Type"]) ?? "String";
            if (type.StartsWith("AWS::", StringComparison.Ordinal) || !SecretValues.IsSecretName(name))
            {
                continue;
            }

            var noEcho = p["NoEcho"];
            if (noEcho is null || (E.Str(noEcho) is { } ne && Evaluator.IsFalse(ne)))
            {
                report.Add(IacRules.ParameterWithoutNoEcho, noEcho ?? key, $"Parameters.{name}", "NoEcho",
                    $"Parameter {name} looks like a secret but is not NoEcho: DescribeStacks and the console show its value." + (p["Default"] is not null ? " Its Default puts the value into the template." : ""));
            }
        }
    }

    private void Outputs()
    {
        if (t.Outputs is null)
        {
            return;
        }

        foreach (var (key, node) in t.Outputs.Entries)
        {
            if (node is not TMap o || o["Value"] is not { } value)
            {
                continue;
            }

            Scalars(value, s =>
            {
                if (s.Kind != ScalarKind.Null)
                {
                    secrets.Check(report, s, key.Value, $"Outputs.{key.Value}", "Value", "an output", null);
                }
            });

            string? why = null;
            foreach (var (fn, arg) in Intrinsics(value))
            {
                if (fn == "Fn::GetAtt" && arg is TSeq { Items.Count: 2 } ga && ga.Items[0] is TScalar res && ga.Items[1] is TScalar attr)
                {
                    var target = t.Resource(res.Value);
                    if (target?.Is("AWS::IAM::AccessKey") == true && attr.Value == "SecretAccessKey")
                    {
                        why = $"the secret access key of {res.Value}";
                    }
                    else if (attr.Value.Contains("Secret", StringComparison.Ordinal) && target?.Is("AWS::Cognito::UserPoolClient") == true)
                    {
                        why = $"the client secret of {res.Value}";
                    }
                }
                else if (fn == "Fn::Sub" && (arg as TScalar ?? (arg as TSeq)?.Items.FirstOrDefault() as TScalar) is { } sub)
                {
                    foreach (var v in Evaluator.SubVariables(sub.Value))
                    {
                        var parts = v.Split('.');
                        if (parts.Length == 2 && t.Resource(parts[0])?.Is("AWS::IAM::AccessKey") == true && parts[1] == "SecretAccessKey")
                        {
                            why = $"the secret access key of {parts[0]}";
                        }
                        else if (parts.Length == 1 && t.Parameter(v) is { } par && (par["NoEcho"] is TScalar ne && Evaluator.IsTrue(ne.Value)))
                        {
                            why = $"NoEcho parameter {v}";
                        }
                    }
                }
                else if (fn == "Ref" && arg is TScalar r && t.Parameter(r.Value) is { } par)
                {
                    if (par["NoEcho"] is TScalar ne && Evaluator.IsTrue(ne.Value))
                    {
                        why = $"NoEcho parameter {r.Value}";
                    }
                    else if (SecretValues.IsSecretName(r.Value))
                    {
                        why = $"secret-like parameter {r.Value}";
                    }
                }
            }

            if (why is not null)
            {
                report.Add(IacRules.OutputExposesSecret, value, $"Outputs.{key.Value}", "Value",
                    $"Output {key.Value} publishes {why}: stack outputs are readable with cloudformation:DescribeStacks.");
            }
        }
    }

    private static IEnumerable<(string Fn, TNode Arg)> Intrinsics(TNode node)
    {
        var stack = new Stack<TNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case TMap m:
                    if (m.IntrinsicName is { } fn)
                    {
                        yield return (fn, m.Entries[0].Value);
                    }

                    foreach (var e in m.Entries)
                    {
                        stack.Push(e.Value);
                    }

                    break;
                case TSeq s:
                    foreach (var i in s.Items)
                    {
                        stack.Push(i);
                    }

                    break;
            }
        }
    }

    // ---------------------------------------------------------------- Cognito

    private void Cognito()
    {
        foreach (var c in t.OfType("AWS::Cognito::UserPoolClient"))
        {
            var units = c["TokenValidityUnits"] as TMap;
            CheckValidity(c, "AccessTokenValidity", units?["AccessToken"], "hours", 3600, "access token");
            CheckValidity(c, "IdTokenValidity", units?["IdToken"], "hours", 3600, "ID token");
            CheckValidity(c, "RefreshTokenValidity", units?["RefreshToken"], "days", 30 * 86400, "refresh token");
            if (c["EnableTokenRevocation"] is { } rev && E.Find(rev, Evaluator.IsFalse) is { } v)
            {
                report.Add(IacRules.RevocationDisabled, rev, c.Id, "EnableTokenRevocation",
                    $"App client {c.Id} cannot revoke refresh tokens (EnableTokenRevocation: false{Desc(v)}): a leaked refresh token works until it expires.",
                    confidence: Lower(v, IacRules.RevocationDisabled), ignored: c.Ignored);
            }

            if (c["ExplicitAuthFlows"] is TSeq flows)
            {
                foreach (var f in flows.Items)
                {
                    if (E.Find(f, x => x is "ALLOW_USER_PASSWORD_AUTH" or "USER_PASSWORD_AUTH" or "ADMIN_NO_SRP_AUTH" or "ALLOW_ADMIN_USER_PASSWORD_AUTH") is { } fv)
                    {
                        report.Add(IacRules.PasswordAuthFlow, f, c.Id, "ExplicitAuthFlows",
                            $"App client {c.Id} allows {fv.Text}: the plain password is sent to the backend instead of SRP.", ignored: c.Ignored);
                    }
                }
            }
        }
    }

    /// <summary>Seconds for a validity value in a unit (seconds/minutes/hours/days).</summary>
    public static double? Seconds(string value, string unit)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return unit.ToLowerInvariant() switch
        {
            "seconds" => n,
            "minutes" => n * 60,
            "hours" => n * 3600,
            "days" => n * 86400,
            _ => null,
        };
    }

    public static string Human(double seconds) =>
        seconds >= 86400 && seconds % 86400 == 0 ? $"{seconds / 86400:0} days" :
        seconds >= 3600 && seconds % 3600 == 0 ? $"{seconds / 3600:0} hours" :
        seconds >= 60 && seconds % 60 == 0 ? $"{seconds / 60:0} minutes" : $"{seconds:0} seconds";

    private void CheckValidity(CfnResource c, string property, TNode? unitNode, string defaultUnit, double max, string what)
    {
        if (c[property] is not { } node)
        {
            return;
        }

        var unit = unitNode is null ? defaultUnit : E.StrOrDefault(unitNode);
        if (unit is null)
        {
            return;
        }

        foreach (var v in E.Values(node))
        {
            if (v.Text is { } text && Seconds(text, unit) is { } secs && secs > max)
            {
                report.Add(IacRules.LongTokenValidity, node, c.Id, property,
                    $"App client {c.Id} issues {what}s valid for {Human(secs)} (limit {Human(max)}){Desc(v)}: a leaked {what} works that long.",
                    confidence: Lower(v, IacRules.LongTokenValidity), ignored: c.Ignored);
                break;
            }
        }
    }

    // ---------------------------------------------------------------- IAM

    private void Iam()
    {
        foreach (var r in t.Resources)
        {
            switch (r.Type)
            {
                case "AWS::IAM::Role":
                    if (r["AssumeRolePolicyDocument"] is TMap trust)
                    {
                        PolicyChecks.Trust(trust, report, r.Id, "AssumeRolePolicyDocument", r.Ignored, E.Render);
                    }

                    InlinePolicies(r, r["Policies"]);
                    break;
                case "AWS::IAM::User":
                case "AWS::IAM::Group":
                    InlinePolicies(r, r["Policies"]);
                    break;
                case "AWS::IAM::Policy":
                case "AWS::IAM::ManagedPolicy":
                case "AWS::IAM::RolePolicy":
                    if (r["PolicyDocument"] is TMap doc)
                    {
                        PolicyChecks.Permissions(doc, report, r.Id, "PolicyDocument", r.Ignored, E.Render);
                    }

                    break;
                case SamFn:
                case "AWS::Serverless::StateMachine":
                    var policies = r["Policies"];
                    var list = policies is TSeq s ? s.Items : policies is null ? [] : [policies];
                    foreach (var p in list)
                    {
                        if (p is TMap pm && pm["Statement"] is not null)
                        {
                            PolicyChecks.Permissions(pm, report, r.Id, "Policies", r.Ignored, E.Render);
                        }
                    }

                    break;
            }
        }
    }

    private void InlinePolicies(CfnResource r, TNode? policies)
    {
        if (policies is not TSeq seq)
        {
            return;
        }

        foreach (var p in seq.Items.OfType<TMap>())
        {
            if (p["PolicyDocument"] is TMap doc)
            {
                PolicyChecks.Permissions(doc, report, r.Id, $"Policies.{E.StrOrDefault(p["PolicyName"]) ?? "?"}", r.Ignored, E.Render);
            }
        }
    }

    // ---------------------------------------------------------------- rotation

    private void Rotation()
    {
        var rotated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rs in t.OfType("AWS::SecretsManager::RotationSchedule"))
        {
            if (E.RefTarget(rs["SecretId"]) is { } id)
            {
                rotated.Add(id);
            }
        }

        foreach (var s in t.OfType("AWS::SecretsManager::Secret"))
        {
            if (!rotated.Contains(s.Id))
            {
                report.Add(IacRules.NoRotation, s.IdKey, s.Id, "RotationSchedule",
                    $"Secret {s.Id} has no AWS::SecretsManager::RotationSchedule in the template: a leaked value stays valid indefinitely.", ignored: s.Ignored);
            }
        }

        foreach (var k in t.OfType("AWS::IAM::AccessKey"))
        {
            if (E.Str(k["Status"]) == "Inactive")
            {
                continue;
            }

            report.Add(IacRules.UserAccessKey, k.IdKey, k.Id, "AccessKey",
                $"{k.Id} creates a long-term access key for IAM user {E.Render(k["UserName"])}: long-term keys do not expire and leak through outputs, state and CI settings.", ignored: k.Ignored);
        }
    }
}
