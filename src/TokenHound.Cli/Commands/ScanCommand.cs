using System.CommandLine;
using TokenHound.Core;
using TokenHound.Scanning;
using TokenHound.Secrets;

namespace TokenHound.Cli.Commands;

/// <summary>`tokenhound scan [PATH…|-] [--history] [--since REV] [--staged] [--baseline FILE]`.</summary>
public static class ScanCommand
{
    public static Argument<string[]> PathsArgument()
    {
        var a = new Argument<string[]>("paths") { Description = "Files or folders to scan; - reads stdin (default: .).", Arity = ArgumentArity.ZeroOrMore };
        a.Validators.Add(r =>
        {
            foreach (var v in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (v.StartsWith('-') && v != "-")
                {
                    r.AddError($"unknown option '{v}'");
                    return;
                }
            }
        });
        return a;
    }

    public static Command Build(AppConsole console)
    {
        var paths = PathsArgument();
        var history = new Option<bool>("--history") { Description = "Scan every blob reachable from all refs of the git repository, each once." };
        var since = new Option<string?>("--since") { Description = "With --history: only commits after this revision (for CI)." };
        var staged = new Option<bool>("--staged") { Description = "Scan the staged changes of the git repository (pre-commit)." };
        var baseline = new Option<string?>("--baseline") { Description = "Report only findings whose fingerprints are not in this baseline file." };
        var maxFileSize = new Option<long>("--max-file-size") { Description = "Skip files larger than this many bytes (default 20 MB).", DefaultValueFactory = _ => 20L * 1024 * 1024 };
        var noDefaultExcludes = new Option<bool>("--no-default-excludes") { Description = "Also scan node_modules, .git, bin, obj, .venv and the other default-excluded folders." };
        var noGitIgnore = new Option<bool>("--no-gitignore") { Description = "Also scan files that .gitignore files exclude." };
        var secretsOnly = new Option<bool>("--secrets-only") { Description = "Run only the secrets engine (no code or IaC rules)." };
        var includeExamples = new Option<bool>("--include-examples") { Description = "Also report documented example keys (AKIAIOSFODNN7EXAMPLE …)." };
        var verify = new Option<bool>("--verify") { Description = "Check each AWS key pair found with a live, signed STS GetCallerIdentity (off by default; sends the keys to STS)." };
        var verifyEndpoint = new Option<string?>("--verify-endpoint") { Description = "STS endpoint for --verify (default https://sts.amazonaws.com/)." };
        var common = new CommonOptions();
        var cmd = new Command("scan", "Find tokens and credentials, and code and templates that leak them, in files, folders, git history or stdin.")
        {
            paths, history, since, staged, baseline, maxFileSize, noDefaultExcludes, noGitIgnore, secretsOnly, includeExamples, verify, verifyEndpoint,
        };
        common.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var ps = r.GetValue(paths) is { Length: > 0 } p ? p : ["."];
            if (r.GetValue(since) is not null && !r.GetValue(history))
            {
                throw new UsageException("--since goes with --history");
            }

            if (r.GetValue(history) && r.GetValue(staged))
            {
                throw new UsageException("--history and --staged cannot be combined");
            }

            Uri? stsEndpoint = null;
            if (r.GetValue(verifyEndpoint) is { } ve)
            {
                if (!r.GetValue(verify))
                {
                    throw new UsageException("--verify-endpoint goes with --verify");
                }

                if (!Uri.TryCreate(ve, UriKind.Absolute, out stsEndpoint) || stsEndpoint.Scheme is not ("http" or "https"))
                {
                    throw new UsageException($"--verify-endpoint: not an http(s) URL: {ve}");
                }
            }

            var firstFolder = ps.FirstOrDefault(Directory.Exists);
            var config = common.LoadConfig(r, firstFolder);
            var b = r.GetValue(baseline) is { } bp ? Baseline.Load(bp) : null;
            using var progress = common.ShowProgress(r, console)
                ? new ConsoleProgress<ScanProgress>(console.Error, p => $"scanning: {p.Files:N0} files, {p.Bytes / 1048576.0:N1} MB  {p.Current}")
                : null;
            var options = new ScanOptions
            {
                Paths = ps,
                History = r.GetValue(history),
                Since = r.GetValue(since),
                Staged = r.GetValue(staged),
                Jobs = r.GetValue(common.Jobs),
                MaxFileSize = r.GetValue(maxFileSize),
                NoDefaultExcludes = r.GetValue(noDefaultExcludes),
                NoGitIgnore = r.GetValue(noGitIgnore),
                SecretsOnly = r.GetValue(secretsOnly),
                Config = config,
                Baseline = b,
                Secrets = new SecretsOptions
                {
                    IncludeExamples = r.GetValue(includeExamples),
                    DisabledRules = config.Disable.Select(d => d.ToUpperInvariant()).ToHashSet(),
                },
                Progress = progress,
                Stdin = console.In,
            };
            var report = Scanner.Run(options);
            progress?.Dispose();
            if (r.GetValue(verify))
            {
                Verify(report, stsEndpoint, console, !r.GetValue(common.Quiet));
            }

            return common.Emit(r, console, report);
        });
        return cmd;
    }

    /// <summary>--verify: one STS call per distinct key pair, results written onto the findings.</summary>
    private static void Verify(ScanReport report, Uri? endpoint, AppConsole console, bool tell)
    {
        var count = CredentialVerification.Candidates(report.Findings);
        if (count == 0)
        {
            return;
        }

        var verifier = new AwsKeyVerifier(SharedHttp.Value, endpoint);
        if (tell)
        {
            console.Error.WriteLine($"verifying {count} AWS key pair(s) with STS GetCallerIdentity at {verifier.Endpoint}");
        }

        var verified = CredentialVerification.ApplyAsync(report.Findings, verifier).GetAwaiter().GetResult();
        report.Findings.Clear();
        report.Findings.AddRange(verified);
    }

    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
}
