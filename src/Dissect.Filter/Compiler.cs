using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Dissect.Core;

namespace Dissect.Filter;

/// <summary>Type-checks the parse tree against the registry and builds the evaluation tree and the normalized text.</summary>
sealed class Compiler
{
    readonly FieldRegistry _reg;
    readonly string _text;
    public readonly HashSet<FieldDef> Fields = new();
    public readonly EvalState State = new();
    public FilterError? Error;

    public Compiler(FieldRegistry reg, string text) { _reg = reg; _text = text; }

    T? Fail<T>(int pos, int len, string message) where T : class
    {
        Error ??= new FilterError(message, pos, len, _text);
        return null;
    }

    // ---------- logic ----------

    public (Node? Node, string Text) Compile(Syn s)
    {
        switch (s)
        {
            case LogicSyn l:
            {
                var (a, at) = Compile(l.Left);
                if (a is null) return (null, "");
                var (b, bt) = Compile(l.Right);
                if (b is null) return (null, "");
                string word = l.Op switch { LogicOp.And => "and", LogicOp.Or => "or", _ => "xor" };
                at = Paren(l.Left, l.Op, at); bt = Paren(l.Right, l.Op, bt);
                Node n = l.Op switch { LogicOp.And => new AndNode(a, b), LogicOp.Or => new OrNode(a, b), _ => new XorNode(a, b) };
                return (n, $"{at} {word} {bt}");
            }
            case NotSyn n:
            {
                var (a, at) = Compile(n.Inner);
                if (a is null) return (null, "");
                if (n.Inner is LogicSyn) at = "(" + at + ")";
                return (new NotNode(a), "not " + at);
            }
            case TestSyn t: return CompileTest(t);
            case CompareSyn c: return CompileCompare(c);
            case InSyn i: return CompileIn(i);
        }
        return (Fail<Node>(s.Pos, s.Len, "unsupported expression"), "");
    }

    static string Paren(Syn child, LogicOp parent, string text)
        => child is LogicSyn l && l.Op != parent ? "(" + text + ")" : text;

    (Node?, string) CompileTest(TestSyn t)
    {
        if (t.Operand is WordSyn w && !IsField(w.Text))
        {
            if (LooksLikeLiteral(w.Text))
                return (Fail<Node>(w.Pos, w.Len, $"\"{w.Text}\" is a value, not a field or protocol: it cannot be tested alone"), "");
        }
        if (t.Operand is StringSyn or CharSyn)
            return (Fail<Node>(t.Pos, t.Len, $"{Src(t.Operand)} is a value, not a field or protocol: it cannot be tested alone"), "");
        var (op, text) = Operand(t.Operand);
        if (op is null) return (null, "");
        return (new PresenceNode(op), text);
    }

    // ---------- operands ----------

    bool IsField(string word) => word == "frame" || _reg.Find(word) is not null;

    static bool LooksLikeLiteral(string w) => w.Length > 0 && (char.IsDigit(w[0]) || w[0] is ':' or '-' or '.');

    FieldDef[] Defs(FieldDef first)
    {
        var list = new List<FieldDef>();
        foreach (var f in _reg.Fields) if (f.Abbrev == first.Abbrev) list.Add(f);
        if (list.Count == 0 || !ReferenceEquals(list[0], first)) { list.Remove(first); list.Insert(0, first); }
        return list.ToArray();
    }

    internal static VType TypeOf(FieldKind k) => k switch
    {
        FieldKind.None => VType.None,
        FieldKind.Protocol => VType.Protocol,
        FieldKind.Bool => VType.Bool,
        FieldKind.UInt8 or FieldKind.UInt16 or FieldKind.UInt24 or FieldKind.UInt32 or FieldKind.UInt64 or FieldKind.FrameNum => VType.UInt,
        FieldKind.Int8 or FieldKind.Int16 or FieldKind.Int32 or FieldKind.Int64 => VType.Int,
        FieldKind.Double => VType.Double,
        FieldKind.Bytes => VType.Bytes,
        FieldKind.String => VType.String,
        FieldKind.IPv4 => VType.IPv4,
        FieldKind.IPv6 => VType.IPv6,
        FieldKind.Ether => VType.Ether,
        FieldKind.AbsoluteTime => VType.AbsTime,
        FieldKind.RelativeTime => VType.RelTime,
        _ => VType.None,
    };

    internal static string KindName(FieldKind k) => k switch
    {
        FieldKind.None => "Label",
        FieldKind.Protocol => "Protocol",
        FieldKind.Bool => "Boolean",
        FieldKind.UInt8 => "Unsigned integer (1 byte)",
        FieldKind.UInt16 => "Unsigned integer (2 bytes)",
        FieldKind.UInt24 => "Unsigned integer (3 bytes)",
        FieldKind.UInt32 => "Unsigned integer (4 bytes)",
        FieldKind.UInt64 => "Unsigned integer (8 bytes)",
        FieldKind.Int8 => "Signed integer (1 byte)",
        FieldKind.Int16 => "Signed integer (2 bytes)",
        FieldKind.Int32 => "Signed integer (4 bytes)",
        FieldKind.Int64 => "Signed integer (8 bytes)",
        FieldKind.Double => "Floating point",
        FieldKind.Bytes => "Byte sequence",
        FieldKind.String => "Character string",
        FieldKind.IPv4 => "IPv4 address",
        FieldKind.IPv6 => "IPv6 address",
        FieldKind.Ether => "Ethernet or other MAC address",
        FieldKind.AbsoluteTime => "Date and time",
        FieldKind.RelativeTime => "Time offset",
        FieldKind.FrameNum => "Frame number",
        _ => k.ToString(),
    };

