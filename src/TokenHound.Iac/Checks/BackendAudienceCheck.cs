using System.Text.RegularExpressions;

namespace TokenHound.Iac.Checks;

/// <summary>
/// Looks for an audience / app-client check in a Lambda function's source folder (the SAM CodeUri), for THI001: a Cognito
/// user-pool authorizer accepts an ID or access token of any app client of the pool, so the backend has to compare the
/// token's <c>aud</c> / <c>client_id</c> itself. This is a text heuristic, deliberately generous: any of these counts as a
/// check (so a finding means none of them appears anywhere in the function's code):
/// <list type="bullet">
/// <item>aws-jwt-verify <c>CognitoJwtVerifier.create({ …, clientId: &lt;not null&gt; })</c> / <c>JwtRsaVerifier</c> with <c>audience</c>;</item>
/// <item>jsonwebtoken / jose options <c>audience: …</c>; PyJWT / python-jose <c>jwt.decode(…, audience=…)</c> (not <c>None</c>);</item>
/// <item>.NET <c>ValidAudience</c>/<c>ValidAudiences</c> (unless the file sets <c>ValidateAudience = false</c>); Java/Go <c>withAudience(</c>,
/// <c>requireAudience(</c>, <c>WithAudience(</c>;</item>
/// <item>a comparison (<c>==</c>, <c>!=</c>, <c>===</c>, <c>in</c>, <c>includes(</c>, <c>Contains(</c>, <c>Equals(</c>) on a line that names the
/// <c>client_id</c> or <c>aud</c> claim, or a client id / audience value (<c>APP_CLIENT_ID</c>, <c>expectedAudience</c>).</item>
/// </list>
/// Comment lines, tests and dependency folders (node_modules, site-packages, .aws-sam …) are ignored.
/// </summary>
public static partial class BackendAudienceCheck
{
    private const int MaxFiles = 400;
    private const long MaxFileBytes = 1024 * 1024;

    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".py", ".cs", ".java", ".kt", ".go", ".rb",
    };

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "node_modules", ".git", ".aws-sam", "__pycache__", "site-packages", "venv", ".venv", "vendor", "bin", "obj",
        "test", "tests", "__tests__", "spec", "coverage", ".serverless", "cdk.out",
    };

    [GeneratedRegex(@"\bclientId\s*:\s*([^\s,})]+)|[{,]\s*clientId\s*[,}]", RegexOptions.NonBacktracking)]
    private static partial Regex VerifierClientId();

    [GeneratedRegex(@"\baudience\s*[:=]\s*([^\s,})]+)", RegexOptions.NonBacktracking)]
    private static partial Regex AudienceOption();

    [GeneratedRegex(@"\bValidAudiences?\s*=|\b(withAudience|requireAudience|WithAudience|WithValidAudience)\s*\(", RegexOptions.NonBacktracking)]
    private static partial Regex LibraryAudience();

    [GeneratedRegex(@"\bValidateAudience\s*=\s*false|[""']verify_aud[""']\s*:\s*False", RegexOptions.NonBacktracking)]
    private static partial Regex AudienceDisabled();

    [GeneratedRegex(@"[""']aud[""']|\.aud\b|client_?id|audience", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ClaimName();

    [GeneratedRegex(@"===|!==|==|!=|\bnot\s+in\b|\sin\s|\.includes\(|\.Contains\(|\.Equals\(|\.equals\(|\.has\(", RegexOptions.NonBacktracking)]
    private static partial Regex Comparison();

    /// <summary>The result for one code location: null when no source file could be read (unknown), else where the first check is (or null).</summary>
    public sealed record Result(string? CheckAt, int FilesRead);

    /// <summary>Scans a function's source folder (or a single source file). Null when nothing readable was found.</summary>
    public static Result? ScanPath(string path)
    {
        var files = new List<string>();
        if (File.Exists(path))
        {
            files.Add(path);
        }
        else if (Directory.Exists(path))
        {
            Collect(path, files, 0);
        }

        var read = 0;
        foreach (var f in files)
        {
            string text;
            try
            {
                if (new FileInfo(f).Length > MaxFileBytes)
                {
                    continue;
                }

                text = File.ReadAllText(f);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            read++;
            if (FindCheck(text) is { } line)
            {
                return new Result($"{Path.GetFileName(f)}:{line}", read);
            }
        }

        return read == 0 ? null : new Result(null, read);
    }

    private static void Collect(string dir, List<string> files, int depth)
    {
        if (depth > 8 || files.Count >= MaxFiles)
        {
            return;
        }

        try
        {
            foreach (var f in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(f);
                if (SourceExtensions.Contains(Path.GetExtension(f)) && !name.EndsWith(".d.ts", StringComparison.Ordinal) && !name.Contains(".test.", StringComparison.Ordinal) &&
                    !name.Contains(".spec.", StringComparison.Ordinal) && !name.StartsWith("test_", StringComparison.Ordinal) && files.Count < MaxFiles)
                {
                    files.Add(f);
                }
            }

            foreach (var d in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(d)))
                {
                    Collect(d, files, depth + 1);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable folder adds nothing.
        }
    }

    /// <summary>Line (1-based) of the first audience / client check in a source text, or null.</summary>
    public static int? FindCheck(string text)
    {
        var disabled = AudienceDisabled().IsMatch(text);
        var verifier = text.Contains("CognitoJwtVerifier", StringComparison.Ordinal) || text.Contains("JwtRsaVerifier", StringComparison.Ordinal);
        var lineNo = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNo++;
            var line = raw.Trim();
            if (line.IsEmpty || line.StartsWith("//") || line.StartsWith("#") || line.StartsWith("*") || line.StartsWith("/*") || line.Length > 1000)
            {
                continue;
            }

            var s = line.ToString();
            if (verifier && VerifierClientId().Match(s) is { Success: true } cid && !IsNothing(cid.Groups[1].Value))
            {
                return lineNo;
            }

            if (AudienceOption().Match(s) is { Success: true } aud && !IsNothing(aud.Groups[1].Value))
            {
                return lineNo;
            }

            if (!disabled && LibraryAudience().IsMatch(s))
            {
                return lineNo;
            }

            if (ClaimName().IsMatch(s) && Comparison().IsMatch(s))
            {
                return lineNo;
            }
        }

        return null;
    }

    private static bool IsNothing(string v)
    {
        v = v.Trim().TrimEnd(';');
        return v is "null" or "undefined" or "None" or "nil" or "''" or "\"\"" or "false" or "False";
    }
}
