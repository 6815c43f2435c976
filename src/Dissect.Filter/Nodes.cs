using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using Dissect.Core;

namespace Dissect.Filter;

/// <summary>The value type of an operand after compilation.</summary>
enum VType : byte { None, Protocol, Bool, UInt, Int, Double, Bytes, String, IPv4, IPv6, Ether, AbsTime, RelTime }

/// <summary>One value of one occurrence. Numbers (integers, bool, times in ns, IPv4 as a number) live in
/// <see cref="N"/>; byte-like values (bytes, strings as UTF-8, addresses, protocols) in <see cref="B"/>.</summary>
ref struct Val
{
    public Int128 N;
    public double D;
    public ReadOnlySpan<byte> B;
}

/// <summary>Mutable per-filter state shared by nodes (scratch and the regex-timeout flag). A compiled filter is
/// therefore not thread-safe: give each thread its own compiled filter.</summary>
sealed class EvalState
{
    public bool RegexTimedOut;
}

/// <summary>A compiled boolean test.</summary>
abstract class Node
{
    public abstract bool Eval(PacketFields pf);
}

/// <summary>A compiled value producer. <see cref="Next"/> yields the occurrences one by one: the caller starts
/// with cursor 0 and calls until it returns false.</summary>
abstract class OperandNode
{
    public VType Type;
    public abstract bool Next(PacketFields pf, ref int cursor, out Val v);
}

sealed class FieldOperand : OperandNode
{
    readonly FieldDef _first;
    readonly FieldDef[] _all;
    readonly FieldKind _kind;

    public FieldOperand(FieldDef[] defs, VType type) { _all = defs; _first = defs[0]; _kind = _first.Kind; Type = type; }

    public override bool Next(PacketFields pf, ref int cursor, out Val v)
    {
        v = default;
        var entries = pf.Entries;
        for (int i = cursor; i < entries.Length; i++)
        {
            ref readonly var e = ref entries[i];
            var f = e.Field;
            if (!ReferenceEquals(f, _first) && (_all.Length == 1 || Array.IndexOf(_all, f) < 0)) continue;
            cursor = i + 1;
            if (Load(pf, i, ref v)) return true;
        }
        cursor = entries.Length;
        return false;
    }

    bool Load(PacketFields pf, int index, ref Val v)
    {
        ref readonly var e = ref pf[index];
        switch (Type)
        {
            case VType.None: return true;
            case VType.UInt: v.N = e.Value; return true;
            case VType.Int: v.N = unchecked((long)e.Value); return true;
            case VType.Bool: v.N = e.Value != 0 ? 1 : 0; return true;
            case VType.Double: v.D = BitConverter.UInt64BitsToDouble(e.Value); return true;
            case VType.RelTime: v.N = unchecked((long)e.Value); return true;
            case VType.AbsTime: v.N = (Int128)unchecked((long)e.Value) * 1_000_000_000 + Math.Max(0, e.AuxStart); return true;
            case VType.IPv4:
                v.B = pf.ValueBytes(in e);
                if (v.B.Length < 4) return false;
                v.N = BinaryPrimitives.ReadUInt32BigEndian(v.B);
                return true;
            default:
                v.B = pf.ValueBytes(in e);
                return true;
        }
    }
}

/// <summary>The `frame` protocol: its value is the whole captured frame.</summary>
sealed class FrameOperand : OperandNode
{
    public FrameOperand() { Type = VType.Protocol; }
    public override bool Next(PacketFields pf, ref int cursor, out Val v)
    {
        v = default;
        if (cursor != 0) return false;
        cursor = 1;
        v.B = pf.FrameBytes.Span;
        return true;
    }
}

sealed class ConstOperand : OperandNode
{
    public Int128 N;
    public double D;
    public byte[] B = [];
    /// <summary>CIDR prefix length for IPv4/IPv6 constants, -1 for a full address.</summary>
    public int Prefix = -1;

    public override bool Next(PacketFields pf, ref int cursor, out Val v)
    {
        v = default;
        if (cursor != 0) return false;
        cursor = 1;
        v.N = N; v.D = D; v.B = B;
        return true;
    }
}

readonly record struct SliceRange(int Start, int Count, bool ToEnd, bool EndInclusive, int End);

sealed class SliceOperand : OperandNode
{
    readonly OperandNode _inner;
    readonly SliceRange[] _ranges;
    byte[] _scratch = new byte[64];

