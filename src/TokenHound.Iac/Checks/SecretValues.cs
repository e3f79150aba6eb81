using System.Text.RegularExpressions;
using TokenHound.Core;
using TokenHound.Iac.Model;
using TokenHound.Iac.Rules;
using TokenHound.Secrets;

namespace TokenHound.Iac.Checks;

/// <summary>
/// Hard-coded credentials in template values: the secrets engine on the literal, plus a key-name + value-shape heuristic
/// for secrets the engine has no pattern for (passwords, AWS secret keys next to their name, generic API tokens).
/// </summary>
public sealed partial class SecretValues(SecretsEngine engine)
{
    [GeneratedRegex(@"(secret|passw(or)?d|passwd|pwd|token|api[_\-]?key|apikey|private[_\-]?key|access[_\-]?key|credential|auth[_\-]?key|signing[_\-]?key|bearer|session[_\-]?key|encryption[_\-]?key)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    public static partial Regex SecretName();

    [GeneratedRegex(@"(arn|name|names|id|ids|url|uri|endpoint|path|table|bucket|ttl|header|region|issuer|audience|type|length|expiry|expiration|expires|timeout|enabled|enable|version|prefix|field|param|parameter|location|file|topic|queue|policy|rotation|seconds|minutes|hours|days|size|count|format|mode|kms|stage|host|port|user|username|role|group|scope|scopes|validity|units|duration|cache|use|mask|pattern)$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NotSecretSuffix();

    [GeneratedRegex(@"(?:^|[\s;'""]|export\s+)([A-Za-z_][A-Za-z0-9_\-]{2,63})\s*[=:]\s*['""]?([^\s'""]{8,256})", RegexOptions.NonBacktracking)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^[A-Za-z0-9/+]{40}$", RegexOptions.NonBacktracking)]
    private static partial Regex AwsSecretShape();

    [GeneratedRegex(@"(secret[_\-]?access[_\-]?key|secret[_\-]?key|aws[_\-]?secret)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex AwsSecretName();

    public SecretsEngine Engine => engine;

    /// <summary>True for a property/variable name that says it holds a secret (API_TOKEN, DbPassword) and not a reference to one (SECRET_ARN, TOKEN_TABLE).</summary>
    public static bool IsSecretName(string name)
    {
        var n = name.Trim();
        if (!SecretName().IsMatch(n))
        {
            return false;
        }

        return !NotSecretSuffix().IsMatch(n.TrimEnd('_', '-'));
    }

    /// <summary>Shape of a literal secret: long enough, no spaces, not a reference/ARN/URL/path/placeholder, mixed characters.</summary>
    public static bool LooksLikeSecretValue(string v)
    {
        v = v.Trim();
        if (v.Length < 8 || v.Length > 4096 || v.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (v.StartsWith("arn:", StringComparison.OrdinalIgnoreCase) || v.Contains("://", StringComparison.Ordinal) || v.StartsWith('/') ||
            v.Contains("{{resolve:", StringComparison.OrdinalIgnoreCase) || v.Contains("${", StringComparison.Ordinal) || v.StartsWith("$(", StringComparison.Ordinal) ||
            v.StartsWith("!", StringComparison.Ordinal) || v.StartsWith("var.", StringComparison.Ordinal) || v.StartsWith("local.", StringComparison.Ordinal))
        {
            return false;
        }

        if (TextUtil.IsExampleOrPlaceholder(v) || v.Contains("example", StringComparison.OrdinalIgnoreCase) || v.Contains("fake", StringComparison.OrdinalIgnoreCase) && v.Contains("test", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var letters = v.Count(char.IsAsciiLetter);
        var digits = v.Count(char.IsAsciiDigit);
        if (letters == 0 || digits == 0 && v.All(c => char.IsAsciiLetterLower(c) || c is '-' or '_' or '.'))
        {
            return false;
        }

        // Identifiers such as my-service-token-table or SomeCamelCaseName.
        if (digits == 0 && v.All(c => char.IsAsciiLetter(c) || c is '-' or '_' or '.'))
        {
            return false;
        }

        var entropy = TextUtil.Entropy(v);
        return v.Length >= 16 ? entropy >= 3.0 : entropy >= 2.5 && digits > 0;
    }

    /// <summary>
    /// Checks one literal value. <paramref name="key"/> is the name the value is assigned to (variable, parameter, output),
    /// or null for free text (UserData) where NAME=value assignments are looked for.
    /// </summary>
    public void Check(IacReporter report, TScalar value, string? key, string resource, string property, string context, IReadOnlySet<string>? ignored)
    {
        if (value.IsNull || value.Value.Length < 8)
        {
            return;
        }

        var text = value.Value;
        var matches = engine.Scan(text);
        var covered = new List<(int Start, int End)>();
        foreach (var m in matches)
        {
            var rule = m.Kind.StartsWith("aws-", StringComparison.Ordinal) ? IacRules.HardcodedAwsCredential : IacRules.HardcodedSecret;
            var (line, col) = Position(value, m.Start);
            report.AddAt(rule, line, col, resource, property,
                $"{m.Title} in {context} of {resource}" + (key is null ? "" : $" ({key})") + "; anyone who can read the template or the deployed configuration can use it.",
                severity: rule == IacRules.HardcodedAwsCredential ? m.Severity : null, ignored: ignored,
                properties: new Dictionary<string, string> { ["kind"] = m.Kind, ["detector"] = m.Rule.Id },
                secret: m.Value);
            foreach (var s in m.AllSpans)
            {
                covered.Add((s.Start, s.End));
            }
        }

        if (key is not null)
        {
            if (matches.Count == 0 && IsSecretName(key) && LooksLikeSecretValue(text))
            {
                ReportHeuristic(report, value, key, text, 0, resource, property, context, ignored);
            }

            return;
        }

        // Free text (UserData, scripts): NAME=value / NAME: value assignments of secret-like names.
        if (text.Length > 1_000_000)
        {
            return;
        }

        foreach (Match a in Assignment().Matches(text))
        {
            var name = a.Groups[1].Value;
            var g = a.Groups[2];
            if (covered.Any(c => g.Index < c.End && c.Start < g.Index + g.Length))
            {
                continue;
            }

            if (IsSecretName(name) && LooksLikeSecretValue(g.Value))
            {
                ReportHeuristic(report, value, name, g.Value, g.Index, resource, property, context, ignored);
            }
        }
    }

    private static void ReportHeuristic(IacReporter report, TScalar value, string key, string secret, int offset, string resource, string property, string context, IReadOnlySet<string>? ignored)
    {
        var aws = AwsSecretName().IsMatch(key) && AwsSecretShape().IsMatch(secret);
        var rule = aws ? IacRules.HardcodedAwsCredential : IacRules.HardcodedSecret;
        var (line, col) = Position(value, offset);
        report.AddAt(rule, line, col, resource, property,
            (aws ? "AWS secret access key" : "Secret-looking literal") + $" assigned to {key} in {context} of {resource}; use a dynamic reference to Secrets Manager or SSM SecureString instead.",
            confidence: aws ? Confidence.High : Confidence.Medium, ignored: ignored,
            properties: new Dictionary<string, string> { ["kind"] = aws ? "aws-secret-access-key" : "generic-secret", ["name"] = key },
            secret: secret);
    }

    /// <summary>Line and column of a char offset inside a scalar's value (exact for single-line and literal-block scalars).</summary>
    public static (int Line, int Column) Position(TScalar s, int offset)
    {
        if (s.Kind == ScalarKind.Literal || s.Kind == ScalarKind.Folded)
        {
            var line = s.Line + 1;
            for (var i = 0; i < offset && i < s.Value.Length; i++)
            {
                if (s.Value[i] == '\n')
                {
                    line++;
                }
            }

            return (line, 0);
        }

        if (!s.Value.Contains('\n'))
        {
            return (s.Line, s.Column + offset + (s.Kind == ScalarKind.Quoted ? 1 : 0));
        }

        return (s.Line, s.Column);
    }
}
