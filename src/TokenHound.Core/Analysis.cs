namespace TokenHound.Core;

/// <summary>A text input handed to file analyzers: a file on disk, a git blob, or stdin.</summary>
public sealed class SourceFile
{
    private LineMap? _lines;

    /// <summary>Path relative to the scanned root, forward slashes ("-" for stdin).</summary>
    public required string Path { get; init; }

    /// <summary>Absolute path on disk, when the text comes from a file in the work tree.</summary>
    public string? FullPath { get; init; }

    private string? _text;
    private ReadOnlyMemory<char> _content;

    /// <summary>
    /// The text as a string. A file the scanner read into a pooled buffer (<see cref="Content"/>) becomes a string only
    /// when an analyzer asks for it here, so a secrets-only scan never copies file contents into strings.
    /// </summary>
    public string Text
    {
        get => _text ??= _content.ToString();
        init => _text = value;
    }

    /// <summary>The text without a string copy: valid only during analysis (the scanner may reuse the buffer afterwards).</summary>
    public ReadOnlyMemory<char> Content
    {
        get => _text is not null ? _text.AsMemory() : _content;
        init => _content = value;
    }

    /// <summary>Git provenance (history scans): the commit that introduced this blob at this path.</summary>
    public string? Commit { get; init; }

    public string? Author { get; init; }
    public DateTimeOffset? CommitDate { get; init; }

    /// <summary>The scanned root folder, for analyzers that read referenced files (DefinitionUri, Terraform modules).</summary>
    public string? Root { get; init; }

    public LineMap Lines => _lines ??= new LineMap(Text);

    /// <summary>Lower-case extension with the dot (".ts"), or "".</summary>
    public string Extension => System.IO.Path.GetExtension(Path).ToLowerInvariant();

    /// <summary>A location for the char range [offset, offset+length).</summary>
    public Location At(int offset, int length = 0)
    {
        var (l, c) = Lines.Position(offset);
        var (el, ec) = Lines.Position(Math.Max(offset, offset + length - (length > 0 ? 1 : 0)));
        return new Location
        {
            Path = Path,
            Line = l,
            Column = c,
            EndLine = el,
            EndColumn = length > 0 ? ec + 1 : ec,
            Commit = Commit,
            Author = Author,
            CommitDate = CommitDate,
        };
    }

    /// <summary>A location for a 1-based line and column.</summary>
    public Location AtLine(int line, int column = 1, int endLine = 0, int endColumn = 0) => new()
    {
        Path = Path,
        Line = line,
        Column = column,
        EndLine = endLine > 0 ? endLine : line,
        EndColumn = endColumn,
        Commit = Commit,
        Author = Author,
        CommitDate = CommitDate,
    };
}

/// <summary>An analyzer of text files (secrets, code rules, IaC rules). Implementations must be thread-safe.</summary>
public interface IFileAnalyzer : IRuleSource
{
    /// <summary>Short name for warnings and stats ("secrets", "javascript", "cloudformation" ...).</summary>
    string Name { get; }

    /// <summary>Cheap check (extension, a few bytes of content) whether <see cref="Analyze"/> should run.</summary>
    bool Accepts(SourceFile file);

    /// <summary>Adds findings (and warnings for unreadable content) to the sink. Must not throw on bad input.</summary>
    void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken);
}