    static string TypeName(VType t) => t switch
    {
        VType.None => "Label", VType.Protocol => "Protocol", VType.Bool => "Boolean", VType.UInt => "Unsigned integer",
        VType.Int => "Signed integer", VType.Double => "Floating point", VType.Bytes => "Byte sequence",
        VType.String => "Character string", VType.IPv4 => "IPv4 address", VType.IPv6 => "IPv6 address",
        VType.Ether => "Ethernet or other MAC address", VType.AbsTime => "Date and time", VType.RelTime => "Time offset",
        _ => t.ToString(),
    };

    /// <summary>Description of an operand's type for messages: the field's exact kind when it is a field.</summary>
    string Describe(OperandSyn s, OperandNode n)
        => s is WordSyn w && _reg.Find(w.Text) is { } f ? KindName(f.Kind) : TypeName(n.Type);

    /// <summary>Compiles an operand that must be a field, protocol, slice or function (not a bare literal).</summary>
    (OperandNode?, string) Operand(OperandSyn s)
    {
        switch (s)
        {
            case WordSyn w:
            {
                if (w.Text == "frame")
                {
                    Fields.Add(FrameFields.Protocol);
                    return (new FrameOperand(), "frame");
                }
                var f = _reg.Find(w.Text);
                if (f is null) return (Fail<OperandNode>(w.Pos, w.Len, UnknownField(w.Text)), "");
                var defs = Defs(f);
                foreach (var d in defs) Fields.Add(d);
                return (new FieldOperand(defs, TypeOf(f.Kind)), f.Abbrev);
            }
            case SliceSyn sl:
            {
                var (inner, it) = Operand(sl.Inner);
                if (inner is null) return (null, "");
                if (inner.Type is not (VType.Bytes or VType.String or VType.Protocol or VType.Ether or VType.IPv4 or VType.IPv6))
                    return (Fail<OperandNode>(sl.Inner.Pos, sl.Inner.Len,
                        $"\"{Src(sl.Inner)}\" is a {Describe(sl.Inner, inner)} and cannot be sliced into a sequence of bytes"), "");
                var ranges = ParseRanges(sl.Ranges, out string? why, out string norm);
                if (ranges is null) return (Fail<OperandNode>(sl.SlicePos, sl.SliceLen, $"invalid slice \"[{sl.Ranges}]\": {why}"), "");
                return (new SliceOperand(inner, ranges), $"{it}[{norm}]");
            }
            case FuncSyn fn: return Function(fn);
            case StringSyn or CharSyn:
                return (Fail<OperandNode>(s.Pos, s.Len, $"{Src(s)} is a value; a field, protocol or function is needed here"), "");
        }
        return (Fail<OperandNode>(s.Pos, s.Len, "unsupported operand"), "");
    }

    (OperandNode?, string) Function(FuncSyn fn)
    {
        if (fn.Args.Count != 1)
            return (Fail<OperandNode>(fn.Pos, fn.Len, $"function {fn.Name}() takes exactly one argument"), "");
        var argSyn = fn.Args[0];
        if (argSyn is StringSyn or CharSyn || (argSyn is WordSyn aw && !IsField(aw.Text) && LooksLikeLiteral(aw.Text)))
            return (Fail<OperandNode>(argSyn.Pos, argSyn.Len, $"argument of {fn.Name}() must be a field"), "");
        var (arg, at) = Operand(argSyn);
        if (arg is null) return (null, "");
        string text = $"{fn.Name}({at})";
        switch (fn.Name)
        {
            case "len":
                if (arg.Type is not (VType.Bytes or VType.String or VType.Protocol or VType.Ether or VType.IPv4 or VType.IPv6))
                    return (Fail<OperandNode>(argSyn.Pos, argSyn.Len, $"len() needs a string, bytes or address field; \"{Src(argSyn)}\" is a {Describe(argSyn, arg)}"), "");
                return (new LenOperand(arg), text);
            case "count":
                if (argSyn is not WordSyn)
                    return (Fail<OperandNode>(argSyn.Pos, argSyn.Len, "count() needs a field"), "");
                return (new CountOperand(arg), text);
            case "lower":
            case "upper":
                if (arg.Type != VType.String)
                    return (Fail<OperandNode>(argSyn.Pos, argSyn.Len, $"{fn.Name}() needs a string field; \"{Src(argSyn)}\" is a {Describe(argSyn, arg)}"), "");
                return (new CaseOperand(arg, fn.Name == "upper"), text);
            case "string":
                if (arg.Type is VType.String or VType.Bytes or VType.Protocol or VType.None)
                    return (Fail<OperandNode>(argSyn.Pos, argSyn.Len, $"string() converts a non-string field; \"{Src(argSyn)}\" is a {Describe(argSyn, arg)}"), "");
                return (new StringOperand(arg), text);
        }
        return (Fail<OperandNode>(fn.Pos, fn.Len, $"unknown function \"{fn.Name}\""), "");
    }

