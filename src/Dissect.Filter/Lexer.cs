using System.Text;

namespace Dissect.Filter;

enum TokKind { Word, String, Char, LParen, RParen, LBrace, RBrace, Comma, Slice, Op, End }

/// <summary>One token with its position in the filter text.</summary>
readonly record struct Token(TokKind Kind, string Text, int Pos, int Len, byte[]? Bytes = null, long CharValue = 0)
{
    public bool IsWord(string w) => Kind == TokKind.Word && string.Equals(Text, w, StringComparison.OrdinalIgnoreCase);
    public bool IsOp(string o) => Kind == TokKind.Op && Text == o;
}

/// <summary>Splits filter text into tokens; never throws (problems come back as a <see cref="FilterError"/>).</summary>
static class Lexer
{
    public static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
        or '_' or '.' or ':' or '-' or '/';

    public static List<Token>? Tokenize(string s, out FilterError? error)
    {
        var list = new List<Token>();
        error = null;
        int i = 0;
        while (true)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length) { list.Add(new Token(TokKind.End, "", s.Length, 0)); return list; }
            char c = s[i];
            int start = i;
            switch (c)
            {
                case '(': list.Add(new Token(TokKind.LParen, "(", i++, 1)); continue;
                case ')': list.Add(new Token(TokKind.RParen, ")", i++, 1)); continue;
                case '{': list.Add(new Token(TokKind.LBrace, "{", i++, 1)); continue;
                case '}': list.Add(new Token(TokKind.RBrace, "}", i++, 1)); continue;
                case ',': list.Add(new Token(TokKind.Comma, ",", i++, 1)); continue;
                case '[':
                {
                    int close = s.IndexOf(']', i + 1);
                    if (close < 0) { error = new FilterError("missing \"]\" after slice", i, s.Length - i, s); return null; }
                    list.Add(new Token(TokKind.Slice, s.Substring(i + 1, close - i - 1), i, close - i + 1));
                    i = close + 1;
                    continue;
                }
                case '"':
                    if (!LexString(s, ref i, raw: false, list, out error)) return null;
                    continue;
                case '\'':
                    if (!LexChar(s, ref i, list, out error)) return null;
                    continue;
            }
            if (c == 'r' && i + 1 < s.Length && s[i + 1] == '"')
            {
                i++;
                if (!LexString(s, ref i, raw: true, list, out error)) return null;
                var t = list[^1];
                list[^1] = t with { Pos = start, Len = t.Len + 1, Text = "r" + t.Text };
                continue;
            }
            if (IsWordChar(c))
            {
                while (i < s.Length && IsWordChar(s[i])) i++;
                list.Add(new Token(TokKind.Word, s.Substring(start, i - start), start, i - start));
                continue;
            }
            string? op = null;
            foreach (var o in Ops)
                if (string.CompareOrdinal(s, i, o, 0, o.Length) == 0) { op = o; break; }
            if (op is null)
            {
                error = new FilterError($"unexpected character '{c}'", i, 1, s);
                return null;
            }
            list.Add(new Token(TokKind.Op, op, i, op.Length));
            i += op.Length;
        }
    }

    static readonly string[] Ops = ["===", "!==", "==", "!=", "~=", "<=", ">=", "&&", "||", "^^", "<", ">", "!", "~", "&", "+", "*", "%", "$", "#", "@"];

    static bool LexString(string s, ref int i, bool raw, List<Token> list, out FilterError? error)
    {
        error = null;
        int start = i;
        i++; // opening quote
        var bytes = new List<byte>();
        Span<byte> enc = stackalloc byte[8];
        while (true)
        {
            if (i >= s.Length) { error = new FilterError("unterminated string", start, s.Length - start, s); return false; }
            char c = s[i];
            if (c == '"') { i++; break; }
            if (c == '\\')
            {
                if (i + 1 >= s.Length) { error = new FilterError("unterminated string", start, s.Length - start, s); return false; }
                if (raw)
                {
                    // Raw strings keep the backslash; \" still does not end the string.
                    bytes.Add((byte)'\\');
                    char n = s[i + 1];
                    int w = Encoding.UTF8.GetBytes(s.AsSpan(i + 1, 1), enc);
                    for (int k = 0; k < w; k++) bytes.Add(enc[k]);
                    _ = n;
                    i += 2;
                    continue;
                }
                int escStart = i;
                if (!Escape(s, ref i, out long value, out bool isByte))
                {
                    error = new FilterError("invalid escape sequence in string", escStart, Math.Min(2, s.Length - escStart), s);
                    return false;
                }
                if (isByte) bytes.Add((byte)value);
                else
                {
                    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
                    {
                        error = new FilterError("invalid Unicode code point in string", escStart, i - escStart, s);
                        return false;
                    }
                    string ch = char.ConvertFromUtf32((int)value);
                    int w = Encoding.UTF8.GetBytes(ch, enc);
                    for (int k = 0; k < w; k++) bytes.Add(enc[k]);
                }
                continue;
            }
            int len = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
            int written = Encoding.UTF8.GetBytes(s.AsSpan(i, len), enc);
            for (int k = 0; k < written; k++) bytes.Add(enc[k]);
            i += len;
        }
        list.Add(new Token(TokKind.String, s.Substring(start, i - start), start, i - start, bytes.ToArray()));
        return true;
    }

    /// <summary>Reads one escape at s[i] == '\\'. isByte: the value is a raw byte (octal/hex) rather than a code point.</summary>
    static bool Escape(string s, ref int i, out long value, out bool isByte)
    {
        value = 0; isByte = false;
        if (i + 1 >= s.Length) return false;
        char e = s[i + 1];
        i += 2;
        switch (e)
        {
            case '\'': value = '\''; return true;
            case '"': value = '"'; return true;
            case '\\': value = '\\'; return true;
            case 'a': value = 7; return true;
            case 'b': value = 8; return true;
            case 'f': value = 12; return true;
            case 'n': value = 10; return true;
            case 'r': value = 13; return true;
            case 't': value = 9; return true;
            case 'v': value = 11; return true;
            case 'x':
            {
                int n = 0;
                while (n < 2 && i < s.Length && Uri.IsHexDigit(s[i])) { value = value * 16 + HexVal(s[i]); i++; n++; }
                isByte = true;
                return n > 0;
            }
            case 'u':
            case 'U':
            {
                int want = e == 'u' ? 4 : 8;
                for (int n = 0; n < want; n++)
                {
                    if (i >= s.Length || !Uri.IsHexDigit(s[i])) return false;
                    value = value * 16 + HexVal(s[i]); i++;
                }
                return true;
            }
            default:
                if (e is >= '0' and <= '7')
                {
                    value = e - '0';
                    int n = 1;
                    while (n < 3 && i < s.Length && s[i] is >= '0' and <= '7') { value = value * 8 + (s[i] - '0'); i++; n++; }
                    if (value > 255) return false;
                    isByte = true;
                    return true;
                }
                return false;
        }
    }

    static bool LexChar(string s, ref int i, List<Token> list, out FilterError? error)
    {
        error = null;
        int start = i;
        i++;
        long value;
        if (i < s.Length && s[i] == '\\')
        {
            if (!Escape(s, ref i, out value, out _)) { error = new FilterError("invalid character constant", start, Math.Max(1, Math.Min(s.Length, i) - start), s); return false; }
        }
        else if (i < s.Length && s[i] != '\'') { value = s[i]; i++; }
        else { error = new FilterError("invalid character constant", start, 1, s); return false; }
        if (i >= s.Length || s[i] != '\'') { error = new FilterError("unterminated character constant", start, Math.Min(s.Length, i) - start, s); return false; }
        i++;
        list.Add(new Token(TokKind.Char, s.Substring(start, i - start), start, i - start, null, value));
        return true;
    }

    internal static int HexVal(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
