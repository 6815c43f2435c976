using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Dhcpv6;

/// <summary>DHCPv6 (RFC 8415) fields with tshark 4.0's abbrevs.</summary>
public static class Dhcpv6Fields
{
    public static readonly ProtocolDef Protocol = new("dhcpv6", "DHCPv6", "DHCPv6");

    public static readonly Dictionary<ulong, string> MsgTypeNames = new()
    {
        [1] = "Solicit", [2] = "Advertise", [3] = "Request", [4] = "Confirm", [5] = "Renew", [6] = "Rebind", [7] = "Reply",
        [8] = "Release", [9] = "Decline", [10] = "Reconfigure", [11] = "Information-request", [12] = "Relay-forw",
        [13] = "Relay-reply", [14] = "Leasequery", [15] = "Leasequery-reply", [16] = "Leasequery-done",
        [17] = "Leasequery-data", [18] = "Reconfigure-request", [19] = "Reconfigure-reply", [20] = "DHCPv4-query",
        [21] = "DHCPv4-response",
    };
    public static readonly Dictionary<ulong, string> OptionNames = new()
    {
        [1] = "Client Identifier", [2] = "Server Identifier", [3] = "Identity Association for Non-temporary Address",
        [4] = "Identity Association for Temporary Address", [5] = "IA Address", [6] = "Option Request", [7] = "Preference",
        [8] = "Elapsed time", [9] = "Relay Message", [11] = "Authentication", [12] = "Server unicast", [13] = "Status code",
        [14] = "Rapid Commit", [15] = "User Class", [16] = "Vendor Class", [17] = "Vendor-specific Information",
        [18] = "Interface-Id", [19] = "Reconfigure Message", [20] = "Reconfigure Accept", [23] = "DNS recursive name server",
        [24] = "Domain Search List", [25] = "Identity Association for Prefix Delegation", [26] = "IA Prefix",
        [39] = "Fully Qualified Domain Name",
    };
    public static readonly Dictionary<ulong, string> DuidTypeNames = new()
    {
        [1] = "link-layer address plus time", [2] = "assigned by vendor based on Enterprise number", [3] = "link-layer address",
        [4] = "Universally Unique IDentifier (UUID)",
    };

    public static readonly FieldDef MsgType = new("dhcpv6.msgtype", "Message type", FieldKind.UInt8, valueNames: MsgTypeNames);
    public static readonly FieldDef HopCount = new("dhcpv6.hopcount", "Hopcount", FieldKind.UInt8);
    public static readonly FieldDef Xid = new("dhcpv6.xid", "Transaction ID", FieldKind.UInt24, FieldBase.Hex);
    public static readonly FieldDef LinkAddr = new("dhcpv6.linkaddr", "Link address", FieldKind.IPv6);
    public static readonly FieldDef PeerAddr = new("dhcpv6.peeraddr", "Peer address", FieldKind.IPv6);
    public static readonly FieldDef OptionType = new("dhcpv6.option.type", "Option", FieldKind.UInt16, valueNames: OptionNames);
    public static readonly FieldDef OptionLength = new("dhcpv6.option.length", "Length", FieldKind.UInt16);
    public static readonly FieldDef DuidBytes = new("dhcpv6.duid.bytes", "DUID", FieldKind.Bytes);
    public static readonly FieldDef DuidType = new("dhcpv6.duid.type", "DUID Type", FieldKind.UInt16, valueNames: DuidTypeNames);
    public static readonly FieldDef Iaid = new("dhcpv6.iaid", "IAID", FieldKind.String);
    public static readonly FieldDef IaidT1 = new("dhcpv6.iaid.t1", "T1", FieldKind.UInt32);
    public static readonly FieldDef IaidT2 = new("dhcpv6.iaid.t2", "T2", FieldKind.UInt32);
    public static readonly FieldDef IaAddrIp = new("dhcpv6.iaaddr.ip", "IPv6 address", FieldKind.IPv6);
    public static readonly FieldDef IaAddrPref = new("dhcpv6.iaaddr.pref_lifetime", "Preferred lifetime", FieldKind.UInt32);
    public static readonly FieldDef IaAddrValid = new("dhcpv6.iaaddr.valid_lifetime", "Valid lifetime", FieldKind.UInt32);
    public static readonly FieldDef RequestedOption = new("dhcpv6.requested_option_code", "Requested Option code", FieldKind.UInt16, valueNames: OptionNames);
    public static readonly FieldDef ElapsedTime = new("dhcpv6.elapsed_time", "Elapsed time", FieldKind.UInt16);
    public static readonly FieldDef StatusCode = new("dhcpv6.status_code", "Status Code", FieldKind.UInt16);
    public static readonly FieldDef StatusMsg = new("dhcpv6.status_msg", "Status Message", FieldKind.String);

