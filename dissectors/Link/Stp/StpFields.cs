using Dissect.Core;

namespace Dissect.Dissectors.Link.Stp;

/// <summary>Spanning Tree BPDU fields (IEEE 802.1D/802.1w, Cisco PVST+ TLV) with tshark 4.0's abbrevs.</summary>
public static class StpFields
{
    public static readonly ProtocolDef Protocol = new("stp", "Spanning Tree Protocol", "STP");

    static readonly Dictionary<ulong, string> ProtocolNames = new() { [0] = "Spanning Tree Protocol" };
    static readonly Dictionary<ulong, string> VersionNames = new()
    {
        [0] = "Spanning Tree", [2] = "Rapid Spanning Tree", [3] = "Multiple Spanning Tree", [4] = "Shortest Path Tree",
    };
    static readonly Dictionary<ulong, string> TypeNames = new()
    {
        [0x00] = "Configuration", [0x80] = "Topology Change Notification", [0x02] = "Rapid/Multiple Spanning Tree",
    };
    static readonly Dictionary<ulong, string> RoleNames = new()
    {
        [0] = "Unknown", [1] = "Alternate or Backup", [2] = "Root", [3] = "Designated",
    };
    static readonly Dictionary<ulong, string> PvstTlvNames = new() { [0] = "Originating VLAN" };

    public static readonly FieldDef ProtocolId = new("stp.protocol", "Protocol Identifier", FieldKind.UInt16, FieldBase.Hex, valueNames: ProtocolNames);
    public static readonly FieldDef Version = new("stp.version", "Protocol Version Identifier", FieldKind.UInt8, valueNames: VersionNames);
    public static readonly FieldDef Type = new("stp.type", "BPDU Type", FieldKind.UInt8, FieldBase.Hex, valueNames: TypeNames);
    public static readonly FieldDef Flags = new("stp.flags", "BPDU flags", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef FlagTcAck = new("stp.flags.tcack", "Topology Change Acknowledgment", FieldKind.Bool, bitmask: 0x80);
    public static readonly FieldDef FlagAgreement = new("stp.flags.agreement", "Agreement", FieldKind.Bool, bitmask: 0x40);
    public static readonly FieldDef FlagForwarding = new("stp.flags.forwarding", "Forwarding", FieldKind.Bool, bitmask: 0x20);
    public static readonly FieldDef FlagLearning = new("stp.flags.learning", "Learning", FieldKind.Bool, bitmask: 0x10);
    public static readonly FieldDef FlagPortRole = new("stp.flags.port_role", "Port Role", FieldKind.UInt8, bitmask: 0x0c, valueNames: RoleNames);
    public static readonly FieldDef FlagProposal = new("stp.flags.proposal", "Proposal", FieldKind.Bool, bitmask: 0x02);
    public static readonly FieldDef FlagTc = new("stp.flags.tc", "Topology Change", FieldKind.Bool, bitmask: 0x01);
    public static readonly FieldDef RootPrio = new("stp.root.prio", "Root Bridge Priority", FieldKind.UInt16);
    public static readonly FieldDef RootExt = new("stp.root.ext", "Root Bridge System ID Extension", FieldKind.UInt16);
    public static readonly FieldDef RootHw = new("stp.root.hw", "Root Bridge System ID", FieldKind.Ether);
    public static readonly FieldDef RootCost = new("stp.root.cost", "Root Path Cost", FieldKind.UInt32);
    public static readonly FieldDef BridgePrio = new("stp.bridge.prio", "Bridge Priority", FieldKind.UInt16);
    public static readonly FieldDef BridgeExt = new("stp.bridge.ext", "Bridge System ID Extension", FieldKind.UInt16);
    public static readonly FieldDef BridgeHw = new("stp.bridge.hw", "Bridge System ID", FieldKind.Ether);
    public static readonly FieldDef Port = new("stp.port", "Port identifier", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef MsgAge = new("stp.msg_age", "Message Age", FieldKind.Double);
    public static readonly FieldDef MaxAge = new("stp.max_age", "Max Age", FieldKind.Double);
    public static readonly FieldDef Hello = new("stp.hello", "Hello Time", FieldKind.Double);
    public static readonly FieldDef Forward = new("stp.forward", "Forward Delay", FieldKind.Double);
    public static readonly FieldDef Version1Length = new("stp.version_1_length", "Version 1 Length", FieldKind.UInt8);
    public static readonly FieldDef PvstTlvType = new("stp.pvst.tlvtype", "Type", FieldKind.UInt16, FieldBase.Hex, valueNames: PvstTlvNames);
    public static readonly FieldDef PvstTlvLen = new("stp.pvst.tlvlen", "Length", FieldKind.UInt16);
    public static readonly FieldDef PvstOrigVlan = new("stp.pvst.origvlan", "Originating VLAN", FieldKind.UInt16);
    public static readonly FieldDef PvstTlvVal = new("stp.pvst.tlvval", "Value", FieldKind.Bytes);

    public static readonly FieldDef[] All =
    [
        ProtocolId, Version, Type, Flags, FlagTcAck, FlagAgreement, FlagForwarding, FlagLearning, FlagPortRole, FlagProposal,
        FlagTc, RootPrio, RootExt, RootHw, RootCost, BridgePrio, BridgeExt, BridgeHw, Port, MsgAge, MaxAge, Hello, Forward,
        Version1Length, PvstTlvType, PvstTlvLen, PvstOrigVlan, PvstTlvVal,
    ];
}
