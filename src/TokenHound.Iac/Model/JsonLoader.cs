using System.Globalization;
using System.Text;

namespace TokenHound.Iac.Model;

/// <summary>
/// A small strict JSON parser into <see cref="TNode"/>s with line and column for every node (System.Text.Json does not
/// report positions of values). Linear time, bounded depth; duplicate keys give warnings.
/// </summary>
public sealed class JsonLoader
{
    private readonly string _s;
    private readonly List<(int Line, string Message)> _warnings;
    private int _pos;
    private int _line;
    private int _lineStart;
    private readonly StringBuilder _sb = new();

    private JsonLoader(string s, List<(int, string)> warnings, int lineBase)
    {
        _s = s;
        _warnings = warnings;
        _line = lineBase;
    }

    /// <summary>Parses a JSON document; <paramref name="firstLine"/> is the line of the text's first character in its file.</summary>
    public static TNode Load(string text, List<(int Line, string Message)> warnings, int firstLine = 1)
    {
        var p = new JsonLoader(text, warnings, firstLine);
        p.SkipWs();
        var node = p.Value(0);
        p.SkipWs();
        if (p._pos < p._s.Length)
        {
            throw p.Error("unexpected text after the JSON value");
        }

        return node;
    }

    private int Col => _pos - _lineStart + 1;

    private ParseException Error(string message) => new(message, _line, Col);

    private void SkipWs()
    {
        var s = _s;
        while (_pos < s.Length)
        {
            var c = s[_pos];
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            else if (c is not (' ' or '\t' or '\r') && c != '\uFEFF')
            {
                return;
            }

            _pos++;
        }
    }

    private TNode Value(int depth)
    {
        if (depth > Limits.MaxDepth)
        {
            throw Error($"nesting deeper than {Limits.MaxDepth} levels");
        }

        if (_pos >= _s.Length)
        {
            throw Error("unexpected end of JSON");
        }

        var line = _line;
        var col = Col;
        var c = _s[_pos];
        switch (c)
        {
            case '{':
            {
                _pos++;
                var map = new TMap { Line = line, Column = col };
                SkipWs();
                if (Peek('}'))
                {
                    _pos++;
                    return map;
                }

                while (true)
                {
                    SkipWs();
                    if (_pos >= _s.Length || _s[_pos] != '"')
                    {
                        throw Error("expected a property name in double quotes");
                    }

                    var kl = _line;
                    var kc = Col;
                    var key = new TScalar { Value = String(), Kind = ScalarKind.Quoted, Line = kl, Column = kc };
                    SkipWs();
                    if (!Peek(':'))
                    {
                        throw Error("expected ':'");
                    }

                    _pos++;
                    SkipWs();
                    var v = Value(depth + 1);
                    if (!map.Add(key, v))
                    {
                        _warnings.Add((kl, $"duplicate key '{key.Value}' (the last one is used)"));
                    }

                    SkipWs();
                    if (Peek(','))
                    {
                        _pos++;
                        continue;
                    }

                    if (Peek('}'))
                    {
                        _pos++;
                        return map;
                    }

                    throw Error("expected ',' or '}'");
                }
            }

            case '[':
            {
                _pos++;
                var seq = new TSeq { Line = line, Column = col };
                SkipWs();
                if (Peek(']'))
                {
                    _pos++;
                    return seq;
                }

                while (true)
                {
                    SkipWs();
                    seq.Items.Add(Value(depth + 1));
                    SkipWs();
                    if (Peek(','))
                    {
                        _pos++;
                        continue;
                    }

                    if (Peek(']'))
                    {
                        _pos++;
                        return seq;
                    }

                    throw Error("expected ',' or ']'");
                }
            }

            case '"':
                return new TScalar { Value = String(), Kind = ScalarKind.Quoted, Line = line, Column = col };

            default:
                if (Word("true") || Word("false"))
                {
                    return new TScalar { Value = c == 't' ? "true" : "false", Line = line, Column = col };
                }

                if (Word("null"))
                {
                    return new TScalar { Value = "", Kind = ScalarKind.Null, Line = line, Column = col };
                }

                if (c == '-' || char.IsAsciiDigit(c))
                {
                    var start = _pos;
                    _pos++;
                    while (_pos < _s.Length && (char.IsAsciiDigit(_s[_pos]) || _s[_pos] is '.' or 'e' or 'E' or '+' or '-'))
                    {
                        _pos++;
                    }

                    var num = _s[start.._pos];
                    if (!double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        throw Error($"invalid number '{num}'");
                    }

                    return new TScalar { Value = num, Line = line, Column = col };
                }

                throw Error($"unexpected character '{c}'");
        }
    }

    private bool Peek(char c) => _pos < _s.Length && _s[_pos] == c;

    private bool Word(string w)
    {
        if (string.CompareOrdinal(_s, _pos, w, 0, w.Length) == 0)
        {
            _pos += w.Length;
            return true;
        }

        return false;
    }

    private string String()
    {
        _pos++; // opening quote
        var start = _pos;
        var s = _s;
        // Fast path: no escapes.
        while (_pos < s.Length)
        {
            var c = s[_pos];
            if (c == '"')
            {
                var r = s[start.._pos];
                _pos++;
                return r;
            }

            if (c == '\\' || c < ' ')
            {
                break;
            }

            _pos++;
        }

        _sb.Clear();
        _sb.Append(s, start, _pos - start);
        while (_pos < s.Length)
        {
            var c = s[_pos];
            if (c == '"')
            {
                _pos++;
                return _sb.ToString();
            }

            if (c == '\n')
            {
                throw Error("unterminated string");
            }

            if (c == '\\')
            {
                if (_pos + 1 >= s.Length)
                {
                    break;
                }

                var e = s[_pos + 1];
                _pos += 2;
                switch (e)
                {
                    case '"': _sb.Append('"'); break;
                    case '\\': _sb.Append('\\'); break;
                    case '/': _sb.Append('/'); break;
                    case 'b': _sb.Append('\b'); break;
                    case 'f': _sb.Append('\f'); break;
                    case 'n': _sb.Append('\n'); break;
                    case 'r': _sb.Append('\r'); break;
                    case 't': _sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 <= s.Length && int.TryParse(s.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            _sb.Append((char)code);
                            _pos += 4;
                            break;
                        }

                        throw Error("invalid \\u escape");
                    default:
                        throw Error($"invalid escape '\\{e}'");
                }

                continue;
            }

            _sb.Append(c);
            _pos++;
        }

        throw Error("unterminated string");
    }
}
