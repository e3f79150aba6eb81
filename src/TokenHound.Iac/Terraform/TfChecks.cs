using TokenHound.Core;
using TokenHound.Iac.Checks;
using TokenHound.Iac.CloudFormation;
using TokenHound.Iac.Model;
using TokenHound.Iac.Rules;

namespace TokenHound.Iac.Terraform;

/// <summary>
/// The IaC rules on a Terraform module; findings are reported for blocks of the current file only, or, with
/// <paramref name="wholeModule"/> (a module followed from a calling module block), for resources of every file of the
/// module, filtered by the reporter to values the caller passed in (variable, provider and output blocks are then left
/// to the module's own analysis).
/// </summary>
public sealed class TfChecks(TfModule m, TfFile current, IacReporter report, SecretValues secrets, bool wholeModule = false)
{
    private static readonly HashSet<string> NoIgnores = [];

    private static string? Lit(TNode? n) => TfModule.Lit(n);

    /// <summary>Missing, or null (plan JSON writes unset attributes as null).</summary>
    private static bool Absent(TNode? n) => n is null or TScalar { IsNull: true };

    private bool Here(TfResource r) => wholeModule || ReferenceEquals(r.File, current);

    /// <summary>
    /// Secrets engine on a literal: only literals written in the file being analyzed (a variable default or local of
    /// another file is checked when that file is analyzed), or, in a followed module, passed in by the caller.
    /// </summary>
    private void CheckSecret(TScalar s, string? key, string resource, string property, string context)
    {
        if (report.Accepts(s) && (wholeModule || s.File is null || ReferenceEquals(s.File, current)))
        {
            secrets.Check(report, s, key, resource, property, context, null);
        }
    }

    private IEnumerable<TfResource> Mine(string type) => m.OfType(type).Where(Here);

    private static string Render(TNode? n, int depth) => n is TScalar s ? s.Value : "";

    public void Run()
    {
        Authorizers();
        Routes();
        FunctionUrls();
        StagesAndLogging();
        StateMachines();
        Functions();
        LogGroups();
        Secrets();
        Cognito();
        Iam();
        Rotation();
    }

    private void Authorizers()
    {
        foreach (var a in Mine("aws_api_gateway_authorizer"))
        {
            if (Lit(a.Node["type"]) != "COGNITO_USER_POOLS" || a.Node["provider_arns"] is not { } arns)
            {
                continue;
            }

            var scoped = m.OfType("aws_api_gateway_method").Any(x => TfModule.RefOf(x.Node["authorizer_id"]) == a.Address && x.Node["authorization_scopes"] is TSeq { Items.Count: > 0 });
            var items = arns is TSeq s ? s.Items : [arns];
            foreach (var item in items)
            {
                var pool = TfModule.RefOf(item);
                if (scoped || pool is null || !pool.StartsWith("aws_cognito_user_pool.", StringComparison.Ordinal))
                {
                    continue;
                }

                var n = m.OfType("aws_cognito_user_pool_client").Count(c => TfModule.RefOf(c.Node["user_pool_id"]) == pool);
                if (n >= 2)
                {
                    report.Add(IacRules.CognitoAuthorizerAnyClient, arns, a.Address, "provider_arns",
                        $"Cognito authorizer {a.Address} accepts tokens of all {n} app clients of {pool}; no method using it requires authorization scopes.");
                    break;
                }
            }
        }

        foreach (var a in Mine("aws_apigatewayv2_authorizer"))
        {
            if (Lit(a.Node["authorizer_type"]) != "JWT")
            {
                continue;
            }

            var jwt = TfModule.Block(a.Node, "jwt_configuration");
            if (jwt is null)
            {
                report.Add(IacRules.JwtAuthorizerNoAudience, a.Node["authorizer_type"]!, a.Address, "jwt_configuration",
                    $"JWT authorizer {a.Address} has no jwt_configuration: neither issuer nor audience is checked.");
                continue;
            }

            var missing = new List<string>();
            if (jwt["audience"] is null or TSeq { Items.Count: 0 } or TScalar { IsNull: true })
            {
                missing.Add("audience");
            }

            if (jwt["issuer"] is null or TScalar { IsNull: true })
            {
                missing.Add("issuer");
            }

            if (missing.Count > 0)
            {
                report.Add(IacRules.JwtAuthorizerNoAudience, jwt, a.Address, "jwt_configuration",
                    $"JWT authorizer {a.Address} has no {string.Join(" and no ", missing)}: " +
                    (missing.Contains("audience") ? "tokens the issuer minted for any other application are accepted." : "the token issuer is not pinned."));
            }
        }
    }

