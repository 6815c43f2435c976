using Dissect.Core;
using Dissect.Dissectors.Network.IPv4;

namespace Dissect.Dissectors.Network.IPv6;

/// <summary>Fields of IPv6 (Wireshark's "ipv6"), the options shared by its Hop-by-Hop and Destination Options
/// headers, and its expert items.</summary>
public static class IPv6Fields
{
    public static readonly ProtocolDef Protocol = new("ipv6", "Internet Protocol Version 6", "IPv6");

    public static readonly FieldDef Version = new("ipv6.version", "Version", FieldKind.UInt8);
    public static readonly FieldDef TClass = new("ipv6.tclass", "Traffic Class", FieldKind.UInt32, FieldBase.Hex, bitmask: 0x0ff00000);
    public static readonly FieldDef TClassDscp = new("ipv6.tclass.dscp", "Differentiated Services Codepoint", FieldKind.UInt32, bitmask: 0x0fc00000, valueNames: IPv4Fields.Dscp.ValueNames);
    public static readonly FieldDef TClassEcn = new("ipv6.tclass.ecn", "Explicit Congestion Notification", FieldKind.UInt32, bitmask: 0x00300000, valueNames: IPv4Fields.Ecn.ValueNames);
    public static readonly FieldDef Flow = new("ipv6.flow", "Flow Label", FieldKind.UInt24, FieldBase.Hex, bitmask: 0x0fffff);
    public static readonly FieldDef Plen = new("ipv6.plen", "Payload Length", FieldKind.UInt16);
    public static readonly FieldDef Nxt = new("ipv6.nxt", "Next Header", FieldKind.UInt8, valueNames: IpProtocolNames.Names, flags: FieldFlags.Indexed);
    public static readonly FieldDef Hlim = new("ipv6.hlim", "Hop Limit", FieldKind.UInt8);
    public static readonly FieldDef Src = new("ipv6.src", "Source Address", FieldKind.IPv6, blurb: "Source IPv6 Address", flags: FieldFlags.Indexed);
    public static readonly FieldDef Dst = new("ipv6.dst", "Destination Address", FieldKind.IPv6, blurb: "Destination IPv6 Address", flags: FieldFlags.Indexed);
    public static readonly FieldDef Addr = new("ipv6.addr", "Source or Destination Address", FieldKind.IPv6);

    // ---- options of the Hop-by-Hop and Destination Options headers ----
    /// <summary>One option (a label subtree named after the option: "PadN", "Router Alert" …).</summary>
    public static readonly FieldDef Opt = new("ipv6.opt", "IPv6 Option", FieldKind.None, blurb: "Option");
    public static readonly FieldDef OptType = new("ipv6.opt.type", "Type", FieldKind.UInt8, FieldBase.Hex, valueNames: OptTypeNames, blurb: "Option type");
    public static readonly FieldDef OptTypeAction = new("ipv6.opt.type.action", "Action", FieldKind.UInt8, bitmask: 0xc0, valueNames: ActionNames, blurb: "Action for unrecognized option type");
    public static readonly FieldDef OptTypeChange = new("ipv6.opt.type.change", "May Change", FieldKind.Bool, bitmask: 0x20, bitWidth: 8, blurb: "Whether the option data may change en-route");
    public static readonly FieldDef OptTypeRest = new("ipv6.opt.type.rest", "Low-Order Bits", FieldKind.UInt8, FieldBase.Hex, bitmask: 0x1f, blurb: "Remaining low-order bits");
    public static readonly FieldDef OptLength = new("ipv6.opt.length", "Length", FieldKind.UInt8, blurb: "Option length in octets");
    public static readonly FieldDef OptPad1 = new("ipv6.opt.pad1", "Pad1", FieldKind.None, blurb: "Pad1 Option");
    public static readonly FieldDef OptPadN = new("ipv6.opt.padn", "PadN", FieldKind.Bytes, blurb: "PadN Option");
    public static readonly FieldDef OptRouterAlert = new("ipv6.opt.router_alert", "Router Alert", FieldKind.UInt16, valueNames: RouterAlertNames, blurb: "Router Alert Option");
    public static readonly FieldDef OptTel = new("ipv6.opt.tel", "Tunnel Encapsulation Limit", FieldKind.UInt8, blurb: "How many further levels of encapsulation are permitted");
    public static readonly FieldDef OptJumbo = new("ipv6.opt.jumbo", "Payload Length", FieldKind.UInt32, blurb: "IPv6 (Jumbo) Payload Length");
    public static readonly FieldDef OptHomeAddress = new("ipv6.opt.mipv6.home_address", "MIPv6 Home Address", FieldKind.IPv6);
    public static readonly FieldDef OptUnknown = new("ipv6.opt.unknown", "Unknown Option Payload", FieldKind.Bytes);

