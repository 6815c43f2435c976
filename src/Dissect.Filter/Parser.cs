namespace Dissect.Filter;

/// <summary>
/// Recursive-descent parser. Precedence, highest first: not, and, xor, or (Wireshark 4.x: not/and/or as in
/// wireshark-filter(4); xor sits between and and or as in Wireshark 4.2+). Binary operators associate left.
/// </summary>
sealed class Parser
{
    readonly List<Token> _t;
    readonly string _text;
    int _i;
    public FilterError? Error { get; private set; }

    Parser(List<Token> tokens, string text) { _t = tokens; _text = text; }

    public static Syn? Parse(string text, out FilterError? error)
    {
        var tokens = Lexer.Tokenize(text, out error);
        if (tokens is null) return null;
        var p = new Parser(tokens, text);
        if (tokens.Count == 1) { error = new FilterError("empty filter", 0, 1, text); return null; }
        var e = p.ParseOr(0);
        if (e is not null && p.Peek.Kind != TokKind.End) p.Fail(p.Peek, $"\"{p.Peek.Text}\" was unexpected in this context");
        error = p.Error;
        return p.Error is null ? e : null;
    }

    Token Peek => _t[_i];
    Token Next() => _t[_i < _t.Count - 1 ? _i++ : _i];

    Syn? Fail(Token at, string message)
    {
        Error ??= new FilterError(message, at.Pos, at.Len == 0 ? 1 : at.Len, _text);
        return null;
    }

    const int MaxDepth = 200;

    static bool IsOr(Token t) => t.IsWord("or") || t.IsOp("||");
    static bool IsXor(Token t) => t.IsWord("xor") || t.IsOp("^^");
    static bool IsAnd(Token t) => t.IsWord("and") || t.IsOp("&&");
    static bool IsNot(Token t) => t.IsWord("not") || t.IsOp("!");

    Syn? ParseOr(int depth)
    {
        var left = ParseXor(depth);
        while (left is not null && IsOr(Peek))
        {
            var op = Next();
            var right = ParseXor(depth);
            if (right is null) return null;
            left = new LogicSyn(LogicOp.Or, left, right, op.Pos, op.Len);
        }
        return left;
    }

    Syn? ParseXor(int depth)
    {
        var left = ParseAnd(depth);
        while (left is not null && IsXor(Peek))
        {
            var op = Next();
            var right = ParseAnd(depth);
            if (right is null) return null;
            left = new LogicSyn(LogicOp.Xor, left, right, op.Pos, op.Len);
        }
        return left;
    }

    Syn? ParseAnd(int depth)
    {
        var left = ParseUnary(depth);
        while (left is not null && IsAnd(Peek))
        {
            var op = Next();
            var right = ParseUnary(depth);
            if (right is null) return null;
            left = new LogicSyn(LogicOp.And, left, right, op.Pos, op.Len);
        }
        return left;
    }

    Syn? ParseUnary(int depth)
    {
        if (depth > MaxDepth) return Fail(Peek, "filter is nested too deeply");
        if (IsNot(Peek))
        {
            var n = Next();
            var inner = ParseUnary(depth + 1);
            return inner is null ? null : new NotSyn(inner, n.Pos);
        }
        if (Peek.Kind == TokKind.LParen)
        {
            var open = Next();
            var e = ParseOr(depth + 1);
            if (e is null) return null;
            if (Peek.Kind != TokKind.RParen)
                return Fail(Peek.Kind == TokKind.End ? open : Peek, Peek.Kind == TokKind.End ? "missing \")\" for this \"(\"" : $"\"{Peek.Text}\" was unexpected in this context");
            Next();
            return e;
        }
        return ParseRelation(depth);
    }

    static readonly string[] Keywords = ["and", "or", "xor", "not", "eq", "ne", "gt", "lt", "ge", "le", "contains",
        "matches", "in", "any_eq", "all_ne", "all_eq", "any_ne", "any", "all"];

    static bool IsKeyword(Token t) => t.Kind == TokKind.Word && Array.Exists(Keywords, k => t.IsWord(k));

    bool TryCmpOp(Token t, out CmpOp op)
    {
        op = default;
        if (t.Kind == TokKind.Op)
        {
            switch (t.Text)
            {
                case "==": op = CmpOp.Eq; return true;
                case "!=": op = CmpOp.Ne; return true;
                case "===": op = CmpOp.AllEq; return true;
                case "!==": case "~=": op = CmpOp.AnyNe; return true;
                case ">": op = CmpOp.Gt; return true;
                case "<": op = CmpOp.Lt; return true;
                case ">=": op = CmpOp.Ge; return true;
                case "<=": op = CmpOp.Le; return true;
                case "~": op = CmpOp.Matches; return true;
            }
            return false;
        }
        if (t.Kind != TokKind.Word) return false;
        switch (t.Text.ToLowerInvariant())
        {
            case "eq": case "any_eq": op = CmpOp.Eq; return true;
            case "ne": case "all_ne": op = CmpOp.Ne; return true;
            case "all_eq": op = CmpOp.AllEq; return true;
            case "any_ne": op = CmpOp.AnyNe; return true;
            case "gt": op = CmpOp.Gt; return true;
            case "lt": op = CmpOp.Lt; return true;
            case "ge": op = CmpOp.Ge; return true;
            case "le": op = CmpOp.Le; return true;
            case "contains": op = CmpOp.Contains; return true;
            case "matches": op = CmpOp.Matches; return true;
        }
        return false;
    }

