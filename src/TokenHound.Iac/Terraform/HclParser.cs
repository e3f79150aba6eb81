using System.Globalization;
using System.Text;
using TokenHound.Iac.Model;

namespace TokenHound.Iac.Terraform;

/// <summary>
/// A hand-written parser for HCL2 native syntax (the .tf language): bodies of attributes and blocks (one-line blocks too),
/// every expression form (literals, quoted templates with ${} interpolations and %{} directives, heredocs &lt;&lt;EOF /
/// &lt;&lt;-EOF, tuples, objects, for expressions, splats, index/attribute access, function calls incl. provider::ns::fn,
/// conditionals, unary/binary operators with HCL precedence), comments (#, //, /* */). Throws <see cref="ParseException"/>
/// with a line on malformed input; depth is bounded.
/// </summary>
public sealed class HclParser
{
    private readonly string _s;
    private readonly Core.LineMap _lines;
    private int _pos;
    private int _nest; // > 0: inside brackets, newlines are insignificant
    private int _depth;

    private HclParser(string text, Core.LineMap lines)
    {
        _s = text;
        _lines = lines;
    }

    public static HBody Parse(string text, Core.LineMap lines)
    {
        var p = new HclParser(text, lines);
        var body = p.ParseBody(topLevel: true);
        return body;
    }

    /// <summary>Parses one expression (used by tests).</summary>
    public static HExpr ParseExpression(string text)
    {
        var p = new HclParser(text, new Core.LineMap(text));
        p._nest = 1;
        var e = p.Expression();
        p.Skip();
        if (p._pos < p._s.Length)
        {
            throw p.Error("unexpected text after expression");
        }

        return e;
    }

    private ParseException Error(string message)
    {
        var (l, c) = _lines.Position(Math.Min(_pos, Math.Max(0, _s.Length - 1)));
        return new ParseException(message, _s.Length == 0 ? 1 : l, c);
    }

    private char Cur => _pos < _s.Length ? _s[_pos] : '\0';

    private char At(int i) => _pos + i < _s.Length ? _s[_pos + i] : '\0';

    private bool Eof => _pos >= _s.Length;

