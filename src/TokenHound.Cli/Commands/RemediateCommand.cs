using System.CommandLine;
using TokenHound.Core;
using TokenHound.Runtime.Remediation;

namespace TokenHound.Cli.Commands;

/// <summary>
/// `tokenhound remediate [--log-group NAME…] [--from REPORT.json…] [--trail-log-group NAME] [--format cfn|json] [--output FILE]`:
/// a CloudWatch Logs data-protection policy, metric filters and alarms, as a CloudFormation template or raw JSON.
/// </summary>
public static class RemediateCommand
{
    public static Command Build(AppConsole console)
    {
        var logGroups = new Option<string[]>("--log-group") { Description = "Log group to protect (repeatable). Without it (and without --from) the policy is account-wide (AWS::Logs::AccountPolicy)." };
        var from = new Option<string[]>("--from") { Description = "JSON report of 'tokenhound logs|trail|traces --format json' (repeatable): protects the log groups with findings, masks the kinds found, alarms on the trail detections found." };
        var trailGroup = new Option<string?>("--trail-log-group") { Description = "Log group CloudTrail delivers to: adds metric filters and alarms for the trail detections." };
        var format = new Option<string>("--format", "-f") { Description = "cfn (CloudFormation YAML) or json (raw policy document and filter definitions).", DefaultValueFactory = _ => "cfn" };
        format.AcceptOnlyFromAmong("cfn", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout." };
        var policyName = new Option<string>("--policy-name") { Description = "Name of the data-protection policy.", DefaultValueFactory = _ => "tokenhound-token-protection" };
        var cmd = new Command("remediate", "Generate the AWS configuration that stops the next leak: a CloudWatch Logs data-protection policy for tokens, metric filters and alarms.")
        {
            logGroups, from, trailGroup, format, output, policyName,
        };
        cmd.SetAction(r =>
        {
            var groups = new SortedSet<string>(r.GetValue(logGroups) ?? [], StringComparer.Ordinal);
            var kinds = new HashSet<string>(StringComparer.Ordinal);
            var families = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in r.GetValue(from) ?? [])
            {
                var (g, k, fam) = RemediationGenerator.ReadReport(f);
                groups.UnionWith(g);
                kinds.UnionWith(k);
                families.UnionWith(fam);
            }

            foreach (var g in groups)
            {
                if (g.Length is 0 or > 512 || !g.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or '#'))
                {
                    throw new UsageException($"invalid log group name '{g}' (letters, digits and . - _ / # only, at most 512)");
                }
            }

            var name = r.GetValue(policyName)!;
            if (name.Length is 0 or > 128)
            {
                throw new UsageException("--policy-name must be 1 to 128 characters");
            }

            var options = new RemediationOptions
            {
                LogGroups = [.. groups],
                Kinds = kinds,
                TrailFamilies = families,
                TrailLogGroup = r.GetValue(trailGroup),
                PolicyName = name,
            };
            var text = r.GetValue(format) == "json" ? RemediationGenerator.Json(options) : RemediationGenerator.CloudFormation(options);
            if (r.GetValue(output) is { } file)
            {
                try
                {
                    File.WriteAllText(file, text);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"cannot write {file}: {e.Message}");
                }

                console.Error.WriteLine($"remediate: wrote {file}");
            }
            else
            {
                console.Out.Write(text);
                console.Out.Flush();
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }
}
