using TokenHound.Core;

namespace TokenHound.Secrets;

/// <summary>Runs the secrets engine over every text file.</summary>
public sealed class SecretsFileAnalyzer(SecretsEngine engine) : IFileAnalyzer
{
    public string Name => "secrets";

    public SecretsEngine Engine => engine;

    public IEnumerable<RuleInfo> Rules => engine.Rules;

    public bool Accepts(SourceFile file) => true;

    public void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken)
    {
        var matches = new List<SecretMatch>();
        engine.Scan(file.Content.Span, matches);
        foreach (var m in matches)
        {
            sink.Add(m.ToFinding(file.At(m.Start, m.Length)));
        }
    }
}
