using System.Buffers.Binary;

namespace Dissect.Capture;

/// <summary>Integer reads in a file's byte order (pcap and each pcapng section say which).</summary>
internal static class Endian
{
    public static ushort U16(ReadOnlySpan<byte> s, int offset, bool big)
        => big ? BinaryPrimitives.ReadUInt16BigEndian(s[offset..]) : BinaryPrimitives.ReadUInt16LittleEndian(s[offset..]);

    public static uint U32(ReadOnlySpan<byte> s, int offset, bool big)
        => big ? BinaryPrimitives.ReadUInt32BigEndian(s[offset..]) : BinaryPrimitives.ReadUInt32LittleEndian(s[offset..]);

    public static ulong U64(ReadOnlySpan<byte> s, int offset, bool big)
        => big ? BinaryPrimitives.ReadUInt64BigEndian(s[offset..]) : BinaryPrimitives.ReadUInt64LittleEndian(s[offset..]);

    public static void Write16(Span<byte> s, int offset, ushort v, bool big)
    {
        if (big) BinaryPrimitives.WriteUInt16BigEndian(s[offset..], v); else BinaryPrimitives.WriteUInt16LittleEndian(s[offset..], v);
    }

    public static void Write32(Span<byte> s, int offset, uint v, bool big)
    {
        if (big) BinaryPrimitives.WriteUInt32BigEndian(s[offset..], v); else BinaryPrimitives.WriteUInt32LittleEndian(s[offset..], v);
    }

    public static void Write64(Span<byte> s, int offset, ulong v, bool big)
    {
        if (big) BinaryPrimitives.WriteUInt64BigEndian(s[offset..], v); else BinaryPrimitives.WriteUInt64LittleEndian(s[offset..], v);
    }
}

/// <summary>Facts about link types shared by readers, writers and <c>dissect info</c>.</summary>
public static class LinkTypes
{
    /// <summary>
    /// Largest captured length a record of this link type may have before the reader calls the record damaged
    /// (the per-encapsulation limits wiretap and libpcap use: 256 KiB for most, more for D-Bus, USBPcap, EBHSCR).
    /// </summary>
    public static int MaxCapturedLength(int linkType) => linkType switch
    {
        231 => 128 * 1024 * 1024,   // D-Bus
        249 => 128 * 1024 * 1024,   // USBPcap
        279 => 8 * 1024 * 1024,     // EBHSCR
        _ => 262144,
    };

    /// <summary>The encapsulation's description as capinfos prints it ("Ethernet", "NULL/Loopback"), or
    /// "LINKTYPE n" when unknown here.</summary>
    public static string Describe(int linkType) => Name(linkType) is { } n ? n.Description : "LINKTYPE " + linkType;

    /// <summary>Wireshark's short name of the encapsulation ("ether", "null"), or null.</summary>
    public static string? ShortName(int linkType) => Name(linkType)?.Short;

    static (string Short, string Description)? Name(int linkType) => linkType switch
    {
        0 => ("null", "NULL/Loopback"),
        1 => ("ether", "Ethernet"),
        3 => ("ax25", "Amateur Radio AX.25"),
        6 => ("tr", "Token Ring"),
        7 => ("arcnet", "ARCNET"),
        8 => ("slip", "SLIP"),
        9 or 50 => ("ppp", "PPP"),
        10 => ("fddi", "FDDI"),
        51 => ("pppoes", "PPP-over-Ethernet session"),
        101 => ("rawip", "Raw IP"),
        104 => ("chdlc", "Cisco HDLC"),
        105 => ("ieee-802-11", "IEEE 802.11 Wireless LAN"),
        107 => ("frelay", "Frame Relay"),
        108 => ("loop", "OpenBSD loopback"),
        113 => ("linux-sll", "Linux cooked-mode capture v1"),
        114 => ("ltalk", "Localtalk"),
        119 => ("ieee-802-11-prism", "IEEE 802.11 plus Prism II monitor mode radio header"),
        122 => ("ip-over-fc", "RFC 2625 IP-over-Fibre Channel"),
        127 => ("ieee-802-11-radiotap", "IEEE 802.11 plus radiotap radio header"),
        140 => ("mtp2", "SS7 MTP2"),
        141 => ("mtp3", "SS7 MTP3"),
        142 => ("sccp", "SS7 SCCP"),
        143 => ("docsis", "Data Over Cable Service Interface Specification"),
        >= 147 and <= 162 => ("user" + (linkType - 147), "USER " + (linkType - 147)),
        163 => ("ieee-802-11-avs", "IEEE 802.11 plus AVS radio header"),
        189 => ("usb-linux", "USB packets with Linux header"),
        192 => ("ppi", "Per-Packet Information header"),
        195 => ("wpan", "IEEE 802.15.4 Wireless PAN"),
        197 => ("erf", "Extensible Record Format"),
        201 => ("bluetooth-h4-linux", "Bluetooth H4 with linux header"),
        203 => ("lapd", "LAPD"),
        220 => ("usb-linux-mmap", "USB packets with Linux header and padding"),
        227 => ("socketcan", "SocketCAN"),
        228 => ("rawip4", "Raw IPv4"),
        229 => ("rawip6", "Raw IPv6"),
        231 => ("dbus", "D-Bus"),
        239 => ("nflog", "NFLOG"),
        249 => ("usb-usbpcap", "USB packets with USBPcap header"),
        253 => ("netlink", "Linux Netlink"),
        258 => ("pktap", "Apple PKTAP"),
        271 => ("vsock", "Linux vsock"),
        276 => ("linux-sll2", "Linux cooked-mode capture v2"),
        279 => ("ebhscr", "Elektrobit High Speed Capture and Replay"),
        _ => null,
    };
}
