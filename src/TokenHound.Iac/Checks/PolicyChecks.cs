using System.Text.RegularExpressions;
using TokenHound.Iac.Model;
using TokenHound.Iac.Rules;

namespace TokenHound.Iac.Checks;

/// <summary>IAM policy document checks, shared by CloudFormation (maps) and Terraform (jsonencode / heredoc JSON / policy documents).</summary>
public static partial class PolicyChecks
{
    private static readonly string[] SensitiveActions =
    [
        "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:GetSessionToken", "sts:GetFederationToken", "iam:PassRole", "iam:CreateAccessKey",
        "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "kms:Decrypt",
    ];

    private static readonly string[] SensitiveServices = ["sts", "iam", "secretsmanager", "ssm", "kms"];

    [GeneratedRegex(@"^arn:[^:]+:[a-z0-9\-]+:[^:]*:[^:]*:(\*|secret:\*|parameter/?\*|key/\*|role/\*|alias/\*)$", RegexOptions.NonBacktracking)]
    private static partial Regex WildcardArn();

    private static IEnumerable<TMap> Statements(TMap doc) => doc["Statement"] switch
    {
        TSeq s => s.Items.OfType<TMap>(),
        TMap m => [m],
        _ => [],
    };

    private static List<TNode> Items(TNode? n) => n switch
    {
        TSeq s => s.Items,
        null => [],
        _ => [n],
    };

    private static bool IsWildcardResource(string r) => r == "*" || WildcardArn().IsMatch(Placeholder().Replace(r, "x"));

    [GeneratedRegex(@"\$\{[^}]*\}", RegexOptions.NonBacktracking)]
    private static partial Regex Placeholder();

    /// <summary>The sensitive action an action pattern grants, or null: "*", "ssm:*", "ssm:GetParameter*", "secretsmanager:GetSecretValue" ...</summary>
    public static string? Sensitive(string action)
    {
        var a = action.Trim();
        if (a == "*" || a == "*:*")
        {
            return "*";
        }

        var colon = a.IndexOf(':');
        if (colon < 0)
        {
            return null;
        }

        var service = a[..colon].ToLowerInvariant();
        var name = a[(colon + 1)..];
        if (!SensitiveServices.Contains(service))
        {
            return null;
        }

        if (name == "*")
        {
            return a;
        }

        foreach (var s in SensitiveActions)
        {
            var sc = s.IndexOf(':');
            if (!s[..sc].Equals(service, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var sn = s[(sc + 1)..];
            if (name.EndsWith('*') ? sn.StartsWith(name[..^1], StringComparison.OrdinalIgnoreCase) : sn.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return a;
            }
        }

        return null;
    }

    public static void Permissions(TMap doc, IacReporter report, string resource, string property, IReadOnlySet<string>? ignored, Func<TNode?, int, string> render)
    {
        foreach (var st in Statements(doc))
        {
            if (render(st["Effect"], 0) != "Allow" || st["Condition"] is not null)
            {
                continue;
            }

            var resources = Items(st["Resource"]).Select(n => render(n, 0)).ToList();
            var notResource = st["NotResource"] is not null;
            if (!notResource && !resources.Any(IsWildcardResource))
            {
                continue;
            }

            if (st["NotAction"] is { } na)
            {
                report.Add(IacRules.WildcardSensitive, na, resource, property + ".NotAction",
                    $"{resource} allows every action except a list (NotAction) on Resource \"*\": that includes reading every secret and passing every role.", ignored: ignored);
                continue;
            }

            foreach (var a in Items(st["Action"]))
            {
                if (Sensitive(render(a, 0)) is { } s)
                {
                    report.Add(IacRules.WildcardSensitive, a, resource, $"{property}.Action.{s}",
                        s == "*"
                            ? $"{resource} allows every action (\"*\") on {(notResource ? "all but a few resources" : "Resource \"*\"")}: its credentials open every secret and role."
                            : $"{resource} allows {s} on {(notResource ? "all but a few resources" : "Resource \"*\"")}: whoever holds its credentials can {Explain(s)} in the account.",
                        ignored: ignored);
                }
            }
        }
    }

    private static string Explain(string action)
    {
        var service = action.Split(':')[0].ToLowerInvariant();
        return service switch
        {
            "sts" => "assume any role",
            "iam" => "pass or create credentials for any role or user",
            "secretsmanager" => "read every secret",
            "ssm" => "read every parameter, SecureStrings included",
            "kms" => "decrypt with every key",
            _ => "use it",
        };
    }

    public static void Trust(TMap doc, IacReporter report, string resource, string property, IReadOnlySet<string>? ignored, Func<TNode?, int, string> render)
    {
        foreach (var st in Statements(doc))
        {
            if (render(st["Effect"], 0) != "Allow" || st["Condition"] is TMap { Count: > 0 })
            {
                continue;
            }

            var principal = st["Principal"];
            TNode? star = null;
            if (principal is TScalar p && p.Value == "*")
            {
                star = p;
            }
            else if (principal is TMap pm && pm["AWS"] is { } aws)
            {
                star = Items(aws).FirstOrDefault(n => render(n, 0) == "*");
            }

            if (star is not null)
            {
                report.Add(IacRules.TrustAnyPrincipal, star, resource, property + ".Principal",
                    $"Trust policy of {resource} lets any AWS principal (\"*\") assume the role without a Condition: anyone can obtain its credentials.", ignored: ignored);
            }
        }
    }
}