    // ---- expert items ----
    public static readonly FieldDef BogusVersion = new("ipv6.bogus_ipv6_version", "Bogus IP version", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);
    public static readonly FieldDef InvalidHeader = new("ipv6.invalid_header", "Invalid IPv6 header", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);
    public static readonly FieldDef PlenExceedsFraming = new("ipv6.plen_exceeds_framing", "IPv6 payload length does not match expected framing length", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);
    public static readonly FieldDef PlenZero = new("ipv6.plen_zero", "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" (TSO))", FieldKind.None, severity: ExpertSeverity.Chat, group: ExpertGroup.Protocol);
    public static readonly FieldDef JumboMissing = new("ipv6.opt.jumbo.missing", "IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef JumboProhibited = new("ipv6.opt.jumbo.prohibited", "When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef JumboTruncated = new("ipv6.opt.jumbo.truncated", "Jumbo Payload option present and jumbo length < 65536", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Protocol);
    public static readonly FieldDef OptInvalidLen = new("ipv6.opt.invalid_len", "Invalid IPv6 option length", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);
    public static readonly FieldDef OptHeaderMismatch = new("ipv6.opt.header_mismatch", "Wrong options extension header for type", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Protocol);

    public static readonly FieldDef[] All =
    [
        Version, TClass, TClassDscp, TClassEcn, Flow, Plen, Nxt, Hlim, Src, Dst, Addr,
        Opt, OptType, OptTypeAction, OptTypeChange, OptTypeRest, OptLength, OptPad1, OptPadN, OptRouterAlert, OptTel,
        OptJumbo, OptHomeAddress, OptUnknown,
        BogusVersion, InvalidHeader, PlenExceedsFraming, PlenZero, JumboMissing, JumboProhibited, JumboTruncated,
        OptInvalidLen, OptHeaderMismatch,
    ];

    static Dictionary<ulong, string> ActionNames => new()
    {
        [0] = "Skip and continue", [1] = "Discard", [2] = "Discard and send ICMP Parameter Problem",
        [3] = "Discard and send ICMP if not multicast",
    };

    static Dictionary<ulong, string> RouterAlertNames => new() { [0] = "MLD", [1] = "RSVP", [2] = "Active Network" };

    /// <summary>Value names of ipv6.opt.type (from tshark 4.0 -G values).</summary>
    /// <remarks>Also the label of each ipv6.opt subtree.</remarks>
    public static Dictionary<ulong, string> OptTypeNames => new()
    {
        [0x0000] = "Pad1",
        [0x0001] = "PadN",
        [0x0004] = "Tunnel Encapsulation Limit",
        [0x0005] = "Router Alert",
        [0x0007] = "CALIPSO",
        [0x0008] = "SMF_DPD",
        [0x000f] = "Performance and Diagnostic Metrics",
        [0x001e] = "Experimental (0x1E)",
        [0x0026] = "Quick-Start",
        [0x0030] = "Path MTU Option",
        [0x0031] = "IOAM Option",
        [0x003e] = "Experimental (0x3E)",
        [0x0041] = "Tunnel Payload Forwarding (TPF) Information",
        [0x005e] = "Experimental (0x5E)",
        [0x0063] = "RPL Option",
        [0x006d] = "MPL Option",
        [0x007e] = "Experimental (0x7E)",
        [0x008a] = "Endpoint Identification",
        [0x008b] = "ILNP Nonce",
        [0x008c] = "Line-Identification Option",
        [0x009e] = "Experimental (0x9E)",
        [0x00be] = "Experimental (0xBE)",
        [0x00c2] = "Jumbo Payload",
        [0x00c9] = "Home Address",
        [0x00de] = "Experimental (0xDE)",
        [0x00ee] = "IP_DFF",
        [0x00fe] = "Experimental (0xFE)",
    };

}
