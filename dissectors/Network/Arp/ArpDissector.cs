using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Network.Arp;

/// <summary>
/// ARP and RARP (ethertypes 0x0806 and 0x8035), any hardware and protocol address sizes. Ethernet/IEEE 802
/// hardware addresses of 6 bytes and IPv4 protocol addresses of 4 bytes get typed fields (arp.src.hw_mac,
/// arp.src.proto_ipv4 …); other sizes are shown as bytes. The Info column reads like tshark's ("Who has 10.0.0.2?
/// Tell 10.0.0.1", "10.0.0.2 is at 02:00:00:00:00:02", "ARP Announcement for …", RARP "Who is …").
/// </summary>
public sealed class ArpDissector : IDissector
{
    /// <summary>Wireshark shows at most this many bytes of a non-standard address in the Info column.</summary>
    const int MaxInfoBytes = 36;

    public ProtocolDef Protocol => ArpFields.Protocol;

    public void Register(DissectorTables tables)
    {
        var ethertype = tables.Get("ethertype", "Ethertype");
        ethertype.Add(0x0806, this);
        ethertype.Add(0x8035, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        bool cols = ctx.WantColumns;
        if (cols) ctx.Columns.Info.Clear();
        if (!ArpHeader.TryCreate(tvb.Span, out var h))
            return Handoff.Stop(tvb.Reported >= ArpHeader.FixedLength ? ReadStatus.Truncated : ReadStatus.Malformed, "ARP header needs 8 bytes");
        var f = ctx.Fields;
        int o = tvb.Offset;
        ushort op = h.Opcode;
        f.AddUInt(ArpFields.HwType, o, 2, h.HwType);
        f.AddUInt(ArpFields.ProtoType, o + 2, 2, h.ProtoType);
        f.AddUInt(ArpFields.HwSize, o + 4, 1, h.HwSize);
        f.AddUInt(ArpFields.ProtoSize, o + 5, 1, h.ProtoSize);
        f.AddUInt(ArpFields.Opcode, o + 6, 2, op);
        int total = h.TotalLength;
        if (!h.HasAddresses)
            return Handoff.Stop(tvb.Reported >= total ? ReadStatus.Truncated : ReadStatus.Malformed,
                "ARP addresses run past the end of the packet");

        if (cols)
        {
            string? proto = op switch
            {
                3 or 4 => "RARP",
                5 or 6 or 7 => "DRARP",
                8 or 9 => "Inverse ARP",
                >= 11 and <= 22 => "MARS",
                23 => "MAPOS",
                _ => null,
            };
            if (proto is not null) ctx.Columns.Protocol = proto;
        }

        // Gratuitous: request or reply whose sender and target protocol addresses are equal. Announcement: a
        // gratuitous request with an all-zero target MAC. Probe: request, zero target MAC, zero sender IPv4.
        bool gratuitous = false, announcement = false, probe = false;
        if (op is 1 or 2)
        {
            bool zeroTha = IsZero(h.From(h.TargetHwOffset), 6);
            if (h.SenderProto.SequenceEqual(h.TargetProto))
            {
                gratuitous = true;
                announcement = op == 1 && zeroTha;
            }
            else probe = op == 1 && zeroTha && IsZero(h.From(h.SenderProtoOffset), 4);
        }
        if (cols) Info(ctx.Columns.Info, h, op, gratuitous, announcement, probe);

        if (gratuitous) f.AddBool(ArpFields.IsGratuitous, o, 0, true);
        if (probe) f.AddBool(ArpFields.IsProbe, o, 0, true);
        if (announcement) f.AddBool(ArpFields.IsAnnouncement, o, 0, true);
        bool mac = h.HwIsEther, ipv4 = h.ProtoIsIPv4;
        int hs = h.HwSize, ps = h.ProtoSize;
        if (hs != 0) f.AddBytes(mac ? ArpFields.SrcHwMac : ArpFields.SrcHw, o + h.SenderHwOffset, hs);
        if (ps != 0) f.AddBytes(ipv4 ? ArpFields.SrcProtoIPv4 : ArpFields.SrcProto, o + h.SenderProtoOffset, ps);
        if (hs != 0) f.AddBytes(mac ? ArpFields.DstHwMac : ArpFields.DstHw, o + h.TargetHwOffset, hs);
        if (ps != 0)
        {
            if (op == 7) f.AddUInt(ArpFields.DrarpErrorStatus, o + h.TargetProtoOffset, 1, h.TargetProto[0]);
            else f.AddBytes(ipv4 ? ArpFields.DstProtoIPv4 : ArpFields.DstProto, o + h.TargetProtoOffset, ps);
        }
        return Handoff.Done;
    }

    static bool IsZero(ReadOnlySpan<byte> b, int n) => b.Length >= n && b.Slice(0, n).IndexOfAnyExcept((byte)0) < 0;

    static void Info(TextColumn info, in ArpHeader h, ushort op, bool gratuitous, bool announcement, bool probe)
    {
        switch (op)
        {
            case 1:
                if (announcement) Proto(info.Append("ARP Announcement for "), h, h.TargetProto);
                else if (gratuitous) Proto(info.Append("Gratuitous ARP for "), h, h.TargetProto).Append(" (Request)");
                else if (probe) Proto(info.Append("Who has "), h, h.TargetProto).Append("? (ARP Probe)");
                else Proto(Proto(info.Append("Who has "), h, h.TargetProto).Append("? Tell "), h, h.SenderProto);
                break;
            case 2:
                if (gratuitous) Proto(info.Append("Gratuitous ARP for "), h, h.SenderProto).Append(" (Reply)");
                else Hw(Proto(info, h, h.SenderProto).Append(" is at "), h, h.SenderHw);
                break;
            case 3: case 5: case 8:
                Hw(Hw(info.Append("Who is "), h, h.TargetHw).Append("? Tell "), h, h.SenderHw);
                break;
            case 4: case 6:
                Proto(Hw(info, h, h.TargetHw).Append(" is at "), h, h.TargetProto);
                break;
            case 7:
                info.Append("DRARP Error");
                break;
            case 9:
                Proto(Hw(info, h, h.SenderHw).Append(" is at "), h, h.SenderProto);
                break;
            case 10:
                info.Append("ARP NAK");
                break;
            case >= 11 and <= 23:
                Proto(Hw(info.Append(MarsText(op)).Append(" from "), h, h.SenderHw).Append(" at "), h, h.SenderProto);
                break;
            case 24: case 25:
                info.Append(op == 24 ? "Experimental 1 ( opcode " : "Experimental 2 ( opcode ").Append((ulong)op).Append(" )");
                break;
            case 0: case 65535:
                info.Append("Reserved opcode ").Append((ulong)op);
                break;
            default:
                info.Append("Unknown ARP opcode ").AppendHex(op, 4);
                break;
        }
    }

    static string MarsText(ushort op) => op switch
    {
        11 => "MARS request",
        12 => "MARS MULTI request",
        13 => "MARS MSERV request",
        14 => "MARS JOIN request",
        15 => "MARS LEAVE",
        16 => "MARS NAK",
        17 => "MARS UNSERV request",
        18 => "MARS SJOIN request",
        19 => "MARS SLEAVE",
        20 => "MARS grouplist request",
        21 => "MARS grouplist reply",
        22 => "MARS redirect map",
        _ => "MAPOS UNARP request",
    };

    /// <summary>A protocol address as Wireshark's tvb_arpproaddr_to_str prints it.</summary>
    static TextColumn Proto(TextColumn info, in ArpHeader h, ReadOnlySpan<byte> a)
    {
        if (a.IsEmpty) return info.Append("<No address>");
        if (h.ProtoIsIPv4) return info.AppendAddress(Address.From(AddressKind.IPv4, a));
        return HexBytes(info, a);
    }

    /// <summary>A hardware address as Wireshark's tvb_arphrdaddr_to_str prints it.</summary>
    static TextColumn Hw(TextColumn info, in ArpHeader h, ReadOnlySpan<byte> a)
    {
        if (a.IsEmpty) return info.Append("<No address>");
        if (h.HwIsEther) return info.AppendAddress(Address.From(AddressKind.Ether, a));
        return HexBytes(info, a);
    }

    static TextColumn HexBytes(TextColumn info, ReadOnlySpan<byte> a)
    {
        const string digits = "0123456789abcdef";
        int n = Math.Min(a.Length, MaxInfoBytes);
        for (int i = 0; i < n; i++) info.Append(digits[a[i] >> 4]).Append(digits[a[i] & 15]);
        if (a.Length > MaxInfoBytes) info.Append('\u2026');
        return info;
    }
}