    public SliceOperand(OperandNode inner, SliceRange[] ranges) { _inner = inner; _ranges = ranges; Type = VType.Bytes; }

    public override bool Next(PacketFields pf, ref int cursor, out Val v)
    {
        while (_inner.Next(pf, ref cursor, out v))
        {
            var src = v.B;
            if (_ranges.Length == 1)
            {
                if (!Cut(src, _ranges[0], out int s, out int n)) continue;
                v.B = src.Slice(s, n);
                return true;
            }
            int total = 0;
            bool ok = true;
            foreach (var r in _ranges)
            {
                if (!Cut(src, r, out int s, out int n)) { ok = false; break; }
                if (total + n > _scratch.Length) Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, total + n));
                src.Slice(s, n).CopyTo(_scratch.AsSpan(total));
                total += n;
            }
            if (!ok) continue;
            v.B = _scratch.AsSpan(0, total);
            return true;
        }
        return false;
    }

    static bool Cut(ReadOnlySpan<byte> src, in SliceRange r, out int start, out int count)
    {
        int len = src.Length;
        start = r.Start < 0 ? len + r.Start : r.Start;
        count = 0;
        if (start < 0 || start > len) return false;
        if (r.ToEnd) count = len - start;
        else if (r.EndInclusive)
        {
            int end = r.End < 0 ? len + r.End : r.End;
            if (end >= len || end < start) return false;
            count = end - start + 1;
        }
        else
        {
            count = r.Count;
            if ((long)start + count > len) return false;
        }
        return count > 0;
    }
}

sealed class LenOperand : OperandNode
{
    readonly OperandNode _inner;
    public LenOperand(OperandNode inner) { _inner = inner; Type = VType.UInt; }
    public override bool Next(PacketFields pf, ref int cursor, out Val v)
    {
        if (!_inner.Next(pf, ref cursor, out v)) return false;
        v.N = v.B.Length;
        return true;
    }
}

sealed class CountOperand : OperandNode
{
    readonly OperandNode _inner;
    public CountOperand(OperandNode inner) { _inner = inner; Type = VType.UInt; }
    public override bool Next(PacketFields pf, ref int cursor, out Val v)
    {
        v = default;
        if (cursor != 0) return false;
        int c = 0, n = 0;
        while (_inner.Next(pf, ref c, out _)) n++;
        cursor = 1;
        v.N = n;
        // The implicit "exists" of a function argument: no occurrence, no value.
        return n > 0;
    }
}

sealed class CaseOperand : OperandNode
{
    readonly OperandNode _inner;
    readonly bool _upper;
    byte[] _scratch = new byte[64];
    public CaseOperand(OperandNode inner, bool upper) { _inner = inner; _upper = upper; Type = VType.String; }
    public override bool Next(PacketFields pf, ref int cursor, out Val v)
    {
        if (!_inner.Next(pf, ref cursor, out v)) return false;
        var src = v.B;
        if (src.Length > _scratch.Length) Array.Resize(ref _scratch, Math.Max(src.Length, _scratch.Length * 2));
        var dst = _scratch.AsSpan(0, src.Length);
        for (int i = 0; i < src.Length; i++)
        {
            byte b = src[i];
            if (_upper && b is >= (byte)'a' and <= (byte)'z') b -= 32;
            else if (!_upper && b is >= (byte)'A' and <= (byte)'Z') b += 32;
            dst[i] = b;
        }
        v.B = dst;
        return true;
    }
}

/// <summary>string(field): the value as text, as tshark shows it (decimal integers, dotted addresses).</summary>
sealed class StringOperand : OperandNode
{
    readonly OperandNode _inner;
    readonly byte[] _scratch = new byte[128];
    public StringOperand(OperandNode inner) { _inner = inner; Type = VType.String; }
    public override bool Next(PacketFields pf, ref int cursor, out Val v)
    {
        if (!_inner.Next(pf, ref cursor, out v)) return false;
        int n = ValueText.Write(_inner.Type, in v, _scratch);
        v.B = _scratch.AsSpan(0, n);
        return true;
    }
}

