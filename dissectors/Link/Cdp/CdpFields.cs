using Dissect.Core;

namespace Dissect.Dissectors.Link.Cdp;

/// <summary>Cisco Discovery Protocol and Dynamic Trunk Protocol fields with tshark 4.0's abbrevs.</summary>
public static class CdpFields
{
    public static readonly ProtocolDef Protocol = new("cdp", "Cisco Discovery Protocol", "CDP");
    public static readonly ProtocolDef DtpProtocol = new("dtp", "Dynamic Trunk Protocol", "DTP");

    public static readonly Dictionary<ulong, string> TlvNames = new()
    {
        [0x01] = "Device ID", [0x02] = "Addresses", [0x03] = "Port ID", [0x04] = "Capabilities", [0x05] = "Software version",
        [0x06] = "Platform", [0x07] = "IP Prefix/Gateway (used for ODR)", [0x09] = "VTP Management Domain",
        [0x0a] = "Native VLAN", [0x0b] = "Duplex", [0x0e] = "VoIP VLAN Reply", [0x0f] = "VoIP VLAN Query",
        [0x10] = "Power consumption", [0x11] = "MTU", [0x12] = "Trust Bitmap", [0x13] = "Untrusted Port CoS",
        [0x14] = "System Name", [0x15] = "System Object ID", [0x16] = "Management Address", [0x17] = "Location",
        [0x1a] = "Power Available", [0x1b] = "Port Unidirectional",
    };
    static readonly Dictionary<ulong, string> DuplexNames = new() { [0] = "Half", [1] = "Full" };
    public static readonly Dictionary<ulong, string> DtpTlvNames = new()
    {
        [1] = "Domain", [2] = "Trunk Status", [3] = "Trunk Type", [4] = "Sender ID",
    };

    public static readonly FieldDef Version = new("cdp.version", "Version", FieldKind.UInt8);
    public static readonly FieldDef Ttl = new("cdp.ttl", "TTL", FieldKind.UInt8);
    public static readonly FieldDef Checksum = new("cdp.checksum", "Checksum", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef TlvType = new("cdp.tlv.type", "Type", FieldKind.UInt16, FieldBase.Hex, valueNames: TlvNames);
    public static readonly FieldDef TlvLen = new("cdp.tlv.len", "Length", FieldKind.UInt16);
    public static readonly FieldDef DeviceId = new("cdp.deviceid", "Device ID", FieldKind.String);
    public static readonly FieldDef SoftwareVersion = new("cdp.software_version", "Software version", FieldKind.String);
    public static readonly FieldDef Platform = new("cdp.platform", "Platform", FieldKind.String);
    public static readonly FieldDef PortId = new("cdp.portid", "Sent through Interface", FieldKind.String);
    public static readonly FieldDef Capabilities = new("cdp.capabilities", "Capabilities", FieldKind.UInt32, FieldBase.Hex);
    public static readonly FieldDef NumberOfAddresses = new("cdp.number_of_addresses", "Number of addresses", FieldKind.UInt32);
    public static readonly FieldDef NativeVlan = new("cdp.native_vlan", "Native VLAN", FieldKind.UInt16);
    public static readonly FieldDef Duplex = new("cdp.duplex", "Duplex", FieldKind.UInt8, valueNames: DuplexNames);
    public static readonly FieldDef VtpManagementDomain = new("cdp.vtp_management_domain", "VTP Management Domain", FieldKind.String);
    public static readonly FieldDef SystemName = new("cdp.system_name", "System Name", FieldKind.String);
    public static readonly FieldDef Data = new("cdp.data", "Data", FieldKind.Bytes);

    public static readonly FieldDef[] All =
    [
        Version, Ttl, Checksum, TlvType, TlvLen, DeviceId, SoftwareVersion, Platform, PortId, Capabilities, NumberOfAddresses,
        NativeVlan, Duplex, VtpManagementDomain, SystemName, Data,
    ];

    public static readonly FieldDef DtpVersion = new("dtp.version", "Version", FieldKind.UInt8);
    public static readonly FieldDef DtpTlvType = new("dtp.tlv_type", "Type", FieldKind.UInt16, FieldBase.Hex, valueNames: DtpTlvNames);
    public static readonly FieldDef DtpTlvLen = new("dtp.tlv_len", "Length", FieldKind.UInt16);
    public static readonly FieldDef DtpDomain = new("dtp.domain", "Domain", FieldKind.String);
    public static readonly FieldDef DtpTos = new("dtp.tos", "Trunk Operating Status", FieldKind.UInt8, FieldBase.Hex, bitmask: 0x80);
    public static readonly FieldDef DtpTas = new("dtp.tas", "Trunk Administrative Status", FieldKind.UInt8, FieldBase.Hex, bitmask: 0x07);
    public static readonly FieldDef DtpTot = new("dtp.tot", "Trunk Operating Type", FieldKind.UInt8, FieldBase.Hex, bitmask: 0xe0);
    public static readonly FieldDef DtpTat = new("dtp.tat", "Trunk Administrative Type", FieldKind.UInt8, FieldBase.Hex, bitmask: 0x07);
    public static readonly FieldDef DtpSenderId = new("dtp.senderid", "Sender ID", FieldKind.Ether);
    public static readonly FieldDef DtpData = new("dtp.data", "Data", FieldKind.Ether);

    public static readonly FieldDef[] DtpAll = [DtpVersion, DtpTlvType, DtpTlvLen, DtpDomain, DtpTos, DtpTas, DtpTot, DtpTat, DtpSenderId, DtpData];
}
