using System.Text.RegularExpressions;
using TokenHound.Iac.Model;
using TokenHound.Iac.Rules;

namespace TokenHound.Iac.Checks;

/// <summary>Step Functions (Amazon States Language) definition checks: Task states that pass tokens or credentials downstream.</summary>
public static partial class AslChecks
{
    [GeneratedRegex(@"(token|authorization|credential|secretstring|password|passwd|apikey|jwt|bearer|sessionkey|clientsecret|privatekey|cookie)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex TokenWord();

    [GeneratedRegex(@"^(tasktoken|nexttoken|continuationtoken|paginationtoken|starttoken|clienttoken|idempotencytoken|tokenarn|tokenid|tokentype|tokenexpiry|tokenexpiration|tokenttl|tokentable|tokentablename|credentialsarn|secretarn|secretid|secretname|passwordpolicy|passwordlength|tokenuse)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BenignKey();

    /// <summary>True when a definition looks like ASL (StartAt + States).</summary>
    public static bool IsDefinition(TNode? n) => n is TMap m && m["States"] is TMap && m["StartAt"] is not null;

    /// <summary>Checks a definition; <paramref name="owner"/> names the state machine resource for messages.</summary>
    public static void Check(TMap definition, IacReporter report, string owner, IReadOnlySet<string>? ignored)
    {
        var stack = new Stack<(TMap Def, int Depth)>();
        stack.Push((definition, 0));
        while (stack.Count > 0)
        {
            var (def, depth) = stack.Pop();
            if (depth > 32 || def["States"] is not TMap states)
            {
                continue;
            }

            foreach (var (nameKey, stateNode) in states.Entries)
            {
                if (stateNode is not TMap state)
                {
                    continue;
                }

                var type = (state["Type"] as TScalar)?.Value;
                if (type == "Task")
                {
                    foreach (var field in new[] { "Parameters", "Arguments" })
                    {
                        if (state[field] is { } p)
                        {
                            var resource = (state["Resource"] as TScalar)?.Value ?? "";
                            CheckPayload(p, report, owner, nameKey.Value, resource, field, ignored, 0);
                        }
                    }
                }

                if (state["Branches"] is TSeq branches)
                {
                    foreach (var b in branches.Items.OfType<TMap>())
                    {
                        stack.Push((b, depth + 1));
                    }
                }

                foreach (var inner in new[] { "Iterator", "ItemProcessor" })
                {
                    if (state[inner] is TMap it)
                    {
                        stack.Push((it, depth + 1));
                    }
                }
            }
        }
    }

    private static void CheckPayload(TNode node, IacReporter report, string owner, string state, string taskResource, string field, IReadOnlySet<string>? ignored, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        switch (node)
        {
            case TMap m:
                foreach (var (k, v) in m.Entries)
                {
                    var key = k.Value.EndsWith(".$", StringComparison.Ordinal) ? k.Value[..^2] : k.Value;
                    var isPath = k.Value.EndsWith(".$", StringComparison.Ordinal);
                    var norm = key.Replace("-", "").Replace("_", "").Replace(" ", "");
                    var valueText = (v as TScalar)?.Value ?? "";

                    // A value that depends on a placeholder nobody can resolve statically is unknown: never a match.
                    var unknown = v is TScalar { Tag: not null };
                    if (valueText.Contains("$$.Task.Token", StringComparison.Ordinal) || BenignKey().IsMatch(norm))
                    {
                        continue;
                    }

                    string? why = null;
                    if (TokenWord().IsMatch(norm) && !(v is TMap vm && vm["RoleArn"] is not null))
                    {
                        if (isPath)
                        {
                            why = $"'{key}' takes {valueText}";
                        }
                        else if (v is TScalar sv && !unknown)
                        {
                            why = !sv.Value.Contains("${", StringComparison.Ordinal) && (LooksLikeValue(sv.Value) || sv.Value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || sv.Value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
                                ? $"key '{key}' holds a literal value"
                                : null;
                        }
                        else if (v is TMap { Count: > 0 } or TSeq { Items.Count: > 0 })
                        {
                            why = $"key '{key}'";
                        }
                    }
                    else if (isPath && !unknown && v is TScalar p && PathNamesToken(p.Value))
                    {
                        why = $"'{key}' takes {p.Value}";
                    }

                    if (why is not null)
                    {
                        var target = taskResource.Length > 0 ? $" to {taskResource}" : "";
                        report.Add(IacRules.SfnPassesToken, v, state, $"{field}.{key}",
                            $"State '{state}' of {owner} passes a token or credential{target} ({why}); it is stored in the execution history and in logs with execution data.",
                            ignored: ignored, properties: new Dictionary<string, string> { ["state"] = state });
                        continue;
                    }

                    CheckPayload(v, report, owner, state, taskResource, field, ignored, depth + 1);
                }

                break;
            case TSeq s:
                foreach (var i in s.Items)
                {
                    CheckPayload(i, report, owner, state, taskResource, field, ignored, depth + 1);
                }

                break;
        }
    }

    /// <summary>A JSONPath / intrinsic (States.Format('...', $.auth.token)) whose path names a token-like field.</summary>
    private static bool PathNamesToken(string path)
    {
        if (path.Contains("$$.Task.Token", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (Match m in JsonPathRef().Matches(path))
        {
            foreach (var seg in m.Value.Split(['.', '[', ']', '\'', '"'], StringSplitOptions.RemoveEmptyEntries))
            {
                var norm = seg.Replace("-", "").Replace("_", "");
                if (TokenWord().IsMatch(norm) && !BenignKey().IsMatch(norm))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A literal that could be a credential value rather than a name or a flag.</summary>
    private static bool LooksLikeValue(string v) =>
        v.Length >= 8 && !v.Contains(' ') && !v.StartsWith("arn:", StringComparison.Ordinal) && !v.Contains("${", StringComparison.Ordinal);

    [GeneratedRegex(@"\$\$?(\.[A-Za-z0-9_\-]+|\['[^']*'\]|\[[0-9*]+\])+", RegexOptions.NonBacktracking)]
    private static partial Regex JsonPathRef();
}
