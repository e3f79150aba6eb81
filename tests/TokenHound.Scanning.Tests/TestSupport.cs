using System.Collections.Concurrent;
using System.Diagnostics;
using TokenHound.Core;
using TokenHound.Secrets;
using TokenHound.Secrets.Detectors;

// The tests build real git repositories, symlinks and Unix permissions: they are meant for Linux and macOS.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

namespace TokenHound.Scanning.Tests;

/// <summary>A temp folder deleted at the end of the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "th-scan-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string rel, string text)
    {
        var full = System.IO.Path.Combine(Path, rel);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, text);
        return full;
    }

    public string Bytes(string rel, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, rel);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllBytes(full, bytes);
        return full;
    }

    public string Sub(string rel) => System.IO.Path.Combine(Path, rel);

    public void Dispose()
    {
        try
        {
            // Give back permissions the tests took away (without following symlinks, which may loop), then delete.
            var stack = new Stack<DirectoryInfo>([new DirectoryInfo(Path)]);
            while (stack.Count > 0)
            {
                var d = stack.Pop();
                try
                {
                    System.IO.File.SetUnixFileMode(d.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    foreach (var e in d.GetFileSystemInfos())
                    {
                        if (e.LinkTarget is not null)
                        {
                            continue;
                        }

                        System.IO.File.SetUnixFileMode(e.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                        if (e is DirectoryInfo sub)
                        {
                            stack.Push(sub);
                        }
                    }
                }
                catch (Exception)
                {
                }
            }

            Directory.Delete(Path, true);
        }
        catch (Exception)
        {
        }
    }
}

/// <summary>Runs the real git CLI in a folder, with fixed identities and dates so commits are reproducible.</summary>
public sealed class GitRepoBuilder(string dir)
{
    private int _tick;

    public string Dir { get; } = dir;

    public static GitRepoBuilder Init(string dir)
    {
        Directory.CreateDirectory(dir);
        var g = new GitRepoBuilder(dir);
        g.Git("init", "-q", "-b", "main");
        return g;
    }

    public string Git(params string[] args) => Run(Dir, args);

    public static string Run(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main" })
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {err.Result}");
        }

        return output.Trim();
    }

    public void Write(string rel, string text)
    {
        var full = Path.Combine(Dir, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    /// <summary>Commits everything staged/changed as the author; returns the commit id.</summary>
    public string Commit(string author, string message)
    {
        Git("add", "-A");
        var date = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero).AddHours(++_tick).ToString("yyyy-MM-ddTHH:mm:ssK");
        var email = author.ToLowerInvariant() + "@example.com";
        Git("-c", $"user.name={author}", "-c", $"user.email={email}", "commit", "-q", "--allow-empty", "-m", message,
            $"--date={date}", $"--author={author} <{email}>");
        return Git("rev-parse", "HEAD");
    }
}

public static class TestScan
{
    /// <summary>Fake AWS key ids (valid format, not real keys).</summary>
    public const string Key1 = "AKIAZ7FAKEKEY2345X7Q";
    public const string Key2 = "AKIAZ7FAKEKEY3456Y2R";
    public const string Key3 = "AKIAZ7FAKEKEY4567Z3S";

    /// <summary>The real THS001 detector alone.</summary>
    public static IFileAnalyzer Ths001() => new SecretsFileAnalyzer(new SecretsEngine(null, [new AwsAccessKeyIdDetector()]));

    /// <summary>Scans with <see cref="KeyAnalyzer"/> (independent of detector tuning done elsewhere).</summary>
    public static ScanReport Run(params string[] paths) => Scanner.Run(new ScanOptions { Paths = paths, Analyzers = [new KeyAnalyzer()] });

    public static ScanReport Run(ScanOptions options) => Scanner.Run(options);
}

/// <summary>
/// A deliberately plain test analyzer: every AKIA + 16 base32 chars is a finding of rule TEST001, fingerprinted by
/// value like the real detectors. Scanning tests use it so that precision work on THS001 cannot change them.
/// </summary>
public sealed partial class KeyAnalyzer : IFileAnalyzer
{
    public static readonly RuleInfo Rule = new()
    {
        Id = "TEST001",
        Name = "test-aws-key-id",
        Family = "hardcoded-aws-credential",
        Severity = Severity.High,
        Confidence = Confidence.High,
        Title = "Test AWS key id",
        Description = "Test rule.",
        Remediation = "None.",
        Cwe = "CWE-798",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\bAKIA[A-Z2-7]{16}\b", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex KeyRegex();

    public string Name => "test-keys";

    public IEnumerable<RuleInfo> Rules => [Rule];

    public bool Accepts(SourceFile file) => true;

    public void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken)
    {
        foreach (System.Text.RegularExpressions.ValueMatch m in KeyRegex().EnumerateMatches(file.Text))
        {
            var value = file.Text.Substring(m.Index, m.Length);
            sink.Add(new Finding
            {
                Rule = Rule,
                Severity = Rule.Severity,
                Confidence = Rule.Confidence,
                Title = Rule.Title,
                Message = Rule.Title,
                Location = file.At(m.Index, m.Length),
                Evidence = SecretMask.Mask(value),
                Fingerprint = Fingerprints.ForSecret(Rule.Id, value),
                Secret = value,
            });
        }
    }
}

/// <summary>Records every text it is handed (to prove each blob is analyzed once), finds nothing.</summary>
public sealed class RecordingAnalyzer : IFileAnalyzer
{
    public ConcurrentBag<(string Path, string Text, string? Commit)> Seen { get; } = [];

    public string Name => "recording";

    public IEnumerable<RuleInfo> Rules => [];

    public bool Accepts(SourceFile file) => true;

    public void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken) => Seen.Add((file.Path, file.Text, file.Commit));
}