    private void Routes()
    {
        foreach (var r in Mine("aws_api_gateway_method"))
        {
            if (Lit(r.Node["http_method"]) is { } verb && verb.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (r.Node["authorization"] is { } at && Lit(at) == "NONE")
            {
                report.Add(IacRules.RouteWithoutAuthorization, at, r.Address, "authorization",
                    $"Method {r.Address} ({Lit(r.Node["http_method"]) ?? "?"}) has authorization NONE: it can be called without a token.");
            }
        }

        foreach (var r in Mine("aws_apigatewayv2_route"))
        {
            var key = Lit(r.Node["route_key"]);
            if (key is null || key.StartsWith("OPTIONS ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var api = m.ByAddress(TfModule.RefOf(r.Node["api_id"]));
            var ws = api is not null ? Lit(api.Node["protocol_type"]) == "WEBSOCKET" : key.StartsWith('$') && key != "$default";
            if (ws && key != "$connect")
            {
                continue;
            }

            if (r.Node["authorization_type"] is { } at)
            {
                if (Lit(at) == "NONE")
                {
                    report.Add(IacRules.RouteWithoutAuthorization, at, r.Address, "authorization_type", $"Route '{key}' ({r.Address}) has authorization_type NONE: it can be called without a token.");
                }
            }
            else if (key.Contains(' ') || key == "$connect")
            {
                report.Add(IacRules.RouteWithoutAuthorization, r.Node["route_key"]!, r.Address, "authorization_type",
                    $"Route '{key}' ({r.Address}) sets no authorization_type (default NONE): it can be called without a token.");
            }
        }
    }

    private void FunctionUrls()
    {
        foreach (var u in Mine("aws_lambda_function_url"))
        {
            if (u.Node["authorization_type"] is { } at && Lit(at) == "NONE")
            {
                report.Add(IacRules.FunctionUrlNoAuth, at, u.Address, "authorization_type",
                    $"Function URL {u.Address} for {Render(u.Node["function_name"], 0)} has authorization_type NONE: anyone on the internet can invoke it.");
            }
        }
    }

    private void DataTrace(TfResource r, TMap settings, string property)
    {
        if (settings["data_trace_enabled"] is { } dt && TfModule.IsTrue(dt))
        {
            report.Add(IacRules.DataTrace, dt, r.Address, property + ".data_trace_enabled",
                $"{r.Address} logs full requests and responses (data_trace_enabled = true): Authorization headers and token responses go to CloudWatch Logs.");
        }
    }

    private void AccessLog(TfResource r)
    {
        if (TfModule.Block(r.Node, "access_log_settings")?["format"] is { } format)
        {
            var vars = CfnChecks.TokenLogVariables(TfModule.AllText(format));
            if (vars.Count > 0)
            {
                report.Add(IacRules.AccessLogToken, format, r.Address, "access_log_settings.format",
                    $"Access-log format of {r.Address} records {string.Join(", ", vars)}: authorizer context and auth headers carry tokens and claims.");
            }
        }
    }

    private void StagesAndLogging()
    {
        foreach (var r in Mine("aws_api_gateway_method_settings"))
        {
            foreach (var s in TfModule.Blocks(r.Node, "settings"))
            {
                DataTrace(r, s, "settings");
            }
        }

        foreach (var r in Mine("aws_api_gateway_stage"))
        {
            AccessLog(r);
        }

        foreach (var r in Mine("aws_apigatewayv2_stage"))
        {
            AccessLog(r);
            foreach (var s in TfModule.Blocks(r.Node, "default_route_settings"))
            {
                DataTrace(r, s, "default_route_settings");
            }

            foreach (var s in TfModule.Blocks(r.Node, "route_settings"))
            {
                DataTrace(r, s, "route_settings");
            }
        }
    }

    private void StateMachines()
    {
        foreach (var r in Mine("aws_sfn_state_machine"))
        {
            var logging = TfModule.Block(r.Node, "logging_configuration");
            if (logging?["include_execution_data"] is { } ied && TfModule.IsTrue(ied))
            {
                report.Add(IacRules.SfnExecutionData, ied, r.Address, "logging_configuration.include_execution_data",
                    $"State machine {r.Address} logs every state's input and output (include_execution_data = true): tokens in the workflow end up in CloudWatch Logs.");
            }

            if (Document(r.Node["definition"], r.Address) is TMap def && AslChecks.IsDefinition(def))
            {
                AslChecks.Check(def, report, r.Address, NoIgnores);
            }
            else if (!wholeModule && r.Block.Body.Attribute("definition")?.Value is HCall { Name: "templatefile", Args.Count: 2 } call)
            {
                TemplateFileDefinition(r, call);
            }
        }
    }

    /// <summary>
    /// definition = templatefile("${path.module}/statemachine/x.asl.json", { FunctionArn = …, ApiKey = … }): the file is
    /// read (inside the scanned tree), `${name}` placeholders get the static values of the variables map (others are
    /// unknown), and the findings are reported in the ASL file — the Terraform counterpart of DefinitionSubstitutions.
    /// </summary>
    private void TemplateFileDefinition(TfResource r, HCall call)
    {
        var source = report.File;
        if (source.FullPath is null || source.Commit is not null || TemplatePath(call.Args[0], r.File) is not { } relative)
        {
            return;
        }

        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(r.File.FullPath))!, relative));
        var root = Path.GetFullPath(source.Root ?? Path.GetDirectoryName(Path.GetFullPath(source.FullPath))!);
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full))
        {
            return;
        }

        if (DocumentLoader.ReadReferenced(full, out var error) is not { } text)
        {
            if (error is not null)
            {
                report.Warn(m.Expr(call, r.File, 0).Line, $"cannot read {relative}: {error}");
            }

            return;
        }

        if (text.Contains("%{", StringComparison.Ordinal) || !text.AsSpan().TrimStart().StartsWith("{"))
        {
            return; // template directives or a non-JSON template: not evaluated
        }

        var vars = m.Expr(call.Args[1], r.File, 0) as TMap;
        var substitution = new DefinitionSubstitution(name => Lit(vars?[name]));
        var rel = Path.GetRelativePath(root, full).Replace('\\', '/');
        var asl = new SourceFile { Path = rel, FullPath = full, Text = text, Root = source.Root, Commit = source.Commit };
        if (DocumentLoader.Load(substitution.PrepareJson(text), rel, report.Sink, "state machine definition") is TMap def && AslChecks.IsDefinition(def))
        {
            AslChecks.Check(substitution.Apply(def), new IacReporter(asl, report.Sink), r.Display, NoIgnores);
        }
    }

    /// <summary>The path argument of templatefile(): a literal, or "${path.module}/…" / "${path.root}/…" (relative to the module folder).</summary>
    private static string? TemplatePath(HExpr e, TfFile f)
    {
        switch (e)
        {
            case HLiteral { Kind: HLitKind.String } lit:
                return lit.Value;
            case HTemplate { HasDirectives: false } t:
            {
                var sb = new System.Text.StringBuilder();
                for (var i = 0; i < t.Parts.Count; i++)
                {
                    switch (t.Parts[i])
                    {
                        case string str:
                            sb.Append(str);
                            break;
                        case HTraversal { Root: HVariable { Name: "path" }, Steps: [HAttrStep { Name: "module" or "root" or "cwd" }] } when i == 0:
                            sb.Append('.');
                            break;
                        default:
                            return null;
                    }
                }

                return sb.ToString();
            }

            default:
                return null;
        }
    }

    /// <summary>A JSON document given as jsonencode(...) (already a map) or as a literal/heredoc string.</summary>
    private TNode? Document(TNode? n, string owner)
    {
        switch (n)
        {
            case TMap map:
                return map;
            case TScalar { Tag: null } s when s.Value.TrimStart().StartsWith('{'):
                var warnings = new List<(int, string)>();
                try
                {
                    var first = s.Kind == ScalarKind.Literal ? s.Line + 1 : s.Line;
                    var doc = JsonLoader.Load(s.Value, warnings, first);
                    if (s.Kind != ScalarKind.Literal)
                    {
                        Flatten(doc, s.Line, s.Column);
                    }

                    return doc;
                }
                catch (ParseException e)
                {
                    report.Warn(e.Line, $"JSON document of {owner} is not valid: {e.Message}");
                    return null;
                }

            case TScalar { Tag: "!hcl" } r when TfModule.RefOf(r) is { } addr && addr.StartsWith("data.aws_iam_policy_document.", StringComparison.Ordinal):
                var data = m.ByAddress(addr);
                return data is null ? null : PolicyDocument(data);
            default:
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
            if (x is TMap mm)
            {
                foreach (var e in mm.Entries)
                {
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

    /// <summary>data "aws_iam_policy_document": statement blocks as an IAM JSON document (nodes keep their .tf lines).</summary>
    private TMap? PolicyDocument(TfResource data)
    {
        if (!Here(data))
        {
            return null; // reported when its own file is analyzed
        }

        var doc = new TMap { Line = data.Node.Line, Column = data.Node.Column };
        var statements = new TSeq { Line = data.Node.Line, Column = data.Node.Column };
        foreach (var st in TfModule.Blocks(data.Node, "statement"))
        {
            var s = new TMap { Line = st.Line, Column = st.Column };
            void Copy(string from, string to)
            {
                if (st[from] is { } v)
                {
                    s.Add(new TScalar { Value = to, Line = v.KeyLine, Column = v.KeyColumn }, v);
                    v.KeyLine = v.KeyLine == 0 ? v.Line : v.KeyLine;
                }
            }

            if (st["effect"] is null)
            {
                s.Add(new TScalar { Value = "Effect", Line = st.Line }, new TScalar { Value = "Allow", Line = st.Line });
            }
            else
            {
                Copy("effect", "Effect");
            }

            Copy("actions", "Action");
            Copy("not_actions", "NotAction");
            Copy("resources", "Resource");
            Copy("not_resources", "NotResource");
            var principals = TfModule.Blocks(st, "principals").ToList();
            if (principals.Count > 0)
            {
                var p = new TMap { Line = principals[0].Line, Column = principals[0].Column };
                foreach (var pr in principals)
                {
                    var type = Lit(pr["type"]) ?? "?";
                    var ids = pr["identifiers"];
                    if (type == "*" && ids is not null)
                    {
                        p.Add(new TScalar { Value = "AWS", Line = pr.Line }, ids);
                    }
                    else if (ids is not null)
                    {
                        p.Add(new TScalar { Value = type, Line = pr.Line }, ids);
                    }
                }

                s.Add(new TScalar { Value = "Principal", Line = p.Line }, p);
            }

            var conditions = TfModule.Blocks(st, "condition").ToList();
            if (conditions.Count > 0)
            {
                var c = new TMap { Line = conditions[0].Line };
                c.Add(new TScalar { Value = "terraform", Line = c.Line }, conditions[0]);
                s.Add(new TScalar { Value = "Condition", Line = c.Line }, c);
            }

            statements.Items.Add(s);
        }

        doc.Add(new TScalar { Value = "Statement", Line = doc.Line }, statements);
        return doc;
    }

    private static readonly HashSet<string> LogLevelVars = new(StringComparer.OrdinalIgnoreCase)
    {
        "LOG_LEVEL", "POWERTOOLS_LOG_LEVEL", "AWS_LAMBDA_LOG_LEVEL", "LOGLEVEL", "LOGGING_LEVEL", "LOGGER_LEVEL", "APP_LOG_LEVEL", "NODE_LOG_LEVEL",
    };

    private void Functions()
    {
        foreach (var fn in Mine("aws_lambda_function"))
        {
            if (TfModule.Block(fn.Node, "environment")?["variables"] is TMap vars)
            {
                foreach (var (k, v) in vars.Entries)
                {
                    var value = Lit(v)?.Trim();
                    if (value is null)
                    {
                        continue;
                    }

                    string? what = null;
                    if (LogLevelVars.Contains(k.Value) && value.ToUpperInvariant() is "DEBUG" or "TRACE" or "ALL")
                    {
                        what = $"{k.Value}={value}: debug logs carry headers, tokens and secrets";
                    }
                    else if (k.Value.Equals("DEBUG", StringComparison.OrdinalIgnoreCase) && (value is "1" or "*" || value.Equals("true", StringComparison.OrdinalIgnoreCase)))
                    {
                        what = $"DEBUG={value}: debug output carries headers, tokens and secrets";
                    }
                    else if (k.Value.Equals("POWERTOOLS_LOGGER_LOG_EVENT", StringComparison.OrdinalIgnoreCase) && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase)))
                    {
                        what = "POWERTOOLS_LOGGER_LOG_EVENT=true logs every incoming event, Authorization header included";
                    }

                    if (what is not null)
                    {
                        report.Add(IacRules.DebugLogging, v, fn.Address, $"environment.variables.{k.Value}", $"{fn.Display}: {what}.");
                    }
                }
            }

            if (TfModule.Block(fn.Node, "logging_config")?["application_log_level"] is { } lvl && Lit(lvl)?.ToUpperInvariant() is "DEBUG" or "TRACE")
            {
                report.Add(IacRules.DebugLogging, lvl, fn.Address, "logging_config.application_log_level", $"{fn.Display} logs at {Lit(lvl)} level: debug logs carry headers, tokens and secrets.");
            }
        }

        var roles = new Dictionary<string, List<(TfResource R, TNode Node)>>(StringComparer.Ordinal);
        foreach (var r in m.Resources.Where(r => r.Kind == "resource" && r.Type is "aws_lambda_function" or "aws_sfn_state_machine"))
        {
            var node = r.Node[r.Type == "aws_lambda_function" ? "role" : "role_arn"];
            var key = TfModule.RefOf(node) ?? Lit(node);
            if (node is null || key is null || (r.Node["for_each"] is not null || r.Node["count"] is not null))
            {
                continue;
            }

            if (!roles.TryGetValue(key, out var list))
            {
                roles[key] = list = [];
            }

            list.Add((r, node));
        }

        foreach (var (role, users) in roles)
        {
            if (users.Count < 2)
            {
                continue;
            }

            foreach (var (r, node) in users.Where(u => Here(u.R)))
            {
                var others = users.Where(u => u.R != r).Select(u => u.R.Address).ToList();
                report.Add(IacRules.SharedRole, node, r.Address, "role",
                    $"{r.Address} shares role {role} with {string.Join(", ", others.Take(5))}{(others.Count > 5 ? $" and {others.Count - 5} more" : "")}: each gets the union of their permissions.");
            }
        }
    }

    private void LogGroups()
    {
        foreach (var g in Mine("aws_cloudwatch_log_group"))
        {
            var ret = g.Node["retention_in_days"];
            if (Absent(ret) || Lit(ret) == "0")
            {
                report.Add(IacRules.LogGroupRetention, ret is TScalar { IsNull: false } ? ret : g.Node, g.Address, "retention_in_days",
                    $"Log group {g.Address} has no retention_in_days: events (and any token logged in them) are kept forever.");
            }

            if (Absent(g.Node["kms_key_id"]))
            {
                report.Add(IacRules.LogGroupRetention, g.Node, g.Address, "kms_key_id",
                    $"Log group {g.Address} is not encrypted with a customer managed KMS key (no kms_key_id).", severity: Severity.Low);
            }
        }

        var groups = m.OfType("aws_cloudwatch_log_group").ToList();
        DataProtection(groups);
        foreach (var fn in Mine("aws_lambda_function"))
        {
            if (!Absent(TfModule.Block(fn.Node, "logging_config")?["log_group"]))
            {
                continue;
            }

            var fnName = fn.Node["function_name"] is TScalar fs ? fs.Value : null;
            var found = groups.Any(g => g.Node["name"] is TScalar gn &&
                (gn.Value.Contains($"{fn.Address}.", StringComparison.Ordinal) || gn.Value.Contains($"{fn.Address}[", StringComparison.Ordinal) || (fnName is not null && gn.Value == "/aws/lambda/" + fnName)));
            if (!found)
            {
                report.Add(IacRules.FunctionWithoutLogGroup, fn.Node, fn.Address, "log_group",
                    $"Function {fn.Address} has no aws_cloudwatch_log_group in the module: Lambda creates /aws/lambda/{fnName ?? fn.Name} on first use with never-expiring retention.");
            }
        }
    }

    /// <summary>THI012: log groups of authorizer / token-handling functions without a data-protection policy.</summary>
    private void DataProtection(List<TfResource> groups)
    {
        if (m.OfType("aws_cloudwatch_log_account_policy").Any(p => Lit(p.Node["policy_type"]) == "DATA_PROTECTION_POLICY"))
        {
            return;
        }

        var protectedGroups = m.OfType("aws_cloudwatch_log_data_protection_policy").Select(p => TfModule.RefOf(p.Node["log_group_name"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var authorizers = m.Resources.Where(r => r.Kind == "resource" && r.Type is "aws_api_gateway_authorizer" or "aws_apigatewayv2_authorizer")
            .Select(r => TfModule.RefOf(r.Node["authorizer_uri"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var g in groups.Where(Here))
        {
            if (protectedGroups.Contains(g.Address) || g.Node["name"] is not TScalar name)
            {
                continue;
            }

            foreach (var fn in m.OfType("aws_lambda_function"))
            {
                var fnName = fn.Node["function_name"] is TScalar fs ? fs.Value : null;
                if (!name.Value.Contains($"{fn.Address}.", StringComparison.Ordinal) && !(fnName is not null && name.Value == "/aws/lambda/" + fnName))
                {
                    continue;
                }

                string? why = authorizers.Contains(fn.Address) ? "is an API authorizer" : null;
                if (why is null && TfModule.Block(fn.Node, "environment")?["variables"] is TMap vars)
                {
                    var k = vars.Entries.FirstOrDefault(e => SecretValues.IsSecretName(e.Key.Value) || e.Key.Value.Contains("JWT", StringComparison.OrdinalIgnoreCase) || e.Key.Value.Contains("JWKS", StringComparison.OrdinalIgnoreCase)).Key;
                    why = k is null ? null : $"handles tokens (environment variable {k.Value})";
                }

                if (why is not null)
                {
                    report.Add(IacRules.NoDataProtection, g.Node, g.Address, "data_protection_policy",
                        $"Log group {g.Address} of {fn.Address}, which {why}, has no aws_cloudwatch_log_data_protection_policy: tokens it logs are stored in clear.");
                }

                break;
            }
        }
    }

    private void Secrets()
    {
        foreach (var (block, file, node) in m.Providers)
        {
            if (wholeModule || !ReferenceEquals(file, current) || block.Labels[0] != "aws")
            {
                continue;
            }

            foreach (var key in new[] { "access_key", "secret_key", "token" })
            {
                if (node[key] is TScalar { Tag: null } s)
                {
                    CheckSecret(s, key == "secret_key" ? "aws_secret_access_key" : key, "provider.aws", key, "the aws provider");
                }
            }
        }

        foreach (var (name, (block, file, node)) in m.Variables)
        {
            if (wholeModule || !ReferenceEquals(file, current))
            {
                continue;
            }

            if (node["default"] is TScalar { Tag: null } d)
            {
                CheckSecret(d, name, $"var.{name}", "default", "the default");
            }

            var type = node["type"] is TScalar t ? t.Value : "string";
            if (SecretValues.IsSecretName(name) && type.Contains("string", StringComparison.Ordinal) && !TfModule.IsTrue(node["sensitive"]))
            {
                report.Add(IacRules.ParameterWithoutNoEcho, (TNode?)node["sensitive"] ?? node, $"var.{name}", "sensitive",
                    $"Variable {name} looks like a secret but is not sensitive = true: plans and outputs show its value." + (node["default"] is not null ? " Its default puts the value into the code." : ""));
            }
        }

        // Literals in `locals` of this file (a map of settings handed to several resources, for_each collections): checked
        // where they are written, so that a local used from another file is still reported once, at its own line.
        if (!wholeModule)
        {
            foreach (var (name, expr, file) in m.Locals)
            {
                if (ReferenceEquals(file, current))
                {
                    LocalSecrets(m.Expr(expr, file, 0), name, $"local.{name}", 0);
                }
            }
        }

        foreach (var r in Mine("aws_ssm_parameter"))
        {
            var pname = Lit(r.Node["name"]) ?? r.Name;
            var leaf = pname.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? pname;
            if (r.Node["value"] is TScalar { Tag: null } v)
            {
                CheckSecret(v, leaf, r.Display, "value", "an SSM parameter");
            }

            if (r.Node["type"] is { } type && Lit(type) is "String" or "StringList" &&
                (SecretValues.IsSecretName(leaf) || SecretValues.IsSecretName(r.Name) || (r.Node["value"] is TScalar { Tag: "!hcl" } rv && (rv.Value.Contains("random_password.", StringComparison.Ordinal) || rv.Value.Contains(".secret", StringComparison.Ordinal)))))
            {
                report.Add(IacRules.SsmStringSecret, type, r.Address, "type",
                    $"SSM parameter {pname} holds a secret as a plain {Lit(type)} parameter: anyone with ssm:GetParameter reads it; use type = \"SecureString\".");
            }
        }

        foreach (var r in Mine("aws_lambda_function"))
        {
            if (TfModule.Block(r.Node, "environment")?["variables"] is TMap vars)
            {
                foreach (var (k, v) in vars.Entries)
                {
                    if (v is TScalar { Tag: null } s)
                    {
                        CheckSecret(s, k.Value, r.Display, $"environment.variables.{k.Value}", "the environment");
                    }
                }
            }
        }

        foreach (var r in Mine("aws_ecs_task_definition"))
        {
            if (r.Node["container_definitions"] is TSeq defs)
            {
                foreach (var cd in defs.Items.OfType<TMap>())
                {
                    foreach (var env in (cd["environment"] as TSeq)?.Items.OfType<TMap>() ?? [])
                    {
                        var name = Lit(env["name"]) ?? "";
                        if (env["value"] is TScalar { Tag: null } s)
                        {
                            CheckSecret(s, name, r.Display, $"container_definitions.environment.{name}", "a container's environment");
                        }
                    }
                }
            }
        }

        foreach (var r in m.Resources.Where(x => Here(x) && x.Kind == "resource" && x.Type is "aws_instance" or "aws_launch_template" or "aws_launch_configuration"))
        {
            if (r.Node["user_data"] is TScalar s)
            {
                CheckSecret(s, null, r.Display, "user_data", "user_data");
            }
        }

        foreach (var (block, file, node) in m.Outputs)
        {
            if (wholeModule || !ReferenceEquals(file, current) || node["value"] is not { } value || TfModule.IsTrue(node["sensitive"]))
            {
                continue;
            }

            var name = block.Labels[0];
            var text = TfModule.AllText(value);
            string? why = null;
            foreach (var pattern in new[] { ("aws_iam_access_key.", ".secret"), ("aws_iam_access_key.", ".ses_smtp_password_v4"), ("random_password.", ".result"), ("aws_db_instance.", ".password"), ("aws_cognito_user_pool_client.", ".client_secret"), ("aws_secretsmanager_secret_version.", ".secret_string") })
            {
                var i = text.IndexOf(pattern.Item1, StringComparison.Ordinal);
                if (i >= 0 && text.IndexOf(pattern.Item2, i, StringComparison.Ordinal) is var j and > 0)
                {
                    var end = j + pattern.Item2.Length;
                    if (end >= text.Length || !char.IsLetterOrDigit(text[end]) && text[end] != '_')
                    {
                        why = text[i..end];
                        break;
                    }
                }
            }

            if (why is null)
            {
                foreach (var (vn, v) in m.Variables)
                {
                    if (text.Contains("var." + vn, StringComparison.Ordinal) && (TfModule.IsTrue(v.Node["sensitive"]) || SecretValues.IsSecretName(vn)))
                    {
                        why = "var." + vn;
                        break;
                    }
                }
            }

            if (why is not null)
            {
                report.Add(IacRules.OutputExposesSecret, value, $"output.{name}", "value",
                    $"Output {name} publishes {why} without sensitive = true: terraform prints it and other configurations can read it from state.");
            }
            else if (value is TScalar { Tag: null } lit)
            {
                CheckSecret(lit, name, $"output.{name}", "value", "an output");
            }
        }
    }

    private void LocalSecrets(TNode node, string key, string path, int depth)
    {
        switch (node)
        {
            case TScalar { Tag: null } s when depth < 16:
                CheckSecret(s, key, path, "value", "a local value");
                break;
            case TMap map when depth < 16:
                foreach (var (k, v) in map.Entries)
                {
                    LocalSecrets(v, k.Value, $"{path}.{k.Value}", depth + 1);
                }

                break;
            case TSeq seq when depth < 16:
                foreach (var i in seq.Items)
                {
                    LocalSecrets(i, key, path, depth + 1);
                }

                break;
        }
    }

    private void Cognito()
    {
        foreach (var c in Mine("aws_cognito_user_pool_client"))
        {
            var units = TfModule.Block(c.Node, "token_validity_units");
            Validity(c, "access_token_validity", units?["access_token"], "hours", 3600, "access token");
            Validity(c, "id_token_validity", units?["id_token"], "hours", 3600, "ID token");
            Validity(c, "refresh_token_validity", units?["refresh_token"], "days", 30 * 86400, "refresh token");
            if (c.Node["enable_token_revocation"] is { } rev && TfModule.IsFalse(rev))
            {
                report.Add(IacRules.RevocationDisabled, rev, c.Address, "enable_token_revocation",
                    $"App client {c.Address} cannot revoke refresh tokens (enable_token_revocation = false): a leaked refresh token works until it expires.");
            }

            if (c.Node["explicit_auth_flows"] is TSeq flows)
            {
                foreach (var f in flows.Items)
                {
                    if (Lit(f) is "ALLOW_USER_PASSWORD_AUTH" or "USER_PASSWORD_AUTH" or "ADMIN_NO_SRP_AUTH" or "ALLOW_ADMIN_USER_PASSWORD_AUTH")
                    {
                        report.Add(IacRules.PasswordAuthFlow, f, c.Address, "explicit_auth_flows",
                            $"App client {c.Address} allows {Lit(f)}: the plain password is sent to the backend instead of SRP.");
                    }
                }
            }
        }
    }

    private void Validity(TfResource c, string property, TNode? unitNode, string defaultUnit, double max, string what)
    {
        if (Lit(c.Node[property]) is not { } value)
        {
            return;
        }

        var unit = unitNode is null ? defaultUnit : Lit(unitNode);
        if (unit is null || CfnChecks.Seconds(value, unit) is not { } secs || secs <= max)
        {
            return;
        }

        report.Add(IacRules.LongTokenValidity, c.Node[property]!, c.Address, property,
            $"App client {c.Address} issues {what}s valid for {CfnChecks.Human(secs)} (limit {CfnChecks.Human(max)}): a leaked {what} works that long.");
    }

    private void Iam()
    {
        foreach (var r in m.Resources.Where(r => r.Kind == "resource"))
        {
            switch (r.Type)
            {
                case "aws_iam_role":
                    if (Document(r.Node["assume_role_policy"], r.Address) is TMap trust && (Here(r) || trust.Line > 0))
                    {
                        if (Here(r) || ReferencesDataHere(r.Node["assume_role_policy"]))
                        {
                            PolicyChecks.Trust(trust, report, r.Address, "assume_role_policy", NoIgnores, Render);
                        }
                    }

                    foreach (var ip in TfModule.Blocks(r.Node, "inline_policy"))
                    {
                        Permissions(r, ip["policy"], "inline_policy.policy");
                    }

                    break;
                case "aws_iam_policy" or "aws_iam_role_policy" or "aws_iam_user_policy" or "aws_iam_group_policy":
                    Permissions(r, r.Node["policy"], "policy");
                    break;
            }
        }
    }

    private bool ReferencesDataHere(TNode? n) => TfModule.RefOf(n) is { } addr && m.ByAddress(addr) is { } d && Here(d);

    private void Permissions(TfResource r, TNode? policy, string property)
    {
        if (!Here(r) && !ReferencesDataHere(policy))
        {
            return;
        }

        if (Document(policy, r.Address) is TMap doc)
        {
            PolicyChecks.Permissions(doc, report, r.Address, property, NoIgnores, Render);
        }
    }

    private void Rotation()
    {
        var rotated = m.OfType("aws_secretsmanager_secret_rotation").Select(x => TfModule.RefOf(x.Node["secret_id"])).Where(x => x is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var s in Mine("aws_secretsmanager_secret"))
        {
            if (!rotated.Contains(s.Address))
            {
                report.Add(IacRules.NoRotation, s.Node, s.Address, "rotation",
                    $"Secret {s.Address} has no aws_secretsmanager_secret_rotation in the module: a leaked value stays valid indefinitely.");
            }
        }

        foreach (var k in Mine("aws_iam_access_key"))
        {
            if (Lit(k.Node["status"]) == "Inactive")
            {
                continue;
            }

            report.Add(IacRules.UserAccessKey, k.Node, k.Address, "access_key",
                $"{k.Address} creates a long-term access key for IAM user {Render(k.Node["user"], 0)}: long-term keys do not expire and end up in state, outputs and CI settings.");
        }
    }
}
