using System.Text;
using System.Text.RegularExpressions;

namespace TokenHound.Scanning;

/// <summary>
/// The rules of one .gitignore file (or .git/info/exclude), with git's semantics: blank lines and # comments skipped,
/// "!" negates, a trailing "/" matches folders only, a slash at the start or in the middle anchors the pattern to the
/// file's folder, "*" and "?" do not cross "/", "**" spans folders, "[...]" classes, "\" escapes, trailing spaces
/// trimmed unless escaped. Immutable after construction, so it is safe to share between threads.
/// </summary>
public sealed class GitIgnoreFile
{
    private readonly Rule[] _rules;

    public GitIgnoreFile(IEnumerable<string> lines, string baseDir = "")
    {
        BaseDir = baseDir.Trim('/');
        var rules = new List<Rule>();
        foreach (var raw in lines)
        {
            if (Rule.TryParse(raw) is { } r)
            {
                rules.Add(r);
            }
        }

        _rules = [.. rules];
    }

    /// <summary>Folder of the file, relative to the scanned root ("" for the root), forward slashes.</summary>
    public string BaseDir { get; }

    public int Count => _rules.Length;

    public static GitIgnoreFile? Load(string file, string baseDir)
    {
        try
        {
            return File.Exists(file) ? new GitIgnoreFile(File.ReadAllLines(file), baseDir) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The verdict of this file for a path relative to <see cref="BaseDir"/>: true = ignored, false = re-included by a
    /// negation, null = no rule matched (ask the next file up). The last matching rule wins.
    /// </summary>
    public bool? Match(string relPath, bool isDirectory)
    {
        var slash = relPath.LastIndexOf('/');
        var name = slash < 0 ? relPath : relPath[(slash + 1)..];
        for (var i = _rules.Length - 1; i >= 0; i--)
        {
            var r = _rules[i];
            if (r.IsMatch(relPath, name, isDirectory))
            {
                return !r.Negate;
            }
        }

        return null;
    }

    private sealed class Rule
    {
        private enum Kind { Literal, Suffix, Prefix, Regex, All }

        private Kind _kind;
        private string _text = "";
        private Regex? _regex;

        public bool Negate { get; private init; }
        public bool DirOnly { get; private init; }

        /// <summary>The pattern has a slash: it matches the whole path relative to the base, not just the name.</summary>
        public bool Anchored { get; private init; }

        public static Rule? TryParse(string raw)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                return null;
            }

            // Trailing spaces are trimmed unless escaped with a backslash.
            var end = line.Length;
            while (end > 0 && line[end - 1] == ' ' && !(end >= 2 && line[end - 2] == '\\'))
            {
                end--;
            }

            line = line[..end];
            var negate = false;
            if (line.StartsWith('!'))
            {
                negate = true;
                line = line[1..];
            }
            else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal))
            {
                line = line[1..];
            }

            var dirOnly = false;
            if (line.EndsWith('/') && !line.EndsWith("\\/", StringComparison.Ordinal))
            {
                dirOnly = true;
                line = line.TrimEnd('/');
            }

            if (line.Length == 0)
            {
                return null;
            }

            var anchored = line.Contains('/');
            if (line.StartsWith('/'))
            {
                line = line.TrimStart('/');
            }

            if (line.Length == 0)
            {
                return null;
            }

