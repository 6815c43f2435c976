using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Pptp;

/// <summary>PPTP (RFC 2637) control-connection fields with tshark 4.0's abbrevs.</summary>
public static class PptpFields
{
    public static readonly ProtocolDef Protocol = new("pptp", "Point-to-Point Tunnelling Protocol", "PPTP");

    public static readonly Dictionary<ulong, string> MessageTypeNames = new() { [1] = "Control Message", [2] = "Management Message" };
    public static readonly Dictionary<ulong, string> ControlTypeNames = new()
    {
        [1] = "Start-Control-Connection-Request", [2] = "Start-Control-Connection-Reply",
        [3] = "Stop-Control-Connection-Request", [4] = "Stop-Control-Connection-Reply", [5] = "Echo-Request",
        [6] = "Echo-Reply", [7] = "Outgoing-Call-Request", [8] = "Outgoing-Call-Reply", [9] = "Incoming-Call-Request",
        [10] = "Incoming-Call-Reply", [11] = "Incoming-Call-Connected", [12] = "Call-Clear-Request",
        [13] = "Call-Disconnect-Notify", [14] = "WAN-Error-Notify", [15] = "Set-Link-Info",
    };

    public static readonly FieldDef Length = new("pptp.length", "Length", FieldKind.UInt16);
    public static readonly FieldDef Type = new("pptp.type", "Message type", FieldKind.UInt16, valueNames: MessageTypeNames);
    public static readonly FieldDef MagicCookie = new("pptp.magic_cookie", "Magic Cookie", FieldKind.UInt32, FieldBase.Hex);
    public static readonly FieldDef ControlMessageType = new("pptp.control_message_type", "Control Message Type", FieldKind.UInt16, valueNames: ControlTypeNames);
    public static readonly FieldDef Reserved = new("pptp.reserved", "Reserved", FieldKind.Bytes);
    public static readonly FieldDef ProtocolVersion = new("pptp.protocol_version", "Protocol version", FieldKind.UInt16);
    public static readonly FieldDef ControlResult = new("pptp.control_result", "Result Code", FieldKind.UInt8);
    public static readonly FieldDef Error = new("pptp.error", "Error Code", FieldKind.UInt8);
    public static readonly FieldDef FramingCapabilities = new("pptp.framing_capabilities", "Framing Capabilities", FieldKind.UInt32);
    public static readonly FieldDef BearerCapabilities = new("pptp.bearer_capabilities", "Bearer Capabilities", FieldKind.UInt32);
    public static readonly FieldDef MaximumChannels = new("pptp.maximum_channels", "Maximum Channels", FieldKind.UInt16);
    public static readonly FieldDef FirmwareRevision = new("pptp.firmware_revision", "Firmware Revision", FieldKind.UInt16);
    public static readonly FieldDef HostName = new("pptp.host_name", "Host Name", FieldKind.String);
    public static readonly FieldDef VendorName = new("pptp.vendor_name", "Vendor Name", FieldKind.String);
    public static readonly FieldDef CallId = new("pptp.call_id", "Call ID", FieldKind.UInt16);
    public static readonly FieldDef CallSerialNumber = new("pptp.call_serial_number", "Call Serial Number", FieldKind.UInt16);
    public static readonly FieldDef PeerCallId = new("pptp.peer_call_id", "Peer Call ID", FieldKind.UInt16);
    public static readonly FieldDef Identifier = new("pptp.identifier", "Identifier", FieldKind.UInt32);

    public static readonly FieldDef[] All =
    [
        Length, Type, MagicCookie, ControlMessageType, Reserved, ProtocolVersion, ControlResult, Error, FramingCapabilities,
        BearerCapabilities, MaximumChannels, FirmwareRevision, HostName, VendorName, CallId, CallSerialNumber, PeerCallId,
        Identifier,
    ];
}

/// <summary>
/// PPTP control connection (tcp.port 1723), framed by its length field through the TCP reassembly: length, message
/// type, magic cookie, control message type (Info, as tshark 4.0: "Start-Control-Connection-Request"), and the main
/// fields of start-control-connection, echo, outgoing-call and set-link-info messages. Bearer/framing values, phone
/// numbers, cause codes and the remaining messages' bodies are not decoded. The GRE data channel is GRE version 1
/// carrying PPP (see Link/Ppp).
/// </summary>
public sealed class PptpDissector : IDissector, ITcpFramed
{
    public const ushort Port = 1723;
    public const uint Cookie = 0x1a2b3c4d;
    const int HeaderLength = 12;

    public ProtocolDef Protocol => PptpFields.Protocol;
    public IPduFramer TcpFramer { get; } = new LengthFramer();

