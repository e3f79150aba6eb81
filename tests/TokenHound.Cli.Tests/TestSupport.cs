using TokenHound.Cli;

namespace TokenHound.Cli.Tests;

public static class Repo
{
    /// <summary>The repository root (the folder with TokenHound.slnx).</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        // Set at build time by Directory.Build.props (works with --artifacts-path too); else walk up.
        var meta = typeof(Repo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (meta is not null && File.Exists(Path.Combine(meta, "TokenHound.slnx")))
        {
            return Path.GetFullPath(meta);
        }

        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "TokenHound.slnx")))
        {
            d = d.Parent;
        }

        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

public sealed record RunResult(int ExitCode, string Out, string Error);

public static class Cli
{
    public static RunResult RunWithStdin(string stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = App.Run(args, new AppConsole(o, e, new StringReader(stdin)));
        return new RunResult(code, o.ToString(), e.ToString());
    }

    public static RunResult Run(params string[] args) => RunWithStdin("", args);
}

public sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("th-cli-").FullName;

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var p = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, true);
        }
        catch (IOException)
        {
        }
    }
}