    public static readonly FieldDef[] All =
    [
        MsgType, HopCount, Xid, LinkAddr, PeerAddr, OptionType, OptionLength, DuidBytes, DuidType, Iaid, IaidT1, IaidT2,
        IaAddrIp, IaAddrPref, IaAddrValid, RequestedOption, ElapsedTime, StatusCode, StatusMsg,
    ];
}

/// <summary>
/// DHCPv6 (udp.port 546/547): message type and transaction ID (relay messages: hop count, link and peer address),
/// then the options with type and length; client/server identifiers (DUID bytes and type), IA_NA/IA_TA with their IA
/// Address sub-options, option request, elapsed time and status code are decoded, other options by type and length.
/// A relayed message inside a Relay Message option is not decoded. Info as tshark 4.0:
/// "Advertise XID: 0x90b45c IAA: 2a00:1:1:200:38e6:b22e:c440:acdf CID: 00030001000102030405 ".
/// </summary>
public sealed class Dhcpv6Dissector : IDissector
{
    public const ushort ClientPort = 546, ServerPort = 547;

    public ProtocolDef Protocol => Dhcpv6Fields.Protocol;

    public void Register(DissectorTables tables)
    {
        var udp = tables.Get("udp.port", "UDP port");
        udp.Add(ClientPort, this);
        udp.Add(ServerPort, this);
    }

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("DHCPv6 message cut by the capture length")
                              : Handoff.Malformed("DHCPv6 option runs past the message");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        if (cols) ctx.Columns.Info.Clear();
        if (d.Length < 1) return Cut(reported, 1);
        byte type = d[0];
        f.AddUInt(Dhcpv6Fields.MsgType, o, 1, type);
        if (cols)
        {
            if (Dhcpv6Fields.MsgTypeNames.TryGetValue(type, out var n)) ctx.Columns.Info.Append(n);
            else ctx.Columns.Info.Append("Unknown (").Append((ulong)type).Append(')');
        }
        int pos;
        if (type is 12 or 13)
        {
            if (d.Length < 2) return Cut(reported, 2);
            f.AddUInt(Dhcpv6Fields.HopCount, o + 1, 1, d[1]);
            if (d.Length < 18) return Cut(reported, 18);
            f.AddBytes(Dhcpv6Fields.LinkAddr, o + 2, 16);
            if (d.Length < 34) return Cut(reported, 34);
            f.AddBytes(Dhcpv6Fields.PeerAddr, o + 18, 16);
            if (cols) ctx.Columns.Info.Append(' ');
            pos = 34;
        }
        else
        {
            if (d.Length < 4) return Cut(reported, 4);
            uint xid = (uint)(d[1] << 16 | d[2] << 8 | d[3]);
            f.AddUInt(Dhcpv6Fields.Xid, o + 1, 3, xid);
            if (cols) ctx.Columns.Info.Append(" XID: ").AppendHex(xid, 0).Append(' ');
            pos = 4;
        }
        return Options(d, o, pos, reported, ctx, 0);
    }

    static Handoff Options(ReadOnlySpan<byte> d, int o, int pos, int end, DissectContext ctx, int depth)
    {
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        while (pos < end)
        {
            if (d.Length < pos + 4) return Cut(end, pos + 4);
            int ot = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos));
            int ol = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2));
            f.AddUInt(Dhcpv6Fields.OptionType, o + pos, 2, (ulong)ot);
            f.AddUInt(Dhcpv6Fields.OptionLength, o + pos + 2, 2, (ulong)ol);
            if (pos + 4 + ol > end) return Handoff.Malformed("DHCPv6 option runs past the message");
            if (d.Length < pos + 4 + ol) return Cut(end, pos + 4 + ol);
            var v = d.Slice(pos + 4, ol);
            int vo = o + pos + 4;
            switch (ot)
            {
                case 1 or 2:
                    if (ol > 0) f.AddBytes(Dhcpv6Fields.DuidBytes, vo, ol);
                    if (ol >= 2) f.AddUInt(Dhcpv6Fields.DuidType, vo, 2, BinaryPrimitives.ReadUInt16BigEndian(v));
                    if (ot == 1 && cols) AppendHexBytes(ctx.Columns.Info.Append("CID: "), v).Append(' ');
                    break;
                case 3 or 25 when ol >= 12 && depth < 2:
                    AddIaid(f, vo, v);
                    f.AddUInt(Dhcpv6Fields.IaidT1, vo + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(v.Slice(4)));
                    f.AddUInt(Dhcpv6Fields.IaidT2, vo + 8, 4, BinaryPrimitives.ReadUInt32BigEndian(v.Slice(8)));
                    { var h = Options(d, o, pos + 16, pos + 4 + ol, ctx, depth + 1); if (h.Status != LayerStatus.Ok) return h; }
                    break;
                case 4 when ol >= 4 && depth < 2:
                    AddIaid(f, vo, v);
                    { var h = Options(d, o, pos + 8, pos + 4 + ol, ctx, depth + 1); if (h.Status != LayerStatus.Ok) return h; }
                    break;
                case 5 when ol >= 24:
                    f.AddBytes(Dhcpv6Fields.IaAddrIp, vo, 16);
                    f.AddUInt(Dhcpv6Fields.IaAddrPref, vo + 16, 4, BinaryPrimitives.ReadUInt32BigEndian(v.Slice(16)));
                    f.AddUInt(Dhcpv6Fields.IaAddrValid, vo + 20, 4, BinaryPrimitives.ReadUInt32BigEndian(v.Slice(20)));
                    if (cols) ctx.Columns.Info.Append("IAA: ").AppendAddress(Address.From(AddressKind.IPv6, v.Slice(0, 16))).Append(' ');
                    if (depth < 3) { var h = Options(d, o, pos + 28, pos + 4 + ol, ctx, depth + 1); if (h.Status != LayerStatus.Ok) return h; }
                    break;
                case 6:
                    for (int i = 0; i + 2 <= ol; i += 2)
                        f.AddUInt(Dhcpv6Fields.RequestedOption, vo + i, 2, BinaryPrimitives.ReadUInt16BigEndian(v.Slice(i)));
                    break;
                case 8 when ol == 2:
                    f.AddUInt(Dhcpv6Fields.ElapsedTime, vo, 2, BinaryPrimitives.ReadUInt16BigEndian(v));
                    break;
                case 13 when ol >= 2:
                    f.AddUInt(Dhcpv6Fields.StatusCode, vo, 2, BinaryPrimitives.ReadUInt16BigEndian(v));
                    if (ol > 2) f.AddBytes(Dhcpv6Fields.StatusMsg, vo + 2, ol - 2);
                    break;
            }
            pos += 4 + ol;
        }
        return Handoff.Done;
    }

    /// <summary>tshark shows the IAID as its four bytes in hex (a string field).</summary>
    static void AddIaid(PacketFields f, int at, ReadOnlySpan<byte> v)
    {
        if (!f.Wants(Dhcpv6Fields.Iaid)) return;
        Span<char> hex = stackalloc char[8];
        for (int i = 0; i < 4; i++) { hex[2 * i] = Hex[v[i] >> 4]; hex[2 * i + 1] = Hex[v[i] & 15]; }
        f.AddString(Dhcpv6Fields.Iaid, at, 4, hex);
    }

    const string Hex = "0123456789abcdef";

    static TextColumn AppendHexBytes(TextColumn info, ReadOnlySpan<byte> v)
    {
        foreach (var b in v) info.Append(Hex[b >> 4]).Append(Hex[b & 15]);
        return info;
    }
}