    public void Register(DissectorTables tables) => tables.Get("tcp.port", "TCP port").Add(Port, this);

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("PPTP message cut by the capture length")
                              : Handoff.Malformed("PPTP message shorter than its type requires");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        if (d.Length < 2) return Cut(reported, 2);
        f.AddUInt(PptpFields.Length, o, 2, BinaryPrimitives.ReadUInt16BigEndian(d));
        if (d.Length < 4) return Cut(reported, 4);
        f.AddUInt(PptpFields.Type, o + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(2)));
        if (d.Length < 8) return Cut(reported, 8);
        f.AddUInt(PptpFields.MagicCookie, o + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(d.Slice(4)));
        if (d.Length < 10) return Cut(reported, 10);
        ushort ct = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(8));
        f.AddUInt(PptpFields.ControlMessageType, o + 8, 2, ct);
        if (ctx.WantColumns)
        {
            if (PptpFields.ControlTypeNames.TryGetValue(ct, out var n)) ctx.Columns.Info.Append(n);
            else ctx.Columns.Info.Append("Unknown control type (").Append((ulong)ct).Append(')');
        }
        if (d.Length < 12) return Cut(reported, 12);
        f.AddBytes(PptpFields.Reserved, o + 10, 2);
        var b = d.Slice(HeaderLength);
        int bo = o + HeaderLength, brep = reported - HeaderLength;
        switch (ct)
        {
            case 1 or 2:
                if (b.Length < 2) return Cut(brep, 2);
                f.AddUInt(PptpFields.ProtocolVersion, bo, 2, BinaryPrimitives.ReadUInt16BigEndian(b));
                if (b.Length < 4) return Cut(brep, 4);
                if (ct == 1) f.AddBytes(PptpFields.Reserved, bo + 2, 2);
                else
                {
                    f.AddUInt(PptpFields.ControlResult, bo + 2, 1, b[2]);
                    f.AddUInt(PptpFields.Error, bo + 3, 1, b[3]);
                }
                if (b.Length < 16) return Cut(brep, 16);
                f.AddUInt(PptpFields.FramingCapabilities, bo + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(b.Slice(4)));
                f.AddUInt(PptpFields.BearerCapabilities, bo + 8, 4, BinaryPrimitives.ReadUInt32BigEndian(b.Slice(8)));
                f.AddUInt(PptpFields.MaximumChannels, bo + 12, 2, BinaryPrimitives.ReadUInt16BigEndian(b.Slice(12)));
                f.AddUInt(PptpFields.FirmwareRevision, bo + 14, 2, BinaryPrimitives.ReadUInt16BigEndian(b.Slice(14)));
                if (b.Length < 80) return Cut(brep, 80);
                Text(f, PptpFields.HostName, bo + 16, b.Slice(16, 64));
                if (b.Length < 144) return Cut(brep, 144);
                Text(f, PptpFields.VendorName, bo + 80, b.Slice(80, 64));
                break;
            case 5 or 6:
                if (b.Length < 4) return Cut(brep, 4);
                f.AddUInt(PptpFields.Identifier, bo, 4, BinaryPrimitives.ReadUInt32BigEndian(b));
                break;
            case 7 or 9:
                if (b.Length < 4) return Cut(brep, 4);
                f.AddUInt(PptpFields.CallId, bo, 2, BinaryPrimitives.ReadUInt16BigEndian(b));
                f.AddUInt(PptpFields.CallSerialNumber, bo + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(b.Slice(2)));
                break;
            case 8 or 10:
                if (b.Length < 4) return Cut(brep, 4);
                f.AddUInt(PptpFields.CallId, bo, 2, BinaryPrimitives.ReadUInt16BigEndian(b));
                f.AddUInt(PptpFields.PeerCallId, bo + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(b.Slice(2)));
                break;
            case 11 or 14 or 15:
                if (b.Length < 2) return Cut(brep, 2);
                f.AddUInt(PptpFields.PeerCallId, bo, 2, BinaryPrimitives.ReadUInt16BigEndian(b));
                break;
            case 12 or 13:
                if (b.Length < 2) return Cut(brep, 2);
                f.AddUInt(PptpFields.CallId, bo, 2, BinaryPrimitives.ReadUInt16BigEndian(b));
                break;
        }
        return Handoff.Done;
    }

    static void Text(PacketFields f, FieldDef def, int at, ReadOnlySpan<byte> v)
    {
        int z = v.IndexOf((byte)0);
        f.AddBytes(def, at, z < 0 ? v.Length : z);
    }

    /// <summary>A PPTP message is its 16-bit length long (at least the 12-byte header, magic cookie in place).</summary>
    sealed class LengthFramer : IPduFramer
    {
        public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
        {
            if (available.Length < 8) return FramerResult.NeedMore(8 - available.Length);
            int len = BinaryPrimitives.ReadUInt16BigEndian(available);
            if (len < HeaderLength || BinaryPrimitives.ReadUInt32BigEndian(available.Slice(4)) != Cookie) return FramerResult.NotMine;
            return available.Length >= len ? FramerResult.Pdu(len) : FramerResult.NeedMore(len - available.Length);
        }
    }
}
