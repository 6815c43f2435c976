using Dissect.Core;

namespace Dissect.Dissectors.Application.Ntp;

/// <summary>NTP (RFC 5905; control messages RFC 1305 appendix B / mode 6; ntpd private mode 7) fields with tshark
/// 4.0's abbrevs and value names (`tshark -G fields`, `tshark -G values`).</summary>
public static class NtpFields
{
    public static readonly ProtocolDef Protocol = new("ntp", "Network Time Protocol", "NTP");

    public static readonly Dictionary<ulong, string> LeapNames = new()
    {
        [0] = "no warning", [1] = "last minute of the day has 61 seconds", [2] = "last minute of the day has 59 seconds",
        [3] = "unknown (clock unsynchronized)",
    };

    public static readonly Dictionary<ulong, string> ModeNames = new()
    {
        [0] = "reserved", [1] = "symmetric active", [2] = "symmetric passive", [3] = "client", [4] = "server",
        [5] = "broadcast", [6] = "reserved for NTP control message", [7] = "reserved for private use",
    };

    /// <summary>The mode as the Info column names it.</summary>
    internal static readonly string[] InfoModeNames =
        ["reserved", "symmetric active", "symmetric passive", "client", "server", "broadcast", "control", "private"];

    public static readonly Dictionary<ulong, string> CtrlOpcodeNames = new()
    {
        [0] = "reserved", [1] = "read status", [2] = "read variables", [3] = "write variables", [4] = "read clock variables",
        [5] = "write clock variables", [6] = "set trap address/port", [7] = "asynchronous message",
        [8] = "runtime configuration", [9] = "save config to file", [10] = "retrieve MRU (mrulist)",
        [11] = "retrieve ordered list", [12] = "request a client nonce", [31] = "unset trap address/port",
    };

    public static readonly Dictionary<ulong, string> ImplNames = new()
    {
        [0] = "UNIV", [2] = "XNTPD_OLD (pre-IPv6)", [3] = "XNTPD",
    };

    public static readonly Dictionary<ulong, string> ReqCodeNames = new()
    {
        [0] = "PEER_LIST", [1] = "PEER_LIST_SUM", [2] = "PEER_INFO", [3] = "PEER_STATS", [4] = "SYS_INFO", [5] = "SYS_STATS",
        [6] = "IO_STATS", [7] = "MEM_STATS", [8] = "LOOP_INFO", [9] = "TIMER_STATS", [10] = "CONFIG", [11] = "UNCONFIG",
        [12] = "SET_SYS_FLAG", [13] = "CLR_SYS_FLAG", [14] = "MONITOR", [15] = "NOMONITOR", [16] = "GET_RESTRICT",
        [17] = "RESADDFLAGS", [18] = "RESSUBFLAGS", [19] = "UNRESTRICT", [20] = "MON_GETLIST", [21] = "RESET_STATS",
        [22] = "RESET_PEER", [23] = "REREAD_KEYS", [24] = "DO_DIRTY_HACK", [25] = "DONT_DIRTY_HACK", [26] = "TRUSTKEY",
        [27] = "UNTRUSTKEY", [28] = "AUTHINFO", [29] = "TRAPS", [30] = "ADD_TRAP", [31] = "CLR_TRAP", [32] = "REQUEST_KEY",
        [33] = "CONTROL_KEY", [34] = "GET_CTLSTATS", [35] = "GET_LEAPINFO", [36] = "GET_CLOCKINFO", [37] = "SET_CLKFUDGE",
        [38] = "GET_KERNEL", [39] = "GET_CLKBUGINFO", [41] = "SET_PRECISION", [42] = "MON_GETLIST_1",
        [43] = "HOSTNAME_ASSOCID", [44] = "IF_STATS", [45] = "IF_RELOAD",
    };

