using TokenHound.Core;
using TokenHound.Iac.Model;

namespace TokenHound.Iac;

/// <summary>Builds findings for one file: location at the offending property, evidence from the line, construct fingerprints, Metadata ignores, dedupe.</summary>
public sealed class IacReporter(SourceFile file, IFindingSink sink)
{
    private readonly HashSet<(string Rule, int Line, int Column, string Fingerprint)> _seen = [];

    public SourceFile File => file;

    /// <summary>When set, only findings whose node passes are reported (a child Terraform module reports only values its caller passed).</summary>
    public Func<TNode, bool>? Accept { get; init; }

    /// <summary>Prepended to resource names (`module.lambda.`) for findings inside a followed Terraform module.</summary>
    public string ResourcePrefix { get; set; } = "";

    /// <summary>True when a finding on this node may be reported.</summary>
    public bool Accepts(TNode node) => Accept is null || Accept(node);

    public IFindingSink Sink => sink;

    public void Warn(int line, string message) => sink.Warn(file.Path, line > 0 ? $"line {line}: {message}" : message);

    public void Add(RuleInfo rule, TNode at, string resource, string property, string message,
        Severity? severity = null, Confidence? confidence = null, IReadOnlySet<string>? ignored = null,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        if (!Accepts(at))
        {
            return;
        }

        AddAt(rule, at.ReportLine, at.ReportColumn, resource, property, message, severity, confidence, ignored, properties,
            fingerprint: at.FromGlobals ? Fingerprints.ForConstruct(rule.Id, file.Path, "Globals", property) : null);
    }

    public void AddAt(RuleInfo rule, int line, int column, string resource, string property, string message,
        Severity? severity = null, Confidence? confidence = null, IReadOnlySet<string>? ignored = null,
        IReadOnlyDictionary<string, string>? properties = null, string? secret = null, string? evidence = null, string? fingerprint = null)
    {
        if (ignored is not null && ignored.Contains(rule.Id))
        {
            return;
        }

        if (ResourcePrefix.Length > 0)
        {
            resource = ResourcePrefix + resource;
            message = $"{message} (In {ResourcePrefix.TrimEnd('.')}, with the value passed on this line.)";
        }

        var fp = fingerprint ?? (secret is not null ? Fingerprints.ForSecret(rule.Id, secret) : Fingerprints.ForConstruct(rule.Id, file.Path, resource, property));
        if (!_seen.Add((rule.Id, line, column, fp)))
        {
            return;
        }

        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        if (resource.Length > 0)
        {
            props["resource"] = resource;
        }

        if (property.Length > 0)
        {
            props["property"] = property;
        }

        if (properties is not null)
        {
            foreach (var kv in properties)
            {
                props[kv.Key] = kv.Value;
            }
        }

        if (column <= 0 && secret is not null && line > 0)
        {
            column = file.Lines.LineText(line).IndexOf(secret, StringComparison.Ordinal) + 1;
        }

        if (evidence is null)
        {
            evidence = line > 0 ? file.Lines.LineText(line).Trim().ToString() : "";
            if (evidence.Length > 160)
            {
                evidence = evidence[..157] + "...";
            }

            if (secret is not null)
            {
                evidence = SecretMask.MaskIn(evidence, secret);
            }
        }

        sink.Add(new Finding
        {
            Rule = rule,
            Severity = severity ?? rule.Severity,
            Confidence = confidence ?? rule.Confidence,
            Title = rule.Title,
            Message = message,
            Location = line > 0 ? file.AtLine(line, Math.Max(column, 1)) : new Location { Path = file.Path, Commit = file.Commit, Author = file.Author, CommitDate = file.CommitDate },
            Evidence = evidence,
            Fingerprint = fp,
            Secret = secret,
            Properties = props,
        });
    }
}
