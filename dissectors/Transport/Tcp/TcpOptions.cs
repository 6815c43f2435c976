using System.Buffers.Binary;
using System.Globalization;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Transport.Tcp;

/// <summary>
/// The TCP option list. One walk, run twice per segment: first without recording anything (<c>emit: false</c>) to
/// fill the <see cref="TcpSegment"/> the analysis reads (MSS, window scale, SACK blocks, timestamps), then after the
/// analysis to record the option fields and append the option texts to Info (MSS=, WS=, SACK_PERM, TSval=/TSecr=,
/// SLE=/SRE= relative to the peer's base when analysed, TFO=, ExID=, EE0B=...), in wire order as tshark does.
/// Length rules follow Wireshark: a length below 2 or past the option space is flagged and ends the walk; a fixed-size
/// option with another length is flagged and not decoded; bytes after EOL must be zero.
/// </summary>
internal static class TcpOptions
{
    const byte Eol = 0, Nop = 1, Mss = 2, Ws = 3, SackPerm = 4, Sack = 5, Ts = 8, Md5 = 19, UserTo = 28, Mptcp = 30,
        Tfo = 34, AccEcn0 = 172, AccEcn1 = 174, Exp1 = 253, Exp2 = 254;
    /// <summary>The Protocol column of a segment carrying an MPTCP option (kind 30).</summary>
    public const string MptcpColumn = "MPTCP";
    const ushort ExidTfo = 0xf989, ExidAccEcn0 = 0xacc0, ExidAccEcn1 = 0xacc1;

    /// <summary>Walks <paramref name="declared"/> bytes of options of which <paramref name="opts"/> were captured.
    /// Returns false when the capture ended inside the options (the caller reports the layer as truncated).</summary>
    public static bool Walk(ReadOnlySpan<byte> opts, int declared, int frameOffset, ref TcpSegment seg, DissectContext ctx,
        bool emit, uint sackBase)
    {
        var f = ctx.Fields;
        bool syn = (seg.Flags & TcpSegment.SYN) != 0;
        int nops = 0;
        bool sawMss = false;
        bool complete = true;
        int i = 0;
        while (i < declared)
        {
            if (i >= opts.Length) { complete = false; break; }
            byte kind = opts[i];
            int at = frameOffset + i;
            if (kind == Eol)
            {
                if (emit) Simple(f, TcpFields.OptEol, at, kind);
                nops = 0;
                int rest = Math.Min(declared, opts.Length) - (i + 1);
                if (rest > 0 && opts.Slice(i + 1, rest).IndexOfAnyExcept((byte)0) >= 0)
                {
                    if (emit)
                    {
                        f.AddFlag(TcpFields.NonZeroBytesAfterEol, at + 1, rest, "Non-zero header padding");
                        f.AddFlag(FrameFields.Malformed, at + 1, rest, "Non-zero header padding");
                    }
                    break;
                }
                i++;   // zero padding after EOL reads as further EOLs, as in tshark
                continue;
            }
            if (kind == Nop)
            {
                if (emit)
                {
                    Simple(f, TcpFields.OptNop, at, kind);
                    if (++nops == 4) f.AddFlag(TcpFields.Nop, at, 1, "4 NOP in a row - a router may have removed some options");
                }
                i++;
                continue;
            }
            nops = 0;
            if (kind == Mss) sawMss = true;
            if (i + 1 >= declared)
            {
                if (emit) f.AddFlag(TcpFields.OptionLenInvalid, at, 1, f.WantsAll ? Name(kind) + " (option length byte past end of options)" : null);
                break;
            }
            if (i + 1 >= opts.Length) { complete = false; break; }
            int olen = opts[i + 1];
            if (olen < 2)
            {
                if (emit)
                    f.AddFlag(TcpFields.OptionLenInvalid, at, 2, f.WantsAll
                        ? Name(kind) + " (with too-short option length = " + olen.ToString(CultureInfo.InvariantCulture) + (olen == 1 ? " byte)" : " bytes)")
                        : null);
                break;
            }
            if (i + olen > declared)
            {
                if (emit)
                    f.AddFlag(TcpFields.OptionLenInvalid, at, declared - i, f.WantsAll
                        ? Name(kind) + " (option length = " + olen.ToString(CultureInfo.InvariantCulture) + " bytes says option goes past end of options)"
                        : null);
                break;
            }
            if (i + olen > opts.Length) { complete = false; break; }
            Option(opts.Slice(i, olen), kind, at, ref seg, ctx, emit, syn, sackBase);
            i += olen;
        }
        if (emit && syn && !sawMss && declared > 0 && complete)
            f.AddFlag(TcpFields.MssAbsent, frameOffset, Math.Min(declared, opts.Length), "The SYN packet does not contain a MSS option");
        return complete;
    }

