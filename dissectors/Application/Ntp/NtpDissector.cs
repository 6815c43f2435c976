using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Application.Ntp;

/// <summary>
/// NTP (RFC 5905, udp.port 123): flags (leap indicator, version, mode), stratum, poll, precision, root delay and
/// dispersion (raw, as tshark's -T fields prints them), reference id and the four timestamps (NTP era 0 when the top
/// bit of the seconds is set, era 1 otherwise; an all-zero timestamp is tshark's "NULL", recorded as 1900-01-01),
/// then extension fields and the key id / MAC. Mode 6 (control) and mode 7 (ntpd private) messages get their
/// headers. Info as tshark 4.0: "NTP Version 4, client", "NTP Version 2, private, Request, MON_GETLIST_1".
/// </summary>
public sealed class NtpDissector : IDissector
{
    public const ushort Port = 123;
    const int HeaderLength = 48;
    /// <summary>Seconds from 1900-01-01 (NTP era 0) to 1970-01-01.</summary>
    public const long NtpToUnix = 2208988800;

    public ProtocolDef Protocol => NtpFields.Protocol;

    public void Register(DissectorTables tables) => tables.Get("udp.port", "UDP port").Add(Port, this);

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        if (d.Length < 1) return Cut(reported, 1);
        byte flags = d[0];
        int vn = (flags >> 3) & 7, mode = flags & 7;
        if (ctx.WantColumns)
        {
            var info = ctx.Columns.Info;
            info.Append("NTP Version ").Append((ulong)vn).Append(", ").Append(NtpFields.InfoModeNames[mode]);
            if (mode == 7 && d.Length >= 4)
            {
                info.Append((flags & 0x80) != 0 ? ", Response, " : ", Request, ");
                if (NtpFields.ReqCodeNames.TryGetValue(d[3], out var rc)) info.Append(rc);
                else info.Append("Unknown (").Append((ulong)d[3]).Append(')');
            }
        }
        return mode switch
        {
            6 => Control(d, o, reported, f, flags),
            7 => Private(d, o, reported, f, flags),
            _ => Packet(d, o, reported, f, flags),
        };
    }

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("NTP message cut by the capture length")
                              : Handoff.Malformed("NTP message shorter than its header");

    static void AddFlags(PacketFields f, int o, byte flags)
    {
        int t = f.BeginTree(NtpFields.Flags, o, 1, flags);
        f.AddUInt(NtpFields.FlagLi, o, 1, (ulong)(flags >> 6));
        f.AddUInt(NtpFields.FlagVn, o, 1, (ulong)((flags >> 3) & 7));
        f.AddUInt(NtpFields.FlagMode, o, 1, (ulong)(flags & 7));
        f.EndTree(t);
    }

    static Handoff Packet(ReadOnlySpan<byte> d, int o, int reported, PacketFields f, byte flags)
    {
        AddFlags(f, o, flags);
        if (d.Length < 2) return Cut(reported, 2);
        f.AddUInt(NtpFields.Stratum, o + 1, 1, d[1]);
        if (d.Length < 3) return Cut(reported, 3);
        f.AddUInt(NtpFields.Ppoll, o + 2, 1, d[2]);
        if (d.Length < 4) return Cut(reported, 4);
        f.AddUInt(NtpFields.Precision, o + 3, 1, d[3]);
        if (d.Length < 8) return Cut(reported, 8);
        f.AddUInt(NtpFields.RootDelay, o + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(d.Slice(4)));
        if (d.Length < 12) return Cut(reported, 12);
        f.AddUInt(NtpFields.RootDispersion, o + 8, 4, BinaryPrimitives.ReadUInt32BigEndian(d.Slice(8)));
        if (d.Length < 16) return Cut(reported, 16);
        f.AddBytes(NtpFields.RefId, o + 12, 4);
        ReadOnlySpan<FieldDef> stamps = [NtpFields.RefTime, NtpFields.Org, NtpFields.Rec, NtpFields.Xmt];
        for (int i = 0; i < 4; i++)
        {
            int at = 16 + 8 * i;
            if (d.Length < at + 8) return Cut(reported, at + 8);
            f.AddTime(stamps[i], o + at, 8, ToTimestamp(BinaryPrimitives.ReadUInt32BigEndian(d.Slice(at)), BinaryPrimitives.ReadUInt32BigEndian(d.Slice(at + 4))));
        }

        // Extension fields (RFC 7822) while more than a MAC remains, then the key id and MAC.
        int pos = HeaderLength;
        while (reported - pos > 24)
        {
            if (d.Length < pos + 4) return Cut(reported, pos + 4);
            int len = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2));
            if (len < 4 || pos + len > reported) break;
            int t = f.BeginTree(NtpFields.Ext, o + pos, len);
            f.AddUInt(NtpFields.ExtType, o + pos, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos)));
            f.AddUInt(NtpFields.ExtLength, o + pos + 2, 2, (ulong)len);
            if (len > 4) f.AddBytes(NtpFields.ExtValue, o + pos + 4, len - 4);
            f.EndTree(t);
            if (d.Length < pos + len) return Cut(reported, pos + len);
            pos += len;
        }
        int rest = reported - pos;
        if (rest >= 4)
        {
            if (d.Length < pos + 4) return Cut(reported, pos + 4);
            f.AddBytes(NtpFields.KeyId, o + pos, 4);
            if (rest > 4)
            {
                f.AddBytes(NtpFields.Mac, o + pos + 4, rest - 4);
                if (d.Length < reported) return Cut(reported, reported);
            }
        }
        return Handoff.Done;
    }

    /// <summary>An NTP timestamp as Unix time: era 0 (1900–2036) when the seconds' top bit is set, else era 1; the
    /// fraction truncated to nanoseconds as tshark does. All zero is "NULL" (kept as 1900-01-01 00:00:00).</summary>
    public static Timestamp ToTimestamp(uint seconds, uint fraction)
    {
        uint ns = (uint)(((ulong)fraction * 1_000_000_000UL) >> 32);
        if (seconds == 0 && ns == 0) return new Timestamp(-NtpToUnix, 0);
        long s = (seconds & 0x80000000) != 0 ? seconds - NtpToUnix : seconds + 0x1_0000_0000L - NtpToUnix;
        return new Timestamp(s, ns);
    }

    static Handoff Control(ReadOnlySpan<byte> d, int o, int reported, PacketFields f, byte flags)
    {
        AddFlags(f, o, flags);
        if (d.Length < 2) return Cut(reported, 2);
        byte f2 = d[1];
        int t = f.BeginTree(NtpFields.CtrlFlags2, o + 1, 1, f2);
        f.AddUInt(NtpFields.CtrlR, o + 1, 1, (ulong)(f2 >> 7));
        f.AddUInt(NtpFields.CtrlError, o + 1, 1, (ulong)((f2 >> 6) & 1));
        f.AddUInt(NtpFields.CtrlMore, o + 1, 1, (ulong)((f2 >> 5) & 1));
        f.AddUInt(NtpFields.CtrlOpcode, o + 1, 1, (ulong)(f2 & 0x1F));
        f.EndTree(t);
        ReadOnlySpan<FieldDef> words = [NtpFields.CtrlSequence, NtpFields.CtrlStatus, NtpFields.CtrlAssocId, NtpFields.CtrlOffset, NtpFields.CtrlCount];
        for (int i = 0; i < words.Length; i++)
        {
            int at = 2 + 2 * i;
            if (d.Length < at + 2) return Cut(reported, at + 2);
            f.AddUInt(words[i], o + at, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(at)));
        }
        int count = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(10));
        if (count > 0) f.AddFlag(NtpFields.CtrlData, o + 12, Math.Min(count, Math.Max(0, d.Length - 12)));
        return Handoff.Done;
    }

    static Handoff Private(ReadOnlySpan<byte> d, int o, int reported, PacketFields f, byte flags)
    {
        int t = f.BeginTree(NtpFields.Flags, o, 1, flags);
        f.AddUInt(NtpFields.PrivR, o, 1, (ulong)(flags >> 7));
        f.AddUInt(NtpFields.PrivMore, o, 1, (ulong)((flags >> 6) & 1));
        f.AddUInt(NtpFields.FlagVn, o, 1, (ulong)((flags >> 3) & 7));
        f.AddUInt(NtpFields.FlagMode, o, 1, (ulong)(flags & 7));
        f.EndTree(t);
        if (d.Length < 2) return Cut(reported, 2);
        int ta = f.BeginTree(NtpFields.PrivAuthSeq, o + 1, 1, d[1]);
        f.AddUInt(NtpFields.PrivAuth, o + 1, 1, (ulong)(d[1] >> 7));
        f.AddUInt(NtpFields.PrivSeq, o + 1, 1, (ulong)(d[1] & 0x7F));
        f.EndTree(ta);
        if (d.Length < 3) return Cut(reported, 3);
        f.AddUInt(NtpFields.PrivImpl, o + 2, 1, d[2]);
        if (d.Length < 4) return Cut(reported, 4);
        f.AddUInt(NtpFields.PrivReqCode, o + 3, 1, d[3]);
        if (d.Length < 6) return Cut(reported, 6);
        ushort w = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(4));
        f.AddUInt(NtpFields.PrivErr, o + 4, 1, (ulong)(w >> 12));
        f.AddUInt(NtpFields.PrivNumItems, o + 4, 2, (ulong)(w & 0x0FFF));
        if (d.Length < 8) return Cut(reported, 8);
        ushort w2 = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(6));
        f.AddUInt(NtpFields.PrivReserved, o + 6, 1, (ulong)(w2 >> 12));
        f.AddUInt(NtpFields.PrivItemSize, o + 6, 2, (ulong)(w2 & 0x0FFF));
        return Handoff.Done;
    }
}