    // ---- NTP packet (modes 0-5) ----
    public static readonly FieldDef Flags = new("ntp.flags", "Flags", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef FlagLi = new("ntp.flags.li", "Leap Indicator", FieldKind.UInt8, bitmask: 0xC0, valueNames: LeapNames);
    public static readonly FieldDef FlagVn = new("ntp.flags.vn", "Version number", FieldKind.UInt8, bitmask: 0x38);
    public static readonly FieldDef FlagMode = new("ntp.flags.mode", "Mode", FieldKind.UInt8, bitmask: 0x07, valueNames: ModeNames, flags: FieldFlags.Indexed);
    public static readonly FieldDef Stratum = new("ntp.stratum", "Peer Clock Stratum", FieldKind.UInt8);
    public static readonly FieldDef Ppoll = new("ntp.ppoll", "Peer Polling Interval", FieldKind.UInt8);
    public static readonly FieldDef Precision = new("ntp.precision", "Peer Clock Precision", FieldKind.UInt8);
    public static readonly FieldDef RootDelay = new("ntp.rootdelay", "Root Delay", FieldKind.UInt32);
    public static readonly FieldDef RootDispersion = new("ntp.rootdispersion", "Root Dispersion", FieldKind.UInt32);
    public static readonly FieldDef RefId = new("ntp.refid", "Reference ID", FieldKind.Bytes);
    public static readonly FieldDef RefTime = new("ntp.reftime", "Reference Timestamp", FieldKind.AbsoluteTime);
    public static readonly FieldDef Org = new("ntp.org", "Origin Timestamp", FieldKind.AbsoluteTime);
    public static readonly FieldDef Rec = new("ntp.rec", "Receive Timestamp", FieldKind.AbsoluteTime);
    public static readonly FieldDef Xmt = new("ntp.xmt", "Transmit Timestamp", FieldKind.AbsoluteTime);
    public static readonly FieldDef KeyId = new("ntp.keyid", "Key ID", FieldKind.Bytes);
    public static readonly FieldDef Mac = new("ntp.mac", "Message Authentication Code", FieldKind.Bytes);
    public static readonly FieldDef Ext = new("ntp.ext", "Extension", FieldKind.None);
    public static readonly FieldDef ExtType = new("ntp.ext.type", "Field Type", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef ExtLength = new("ntp.ext.length", "Length", FieldKind.UInt16);
    public static readonly FieldDef ExtValue = new("ntp.ext.value", "Value", FieldKind.Bytes);

    // ---- control messages (mode 6) ----
    public static readonly FieldDef CtrlFlags2 = new("ntp.ctrl.flags2", "Flags 2", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef CtrlR = new("ntp.ctrl.flags2.r", "Response bit", FieldKind.UInt8, bitmask: 0x80);
    public static readonly FieldDef CtrlError = new("ntp.ctrl.flags2.error", "Error bit", FieldKind.UInt8, bitmask: 0x40);
    public static readonly FieldDef CtrlMore = new("ntp.ctrl.flags2.more", "More bit", FieldKind.UInt8, bitmask: 0x20);
    public static readonly FieldDef CtrlOpcode = new("ntp.ctrl.flags2.opcode", "Opcode", FieldKind.UInt8, bitmask: 0x1F, valueNames: CtrlOpcodeNames);
    public static readonly FieldDef CtrlSequence = new("ntp.ctrl.sequence", "Sequence", FieldKind.UInt16);
    public static readonly FieldDef CtrlStatus = new("ntp.ctrl.status", "Status", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef CtrlAssocId = new("ntp.ctrl.associd", "AssociationID", FieldKind.UInt16);
    public static readonly FieldDef CtrlOffset = new("ntp.ctrl.offset", "Offset", FieldKind.UInt16);
    public static readonly FieldDef CtrlCount = new("ntp.ctrl.count", "Count", FieldKind.UInt16);
    public static readonly FieldDef CtrlData = new("ntp.ctrl.data", "Data", FieldKind.None);

    // ---- private messages (mode 7) ----
    public static readonly FieldDef PrivR = new("ntp.priv.flags.r", "Response bit", FieldKind.UInt8, bitmask: 0x80);
    public static readonly FieldDef PrivMore = new("ntp.priv.flags.more", "More bit", FieldKind.UInt8, bitmask: 0x40);
    public static readonly FieldDef PrivAuthSeq = new("ntp.priv.auth_seq", "Auth, sequence", FieldKind.UInt8);
    public static readonly FieldDef PrivAuth = new("ntp.priv.auth", "Auth bit", FieldKind.UInt8, bitmask: 0x80);
    public static readonly FieldDef PrivSeq = new("ntp.priv.seq", "Sequence number", FieldKind.UInt8, bitmask: 0x7F);
    public static readonly FieldDef PrivImpl = new("ntp.priv.impl", "Implementation", FieldKind.UInt8, valueNames: ImplNames);
    public static readonly FieldDef PrivReqCode = new("ntp.priv.reqcode", "Request code", FieldKind.UInt8, valueNames: ReqCodeNames);
    public static readonly FieldDef PrivErr = new("ntp.priv.err", "Err", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef PrivNumItems = new("ntp.priv.numitems", "Number of data items", FieldKind.UInt16);
    public static readonly FieldDef PrivReserved = new("ntp.priv.reserved", "Reserved", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef PrivItemSize = new("ntp.priv.itemsize", "Size of data item", FieldKind.UInt16);

    public static readonly FieldDef[] All =
    [
        Flags, FlagLi, FlagVn, FlagMode, Stratum, Ppoll, Precision, RootDelay, RootDispersion, RefId, RefTime, Org, Rec, Xmt,
        KeyId, Mac, Ext, ExtType, ExtLength, ExtValue,
        CtrlFlags2, CtrlR, CtrlError, CtrlMore, CtrlOpcode, CtrlSequence, CtrlStatus, CtrlAssocId, CtrlOffset, CtrlCount, CtrlData,
        PrivR, PrivMore, PrivAuthSeq, PrivAuth, PrivSeq, PrivImpl, PrivReqCode, PrivErr, PrivNumItems, PrivReserved, PrivItemSize,
    ];
}