            var rule = new Rule { Negate = negate, DirOnly = dirOnly, Anchored = anchored };
            rule.Compile(line);
            return rule;
        }

        private void Compile(string glob)
        {
            if (glob == "**")
            {
                _kind = Kind.All;
                return;
            }

            var special = glob.IndexOfAny(['*', '?', '[', '\\']);
            if (special < 0)
            {
                _kind = Kind.Literal;
                _text = glob;
                return;
            }

            if (!Anchored && glob[0] == '*' && glob.IndexOfAny(['*', '?', '[', '\\'], 1) < 0)
            {
                _kind = Kind.Suffix;
                _text = glob[1..];
                return;
            }

            if (!Anchored && special == glob.Length - 1 && glob[^1] == '*')
            {
                _kind = Kind.Prefix;
                _text = glob[..^1];
                return;
            }

            _kind = Kind.Regex;
            _regex = new Regex(ToRegex(glob), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }

        public bool IsMatch(string path, string name, bool isDirectory)
        {
            if (DirOnly && !isDirectory)
            {
                return false;
            }

            var subject = Anchored ? path : name;
            return _kind switch
            {
                Kind.All => true,
                Kind.Literal => subject == _text,
                Kind.Suffix => subject.EndsWith(_text, StringComparison.Ordinal),
                Kind.Prefix => subject.StartsWith(_text, StringComparison.Ordinal),
                _ => _regex!.IsMatch(subject),
            };
        }

        /// <summary>wildmatch (WM_PATHNAME) → .NET regex.</summary>
        internal static string ToRegex(string glob)
        {
            var sb = new StringBuilder("^");
            var i = 0;
            while (i < glob.Length)
            {
                var c = glob[i];
                if (c == '*')
                {
                    var j = i;
                    while (j < glob.Length && glob[j] == '*')
                    {
                        j++;
                    }

                    var stars = j - i;
                    var atStart = i == 0 || glob[i - 1] == '/';
                    var atEnd = j == glob.Length || glob[j] == '/';
                    if (stars >= 2 && atStart && atEnd)
                    {
                        if (j == glob.Length)
                        {
                            // "abc/**": everything inside; "**" alone handled by Kind.All.
                            sb.Append(".*");
                        }
                        else
                        {
                            // "**/" at start or "/**/" in the middle: zero or more folders.
                            sb.Append("(?:.*/)?");
                            j++;
                        }
                    }
                    else
                    {
                        sb.Append("[^/]*");
                    }

                    i = j;
                    continue;
                }

                if (c == '?')
                {
                    sb.Append("[^/]");
                    i++;
                    continue;
                }

                if (c == '\\' && i + 1 < glob.Length)
                {
                    sb.Append(Regex.Escape(glob[i + 1].ToString()));
                    i += 2;
                    continue;
                }

                if (c == '[' && TryClass(glob, i, out var cls, out var next))
                {
                    sb.Append(cls);
                    i = next;
                    continue;
                }

                sb.Append(Regex.Escape(c.ToString()));
                i++;
            }

            return sb.Append('$').ToString();
        }

        private static bool TryClass(string glob, int start, out string cls, out int next)
        {
            var sb = new StringBuilder("[");
            var i = start + 1;
            if (i < glob.Length && (glob[i] == '!' || glob[i] == '^'))
            {
                sb.Append('^');
                i++;
            }

            var first = true;
            while (i < glob.Length)
            {
                var c = glob[i];
                if (c == ']' && !first)
                {
                    // A class never matches "/" (WM_PATHNAME).
                    cls = sb[1] == '^' ? sb.Append("/]").ToString() : sb.Append("-[/]]").ToString();
                    next = i + 1;
                    return true;
                }

                first = false;
                if (c == '[' && i + 1 < glob.Length && glob[i + 1] == ':')
                {
                    var close = glob.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (close > 0)
                    {
                        sb.Append(glob[(i + 2)..close] switch
                        {
                            "alnum" => "a-zA-Z0-9",
                            "alpha" => "a-zA-Z",
                            "digit" => "0-9",
                            "lower" => "a-z",
                            "upper" => "A-Z",
                            "space" => @"\s",
                            "xdigit" => "0-9a-fA-F",
                            "punct" => @"!-/:-@\[-`{-~",
                            "blank" => @" \t",
                            "cntrl" => @"\x00-\x1f\x7f",
                            "graph" => @"!-~",
                            "print" => @" -~",
                            _ => "",
                        });
                        i = close + 2;
                        continue;
                    }
                }

                if (c == '\\' && i + 1 < glob.Length)
                {
                    i++;
                    c = glob[i];
                }

                if (c is '\\' or ']' or '[' or '^')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
                i++;
            }

            cls = "";
            next = start;
            return false;
        }
    }
}