    Syn? ParseRelation(int depth)
    {
        var quant = Quant.Default;
        Token? quantTok = null;
        if (Peek.IsWord("any") || Peek.IsWord("all"))
        {
            quantTok = Next();
            quant = quantTok.Value.IsWord("any") ? Quant.Any : Quant.All;
        }
        var left = ParseOperand(depth);
        if (left is null) return null;
        var t = Peek;
        if (TryCmpOp(t, out var op))
        {
            Next();
            var right = ParseOperand(depth);
            if (right is null) return null;
            var c = new CompareSyn(quant, left, op, right, t.Pos, t.Len);
            return c;
        }
        if (t.IsWord("in"))
        {
            Next();
            if (quantTok is { } qt) return Fail(qt, "\"any\"/\"all\" cannot be used with \"in\"");
            return ParseSet(left, t);
        }
        if (quantTok is { } q2) return Fail(q2, "\"any\"/\"all\" needs a comparison");
        if (t.Kind == TokKind.Op && t.Text is "&" or "+" or "*" or "%")
            return Fail(t, $"operator \"{t.Text}\" (bitwise/arithmetic) is not supported");
        return new TestSyn(left);
    }

    Syn? ParseSet(OperandSyn left, Token inTok)
    {
        if (Peek.Kind != TokKind.LBrace) return Fail(Peek, "expected \"{\" after \"in\"");
        var open = Next();
        var items = new List<SetItem>();
        while (true)
        {
            if (Peek.Kind == TokKind.RBrace)
            {
                if (items.Count == 0) return Fail(Peek, "empty set");
                var close = Next();
                return new InSyn(left, items, inTok.Pos, close.Pos + 1);
            }
            if (Peek.Kind == TokKind.End) return Fail(open, "missing \"}\" for this \"{\"");
            if (items.Count > 0 && Peek.Kind == TokKind.Comma) { Next(); if (Peek.Kind is TokKind.RBrace or TokKind.Comma) return Fail(Peek, "missing set element"); }
            var low = ParseSetOperand();
            if (low is null) return null;
            // "8000..8100" lexes as one word: split it.
            if (low is WordSyn w && w.Text.Contains("..") && !w.Text.StartsWith("..", StringComparison.Ordinal))
            {
                int k = w.Text.IndexOf("..", StringComparison.Ordinal);
                var lo = new WordSyn(w.Text[..k], w.P, k);
                var hiText = w.Text[(k + 2)..];
                if (hiText.Length == 0)
                {
                    var hiOp = ParseSetOperand();
                    if (hiOp is null) return null;
                    items.Add(new SetItem(lo, hiOp));
                }
                else items.Add(new SetItem(lo, new WordSyn(hiText, w.P + k + 2, hiText.Length)));
                continue;
            }
            if (Peek.Kind == TokKind.Word && Peek.Text.StartsWith("..", StringComparison.Ordinal))
            {
                var dots = Next();
                OperandSyn? high;
                if (dots.Text.Length > 2) high = new WordSyn(dots.Text[2..], dots.Pos + 2, dots.Len - 2);
                else high = ParseSetOperand();
                if (high is null) return null;
                items.Add(new SetItem(low, high));
                continue;
            }
            items.Add(new SetItem(low, null));
        }
    }

    OperandSyn? ParseSetOperand()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokKind.Word when !IsKeyword(t): Next(); return new WordSyn(t.Text, t.Pos, t.Len);
            case TokKind.String: Next(); return new StringSyn(t.Bytes!, t.Text, t.Pos, t.Len);
            case TokKind.Char: Next(); return new CharSyn(t.CharValue, t.Text, t.Pos, t.Len);
        }
        Fail(t, t.Kind == TokKind.End ? "missing \"}\" at end of set" : $"\"{t.Text}\" was unexpected in this context");
        return null;
    }

    static readonly string[] Functions = ["len", "lower", "upper", "count", "string"];

    OperandSyn? ParseOperand(int depth)
    {
        if (depth > MaxDepth) { Fail(Peek, "filter is nested too deeply"); return null; }
        var t = Peek;
        OperandSyn? result;
        switch (t.Kind)
        {
            case TokKind.Word when !IsKeyword(t):
                Next();
                if (Peek.Kind == TokKind.LParen)
                {
                    if (!Array.Exists(Functions, f => f == t.Text))
                    {
                        Fail(t, $"unknown function \"{t.Text}\" (supported: len, lower, upper, count, string)");
                        return null;
                    }
                    Next();
                    var args = new List<OperandSyn>();
                    while (Peek.Kind != TokKind.RParen)
                    {
                        if (args.Count > 0)
                        {
                            if (Peek.Kind != TokKind.Comma) { Fail(Peek, Peek.Kind == TokKind.End ? $"missing \")\" for {t.Text}(" : $"\"{Peek.Text}\" was unexpected in this context"); return null; }
                            Next();
                        }
                        var a = ParseOperand(depth + 1);
                        if (a is null) return null;
                        args.Add(a);
                    }
                    var close = Next();
                    result = new FuncSyn(t.Text, args, t.Pos, close.Pos + 1 - t.Pos);
                }
                else result = new WordSyn(t.Text, t.Pos, t.Len);
                break;
            case TokKind.String: Next(); result = new StringSyn(t.Bytes!, t.Text, t.Pos, t.Len); break;
            case TokKind.Char: Next(); result = new CharSyn(t.CharValue, t.Text, t.Pos, t.Len); break;
            case TokKind.End: Fail(t, "expression ends early: a field or value is missing"); return null;
            default: Fail(t, $"\"{t.Text}\" was unexpected in this context"); return null;
        }
        while (Peek.Kind == TokKind.Slice)
        {
            var s = Next();
            result = new SliceSyn(result, s.Text, s.Pos, s.Len);
        }
        return result;
    }
}
