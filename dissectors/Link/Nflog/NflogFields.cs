using Dissect.Core;

namespace Dissect.Dissectors.Link.Nflog;

/// <summary>Fields of Linux netfilter NFLOG records (LINKTYPE_NFLOG 239), Wireshark's "nflog".</summary>
public static class NflogFields
{
    public static readonly ProtocolDef Protocol = new("nflog", "Linux Netfilter NFLOG", "NFLOG");
    public static readonly FieldDef Family = new("nflog.family", "Family", FieldKind.UInt8, valueNames: new Dictionary<ulong, string> { [2] = "IP", [10] = "IPv6", [0] = "Unspecified" });
    public static readonly FieldDef Version = new("nflog.version", "Version", FieldKind.UInt8);
    public static readonly FieldDef ResourceId = new("nflog.res_id", "Resource id", FieldKind.UInt16);
    public static readonly FieldDef Tlv = new("nflog.tlv", "TLV", FieldKind.None);
    public static readonly FieldDef TlvLength = new("nflog.tlv_length", "Length", FieldKind.UInt16);
    public static readonly FieldDef TlvType = new("nflog.tlv_type", "Type", FieldKind.UInt16, valueNames: new Dictionary<ulong, string>
    {
        [1] = "NFULA_PACKET_HDR", [2] = "NFULA_MARK", [3] = "NFULA_TIMESTAMP", [4] = "NFULA_IFINDEX_INDEV", [5] = "NFULA_IFINDEX_OUTDEV",
        [6] = "NFULA_IFINDEX_PHYSINDEV", [7] = "NFULA_IFINDEX_PHYSOUTDEV", [8] = "NFULA_HWADDR", [9] = "NFULA_PAYLOAD", [10] = "NFULA_PREFIX",
        [11] = "NFULA_UID", [12] = "NFULA_SEQ", [13] = "NFULA_SEQ_GLOBAL", [14] = "NFULA_GID", [15] = "NFULA_HWTYPE", [16] = "NFULA_HWHEADER",
        [17] = "NFULA_HWLEN", [18] = "NFULA_CT", [19] = "NFULA_CT_INFO",
    });
    public static readonly FieldDef Prefix = new("nflog.prefix", "Prefix", FieldKind.String);

    public static readonly FieldDef[] All = [Family, Version, ResourceId, Tlv, TlvLength, TlvType, Prefix];
}