    static void Option(ReadOnlySpan<byte> o, byte kind, int at, ref TcpSegment seg, DissectContext ctx, bool emit, bool syn, uint sackBase)
    {
        var f = ctx.Fields;
        var info = ctx.Columns.Info;
        bool cols = emit && ctx.WantColumns;
        int olen = o.Length;
        int t;
        switch (kind)
        {
            case Mss:
                if (!emit) { if (olen == 4) seg.Mss = BinaryPrimitives.ReadUInt16BigEndian(o.Slice(2)); return; }
                t = f.BeginTree(TcpFields.OptMss, at, olen);
                if (!syn) f.AddFlag(TcpFields.MssPresent, at, olen, "The non-SYN packet does contain a MSS option");
                if (KindLen(f, at, kind, olen, 4))
                {
                    ushort mss = BinaryPrimitives.ReadUInt16BigEndian(o.Slice(2));
                    f.AddUInt(TcpFields.MssVal, at + 2, 2, mss);
                    if (cols) info.Append(" MSS=").Append((ulong)mss);
                }
                f.EndTree(t);
                return;

            case Ws:
                if (!emit) { if (olen == 3) seg.WindowScale = o[2]; return; }
                t = f.BeginTree(TcpFields.OptWscale, at, olen);
                if (KindLen(f, at, kind, olen, 3))
                {
                    byte shift = o[2];
                    f.AddUInt(TcpFields.WscaleShift, at + 2, 1, shift);
                    if (shift > 14) f.AddFlag(TcpFields.WscaleShiftInvalid, at + 2, 1, "Window scale shift exceeds 14");
                    uint mult = 1u << Math.Min((int)shift, 14);
                    f.AddUInt(TcpFields.WscaleMultiplier, at + 2, 1, mult);
                    if (cols) info.Append(" WS=").Append((ulong)mult);
                }
                f.EndTree(t);
                return;

            case SackPerm:
                // tshark shows SACK_PERM even when the length is wrong (unlike the other fixed-size options).
                if (!emit) { seg.SackPermitted = true; return; }
                t = f.BeginTree(TcpFields.OptSackPerm, at, olen);
                KindLen(f, at, kind, olen, 2);
                if (cols) info.Append(" SACK_PERM");
                f.EndTree(t);
                return;

            case Sack:
                SackOption(o, at, ref seg, ctx, emit, sackBase);
                return;

            case Ts:
                if (!emit)
                {
                    if (olen == 10)
                    {
                        seg.HasTimestamp = true;
                        seg.TsVal = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(2));
                        seg.TsEcr = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(6));
                    }
                    return;
                }
                t = f.BeginTree(TcpFields.OptTimestamp, at, olen);
                if (KindLen(f, at, kind, olen, 10))
                {
                    uint tsval = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(2)), tsecr = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(6));
                    f.AddUInt(TcpFields.TsVal, at + 2, 4, tsval);
                    f.AddUInt(TcpFields.TsEcr, at + 6, 4, tsecr);
                    if (cols) info.Append(" TSval=").Append((ulong)tsval).Append(" TSecr=").Append((ulong)tsecr);
                }
                f.EndTree(t);
                return;

            case Md5:
                if (!emit) return;
                t = f.BeginTree(TcpFields.OptMd5, at, olen);
                if (KindLen(f, at, kind, olen, 18))
                {
                    f.AddBytes(TcpFields.Md5Digest, at + 2, 16);
                    if (cols) info.Append(" MD5");
                }
                f.EndTree(t);
                return;

            case UserTo:
                if (!emit) return;
                t = f.BeginTree(TcpFields.OptUserTo, at, olen);
                if (KindLen(f, at, kind, olen, 4))
                {
                    ushort v = BinaryPrimitives.ReadUInt16BigEndian(o.Slice(2));
                    f.AddBool(TcpFields.UserToGranularity, at + 2, 2, (v & 0x8000) != 0);
                    f.AddUInt(TcpFields.UserToVal, at + 2, 2, (ulong)(v & 0x7fff));
                    if (cols) info.Append(" USER_TO=").Append((ulong)(v & 0x7fff));
                }
                f.EndTree(t);
                return;

            case Mptcp:
                // Multipath TCP is its own protocol in Wireshark; only the option header and subtype are shown here.
                if (!emit) return;
                // tshark sets the Protocol column to "MPTCP" whenever it dissects an MPTCP option (a payload
                // dissector after TCP still overrides it); a frozen column (ICMP error quote) ignores the write.
                ctx.Columns.Protocol = MptcpColumn;
                f.AddUInt(TcpFields.OptionKind, at, 1, kind);
                f.AddUInt(TcpFields.OptionLen, at + 1, 1, (ulong)olen);
                if (olen >= 3)
                {
                    f.AddUInt(TcpFields.MptcpSubtype, at + 2, 1, (ulong)(o[2] >> 4));
                    if (o[2] >> 4 == 0) f.AddUInt(TcpFields.MptcpVersion, at + 2, 1, (ulong)(o[2] & 0x0f));
                }
                return;

            case Tfo:
                if (!emit) return;
                t = f.BeginTree(TcpFields.OptTfo, at, olen);
                KindLen(f, at, kind, olen, 0);
                FastOpen(f, info, cols, at, olen, 2);
                f.EndTree(t);
                return;

            case AccEcn0:
            case AccEcn1:
                if (!emit) return;
                t = f.BeginTree(TcpFields.OptAccEcn, at, olen);
                KindLen(f, at, kind, olen, 0);
                AccurateEcn(o.Slice(2), at + 2, kind == AccEcn1, f, info, cols);
                f.EndTree(t);
                return;

            case Exp1:
            case Exp2:
                if (!emit) return;
                t = f.BeginTree(TcpFields.OptExperimental, at, olen);
                f.AddUInt(TcpFields.OptionKind, at, 1, kind);
                f.AddUInt(TcpFields.OptionLen, at + 1, 1, (ulong)olen);
                if (olen < 4)
                {
                    f.AddFlag(TcpFields.OptionLenInvalid, at + 1, 1,
                        f.WantsAll ? "option length " + olen.ToString(CultureInfo.InvariantCulture) + " smaller than 4" : null);
                }
                else
                {
                    ushort exid = BinaryPrimitives.ReadUInt16BigEndian(o.Slice(2));
                    f.AddUInt(TcpFields.ExperimentalExid, at + 2, 2, exid);
                    if (exid == ExidTfo) FastOpen(f, info, cols, at, olen, 4);
                    else if (exid is ExidAccEcn0 or ExidAccEcn1) AccurateEcn(o.Slice(4), at + 4, exid == ExidAccEcn1, f, info, cols);
                    else
                    {
                        if (olen > 4) f.AddBytes(TcpFields.ExperimentalData, at + 4, olen - 4);
                        if (cols)
                        {
                            Span<char> hex = stackalloc char[4];
                            exid.TryFormat(hex, out int n, "X", CultureInfo.InvariantCulture);
                            info.Append(" ExID=").Append(hex.Slice(0, n));
                        }
                    }
                }
                f.EndTree(t);
                return;

            default:
                if (!emit) return;
                t = f.BeginTree(TcpFields.OptUnknown, at, olen);
                f.AddUInt(TcpFields.OptionKind, at, 1, kind);
                f.AddUInt(TcpFields.OptionLen, at + 1, 1, (ulong)olen);
                if (olen > 2) f.AddBytes(TcpFields.UnknownPayload, at + 2, olen - 2);
                f.EndTree(t);
                return;
        }
    }

    static void SackOption(ReadOnlySpan<byte> o, int at, ref TcpSegment seg, DissectContext ctx, bool emit, uint sackBase)
    {
        int olen = o.Length;
        int blocks = (olen - 2) / 8;
        if (!emit)
        {
            int n = Math.Min(blocks, 4);
            for (int b = 0; b < n; b++)
            {
                seg.Sack[2 * b] = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(2 + 8 * b));
                seg.Sack[2 * b + 1] = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(6 + 8 * b));
            }
            seg.SackBlockCount = n;
            return;
        }
        var f = ctx.Fields;
        var info = ctx.Columns.Info;
        bool cols = ctx.WantColumns;
        int t = f.BeginTree(TcpFields.OptSack, at, olen);
        f.AddUInt(TcpFields.OptionKind, at, 1, Sack);
        f.AddUInt(TcpFields.OptionLen, at + 1, 1, (ulong)olen);
        for (int b = 0; b < blocks; b++)
        {
            uint le = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(2 + 8 * b)) - sackBase;
            uint re = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(6 + 8 * b)) - sackBase;
            f.AddUInt(TcpFields.SackLe, at + 2 + 8 * b, 4, le);
            f.AddUInt(TcpFields.SackRe, at + 6 + 8 * b, 4, re);
            if (cols) info.Append(" SLE=").Append((ulong)le).Append(" SRE=").Append((ulong)re);
        }
        int leftover = (olen - 2) % 8;
        if (leftover != 0)
        {
            f.AddFlag(TcpFields.SuboptionMalformed, at + 2 + 8 * blocks, leftover, "suboption would go past end of option");
            f.AddFlag(FrameFields.Malformed, at + 2 + 8 * blocks, leftover, "suboption would go past end of option");
        }
        f.AddUInt(TcpFields.SackCount, at, olen, (ulong)blocks);
        if (blocks > 0)
        {
            // RFC 2883: the first block reports a duplicate when it lies below the cumulative ACK or inside the second.
            uint le1 = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(2)), re1 = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(6));
            bool dsack = (int)(le1 - seg.Ack) < 0;
            if (!dsack && blocks > 1)
            {
                uint le2 = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(10)), re2 = BinaryPrimitives.ReadUInt32BigEndian(o.Slice(14));
                dsack = (int)(le1 - le2) >= 0 && (int)(re2 - re1) >= 0;
            }
            if (dsack)
            {
                f.AddUInt(TcpFields.DsackLe, at + 2, 4, le1 - sackBase);
                f.AddUInt(TcpFields.DsackRe, at + 6, 4, re1 - sackBase);
                f.AddFlag(TcpFields.Dsack, at + 2, 8, "D-SACK Sequence");
            }
        }
        f.EndTree(t);
    }

    /// <summary>TCP Fast Open (kind 34, or experimental with ExID 0xF989): a bare option asks for a cookie.</summary>
    static void FastOpen(PacketFields f, TextColumn info, bool cols, int at, int olen, int header)
    {
        if (olen == header)
        {
            f.AddFlag(TcpFields.TfoRequest, at, olen);
            if (cols) info.Append(" TFO=R");
        }
        else
        {
            f.AddBytes(TcpFields.TfoCookie, at + header, olen - header);
            if (cols) info.Append(" TFO=C");
        }
    }

    /// <summary>Accurate ECN byte counters (3 bytes each); order 1 lists them EE1B, ECEB, EE0B.</summary>
    static void AccurateEcn(ReadOnlySpan<byte> body, int at, bool order1, PacketFields f, TextColumn info, bool cols)
    {
        int n = Math.Min(body.Length / 3, 3);
        for (int k = 0; k < n; k++)
        {
            uint v = (uint)(body[3 * k] << 16 | body[3 * k + 1] << 8 | body[3 * k + 2]);
            FieldDef def; string label;
            if (k == 1) { def = TcpFields.AccEcnEceb; label = " ECEB="; }
            else if ((k == 0) != order1) { def = TcpFields.AccEcnEe0b; label = " EE0B="; }
            else { def = TcpFields.AccEcnEe1b; label = " EE1B="; }
            f.AddUInt(def, at + 3 * k, 3, v);
            if (cols) info.Append(label).Append((ulong)v);
        }
    }

    static void Simple(PacketFields f, FieldDef def, int at, byte kind)
    {
        int t = f.BeginTree(def, at, 1);
        f.AddUInt(TcpFields.OptionKind, at, 1, kind);
        f.EndTree(t);
    }

    /// <summary>Adds kind and length; for a fixed-size option (<paramref name="expected"/> &gt; 0) flags another
    /// length and returns false (the option is then not decoded).</summary>
    static bool KindLen(PacketFields f, int at, byte kind, int olen, int expected)
    {
        f.AddUInt(TcpFields.OptionKind, at, 1, kind);
        f.AddUInt(TcpFields.OptionLen, at + 1, 1, (ulong)olen);
        if (expected == 0 || olen == expected) return true;
        f.AddFlag(TcpFields.OptionLenInvalid, at + 1, 1,
            f.WantsAll ? "option length should be " + expected.ToString(CultureInfo.InvariantCulture) : null);
        return false;
    }

    static string Name(byte kind) => kind switch
    {
        Mss => "Maximum segment size", Ws => "Window scale", SackPerm => "SACK permitted", Sack => "SACK", Ts => "Timestamps",
        Md5 => "TCP MD5 signature", UserTo => "User Timeout", Mptcp => "Multipath TCP", Tfo => "TCP Fast Open",
        AccEcn0 or AccEcn1 => "Accurate ECN", Exp1 or Exp2 => "Experimental", _ => "Unknown",
    };
}
