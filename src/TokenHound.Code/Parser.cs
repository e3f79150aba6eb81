namespace TokenHound.Code;

/// <summary>
/// The shared, tolerant statement/expression parser: turns the tokens of any supported language into the
/// <see cref="CodeModel"/>. Language differences (blocks by braces or indentation, declarations, lambdas,
/// composite literals, keyword arguments) are handled where they occur. It never throws on bad input: a token it
/// cannot place is skipped, and nesting beyond <see cref="MaxDepth"/> is skipped and reported.
/// </summary>
public sealed class Parser
{
    public const int MaxDepth = 120;

    /// <summary>Longest operator / member / call chain kept in one expression (the engine walks trees recursively).</summary>
    public const int MaxChain = 400;

    private readonly List<Token> _t;
    private readonly ReadOnlyMemory<char> _src;
    private readonly Lang _lang;
    private int _p;
    private int _depth;
    private readonly List<string> _problems;
    private readonly List<Expr> _decorators = [];
    private bool _noComposite;
    private int _assignFloor;
    private int _budget;

    private Parser(ReadOnlyMemory<char> src, List<Token> tokens, Lang lang, List<string> problems, int budget)
    {
        _src = src;
        _t = tokens;
        _lang = lang;
        _problems = problems;
        _budget = budget;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CodeModel Parse(string src, Lang lang) => Parse(src, lang, Lexer.Lex(src, lang));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CodeModel Parse(string src, Lang lang, List<Token> tokens) => Parse(src, lang, tokens, skipSinklessFunctions: false);

    /// <summary>
    /// Parses the tokens. With <paramref name="skipSinklessFunctions"/> (JavaScript, TypeScript, Python), a function body of
    /// at least <see cref="MinSkippedTokens"/> tokens without a sink word (<see cref="Token.Sink"/>) is not parsed: it
    /// becomes an empty body with its true extent, since no rule can report inside it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CodeModel Parse(string src, Lang lang, List<Token> tokens, bool skipSinklessFunctions) => Parse(src.AsMemory(), lang, tokens, skipSinklessFunctions);

    /// <summary>Parses tokens lexed from <paramref name="src"/> (the scanner's buffer; the model does not refer to it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CodeModel Parse(ReadOnlyMemory<char> src, Lang lang, List<Token> tokens, bool skipSinklessFunctions)
    {
        var model = new CodeModel { Lang = lang, Module = new FunctionDef { Name = "<module>", Start = 0, End = src.Length } };
        var p = new Parser(src, tokens, lang, model.Problems, tokens.Count * 4 + 1000) { _skipSinkless = skipSinklessFunctions && lang is Lang.JavaScript or Lang.TypeScript or Lang.Python };
        try
        {
            if (p._skipSinkless)
            {
                p.BuildSkipIndex();
                if (p._sinksBefore![tokens.Count] == 0)
                {
                    return model; // no sink word anywhere: nothing to report, nothing to parse
                }
            }

            model.Module.Body = p.ParseStatements(TopLevel: true);
            model.SkippedFunctions = p._skipped;
        }
        finally
        {
            p.ReturnSkipIndex();
        }

        return model;
    }

    /// <summary>Bodies shorter than this are parsed anyway (they cost little, and some settings read a lambda's body).</summary>
    public const int MinSkippedTokens = 12;

    private bool _skipSinkless;
    private int _skipped;

    /// <summary>For each '{' (and Python Indent) token, the index of its matching '}' (Dedent), or -1; built before parsing.</summary>
    private int[]? _close;

    /// <summary>_sinksBefore[i]: how many sink tokens precede token i.</summary>
    private int[]? _sinksBefore;

    private void BuildSkipIndex()
    {
        var n = _t.Count;
        _close = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        _sinksBefore = System.Buffers.ArrayPool<int>.Shared.Rent(n + 1);
        var open = new Stack<int>();
        var indents = new Stack<int>();
        var sinks = 0;
        for (var i = 0; i < n; i++)
        {
            _sinksBefore[i] = sinks;
            var t = _t[i];
            if (t.Sink)
            {
                sinks++;
            }

            _close[i] = -1;
            if (t.Kind == TokKind.Punct)
            {
                if (t.Text == "{")
                {
                    open.Push(i);
                }
                else if (t.Text == "}" && open.Count > 0)
                {
                    _close[open.Pop()] = i;
                }
            }
            else if (t.Kind == TokKind.Indent)
            {
                indents.Push(i);
            }
            else if (t.Kind == TokKind.Dedent && indents.Count > 0)
            {
                _close[indents.Pop()] = i;
            }
        }

        _sinksBefore[n] = sinks;
    }

    private void ReturnSkipIndex()
    {
        if (_close is not null)
        {
            System.Buffers.ArrayPool<int>.Shared.Return(_close);
            System.Buffers.ArrayPool<int>.Shared.Return(_sinksBefore!);
            _close = null;
            _sinksBefore = null;
        }
    }

    /// <summary>
    /// A function body at '{': its statements, or none (the body skipped, the position after its '}') when it holds no
    /// sink word (see <see cref="Parse(string, Lang, List{Token}, bool)"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Stmt> FunctionBlock()
    {
        if (TrySkipBody())
        {
            return [];
        }

        Next();
        return ParseStatements();
    }

    /// <summary>
    /// At a function body's '{' (or Python's Indent): when no sink word is inside, moves past its '}' (Dedent) and
    /// returns true.
    /// </summary>
    private bool TrySkipBody()
    {
        if (!_skipSinkless)
        {
            return false;
        }

        var open = _p;
        var close = _close![open];
        if (close - open >= MinSkippedTokens && _sinksBefore![close] == _sinksBefore[open + 1])
        {
            _p = close + 1;
            _skipped++;
            return true;
        }

        return false;
    }

    private bool Py => _lang == Lang.Python;
    private bool Js => _lang is Lang.JavaScript or Lang.TypeScript;
    private bool Ts => _lang == Lang.TypeScript;
    private bool Go => _lang == Lang.Go;
    private bool CsJava => _lang is Lang.CSharp or Lang.Java;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Token Peek(int k = 0) => _t[Math.Min(_p + k, _t.Count - 1)];
    private Token Cur => Peek();
    private bool Eof => Cur.Kind == TokKind.Eof;
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsP(string s, int k = 0) => Peek(k).Kind == TokKind.Punct && Peek(k).Text == s;
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsId(string s, int k = 0) => Peek(k).Kind == TokKind.Ident && Peek(k).Text == s;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Token Next()
    {
        var t = Cur;
        if (_p < _t.Count - 1)
        {
            _p++;
        }

        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Accept(string punct)
    {
        if (IsP(punct))
        {
            Next();
            return true;
        }

        return false;
    }

    private int PrevEnd => _p > 0 ? _t[_p - 1].End : 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private T At<T>(T node, int start) where T : Node
    {
        node.Start = start;
        node.End = Math.Max(start, PrevEnd);
        return node;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool StmtEnd()
    {
        var t = Cur;
        if (t.Kind is TokKind.Eof or TokKind.Newline or TokKind.Dedent)
        {
            return true;
        }

        return t.Kind == TokKind.Punct && t.Text is ";" or "}";
    }

    // ------------------------------------------------------------------ statements

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Stmt> ParseStatements(bool TopLevel = false)
    {
        var list = new List<Stmt>();
        while (!Eof && --_budget > 0)
        {
            if (Py && Cur.Kind == TokKind.Dedent)
            {
                if (TopLevel)
                {
                    Next();
                    continue;
                }

                Next();
                break;
            }

            if (!Py && IsP("}"))
            {
                Next();
                if (TopLevel)
                {
                    continue;
                }

                break;
            }

            var p0 = _p;
            var s = ParseStatement();
            if (s is not null)
            {
                list.Add(s);
            }

            if (_p == p0)
            {
                Next();
            }
        }

        return list;
    }

    /// <summary>A block after a header: braces, Python indentation, or a single statement.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Stmt> ParseBody(bool function = false)
    {
        if (Py)
        {
            Accept(":");
            if (Cur.Kind == TokKind.Newline)
            {
                Next();
                if (Cur.Kind == TokKind.Indent)
                {
                    if (function && TrySkipBody())
                    {
                        return [];
                    }

                    Next();
                    return ParseStatements();
                }

                return [];
            }

            var line = new List<Stmt>();
            while (!Eof && Cur.Kind != TokKind.Newline && Cur.Kind != TokKind.Dedent)
            {
                var p0 = _p;
                var s = ParseStatement();
                if (s is not null)
                {
                    line.Add(s);
                }

                if (_p == p0)
                {
                    Next();
                }
            }

            return line;
        }

        if (IsP("{"))
        {
            Next();
            return ParseStatements();
        }

        var one = ParseStatement();
        return one is null ? [] : [one];
    }

    private static readonly HashSet<string> Modifiers =
    [
        "public", "private", "protected", "internal", "static", "readonly", "final", "abstract", "override", "virtual",
        "sealed", "extern", "unsafe", "volatile", "transient", "partial", "export", "default", "required", "declare",
        "synchronized", "native", "strictfp", "const", "fixed", "implicit", "explicit", "operator", "file",
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Stmt? ParseStatement()
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            Deep();
            return null;
        }

        try
        {
            return ParseStatementCore();
        }
        finally
        {
            _depth--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Deep()
    {
        if (_problems.Count == 0 || !_problems.Contains("nesting deeper than the analysis limit; the deepest parts were skipped"))
        {
            _problems.Add("nesting deeper than the analysis limit; the deepest parts were skipped");
        }

        SkipBalancedRest();
    }

    /// <summary>Skips to the end of the current bracketed region (stops before its closer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipBalancedRest()
    {
        var d = 0;
        while (!Eof)
        {
            var t = Cur;
            if (t.Kind == TokKind.Punct)
            {
                if (t.Text is "(" or "[" or "{")
                {
                    d++;
                }
                else if (t.Text is ")" or "]" or "}")
                {
                    if (d == 0)
                    {
                        return;
                    }

                    d--;
                }
            }

            Next();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipBalanced()
    {
        // At an opener: skip to after its closer.
        var d = 0;
        do
        {
            var t = Cur;
            if (t.Kind == TokKind.Punct)
            {
                if (t.Text is "(" or "[" or "{")
                {
                    d++;
                }
                else if (t.Text is ")" or "]" or "}")
                {
                    d--;
                }
            }

            Next();
        }
        while (d > 0 && !Eof);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipStatement()
    {
        var d = 0;
        while (!Eof)
        {
            var t = Cur;
            if (d == 0)
            {
                if (Py && t.Kind == TokKind.Newline)
                {
                    Next();
                    return;
                }

                if (t.Kind == TokKind.Punct && t.Text == ";")
                {
                    Next();
                    return;
                }

                if (t.Kind == TokKind.Punct && t.Text == "}")
                {
                    return;
                }

                if (!Py && t.Nl && _p > 0 && (Js || Go) && !ContinuesLine(_t[_p - 1], t))
                {
                    return;
                }
            }

            if (t.Kind == TokKind.Punct)
            {
                if (t.Text is "(" or "[" or "{")
                {
                    d++;
                }
                else if (t.Text is ")" or "]" or "}")
                {
                    d--;
                }
            }

            Next();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ContinuesLine(Token prev, Token next)
    {
        if (prev.Kind == TokKind.Punct && prev.Text is not (")" or "]" or "}" or "++" or "--"))
        {
            return true;
        }

        return next.Kind == TokKind.Punct && next.Text is "." or "?." or "|" or "&" or "=" or "+" or "-" or "*" or "/" or "?" or ":" or "&&" or "||" or "??" or "==" or "===" or "!=" or "!==" or "=>" or "," or "<" or ">";
    }

    private Stmt? ParseStatementCore()
    {
        var t = Cur;
        var start = t.Start;
        if (t.Kind == TokKind.Newline)
        {
            Next();
            return null;
        }

        if (t.Kind == TokKind.Indent)
        {
            Next();
            return At(new BlockStmt([], ParseStatements()), start);
        }

        if (t.Kind == TokKind.Punct)
        {
            switch (t.Text)
            {
                case ";":
                    Next();
                    return null;
                case "{" when !Py:
                    Next();
                    return At(new BlockStmt([], ParseStatements()), start);
                case "@":
                    Next();
                    var dec = ParseUnary();
                    _decorators.Add(dec);
                    if (Py && Cur.Kind == TokKind.Newline)
                    {
                        Next();
                    }

                    return null;
                case "[" when _lang == Lang.CSharp:
                    {
                        var from = _p;
                        SkipBalanced(); // attribute: only [Authorize] / [AllowAnonymous] are kept, as decorators
                        for (var k = from; k < _p; k++)
                        {
                            if (_t[k].Kind == TokKind.Ident && _t[k].Text is "Authorize" or "AllowAnonymous")
                            {
                                _decorators.Add(At(new NameExpr(_t[k].Text), _t[k].Start));
                            }
                        }

                        return null;
                    }
            }
        }

        if (t.Kind == TokKind.Ident)
        {
            var kw = t.Text;
            switch (kw)
            {
                case "if":
                case "elif" when Py:
                    return ParseIf();
                case "else":
                    Next();
                    if (IsId("if"))
                    {
                        return ParseIf();
                    }

                    return At(new BlockStmt([], ParseBody()), start);
                case "for" or "foreach" or "while" or "switch" or "lock" or "with" or "select" or "synchronized" or "fixed":
                case "using" when IsP("(", 1):
                    {
                        Next();
                        var header = ParseHeader();
                        if (kw == "while" && !Py && IsP(";"))
                        {
                            Next(); // do { } while (x);
                            return At(new BlockStmt(header, []), start);
                        }

                        return At(new BlockStmt(header, ParseBody()), start);
                    }

                case "try" or "finally" or "do" or "unsafe" or "checked" or "unchecked" or "defer" when !(kw == "defer" && !IsP("{", 1)):
                    Next();
                    return At(new BlockStmt([], ParseBody()), start);
                case "catch" or "except" when !JsCatchMethod():
                    return ParseCatch();
                case "return" or "yield" when !IsP("(", 1) || kw == "return":
                    {
                        Next();
                        if (IsId("return") || IsId("break"))
                        {
                            Next(); // yield return / yield break
                        }

                        Expr? v = null;
                        if (!StmtEnd() && !(Js && Cur.Nl))
                        {
                            v = ParseExprList();
                        }

                        Accept(";");
                        return At(new ReturnStmt(v), start);
                    }

                case "throw" or "raise" or "assert" or "del" or "delete" when !IsP("(", 1) || kw is not "delete":
                case "go" or "defer" when Go:
                case "await" when IsId("using", 1) || IsId("foreach", 1):
                    {
                        Next();
                        if (kw == "await")
                        {
                            return null;
                        }

                        if (StmtEnd())
                        {
                            Accept(";");
                            return null;
                        }

                        var e = ParseExprList();
                        if (Py && IsId("from"))
                        {
                            Next();
                            ParseExpr();
                        }

                        Accept(";");
                        return At(new ExprStmt(e) { Throws = kw is "throw" or "raise" }, start);
                    }

                case "def" when Py:
                    return ParseFunctionAfterKeyword(start);
                case "async" when IsId("def", 1) || IsId("function", 1):
                    Next();
                    return ParseStatementCore();
                case "function" when Js && Peek(1).Kind == TokKind.Ident:
                    return ParseFunctionAfterKeyword(start);
                case "func" when Go && !IsP("(", 1) || (Go && IsP("(", 1) && LooksLikeGoMethod()):
                    return ParseFunctionAfterKeyword(start);
                case "class" or "interface" or "struct" or "namespace" or "enum" or "record" or "trait" or "module" or "object" when Peek(1).Kind == TokKind.Ident:
                    return ParseClass(start);
                case "type" when (Ts || Go) && Peek(1).Kind == TokKind.Ident:
                case "import" when !IsP("(", 1) && !IsP(".", 1):
                case "package" or "from" or "global" or "nonlocal" or "pass" or "break" or "continue" or "goto" or "fallthrough" or "debugger":
                case "using" when !IsP("(", 1):
                    if (kw == "using" && (IsId("var", 1) || (Peek(1).Kind == TokKind.Ident && Peek(2).Kind == TokKind.Ident && IsP("=", 3))))
                    {
                        Next();
                        return ParseStatementCore();
                    }

                    if (kw == "from" && !Py)
                    {
                        break;
                    }

                    if (kw == "type" && Go)
                    {
                        Next();
                        Next();
                        SkipTypeDecl();
                        return null;
                    }

                    if (kw == "import" && Go && IsP("(", 1))
                    {
                        Next();
                        SkipBalanced();
                        return null;
                    }

                    SkipStatement();
                    return null;
                case "case" or "default" when !Js || IsId("case") || IsP(":", 1):
                    if (kw == "default" && !IsP(":", 1))
                    {
                        break;
                    }

                    while (!Eof && !IsP(":") && !IsP("{") && !IsP("}"))
                    {
                        if (IsP("(") || IsP("["))
                        {
                            SkipBalanced();
                            continue;
                        }

                        Next();
                    }

                    Accept(":");
                    return null;
                case "var" or "let" or "const" or "val" when !(kw == "const" && _lang == Lang.CSharp):
                    Next();
                    return ParseDeclarators(start);
                case "export" when IsId("default", 1) && (IsId("function", 2) || IsId("async", 2) || IsId("class", 2)):
                    Next();
                    Next();
                    return ParseStatementCore();
            }

            if (Modifiers.Contains(kw) && (Peek(1).Kind == TokKind.Ident || (kw == "export" && IsP("{", 1) == false)) && !IsP("=", 1) && !IsP(".", 1) && !IsP("(", 1))
            {
                Next();
                return ParseStatementCore();
            }

            if (kw == "async" && (Peek(1).Kind == TokKind.Ident) && !Py && !IsP("=>", 2))
            {
                Next();
                return ParseStatementCore();
            }
        }

        if (!Py && LooksLikeFunctionHeader(out var exprBodied))
        {
            return ParseCFunction(start, exprBodied);
        }

        if (CsJava && TryTypedDeclaration(start, out var decl))
        {
            return decl;
        }

        return ParseSimpleStatement(start);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool LooksLikeGoMethod()
    {
        // func (r *T) Name(...)
        var save = _p;
        Next();
        SkipBalanced();
        var ok = Cur.Kind == TokKind.Ident && IsP("(", 1);
        _p = save;
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipTypeDecl()
    {
        // Go: type X struct { ... } / type X = Y / type X interface { ... }
        while (!Eof && !IsP("{") && !IsP(";") && !(Cur.Nl))
        {
            Next();
        }

        if (IsP("{"))
        {
            SkipBalanced();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Stmt ParseIf()
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            var s0 = Cur.Start;
            Deep();
            return At(new ExprStmt(At(new UnknownExpr([]), s0)), s0);
        }

        try
        {
            return ParseIfCore();
        }
        finally
        {
            _depth--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Stmt ParseIfCore()
    {
        var start = Cur.Start;
        Next();
        var header = ParseHeader();
        var cond = header.Count switch
        {
            0 => At(new UnknownExpr([]), start),
            _ => header[^1] is ExprStmt es ? es.E : At(new UnknownExpr([]), start),
        };
        var then = ParseBody();
        if (header.Count > 1 || (header.Count == 1 && header[0] is not ExprStmt))
        {
            then.InsertRange(0, header.Where(h => h is not ExprStmt || !ReferenceEquals(h, header[^1])));
        }

        var els = new List<Stmt>();
        var save = _p;
        while (Py && Cur.Kind == TokKind.Newline)
        {
            Next();
        }

        if (IsId("else") || (Py && IsId("elif")))
        {
            if (IsId("elif"))
            {
                var s = ParseIf();
                els.Add(s);
            }
            else
            {
                Next();
                if (IsId("if"))
                {
                    els.Add(ParseIf());
                }
                else
                {
                    els.AddRange(ParseBody());
                }
            }
        }
        else
        {
            _p = save;
        }

        return At(new IfStmt(cond, then, els), start);
    }

    /// <summary>An if/for/while/switch/with header: (parenthesized) or up to '{' (Go) / ':' (Python).</summary>
    private List<Stmt> ParseHeader()
    {
        var list = new List<Stmt>();
        if (!Py && !Go && IsP("("))
        {
            Next();
            while (!Eof && !IsP(")") && --_budget > 0)
            {
                var p0 = _p;
                var s = ParseHeaderPart();
                if (s is not null)
                {
                    list.Add(s);
                }

                Accept(";");
                if (_p == p0)
                {
                    Next();
                }
            }

            Accept(")");
            if (IsId("when"))
            {
                Next();
                list.AddRange(ParseHeader());
            }

            return list;
        }

        var prev = _noComposite;
        _noComposite = Go;
        try
        {
            while (!Eof && !(Py ? IsP(":") : IsP("{")) && Cur.Kind != TokKind.Newline && --_budget > 0)
            {
                var p0 = _p;
                var s = ParseHeaderPart();
                if (s is not null)
                {
                    list.Add(s);
                }

                Accept(";");
                if (Py && IsId("as"))
                {
                    // with open(x) as f
                    Next();
                    var target = ParsePostfix(ParsePrimary());
                    if (s is ExprStmt es)
                    {
                        list[^1] = At(new AssignStmt(target, es.E, "="), es.Start);
                    }
                }

                Accept(",");
                if (_p == p0)
                {
                    Next();
                }
            }
        }
        finally
        {
            _noComposite = prev;
        }

        return list;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Stmt? ParseHeaderPart()
    {
        var start = Cur.Start;
        if (IsId("var") || IsId("let") || IsId("const") || IsId("final"))
        {
            Next();
        }

        if (CsJava && TryTypedDeclaration(start, out var decl, inHeader: true))
        {
            return decl;
        }

        var e = ParseExprList();
        if (IsId("of") || IsId("in") || (IsP(":") && !Py) || IsId("range"))
        {
            Next();
            var iter = ParseExpr();
            return At(new AssignStmt(e, iter, "in"), start);
        }

        if (IsAssignOp())
        {
            var op = Next().Text;
            if (IsId("range"))
            {
                Next();
            }

            var v = ParseExprList();
            return At(new AssignStmt(e, v, op), start);
        }

        if (Py && e is BinaryExpr { Op: "in" } bin)
        {
            return At(new AssignStmt(bin.Left, bin.Right, "in"), start);
        }

        return At(new ExprStmt(e), start);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <summary>
    /// A JavaScript/TypeScript class method named <c>catch</c> (a NestJS exception filter's <c>catch(exception: unknown,
    /// host: ArgumentsHost): void { … }</c>), not a catch clause: its parentheses hold more than one parameter, or a
    /// return type follows them. A catch clause binds one name.
    /// </summary>
    private bool JsCatchMethod()
    {
        if (!Js || !IsId("catch") || !IsP("(", 1))
        {
            return false;
        }

        var end = SkipGroup(_p + 1);
        if (end < _t.Count && _t[end].Kind == TokKind.Punct && _t[end].Text == ":")
        {
            return true;
        }

        var d = 0;
        for (var k = _p + 2; k < end - 1; k++)
        {
            var t = _t[k];
            if (t.Kind != TokKind.Punct)
            {
                continue;
            }

            d += t.Text is "(" or "[" or "{" or "<" ? 1 : t.Text is ")" or "]" or "}" or ">" ? -1 : 0;
            if (d == 0 && t.Text == ",")
            {
                return true;
            }
        }

        return false;
    }

    private Stmt ParseCatch()
    {
        var start = Cur.Start;
        Next();
        string? var = null;
        if (Py)
        {
            // except (A, B) as e:
            while (!Eof && !IsP(":") && Cur.Kind != TokKind.Newline)
            {
                if (IsId("as") && Peek(1).Kind == TokKind.Ident)
                {
                    Next();
                    var = Next().Text;
                    continue;
                }

                if (IsP("(") || IsP("["))
                {
                    SkipBalanced();
                    continue;
                }

                Next();
            }

            if (var is null)
            {
                var = "__exception__";
            }
        }
        else if (IsP("("))
        {
            var save = _p;
            SkipBalanced();
            var end = _p;
            _p = save;
            for (var k = save; k < end; k++)
            {
                if (_t[k].Kind == TokKind.Ident)
                {
                    var = _t[k].Text;
                }
                else if (Ts && var is not null && _t[k].Kind == TokKind.Punct && _t[k].Text == ":")
                {
                    break; // catch (err: unknown): the binding, not its type
                }
            }

            _p = end;
            if (IsId("when"))
            {
                Next();
                ParseHeader();
            }
        }

        var body = ParseBody();
        return At(new CatchStmt(var ?? "__exception__", body), start);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Stmt ParseClass(int start)
    {
        Next(); // class
        Next(); // name
        if (Py)
        {
            if (IsP("("))
            {
                SkipBalanced();
            }

            return At(new BlockStmt([], MarkMethods(ParseBody())), start);
        }

        // skip to the body: generics, base lists, primary constructors
        while (!Eof && !IsP("{") && !IsP(";"))
        {
            if (IsP("(") || IsP("["))
            {
                SkipBalanced();
                continue;
            }

            Next();
        }

        if (IsP(";"))
        {
            Next();
            return At(new BlockStmt([], []), start);
        }

        // a class's [Authorize] applies to each of its methods
        var classAttributes = _decorators.OfType<NameExpr>().Where(d => d.Name == "Authorize").ToList();
        _decorators.Clear();
        Next();
        return At(new BlockStmt([], MarkMethods(ParseStatements(), classAttributes)), start);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Stmt> MarkMethods(List<Stmt> body, List<NameExpr>? classAttributes = null)
    {
        foreach (var st in body)
        {
            if (st is FuncStmt f)
            {
                f.Fn.IsMethod = true;
                if (classAttributes is { Count: > 0 })
                {
                    f.Fn.Decorators.AddRange(classAttributes);
                }
            }
        }

        return body;
    }

    /// <summary>def / function / func: keyword at Cur.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Stmt ParseFunctionAfterKeyword(int start)
    {
        var fn = new FunctionDef { Start = start, Decorators = [.. _decorators] };
        _decorators.Clear();
        Next(); // def/function/func
        if (Go && IsP("("))
        {
            SkipBalanced(); // receiver
        }

        Accept("*");
        if (Cur.Kind == TokKind.Ident)
        {
            fn.Name = Next().Text;
        }

        if ((Ts || Go || CsJava) && IsP("<") || (Go && IsP("[")))
        {
            SkipAngles();
        }

        if (IsP("("))
        {
            fn.Params = ParseParams();
        }

        SkipToBody();
        if (Py)
        {
            fn.Body = ParseBody(function: true);
        }
        else if (IsP("{"))
        {
            fn.Body = FunctionBlock();
        }
        else
        {
            Accept(";");
        }

        fn.End = PrevEnd;
        return At(new FuncStmt(fn), start);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipToBody()
    {
        if (Py)
        {
            while (!Eof && !IsP(":") && Cur.Kind != TokKind.Newline)
            {
                if (IsP("(") || IsP("["))
                {
                    SkipBalanced();
                    continue;
                }

                Next();
            }

            return;
        }

        while (!Eof && !IsP("{") && !IsP(";") && !IsP("=>") && !IsP("}"))
        {
            if (IsP("(") || IsP("[") || IsP("<"))
            {
                if (IsP("<"))
                {
                    SkipAngles();
                }
                else
                {
                    SkipBalanced();
                }

                continue;
            }

            Next();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipAngles()
    {
        var open = Cur.Text;
        var close = open == "<" ? ">" : open == "[" ? "]" : ")";
        var d = 0;
        var inner = 0;
        var guard = 0;
        do
        {
            if (IsP("(") || IsP("[") && open != "[" || IsP("{"))
            {
                inner++;
            }
            else if (IsP(")") || IsP("]") && open != "[" || IsP("}"))
            {
                if (inner == 0)
                {
                    return;
                }

                inner--;
            }
            else if (IsP(open))
            {
                d++;
            }
            else if (IsP(close))
            {
                d--;
            }
            else if (IsP(";"))
            {
                return;
            }

            Next();
        }
        while ((d > 0 || inner > 0) && !Eof && ++guard < 400);
    }

    private bool LooksLikeFunctionHeader(out bool exprBodied)
    {
        exprBodied = false;
        var k = _p;
        var sawGroup = false;
        var firstIdent = _t[k].Kind == TokKind.Ident ? _t[k].Text : "";
        if (firstIdent is "new" or "return" or "await" or "throw" or "if" or "while" or "switch" or "for" or "typeof" or "this" or "self" or "super" or "base")
        {
            return false;
        }

        var prevWasIdent = false;
        var typeAfterGroup = false;
        var n = 0;
        while (k < _t.Count && ++n < 300)
        {
            var t = _t[k];
            if (t.Kind == TokKind.Eof)
            {
                return false;
            }

            if (k > _p && t.Nl && (Js || Go) && !(t.Kind == TokKind.Punct && t.Text == "{"))
            {
                return false;
            }

            if (t.Kind == TokKind.Punct)
            {
                switch (t.Text)
                {
                    case "(":
                        if (!prevWasIdent && !sawGroup && !(k > _p && _t[k - 1].Kind == TokKind.Punct && _t[k - 1].Text == ">"))
                        {
                            return false;
                        }

                        k = SkipGroup(k);
                        sawGroup = true;
                        prevWasIdent = false;
                        continue;
                    case "[" or "<":
                        k = t.Text == "<" ? SkipAngleGroup(k) : SkipGroup(k);
                        if (k < 0)
                        {
                            return false;
                        }

                        prevWasIdent = true;
                        continue;
                    case "{":
                        return sawGroup;
                    case "=>":
                        if (sawGroup && k > _p && _t[k - 1].Kind == TokKind.Punct && _t[k - 1].Text == ")" && CsJava)
                        {
                            exprBodied = true;
                            return true;
                        }

                        return false;
                    case "." or "?" or "*" or "&" or ":" or ",":
                        if (t.Text is ":" && sawGroup)
                        {
                            typeAfterGroup = true; // a TypeScript return type: ): jwt.JwtPayload {
                        }

                        if (t.Text is "." && sawGroup && !typeAfterGroup)
                        {
                            return false; // a call chain (f(x).g {), not a qualified return / throws type
                        }

                        prevWasIdent = false;
                        k++;
                        continue;
                    default:
                        return false;
                }
            }

            if (t.Kind != TokKind.Ident)
            {
                return false;
            }

            if (sawGroup && !(t.Text is "throws" or "where" or "async" or "const" or "override" or "noexcept" or "base" or "this") && !Go && !Ts && _lang != Lang.CSharp && _lang != Lang.Java)
            {
                return false;
            }

            if (sawGroup && t.Text is "throws" or "where")
            {
                typeAfterGroup = true; // Java throws java.io.IOException, C# where T : System.IDisposable
            }

            prevWasIdent = true;
            k++;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SkipGroup(int k)
    {
        var d = 0;
        for (; k < _t.Count; k++)
        {
            var t = _t[k];
            if (t.Kind == TokKind.Eof)
            {
                return k;
            }

            if (t.Kind != TokKind.Punct)
            {
                continue;
            }

            if (t.Text is "(" or "[" or "{")
            {
                d++;
            }
            else if (t.Text is ")" or "]" or "}")
            {
                d--;
                if (d == 0)
                {
                    return k + 1;
                }
            }
        }

        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SkipAngleGroup(int k)
    {
        var d = 0;
        for (; k < _t.Count && k < _p + 200; k++)
        {
            var t = _t[k];
            if (t.Kind == TokKind.Punct)
            {
                if (t.Text == "<")
                {
                    d++;
                }
                else if (t.Text == ">")
                {
                    d--;
                    if (d == 0)
                    {
                        return k + 1;
                    }
                }
                else if (t.Text is not ("," or "." or "?" or "[" or "]" or "(" or ")" or "|" or "&"))
                {
                    return -1;
                }
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Stmt ParseCFunction(int start, bool exprBodied)
    {
        var fn = new FunctionDef { Start = start, Decorators = [.. _decorators] };
        _decorators.Clear();
        if (Go && IsId("func"))
        {
            Next();
            if (IsP("("))
            {
                SkipBalanced();
            }
        }

        // name = the identifier right before the first '(' at depth 0
        string? name = null;
        while (!Eof && !IsP("("))
        {
            if (IsP("<") || IsP("["))
            {
                SkipAngles();
                continue;
            }

            if (Cur.Kind == TokKind.Ident)
            {
                name = Cur.Text;
            }

            Next();
        }

        fn.Name = name;
        fn.Params = IsP("(") ? ParseParams() : [];
        SkipToBody();
        if (IsP("=>"))
        {
            Next();
            var e = ParseExpr();
            fn.Body = [At(new ReturnStmt(e), e.Start)];
            Accept(";");
        }
        else if (IsP("{"))
        {
            fn.Body = FunctionBlock();
        }

        _ = exprBodied;
        fn.End = PrevEnd;
        return At(new FuncStmt(fn), start);
    }

    /// <summary>Parameters: at '(' (consumed through ')').</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Param> ParseParams()
    {
        var ps = new List<Param>();
        var open = _p;
        SkipBalanced();
        var close = _p - 1;
        var k = open + 1;
        while (k < close)
        {
            // one parameter: tokens up to a depth-0 comma
            var s = k;
            var d = 0;
            while (k < close)
            {
                var t = _t[k];
                if (t.Kind == TokKind.Punct)
                {
                    if (t.Text is "(" or "[" or "{" or "<")
                    {
                        d++;
                    }
                    else if (t.Text is ")" or "]" or "}" or ">")
                    {
                        d--;
                    }
                    else if (t.Text == "," && d <= 0)
                    {
                        break;
                    }
                }

                k++;
            }

            AddParam(ps, s, k);
            k++;
        }

        return ps;
    }

    private static readonly HashSet<string> ParamModifiers = ["final", "this", "ref", "out", "in", "params", "readonly", "public", "private", "protected", "scoped", "override"];

    private void AddParam(List<Param> ps, int s, int e)
    {
        // skip attributes/annotations/decorators; a header or cookie binding (@RequestHeader("Authorization"),
        // @HeaderParam, [FromHeader(Name = "x-api-key")], @CookieValue) marks the parameter (Param.Header)
        var annotated = s;
        while (s < e && _t[s].Kind == TokKind.Punct && _t[s].Text is "[" or "@")
        {
            if (_t[s].Text == "[")
            {
                var d = 0;
                do
                {
                    if (_t[s].Text == "[")
                    {
                        d++;
                    }
                    else if (_t[s].Text == "]")
                    {
                        d--;
                    }

                    s++;
                }
                while (d > 0 && s < e);
            }
            else
            {
                s += 2;
                if (s < e && _t[s].Text == "(")
                {
                    var d = 0;
                    do
                    {
                        if (_t[s].Text == "(")
                        {
                            d++;
                        }
                        else if (_t[s].Text == ")")
                        {
                            d--;
                        }

                        s++;
                    }
                    while (d > 0 && s < e);
                }
            }
        }

        string? bound = null;
        for (var k = annotated; k < s; k++)
        {
            if (_t[k].Kind == TokKind.Ident && (_t[k].Text.Contains("Header", StringComparison.Ordinal) || _t[k].Text.Contains("Cookie", StringComparison.Ordinal)))
            {
                bound = "";
            }
            else if (bound == "" && _t[k].Kind == TokKind.Str)
            {
                bound = _t[k].Text;
            }
        }

        // (Go has no parameter modifiers: `in ReindexInput`, `params url.Values` are a name and a type)
        while (!Go && s < e && _t[s].Kind == TokKind.Ident && ParamModifiers.Contains(_t[s].Text) && s + 1 < e && _t[s + 1].Kind == TokKind.Ident)
        {
            s++;
        }

        if (s >= e)
        {
            return;
        }

        if (_t[s].Kind == TokKind.Punct && _t[s].Text == "{" && Js)
        {
            // destructured parameter: each name becomes a parameter
            for (var k = s + 1; k < e; k++)
            {
                if (_t[k].Kind == TokKind.Ident && (_t[k + 1].Text is "," or "}" or "=" || (_t[k + 1].Text == ":" && false)))
                {
                    ps.Add(new Param(_t[k].Text, "{destructured}"));
                }
            }

            return;
        }

        var eq = e;
        for (var k = s; k < e; k++)
        {
            if (_t[k].Kind == TokKind.Punct && _t[k].Text == "=")
            {
                eq = k;
                break;
            }
        }

        if (CsJava)
        {
            for (var k = eq - 1; k >= s; k--)
            {
                if (_t[k].Kind == TokKind.Ident)
                {
                    var type = k > s ? _src.Span[_t[s].Start.._t[k - 1].End].ToString() : null;
                    ps.Add(new Param(_t[k].Text, type) { Header = bound is null ? null : bound.Length > 0 ? bound : _t[k].Text });
                    return;
                }
            }

            return;
        }

        for (var k = s; k < eq; k++)
        {
            if (_t[k].Kind == TokKind.Ident)
            {
                var type = k + 1 < eq ? _src.Span[_t[k + 1].Start.._t[eq - 1].End].TrimStart(":? ").ToString() : null;
                string? header = null;
                // FastAPI: authorization: str = Header(default=""), x_api_key: str = Header(alias="X-API-Key"), session = Cookie(None)
                if (Py && eq + 2 < e && _t[eq + 1].Kind == TokKind.Ident && _t[eq + 1].Text is "Header" or "Cookie" && _t[eq + 2].Text == "(")
                {
                    header = _t[k].Text.Replace('_', '-');
                    for (var a = eq + 3; a + 2 < e; a++)
                    {
                        if (_t[a].Kind == TokKind.Ident && _t[a].Text == "alias" && _t[a + 1].Text == "=" && _t[a + 2].Kind == TokKind.Str)
                        {
                            header = _t[a + 2].Text;
                        }
                    }
                }

                ps.Add(new Param(_t[k].Text, type) { Header = header });
                return;
            }
        }
    }

    /// <summary>C#/Java "Type name = value;" (also in for/foreach/catch headers).</summary>
    private bool TryTypedDeclaration(int start, out Stmt? decl, bool inHeader = false)
    {
        decl = null;
        var k = _p;
        if (_t[k].Kind != TokKind.Ident || _t[k].Text is "return" or "new" or "await" or "throw" or "yield" or "this" or "base" or "super" or "typeof" or "default")
        {
            return false;
        }

        k++;
        while (true)
        {
            var t = _t[k];
            if (t.Kind == TokKind.Punct && t.Text == "." && _t[k + 1].Kind == TokKind.Ident)
            {
                k += 2;
                continue;
            }

            if (t.Kind == TokKind.Punct && t.Text == "<")
            {
                var save = _p;
                _p = k;
                var e = SkipAngleGroup(k);
                _p = save;
                if (e < 0)
                {
                    return false;
                }

                k = e;
                continue;
            }

            if (t.Kind == TokKind.Punct && t.Text == "[" && _t[k + 1].Text is "]" or ",")
            {
                while (_t[k].Text != "]")
                {
                    k++;
                }

                k++;
                continue;
            }

            if (t.Kind == TokKind.Punct && t.Text is "?" or "*")
            {
                k++;
                continue;
            }

            break;
        }

        if (_t[k].Kind != TokKind.Ident)
        {
            return false;
        }

        var nameTok = _t[k];
        var after = _t[k + 1];
        if (after.Kind != TokKind.Punct && !(after.Kind == TokKind.Ident && after.Text == "in" && inHeader))
        {
            return false;
        }

        if (after.Text is not ("=" or ";" or "," or ":" or "in" or "{" or "=>" or ")"))
        {
            return false;
        }

        if (after.Text == ")" && !inHeader)
        {
            return false;
        }

        _p = k + 1;
        var target = At(new NameExpr(nameTok.Text), nameTok.Start);
        target.End = nameTok.End;
        switch (after.Text)
        {
            case "=":
                {
                    Next();
                    var v = ParseExpr();
                    var first = At(new AssignStmt(target, v, "="), start);
                    if (IsP(",") && !inHeader)
                    {
                        // int a = 1, b = 2;
                        var list = new List<Stmt> { first };
                        while (Accept(","))
                        {
                            if (Cur.Kind == TokKind.Ident && IsP("=", 1))
                            {
                                var n = Next();
                                Next();
                                var vv = ParseExpr();
                                list.Add(At(new AssignStmt(At(new NameExpr(n.Text), n.Start), vv, "="), n.Start));
                            }
                        }

                        Accept(";");
                        decl = At(new BlockStmt(list, []), start);
                        return true;
                    }

                    if (!inHeader)
                    {
                        Accept(";");
                    }

                    decl = first;
                    return true;
                }

            case ":" or "in" when inHeader:
                {
                    Next();
                    var iter = ParseExpr();
                    decl = At(new AssignStmt(target, iter, "in"), start);
                    return true;
                }

            case "{":
                SkipBalanced();
                if (IsP("="))
                {
                    Next();
                    var v = ParseExpr();
                    Accept(";");
                    decl = At(new AssignStmt(target, v, "="), start);
                    return true;
                }

                return true;
            case "=>":
                Next();
                ParseExpr();
                Accept(";");
                return true;
            default:
                if (!inHeader)
                {
                    Accept(";");
                }

                return true;
        }
    }

    /// <summary>After var/let/const/val: one or more declarators.</summary>
    private Stmt? ParseDeclarators(int start)
    {
        // Go: var ( … ) / const ( … ) groups one declarator a line and ends at its ')' (not at a '}': reading on as
        // statements took the rest of the file into the group)
        if (Go && IsP("("))
        {
            Next();
            var inner = new List<Stmt>();
            while (!Eof && !IsP(")") && !IsP("}"))
            {
                var p0 = _p;
                if (Cur.Kind == TokKind.Ident && ParseDeclarators(Cur.Start) is { } d)
                {
                    inner.Add(d);
                }

                Accept(";");
                if (_p == p0)
                {
                    Next();
                }
            }

            Accept(")");
            return At(new BlockStmt(inner, []), start);
        }

        var list = new List<Stmt>();
        while (!Eof)
        {
            var tstart = Cur.Start;
            Expr target;
            if (IsP("{") || IsP("["))
            {
                target = ParsePrimary();
            }
            else if (Cur.Kind == TokKind.Ident)
            {
                var n = Next();
                target = At(new NameExpr(n.Text), n.Start);
                if (Go)
                {
                    // var a, b T = ...
                    var names = new List<Expr> { target };
                    while (IsP(",") && Peek(1).Kind == TokKind.Ident)
                    {
                        Next();
                        var n2 = Next();
                        names.Add(At(new NameExpr(n2.Text), n2.Start));
                    }

                    if (names.Count > 1)
                    {
                        target = At(new ArrayExpr(names), tstart);
                    }
                }
            }
            else
            {
                break;
            }

            Accept("!");
            if ((Ts && IsP(":")) || (Go && !IsP("=") && !StmtEnd() && !Cur.Nl) || (_lang == Lang.CSharp && false))
            {
                SkipTypeAnnotation();
            }

            if (IsId("of") || IsId("in"))
            {
                Next();
                list.Add(At(new AssignStmt(target, ParseExpr(), "in"), tstart));
                break;
            }

            if (IsP("="))
            {
                Next();
                var v = Go ? ParseExprList() : ParseExpr();
                list.Add(At(new AssignStmt(target, v, "="), tstart));
            }

            if (!IsP(","))
            {
                break;
            }

            Next();
        }

        Accept(";");
        return list.Count switch
        {
            0 => null,
            1 => list[0],
            _ => At(new BlockStmt(list, []), start),
        };
    }

    /// <summary>Skips a type annotation (TS ': T', Go 'T') up to '=', ',', ';', ')' or a statement end at depth 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipTypeAnnotation()
    {
        Accept(":");
        var d = 0;
        var n = 0;
        while (!Eof && ++n < 2000)
        {
            var t = Cur;
            if (d == 0)
            {
                if (t.Kind == TokKind.Punct && t.Text is "=" or "," or ";" or ")" or "}" or "=>")
                {
                    return;
                }

                if (t.Kind == TokKind.Ident && t.Text is "of" or "in")
                {
                    return;
                }

                if (n > 1 && t.Nl && !(t.Kind == TokKind.Punct && t.Text is "|" or "&"))
                {
                    return;
                }
            }

            if (t.Kind == TokKind.Punct)
            {
                if (t.Text is "(" or "[" or "{" or "<")
                {
                    d++;
                }
                else if (t.Text is ")" or "]" or "}" or ">")
                {
                    if (d == 0)
                    {
                        return;
                    }

                    d--;
                }
                else if (t.Text == "=>" && d == 0)
                {
                    return;
                }
            }

            Next();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsAssignOp()
    {
        var t = Cur;
        return t.Kind == TokKind.Punct && t.Text is "=" or ":=" or "+=" or "-=" or "*=" or "/=" or "%=" or "|=" or "&=" or "^=" or "??=" or "||=" or "&&=" or "<<=" or ">>=" or "**=";
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Stmt? ParseSimpleStatement(int start)
    {
        var savedFloor = _assignFloor;
        _assignFloor = _depth + 1;
        var e = Py || Go ? ParseExprList() : ParseExpr();
        _assignFloor = savedFloor;
        if (Py && IsP(":") && !(e is CallExpr))
        {
            // annotated assignment: x: int = 5
            Next();
            ParseExpr();
        }

        if (Ts && IsP(":"))
        {
            SkipTypeAnnotation();
        }

        // C#/Java/Go typed local without initializer pattern "Type name" (rare): skip
        if (IsAssignOp())
        {
            var op = Next().Text;
            var v = Py || Go ? ParseExprList() : ParseExpr();
            var st = At(new AssignStmt(e, v, op), start);
            while (IsP("="))
            {
                // a = b = c
                Next();
                var v2 = Py || Go ? ParseExprList() : ParseExpr();
                st = At(new AssignStmt(v, v2, "="), start);
            }

            Accept(";");
            return st;
        }

        Accept(";");
        return At(new ExprStmt(e), start);
    }

    // ------------------------------------------------------------------ expressions

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Expr ParseExprList()
    {
        var start = Cur.Start;
        var first = ParseExpr();
        if (!IsP(","))
        {
            return first;
        }

        var items = new List<Expr> { first };
        while (IsP(","))
        {
            Next();
            if (StmtEnd() || IsAssignOp() || IsP(")") || IsP("]") || (Py && IsP(":")))
            {
                break;
            }

            items.Add(ParseExpr());
        }

        return At(new ArrayExpr(items), start);
    }

    private static int Prec(string op) => op switch
    {
        "??" or "||" or "or" => 1,
        "&&" or "and" => 2,
        "|" => 3,
        "^" => 4,
        "&" => 5,
        "==" or "!=" or "===" or "!==" or "is" or "in" or "not in" or "instanceof" or "is not" => 6,
        "<" or ">" or "<=" or ">=" => 7,
        "<<" or ">>" => 8,
        "+" or "-" => 9,
        "*" or "/" or "%" or "//" or "**" or "@" => 10,
        _ => -1,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Expr ParseExpr()
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            var s = Cur.Start;
            Deep();
            return At(new UnknownExpr([]), s);
        }

        try
        {
            var start = Cur.Start;
            var e = ParseBinary(0);
            if (!Py && IsP("?") )
            {
                Next();
                var a = ParseExpr();
                Accept(":");
                var b = ParseExpr();
                e = At(new CondExpr(e, a, b), start);
            }
            else if (Py && IsId("if") && !Cur.Nl)
            {
                Next();
                var test = ParseBinary(0);
                Expr other = At(new UnknownExpr([]), Cur.Start);
                if (IsId("else"))
                {
                    Next();
                    other = ParseExpr();
                }

                e = At(new CondExpr(test, e, other), start);
            }

            if ((Ts || _lang == Lang.CSharp) && (IsId("as") || IsId("satisfies")) && !Cur.Nl)
            {
                Next();
                SkipTypeAnnotation();
            }

            if (IsP("=") && !Py && _depth > _assignFloor && !CsJava)
            {
                // assignment inside an expression (x => a.b = c)
                Next();
                var v = ParseExpr();
                e = At(new BinaryExpr("=", e, v), start);
            }

            return e;
        }
        finally
        {
            _depth--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? BinaryOp()
    {
        var t = Cur;
        if ((Js || Go) && t.Nl && !(t.Kind == TokKind.Punct && t.Text is not ("(" or "[" or "-" or "+" or "<" or "/")))
        {
            // a new line starting with an operator continues; other lines do not
        }

        if (t.Kind == TokKind.Punct)
        {
            if (t.Text is "<" && (Ts || CsJava) && LooksLikeGenericCallAhead())
            {
                return null;
            }

            return Prec(t.Text) >= 0 ? t.Text : null;
        }

        if (t.Kind == TokKind.Ident)
        {
            if (Py && t.Text == "not" && IsId("in", 1))
            {
                return "not in";
            }

            if (Py && t.Text == "is" && IsId("not", 1))
            {
                return "is not";
            }

            if (t.Text is "or" or "and" or "is" or "in" && Py)
            {
                return t.Text;
            }

            if (t.Text is "instanceof" or "in" && Js)
            {
                return t.Text;
            }

            if (t.Text == "is" && _lang == Lang.CSharp)
            {
                return "is";
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool LooksLikeGenericCallAhead() => SkipAngleGroup(_p) is var e && e > 0 && e < _t.Count && _t[e].Kind == TokKind.Punct && _t[e].Text is "(" or "{";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Expr ParseBinary(int minPrec)
    {
        var start = Cur.Start;
        var left = ParseUnary();
        var chain = 0;
        while (--_budget > 0)
        {
            var op = BinaryOp();
            if (op is null)
            {
                break;
            }

            if (++chain > MaxChain)
            {
                Deep();
                break;
            }

            var prec = Prec(op);
            if (prec < minPrec || prec == 0 && minPrec > 0)
            {
                break;
            }

            if (prec <= minPrec - 1)
            {
                break;
            }

            Next();
            if (op is "not in" or "is not")
            {
                Next();
            }

            if (op == "is" && _lang == Lang.CSharp)
            {
                // pattern: skip a type/pattern
                var r0 = Cur.Start;
                while (!Eof && !StmtEnd() && !IsP(")") && !IsP("&&") && !IsP("||") && !IsP("?") && !IsP(",") && !IsP("=>"))
                {
                    if (IsP("(") || IsP("{") || IsP("["))
                    {
                        SkipBalanced();
                        continue;
                    }

                    Next();
                }

                left = At(new BinaryExpr("is", left, At(new UnknownExpr([]), r0)), start);
                continue;
            }

            var right = ParseBinary(prec + 1);
            left = At(new BinaryExpr(op, left, right), start);
        }

        return left;
    }

    private Expr ParseUnary()
    {
        var t = Cur;
        var start = t.Start;
        if (t.Kind == TokKind.Punct)
        {
            switch (t.Text)
            {
                case "!" or "-" or "+" or "~" or "++" or "--" or "..." or "*" or "**" or "&" or "<-" or "^":
                    Next();
                    if (Go && t.Text == "&" && !_noComposite && Cur.Kind == TokKind.Ident && IsP("{", 1))
                    {
                        // &worker{…}: a composite literal of a lower-case type of the package (a bare `worker {` may
                        // open a block, an address of one may not)
                        var typeTok = Cur;
                        Next();
                        var typeName = At(new NameExpr(typeTok.Text), typeTok.Start);
                        var init = ParseObject();
                        var lit = At(new CallExpr(typeName, [], true) { Initializer = init, NameStart = typeTok.Start }, typeTok.Start);
                        return At(new UnaryExpr("&", lit), start);
                    }

                    if (t.Text is "*" or "**" && (IsP(")") || IsP(",")))
                    {
                        return At(new UnknownExpr([]), start);
                    }

                    return At(new UnaryExpr(t.Text, ParseUnary()), start);
                case "<" when Ts && SkipAngleGroup(_p) is var ge && ge > 0 && ge < _t.Count && _t[ge].Kind == TokKind.Punct && _t[ge].Text == "(":
                    SkipAngles(); // generic arrow: <T,>(x: T) => ...
                    return ParseUnary();
                case "<" when Js && (Peek(1).Kind == TokKind.Ident || IsP(">", 1)):
                    return ParseJsx();
                case "(" when CsJava && LooksLikeCast():
                    SkipBalanced();
                    return ParseUnary();
            }
        }
        else if (t.Kind == TokKind.Ident)
        {
            switch (t.Text)
            {
                case "not" when Py:
                case "typeof" or "void" or "delete" when Js:
                case "await" or "yield" when !IsP("=", 1) && !IsP(".", 1) && !IsP(")", 1) && !IsP(",", 1):
                case "ref" or "out" or "in" or "params" when _lang == Lang.CSharp && Peek(1).Kind == TokKind.Ident:
                case "throw" when _lang == Lang.CSharp:
                    Next();
                    if (t.Text == "out" && (IsId("var") || Peek(1).Kind == TokKind.Ident))
                    {
                        if (Peek(1).Kind == TokKind.Ident)
                        {
                            Next();
                        }
                    }

                    if (t.Text == "yield" && (StmtEnd() || IsP(")")))
                    {
                        return At(new UnknownExpr([]), start);
                    }

                    return At(new UnaryExpr(t.Text, ParseUnary()), start);
                case "new" when !Py && !IsP(".", 1):
                    // new X(…).withStatusCode(…).withBody(…): the chain goes on from the new object
                    return ParsePostfix(ParseNew());
                case "lambda" when Py:
                    {
                        Next();
                        var ps = new List<Param>();
                        while (!Eof && !IsP(":"))
                        {
                            if (Cur.Kind == TokKind.Ident)
                            {
                                ps.Add(new Param(Cur.Text, null));
                            }

                            Next();
                        }

                        Accept(":");
                        var body = ParseExpr();
                        var fn = new FunctionDef { Start = start, Params = ps, Body = [At(new ReturnStmt(body), body.Start)] };
                        fn.End = PrevEnd;
                        return At(new LambdaExpr(fn), start);
                    }
            }
        }

        var e = ParsePrimary();
        return ParsePostfix(e);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool LooksLikeCast()
    {
        // (Type)expr
        var k = _p + 1;
        if (_t[k].Kind != TokKind.Ident)
        {
            return false;
        }

        while (_t[k].Kind == TokKind.Ident || (_t[k].Kind == TokKind.Punct && _t[k].Text is "." or "<" or ">" or "[" or "]" or "?" or ","))
        {
            k++;
        }

        if (_t[k].Kind != TokKind.Punct || _t[k].Text != ")")
        {
            return false;
        }

        var n = _t[k + 1];
        var typeName = _t[k - 1].Text;
        if (k == _p + 2 && typeName.Length > 0 && char.IsLower(typeName[0]) && typeName is not ("string" or "int" or "long" or "object" or "double" or "bool" or "byte" or "char" or "float" or "decimal" or "short"))
        {
            return false;
        }

        return n.Kind is TokKind.Ident or TokKind.Str or TokKind.Interp or TokKind.Number || (n.Kind == TokKind.Punct && n.Text == "(");
    }

    private Expr ParseNew()
    {
        var start = Cur.Start;
        Next(); // new
        if (IsP("{") || IsP("[") || IsP("("))
        {
            // anonymous object / array / target-typed new()
            if (IsP("["))
            {
                SkipBalanced();
            }

            var args = IsP("(") ? ParseArgs() : [];
            var call = At(new CallExpr(At(new NameExpr("new"), start), args, true), start);
            if (IsP("{"))
            {
                call.Initializer = ParseObject();
            }

            call.NameStart = start;
            call.End = PrevEnd;
            return call;
        }

        var callee = ParsePrimary();
        while (IsP(".") && Peek(1).Kind == TokKind.Ident)
        {
            Next();
            var n = Next();
            callee = At(new MemberExpr(callee, n.Text, n.Start), callee.Start);
        }

        if (IsP("<"))
        {
            SkipAngles();
        }

        while (IsP("[") && (IsP("]", 1) || Peek(1).Kind == TokKind.Number))
        {
            SkipBalanced();
        }

        var a = IsP("(") ? ParseArgs() : [];
        var c = At(new CallExpr(callee, a, true), start);
        c.NameStart = callee is MemberExpr m ? m.NameStart : callee.Start;
        if (IsP("{"))
        {
            if (_lang == Lang.Java)
            {
                // anonymous class body
                Next();
                var body = ParseStatements();
                c.Initializer = At(new ObjectExpr([.. body.OfType<FuncStmt>().Select(f => new Prop(f.Fn.Name, At(new LambdaExpr(f.Fn), f.Start), f.Start))]), start);
            }
            else
            {
                c.Initializer = ParseObject();
            }
        }

        c.End = PrevEnd;
        return c;
    }

    private Expr ParsePostfix(Expr e)
    {
        var start = e.Start;
        var guard = 0;
        while (--_budget > 0)
        {
            if (++guard > MaxChain)
            {
                Deep();
                return e;
            }

            var t = Cur;
            if (t.Kind == TokKind.Punct)
            {
                switch (t.Text)
                {
                    case "." or "?." or "::" or "->" when !(t.Text == "->" && _lang == Lang.Java):
                        if ((Js || Go) && t.Nl && false)
                        {
                            return e;
                        }

                        Next();
                        if (IsP("(") && Go)
                        {
                            SkipBalanced(); // type assertion x.(T)
                            continue;
                        }

                        if (IsP("<"))
                        {
                            SkipAngles(); // Java obj.<T>method()
                        }

                        if (Cur.Kind == TokKind.Ident)
                        {
                            var n = Next();
                            e = At(new MemberExpr(e, n.Text, n.Start), start);
                            continue;
                        }

                        if (IsP("[") || IsP("("))
                        {
                            continue; // ?.[  ?.(
                        }

                        return e;
                    case "(":
                        if ((Js || Go) && t.Nl)
                        {
                            return e;
                        }

                        {
                            var args = ParseArgs();
                            var call = At(new CallExpr(e, args, false), start);
                            call.NameStart = e is MemberExpr m ? m.NameStart : e.Start;
                            e = call;
                            continue;
                        }

                    case "[":
                        if ((Js || Go) && t.Nl)
                        {
                            return e;
                        }

                        e = ParseIndex(e);
                        continue;
                    case "<" when (Ts || CsJava) && LooksLikeGenericCallAhead():
                        SkipAngles();
                        continue;
                    case "!" when (Ts || _lang == Lang.CSharp) && t.Start == PrevEnd && !IsP("=", 1):
                        Next();
                        continue;
                    case "++" or "--" when !t.Nl:
                        Next();
                        continue;
                    case "..." when Go:
                        Next();
                        continue;
                    case "{" when Go && !_noComposite && IsTypeLike(e):
                        {
                            var obj = ParseObject();
                            var call = At(new CallExpr(e, [], true), start);
                            call.Initializer = obj;
                            call.NameStart = e is MemberExpr m ? m.NameStart : e.Start;
                            e = call;
                            continue;
                        }

                    case "=>" when e is NameExpr ne && Js:
                        return ParseArrowBody([new Param(ne.Name, null)], start);
                    case "->" when e is NameExpr ne2 && _lang == Lang.Java:
                        return ParseArrowBody([new Param(ne2.Name, null)], start);
                    case "=>" when e is NameExpr ne3 && _lang == Lang.CSharp:
                        return ParseArrowBody([new Param(ne3.Name, null)], start);
                }
            }
            else if (t.Kind is TokKind.Interp or TokKind.Str && Js && !t.Nl && t.Text.Length >= 0 && _t[_p].Start > 0 && _src.Span[_t[_p].Start] == '`')
            {
                // tagged template
                var arg = ParsePrimary();
                e = At(new CallExpr(e, [new Arg(null, arg, arg.Start)], false), start);
                continue;
            }

            return e;
        }

        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsTypeLike(Expr e) => e switch
    {
        NameExpr n => n.Name.Length > 0 && (char.IsUpper(n.Name[0]) || n.Name is "map" or "struct"),
        MemberExpr m => m.Name.Length > 0 && char.IsUpper(m.Name[0]),
        IndexExpr ix => IsTypeLike(ix.Obj) || ix.Obj is NameExpr { Name: "map" },
        UnknownExpr => true,
        UnaryExpr { Op: "&" } u => IsTypeLike(u.Operand),
        _ => false,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Expr ParseIndex(Expr obj)
    {
        var start = obj.Start;
        Next(); // [
        if (IsP("]"))
        {
            Next();
            return At(new IndexExpr(obj, null, false), start);
        }

        Expr? idx = null;
        var slice = false;
        var csRange = _lang == Lang.CSharp ? CsRange() : (bool?)null;
        if (IsP(":"))
        {
            slice = true;
        }
        else
        {
            idx = ParseExpr();
        }

        while (!Eof && !IsP("]"))
        {
            if (IsP(":") || IsP(","))
            {
                slice |= IsP(":");
                Next();
                if (!IsP("]") && !IsP(":") && !IsP(","))
                {
                    ParseExpr();
                }

                continue;
            }

            if (IsId("for"))
            {
                SkipBalancedRest();
                break;
            }

            break;
        }

        Accept("]");
        // x[7:], x[len(prefix):] and x[len(prefix) + 1:] (drop a prefix such as "Bearer ") keep the value; x[:4], x[-4:]
        // and x[len(x) - 4:] keep only a piece
        var tail = slice && (idx is LitExpr { Kind: LitKind.Number } and not LitExpr { Text: ['-', ..] } || idx is BinaryExpr { Op: "+" }
                || idx is CallExpr { Callee: NameExpr { Name: "len" } })
            && _t[_p - 2].Kind == TokKind.Punct && _t[_p - 2].Text == ":";
        if (csRange is { } keepsOnlyAPiece)
        {
            // C# ranges: s[7..] drops a prefix (the value stays); s[^4..], s[..4], s[0..4] keep only a piece
            return At(new IndexExpr(obj, idx, keepsOnlyAPiece), start);
        }

        return At(new IndexExpr(obj, idx, slice && !tail), start);
    }

    /// <summary>
    /// For C# brackets at the current token: null when they hold no range operator (`..`); true when the range keeps
    /// only a piece (s[^4..], s[..4], s[0..4]); false for s[7..], which only drops a prefix.
    /// </summary>
    private bool? CsRange()
    {
        var depth = 0;
        var dots = -1;
        var count = 0;
        for (var k = _p; k < _t.Count && count < 64; k++, count++)
        {
            var tk = _t[k];
            if (tk.Kind == TokKind.Punct && tk.Text is "[" or "(")
            {
                depth++;
            }
            else if (tk.Kind == TokKind.Punct && tk.Text is ")" || (tk.Kind == TokKind.Punct && tk.Text == "]" && depth > 0))
            {
                depth--;
            }
            else if (tk.Kind == TokKind.Punct && tk.Text == "]")
            {
                if (dots < 0)
                {
                    return null;
                }

                // exactly "<number> .." : a prefix dropped
                var prefixOnly = dots == _p + 1 && _t[_p].Kind == TokKind.Number && (k == dots + 1 || (k == dots + 2 && _t[dots + 1].Text == "."));
                return !prefixOnly;
            }
            else if (depth == 0 && dots < 0 && tk.Kind == TokKind.Punct
                && (tk.Text == ".." || (tk.Text == "." && k + 1 < _t.Count && (_t[k + 1].Text == "." || (_t[k + 1].Kind == TokKind.Number && _t[k + 1].Text.StartsWith('.'))))))
            {
                dots = k;
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Arg> ParseArgs()
    {
        var args = new List<Arg>();
        Next(); // (
        while (!Eof && !IsP(")") && --_budget > 0)
        {
            var s = Cur.Start;
            string? name = null;
            if (Cur.Kind == TokKind.Ident && ((Py && IsP("=", 1)) || (_lang == Lang.CSharp && IsP(":", 1))))
            {
                name = Next().Text;
                Next();
            }

            var p0 = _p;
            var v = ParseExpr();
            if (IsId("for") && Py)
            {
                SkipBalancedRest();
            }

            args.Add(new Arg(name, v, s));
            if (!Accept(","))
            {
                if (!IsP(")"))
                {
                    if (_p == p0)
                    {
                        Next();
                    }

                    if (IsP(";") || IsP("}"))
                    {
                        return args; // broken call; let the statement parser recover
                    }
                }
            }
        }

        Accept(")");
        return args;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Expr ParseArrowBody(List<Param> ps, int start)
    {
        Next(); // => or ->
        var fn = new FunctionDef { Start = start, Params = ps };
        if (IsP("{"))
        {
            fn.Body = FunctionBlock();
        }
        else
        {
            var e = ParseExpr();
            fn.Body = [At(new ReturnStmt(e), e.Start)];
        }

        fn.End = PrevEnd;
        return At(new LambdaExpr(fn), start);
    }

    private Expr ParsePrimary()
    {
        var t = Cur;
        var start = t.Start;
        switch (t.Kind)
        {
            case TokKind.Number:
                Next();
                return At(new LitExpr(LitKind.Number, t.Text), start);
            case TokKind.Str:
            case TokKind.Interp:
                {
                    var e = StringExpr(Next());
                    if (!Py || Cur.Kind is not (TokKind.Str or TokKind.Interp))
                    {
                        return e;
                    }

                    // Python implicit concatenation "a" f"{b}" 'c': one flat string / interpolation
                    var parts = new List<Expr>();
                    void AddParts(Expr x)
                    {
                        if (x is InterpExpr ie)
                        {
                            parts.AddRange(ie.Parts);
                        }
                        else
                        {
                            parts.Add(x);
                        }
                    }

                    AddParts(e);
                    while (Cur.Kind is TokKind.Str or TokKind.Interp)
                    {
                        AddParts(StringExpr(Next()));
                    }

                    if (parts.All(x => x is StrExpr))
                    {
                        return At(new StrExpr(string.Concat(parts.Cast<StrExpr>().Select(x => x.Value))), start);
                    }

                    return At(new InterpExpr(parts), start);
                }

            case TokKind.Ident:
                return ParseIdentPrimary();
            case TokKind.Punct:
                switch (t.Text)
                {
                    case "(":
                        return ParseParen();
                    case "[":
                        if (Go && (IsP("]", 1) || (Peek(1).Kind is TokKind.Number or TokKind.Ident && IsP("]", 2))))
                        {
                            // []T{...} / []byte(x)
                            SkipBalanced();
                            var typ = ParsePrimaryTypeName(start);
                            return typ;
                        }

                        return ParseArray();
                    case "{":
                        return ParseObject();
                }

                break;
        }

        // cannot start an expression here
        if (t.Kind == TokKind.Punct && t.Text is ")" or "]" or "}" or ";" or "," or ":" or "=" || t.Kind is TokKind.Newline or TokKind.Dedent or TokKind.Indent or TokKind.Eof)
        {
            return At(new UnknownExpr([]), start);
        }

        Next();
        return At(new UnknownExpr([]), start);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Expr ParsePrimaryTypeName(int start)
    {
        // after Go's []: a type name (possibly qualified or a map/func type)
        if (IsP("*"))
        {
            Next();
        }

        var n = Cur.Kind == TokKind.Ident ? Next().Text : "";
        while (IsP(".") && Peek(1).Kind == TokKind.Ident)
        {
            Next();
            n += "." + Next().Text;
        }

        if (IsP("[") || n is "interface" or "struct" && IsP("{"))
        {
            SkipBalanced(); // map[string]interface{}{…}: the braces of interface{} / struct{…} belong to the type
        }

        var name = At(new NameExpr("[]" + n), start);
        if (IsP("{"))
        {
            var obj = ParseObject();
            var c = At(new CallExpr(name, [], true), start);
            c.Initializer = obj;
            c.NameStart = start;
            return c;
        }

        return name;
    }

    private Expr ParseIdentPrimary()
    {
        var t = Cur;
        var start = t.Start;
        switch (t.Text)
        {
            case "true" or "True":
                Next();
                return At(new LitExpr(LitKind.True, t.Text), start);
            case "false" or "False":
                Next();
                return At(new LitExpr(LitKind.False, t.Text), start);
            case "null" or "None" or "nil" or "undefined":
                Next();
                return At(new LitExpr(LitKind.Null, t.Text), start);
            case "function" when Js:
            case "func" when Go:
                {
                    Next();
                    Accept("*");
                    if (Cur.Kind == TokKind.Ident)
                    {
                        Next();
                    }

                    var fn = new FunctionDef { Start = start };
                    fn.Params = IsP("(") ? ParseParams() : [];
                    SkipToBody();
                    if (IsP("{"))
                    {
                        fn.Body = FunctionBlock();
                    }

                    fn.End = PrevEnd;
                    return At(new LambdaExpr(fn), start);
                }

            case "class" when Js && (Peek(1).Kind == TokKind.Ident || IsP("{", 1)):
                {
                    // class expression: var X = class Y extends Z { … }; its methods are walked like a class body's
                    Next();
                    while (!Eof && !IsP("{") && !IsP(";"))
                    {
                        if (IsP("(") || IsP("["))
                        {
                            SkipBalanced();
                            continue;
                        }

                        Next();
                    }

                    var fn = new FunctionDef { Start = start };
                    if (IsP("{"))
                    {
                        Next();
                        fn.Body = MarkMethods(ParseStatements());
                    }

                    fn.End = PrevEnd;
                    return At(new LambdaExpr(fn), start);
                }

            case "async" when (Js || _lang == Lang.CSharp) && (IsP("(", 1) || IsId("function", 1) || (Peek(1).Kind == TokKind.Ident && IsP("=>", 2)) || IsP("<", 1)):
                Next();
                return ParsePrimary();
            case "map" when Go && IsP("[", 1):
                {
                    Next();
                    SkipBalanced();
                    return ParsePrimaryTypeName(start);
                }
        }

        Next();
        if (Js && IsP("=>") || _lang == Lang.Java && IsP("->") || _lang == Lang.CSharp && IsP("=>"))
        {
            return ParseArrowBody([new Param(t.Text, null)], start);
        }

        var ne = At(new NameExpr(t.Text), start);
        ne.End = t.End;
        return ne;
    }

    private Expr ParseParen()
    {
        var start = Cur.Start;
        // arrow function?
        var close = SkipGroup(_p);
        var after = _t[Math.Min(close, _t.Count - 1)];
        var isArrow = after.Kind == TokKind.Punct && ((after.Text == "=>" && (Js || _lang == Lang.CSharp)) || (after.Text == "->" && _lang == Lang.Java));
        if (!isArrow && Ts && after.Kind == TokKind.Punct && after.Text == ":")
        {
            // (a: T): R => ...   (R may hold { } and < >)
            var angles = 0;
            var braces = 0;
            for (var k = close + 1; k < _t.Count && k < close + 200; k++)
            {
                var tk = _t[k];
                if (tk.Kind != TokKind.Punct)
                {
                    continue;
                }

                if (tk.Text == "=>" && angles == 0 && braces == 0)
                {
                    isArrow = true;
                    break;
                }

                if (tk.Text == "<")
                {
                    angles++;
                }
                else if (tk.Text == ">")
                {
                    angles--;
                }
                else if (tk.Text is "{" or "(" or "[")
                {
                    if (angles == 0 && tk.Text == "{" && braces == 0)
                    {
                        break;
                    }

                    braces++;
                }
                else if (tk.Text is "}" or ")" or "]")
                {
                    if (--braces < 0)
                    {
                        break;
                    }
                }
                else if (tk.Text is ";" || (tk.Text == "," && angles == 0 && braces == 0))
                {
                    break;
                }
            }
        }

        if (isArrow)
        {
            var ps = ParseParams();
            while (!Eof && !IsP("=>") && !IsP("->"))
            {
                Next();
            }

            return ParseArrowBody(ps, start);
        }

        Next(); // (
        if (IsP(")"))
        {
            Next();
            return At(new ArrayExpr([]), start);
        }

        var e = ParseExpr();
        if (IsId("for") && Py)
        {
            SkipBalancedRest();
        }

        if (IsP(","))
        {
            var items = new List<Expr> { e };
            while (Accept(","))
            {
                if (IsP(")"))
                {
                    break;
                }

                items.Add(ParseExpr());
            }

            e = At(new ArrayExpr(items), start);
        }

        if (!IsP(")"))
        {
            SkipBalancedRest();
        }

        Accept(")");
        if (e is not ArrayExpr)
        {
            // keep the inner node but widen its span to the parens
        }

        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Expr ParseArray()
    {
        var start = Cur.Start;
        Next(); // [
        var items = new List<Expr>();
        while (!Eof && !IsP("]") && --_budget > 0)
        {
            var p0 = _p;
            items.Add(ParseExpr());
            if (IsId("for") || IsId("if"))
            {
                Next();
                continue;
            }

            if (!Accept(",") && !IsP("]"))
            {
                if (_p == p0 || IsP(";") || IsP("}") || IsP(")"))
                {
                    if (IsP(";") || IsP("}") || IsP(")"))
                    {
                        break;
                    }

                    Next();
                }
            }
        }

        Accept("]");
        return At(new ArrayExpr(items), start);
    }

    private static string? KeyOf(Expr e) => e switch
    {
        NameExpr n => n.Name,
        StrExpr s => s.Value,
        MemberExpr m => m.Name,
        ArrayExpr { Items.Count: 1 } a => KeyOf(a.Items[0]),
        LitExpr l => l.Text,
        _ => null,
    };

    private ObjectExpr ParseObject()
    {
        var start = Cur.Start;
        Next(); // {
        var props = new List<Prop>();
        while (!Eof && !IsP("}") && --_budget > 0)
        {
            var p0 = _p;
            var ks = Cur.Start;
            if (IsP("...") || IsP("**"))
            {
                Next();
                props.Add(new Prop(null, ParseExpr(), ks));
            }
            else if (IsP("{") && !Js)
            {
                // C# collection initializer { "k", v }
                var inner = ParseObject();
                if (inner.Props.Count == 2 && inner.Props[0].Value is StrExpr ks2)
                {
                    props.Add(new Prop(ks2.Value, inner.Props[1].Value, ks));
                }
                else
                {
                    props.Add(new Prop(null, inner, ks));
                }
            }
            else
            {
                if (Js && Cur.Kind == TokKind.Ident && Cur.Text is "get" or "set" or "async" or "static" && Peek(1).Kind == TokKind.Ident)
                {
                    Next();
                }

                Expr k;
                if (Js && IsP("["))
                {
                    Next();
                    k = ParseExpr();
                    Accept("]");
                }
                else if (Cur.Kind == TokKind.Ident && (IsP(":", 1) || IsP("=", 1)))
                {
                    var n = Next();
                    k = At(new NameExpr(n.Text), n.Start);
                }
                else
                {
                    k = ParseExpr();
                }

                if (IsP(":") || (IsP("=") && !Py))
                {
                    Next();
                    var v = ParseExpr();
                    if (v is LambdaExpr { Fn: { Name: null } anonymous })
                    {
                        anonymous.PropertyKey = KeyOf(k);
                    }

                    props.Add(new Prop(KeyOf(k), v, ks));
                }
                else if (Js && k is CallExpr mc && IsP("{"))
                {
                    // method shorthand
                    var fn = new FunctionDef { Start = ks, Name = KeyOf(mc.Callee), Params = [.. mc.Args.Select(a => new Param(KeyOf(a.Value) ?? "_", null))] };
                    fn.Body = FunctionBlock();
                    fn.End = PrevEnd;
                    props.Add(new Prop(fn.Name, At(new LambdaExpr(fn), ks), ks));
                }
                else if (k is NameExpr shorthand)
                {
                    props.Add(new Prop(shorthand.Name, k, ks));
                }
                else
                {
                    props.Add(new Prop(null, k, ks));
                }

                if (Py && IsId("for"))
                {
                    SkipBalancedRest();
                }
            }

            if (!Accept(",") && !Accept(";"))
            {
                if (!IsP("}"))
                {
                    if (_p == p0)
                    {
                        Next();
                    }
                    else if (IsP(")") || IsP("]"))
                    {
                        break;
                    }
                }
            }
        }

        Accept("}");
        return At(new ObjectExpr(props), start);
    }

    private Expr ParseJsx()
    {
        var start = Cur.Start;
        var children = new List<Expr>();
        var depth = 0;
        var guard = 0;
        var textParens = 0;
        while (!Eof && ++guard < 100000)
        {
            if (IsP("<"))
            {
                if (IsP("/", 1))
                {
                    // closing tag
                    while (!Eof && !IsP(">"))
                    {
                        Next();
                    }

                    Next();
                    depth--;
                    if (depth <= 0)
                    {
                        break;
                    }

                    continue;
                }

                // opening tag
                Next();
                var selfClosing = false;
                while (!Eof && !IsP(">"))
                {
                    if (IsP("{"))
                    {
                        Next();
                        children.Add(ParseExpr());
                        while (!Eof && !IsP("}"))
                        {
                            Next();
                        }

                        Next();
                        continue;
                    }

                    if (IsP("/") && IsP(">", 1))
                    {
                        selfClosing = true;
                        Next();
                        continue;
                    }

                    Next();
                }

                Next(); // >
                if (!selfClosing)
                {
                    depth++;
                }
                else if (depth == 0)
                {
                    break;
                }

                continue;
            }

            if (depth > 0 && (IsP(";") || (IsP(")") && textParens == 0)))
            {
                break; // text swallowed a closing tag (e.g. an apostrophe lexed as a string): stop at the enclosing statement
            }

            if (IsP("("))
            {
                textParens++;
            }
            else if (IsP(")"))
            {
                textParens--;
            }

            if (IsP("{"))
            {
                Next();
                if (!IsP("}"))
                {
                    children.Add(ParseExpr());
                }

                while (!Eof && !IsP("}"))
                {
                    Next();
                }

                Next();
                continue;
            }

            Next();
        }

        return At(new UnknownExpr(children), start);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Expr StringExpr(Token t)
    {
        if (t.Kind == TokKind.Str || t.Parts is null)
        {
            var s = At(new StrExpr(t.Text), t.Start);
            s.End = t.End;
            return s;
        }

        var parts = new List<Expr>();
        foreach (var part in t.Parts)
        {
            if (!part.IsExpr)
            {
                parts.Add(new StrExpr(part.Text) { Start = t.Start, End = t.End });
                continue;
            }

            if (part.End <= part.Start)
            {
                continue;
            }

            if (_depth > MaxDepth)
            {
                Deep();
                continue;
            }

            var toks = Lexer.Lex(_src.Span, part.Start, part.End, _lang, null);
            var sub = new Parser(_src, toks, _lang, _problems, toks.Count * 4 + 100) { _depth = _depth + 1 };
            parts.Add(sub.ParseExpr());
        }

        var ie = new InterpExpr(parts) { Start = t.Start, End = t.End };
        return ie;
    }
}
