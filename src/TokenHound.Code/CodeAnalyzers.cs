using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TokenHound.Core;
using TokenHound.Secrets;

namespace TokenHound.Code;

/// <summary>The code analyzers `tokenhound scan` runs (one per language front-end).</summary>
public static class CodeAnalyzers
{
    public static IReadOnlyList<IFileAnalyzer> All(SecretsEngine engine)
    {
        _ = engine;
        return
        [
            new CodeFileAnalyzer("javascript", [".js", ".mjs", ".cjs", ".jsx"], Lang.JavaScript),
            new CodeFileAnalyzer("typescript", [".ts", ".tsx", ".mts", ".cts"], Lang.TypeScript),
            new CodeFileAnalyzer("python", [".py"], Lang.Python),
            new CodeFileAnalyzer("csharp", [".cs"], Lang.CSharp),
            new CodeFileAnalyzer("java", [".java"], Lang.Java),
            new CodeFileAnalyzer("go", [".go"], Lang.Go),
        ];
    }

    /// <summary>The language of a path by its extension, or null.</summary>
    public static Lang? LanguageOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".js" or ".mjs" or ".cjs" or ".jsx" => Lang.JavaScript,
        ".ts" or ".tsx" or ".mts" or ".cts" => Lang.TypeScript,
        ".py" => Lang.Python,
        ".cs" => Lang.CSharp,
        ".java" => Lang.Java,
        ".go" => Lang.Go,
        _ => null,
    };
}

/// <summary>
/// One language front-end plus the shared engine. JavaScript files are also checked with Acornima and C# files with
/// Roslyn; when the real parser rejects a file the scan warns and the tolerant front-end still analyses it.
/// </summary>
public sealed partial class CodeFileAnalyzer(string name, string[] extensions, Lang lang) : IFileAnalyzer
{
    /// <summary>Files larger than this get no deep analysis (a warning says so).</summary>
    public const int MaxChars = 3 * 1024 * 1024;

    /// <summary>A line longer than this in a file larger than <see cref="MinifiedMinChars"/> marks a minified bundle.</summary>
    public const int MinifiedLineLength = 2000;

    public const int MinifiedMinChars = 64 * 1024;

    /// <summary>Files with findings up to this size are checked by the real parser (Acornima / Roslyn).</summary>
    public const int RealParserMaxChars = 512 * 1024;

    public string Name => name;

    public Lang Lang => lang;

    public IEnumerable<RuleInfo> Rules => CodeRules.All;