static class ValueText
{
    static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    /// <summary>Writes the text form of a value into dst (128 bytes is enough for every type); returns the length.</summary>
    public static int Write(VType t, in Val v, Span<byte> dst)
    {
        int n;
        switch (t)
        {
            case VType.UInt: case VType.Int: case VType.Bool:
                return v.N.TryFormat(dst, out n, default, System.Globalization.CultureInfo.InvariantCulture) ? n : 0;
            case VType.Double:
                return v.D.TryFormat(dst, out n, "R", System.Globalization.CultureInfo.InvariantCulture) ? n : 0;
            case VType.RelTime:
            case VType.AbsTime:
            {
                Int128 ns = v.N;
                int k = 0;
                if (ns < 0) { dst[k++] = (byte)'-'; ns = -ns; }
                Int128 sec = ns / 1_000_000_000, frac = ns % 1_000_000_000;
                sec.TryFormat(dst.Slice(k), out n, default, System.Globalization.CultureInfo.InvariantCulture); k += n;
                dst[k++] = (byte)'.';
                ((long)frac).TryFormat(dst.Slice(k), out n, "D9", System.Globalization.CultureInfo.InvariantCulture); k += n;
                return k;
            }
            case VType.IPv4:
            {
                int k = 0;
                for (int i = 0; i < 4; i++)
                {
                    if (i > 0) dst[k++] = (byte)'.';
                    v.B[i].TryFormat(dst.Slice(k), out n, default, System.Globalization.CultureInfo.InvariantCulture); k += n;
                }
                return k;
            }
            case VType.IPv6:
                return v.B.Length == 16 ? WriteIPv6(v.B, dst) : HexSep(v.B, dst);
            default:
                return HexSep(v.B, dst);
        }
    }

    static int HexSep(ReadOnlySpan<byte> b, Span<byte> dst)
    {
        int k = 0;
        for (int i = 0; i < b.Length && k + 3 <= dst.Length; i++)
        {
            if (i > 0) dst[k++] = (byte)':';
            dst[k++] = Hex[b[i] >> 4]; dst[k++] = Hex[b[i] & 15];
        }
        return k;
    }

    /// <summary>RFC 5952 text (lower case, longest run of two or more zero groups as "::").</summary>
    static int WriteIPv6(ReadOnlySpan<byte> b, Span<byte> dst)
    {
        Span<ushort> g = stackalloc ushort[8];
        for (int i = 0; i < 8; i++) g[i] = BinaryPrimitives.ReadUInt16BigEndian(b.Slice(i * 2));
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8;)
        {
            if (g[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        int k = 0;
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart) { dst[k++] = (byte)':'; if (i == 0) dst[k++] = (byte)':'; i += bestLen - 1; continue; }
            g[i].TryFormat(dst.Slice(k), out int n, "x", System.Globalization.CultureInfo.InvariantCulture); k += n;
            if (i < 7) dst[k++] = (byte)':';
        }
        return k;
    }
}

sealed class PresenceNode(OperandNode operand) : Node
{
    public override bool Eval(PacketFields pf) { int c = 0; return operand.Next(pf, ref c, out _); }
}

sealed class TrueNode : Node { public override bool Eval(PacketFields pf) => true; }

sealed class AndNode(Node l, Node r) : Node { public override bool Eval(PacketFields pf) => l.Eval(pf) && r.Eval(pf); }
sealed class OrNode(Node l, Node r) : Node { public override bool Eval(PacketFields pf) => l.Eval(pf) || r.Eval(pf); }
sealed class XorNode(Node l, Node r) : Node { public override bool Eval(PacketFields pf) => l.Eval(pf) ^ r.Eval(pf); }
sealed class NotNode(Node e) : Node { public override bool Eval(PacketFields pf) => !e.Eval(pf); }

enum Rel : byte { Eq, Ne, Gt, Lt, Ge, Le }

static class Cmp
{
    /// <summary>Three-way comparison by type family; prefix applies a CIDR mask (IPv4/IPv6) to both sides.</summary>
    public static int Compare(VType t, in Val a, in Val b, int prefix)
    {
        switch (t)
        {
            case VType.Double: return a.D.CompareTo(b.D);
            case VType.IPv4:
                if (prefix >= 0)
                {
                    uint mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
                    return ((uint)a.N & mask).CompareTo((uint)b.N & mask);
                }
                return a.N.CompareTo(b.N);
            case VType.IPv6:
                if (prefix >= 0) return ComparePrefix(a.B, b.B, prefix);
                return a.B.SequenceCompareTo(b.B);
            case VType.UInt: case VType.Int: case VType.Bool: case VType.AbsTime: case VType.RelTime:
                return a.N.CompareTo(b.N);
            default:
                return a.B.SequenceCompareTo(b.B);
        }
    }

