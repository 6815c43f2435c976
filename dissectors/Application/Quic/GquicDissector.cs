using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Application.Quic;

/// <summary>Fields of legacy Google QUIC (Wireshark's "gquic"): only what marking it needs.</summary>
public static class GquicFields
{
    public static readonly ProtocolDef Protocol = new("gquic", "GQUIC (Google Quick UDP Internet Connections)", "GQUIC");

    public static readonly FieldDef PuFlags = new("gquic.puflags", "Public Flags", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef Version = new("gquic.version", "Version", FieldKind.String);
    public static readonly FieldDef Cid = new("gquic.cid", "CID", FieldKind.UInt64);
    public static readonly FieldDef PacketNumber = new("gquic.packet_number", "Packet Number", FieldKind.UInt64);
    public static readonly FieldDef Mah = new("gquic.message_authentication_hash", "Message Authentication Hash", FieldKind.Bytes);
    public static readonly FieldDef FrameType = new("gquic.frame_type", "Frame Type", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef Tag = new("gquic.tag", "Tag", FieldKind.String);

    public static readonly FieldDef[] All = { PuFlags, Version, Cid, PacketNumber, Mah, FrameType, Tag };
}

/// <summary>
/// Recognises gQUIC and marks it (Protocol "GQUIC"): the Q046 long-header form (first byte 0xc?, version "Q04x"),
/// and the older public header (version and 8-byte CID flags, version "Q0xx" after the CID). The header, the
/// message authentication hash and, for an unencrypted handshake STREAM frame, its message tag (CHLO, SHLO, REJ)
/// are shown; nothing else of gQUIC is decoded. A heuristic on "udp.port" (QUIC rejects these on port 443).
/// </summary>
public sealed class GquicDissector : IHeuristicDissector
{
    public ProtocolDef Protocol => GquicFields.Protocol;
    public int Priority => 40;

    public void Register(DissectorTables tables) => tables.Get("udp.port", "UDP port").AddHeuristic(this);

    public bool Accepts(ReadOnlySpan<byte> payload, DissectContext ctx) => Looks(payload);

    static bool IsVersion(ReadOnlySpan<byte> v) => v.Length >= 4 && v[0] == (byte)'Q' && IsDigit(v[1]) && IsDigit(v[2]) && IsDigit(v[3]);
    static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

    /// <summary>Cheap test: a gQUIC version string where either header form puts it.</summary>
    public static bool Looks(ReadOnlySpan<byte> p)
    {
        if (p.Length < 13) return false;
        if ((p[0] & 0x80) != 0) return IsVersion(p.Slice(1));                           // Q046 long header
        return (p[0] & 0x09) == 0x09 && IsVersion(p.Slice(9));                          // version + 8-byte CID flags
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var d = tvb.Span;
        int o = tvb.Offset;
        if (!Looks(d)) return Handoff.Reject;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        if (cols) info.Clear();
        byte b0 = d[0];
        f.AddUInt(GquicFields.PuFlags, o, 1, b0);
        int pos;
        int pnLen;
        ulong cid = 0;
        bool haveCid;
        if ((b0 & 0x80) != 0)
        {
            f.AddBytes(GquicFields.Version, o + 1, 4);
            int dcil = d[5] >> 4;
            pos = 6;
            haveCid = dcil != 0;
            if (haveCid)
            {
                if (d.Length < pos + 8) return Handoff.Truncated("gQUIC connection ID cut short");
                cid = BinaryPrimitives.ReadUInt64BigEndian(d.Slice(pos));
                f.AddUInt(GquicFields.Cid, o + pos, 8, cid);
                pos += 8;
            }
            pnLen = (b0 & 3) + 1;
        }
        else
        {
            haveCid = true;
            cid = BinaryPrimitives.ReadUInt64BigEndian(d.Slice(1));
            f.AddUInt(GquicFields.Cid, o + 1, 8, cid);
            f.AddBytes(GquicFields.Version, o + 9, 4);
            pos = 13;
            pnLen = ((b0 >> 4) & 3) switch { 0 => 1, 1 => 2, 2 => 4, _ => 6 };
        }
        if (d.Length < pos + pnLen) return Handoff.Truncated("gQUIC packet number cut short");
        ulong pn = 0;
        for (int i = 0; i < pnLen; i++) pn = pn << 8 | d[pos + i];
        f.AddUInt(GquicFields.PacketNumber, o + pos, pnLen, pn);
        pos += pnLen;

        string? message = null;
        if (d.Length >= pos + 12)
        {
            f.AddBytes(GquicFields.Mah, o + pos, 12);
            pos += 12;
            message = StreamTag(d, pos, o, f);
        }
        if (cols)
        {
            if (message is not null) info.Append(message).Append(", ");
            info.Append("PKN: ").Append(pn);
            if (haveCid) info.Append(", CID: ").Append(cid);
        }
        return Handoff.Done;
    }

    /// <summary>The first frame, when it is a STREAM frame carrying a handshake message tag.</summary>
    static string? StreamTag(ReadOnlySpan<byte> d, int pos, int o, PacketFields f)
    {
        if (pos >= d.Length) return null;
        byte ft = d[pos];
        f.AddUInt(GquicFields.FrameType, o + pos, 1, ft);
        if ((ft & 0x80) == 0) return null;
        int dataLen = (ft & 0x20) != 0 ? 2 : 0;
        int offLen = ((ft >> 2) & 7) switch { 0 => 0, int n => n + 1 };
        int sidLen = (ft & 3) + 1;
        int tagPos = pos + 1 + sidLen + offLen + dataLen;
        if (tagPos + 4 > d.Length) return null;
        f.AddBytes(GquicFields.Tag, o + tagPos, 4);
        var tag = d.Slice(tagPos, 4);
        if (tag.SequenceEqual("CHLO"u8)) return "Client Hello";
        if (tag.SequenceEqual("SHLO"u8)) return "Server Hello";
        if (tag.SequenceEqual("REJ\0"u8)) return "Rejection";
        return null;
    }
}