    string QuoteSrc(OperandSyn s) => s is WordSyn ? "\"" + Src(s) + "\"" : Src(s);

    string Src(Syn s) => s.Pos >= 0 && s.Pos + s.Len <= _text.Length ? _text.Substring(s.Pos, s.Len) : "";

    internal static SliceRange[]? ParseRanges(string text, out string? why, out string normalized)
    {
        why = null; normalized = "";
        var parts = text.Split(',');
        var list = new List<SliceRange>();
        var norm = new List<string>();
        foreach (var raw in parts)
        {
            var p = raw.Trim();
            if (p.Length == 0) { why = "empty range"; return null; }
            int i = 0;
            bool haveStart = TryInt(p, ref i, out int start);
            if (!haveStart) start = 0;
            if (i == p.Length)
            {
                if (!haveStart) { why = "missing offset"; return null; }
                list.Add(new SliceRange(start, 1, false, false, 0)); norm.Add($"{start}"); continue;
            }
            char sep = p[i++];
            if (sep == ':')
            {
                if (i == p.Length) { list.Add(new SliceRange(start, 0, true, false, 0)); norm.Add($"{start}:"); continue; }
                if (!TryInt(p, ref i, out int len) || i != p.Length || len <= 0) { why = "length must be a positive number"; return null; }
                list.Add(new SliceRange(start, len, false, false, 0)); norm.Add($"{start}:{len}");
            }
            else if (sep == '-' && haveStart)
            {
                if (!TryInt(p, ref i, out int end) || i != p.Length) { why = "missing end offset"; return null; }
                if (start >= 0 && end >= 0 && end < start) { why = "end offset before start"; return null; }
                list.Add(new SliceRange(start, 0, false, true, end)); norm.Add($"{start}-{end}");
            }
            else { why = $"unexpected \"{sep}\""; return null; }
        }
        normalized = string.Join(",", norm);
        return list.ToArray();
    }

    static bool TryInt(string s, ref int i, out int value)
    {
        value = 0;
        int j = i;
        bool neg = false;
        if (j < s.Length && s[j] == '-' ) { neg = true; j++; }
        int digits = 0;
        long v = 0;
        while (j < s.Length && char.IsAsciiDigit(s[j])) { v = v * 10 + (s[j] - '0'); if (v > int.MaxValue) return false; j++; digits++; }
        if (digits == 0) return false;
        value = (int)(neg ? -v : v);
        i = j;
        return true;
    }

    string UnknownField(string word)
    {
        string best = "";
        int bestD = int.MaxValue;
        foreach (var a in _reg.Abbrevs)
        {
            if (Math.Abs(a.Length - word.Length) >= bestD) continue;
            int d = Levenshtein(word, a, Math.Min(bestD, 3));
            if (d < bestD || (d == bestD && string.CompareOrdinal(a, best) < 0)) { bestD = d; best = a; }
        }
        int limit = Math.Max(1, Math.Min(3, word.Length / 3));
        return bestD <= limit ? $"unknown field \"{word}\"; did you mean \"{best}\"?" : $"unknown field \"{word}\"";
    }

