namespace TokenHound.Code;

/// <summary>The source languages the code front-ends read.</summary>
public enum Lang
{
    JavaScript,
    TypeScript,
    Python,
    CSharp,
    Java,
    Go,
}

public enum TokKind
{
    Ident,
    Number,
    Str,
    Interp,
    Punct,
    Newline,
    Indent,
    Dedent,
    Eof,
}

/// <summary>A piece of an interpolated string: literal text, or an expression's source range.</summary>
public readonly record struct StrPart(bool IsExpr, string Text, int Start, int End);

/// <summary>A token: a struct, so that a file's tokens are one array (which the analyzer reuses from file to file).</summary>
public struct Token
{
    private string? _text;

    public TokKind Kind;

    public string Text
    {
        readonly get => _text ?? "";
        init => _text = value;
    }

    public int Start;
    public int End;

    /// <summary>A line break precedes this token (C-family statement ends without semicolons).</summary>
    public bool Nl;

    /// <summary>An identifier or string (or, in Python, a 4xx/5xx number) that may belong to a sink or setting (<see cref="SinkWords"/>).</summary>
    public bool Sink;

    public List<StrPart>? Parts;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override readonly string ToString() => $"{Kind}:{Text}@{Start}";
}

/// <summary>
/// A tolerant lexer for JavaScript/TypeScript, Python, C#, Java and Go: every string form (template literals,
/// f-strings, triple quotes, raw/verbatim/raw-interpolated strings, Go raw strings, Java text blocks), comments,
/// regex literals. Unterminated constructs end at the line end (or the file end) instead of failing.
/// </summary>
public ref struct Lexer
{
    private readonly ReadOnlySpan<char> _s;
    private readonly int _end;
    private readonly Lang _lang;
    private int _i;
    private readonly List<Token> _out;
    private bool _nl;

    // Python layout
    private readonly Stack<int> _indents = new();
    private int _depth;

    private Lexer(ReadOnlySpan<char> s, int start, int end, Lang lang, List<Token>? reuse)
    {
        _s = s;
        _i = start;
        _end = end;
        _lang = lang;
        _indents.Push(0);
        var expected = Math.Max(16, (end - start) / 6); // about one token per 5-7 chars of code
        if (reuse is null)
        {
            _out = new List<Token>(expected);
        }
        else
        {
            reuse.Clear();
            reuse.EnsureCapacity(expected);
            _out = reuse;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Token> Lex(string s, Lang lang) => Lex(s, 0, s.Length, lang);

    /// <summary>
    /// The file's identifiers (and short string literals), one string each, with whether each is a sink word
    /// (<see cref="SinkWords"/>), decided once per file. The tables themselves are the calling thread's, cleared for
    /// each file rather than allocated for it (their entry arrays were a tenth of the code analysis' allocations); a
    /// table grown past <see cref="MaxReusedEntries"/> by a large file is dropped. (Keeping the entries from file to
    /// file instead saved no measurable time and lets the tables grow with the tree.)
    /// </summary>
    private Dictionary<string, (string Text, bool Sink)>? _names;

    private Dictionary<string, (string Text, bool Sink)>? _strings;

    [ThreadStatic]
    private static Dictionary<string, (string Text, bool Sink)>? t_names;

    [ThreadStatic]
    private static Dictionary<string, (string Text, bool Sink)>? t_strings;

    private const int MaxReusedEntries = 1 << 14;

    /// <summary>String literals up to this length are interned (longer ones are mostly unique).</summary>
    private const int MaxInternedString = 48;

    private static Dictionary<string, (string Text, bool Sink)> ThreadTable(ref Dictionary<string, (string Text, bool Sink)>? table)
    {
        if (table is null || table.Count > MaxReusedEntries)
        {
            table = new Dictionary<string, (string, bool)>(1024, StringComparer.Ordinal);
        }
        else
        {
            table.Clear();
        }

        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (string Text, bool Sink) Intern(Dictionary<string, (string Text, bool Sink)> table, ReadOnlySpan<char> span)
    {
        var lookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(span, out var found))
        {
            return found;
        }

        var str = span.ToString();
        var entry = (str, SinkWords.Contains(span));
        table[str] = entry;
        return entry;
    }

    /// <summary>One string per distinct identifier, with whether it is a sink word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (string Text, bool Sink) Intern(int start, int end)
    {
        return Intern(_names ??= ThreadTable(ref t_names), _s.Slice(start, end - start));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Token> Lex(string s, int start, int end, Lang lang) => Lex(s, start, end, lang, null);

    /// <summary>Lexes into <paramref name="reuse"/> (cleared first) when given: no token array per file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Token> Lex(string s, int start, int end, Lang lang, List<Token>? reuse) => Lex(s.AsSpan(), start, end, lang, reuse);

    /// <summary>
    /// Lexes a span (the scanner's decoded buffer: no string copy of the file). Tokens own their text, so nothing refers
    /// to <paramref name="s"/> afterwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Token> Lex(ReadOnlySpan<char> s, int start, int end, Lang lang, List<Token>? reuse)
    {
        var l = new Lexer(s, start, end, lang, reuse);
        l.Run();
        return l._out;
    }

    /// <summary>The first <paramref name="value"/> in the <paramref name="count"/> chars from <paramref name="start"/>, or -1.</summary>
    private readonly int IndexFrom(char value, int start, int count)
    {
        var k = _s.Slice(start, count).IndexOf(value);
        return k < 0 ? -1 : start + k;
    }

    private readonly int IndexFrom(string value, int start, int count)
    {
        var k = _s.Slice(start, count).IndexOf(value, StringComparison.Ordinal);
        return k < 0 ? -1 : start + k;
    }

    private bool IsPy => _lang == Lang.Python;
    private bool IsJs => _lang is Lang.JavaScript or Lang.TypeScript;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private char C(int k = 0) => _i + k < _end ? _s[_i + k] : '\0';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(TokKind kind, int start, string text, List<StrPart>? parts = null)
    {
        var end = Math.Min(_i, _end); // an unterminated template (`${`) can leave _i past the end
        var sink = kind is TokKind.Str or TokKind.Interp && (SinkWords.Contains(_s.Slice(start, Math.Max(0, end - start))) || HasSinkName(parts));
        Emit(kind, start, text, sink, parts);
    }

    /// <summary>Appends a token ending at the current position (or the end of the input).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Emit(TokKind kind, int start, string text, bool sink, List<StrPart>? parts = null)
    {
        _out.Add(new Token { Kind = kind, Start = start, End = Math.Min(_i, _end), Text = text, Nl = _nl, Parts = parts, Sink = sink });
        _nl = false;
    }

    /// <summary>
    /// Whether an interpolation of the string names a receiver that is a sink only as a whole word (`${res.send(x)}`);
    /// the fragments are found in the string's whole text.
    /// </summary>
    private bool HasSinkName(List<StrPart>? parts)
    {
        if (parts is null)
        {
            return false;
        }

        foreach (var p in parts)
        {
            if (!p.IsExpr)
            {
                continue;
            }

            var i = Math.Max(0, p.Start);
            var end = Math.Min(p.End, _end);
            while (i < end)
            {
                if (char.IsLetter(_s[i]) || _s[i] is '_' or '$')
                {
                    var st = i;
                    while (i < end && (char.IsLetterOrDigit(_s[i]) || _s[i] is '_' or '$'))
                    {
                        i++;
                    }

                    if (Intern(st, i).Sink)
                    {
                        return true;
                    }
                }
                else
                {
                    i++;
                }
            }
        }

        return false;
    }


    private void Run()
    {
        var lineStart = true;
        while (_i < _end)
        {
            if (IsPy && lineStart && _depth == 0)
            {
                lineStart = false;
                if (!PyIndent())
                {
                    // A blank or comment line was consumed with its line break: the next line starts a line too (without
                    // this, the line after a single blank line was never measured and lost its Dedent, so a function after
                    // one blank line became part of the one before).
                    lineStart = true;
                    continue;
                }
            }

            var c = C();
            if (c == '\n')
            {
                _i++;
                _nl = true;
                if (IsPy && _depth == 0)
                {
                    if (_out.Count > 0 && _out[^1].Kind is not (TokKind.Newline or TokKind.Indent or TokKind.Dedent))
                    {
                        _out.Add(new Token { Kind = TokKind.Newline, Start = _i - 1, End = _i, Text = "\n" });
                    }

                    lineStart = true;
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                _i++;
                continue;
            }

            if (IsPy && c == '\\' && (C(1) == '\n' || (C(1) == '\r' && C(2) == '\n')))
            {
                _i += C(1) == '\r' ? 3 : 2;
                continue;
            }

            // comments
            if (IsPy ? c == '#' : (c == '/' && C(1) == '/'))
            {
                SkipLine();
                continue;
            }

            if (!IsPy && c == '/' && C(1) == '*')
            {
                var stop = BlockCommentEnd();
                if (_s.Slice(_i, stop - _i).Contains('\n'))
                {
                    _nl = true;
                }

                _i = stop;
                continue;
            }

            if (_lang == Lang.CSharp && c == '#' && AtLineStart())
            {
                SkipLine(); // preprocessor
                continue;
            }

            if (IsJs && c == '#' && C(1) == '!' && _i == 0)
            {
                SkipLine();
                continue;
            }

            if (TryString())
            {
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c == '$' || (c == '#' && IsJs) || c > 127)
            {
                var st = _i;
                _i++;
                while (_i < _end && (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '_' || _s[_i] == '$' || (_s[_i] > 127 && !char.IsWhiteSpace(_s[_i]))))
                {
                    _i++;
                }

                var name = Intern(st, _i);
                Emit(TokKind.Ident, st, name.Text, name.Sink);
                continue;
            }

            if (char.IsDigit(c) || (c == '.' && char.IsDigit(C(1))))
            {
                var st = _i;
                _i++;
                while (_i < _end && (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '_' || (_s[_i] == '.' && char.IsDigit(C(1)))))
                {
                    _i++;
                }

                // in Python an HTTP error status is a sink word: `return str(e), 500` is a Flask error response
                Emit(TokKind.Number, st, _s[st.._i].ToString(), sink: IsPy && _i - st == 3 && _s[st] is '4' or '5');
                continue;
            }

            if (IsJs && c == '/' && RegexAllowed() && TryRegex())
            {
                continue;
            }

            Punct();
        }

        if (IsPy)
        {
            if (_out.Count > 0 && _out[^1].Kind != TokKind.Newline)
            {
                _out.Add(new Token { Kind = TokKind.Newline, Start = _end, End = _end, Text = "\n" });
            }

            while (_indents.Count > 1)
            {
                _indents.Pop();
                _out.Add(new Token { Kind = TokKind.Dedent, Start = _end, End = _end });
            }
        }

        _out.Add(new Token { Kind = TokKind.Eof, Start = _end, End = _end, Nl = true });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AtLineStart()
    {
        var k = _i - 1;
        while (k >= 0 && (_s[k] == ' ' || _s[k] == '\t'))
        {
            k--;
        }

        return k < 0 || _s[k] == '\n';
    }

    /// <summary>Python: measures indentation at a line start; returns false when the line is blank or a comment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool PyIndent()
    {
        var col = 0;
        var k = _i;
        while (k < _end && (_s[k] == ' ' || _s[k] == '\t'))
        {
            col += _s[k] == '\t' ? 8 - (col % 8) : 1;
            k++;
        }

        if (k >= _end || _s[k] == '\n' || _s[k] == '#' || (_s[k] == '\r' && k + 1 < _end && _s[k + 1] == '\n'))
        {
            _i = k;
            if (k < _end && _s[k] == '#')
            {
                SkipLine();
            }

            if (_i < _end && _s[_i] == '\r')
            {
                _i++;
            }

            if (_i < _end && _s[_i] == '\n')
            {
                _i++;
            }

            return false;
        }

        _i = k;
        if (col > _indents.Peek())
        {
            _indents.Push(col);
            _out.Add(new Token { Kind = TokKind.Indent, Start = _i, End = _i });
        }
        else
        {
            while (col < _indents.Peek() && _indents.Count > 1)
            {
                _indents.Pop();
                _out.Add(new Token { Kind = TokKind.Dedent, Start = _i, End = _i });
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipLine()
    {
        var j = IndexFrom('\n', _i, _end - _i);
        _i = j < 0 ? _end : j;
    }

    private static readonly HashSet<string> RegexPrefixKeywords = ["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await"];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RegexAllowed()
    {
        if (_out.Count == 0)
        {
            return true;
        }

        var p = _out[^1];
        return p.Kind switch
        {
            TokKind.Ident => RegexPrefixKeywords.Contains(p.Text),
            TokKind.Number or TokKind.Str or TokKind.Interp => false,
            TokKind.Punct => p.Text is not (")" or "]" or "}"),
            _ => true,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryRegex()
    {
        var st = _i;
        if (!SkipRegexLiteral())
        {
            return false;
        }

        Add(TokKind.Str, st, _s[st.._i].ToString());
        return true;
    }

    private static readonly string[] OneChar = [.. Enumerable.Range(0, 128).Select(i => ((char)i).ToString())];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool MaybeMulti(char c) => c is '=' or '!' or '*' or '.' or '<' or '>' or '?' or '|' or '&' or '+' or '-' or '/' or '%' or '^' or ':';

    private void Punct()
    {
        var st = _i;
        if (MaybeMulti(_s[_i]) && _i + 1 < _end && MultiCharPunct(st))
        {
            return;
        }

        var c = _s[_i++];
        switch (c)
        {
            case '(' or '[' or '{':
                _depth++;
                break;
            case ')' or ']' or '}':
                _depth = Math.Max(0, _depth - 1);
                break;
        }

        Add(TokKind.Punct, st, c < 128 ? OneChar[c] : c.ToString());
    }

    /// <summary>A three- or two-char operator at <paramref name="st"/>, if there is one ('>>' is never one token: generics close with '>' '>').</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MultiCharPunct(int st)
    {
        var c0 = _s[_i];
        var c1 = _s[_i + 1];
        var c2 = _i + 2 < _end ? _s[_i + 2] : '\0';
        var p = (c0, c1, c2) switch
        {
            ('=', '=', '=') => "===",
            ('!', '=', '=') => "!==",
            ('*', '*', '=') => "**=",
            ('.', '.', '.') => "...",
            ('<', '<', '=') => "<<=",
            ('>', '>', '=') => ">>=",
            ('?', '?', '=') => "??=",
            ('|', '|', '=') => "||=",
            ('&', '&', '=') => "&&=",
            ('>', '>', '>') => ">>>",
            ('=', '>', _) => "=>",
            ('-', '>', _) => "->",
            ('=', '=', _) => "==",
            ('!', '=', _) => "!=",
            ('<', '=', _) => "<=",
            ('>', '=', _) => ">=",
            ('&', '&', _) => "&&",
            ('|', '|', _) => "||",
            ('?', '?', _) => "??",
            ('?', '.', _) => "?.",
            ('+', '=', _) => "+=",
            ('-', '=', _) => "-=",
            ('*', '=', _) => "*=",
            ('/', '=', _) => "/=",
            ('%', '=', _) => "%=",
            ('|', '=', _) => "|=",
            ('&', '=', _) => "&=",
            ('^', '=', _) => "^=",
            ('+', '+', _) => "++",
            ('-', '-', _) => "--",
            (':', '=', _) => ":=",
            (':', ':', _) => "::",
            ('*', '*', _) => "**",
            ('<', '<', _) => "<<",
            ('<', '-', _) => "<-",
            ('/', '/', _) when IsPy => "//",
            _ => null,
        };
        if (p is null)
        {
            return false;
        }

        _i += p.Length;
        Add(TokKind.Punct, st, p);
        return true;
    }

    // ---------------------------------------------------------------- strings

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryString()
    {
        var c = C();
        switch (_lang)
        {
            case Lang.Python:
                return PyString();
            case Lang.JavaScript or Lang.TypeScript:
                if (c is '"' or '\'')
                {
                    Simple(c, 1, allowNewline: false);
                    return true;
                }

                if (c == '`')
                {
                    Template();
                    return true;
                }

                return false;
            case Lang.Go:
                if (c == '"' || c == '\'')
                {
                    Simple(c, 1, allowNewline: false);
                    return true;
                }

                if (c == '`')
                {
                    Raw('`');
                    return true;
                }

                return false;
            case Lang.Java:
                if (c == '"' && C(1) == '"' && C(2) == '"')
                {
                    TripleQuoted(3, interpolated: false, braces: 0, verbatim: true);
                    return true;
                }

                if (c is '"' or '\'')
                {
                    Simple(c, 1, allowNewline: false);
                    return true;
                }

                return false;
            case Lang.CSharp:
                return CsString();
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool CsString()
    {
        var k = 0;
        var dollars = 0;
        var at = false;
        while (C(k) == '$' || C(k) == '@')
        {
            if (C(k) == '$')
            {
                dollars++;
            }
            else
            {
                at = true;
            }

            k++;
        }

        if (C(k) == '\'' && k == 0)
        {
            Simple('\'', 1, allowNewline: false);
            return true;
        }

        if (C(k) != '"')
        {
            return false;
        }

        if (C(k) == '"' && C(k + 1) == '"' && C(k + 2) == '"')
        {
            var q = 0;
            while (C(k + q) == '"')
            {
                q++;
            }

            _i += k;
            TripleQuoted(q, dollars > 0, Math.Max(1, dollars), verbatim: true, startOffset: k);
            return true;
        }

        _i += k;
        if (dollars > 0)
        {
            Interpolated('"', at, k);
        }
        else if (at)
        {
            Verbatim(k);
        }
        else
        {
            _i -= k;
            Simple('"', 1, allowNewline: false);
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Simple(char q, int qlen, bool allowNewline)
    {
        var st = _i;
        _i += qlen;

        // fast path: no escapes before the closing quote
        var k = _i;
        while (k < _end && _s[k] != q && _s[k] != '\\' && _s[k] != '\n')
        {
            k++;
        }

        if (k < _end && _s[k] == q)
        {
            var content = _s.Slice(_i, k - _i);
            _i = k + 1;
            if (content.Length <= MaxInternedString)
            {
                var str = Intern(_strings ??= ThreadTable(ref t_strings), content);
                Emit(TokKind.Str, st, str.Text, str.Sink);
            }
            else
            {
                Add(TokKind.Str, st, content.ToString());
            }

            return;
        }

        var sb = new System.Text.StringBuilder();
        while (_i < _end)
        {
            var ch = _s[_i];
            if (ch == '\\' && _i + 1 < _end)
            {
                sb.Append(Unescape(_s[_i + 1]));
                _i += 2;
                continue;
            }

            if (ch == q)
            {
                _i++;
                break;
            }

            if (ch == '\n' && !allowNewline)
            {
                break;
            }

            sb.Append(ch);
            _i++;
        }

        Add(TokKind.Str, st, sb.ToString());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static char Unescape(char c) => c switch
    {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        _ => c,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Raw(char q)
    {
        var st = _i;
        var j = IndexFrom(q, _i + 1, _end - _i - 1);
        _i = j < 0 ? _end : j + 1;
        Add(TokKind.Str, st, _s[(st + 1)..Math.Max(st + 1, j < 0 ? _end : j)].ToString());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Verbatim(int prefix)
    {
        var st = _i - prefix;
        _i++;
        var sb = new System.Text.StringBuilder();
        while (_i < _end)
        {
            if (_s[_i] == '"')
            {
                if (C(1) == '"')
                {
                    sb.Append('"');
                    _i += 2;
                    continue;
                }

                _i++;
                break;
            }

            sb.Append(_s[_i++]);
        }

        Add(TokKind.Str, st, sb.ToString());
    }

    /// <summary>JS template literal with ${expr} parts (nested templates and braces are balanced).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Template()
    {
        var st = _i;
        _i++;
        var parts = new List<StrPart>();
        var sb = new System.Text.StringBuilder();
        while (_i < _end)
        {
            var ch = _s[_i];
            if (ch == '\\' && _i + 1 < _end)
            {
                sb.Append(Unescape(_s[_i + 1]));
                _i += 2;
                continue;
            }

            if (ch == '`')
            {
                _i++;
                break;
            }

            if (ch == '$' && C(1) == '{')
            {
                Flush(parts, sb);
                _i += 2;
                var es = _i;
                SkipBalancedExpr('}');
                parts.Add(new StrPart(true, "", es, Math.Min(_i, _end)));
                if (_i < _end)
                {
                    _i++;
                }

                continue;
            }

            sb.Append(ch);
            _i++;
        }

        Flush(parts, sb, last: true);
        AddParts(st, parts);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Flush(List<StrPart> parts, System.Text.StringBuilder sb, bool last = false)
    {
        if (sb.Length > 0)
        {
            parts.Add(new StrPart(false, sb.ToString(), 0, 0));
            if (!last)
            {
                sb.Clear(); // (the final flush skips this: clearing a multi-chunk builder copies it)
            }
        }
    }

    /// <summary>The text and parts of a finished string token, without LINQ for the common one-part case.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddParts(int st, List<StrPart> parts)
    {
        var anyExpr = false;
        var lits = 0;
        string? one = null;
        foreach (var p in parts)
        {
            if (p.IsExpr)
            {
                anyExpr = true;
            }
            else
            {
                lits++;
                one = p.Text;
            }
        }

        var text = lits == 0 ? "" : lits == 1 ? one! : string.Concat(parts.Where(p => !p.IsExpr).Select(p => p.Text));
        Add(anyExpr ? TokKind.Interp : TokKind.Str, st, text, parts);
    }

    /// <summary>Advances to the closing char at depth 0, skipping nested strings; stops before it.</summary>
    private int _nest;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipBalancedExpr(char close)
    {
        if (++_nest > 100)
        {
            // pathological nesting of templates: give up on this string at the line end
            _nest--;
            SkipLine();
            return;
        }

        try
        {
            SkipBalancedExprCore(close);
        }
        finally
        {
            _nest--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipBalancedExprCore(char close)
    {
        var depth = 0;
        var prev = '('; // the last significant char: decides whether a '/' starts a regex literal
        while (_i < _end)
        {
            var ch = _s[_i];
            if (ch is '"' or '\'' or '`')
            {
                SkipQuoted(ch);
                prev = ch;
                continue;
            }

            // JavaScript regex literals and comments inside an interpolation (`${s.replace(/"/g, '')}`): their quotes
            // and brackets are not code
            if (IsJs && ch == '/' && _i + 1 < _end)
            {
                if (_s[_i + 1] == '/')
                {
                    SkipLine();
                    continue;
                }

                if (_s[_i + 1] == '*')
                {
                    _i = BlockCommentEnd();
                    continue;
                }

                if (prev is '(' or ',' or '=' or ':' or '[' or '!' or '&' or '|' or '?' or '{' or '}' or ';' or '+' or '-' or '*' or '%' or '<' or '>' or '~' or '^'
                    && SkipRegexLiteral())
                {
                    prev = '/';
                    continue;
                }
            }

            if (!char.IsWhiteSpace(ch))
            {
                prev = ch;
            }

            if (ch is '(' or '[' or '{')
            {
                depth++;
            }
            else if (ch is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    if (ch == close)
                    {
                        return;
                    }
                }
                else
                {
                    depth--;
                }
            }
            else if (ch == '\n' && close != '}' && !IsJs)
            {
                return;
            }

            _i++;
        }
    }

    /// <summary>At a `/*`: the position after its `*/` (or the end of the input).</summary>
    private int BlockCommentEnd()
    {
        var j = IndexFrom("*/", _i + 2, _end - _i - 2);
        return j < 0 ? _end : j + 2;
    }

    /// <summary>At a '/' that starts a regex literal: moves past it (and its flags) and returns true; false (not moved) when the line ends first.</summary>
    private bool SkipRegexLiteral()
    {
        var k = _i + 1;
        var inClass = false;
        while (k < _end)
        {
            var ch = _s[k];
            if (ch == '\n')
            {
                return false;
            }

            if (ch == '\\')
            {
                k += 2;
                continue;
            }

            if (ch == '[')
            {
                inClass = true;
            }
            else if (ch == ']')
            {
                inClass = false;
            }
            else if (ch == '/' && !inClass)
            {
                k++;
                while (k < _end && char.IsLetter(_s[k]))
                {
                    k++;
                }

                _i = k;
                return true;
            }

            k++;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipQuoted(char q)
    {
        _i++;
        while (_i < _end && _s[_i] != q)
        {
            if (_s[_i] == '\\')
            {
                _i++;
            }
            else if (q == '`' && _s[_i] == '$' && C(1) == '{')
            {
                _i += 2;
                SkipBalancedExpr('}');
            }
            else if (_s[_i] == '\n' && q != '`')
            {
                return;
            }

            _i++;
        }

        _i++;
    }

    /// <summary>C# $"..." and $@"..." strings.</summary>
    private void Interpolated(char q, bool verbatim, int prefix)
    {
        var st = _i - prefix;
        _i++;
        var parts = new List<StrPart>();
        var sb = new System.Text.StringBuilder();
        while (_i < _end)
        {
            var ch = _s[_i];
            if (!verbatim && ch == '\\' && _i + 1 < _end)
            {
                sb.Append(Unescape(_s[_i + 1]));
                _i += 2;
                continue;
            }

            if (ch == q)
            {
                if (verbatim && C(1) == q)
                {
                    sb.Append(q);
                    _i += 2;
                    continue;
                }

                _i++;
                break;
            }

            if (ch == '{')
            {
                if (C(1) == '{')
                {
                    sb.Append('{');
                    _i += 2;
                    continue;
                }

                Flush(parts, sb);
                _i++;
                var es = _i;
                var ee = InterpExprEnd();
                parts.Add(new StrPart(true, "", es, ee));
                continue;
            }

            if (ch == '}' && C(1) == '}')
            {
                sb.Append('}');
                _i += 2;
                continue;
            }

            if (ch == '\n' && !verbatim)
            {
                break;
            }

            sb.Append(ch);
            _i++;
        }

        Flush(parts, sb, last: true);
        AddParts(st, parts);
    }

    /// <summary>Inside an interpolation hole (after '{'): returns the end of the expression (before ',', ':' or '!' format parts) and moves past '}'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int InterpExprEnd()
    {
        var depth = 0;
        var exprEnd = -1;
        while (_i < _end)
        {
            var ch = _s[_i];
            if (ch is '"' or '\'')
            {
                SkipQuoted(ch);
                continue;
            }

            if (ch is '(' or '[' or '{')
            {
                depth++;
            }
            else if (ch is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (ch == '}')
            {
                if (depth == 0)
                {
                    var e = exprEnd < 0 ? _i : exprEnd;
                    _i++;
                    return e;
                }

                depth--;
            }
            else if (depth == 0 && exprEnd < 0 && (ch == ':' || (ch == ',' && _lang == Lang.CSharp) || (ch == '!' && IsPy && C(1) != '=')))
            {
                // ?: ternaries inside holes are rare; treat the first top-level ':' as the format spec.
                exprEnd = _i;
            }
            else if (ch == '\n' && _lang != Lang.Python && _lang != Lang.CSharp)
            {
                break;
            }

            _i++;
        }

        return exprEnd < 0 ? _i : exprEnd;
    }

    /// <summary>Triple-quoted strings: Python ''' / """, Java text blocks, C# raw strings (optionally interpolated).</summary>
    private void TripleQuoted(int qlen, bool interpolated, int braces, bool verbatim, int startOffset = 0, char q = '"')
    {
        var st = _i - startOffset;
        _i += qlen;
        var closing = qlen == 3 ? (q == '"' ? "\"\"\"" : "'''") : new string(q, qlen);
        if (!interpolated && _i <= _end)
        {
            // fast path (docstrings, text blocks): no escapes to decode → one substring
            var close = IndexFrom(closing, _i, _end - _i);
            var stop = close < 0 ? _end : close;
            if (verbatim || _s.Slice(_i, stop - _i).IndexOf('\\') < 0)
            {
                var text = _s[_i..stop].ToString();
                _i = close < 0 ? _end : close + qlen;
                Add(TokKind.Str, st, text, text.Length > 0 ? [new StrPart(false, text, 0, 0)] : []);
                return;
            }
        }

        var parts = new List<StrPart>();
        var sb = new System.Text.StringBuilder();
        var open = new string('{', braces);
        while (_i < _end)
        {
            if (_s[_i..].StartsWith(closing))
            {
                _i += qlen;
                break;
            }

            var ch = _s[_i];
            if (!verbatim && ch == '\\' && _i + 1 < _end)
            {
                sb.Append(Unescape(_s[_i + 1]));
                _i += 2;
                continue;
            }

            if (interpolated && ch == '{')
            {
                if (braces == 1 && C(1) == '{' && IsPy)
                {
                    sb.Append('{');
                    _i += 2;
                    continue;
                }

                if (_s[_i..].StartsWith(open) && C(braces) != '{')
                {
                    Flush(parts, sb);
                    _i += braces;
                    var es = _i;
                    var ee = InterpExprEnd();
                    parts.Add(new StrPart(true, "", es, ee));
                    _i += braces - 1;
                    continue;
                }
            }

            if (interpolated && IsPy && ch == '}' && C(1) == '}')
            {
                sb.Append('}');
                _i += 2;
                continue;
            }

            sb.Append(ch);
            _i++;
        }

        Flush(parts, sb, last: true);
        AddParts(st, parts);
    }

    private bool PyString()
    {
        var k = 0;
        var f = false;
        var raw = false;
        while (k < 3 && C(k) is 'r' or 'R' or 'b' or 'B' or 'u' or 'U' or 'f' or 'F')
        {
            if (C(k) is 'f' or 'F')
            {
                f = true;
            }

            if (C(k) is 'r' or 'R')
            {
                raw = true;
            }

            k++;
        }

        var q = C(k);
        if (q is not ('"' or '\''))
        {
            return false;
        }

        if (k > 0 && _i > 0 && (char.IsLetterOrDigit(_s[_i - 1]) || _s[_i - 1] == '_'))
        {
            return false;
        }

        _i += k;
        if (C(1) == q && C(2) == q)
        {
            TripleQuoted(3, f, 1, raw, k, q);
            return true;
        }

        if (!f)
        {
            if (raw)
            {
                var st = _i - k;
                _i++;
                var sb = new System.Text.StringBuilder();
                while (_i < _end && _s[_i] != q && _s[_i] != '\n')
                {
                    if (_s[_i] == '\\' && _i + 1 < _end && _s[_i + 1] != '\n')
                    {
                        sb.Append(_s[_i]);
                        _i++;
                    }

                    sb.Append(_s[_i++]);
                }

                if (_i < _end && _s[_i] == q)
                {
                    _i++;
                }

                Add(TokKind.Str, st, sb.ToString());
            }
            else
            {
                _i -= k;
                var st = _i;
                _i += k;
                Simple(q, 1, allowNewline: false);
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_out)[^1].Start = st;
            }

            return true;
        }

        // f-string
        {
            var st = _i - k;
            _i++;
            var parts = new List<StrPart>();
            var sb = new System.Text.StringBuilder();
            while (_i < _end)
            {
                var ch = _s[_i];
                if (!raw && ch == '\\' && _i + 1 < _end)
                {
                    sb.Append(Unescape(_s[_i + 1]));
                    _i += 2;
                    continue;
                }

                if (ch == q)
                {
                    _i++;
                    break;
                }

                if (ch == '\n')
                {
                    break;
                }

                if (ch == '{')
                {
                    if (C(1) == '{')
                    {
                        sb.Append('{');
                        _i += 2;
                        continue;
                    }

                    Flush(parts, sb);
                    _i++;
                    var es = _i;
                    var ee = InterpExprEnd();
                    parts.Add(new StrPart(true, "", es, ee));
                    continue;
                }

                if (ch == '}' && C(1) == '}')
                {
                    sb.Append('}');
                    _i += 2;
                    continue;
                }

                sb.Append(ch);
                _i++;
            }

            Flush(parts, sb, last: true);
            AddParts(st, parts);
            return true;
        }
    }
}