/// <summary>
/// The .gitignore files that apply to one folder: its own, its parents' (up to the repository root) and
/// .git/info/exclude. Built once per folder while walking; deeper files take precedence, as in git.
/// Rules are matched against paths relative to the repository root (or the scanned root outside a repository).
/// </summary>
public sealed class IgnoreStack
{
    private readonly GitIgnoreFile[] _files; // deepest first

    private IgnoreStack(GitIgnoreFile[] files, string prefix)
    {
        _files = files;
        Prefix = prefix;
    }

    public static readonly IgnoreStack Empty = new([], "");

    /// <summary>The scanned root relative to the repository root ("" when they are the same or outside a repository).</summary>
    public string Prefix { get; }

    public bool IsEmpty => _files.Length == 0;

    /// <summary>The stack for a sub-folder (relative to the scanned root): this one plus the folder's own .gitignore, if any.</summary>
    public IgnoreStack ForFolder(string absDir, string relDir)
    {
        var file = GitIgnoreFile.Load(Path.Combine(absDir, ".gitignore"), Join(Prefix, relDir));
        return file is null || file.Count == 0 ? this : new IgnoreStack([file, .. _files], Prefix);
    }

    /// <summary>Is the path (relative to the scanned root, forward slashes) ignored?</summary>
    public bool IsIgnored(string relPath, bool isDirectory)
    {
        if (_files.Length == 0)
        {
            return false;
        }

        var path = Join(Prefix, relPath);
        foreach (var f in _files)
        {
            string sub;
            if (f.BaseDir.Length == 0)
            {
                sub = path;
            }
            else if (path.Length > f.BaseDir.Length && path[f.BaseDir.Length] == '/' && path.StartsWith(f.BaseDir, StringComparison.Ordinal))
            {
                sub = path[(f.BaseDir.Length + 1)..];
            }
            else
            {
                continue;
            }

            if (f.Match(sub, isDirectory) is { } verdict)
            {
                return verdict;
            }
        }

        return false;
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "/" + b;

    /// <summary>
    /// The stack for the scanned root folder: if it lies inside a git work tree, the .git/info/exclude of that
    /// repository and every .gitignore from the repository root down to (and including) the scanned folder;
    /// otherwise only the scanned folder's own .gitignore.
    /// </summary>
    public static IgnoreStack ForRoot(string scanRoot)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(scanRoot));
        var repo = FindRepoRoot(root);
        if (repo is null)
        {
            return Empty.ForFolder(root, "");
        }

        var files = new List<GitIgnoreFile>();
        if (GitDir(repo) is { } gitDir && GitIgnoreFile.Load(Path.Combine(gitDir, "info", "exclude"), "") is { Count: > 0 } ex)
        {
            files.Add(ex);
        }

        var chain = new List<string>();
        for (var d = root; d is not null; d = Path.GetDirectoryName(d))
        {
            chain.Add(d);
            if (d == repo)
            {
                break;
            }
        }

        chain.Reverse();
        foreach (var d in chain)
        {
            var rel = Path.GetRelativePath(repo, d).Replace('\\', '/');
            if (GitIgnoreFile.Load(Path.Combine(d, ".gitignore"), rel == "." ? "" : rel) is { Count: > 0 } f)
            {
                files.Add(f);
            }
        }

        files.Reverse();
        var prefix = Path.GetRelativePath(repo, root).Replace('\\', '/');
        return new IgnoreStack([.. files], prefix == "." ? "" : prefix);
    }

    internal static string? FindRepoRoot(string dir)
    {
        for (var d = dir; d is not null; d = Path.GetDirectoryName(d))
        {
            if (Directory.Exists(Path.Combine(d, ".git")) || File.Exists(Path.Combine(d, ".git")))
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>The git dir of a work tree: ".git" itself, or the target of a "gitdir: …" file (worktrees, submodules).</summary>
    internal static string? GitDir(string workTree)
    {
        var dotGit = Path.Combine(workTree, ".git");
        if (Directory.Exists(dotGit))
        {
            return dotGit;
        }

        try
        {
            var text = File.ReadAllText(dotGit).Trim();
            if (text.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                return Path.GetFullPath(Path.Combine(workTree, text[7..].Trim()));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }
}