    /// <summary>Edit distance (insert, delete, substitute), capped: returns cap+1 once it is exceeded.</summary>
    internal static int Levenshtein(string a, string b, int cap)
    {
        if (a.Length > 200 || b.Length > 200) return cap + 1;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (rowMin > cap) return cap + 1;
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    // ---------- comparisons ----------

    /// <summary>Either side may be a literal; at least one side must be a field, slice or function.</summary>
    bool IsLiteralSyn(OperandSyn s) => s is StringSyn or CharSyn || (s is WordSyn w && !IsField(w.Text));

    (Node?, string) CompileCompare(CompareSyn c)
    {
        string opText = c.Op switch
        {
            CmpOp.Eq => "==", CmpOp.Ne => "!=", CmpOp.AllEq => "===", CmpOp.AnyNe => "!==", CmpOp.Gt => ">",
            CmpOp.Lt => "<", CmpOp.Ge => ">=", CmpOp.Le => "<=", CmpOp.Contains => "contains", _ => "matches",
        };
        bool leftLit = IsLiteralSyn(c.Left), rightLit = IsLiteralSyn(c.Right);
        if (leftLit && rightLit)
        {
            if (c.Left is WordSyn lw && !LooksLikeLiteral(lw.Text)) return (Fail<Node>(lw.Pos, lw.Len, UnknownField(lw.Text)), "");
            if (c.Right is WordSyn rw && !LooksLikeLiteral(rw.Text)) return (Fail<Node>(rw.Pos, rw.Len, UnknownField(rw.Text)), "");
            return (Fail<Node>(c.Left.Pos, c.Left.Len, $"{Src(c.Left)} is a value: one side of \"{opText}\" must be a field, slice or function"), "");
        }
        if (c.Op is CmpOp.Contains or CmpOp.Matches)
        {
            if (leftLit)
                return (Fail<Node>(c.Left.Pos, c.Left.Len, $"left side of \"{opText}\" must be a field, slice or function"), "");
            var (l, lt) = Operand(c.Left);
            if (l is null) return (null, "");
            if (c.Quant != Quant.Default)
                return (Fail<Node>(c.OpPos, c.OpLen, $"\"any\"/\"all\" cannot be used with \"{opText}\""), "");
            return c.Op == CmpOp.Contains ? Contains(c, l, lt) : Matches(c, l, lt);
        }

        OperandNode? left, right;
        string ltxt, rtxt;
        int prefix = -1;
        if (leftLit)
        {
            (right, rtxt) = Operand(c.Right);
            if (right is null) return (null, "");
            (left, ltxt, prefix) = Literal(c.Left, right, c.Right, c.Op);
            if (left is null) return (null, "");
        }
        else
        {
            (left, ltxt) = Operand(c.Left);
            if (left is null) return (null, "");
            if (rightLit)
            {
                (right, rtxt, prefix) = Literal(c.Right, left, c.Left, c.Op);
                if (right is null) return (null, "");
            }
            else
            {
                (right, rtxt) = Operand(c.Right);
                if (right is null) return (null, "");
            }
        }
        var type = left.Type;
        if (!Compatible(left.Type, right.Type, out type))
            return (Fail<Node>(c.Right.Pos, c.Right.Len,
                $"{Src(c.Left)} (type={Describe(c.Left, left)}) and {Src(c.Right)} (type={Describe(c.Right, right)}) are not of compatible types"), "");
        if (type is VType.None)
            return (Fail<Node>(c.Left.Pos, c.Left.Len, $"{Src(leftLit ? c.Right : c.Left)} is a label without a value: it can only be tested for presence"), "");
        bool ordering = c.Op is CmpOp.Gt or CmpOp.Lt or CmpOp.Ge or CmpOp.Le;
        if (ordering && type is VType.Bool)
        {
            var fs = leftLit ? c.Right : c.Left;
            return (Fail<Node>(fs.Pos, fs.Len, $"{Src(fs)} (type=Boolean) cannot participate in \"{opText}\" comparison"), "");
        }
        if (ordering && prefix >= 0)
        {
            var ls = leftLit ? c.Left : c.Right;
            return (Fail<Node>(ls.Pos, ls.Len, $"a network (CIDR) cannot be used with \"{opText}\""), "");
        }
        var (rel, all) = c.Op switch
        {
            CmpOp.Eq => (Rel.Eq, false),
            CmpOp.Ne => (Rel.Ne, true),
            CmpOp.AllEq => (Rel.Eq, true),
            CmpOp.AnyNe => (Rel.Ne, false),
            CmpOp.Gt => (Rel.Gt, false),
            CmpOp.Lt => (Rel.Lt, false),
            CmpOp.Ge => (Rel.Ge, false),
            _ => (Rel.Le, false),
        };
        string q = "";
        if (c.Quant == Quant.Any) { all = false; q = "any "; }
        else if (c.Quant == Quant.All) { all = true; q = "all "; }
        return (new CompareNode(left, rel, all, right, type, prefix), $"{q}{ltxt} {opText} {rtxt}");
    }

    static bool Compatible(VType a, VType b, out VType t)
    {
        t = a;
        if (a == b) return true;
        if (a is VType.UInt or VType.Int && b is VType.UInt or VType.Int) { t = VType.Int; return true; }
        bool ab = a is VType.Bytes or VType.Protocol or VType.Ether or VType.String;
        bool bb = b is VType.Bytes or VType.Protocol or VType.Ether or VType.String;
        if (ab && bb) { t = VType.Bytes; return true; }
        return false;
    }

    (Node?, string) Contains(CompareSyn c, OperandNode l, string lt)
    {
        if (l.Type is not (VType.Bytes or VType.String or VType.Protocol or VType.Ether))
            return (Fail<Node>(c.Left.Pos, c.Left.Len, $"{Src(c.Left)} (type={Describe(c.Left, l)}) cannot participate in contains comparison"), "");
        if (!IsLiteralSyn(c.Right))
        {
            var (r, rt) = Operand(c.Right);
            if (r is null) return (null, "");
            if (r.Type is not (VType.Bytes or VType.String or VType.Protocol or VType.Ether))
                return (Fail<Node>(c.Right.Pos, c.Right.Len, $"{Src(c.Right)} (type={Describe(c.Right, r)}) cannot participate in contains comparison"), "");
            return (new ContainsFieldNode(l, r), $"{lt} contains {rt}");
        }
        byte[]? needle = null;
        string text = "";
        switch (c.Right)
        {
            case StringSyn s: needle = s.Value; text = Quote(s.Value); break;
            case CharSyn ch when ch.Value is >= 0 and <= 255: needle = [(byte)ch.Value]; text = Quote(needle); break;
            case WordSyn w:
                if (l.Type == VType.String)
                {
                    // Unquoted text against a string field: deprecated in Wireshark but accepted.
                    needle = Encoding.UTF8.GetBytes(w.Text.StartsWith(':') ? w.Text[1..] : w.Text);
                    text = Quote(needle);
                }
                else if (w.Text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && w.Text.Length is 3 or 4
                         && Literals.TryInteger(w.Text, out var one) && one >= 0 && one <= 255)
                { needle = [(byte)one]; text = Literals.HexColon(needle); }
                else if (Literals.TryBytes(w.Text, out needle)) text = Literals.HexColon(needle);
                else return (Fail<Node>(w.Pos, w.Len, $"\"{w.Text}\" is not a valid byte string"), "");
                break;
        }
        if (needle is null || needle.Length == 0)
            return (Fail<Node>(c.Right.Pos, c.Right.Len, "contains needs a non-empty string or byte string"), "");
        return (new ContainsNode(l, needle), $"{lt} contains {text}");
    }

    (Node?, string) Matches(CompareSyn c, OperandNode l, string lt)
    {
        if (l.Type is not (VType.String or VType.Bytes or VType.Protocol))
            return (Fail<Node>(c.Left.Pos, c.Left.Len, $"{Src(c.Left)} (type={Describe(c.Left, l)}) cannot participate in matches comparison; use string() to convert it"), "");
        if (c.Right is not StringSyn s)
            return (Fail<Node>(c.Right.Pos, c.Right.Len, "the regular expression of \"matches\" must be a double-quoted string"), "");
        string pattern;
        try { pattern = new UTF8Encoding(false, true).GetString(s.Value); }
        catch (ArgumentException) { return (Fail<Node>(s.Pos, s.Len, "the regular expression is not valid UTF-8"), ""); }
        var regex = Literals.Regex(pattern, out string? why);
        if (regex is null) return (Fail<Node>(s.Pos, s.Len, $"invalid regular expression: {why}"), "");
        return (new MatchesNode(l, regex, l.Type == VType.String, State), $"{lt} matches {Quote(s.Value)}");
    }

    (Node?, string) CompileIn(InSyn i)
    {
        if (IsLiteralSyn(i.Left))
        {
            if (i.Left is WordSyn w && !LooksLikeLiteral(w.Text)) return (Fail<Node>(w.Pos, w.Len, UnknownField(w.Text)), "");
            return (Fail<Node>(i.Left.Pos, i.Left.Len, "left side of \"in\" must be a field, slice or function"), "");
        }
        var (l, lt) = Operand(i.Left);
        if (l is null) return (null, "");
        if (l.Type is VType.None)
            return (Fail<Node>(i.Left.Pos, i.Left.Len, $"{Src(i.Left)} is a label without a value: it can only be tested for presence"), "");
        var lows = new List<ConstOperand>();
        var highs = new List<ConstOperand?>();
        var texts = new List<string>();
        foreach (var item in i.Items)
        {
            if (!IsLiteralSyn(item.Low))
                return (Fail<Node>(item.Low.Pos, item.Low.Len, "set elements must be values"), "");
            var (lo, lot, lp) = Literal(item.Low, l, i.Left, CmpOp.Eq);
            if (lo is null) return (null, "");
            if (item.High is null)
            {
                // A value name shared by several numbers stands for all of them.
                if (lo is ConstOperand { } single) { lows.Add(single); highs.Add(null); }
                foreach (var extra in _extraValues) { lows.Add(extra); highs.Add(null); }
                texts.Add(lot);
                continue;
            }
            if (l.Type is VType.Bool || lp >= 0)
                return (Fail<Node>(item.Low.Pos, item.High.Pos + item.High.Len - item.Low.Pos, "a range needs ordered values"), "");
            if (!IsLiteralSyn(item.High))
                return (Fail<Node>(item.High.Pos, item.High.Len, "set elements must be values"), "");
            var (hi, hit, hp) = Literal(item.High, l, i.Left, CmpOp.Le);
            if (hi is null) return (null, "");
            if (hp >= 0) return (Fail<Node>(item.High.Pos, item.High.Len, "a range needs ordered values"), "");
            lows.Add((ConstOperand)lo); highs.Add((ConstOperand)hi);
            texts.Add($"{lot}..{hit}");
        }
        var type = l.Type == VType.UInt ? VType.Int : l.Type;
        return (new InNode(l, lows.ToArray(), highs.ToArray(), type), $"{lt} in {{{string.Join(", ", texts)}}}");
    }

    // ---------- literals ----------

    readonly List<ConstOperand> _extraValues = new();

    /// <summary>Converts a literal to the type of the other side. Returns the constant, its canonical text and
    /// the CIDR prefix (-1 when none).</summary>
    (OperandNode?, string, int) Literal(OperandSyn lit, OperandNode other, OperandSyn otherSyn, CmpOp op)
    {
        _extraValues.Clear();
        var k = new ConstOperand { Type = other.Type == VType.UInt ? VType.Int : other.Type };
        FieldDef? field = otherSyn is WordSyn ow ? _reg.Find(ow.Text) : null;
        string typeName = Describe(otherSyn, other);
        string src = Src(lit);
        string word = lit is WordSyn w0 ? (w0.Text.StartsWith(':') && !w0.Text.StartsWith("::") ? w0.Text[1..] : w0.Text) : "";

        switch (other.Type)
        {
            case VType.UInt:
            case VType.Int:
            case VType.Bool:
            {
                if (lit is StringSyn)
                    return (Fail<OperandNode>(lit.Pos, lit.Len, $"{typeName} cannot be converted from a string ({src})"), "", -1);
                if (lit is CharSyn ch)
                {
                    k.N = ch.Value;
                    return (k, ch.Value.ToString(CultureInfo.InvariantCulture), -1);
                }
                if (other.Type == VType.Bool)
                {
                    if (word is "True" or "TRUE" or "true") { k.N = 1; return (k, "True", -1); }
                    if (word is "False" or "FALSE" or "false") { k.N = 0; return (k, "False", -1); }
                    if (Literals.TryInteger(word, out var bv)) { k.N = bv != 0 ? 1 : 0; return (k, bv != 0 ? "True" : "False", -1); }
                    return (Fail<OperandNode>(lit.Pos, lit.Len, $"\"{word}\" is not a valid Boolean (True, False, 1 or 0)"), "", -1);
                }
                if (Literals.TryInteger(word, out var n))
                {
                    if (other.Type == VType.UInt && field is not null && n < 0)
                        return (Fail<OperandNode>(lit.Pos, lit.Len, $"\"{word}\" is too small for {typeName}"), "", -1);
                    if (field is not null && !FitsKind(field.Kind, n))
                        return (Fail<OperandNode>(lit.Pos, lit.Len, $"\"{word}\" is too large for {typeName}"), "", -1);
                    k.N = n;
                    return (k, n.ToString(CultureInfo.InvariantCulture), -1);
                }
                if (field?.ValueNames is { } names)
                {
                    string? canonical = null;
                    bool first = true;
                    foreach (var kv in names)
                    {
                        if (!string.Equals(kv.Value, word, StringComparison.OrdinalIgnoreCase)) continue;
                        if (first) { k.N = kv.Key; canonical = kv.Value; first = false; }
                        else _extraValues.Add(new ConstOperand { Type = k.Type, N = kv.Key });
                    }
                    if (canonical is not null)
                    {
                        if (_extraValues.Count > 0 && op != CmpOp.Eq)
                            return (Fail<OperandNode>(lit.Pos, lit.Len, $"value name \"{word}\" stands for several values of {field.Abbrev}; use \"in\" or a number"), "", -1);
                        return (k, canonical.All(c => Lexer.IsWordChar(c)) ? canonical : Quote(Encoding.UTF8.GetBytes(canonical)), -1);
                    }
                    return (Fail<OperandNode>(lit.Pos, lit.Len, $"\"{word}\" is not a valid number or value name of {field.Abbrev}"), "", -1);
                }
                return (Fail<OperandNode>(lit.Pos, lit.Len, $"\"{word}\" is not a valid {typeName}"), "", -1);
            }
            case VType.Double:
                if (lit is WordSyn && double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
                { k.D = d; return (k, d.ToString("R", CultureInfo.InvariantCulture), -1); }
                return (Fail<OperandNode>(lit.Pos, lit.Len, $"{QuoteSrc(lit)} is not a valid floating point number"), "", -1);
            case VType.RelTime:
                if (lit is WordSyn && Literals.TrySecondsToNs(word, out long ns))
                { k.N = ns; return (k, Literals.SecondsText(ns), -1); }
                return (Fail<OperandNode>(lit.Pos, lit.Len, $"{QuoteSrc(lit)} is not a valid time offset (seconds, e.g. 1.5)"), "", -1);
            case VType.AbsTime:
            {
                string t = lit is StringSyn ss ? Encoding.UTF8.GetString(ss.Value) : word;
                if (Literals.TryAbsTime(t, out Int128 tns))
                { k.N = tns; return (k, Literals.AbsTimeText(tns), -1); }
                return (Fail<OperandNode>(lit.Pos, lit.Len, $"{QuoteSrc(lit)} is not a valid date and time (\"2020-07-04T12:34:56Z\" or \"Sep 26, 2004 23:18:04.954975 UTC\")"), "", -1);
            }
            case VType.IPv4:
                if (lit is WordSyn && Literals.TryIPv4(word, out uint a4, out int p4))
                {
                    var bytes = new byte[4];
                    BinaryPrimitives.WriteUInt32BigEndian(bytes, a4);
                    k.N = a4; k.B = bytes; k.Prefix = p4;
                    string text = $"{bytes[0]}.{bytes[1]}.{bytes[2]}.{bytes[3]}" + (p4 >= 0 ? $"/{p4}" : "");
                    return (k, text, p4);
                }
                return (Fail<OperandNode>(lit.Pos, lit.Len, $"{QuoteSrc(lit)} is not a valid IPv4 address (host names are not resolved)"), "", -1);
            case VType.IPv6:
                if (lit is WordSyn && Literals.TryIPv6(word, out var a6, out int p6))
                {
                    k.B = a6; k.Prefix = p6;
                    return (k, new IPAddress(a6).ToString() + (p6 >= 0 ? $"/{p6}" : ""), p6);
                }
                return (Fail<OperandNode>(lit.Pos, lit.Len, $"{QuoteSrc(lit)} is not a valid IPv6 address (host names are not resolved)"), "", -1);
            case VType.Ether:
                if (lit is WordSyn && Literals.TryBytes(word, out var mac) && mac.Length == 6)
                { k.B = mac; return (k, Literals.HexColon(mac), -1); }
                return (Fail<OperandNode>(lit.Pos, lit.Len, $"{QuoteSrc(lit)} is not a valid Ethernet address"), "", -1);
            case VType.String:
                if (lit is StringSyn s1) { k.B = s1.Value; return (k, Quote(s1.Value), -1); }
                if (lit is CharSyn c1 && c1.Value is >= 0 and <= 255) { k.B = [(byte)c1.Value]; return (k, Quote(k.B), -1); }
                if (lit is WordSyn) { k.B = Encoding.UTF8.GetBytes(word); return (k, Quote(k.B), -1); }
                return (Fail<OperandNode>(lit.Pos, lit.Len, $"{QuoteSrc(lit)} is not a valid string"), "", -1);
            case VType.Bytes:
            case VType.Protocol:
                if (lit is StringSyn s2) { k.B = s2.Value; k.Type = VType.Bytes; return (k, Quote(s2.Value), -1); }
                if (lit is CharSyn c2 && c2.Value is >= 0 and <= 255) { k.B = [(byte)c2.Value]; k.Type = VType.Bytes; return (k, Literals.HexColon(k.B), -1); }
                if (lit is WordSyn)
                {
                    if (word.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && word.Length is 3 or 4
                        && Literals.TryInteger(word, out var one) && one >= 0 && one <= 255)
                    { k.B = [(byte)one]; k.Type = VType.Bytes; return (k, Literals.HexColon(k.B), -1); }
                    if (Literals.TryBytes(word, out var bs)) { k.B = bs; k.Type = VType.Bytes; return (k, Literals.HexColon(bs), -1); }
                }
                return (Fail<OperandNode>(lit.Pos, lit.Len, $"{QuoteSrc(lit)} is not a valid byte string"), "", -1);
            case VType.None:
                return (Fail<OperandNode>(otherSyn.Pos, otherSyn.Len, $"{Src(otherSyn)} is a label without a value: it can only be tested for presence"), "", -1);
        }
        return (Fail<OperandNode>(lit.Pos, lit.Len, $"{src} cannot be compared with {typeName}"), "", -1);
    }

    static bool FitsKind(FieldKind k, Int128 n) => k switch
    {
        FieldKind.UInt8 => n <= byte.MaxValue,
        FieldKind.UInt16 => n <= ushort.MaxValue,
        FieldKind.UInt24 => n <= 0xFFFFFF,
        FieldKind.UInt32 or FieldKind.FrameNum => n <= uint.MaxValue,
        FieldKind.UInt64 => n <= ulong.MaxValue,
        FieldKind.Int8 => n >= sbyte.MinValue && n <= sbyte.MaxValue,
        FieldKind.Int16 => n >= short.MinValue && n <= short.MaxValue,
        FieldKind.Int32 => n >= int.MinValue && n <= int.MaxValue,
        FieldKind.Int64 => n >= long.MinValue && n <= long.MaxValue,
        _ => true,
    };

    internal static string Quote(ReadOnlySpan<byte> b)
    {
        var sb = new StringBuilder("\"");
        string s;
        try { s = new UTF8Encoding(false, true).GetString(b); }
        catch (ArgumentException) { s = null!; }
        if (s is null)
        {
            foreach (byte x in b)
            {
                if (x is >= 0x20 and < 0x7f && x != '"' && x != '\\') sb.Append((char)x);
                else sb.Append("\\x").Append(x.ToString("x2", CultureInfo.InvariantCulture));
            }
        }
        else
        {
            foreach (char c in s)
            {
                if (c == '"') sb.Append("\\\"");
                else if (c == '\\') sb.Append("\\\\");
                else if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
        }
        return sb.Append('"').ToString();
    }
}

/// <summary>Literal parsers (all non-throwing).</summary>
static class Literals
{
    public static bool TryInteger(string s, out Int128 value)
    {
        value = 0;
        if (string.IsNullOrEmpty(s)) return false;
        bool neg = false;
        int i = 0;
        if (s[0] == '-') { neg = true; i = 1; }
        if (i >= s.Length) return false;
        int radix = 10;
        if (s.Length - i > 2 && s[i] == '0' && (s[i + 1] | 0x20) == 'x') { radix = 16; i += 2; }
        else if (s.Length - i > 2 && s[i] == '0' && (s[i + 1] | 0x20) == 'b') { radix = 2; i += 2; }
        else if (s.Length - i > 1 && s[i] == '0') { radix = 8; i += 1; }
        Int128 v = 0;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            int d = c is >= '0' and <= '9' ? c - '0' : (c | 0x20) is >= 'a' and <= 'f' ? (c | 0x20) - 'a' + 10 : 99;
            if (d >= radix) return false;
            v = v * radix + d;
            if (v > ulong.MaxValue) return false;
        }
        value = neg ? -v : v;
        return !(neg && v > (Int128)long.MaxValue + 1);
    }

    /// <summary>Byte strings: aa:bb:cc, aa-bb-cc, aabb.ccdd, 0.1.0.d (one or two hex digits per group, or an even run).</summary>
    public static bool TryBytes(string s, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(s)) return false;
        var list = new List<byte>();
        char sep = '\0';
        foreach (char c in s) if (c is ':' or '-' or '.') { sep = c; break; }
        var groups = sep == '\0' ? [s] : s.Split(sep);
        foreach (var g in groups)
        {
            if (g.Length == 0) return false;
            foreach (char c in g) if (!Uri.IsHexDigit(c)) return false;
            if (g.Length == 1) { list.Add((byte)Lexer.HexVal(g[0])); continue; }
            if (g.Length % 2 != 0) return false;
            for (int i = 0; i < g.Length; i += 2) list.Add((byte)(Lexer.HexVal(g[i]) * 16 + Lexer.HexVal(g[i + 1])));
        }
        bytes = list.ToArray();
        return bytes.Length > 0;
    }

    public static string HexColon(ReadOnlySpan<byte> b) => Format.HexString(b, ':');

    public static bool TryIPv4(string s, out uint addr, out int prefix)
    {
        addr = 0; prefix = -1;
        int slash = s.IndexOf('/');
        string a = slash >= 0 ? s[..slash] : s;
        if (slash >= 0)
        {
            if (!int.TryParse(s.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 32) return false;
        }
        var parts = a.Split('.');
        if (parts.Length != 4) return false;
        foreach (var p in parts)
        {
            if (p.Length is 0 or > 3 || !byte.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out byte b)) return false;
            addr = addr << 8 | b;
        }
        return true;
    }

    public static bool TryIPv6(string s, out byte[] addr, out int prefix)
    {
        addr = []; prefix = -1;
        int slash = s.IndexOf('/');
        string a = slash >= 0 ? s[..slash] : s;
        if (slash >= 0 && (!int.TryParse(s.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 128)) return false;
        if (!a.Contains(':') || a.Contains('%')) return false;
        if (!IPAddress.TryParse(a, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6) return false;
        addr = ip.GetAddressBytes();
        return true;
    }

    public static bool TrySecondsToNs(string s, out long ns)
    {
        ns = 0;
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return false;
        if (d > 9_000_000_000m || d < -9_000_000_000m) return false;
        ns = (long)decimal.Round(d * 1_000_000_000m);
        return true;
    }

    public static string SecondsText(long ns)
    {
        var d = ns / 1_000_000_000m;
        return d.ToString("0.#########", CultureInfo.InvariantCulture);
    }

    static readonly string[] AbsFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss",
        "MMM d, yyyy HH:mm:ss.FFFFFFF", "MMM d, yyyy HH:mm:ss", "MMM dd, yyyy HH:mm:ss.FFFFFFF", "MMM dd, yyyy HH:mm:ss",
    ];

    /// <summary>Absolute time literals; a trailing " UTC" or a zone designator is honoured, otherwise local time.
    /// Fractions beyond 7 digits (100 ns) are kept to the nanosecond.</summary>
    public static bool TryAbsTime(string s, out Int128 ns)
    {
        ns = 0;
        s = s.Trim();
        bool utc = false;
        if (s.EndsWith(" UTC", StringComparison.Ordinal)) { s = s[..^4]; utc = true; }
        // Split off sub-100ns digits so DateTime parsing (7 digits) does not reject 9-digit fractions.
        int extraNs = 0;
        int dot = s.LastIndexOf('.');
        if (dot >= 0)
        {
            int j = dot + 1;
            while (j < s.Length && char.IsAsciiDigit(s[j])) j++;
            int digits = j - dot - 1;
            if (digits > 9) return false;
            if (digits > 7)
            {
                extraNs = int.Parse(s.AsSpan(dot + 8, digits - 7), CultureInfo.InvariantCulture) * (digits == 8 ? 10 : 1);
                s = s[..(dot + 8)] + s[j..];
            }
        }
        var style = utc ? DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal : DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal;
        if (!DateTime.TryParseExact(s, AbsFormats, CultureInfo.InvariantCulture, style, out var dt)) return false;
        ns = (Int128)(dt.Ticks - DateTime.UnixEpoch.Ticks) * 100 + extraNs;
        return true;
    }

    public static string AbsTimeText(Int128 ns)
    {
        var sec = (long)(ns / 1_000_000_000);
        var frac = (long)(ns % 1_000_000_000);
        if (frac < 0) { frac += 1_000_000_000; sec--; }
        var dt = DateTime.UnixEpoch.AddSeconds(sec);
        return "\"" + dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + frac.ToString("D9", CultureInfo.InvariantCulture) + "Z\"";
    }

    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Case-insensitive regex: the non-backtracking engine when it supports the pattern (linear time),
    /// else the backtracking engine with a 100 ms match timeout.</summary>
    public static Regex? Regex(string pattern, out string? why)
    {
        why = null;
        if (pattern.Length > 4096) { why = "pattern longer than 4096 characters"; return null; }
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException) { }
        catch (ArgumentException e) { why = OneLine(e.Message); return null; }
        catch (Exception) { }
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e) { why = OneLine(e.Message); return null; }
        catch (Exception e) { why = OneLine(e.Message); return null; }
    }

    static string OneLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl >= 0 ? s[..nl] : s;
    }
}