    /// <summary>Skips blanks and comments; newlines too when inside brackets (or when <paramref name="newlines"/>).</summary>
    private void Skip(bool newlines = false)
    {
        newlines |= _nest > 0;
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (c is ' ' or '\t' or '\r' or '\uFEFF')
            {
                _pos++;
            }
            else if (c == '\n' && newlines)
            {
                _pos++;
            }
            else if (c == '#' || (c == '/' && At(1) == '/'))
            {
                while (_pos < _s.Length && _s[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && At(1) == '*')
            {
                var end = _s.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("unterminated /* comment");
                }

                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsIdStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    private string Identifier()
    {
        if (!IsIdStart(Cur))
        {
            throw Error($"expected an identifier, found '{Describe()}'");
        }

        var start = _pos;
        while (_pos < _s.Length && IsIdChar(_s[_pos]))
        {
            _pos++;
        }

        return _s[start.._pos];
    }

    private string Describe() => Eof ? "end of file" : Cur == '\n' ? "newline" : Cur.ToString();

    private void Expect(char c)
    {
        Skip();
        if (Cur != c)
        {
            throw Error($"expected '{c}', found '{Describe()}'");
        }

        _pos++;
    }

    private void Enter()
    {
        if (++_depth > Limits.MaxDepth)
        {
            throw Error($"nesting deeper than {Limits.MaxDepth} levels");
        }
    }

    // ------------------------------------------------------------------ bodies

    private HBody ParseBody(bool topLevel)
    {
        Enter();
        var body = new HBody();
        var savedNest = _nest;
        _nest = 0;
        while (true)
        {
            Skip(newlines: true);
            if (Eof)
            {
                if (!topLevel)
                {
                    throw Error("missing '}' at end of block");
                }

                break;
            }

            if (Cur == '}')
            {
                if (topLevel)
                {
                    throw Error("unexpected '}'");
                }

                break;
            }

            var start = _pos;
            var name = Identifier();
            Skip();
            if (Cur == '=' && At(1) != '=')
            {
                _pos++;
                Skip();
                var value = Expression();
                body.Attributes.Add(new HAttribute { Name = name, NameStart = start, Value = value });
                EndOfItem();
                continue;
            }

            var block = new HBlock { Type = name, Start = start, Body = new HBody() };
            while (true)
            {
                Skip();
                if (Cur == '"')
                {
                    var t = QuotedTemplate();
                    block.Labels.Add(string.Concat(t.Parts.OfType<string>()));
                }
                else if (IsIdStart(Cur))
                {
                    block.Labels.Add(Identifier());
                }
                else
                {
                    break;
                }
            }

            Expect('{');
            var inner = ParseBody(topLevel: false);
            Expect('}');
            block.Body.Attributes.AddRange(inner.Attributes);
            block.Body.Blocks.AddRange(inner.Blocks);
            body.Blocks.Add(block);
            EndOfItem();
        }

        _nest = savedNest;
        _depth--;
        return body;
    }

    private void EndOfItem()
    {
        Skip();
        if (Eof || Cur == '}')
        {
            return;
        }

        if (Cur == '\n')
        {
            _pos++;
            return;
        }

        throw Error($"expected a newline after the attribute or block, found '{Describe()}'");
    }

    // ------------------------------------------------------------------ expressions

    private HExpr Expression()
    {
        Enter();
        var start = _pos;
        var cond = Binary(0);
        Skip();
        if (Cur == '?')
        {
            _pos++;
            _nest++;
            Skip();
            var t = Expression();
            Expect(':');
            Skip();
            _nest--;
            Skip();
            var f = Expression();
            _depth--;
            return new HConditional { Start = start, End = _pos, Condition = cond, True = t, False = f };
        }

        _depth--;
        return cond;
    }

    private static readonly string[][] Precedence =
    [
        ["||"],
        ["&&"],
        ["==", "!="],
        ["<=", ">=", "<", ">"],
        ["+", "-"],
        ["*", "/", "%"],
    ];

    private HExpr Binary(int level)
    {
        if (level >= Precedence.Length)
        {
            return Unary();
        }

        var start = _pos;
        var left = Binary(level + 1);
        while (true)
        {
            Skip();
            var op = Precedence[level].FirstOrDefault(o => string.CompareOrdinal(_s, _pos, o, 0, o.Length) == 0);
            if (op is null || (op is "<" or ">" && (At(1) == '<')) || (op == "/" && At(1) is '/' or '*'))
            {
                return left;
            }

            // "<<" starts a heredoc, never an operator here.
            if (op == "<" && At(1) == '<')
            {
                return left;
            }

            _pos += op.Length;
            Skip();
            var right = Binary(level + 1);
            left = new HBinary { Start = start, End = _pos, Op = op, Left = left, Right = right };
        }
    }

    private HExpr Unary()
    {
        Skip();
        if (Cur is '-' or '!' && !(Cur == '!' && At(1) == '='))
        {
            var start = _pos;
            var op = Cur.ToString();
            _pos++;
            Enter();
            var operand = Unary();
            _depth--;
            return new HUnary { Start = start, End = _pos, Op = op, Operand = operand };
        }

        return Postfix(Term());
    }

    private HExpr Postfix(HExpr term)
    {
        HTraversal? trav = null;
        while (true)
        {
            // Attribute access and splats may not start after a newline outside brackets.
            var save = _pos;
            Skip();
            if (Cur == '.' && At(1) != '.')
            {
                _pos++;
                trav ??= new HTraversal { Start = term.Start, Root = term };
                if (Cur == '*')
                {
                    _pos++;
                    trav.Steps.Add(new HSplatStep(false));
                }
                else if (char.IsAsciiDigit(Cur))
                {
                    var s = _pos;
                    while (char.IsAsciiDigit(Cur))
                    {
                        _pos++;
                    }

                    trav.Steps.Add(new HIndexStep(new HLiteral { Kind = HLitKind.Number, Value = _s[s.._pos], Start = s, End = _pos }));
                }
                else
                {
                    trav.Steps.Add(new HAttrStep(Identifier()));
                }

                trav.End = _pos;
                continue;
            }

            if (Cur == '[')
            {
                _pos++;
                _nest++;
                Skip();
                trav ??= new HTraversal { Start = term.Start, Root = term };
                if (Cur == '*')
                {
                    _pos++;
                    Expect(']');
                    trav.Steps.Add(new HSplatStep(true));
                }
                else
                {
                    var idx = Expression();
                    Expect(']');
                    trav.Steps.Add(new HIndexStep(idx));
                }

                _nest--;
                trav.End = _pos;
                continue;
            }

            _pos = save;
            return (HExpr?)trav ?? term;
        }
    }

    private HExpr Term()
    {
        Skip();
        var start = _pos;
        var c = Cur;
        if (c == '"')
        {
            return QuotedTemplate();
        }

        if (c == '<' && At(1) == '<')
        {
            return Heredoc();
        }

        if (char.IsAsciiDigit(c))
        {
            while (char.IsAsciiDigit(Cur))
            {
                _pos++;
            }

            if (Cur == '.' && char.IsAsciiDigit(At(1)))
            {
                _pos++;
                while (char.IsAsciiDigit(Cur))
                {
                    _pos++;
                }
            }

            if (Cur is 'e' or 'E' && (char.IsAsciiDigit(At(1)) || (At(1) is '+' or '-' && char.IsAsciiDigit(At(2)))))
            {
                _pos += 2;
                while (char.IsAsciiDigit(Cur))
                {
                    _pos++;
                }
            }

            return new HLiteral { Kind = HLitKind.Number, Value = _s[start.._pos], Start = start, End = _pos };
        }

        if (c == '(')
        {
            _pos++;
            _nest++;
            var inner = Expression();
            Expect(')');
            _nest--;
            return new HParens { Start = start, End = _pos, Inner = inner };
        }

        if (c == '[')
        {
            return TupleOrFor();
        }

        if (c == '{')
        {
            return ObjectOrFor();
        }

        if (IsIdStart(c))
        {
            var name = Identifier();
            while (Cur == ':' && At(1) == ':' && IsIdStart(At(2)))
            {
                _pos += 2;
                name += "::" + Identifier();
            }

            switch (name)
            {
                case "true":
                case "false":
                    return new HLiteral { Kind = HLitKind.Bool, Value = name, Start = start, End = _pos };
                case "null":
                    return new HLiteral { Kind = HLitKind.Null, Value = "", Start = start, End = _pos };
            }

            var save = _pos;
            Skip();
            if (Cur == '(')
            {
                _pos++;
                _nest++;
                var call = new HCall { Name = name, Start = start };
                Skip();
                while (Cur != ')')
                {
                    call.Args.Add(Expression());
                    Skip();
                    if (Cur == ',')
                    {
                        _pos++;
                        Skip();
                        continue;
                    }

                    if (Cur == '.' && At(1) == '.' && At(2) == '.')
                    {
                        _pos += 3;
                        call.ExpandFinal = true;
                        Skip();
                    }

                    if (Cur != ')')
                    {
                        throw Error($"expected ',' or ')' in call to {name}, found '{Describe()}'");
                    }
                }

                _pos++;
                _nest--;
                call.End = _pos;
                return call;
            }

            _pos = save;
            return new HVariable { Name = name, Start = start, End = _pos };
        }

        throw Error($"expected an expression, found '{Describe()}'");
    }

    private bool KeywordAhead(string kw)
    {
        Skip();
        return string.CompareOrdinal(_s, _pos, kw, 0, kw.Length) == 0 && !IsIdChar(At(kw.Length));
    }

    private HExpr TupleOrFor()
    {
        var start = _pos;
        _pos++; // [
        _nest++;
        Skip();
        if (KeywordAhead("for"))
        {
            var f = ForExpr(start, isObject: false);
            _nest--;
            return f;
        }

        var tuple = new HTuple { Start = start };
        while (true)
        {
            Skip();
            if (Cur == ']')
            {
                _pos++;
                break;
            }

            tuple.Items.Add(Expression());
            Skip();
            if (Cur == ',')
            {
                _pos++;
                continue;
            }

            if (Cur != ']')
            {
                throw Error($"expected ',' or ']', found '{Describe()}'");
            }
        }

        _nest--;
        tuple.End = _pos;
        return tuple;
    }

    private HExpr ObjectOrFor()
    {
        var start = _pos;
        _pos++; // {
        _nest++;
        Skip();
        if (KeywordAhead("for"))
        {
            var f = ForExpr(start, isObject: true);
            _nest--;
            return f;
        }

        var obj = new HObject { Start = start };
        while (true)
        {
            Skip();
            if (Cur == '}')
            {
                _pos++;
                break;
            }

            HExpr key;
            var ks = _pos;
            if (IsIdStart(Cur))
            {
                // A bare identifier key (or the start of an expression key such as a traversal).
                var save = _pos;
                var id = Identifier();
                Skip();
                if (Cur is '=' or ':' && At(1) != '=')
                {
                    key = new HLiteral { Kind = HLitKind.String, Value = id, Start = ks, End = ks + id.Length };
                }
                else
                {
                    _pos = save;
                    key = Expression();
                }
            }
            else
            {
                key = Expression();
            }

            Skip();
            if (Cur is not ('=' or ':'))
            {
                throw Error($"expected '=' or ':' after an object key, found '{Describe()}'");
            }

            _pos++;
            Skip();
            var value = Expression();
            obj.Items.Add(new HObjectItem { Key = key, Value = value });
            Skip();
            if (Cur == ',')
            {
                _pos++;
            }
        }

        _nest--;
        obj.End = _pos;
        return obj;
    }

    private HFor ForExpr(int start, bool isObject)
    {
        _pos += 3; // for
        Skip();
        var k = Identifier();
        string? v = null;
        Skip();
        if (Cur == ',')
        {
            _pos++;
            Skip();
            v = Identifier();
        }

        if (!KeywordAhead("in"))
        {
            throw Error("expected 'in' in for expression");
        }

        _pos += 2;
        var coll = Expression();
        Expect(':');
        HExpr? keyExpr = null;
        var valueExpr = Expression();
        var grouping = false;
        if (isObject)
        {
            Skip();
            if (Cur != '=' || At(1) != '>')
            {
                throw Error("expected '=>' in object for expression");
            }

            _pos += 2;
            keyExpr = valueExpr;
            valueExpr = Expression();
            Skip();
            if (Cur == '.' && At(1) == '.' && At(2) == '.')
            {
                _pos += 3;
                grouping = true;
            }
        }

        HExpr? cond = null;
        if (KeywordAhead("if"))
        {
            _pos += 2;
            cond = Expression();
        }

        Expect(isObject ? '}' : ']');
        return new HFor
        {
            Start = start, End = _pos, KeyVar = v is null ? k : k, ValueVar = v, Collection = coll, KeyExpr = keyExpr, ValueExpr = valueExpr,
            Condition = cond, IsObject = isObject, Grouping = grouping,
        };
    }

    // ------------------------------------------------------------------ templates

    private HTemplate QuotedTemplate()
    {
        var t = new HTemplate { Start = _pos, ContentStart = _pos + 1 };
        _pos++; // "
        var sb = new StringBuilder();
        while (true)
        {
            if (Eof || Cur == '\n')
            {
                throw Error("unterminated string");
            }

            var c = Cur;
            if (c == '"')
            {
                _pos++;
                break;
            }

            if (c == '\\')
            {
                _pos++;
                var e = Cur;
                _pos++;
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case 'u':
                    case 'U':
                        var n = e == 'u' ? 4 : 8;
                        if (_pos + n <= _s.Length && int.TryParse(_s.AsSpan(_pos, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp) && cp <= 0x10FFFF)
                        {
                            sb.Append(char.ConvertFromUtf32(cp is >= 0xD800 and <= 0xDFFF ? 0xFFFD : cp));
                            _pos += n;
                            break;
                        }

                        throw Error("invalid unicode escape");
                    default:
                        throw Error($"invalid escape '\\{e}'");
                }

                continue;
            }

            if (TemplateSequence(t, sb))
            {
                continue;
            }

            sb.Append(c);
            _pos++;
        }

        if (sb.Length > 0 || t.Parts.Count == 0)
        {
            t.Parts.Add(sb.ToString());
        }

        t.End = _pos;
        return t;
    }

    /// <summary>Handles $${, %%{, ${ ... } and %{ ... } at the cursor. Returns true when it consumed something.</summary>
    private bool TemplateSequence(HTemplate t, StringBuilder sb)
    {
        var c = Cur;
        if (c is '$' or '%' && At(1) == c && At(2) == '{')
        {
            sb.Append(c).Append('{');
            _pos += 3;
            return true;
        }

        if (c == '$' && At(1) == '{')
        {
            if (sb.Length > 0)
            {
                t.Parts.Add(sb.ToString());
                sb.Clear();
            }

            _pos += 2;
            if (Cur == '~')
            {
                _pos++;
            }

            _nest++;
            var e = Expression();
            Skip();
            if (Cur == '~')
            {
                _pos++;
            }

            Expect('}');
            _nest--;
            t.Parts.Add(e);
            return true;
        }

        if (c == '%' && At(1) == '{')
        {
            // Directive: skip to the matching '}' (strings and nested braces respected).
            t.HasDirectives = true;
            _pos += 2;
            var depth = 1;
            while (!Eof && depth > 0)
            {
                if (Cur == '"')
                {
                    _nest++;
                    QuotedTemplate();
                    _nest--;
                    continue;
                }

                if (Cur == '{')
                {
                    depth++;
                }
                else if (Cur == '}')
                {
                    depth--;
                }

                _pos++;
            }

            if (depth > 0)
            {
                throw Error("unterminated template directive");
            }

            return true;
        }

        return false;
    }

    private HTemplate Heredoc()
    {
        var start = _pos;
        _pos += 2;
        var indent = false;
        if (Cur == '-')
        {
            indent = true;
            _pos++;
        }

        var marker = Identifier();
        while (Cur is ' ' or '\t' or '\r')
        {
            _pos++;
        }

        if (Cur != '\n')
        {
            throw Error("expected a newline after the heredoc marker");
        }

        _pos++;
        var contentStart = _pos;
        // Find the closing marker line.
        var lineStart = _pos;
        var contentEnd = -1;
        while (lineStart <= _s.Length)
        {
            var nl = _s.IndexOf('\n', lineStart);
            var lineEnd = nl < 0 ? _s.Length : nl;
            var line = _s.AsSpan(lineStart, lineEnd - lineStart).Trim();
            if (line.SequenceEqual(marker))
            {
                contentEnd = lineStart;
                _pos = lineEnd;
                break;
            }

            if (nl < 0)
            {
                break;
            }

            lineStart = nl + 1;
        }

        if (contentEnd < 0)
        {
            _pos = start;
            throw Error($"heredoc <<{(indent ? "-" : "")}{marker} has no closing {marker} line");
        }

        var t = new HTemplate { Start = start, Heredoc = true, ContentStart = contentStart };
        var content = _s[contentStart..contentEnd];
        var strip = 0;
        if (indent)
        {
            strip = content.Split('\n').Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ', '\t').Length).DefaultIfEmpty(0).Min();
        }

        // Parse the content as a template in place (so positions of interpolations stay right).
        var end = _pos;
        _pos = contentStart;
        var sb = new StringBuilder();
        var atLineStart = true;
        var savedNest = _nest;
        while (_pos < contentEnd)
        {
            if (atLineStart && strip > 0)
            {
                var k = 0;
                while (k < strip && _pos < contentEnd && Cur is ' ' or '\t')
                {
                    _pos++;
                    k++;
                }

                atLineStart = false;
                continue;
            }

            if (TemplateSequence(t, sb))
            {
                if (_pos > contentEnd)
                {
                    throw Error("interpolation runs past the end of the heredoc");
                }

                continue;
            }

            var c = Cur;
            sb.Append(c);
            _pos++;
            atLineStart = c == '\n';
        }

        _nest = savedNest;
        if (sb.Length > 0 || t.Parts.Count == 0)
        {
            t.Parts.Add(sb.ToString());
        }

        _pos = end;
        t.End = end;
        return t;
    }
}
