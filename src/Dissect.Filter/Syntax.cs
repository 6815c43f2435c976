namespace Dissect.Filter;

/// <summary>Parse tree. Positions point into the filter text for error carets.</summary>
abstract record Syn(int Pos, int Len);

enum LogicOp { And, Or, Xor }
enum CmpOp { Eq, Ne, AllEq, AnyNe, Gt, Lt, Ge, Le, Contains, Matches }
enum Quant { Default, Any, All }

sealed record LogicSyn(LogicOp Op, Syn Left, Syn Right, int OpPos, int OpLen) : Syn(Left.Pos, Right.Pos + Right.Len - Left.Pos);
sealed record NotSyn(Syn Inner, int NotPos) : Syn(NotPos, Inner.Pos + Inner.Len - NotPos);
sealed record TestSyn(OperandSyn Operand) : Syn(Operand.Pos, Operand.Len);
sealed record CompareSyn(Quant Quant, OperandSyn Left, CmpOp Op, OperandSyn Right, int OpPos, int OpLen)
    : Syn(Left.Pos, Right.Pos + Right.Len - Left.Pos);
sealed record SetItem(OperandSyn Low, OperandSyn? High);
sealed record InSyn(OperandSyn Left, List<SetItem> Items, int OpPos, int EndPos) : Syn(Left.Pos, EndPos - Left.Pos);

abstract record OperandSyn(int Pos, int Len) : Syn(Pos, Len);
/// <summary>An unquoted word: a field or protocol name, or a literal (number, address, bytes, value name).</summary>
sealed record WordSyn(string Text, int P, int L) : OperandSyn(P, L);
sealed record StringSyn(byte[] Value, string Source, int P, int L) : OperandSyn(P, L);
sealed record CharSyn(long Value, string Source, int P, int L) : OperandSyn(P, L);
sealed record FuncSyn(string Name, List<OperandSyn> Args, int P, int L) : OperandSyn(P, L);
sealed record SliceSyn(OperandSyn Inner, string Ranges, int SlicePos, int SliceLen) : OperandSyn(Inner.Pos, SlicePos + SliceLen - Inner.Pos);
