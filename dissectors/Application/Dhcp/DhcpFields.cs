using Dissect.Core;

namespace Dissect.Dissectors.Application.Dhcp;

/// <summary>
/// DHCP/BOOTP (RFC 951, 2131, 2132) fields with tshark 4.0's abbrevs (`tshark -G fields | grep -P '\tdhcp\.'`).
/// tshark 4.0 calls the protocol "dhcp" whether or not the packet carries a DHCP message type; the Protocol column
/// says "DHCP" when option 53 is present and "BOOTP" otherwise.
/// </summary>
public static class DhcpFields
{
    public static readonly ProtocolDef Protocol = new("dhcp", "Dynamic Host Configuration Protocol", "DHCP");

    public static readonly Dictionary<ulong, string> OpNames = new() { [1] = "Boot Request", [2] = "Boot Reply" };

    public static readonly Dictionary<ulong, string> MessageTypeNames = new()
    {
        [1] = "Discover", [2] = "Offer", [3] = "Request", [4] = "Decline", [5] = "ACK", [6] = "NAK", [7] = "Release",
        [8] = "Inform", [9] = "Force Renew", [10] = "Lease query", [11] = "Lease Unassigned", [12] = "Lease Unknown",
        [13] = "Lease Active", [14] = "Bulk Lease Query", [15] = "Lease Query Done", [16] = "Active LeaseQuery",
        [17] = "Lease Query Status", [18] = "TLS",
    };

    public static readonly Dictionary<ulong, string> HwTypeNames = new()
    {
        [1] = "Ethernet", [6] = "IEEE 802 Networks", [7] = "ARCNET", [15] = "Frame Relay", [16] = "ATM",
        [20] = "Serial Line", [32] = "InfiniBand",
    };

    public static readonly Dictionary<ulong, string> OverloadNames = new()
    {
        [1] = "Boot file name holds options", [2] = "Server host name holds options",
        [3] = "Boot file name and server host name hold options",
    };

    public static readonly Dictionary<ulong, string> NodeTypeNames = new()
    {
        [1] = "B-node", [2] = "P-node", [4] = "M-node", [8] = "H-node",
    };