    public bool Accepts(SourceFile file)
    {
        var ext = file.Extension;
        foreach (var e in extensions)
        {
            if (ext == e)
            {
                return !file.Path.EndsWith(".d.ts", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }

    public void Analyze(SourceFile file, IFindingSink sink, CancellationToken cancellationToken)
    {
        foreach (var f in Run(file, sink, cancellationToken))
        {
            sink.Add(f);
        }
    }

    public List<Finding> Run(SourceFile file, IFindingSink? sink, CancellationToken cancellationToken = default)
    {
        // The checks run on the scanner's buffer: only a file that passes them is copied into a string for the parser.
        var content = file.Content.Span;
        if (content.Length > MaxChars)
        {
            sink?.Warn(file.Path, $"{name}: {content.Length / 1024} KB is too large for code analysis; only the secrets scan ran");
            return [];
        }

        if (content.Length > MinifiedMinChars && LongestLine(content) > MinifiedLineLength)
        {
            sink?.Warn(file.Path, $"{name}: looks minified (lines over {MinifiedLineLength} chars); code analysis skipped, only the secrets scan ran");
            return [];
        }

        if (!MayMatter(content))
        {
            return []; // no source, sink or setting any code rule looks for: nothing to analyse
        }

        // The front-end reads the scanner's buffer (file.Content): a file becomes a string (file.Text) only when a real
        // parser checks it or a finding needs its lines. (Copying every analysed file into a string cost about 0.3 s on
        // the npm benchmark tree, most of it in fresh large-object pages.)
        var text = file.Content;

        cancellationToken.ThrowIfCancellationRequested();
        CodeModel model;
        List<Token> tokens;
        try
        {
            tokens = Lexer.Lex(text.Span, 0, text.Length, lang, ReusedTokens());
            model = Parser.Parse(text, lang, tokens, skipSinklessFunctions: SkipsSinklessFunctions(text.Span));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            sink?.Warn(file.Path, $"{name}: the file could not be analysed ({e.GetType().Name}: {e.Message})");
            return [];
        }

        cancellationToken.ThrowIfCancellationRequested();
        var hits = Engine.Run(model, text, file.Path, off => file.Lines.Position(off).Line);

        // The syntax judges run after the analysis: the real parsers only where the bracket check found a problem or
        // where the analysis found something (they cost more than the whole analysis of most files).
        var syntaxProblem = CheckSyntax(file, tokens, hits.Count > 0);
        if (syntaxProblem is not null)
        {
            sink?.Warn(file.Path, $"{name}: {syntaxProblem}; analysed with the tolerant front-end, findings may be incomplete");
        }

        foreach (var p in model.Problems)
        {
            sink?.Warn(file.Path, $"{name}: {p}");
        }
        var findings = new List<Finding>(hits.Count);
        foreach (var h in hits)
        {
            var loc = file.At(h.Offset);
            var line = file.Lines.LineText(loc.Line).ToString().Trim();
            var evidence = Evidence(line, lang);
            findings.Add(new Finding
            {
                Rule = h.Rule,
                Severity = h.Severity,
                Confidence = h.Confidence,
                Title = h.Rule.Title,
                Message = h.Message,
                Location = loc,
                Evidence = evidence,
                Fingerprint = Fingerprints.ForConstruct(h.Rule.Id, file.Path, WhitespaceRun().Replace(line, " ")),
                Properties = new Dictionary<string, string> { ["language"] = name },
            });
        }

        return findings;
    }

    /// <summary>
    /// Whether the parser may skip function bodies without a sink word: not where Web Storage is used, since a
    /// function may write to it through an alias defined outside (`store.token = t` with `const store = localStorage`).
    /// </summary>
    private bool SkipsSinklessFunctions(ReadOnlySpan<char> text) =>
        lang is Lang.JavaScript or Lang.TypeScript or Lang.Python
        && !text.Contains("localStorage", StringComparison.Ordinal) && !text.Contains("sessionStorage", StringComparison.Ordinal);

    [ThreadStatic]
    private static List<Token>? t_tokens;

    /// <summary>
    /// The largest token list a thread keeps: 512 K tokens (16–20 MB) on machines with up to 8 cores, less with more
    /// (the scan runs a worker per core), so that all the kept lists together stay under about 4 M tokens.
    /// </summary>
    private static readonly int MaxReusedTokens = Math.Clamp((4 << 20) / Math.Max(1, Environment.ProcessorCount), 1 << 17, 1 << 19);

    /// <summary>
    /// The calling thread's token list, reused from file to file (a file's tokens are not kept after its analysis). A
    /// list grown past <see cref="MaxReusedTokens"/> by a very large file is dropped rather than kept for the rest of the
    /// scan. (At 128 K tokens, the npm tree's many 0.5–3 MB files re-grew it over and over: 210 MB of token arrays.)
    /// </summary>
    private static List<Token> ReusedTokens()
    {
        if (t_tokens is null || t_tokens.Capacity > MaxReusedTokens)
        {
            t_tokens = new List<Token>(16 * 1024);
        }

        return t_tokens;
    }

    /// <summary>
    /// Words without which no code rule can fire (token names, request/event objects, environment and AWS credential
    /// APIs, error internals, JWT/cookie/storage/debug settings). Files with none of them skip the front-end entirely.
    /// `token` and the request/event parameter names are looked for separately (<see cref="HasTokenWord"/>,
    /// <see cref="HasRequestWord"/>): CancellationToken, tokenizers, `require`, `events` and `preventDefault` do not count.
    /// </summary>
    /// <remarks>
    /// The markers are searched in groups of eight: one search over fifty words is four times slower than seven over
    /// eight each, because the vectorized search (Teddy) verifies a candidate wherever any word's first letters match
    /// and fifty words' first letters match almost everywhere in code.
    /// </remarks>
    private static readonly System.Buffers.SearchValues<string>[] Markers =
    [
        .. new[]
        {
            "secret", "passw", "credential", "apikey", "api_key", "api-key", "jwt", "bearer", "authoriz", "cookie",
            "accesskey", "access_key", "privatekey", "private_key", "localstorage", "sessionstorage", "developerexceptionpage",
            "errorhandler", "environ", "getenv", "process.env", "environmentvariable", "assumerole", "assume_role", "initiateauth",
            "initiate_auth", "getparameter", "get_parameter", "traceback", "format_exc", "stacktrace", ".stack", "statuscode",
            "status_code", "evt", "context.identity", "signin", "login", "debug=", "debug =", "debug\"]", "debug']",
            "apigateway", "proxyrequest", "httprequest", "servletrequest", "http.request", "functionurl", "albtargetgroup",
            // typed Lambda events of other sources (logged whole: THC002) and Java's handleRequest(input, context)
            "sqsevent", "snsevent", "kinesisevent", "kinesisstreamevent", "dynamodbevent", "dynamodbstreamevent", "eventbridgeevent",
            "triggerevent", "handlerequest", "httpheaders", "cf.request",
            // gRPC interceptors (all the call's metadata) and GraphQL error filters (the client's error)
            "interceptcall", "fromincomingcontext", "ierrorfilter",
            // IVS stream keys (a key's value lets anyone broadcast on the channel)
            "createstreamkey", "create_stream_key", "getstreamkey", "get_stream_key",
        }.Chunk(8).Select(words => System.Buffers.SearchValues.Create(words, StringComparison.OrdinalIgnoreCase)),
    ];

    private static readonly System.Buffers.SearchValues<string> TokenWord = System.Buffers.SearchValues.Create(["token"], StringComparison.OrdinalIgnoreCase);

    public static bool MayMatter(ReadOnlySpan<char> text) => HasTokenWord(text) || HasMarker(text) || HasRequestWord(text);

    private static bool HasMarker(ReadOnlySpan<char> text)
    {
        foreach (var group in Markers)
        {
            if (text.IndexOfAny(group) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>`event`, `req` or `request` used as a value: followed by `)`, `,`, `.`, `[`, `:`, `?` or `=`.</summary>
    private static bool HasRequestWord(ReadOnlySpan<char> span) => HasWordUse(span, "event") || HasWordUse(span, "req");

    private static bool HasWordUse(ReadOnlySpan<char> span, string word)
    {
        var at = 0;
        while (at < span.Length)
        {
            var k = span[at..].IndexOf(word, StringComparison.Ordinal);
            if (k < 0)
            {
                return false;
            }

            var i = at + k;
            at = i + word.Length;
            if (i > 0 && (char.IsLetterOrDigit(span[i - 1]) || span[i - 1] is '_' or '$'))
            {
                continue;
            }

            var j = at;
            if (word == "req" && span[j..].StartsWith("uest", StringComparison.Ordinal))
            {
                j += 4;
            }

            while (j < span.Length && span[j] == ' ')
            {
                j++;
            }

            if (j < span.Length && span[j] is ')' or ',' or '.' or '[' or ':' or '?' or '=')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"token" anywhere except in CancellationToken and tokenize/tokenizer/tokenise.</summary>
    private static bool HasTokenWord(ReadOnlySpan<char> span)
    {
        var at = 0;
        while (at < span.Length)
        {
            var k = span[at..].IndexOfAny(TokenWord);
            if (k < 0)
            {
                return false;
            }

            var i = at + k;
            at = i + 5;
            var cancellation = i >= 12 && span.Slice(i - 12, 12).Equals("cancellation", StringComparison.OrdinalIgnoreCase);
            var tokenize = at + 1 < span.Length && (span[at] is 'i' or 'I') && (span[at + 1] is 'z' or 'Z' or 's' or 'S');
            if (!cancellation && !tokenize)
            {
                return true;
            }
        }

        return false;
    }

    private static int LongestLine(ReadOnlySpan<char> text)
    {
        var max = 0;
        var start = 0;
        while (start < text.Length)
        {
            var nl = text[start..].IndexOf('\n');
            var end = nl < 0 ? text.Length : start + nl;
            max = Math.Max(max, end - start);
            if (max > MinifiedLineLength)
            {
                return max;
            }

            start = end + 1;
        }

        return max;
    }

    /// <summary>The flagged line, with every string literal of 16+ chars masked (the lexer finds the literals).</summary>
    private static string Evidence(string line, Lang lang)
    {
        if (line.Length > 300)
        {
            line = line[..300] + "…";
        }

        var tokens = Lexer.Lex(line, lang);
        var sb = new System.Text.StringBuilder(line.Length);
        var last = 0;
        foreach (var t in tokens)
        {
            if (t.Kind != TokKind.Str || t.Text.Length < 16 || t.End > line.Length)
            {
                continue;
            }

            sb.Append(line, last, t.Start - last);
            sb.Append('"').Append(SecretMask.Mask(t.Text)).Append('"');
            last = t.End;
        }

        sb.Append(line, last, line.Length - last);
        return sb.ToString();
    }

    /// <summary>Deepest bracket nesting, ignoring strings only roughly; guards the recursive real parsers.</summary>
    private static int MaxNesting(ReadOnlySpan<char> text)
    {
        var depth = 0;
        var max = 0;
        foreach (var ch in text)
        {
            if (ch is '(' or '[' or '{')
            {
                if (++depth > max)
                {
                    max = depth;
                }
            }
            else if (ch is ')' or ']' or '}' && depth > 0)
            {
                depth--;
            }
        }

        return max;
    }

    /// <summary>A syntax problem the real parser (Acornima / Roslyn) or the bracket check reports, or null.</summary>
    private string? CheckSyntax(SourceFile file, List<Token> tokens, bool hasFindings)
    {
        var text = file.Content.Span;
        try
        {
            // The lexer's bracket check runs on every file; the real parsers (Acornima for JavaScript, Roslyn for C#)
            // run on files with findings (up to RealParserMaxChars) and on every file whose brackets do not balance.
            var brackets = BracketCheck(text, tokens);
            var small = hasFindings && text.Length <= RealParserMaxChars;
            if ((brackets is not null || small) && MaxNesting(text) > 250)
            {
                return null; // the recursive parsers are not run on pathological nesting; the tolerant front-end reports it
            }

            switch (lang)
            {
                case Lang.JavaScript when (small || brackets is not null) && !text.Contains("</", StringComparison.Ordinal) && !text.Contains("/>", StringComparison.Ordinal):
                    return AcornimaCheck(file.Text);
                case Lang.CSharp when brackets is not null:
                    return RoslynCheck(file.Text); // Roslyn's first parse costs more than analysing a whole C# tree: only on bracket problems
                default:
                    return brackets;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"syntax check failed ({e.GetType().Name})";
        }
    }

    private static string? AcornimaCheck(string text)
    {
        var options = new Acornima.ParserOptions
        {
            AllowReturnOutsideFunction = true,
            AllowImportExportEverywhere = true,
            AllowAwaitOutsideFunction = true,
            AllowHashBang = true,
            AllowTopLevelUsing = true,
        };
        var parser = new Acornima.Parser(options);
        try
        {
            parser.ParseModule(text);
            return null;
        }
        catch (Acornima.ParseErrorException)
        {
            try
            {
                parser.ParseScript(text);
                return null;
            }
            catch (Acornima.ParseErrorException e2)
            {
                return $"does not parse as JavaScript (Acornima: line {e2.LineNumber}: {e2.Description})";
            }
        }
    }

    private static string? RoslynCheck(string text)
    {
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None));
        foreach (var d in tree.GetDiagnostics())
        {
            if (d.Severity == DiagnosticSeverity.Error)
            {
                var line = d.Location.GetLineSpan().StartLinePosition.Line + 1;
                return $"does not parse as C# (Roslyn: line {line}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)})";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the lexer's brackets balance. A bracket token is one char, so the check compares chars and keeps the open
    /// brackets' token indexes (it runs on every analysed file).
    /// </summary>
    private static string? BracketCheck(ReadOnlySpan<char> text, List<Token> tokens)
    {
        var stack = t_brackets ??= new Stack<int>();
        stack.Clear();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens);
        for (var i = 0; i < span.Length; i++)
        {
            ref readonly var t = ref span[i];
            if (t.Kind != TokKind.Punct || t.Text.Length != 1)
            {
                continue;
            }

            var c = t.Text[0];
            if (c is '(' or '[' or '{')
            {
                stack.Push(i);
            }
            else if (c is ')' or ']' or '}')
            {
                if (stack.Count == 0 || span[stack.Peek()].Text[0] != (c == ')' ? '(' : c == ']' ? '[' : '{'))
                {
                    var line = 1 + text[..t.Start].Count('\n');
                    return $"does not parse (unbalanced '{c}' at line {line})";
                }

                stack.Pop();
            }
        }

        if (stack.Count > 0)
        {
            var open = span[stack.Peek()];
            var line = 1 + text[..open.Start].Count('\n');
            return $"does not parse (unclosed '{open.Text}' from line {line})";
        }

        return null;
    }

    [ThreadStatic]
    private static Stack<int>? t_brackets;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

}
