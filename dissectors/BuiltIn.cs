using Dissect.Core;

namespace Dissect.Dissectors;

/// <summary>
/// The one explicit list of every dissector (STYLE rule 3: no reflection, no hidden static registration).
/// Each protocol's fields are registered with its dissector.
/// </summary>
public static class BuiltIn
{
    /// <summary>Creates a registry and tables holding every built-in dissector.</summary>
    public static DissectorTables CreateTables()
    {
        var registry = new FieldRegistry();
        var tables = new DissectorTables(registry);
        Register(tables);
        return tables;
    }

    public static void Register(DissectorTables t)
    {
        var r = t.Registry;
        // ---- Link and network layer ----
        // (link+network dissectors register here)
        r.Register(Link.Ethernet.EthernetFields.Protocol, Link.Ethernet.EthernetFields.All);
        t.Add(new Link.Ethernet.EthernetDissector());
        r.Register(Link.Llc.LlcFields.Protocol, Link.Llc.LlcFields.All);
        t.Add(new Link.Llc.LlcDissector());
        r.Register(Link.Vlan.VlanFields.Protocol, Link.Vlan.VlanFields.All);
        t.Add(new Link.Vlan.VlanDissector());
        r.Register(Link.Ieee8021ad.Ieee8021adFields.Protocol, Link.Ieee8021ad.Ieee8021adFields.All);
        t.Add(new Link.Ieee8021ad.Ieee8021adDissector());
        r.Register(Link.Sll.SllFields.Protocol, Link.Sll.SllFields.All);
        t.Add(new Link.Sll.SllDissector());
        r.Register(Link.Null.NullFields.Protocol, Link.Null.NullFields.All);
        t.Add(new Link.Null.NullDissector());
        r.Register(Link.Raw.RawFields.Protocol, Link.Raw.RawFields.All);
        t.Add(new Link.Raw.RawDissector());
        r.Register(Network.Arp.ArpFields.Protocol, Network.Arp.ArpFields.All);
        t.Add(new Network.Arp.ArpDissector());
        r.Register(Network.IPv4.IPv4Fields.Protocol, Network.IPv4.IPv4Fields.All);
        t.Add(new Network.IPv4.IPv4Dissector());
        r.Register(Network.IPv6.IPv6Fields.Protocol, Network.IPv6.IPv6Fields.All);
        t.Add(new Network.IPv6.IPv6Dissector());
        r.Register(Network.IPv6.IPv6ExtFields.HopOpts, Network.IPv6.IPv6ExtFields.HopOptsAll);
        t.Add(Network.IPv6.IPv6OptionsDissector.HopByHop());
        r.Register(Network.IPv6.IPv6ExtFields.Routing, Network.IPv6.IPv6ExtFields.RoutingAll);
        t.Add(new Network.IPv6.IPv6RoutingDissector());
        r.Register(Network.IPv6.IPv6ExtFields.FragHdr, Network.IPv6.IPv6ExtFields.FragHdrAll);
        t.Add(new Network.IPv6.IPv6FragmentDissector());
        r.Register(Network.IPv6.IPv6ExtFields.DstOpts, Network.IPv6.IPv6ExtFields.DstOptsAll);
        t.Add(Network.IPv6.IPv6OptionsDissector.Destination());

        r.Register(Link.Ppp.PppFields.Protocol, Link.Ppp.PppFields.All);
        t.Add(new Link.Ppp.PppDissector());
        r.Register(Link.Nflog.NflogFields.Protocol, Link.Nflog.NflogFields.All);
        t.Add(new Link.Nflog.NflogDissector());

        // ---- Transport layer ----
        // (transport dissectors register here)
        r.Register(Transport.Udp.UdpFields.Protocol, Transport.Udp.UdpFields.All);
        t.Add(new Transport.Udp.UdpDissector());
        r.Register(Transport.Tcp.TcpFields.Protocol, Transport.Tcp.TcpFields.All);
        t.Add(new Transport.Tcp.TcpDissector());
        r.Register(Transport.Icmp.IcmpFields.Protocol, Transport.Icmp.IcmpFields.All);
        t.Add(new Transport.Icmp.IcmpDissector());
        r.Register(Transport.Icmpv6.Icmpv6Fields.Protocol, Transport.Icmpv6.Icmpv6Fields.All);
        t.Add(new Transport.Icmpv6.Icmpv6Dissector());
        r.Register(Transport.Udp.UdpFields.LiteProtocol, Transport.Udp.UdpFields.LiteAll);
        t.Add(new Transport.Udp.UdpDissector(lite: true));

        // ---- Application layer: DNS family ----
        // (dns dissectors register here)
        r.Register(Application.Dns.DnsFields.Protocol, Application.Dns.DnsFields.All);
        r.Register(Application.Dns.DnsFields.MdnsProtocol);
        r.Register(Application.Dns.DnsFields.LlmnrProtocol);
        t.Add(new Application.Dns.DnsDissector(Application.Dns.DnsVariant.Dns));
        t.Add(new Application.Dns.DnsDissector(Application.Dns.DnsVariant.Mdns));
        t.Add(new Application.Dns.DnsDissector(Application.Dns.DnsVariant.Llmnr));

        // ---- Application layer: TLS (its tls.* fields also serve QUIC's CRYPTO stream) ----
        r.Register(Application.Tls.TlsFields.Protocol, Application.Tls.TlsFields.All);
        r.Register(Application.Tls.X509Fields.Af, Application.Tls.X509Fields.AfAll);
        r.Register(Application.Tls.X509Fields.If, Application.Tls.X509Fields.IfAll);
        r.Register(Application.Tls.X509Fields.Sat, Application.Tls.X509Fields.SatAll);
        t.Add(new Application.Tls.TlsDissector());

        // ---- Application layer: HTTP ----
        r.Register(Application.Http.HttpFields.Protocol, Application.Http.HttpFields.All);
        t.Add(new Application.Http.HttpDissector());

        // ---- Application layer: QUIC ----
        // (quic dissectors register here)
        r.Register(Application.Quic.QuicFields.Protocol, Application.Quic.QuicFields.All);
        t.Add(new Application.Quic.QuicDissector());
        r.Register(Application.Quic.GquicFields.Protocol, Application.Quic.GquicFields.All);
        t.Add(new Application.Quic.GquicDissector());

        // ---- Application layer: ONC RPC and its programs ----
        r.Register(Application.OncRpc.OncRpcFields.Protocol, Application.OncRpc.OncRpcFields.All);
        t.Add(new Application.OncRpc.OncRpcDissector());
        r.Register(Application.OncRpc.Portmap.PortmapFields.Protocol, Application.OncRpc.Portmap.PortmapFields.All);
        t.Add(new Application.OncRpc.Portmap.PortmapDissector());
        r.Register(Application.OncRpc.Nfs.NfsFields.Protocol, Application.OncRpc.Nfs.NfsFields.All);
        t.Add(new Application.OncRpc.Nfs.NfsDissector());
        r.Register(Application.OncRpc.Mount.MountFields.Protocol, Application.OncRpc.Mount.MountFields.All);
        t.Add(new Application.OncRpc.Mount.MountDissector());
        r.Register(Application.OncRpc.Nlm.NlmFields.Protocol, Application.OncRpc.Nlm.NlmFields.All);
        t.Add(new Application.OncRpc.Nlm.NlmDissector());
        r.Register(Application.OncRpc.RpcNamedPrograms.NfsAclProtocol, Application.OncRpc.RpcNamedPrograms.NfsAclAll);
        t.Add(Application.OncRpc.RpcNamedPrograms.NfsAcl());
        r.Register(Application.OncRpc.RpcNamedPrograms.SadmindProtocol, Application.OncRpc.RpcNamedPrograms.SadmindAll);
        t.Add(Application.OncRpc.RpcNamedPrograms.Sadmind());
        r.Register(Application.OncRpc.RpcNamedPrograms.StatProtocol, Application.OncRpc.RpcNamedPrograms.StatAll);
        t.Add(Application.OncRpc.RpcNamedPrograms.Stat());

        // ---- Application layer: DHCP, NTP, SSH, tunnels ----
        // (dhcp/ntp/ssh/tunnel dissectors register here)
        r.Register(Application.Dhcp.DhcpFields.Protocol, Application.Dhcp.DhcpFields.All);
        t.Add(new Application.Dhcp.DhcpDissector());
        r.Register(Application.Ntp.NtpFields.Protocol, Application.Ntp.NtpFields.All);
        t.Add(new Application.Ntp.NtpDissector());
        r.Register(Application.Ssh.SshFields.Protocol, Application.Ssh.SshFields.All);
        t.Add(new Application.Ssh.SshDissector());
        r.Register(Network.Gre.GreFields.Protocol, Network.Gre.GreFields.All);
        t.Add(new Network.Gre.GreDissector());
        r.Register(Link.Erspan.ErspanFields.Protocol, Link.Erspan.ErspanFields.All);
        t.Add(new Link.Erspan.ErspanDissector());
        r.Register(Link.Cmd.CmdFields.Protocol, Link.Cmd.CmdFields.All);
        t.Add(new Link.Cmd.CmdDissector());
        r.Register(Network.Vxlan.VxlanFields.Protocol, Network.Vxlan.VxlanFields.All);
        t.Add(new Network.Vxlan.VxlanDissector());

        // ---- Small protocols named for the Protocol column (misc) ----
        r.Register(Link.Stp.StpFields.Protocol, Link.Stp.StpFields.All);
        t.Add(new Link.Stp.StpDissector());
        t.Add(new Link.Stp.StpDissector(pvst: true));
        r.Register(Link.Loop.LoopFields.Protocol, Link.Loop.LoopFields.All);
        t.Add(new Link.Loop.LoopDissector());
        r.Register(Link.Cdp.CdpFields.Protocol, Link.Cdp.CdpFields.All);
        t.Add(new Link.Cdp.CdpDissector());
        r.Register(Link.Cdp.CdpFields.DtpProtocol, Link.Cdp.CdpFields.DtpAll);
        t.Add(new Link.Cdp.DtpDissector());
        r.Register(Link.Ppp.LcpFields.Protocol, Link.Ppp.LcpFields.All);
        t.Add(new Link.Ppp.LcpDissector());
        r.Register(Network.Igmp.IgmpFields.Protocol, Network.Igmp.IgmpFields.All);
        t.Add(new Network.Igmp.IgmpDissector());
        r.Register(Network.Pim.PimFields.Protocol, Network.Pim.PimFields.All);
        t.Add(new Network.Pim.PimDissector());
        r.Register(Application.Dhcpv6.Dhcpv6Fields.Protocol, Application.Dhcpv6.Dhcpv6Fields.All);
        t.Add(new Application.Dhcpv6.Dhcpv6Dissector());
        r.Register(Application.Nbns.NbnsFields.Protocol, Application.Nbns.NbnsFields.All);
        t.Add(new Application.Nbns.NbnsDissector());
        r.Register(Application.Rip.RipFields.Protocol, Application.Rip.RipFields.All);
        t.Add(new Application.Rip.RipDissector());
        r.Register(Application.Telnet.TelnetFields.Protocol, Application.Telnet.TelnetFields.All);
        t.Add(new Application.Telnet.TelnetDissector());
        r.Register(Application.Pptp.PptpFields.Protocol, Application.Pptp.PptpFields.All);
        t.Add(new Application.Pptp.PptpDissector());
        r.Register(Application.Sip.SipFields.Protocol, Application.Sip.SipFields.All);
        r.Register(Application.Sip.SipFields.SdpProtocol, Application.Sip.SipFields.SdpAll);
        r.Register(Application.Sip.SipFields.MultipartProtocol, Application.Sip.SipFields.MultipartAll);
        var sdp = new Application.Sip.SdpDissector();
        t.Add(new Application.Sip.SipDissector(sdp, new Application.Sip.MultipartDissector(sdp)));
        r.Register(Application.DbLspDisc.DbLspDiscFields.Protocol, Application.DbLspDisc.DbLspDiscFields.All);
        r.Register(Application.DbLspDisc.DbLspDiscFields.JsonProtocol, Application.DbLspDisc.DbLspDiscFields.JsonAll);
        t.Add(new Application.DbLspDisc.DbLspDiscDissector(new Application.DbLspDisc.JsonDissector()));
    }
}