    // ---- fixed header ----
    public static readonly FieldDef Bootp = new("dhcp.bootp", "Frame is BOOTP", FieldKind.Bool);
    public static readonly FieldDef Type = new("dhcp.type", "Message type", FieldKind.UInt8, valueNames: OpNames, flags: FieldFlags.Indexed);
    public static readonly FieldDef HwType = new("dhcp.hw.type", "Hardware type", FieldKind.UInt8, FieldBase.Hex, valueNames: HwTypeNames);
    public static readonly FieldDef HwLen = new("dhcp.hw.len", "Hardware address length", FieldKind.UInt8);
    public static readonly FieldDef Hops = new("dhcp.hops", "Hops", FieldKind.UInt8);
    public static readonly FieldDef Id = new("dhcp.id", "Transaction ID", FieldKind.UInt32, FieldBase.Hex, flags: FieldFlags.Indexed);
    public static readonly FieldDef Secs = new("dhcp.secs", "Seconds elapsed", FieldKind.UInt16);
    public static readonly FieldDef Flags = new("dhcp.flags", "Bootp flags", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef FlagBroadcast = new("dhcp.flags.bc", "Broadcast flag", FieldKind.Bool, bitmask: 0x8000, bitWidth: 16);
    public static readonly FieldDef FlagReserved = new("dhcp.flags.reserved", "Reserved flags", FieldKind.UInt16, FieldBase.Hex, bitmask: 0x7FFF);
    public static readonly FieldDef IpClient = new("dhcp.ip.client", "Client IP address", FieldKind.IPv4);
    public static readonly FieldDef IpYour = new("dhcp.ip.your", "Your (client) IP address", FieldKind.IPv4, flags: FieldFlags.Indexed);
    public static readonly FieldDef IpServer = new("dhcp.ip.server", "Next server IP address", FieldKind.IPv4);
    public static readonly FieldDef IpRelay = new("dhcp.ip.relay", "Relay agent IP address", FieldKind.IPv4);
    public static readonly FieldDef HwAddr = new("dhcp.hw.addr", "Client hardware address", FieldKind.Bytes);
    public static readonly FieldDef HwAddrPadding = new("dhcp.hw.addr_padding", "Client hardware address padding", FieldKind.Bytes);
    public static readonly FieldDef HwMacAddr = new("dhcp.hw.mac_addr", "Client MAC address", FieldKind.Ether, flags: FieldFlags.Indexed);
    public static readonly FieldDef Server = new("dhcp.server", "Server host name", FieldKind.String);
    public static readonly FieldDef File = new("dhcp.file", "Boot file name", FieldKind.String);
    public static readonly FieldDef Cookie = new("dhcp.cookie", "Magic cookie", FieldKind.IPv4);
    public static readonly FieldDef VendorSpecificOptions = new("dhcp.vendor_specific_options", "Bootp vendor specific options", FieldKind.Bytes);

    // ---- option framing ----
    public static readonly FieldDef OptionType = new("dhcp.option.type", "Option", FieldKind.UInt8, valueNames: DhcpOptionNames.ValueNames);
    public static readonly FieldDef OptionLength = new("dhcp.option.length", "Length", FieldKind.UInt8);
    public static readonly FieldDef OptionValue = new("dhcp.option.value", "Value", FieldKind.Bytes);
    public static readonly FieldDef OptionPadding = new("dhcp.option.padding", "Padding", FieldKind.Bytes);
    public static readonly FieldDef OptionEnd = new("dhcp.option.end", "Option End", FieldKind.UInt8);

    // ---- options (one field per option, tshark's names) ----
    public static readonly FieldDef SubnetMask = new("dhcp.option.subnet_mask", "Subnet Mask", FieldKind.IPv4);
    public static readonly FieldDef TimeOffset = new("dhcp.option.time_offset", "Time Offset", FieldKind.Int32);
    public static readonly FieldDef Router = new("dhcp.option.router", "Router", FieldKind.IPv4);
    public static readonly FieldDef TimeServer = new("dhcp.option.time_server", "Time Server", FieldKind.IPv4);
    public static readonly FieldDef NameServer = new("dhcp.option.name_server", "Name Server", FieldKind.IPv4);
    public static readonly FieldDef DomainNameServer = new("dhcp.option.domain_name_server", "Domain Name Server", FieldKind.IPv4);
    public static readonly FieldDef LogServer = new("dhcp.option.log_server", "Log Server", FieldKind.IPv4);
    public static readonly FieldDef QuotesServer = new("dhcp.option.quotes_server", "Quotes Server", FieldKind.IPv4);
    public static readonly FieldDef LprServer = new("dhcp.option.lpr_server", "LPR Server", FieldKind.IPv4);
    public static readonly FieldDef ImpressServer = new("dhcp.option.impress_server", "Impress Server", FieldKind.IPv4);
    public static readonly FieldDef ResourceLocationServer = new("dhcp.option.resource_location_server", "Resource Location Server", FieldKind.IPv4);
    public static readonly FieldDef HostName = new("dhcp.option.hostname", "Host Name", FieldKind.String, flags: FieldFlags.Indexed);
    public static readonly FieldDef BootFileSize = new("dhcp.option.boot_file_size", "Boot File Size", FieldKind.UInt16);
    public static readonly FieldDef MeritDumpFile = new("dhcp.option.merit_dump_file", "Merit Dump File", FieldKind.String);
    public static readonly FieldDef DomainName = new("dhcp.option.domain_name", "Domain Name", FieldKind.String);
    public static readonly FieldDef SwapServer = new("dhcp.option.swap_server", "Swap Server", FieldKind.IPv4);
    public static readonly FieldDef RootPath = new("dhcp.option.root_path", "Root Path", FieldKind.String);
    public static readonly FieldDef ExtensionPath = new("dhcp.option.extension_path", "Extensions Path", FieldKind.String);
    public static readonly FieldDef IpForwarding = new("dhcp.option.ip_forwarding", "IP Forwarding", FieldKind.Bool);
    public static readonly FieldDef NonLocalSourceRouting = new("dhcp.option.non_local_source_routing", "Non-Local Source Routing", FieldKind.Bool);
    public static readonly FieldDef MaxDatagramReassemblySize = new("dhcp.option.max_datagram_reassembly_size", "Maximum Datagram Reassembly Size", FieldKind.UInt16);
    public static readonly FieldDef DefaultIpTtl = new("dhcp.option.default_ip_ttl", "Default IP Time-to-Live", FieldKind.UInt8);
    public static readonly FieldDef PathMtuAgingTimeout = new("dhcp.option.path_mtu_aging_timeout", "Path MTU Aging Timeout", FieldKind.UInt32);
    public static readonly FieldDef InterfaceMtu = new("dhcp.option.interface_mtu", "Interface MTU", FieldKind.UInt16);
    public static readonly FieldDef AllSubnetsAreLocal = new("dhcp.option.all_subnets_are_local", "All Subnets are Local", FieldKind.Bool);
    public static readonly FieldDef BroadcastAddress = new("dhcp.option.broadcast_address", "Broadcast Address", FieldKind.IPv4);
    public static readonly FieldDef PerformMaskDiscovery = new("dhcp.option.perform_mask_discovery", "Perform Mask Discovery", FieldKind.Bool);
    public static readonly FieldDef MaskSupplier = new("dhcp.option.mask_supplier", "Mask Supplier", FieldKind.Bool);
    public static readonly FieldDef PerformRouterDiscover = new("dhcp.option.perform_router_discover", "Perform Router Discover", FieldKind.Bool);
    public static readonly FieldDef RouterSolicitationAddress = new("dhcp.option.router_solicitation_address", "Router Solicitation Address", FieldKind.IPv4);
    public static readonly FieldDef StaticRouteIp = new("dhcp.option.static_route.ip", "Destination IP Address", FieldKind.IPv4);
    public static readonly FieldDef StaticRouteRouter = new("dhcp.option.static_route.router", "Destination Router", FieldKind.IPv4);
    public static readonly FieldDef TrailerEncapsulation = new("dhcp.option.trailer_encapsulation", "Trailer Encapsulation", FieldKind.Bool);
    public static readonly FieldDef ArpCacheTimeout = new("dhcp.option.arp_cache_timeout", "ARP Cache Timeout", FieldKind.UInt32);
    public static readonly FieldDef EthernetEncapsulation = new("dhcp.option.ethernet_encapsulation", "Ethernet Encapsulation", FieldKind.Bool);
    public static readonly FieldDef TcpDefaultTtl = new("dhcp.option.tcp_default_ttl", "TCP Default TTL", FieldKind.UInt8);
    public static readonly FieldDef TcpKeepaliveInterval = new("dhcp.option.tcp_keepalive_interval", "TCP Keepalive Interval", FieldKind.UInt32);
    public static readonly FieldDef TcpKeepaliveGarbage = new("dhcp.option.tcp_keepalive_garbage", "TCP Keepalive Garbage", FieldKind.Bool);
    public static readonly FieldDef NisDomain = new("dhcp.option.nis_domain", "Network Information Service Domain", FieldKind.String);
    public static readonly FieldDef NisServer = new("dhcp.option.nis_server", "Network Information Service Server", FieldKind.IPv4);
    public static readonly FieldDef NtpServer = new("dhcp.option.ntp_server", "Network Time Protocol Server", FieldKind.IPv4);
    public static readonly FieldDef NetbiosNameServer = new("dhcp.option.netbios_over_tcpip_name_server", "NetBIOS over TCP/IP Name Server", FieldKind.IPv4);
    public static readonly FieldDef NetbiosDdNameServer = new("dhcp.option.netbios_over_tcpip_dd_name_server", "NetBIOS over TCP/IP Datagram Distribution Name Server", FieldKind.IPv4);
    public static readonly FieldDef NetbiosNodeType = new("dhcp.option.netbios_over_tcpip_node_type", "NetBIOS over TCP/IP Node Type", FieldKind.UInt8, valueNames: NodeTypeNames);
    public static readonly FieldDef NetbiosScope = new("dhcp.option.netbios_over_tcpip_scope", "NetBIOS over TCP/IP Scope", FieldKind.String);
    public static readonly FieldDef XFontServer = new("dhcp.option.xwindows_system_font_server", "X Window System Font Server", FieldKind.IPv4);
    public static readonly FieldDef XDisplayManager = new("dhcp.option.xwindows_system_display_manager", "X Window System Display Manager", FieldKind.IPv4);
    public static readonly FieldDef RequestedIpAddress = new("dhcp.option.requested_ip_address", "Requested IP Address", FieldKind.IPv4);
    public static readonly FieldDef LeaseTime = new("dhcp.option.ip_address_lease_time", "IP Address Lease Time", FieldKind.UInt32);
    public static readonly FieldDef OptionOverload = new("dhcp.option.option_overload", "Option Overload", FieldKind.UInt8, valueNames: OverloadNames);
    public static readonly FieldDef MessageType = new("dhcp.option.dhcp", "DHCP", FieldKind.UInt8, valueNames: MessageTypeNames, flags: FieldFlags.Indexed);
    public static readonly FieldDef ServerId = new("dhcp.option.dhcp_server_id", "DHCP Server Identifier", FieldKind.IPv4);
    public static readonly FieldDef RequestListItem = new("dhcp.option.request_list_item", "Parameter Request List Item", FieldKind.UInt8, valueNames: DhcpOptionNames.ValueNames);
    public static readonly FieldDef Message = new("dhcp.option.message", "Message", FieldKind.String);
    public static readonly FieldDef MaxMessageSize = new("dhcp.option.dhcp_max_message_size", "Maximum DHCP Message Size", FieldKind.UInt16);
    public static readonly FieldDef RenewalTime = new("dhcp.option.renewal_time_value", "Renewal Time Value", FieldKind.UInt32);
    public static readonly FieldDef RebindingTime = new("dhcp.option.rebinding_time_value", "Rebinding Time Value", FieldKind.UInt32);
    public static readonly FieldDef VendorClassId = new("dhcp.option.vendor_class_id", "Vendor class identifier", FieldKind.String);
    public static readonly FieldDef ClientIdType = new("dhcp.client_id.type", "Type", FieldKind.UInt8, valueNames: HwTypeNames);
    public static readonly FieldDef ClientId = new("dhcp.client_id", "Identifier", FieldKind.Bytes);
    public static readonly FieldDef ClientIdUndef = new("dhcp.client_id.undef", "Client Identifier", FieldKind.String);
    public static readonly FieldDef ClientIdIaid = new("dhcp.client_id.iaid", "IAID", FieldKind.String);
    public static readonly FieldDef ClientIdDuidType = new("dhcp.client_id.duid_type", "DUID Type", FieldKind.UInt16);
    public static readonly FieldDef ClientIdDuidLltHwType = new("dhcp.client_id.duid_llt_hw_type", "Hardware type", FieldKind.UInt16);
    public static readonly FieldDef ClientIdDuidLlHwType = new("dhcp.client_id.duid_ll_hw_type", "Hardware type", FieldKind.UInt16);
    public static readonly FieldDef ClientIdTime = new("dhcp.client_id.time", "Time", FieldKind.UInt32);
    public static readonly FieldDef ClientIdLinkLayer = new("dhcp.client_id.link_layer_address", "Link layer address", FieldKind.String);
    public static readonly FieldDef ClientIdEnterprise = new("dhcp.client_id.enterprise_num", "Enterprise-number", FieldKind.UInt32);
    public static readonly FieldDef NisPlusDomain = new("dhcp.option.nis_plus_domain", "Network Information Service+ Domain", FieldKind.String);
    public static readonly FieldDef NisPlusServer = new("dhcp.option.nis_plus_server", "Network Information Service+ Server", FieldKind.IPv4);
    public static readonly FieldDef TftpServerName = new("dhcp.option.tftp_server_name", "TFTP Server Name", FieldKind.String);
    public static readonly FieldDef BootfileName = new("dhcp.option.bootfile_name", "Bootfile name", FieldKind.String);
    public static readonly FieldDef MobileIpHomeAgent = new("dhcp.option.mobile_ip_home_agent", "Mobile IP Home Agent", FieldKind.IPv4);
    public static readonly FieldDef SmtpServer = new("dhcp.option.smtp_server", "SMTP Server", FieldKind.IPv4);
    public static readonly FieldDef Pop3Server = new("dhcp.option.pop3_server", "POP3 Server", FieldKind.IPv4);
    public static readonly FieldDef NntpServer = new("dhcp.option.nntp_server", "NNTP Server", FieldKind.IPv4);
    public static readonly FieldDef DefaultWwwServer = new("dhcp.option.default_www_server", "Default WWW Server", FieldKind.IPv4);
    public static readonly FieldDef DefaultFingerServer = new("dhcp.option.default_finger_server", "Default Finger Server", FieldKind.IPv4);
    public static readonly FieldDef DefaultIrcServer = new("dhcp.option.default_irc_server", "Default IRC Server", FieldKind.IPv4);
    public static readonly FieldDef StreetTalkServer = new("dhcp.option.streettalk_server", "StreetTalk Server", FieldKind.IPv4);
    public static readonly FieldDef StreetTalkDaServer = new("dhcp.option.streettalk_da_server", "StreetTalk Directory Assistance Server", FieldKind.IPv4);
    public static readonly FieldDef FqdnFlags = new("dhcp.fqdn.flags", "Flags", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef FqdnMbz = new("dhcp.fqdn.mbz", "Reserved flags", FieldKind.UInt8, FieldBase.Hex, bitmask: 0xF0);
    public static readonly FieldDef FqdnN = new("dhcp.fqdn.n", "Server DDNS", FieldKind.Bool, bitmask: 0x08, bitWidth: 8);
    public static readonly FieldDef FqdnE = new("dhcp.fqdn.e", "Encoding", FieldKind.Bool, bitmask: 0x04, bitWidth: 8);
    public static readonly FieldDef FqdnO = new("dhcp.fqdn.o", "Server overrides", FieldKind.Bool, bitmask: 0x02, bitWidth: 8);
    public static readonly FieldDef FqdnS = new("dhcp.fqdn.s", "Server", FieldKind.Bool, bitmask: 0x01, bitWidth: 8);
    public static readonly FieldDef FqdnRcode1 = new("dhcp.fqdn.rcode1", "A-RR result", FieldKind.UInt8);
    public static readonly FieldDef FqdnRcode2 = new("dhcp.fqdn.rcode2", "PTR-RR result", FieldKind.UInt8);
    public static readonly FieldDef FqdnName = new("dhcp.fqdn.name", "Client name", FieldKind.String);
    public static readonly FieldDef ClasslessStaticRoute = new("dhcp.option.classless_static_route", "Subnet/MaskWidth-Router", FieldKind.Bytes);

    public static readonly FieldDef[] All =
    [
        Bootp, Type, HwType, HwLen, Hops, Id, Secs, Flags, FlagBroadcast, FlagReserved, IpClient, IpYour, IpServer, IpRelay,
        HwAddr, HwAddrPadding, HwMacAddr, Server, File, Cookie, VendorSpecificOptions,
        OptionType, OptionLength, OptionValue, OptionPadding, OptionEnd,
        SubnetMask, TimeOffset, Router, TimeServer, NameServer, DomainNameServer, LogServer, QuotesServer, LprServer,
        ImpressServer, ResourceLocationServer, HostName, BootFileSize, MeritDumpFile, DomainName, SwapServer, RootPath,
        ExtensionPath, IpForwarding, NonLocalSourceRouting, MaxDatagramReassemblySize, DefaultIpTtl, PathMtuAgingTimeout,
        InterfaceMtu, AllSubnetsAreLocal, BroadcastAddress, PerformMaskDiscovery, MaskSupplier, PerformRouterDiscover,
        RouterSolicitationAddress, StaticRouteIp, StaticRouteRouter, TrailerEncapsulation, ArpCacheTimeout,
        EthernetEncapsulation, TcpDefaultTtl, TcpKeepaliveInterval, TcpKeepaliveGarbage, NisDomain, NisServer, NtpServer,
        NetbiosNameServer, NetbiosDdNameServer, NetbiosNodeType, NetbiosScope, XFontServer, XDisplayManager,
        RequestedIpAddress, LeaseTime, OptionOverload, MessageType, ServerId, RequestListItem, Message, MaxMessageSize,
        RenewalTime, RebindingTime, VendorClassId, ClientIdType, ClientId, ClientIdUndef, ClientIdIaid, ClientIdDuidType, ClientIdDuidLltHwType,
        ClientIdDuidLlHwType, ClientIdTime, ClientIdLinkLayer, ClientIdEnterprise, NisPlusDomain, NisPlusServer, TftpServerName,
        BootfileName, MobileIpHomeAgent, SmtpServer, Pop3Server, NntpServer, DefaultWwwServer, DefaultFingerServer,
        DefaultIrcServer, StreetTalkServer, StreetTalkDaServer, FqdnFlags, FqdnMbz, FqdnN, FqdnE, FqdnO, FqdnS,
        FqdnRcode1, FqdnRcode2, FqdnName, ClasslessStaticRoute,
    ];

    /// <summary>What an option's value is: how its specific field is decoded.</summary>
    internal enum Kind : byte { Bytes, IPv4, IPv4List, String, UInt8, UInt16, UInt32, Int32, Bool, StaticRoutes, RequestList, ClientId, Fqdn, MessageType, Overload }

    internal readonly record struct OptionSpec(Kind Kind, FieldDef? Field);

    /// <summary>Decoding of each option code (absent: value bytes only).</summary>
    internal static readonly OptionSpec[] Specs = BuildSpecs();

    static OptionSpec[] BuildSpecs()
    {
        var s = new OptionSpec[256];
        void Set(int code, Kind k, FieldDef? f) => s[code] = new OptionSpec(k, f);
        Set(1, Kind.IPv4, SubnetMask); Set(2, Kind.Int32, TimeOffset); Set(3, Kind.IPv4List, Router);
        Set(4, Kind.IPv4List, TimeServer); Set(5, Kind.IPv4List, NameServer); Set(6, Kind.IPv4List, DomainNameServer);
        Set(7, Kind.IPv4List, LogServer); Set(8, Kind.IPv4List, QuotesServer); Set(9, Kind.IPv4List, LprServer);
        Set(10, Kind.IPv4List, ImpressServer); Set(11, Kind.IPv4List, ResourceLocationServer);
        Set(12, Kind.String, HostName); Set(13, Kind.UInt16, BootFileSize); Set(14, Kind.String, MeritDumpFile);
        Set(15, Kind.String, DomainName); Set(16, Kind.IPv4, SwapServer); Set(17, Kind.String, RootPath);
        Set(18, Kind.String, ExtensionPath); Set(19, Kind.Bool, IpForwarding); Set(20, Kind.Bool, NonLocalSourceRouting);
        Set(22, Kind.UInt16, MaxDatagramReassemblySize); Set(23, Kind.UInt8, DefaultIpTtl);
        Set(24, Kind.UInt32, PathMtuAgingTimeout); Set(26, Kind.UInt16, InterfaceMtu);
        Set(27, Kind.Bool, AllSubnetsAreLocal); Set(28, Kind.IPv4, BroadcastAddress);
        Set(29, Kind.Bool, PerformMaskDiscovery); Set(30, Kind.Bool, MaskSupplier); Set(31, Kind.Bool, PerformRouterDiscover);
        Set(32, Kind.IPv4, RouterSolicitationAddress); Set(33, Kind.StaticRoutes, null);
        Set(34, Kind.Bool, TrailerEncapsulation); Set(35, Kind.UInt32, ArpCacheTimeout);
        Set(36, Kind.Bool, EthernetEncapsulation); Set(37, Kind.UInt8, TcpDefaultTtl);
        Set(38, Kind.UInt32, TcpKeepaliveInterval); Set(39, Kind.Bool, TcpKeepaliveGarbage);
        Set(40, Kind.String, NisDomain); Set(41, Kind.IPv4List, NisServer); Set(42, Kind.IPv4List, NtpServer);
        Set(44, Kind.IPv4List, NetbiosNameServer); Set(45, Kind.IPv4List, NetbiosDdNameServer);
        Set(46, Kind.UInt8, NetbiosNodeType); Set(47, Kind.String, NetbiosScope);
        Set(48, Kind.IPv4List, XFontServer); Set(49, Kind.IPv4List, XDisplayManager);
        Set(50, Kind.IPv4, RequestedIpAddress); Set(51, Kind.UInt32, LeaseTime); Set(52, Kind.Overload, OptionOverload);
        Set(53, Kind.MessageType, MessageType); Set(54, Kind.IPv4, ServerId); Set(55, Kind.RequestList, RequestListItem);
        Set(56, Kind.String, Message); Set(57, Kind.UInt16, MaxMessageSize); Set(58, Kind.UInt32, RenewalTime);
        Set(59, Kind.UInt32, RebindingTime); Set(60, Kind.String, VendorClassId); Set(61, Kind.ClientId, null);
        Set(64, Kind.String, NisPlusDomain); Set(65, Kind.IPv4List, NisPlusServer); Set(66, Kind.String, TftpServerName);
        Set(67, Kind.String, BootfileName); Set(68, Kind.IPv4List, MobileIpHomeAgent); Set(69, Kind.IPv4List, SmtpServer);
        Set(70, Kind.IPv4List, Pop3Server); Set(71, Kind.IPv4List, NntpServer); Set(72, Kind.IPv4List, DefaultWwwServer);
        Set(73, Kind.IPv4List, DefaultFingerServer); Set(74, Kind.IPv4List, DefaultIrcServer);
        Set(75, Kind.IPv4List, StreetTalkServer); Set(76, Kind.IPv4List, StreetTalkDaServer);
        Set(81, Kind.Fqdn, null); Set(121, Kind.Bytes, ClasslessStaticRoute);
        return s;
    }
}
