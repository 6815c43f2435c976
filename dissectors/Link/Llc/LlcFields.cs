using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Llc;

/// <summary>Fields of IEEE 802.2 Logical-Link Control and its SNAP extension (Wireshark's "llc").</summary>
public static class LlcFields
{
    public static readonly ProtocolDef Protocol = new("llc", "Logical-Link Control", "LLC");

    public static readonly FieldDef Dsap = new("llc.dsap", "DSAP", FieldKind.UInt8, FieldBase.Hex, valueNames: SapNames, blurb: "Destination Service Access Point");
    public static readonly FieldDef DsapSap = new("llc.dsap.sap", "SAP", FieldKind.UInt8, bitmask: 0xfe, blurb: "Service Access Point");
    public static readonly FieldDef DsapIg = new("llc.dsap.ig", "IG Bit", FieldKind.Bool, bitmask: 0x01, bitWidth: 8, blurb: "Individual/Group");
    public static readonly FieldDef Ssap = new("llc.ssap", "SSAP", FieldKind.UInt8, FieldBase.Hex, valueNames: SapNames, blurb: "Source Service Access Point");
    public static readonly FieldDef SsapSap = new("llc.ssap.sap", "SAP", FieldKind.UInt8, bitmask: 0xfe, blurb: "Service Access Point");
    public static readonly FieldDef SsapCr = new("llc.ssap.cr", "CR Bit", FieldKind.Bool, bitmask: 0x01, bitWidth: 8, blurb: "Command/Response");
    /// <summary>The control field: one byte for U frames, two for I and S frames; shown as a 16-bit value.</summary>
    public static readonly FieldDef Control = new("llc.control", "Control", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef ControlNr = new("llc.control.n_r", "N(R)", FieldKind.UInt16, bitmask: 0xfe00);
    public static readonly FieldDef ControlNs = new("llc.control.n_s", "N(S)", FieldKind.UInt16, bitmask: 0x00fe);
    public static readonly FieldDef ControlP = new("llc.control.p", "Poll", FieldKind.Bool, bitmask: 0x10, bitWidth: 8);
    public static readonly FieldDef ControlF = new("llc.control.f", "Final", FieldKind.Bool, bitmask: 0x10, bitWidth: 8);
    public static readonly FieldDef ControlSFtype = new("llc.control.s_ftype", "Supervisory frame type", FieldKind.UInt16, FieldBase.Hex, bitmask: 0x000c, valueNames: SupervisoryNames);
    public static readonly FieldDef ControlUCmd = new("llc.control.u_modifier_cmd", "Command", FieldKind.UInt8, FieldBase.Hex, bitmask: 0xec, valueNames: UCommandNames);
    public static readonly FieldDef ControlUResp = new("llc.control.u_modifier_resp", "Response", FieldKind.UInt8, FieldBase.Hex, bitmask: 0xec, valueNames: UResponseNames);
    public static readonly FieldDef ControlFtype = new("llc.control.ftype", "Frame type", FieldKind.UInt8, FieldBase.Hex, bitmask: 0x03, valueNames: FrameTypeNames);
    public static readonly FieldDef Oui = new("llc.oui", "Organization Code", FieldKind.UInt24);
    /// <summary>SNAP protocol id when the OUI says it is an ethertype (OUI 00-00-00 or 00-00-f8).</summary>
    public static readonly FieldDef Type = new("llc.type", "Type", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names);
    public static readonly FieldDef Pid = new("llc.pid", "Protocol ID", FieldKind.UInt16, FieldBase.Hex);

    public static readonly FieldDef[] All =
    [
        Dsap, DsapSap, DsapIg, Ssap, SsapSap, SsapCr, Control, ControlNr, ControlNs, ControlP, ControlF,
        ControlSFtype, ControlUCmd, ControlUResp, ControlFtype, Oui, Type, Pid,
    ];

    static Dictionary<ulong, string> FrameTypeNames => new() { [0] = "Information frame", [1] = "Supervisory frame", [2] = "Information frame", [3] = "Unnumbered frame" };
    static Dictionary<ulong, string> SupervisoryNames => new() { [0] = "Receiver ready", [1] = "Receiver not ready", [2] = "Reject", [3] = "Selective reject" };

    /// <summary>U-frame modifiers (bits 0xec of the control byte, stored shifted by 2) and their short names.</summary>
    public static Dictionary<ulong, string> UCommandNames => new()
    {
        [0x00] = "Unnumbered Information", [0x01] = "Set Initialization Mode", [0x03] = "Set Asynchronous Response Mode",
        [0x08] = "Unnumbered Poll", [0x0b] = "Set Asynchronous Balanced Mode", [0x10] = "Disconnect",
        [0x13] = "Set Asynchronous Response Mode Extended", [0x1b] = "Set Asynchronous Balanced Mode Extended",
        [0x20] = "Set Normal Response Mode", [0x2b] = "Exchange identification",
        [0x33] = "Set Normal Response Mode Extended", [0x38] = "Test",
    };

    public static Dictionary<ulong, string> UResponseNames => new()
    {
        [0x00] = "Unnumbered Information", [0x01] = "Request Initialization Mode", [0x03] = "Disconnected Mode",
        [0x10] = "Request Disconnect", [0x18] = "Unnumbered Acknowledge", [0x21] = "Frame reject",
        [0x2b] = "Exchange identification", [0x38] = "Test",
    };

    static Dictionary<ulong, string> SapNames => new()
    {
        [0x0000] = "NULL LSAP",
        [0x0001] = "NULL LSAP",
        [0x0002] = "LLC Sub-Layer Management",
        [0x0004] = "SNA Path Control",
        [0x0006] = "TCP/IP",
        [0x0008] = "SNA",
        [0x000c] = "SNA",
        [0x000e] = "PROWAY (IEC955) Network Management and Initialization",
        [0x0010] = "NetWare (unofficial?)",
        [0x0014] = "ISO Network Layer (OSLAN 1)",
        [0x0018] = "Texas Instruments",
        [0x0020] = "ISO Network Layer (unofficial?)",
        [0x0034] = "ISO Network Layer (unofficial?)",
        [0x0042] = "Spanning Tree BPDU",
        [0x004e] = "EIA RS-511 Manufacturing Message Service",
        [0x0054] = "ISO Network Layer (OSLAN 2)",
        [0x007e] = "ISO 8208 (X.25 over 802.2)",
        [0x007f] = "ISO 802.2",
        [0x0080] = "XNS",
        [0x0082] = "BACnet",
        [0x0086] = "Nestar",
        [0x008e] = "PROWAY (IEC955) Active Station List Maintenance",
        [0x0098] = "ARP",
        [0x00b4] = "HP JetDirect Printer",
        [0x00aa] = "SNAP",
        [0x00ba] = "Banyan Vines",
        [0x00bc] = "Banyan Vines",
        [0x00e0] = "NetWare",
        [0x00f0] = "NetBIOS",
        [0x00f4] = "IBM Net Management",
        [0x00f8] = "HP Extended LLC",
        [0x00fa] = "Ungermann-Bass",
        [0x00fc] = "Remote Program Load",
        [0x00fe] = "ISO Network Layer",
        [0x00ff] = "Global LSAP",
    };

}