    static int ComparePrefix(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int bits)
    {
        int full = bits / 8, rest = bits % 8;
        if (a.Length < full || b.Length < full) return a.SequenceCompareTo(b);
        int c = a.Slice(0, full).SequenceCompareTo(b.Slice(0, full));
        if (c != 0 || rest == 0) return c;
        if (a.Length <= full || b.Length <= full) return a.Length.CompareTo(b.Length);
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & mask).CompareTo(b[full] & mask);
    }

    public static bool Test(Rel r, int c) => r switch
    {
        Rel.Eq => c == 0, Rel.Ne => c != 0, Rel.Gt => c > 0, Rel.Lt => c < 0, Rel.Ge => c >= 0, _ => c <= 0,
    };
}

/// <summary>A relation between two operands with any/all semantics over every pair of occurrences.</summary>
sealed class CompareNode(OperandNode left, Rel rel, bool all, OperandNode right, VType type, int prefix) : Node
{
    public override bool Eval(PacketFields pf)
    {
        int lc = 0;
        bool seen = false;
        while (left.Next(pf, ref lc, out var a))
        {
            int rc = 0;
            while (right.Next(pf, ref rc, out var b))
            {
                seen = true;
                bool ok = Cmp.Test(rel, Cmp.Compare(type, in a, in b, prefix));
                if (all) { if (!ok) return false; }
                else if (ok) return true;
            }
        }
        return all && seen;
    }
}

sealed class ContainsNode(OperandNode left, byte[] needle) : Node
{
    public override bool Eval(PacketFields pf)
    {
        int c = 0;
        while (left.Next(pf, ref c, out var a))
            if (a.B.IndexOf(needle) >= 0) return true;
        return false;
    }
}

/// <summary>Field-against-field contains (`http.host contains http.server`).</summary>
sealed class ContainsFieldNode(OperandNode left, OperandNode right) : Node
{
    public override bool Eval(PacketFields pf)
    {
        int c = 0;
        while (left.Next(pf, ref c, out var a))
        {
            int rc = 0;
            while (right.Next(pf, ref rc, out var b))
                if (a.B.IndexOf(b.B) >= 0) return true;
        }
        return false;
    }
}

sealed class MatchesNode(OperandNode left, Regex regex, bool utf8, EvalState state) : Node
{
    char[] _chars = new char[256];

    public override bool Eval(PacketFields pf)
    {
        int c = 0;
        while (left.Next(pf, ref c, out var a))
        {
            var b = a.B;
            int need = utf8 ? Encoding.UTF8.GetMaxCharCount(b.Length) : b.Length;
            if (need > _chars.Length) _chars = new char[Math.Max(need, _chars.Length * 2)];
            int n;
            if (utf8) n = Encoding.UTF8.GetChars(b, _chars);
            else { for (int i = 0; i < b.Length; i++) _chars[i] = (char)b[i]; n = b.Length; }
            try
            {
                if (regex.IsMatch(_chars.AsSpan(0, n))) return true;
            }
            catch (RegexMatchTimeoutException)
            {
                state.RegexTimedOut = true;
                return false;
            }
        }
        return false;
    }
}

readonly record struct SetEntry(ConstOperand Low, ConstOperand? High);

sealed class InNode(OperandNode left, ConstOperand[] lows, ConstOperand?[] highs, VType type) : Node
{
    public override bool Eval(PacketFields pf)
    {
        int c = 0;
        while (left.Next(pf, ref c, out var a))
        {
            for (int i = 0; i < lows.Length; i++)
            {
                int k = 0;
                lows[i].Next(pf, ref k, out var lo);
                var hiNode = highs[i];
                if (hiNode is null)
                {
                    if (Cmp.Compare(type, in a, in lo, lows[i].Prefix) == 0) return true;
                    continue;
                }
                k = 0;
                hiNode.Next(pf, ref k, out var hi);
                if (Cmp.Compare(type, in a, in lo, -1) >= 0 && Cmp.Compare(type, in a, in hi, -1) <= 0) return true;
            }
        }
        return false;
    }
}
