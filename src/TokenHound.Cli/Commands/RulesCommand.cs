using System.CommandLine;
using TokenHound.Core;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound rules [RULE_ID]`: lists every rule, or explains one.</summary>
public static class RulesCommand
{
    public static Command Build(AppConsole console)
    {
        var id = new Argument<string?>("rule-id") { Description = "A rule id such as THS001.", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var cmd = new Command("rules", "List every rule (id, family, severity, title), or explain one.") { id, format };
        cmd.SetAction(r =>
        {
            var catalog = AllRules.Catalog();
            var one = r.GetValue(id);
            var json = r.GetValue(format) == "json";
            if (one is not null)
            {
                var rule = catalog.Find(one) ?? throw new UsageException($"unknown rule '{one}' (see 'tokenhound rules')");
                if (json)
                {
                    console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(RuleJson(rule), JsonOptions));
                    return ExitCodes.Ok;
                }

                console.Out.WriteLine($"{rule.Id} {rule.Name}");
                console.Out.WriteLine($"  title:      {rule.Title}");
                console.Out.WriteLine($"  family:     {rule.Family}");
                console.Out.WriteLine($"  severity:   {rule.Severity.Name()}");
                console.Out.WriteLine($"  confidence: {rule.Confidence.Name()}");
                console.Out.WriteLine($"  cwe:        {rule.Cwe}");
                console.Out.WriteLine($"  docs:       {rule.DocsPath}");
                console.Out.WriteLine();
                console.Out.WriteLine(rule.Description);
                console.Out.WriteLine();
                console.Out.WriteLine("Fix: " + rule.Remediation);
                foreach (var reference in rule.References)
                {
                    console.Out.WriteLine("See: " + reference);
                }

                return ExitCodes.Ok;
            }

            if (json)
            {
                console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(catalog.All.Select(RuleJson), JsonOptions));
                return ExitCodes.Ok;
            }

            foreach (var rule in catalog.All)
            {
                console.Out.WriteLine($"{rule.Id}  {rule.Family,-34} {rule.Severity.Name(),-8} {rule.Title}");
            }

            console.Out.WriteLine($"{catalog.All.Count} rules");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static object RuleJson(RuleInfo r) => new
    {
        id = r.Id,
        name = r.Name,
        family = r.Family,
        severity = r.Severity.Name(),
        confidence = r.Confidence.Name(),
        title = r.Title,
        description = r.Description,
        remediation = r.Remediation,
        cwe = r.Cwe,
        docs = r.DocsPath,
        references = r.References,
    };
}
