using System.Text;
using Dissect.Core;

namespace Dissect.Filter.Tests;

/// <summary>A small registry mimicking real fields (kinds as tshark -G fields gives them); no dissectors involved.</summary>
static class TestFields
{
    public static readonly ProtocolDef Eth = new("eth", "Ethernet II", "ETH");
    public static readonly FieldDef EthDst = new("eth.dst", "Destination", FieldKind.Ether);
    public static readonly FieldDef EthSrc = new("eth.src", "Source", FieldKind.Ether);
    public static readonly FieldDef EthAddr = new("eth.addr", "Address", FieldKind.Ether);
    public static readonly FieldDef EthType = new("eth.type", "Type", FieldKind.UInt16, FieldBase.Hex);

    public static readonly ProtocolDef Ip = new("ip", "Internet Protocol Version 4", "IPv4");
    public static readonly FieldDef IpSrc = new("ip.src", "Source Address", FieldKind.IPv4);
    public static readonly FieldDef IpDst = new("ip.dst", "Destination Address", FieldKind.IPv4);
    public static readonly FieldDef IpAddr = new("ip.addr", "Source or Destination Address", FieldKind.IPv4);
    public static readonly FieldDef IpTtl = new("ip.ttl", "Time to Live", FieldKind.UInt8);
    public static readonly FieldDef IpDf = new("ip.flags.df", "Don't fragment", FieldKind.Bool, bitmask: 0x4000);

    public static readonly ProtocolDef Ipv6 = new("ipv6", "Internet Protocol Version 6", "IPv6");
    public static readonly FieldDef Ipv6Src = new("ipv6.src", "Source Address", FieldKind.IPv6);
    public static readonly FieldDef Ipv6Dst = new("ipv6.dst", "Destination Address", FieldKind.IPv6);
    public static readonly FieldDef Ipv6Addr = new("ipv6.addr", "Source or Destination Address", FieldKind.IPv6);

    public static readonly ProtocolDef Tcp = new("tcp", "Transmission Control Protocol", "TCP");
    public static readonly FieldDef TcpSrcPort = new("tcp.srcport", "Source Port", FieldKind.UInt16);
    public static readonly FieldDef TcpDstPort = new("tcp.dstport", "Destination Port", FieldKind.UInt16);
    public static readonly FieldDef TcpPort = new("tcp.port", "Source or Destination Port", FieldKind.UInt16);
    public static readonly FieldDef TcpLen = new("tcp.len", "TCP Segment Len", FieldKind.UInt32);
    public static readonly FieldDef TcpFlags = new("tcp.flags", "Flags", FieldKind.UInt16, FieldBase.Hex, bitmask: 0x0FFF);
    public static readonly FieldDef TcpSyn = new("tcp.flags.syn", "Syn", FieldKind.Bool, bitmask: 0x002);
    public static readonly FieldDef TcpAck = new("tcp.flags.ack", "Acknowledgment", FieldKind.Bool, bitmask: 0x010);
    public static readonly FieldDef TcpRetrans = new("tcp.analysis.retransmission", "Retransmission", FieldKind.None, severity: ExpertSeverity.Note);
    public static readonly FieldDef TcpPayload = new("tcp.payload", "TCP payload", FieldKind.Bytes);
    public static readonly FieldDef TcpAckRtt = new("tcp.analysis.ack_rtt", "RTT to ACK", FieldKind.RelativeTime);

    public static readonly ProtocolDef Udp = new("udp", "User Datagram Protocol", "UDP");
    public static readonly FieldDef UdpPort = new("udp.port", "Source or Destination Port", FieldKind.UInt16);

    public static readonly ProtocolDef Http = new("http", "Hypertext Transfer Protocol", "HTTP");
    public static readonly FieldDef HttpHost = new("http.host", "Host", FieldKind.String);
    public static readonly FieldDef HttpMethod = new("http.request.method", "Request Method", FieldKind.String);

    public static readonly ProtocolDef Dns = new("dns", "Domain Name System", "DNS");
    public static readonly FieldDef DnsQryType = new("dns.qry.type", "Type", FieldKind.UInt16,
        valueNames: new Dictionary<ulong, string> { [1] = "A", [5] = "CNAME", [28] = "AAAA", [255] = "ANY" });
    public static readonly FieldDef DnsQryName = new("dns.qry.name", "Name", FieldKind.String);

    public static readonly ProtocolDef Test = new("test", "Test", "TEST");
    public static readonly FieldDef TestInt = new("test.int", "Signed", FieldKind.Int32);
    public static readonly FieldDef TestDouble = new("test.double", "Double", FieldKind.Double);

    public static FieldRegistry Registry { get; } = Create();

    static FieldRegistry Create()
    {
        var r = new FieldRegistry();
        r.Register(Eth, EthDst, EthSrc, EthAddr, EthType);
        r.Register(Ip, IpSrc, IpDst, IpAddr, IpTtl, IpDf);
        r.Register(Ipv6, Ipv6Src, Ipv6Dst, Ipv6Addr);
        r.Register(Tcp, TcpSrcPort, TcpDstPort, TcpPort, TcpLen, TcpFlags, TcpSyn, TcpAck, TcpRetrans, TcpPayload, TcpAckRtt);
        r.Register(Udp, UdpPort);
        r.Register(Http, HttpHost, HttpMethod);
        r.Register(Dns, DnsQryType, DnsQryName);
        r.Register(Test, TestInt, TestDouble);
        return r;
    }

    static readonly byte[] Mac1 = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
    static readonly byte[] Mac2 = [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];

    static byte[] Ether(byte[] dst, byte[] src, ushort type)
    {
        var b = new byte[14];
        dst.CopyTo(b, 0); src.CopyTo(b, 6);
        b[12] = (byte)(type >> 8); b[13] = (byte)type;
        return b;
    }

    static void AddEth(PacketFields pf, ushort type)
    {
        int t = pf.BeginTree(Eth, 0, 14);
        pf.AddBytes(EthDst, 0, 6); pf.AddBytes(EthAddr, 0, 6);
        pf.AddBytes(EthSrc, 6, 6); pf.AddBytes(EthAddr, 6, 6);
        pf.AddUInt(EthType, 12, 2, type);
        pf.EndTree(t);
    }

    static void AddFrame(PacketFields pf, uint number, long relNs, int len)
    {
        int t = pf.BeginTree(FrameFields.Protocol, 0, len);
        pf.AddUInt(FrameFields.Number, -1, 0, number);
        pf.AddTime(FrameFields.Time, -1, 0, new Timestamp(1_600_000_000 + relNs / 1_000_000_000, (uint)(relNs % 1_000_000_000)));
        pf.AddRelativeTime(FrameFields.TimeRelative, -1, 0, relNs);
        pf.AddUInt(FrameFields.Len, -1, 0, (ulong)len);
        pf.EndTree(t);
    }

    /// <summary>Frame A: Ethernet/IPv4/TCP 51000 → 80 PSH+ACK, "GET / HTTP/1.1\r\nHost: Example.COM\r\n\r\n", 10.1.2.3 → 192.168.1.9, TTL 64, DF.</summary>
    public static PacketFields HttpGet()
    {
        var payload = "GET / HTTP/1.1\r\nHost: Example.COM\r\n\r\n"u8.ToArray();
        var frame = new List<byte>(Ether(Mac1, Mac2, 0x0800));
        frame.AddRange([0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 1, 2, 3, 192, 168, 1, 9]);
        frame.AddRange([0xC7, 0x38, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0x20, 0x00, 0, 0, 0, 0]);
        frame.AddRange(payload);
        var bytes = frame.ToArray();
        var pf = new PacketFields();
        pf.Reset(bytes);
        AddFrame(pf, 1, 1_500_000_000, bytes.Length);
        AddEth(pf, 0x0800);
        int ip = pf.BeginTree(Ip, 14, 20);
        pf.AddBytes(IpSrc, 26, 4); pf.AddBytes(IpAddr, 26, 4);
        pf.AddBytes(IpDst, 30, 4); pf.AddBytes(IpAddr, 30, 4);
        pf.AddUInt(IpTtl, 22, 1, 64);
        pf.AddBool(IpDf, 20, 2, true);
        pf.EndTree(ip);
        int tcp = pf.BeginTree(Tcp, 34, 20 + payload.Length);
        pf.AddUInt(TcpSrcPort, 34, 2, 51000); pf.AddUInt(TcpPort, 34, 2, 51000);
        pf.AddUInt(TcpDstPort, 36, 2, 80); pf.AddUInt(TcpPort, 36, 2, 80);
        pf.AddUInt(TcpLen, -1, 0, (ulong)payload.Length);
        pf.AddUInt(TcpFlags, 46, 2, 0x018);
        pf.AddBool(TcpSyn, 46, 2, false);
        pf.AddBool(TcpAck, 46, 2, true);
        pf.AddRelativeTime(TcpAckRtt, -1, 0, 250_000);
        pf.AddBytes(TcpPayload, 54, payload.Length);
        pf.EndTree(tcp);
        int http = pf.BeginTree(Http, 54, payload.Length);
        pf.AddBytes(HttpMethod, 54, 3);
        pf.AddString(HttpHost, 54 + 22, 11, "Example.COM");
        pf.EndTree(http);
        return pf;
    }

    /// <summary>Frame B: Ethernet/IPv4/TCP 80 → 80 SYN retransmission, 10.1.2.3 → 10.1.2.3, TTL 1, no payload.</summary>
    public static PacketFields SynRetransmission()
    {
        var frame = new List<byte>(Ether(Mac2, Mac2, 0x0800));
        frame.AddRange([0x45, 0, 0, 40, 0, 0, 0, 0, 1, 6, 0, 0, 10, 1, 2, 3, 10, 1, 2, 3]);
        frame.AddRange([0x00, 0x50, 0x00, 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0]);
        var bytes = frame.ToArray();
        var pf = new PacketFields();
        pf.Reset(bytes);
        AddFrame(pf, 2, 3_000_000_000, bytes.Length);
        AddEth(pf, 0x0800);
        int ip = pf.BeginTree(Ip, 14, 20);
        pf.AddBytes(IpSrc, 26, 4); pf.AddBytes(IpAddr, 26, 4);
        pf.AddBytes(IpDst, 30, 4); pf.AddBytes(IpAddr, 30, 4);
        pf.AddUInt(IpTtl, 22, 1, 1);
        pf.AddBool(IpDf, 20, 2, false);
        pf.EndTree(ip);
        int tcp = pf.BeginTree(Tcp, 34, 20);
        pf.AddUInt(TcpSrcPort, 34, 2, 80); pf.AddUInt(TcpPort, 34, 2, 80);
        pf.AddUInt(TcpDstPort, 36, 2, 80); pf.AddUInt(TcpPort, 36, 2, 80);
        pf.AddUInt(TcpLen, -1, 0, 0);
        pf.AddUInt(TcpFlags, 46, 2, 0x002);
        pf.AddBool(TcpSyn, 46, 2, true);
        pf.AddBool(TcpAck, 46, 2, false);
        pf.AddFlag(TcpRetrans, -1, 0);
        pf.EndTree(tcp);
        return pf;
    }

    /// <summary>Frame C: Ethernet/IPv6/UDP 5353 → 53 DNS query AAAA for "www.Example.org", fe80::1 → ff02::fb.</summary>
    public static PacketFields DnsAaaa()
    {
        var frame = new List<byte>(Ether(Mac1, [0x33, 0x33, 0, 0, 0, 0xfb], 0x86dd));
        frame.AddRange([0x60, 0, 0, 0, 0, 8, 17, 255]);
        frame.AddRange([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        frame.AddRange([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb]);
        frame.AddRange([0x14, 0xe9, 0x00, 0x35, 0, 8, 0, 0]);
        frame.AddRange("dnsdata!"u8.ToArray());
        var bytes = frame.ToArray();
        var pf = new PacketFields();
        pf.Reset(bytes);
        AddFrame(pf, 3, 4_250_000_000, bytes.Length);
        AddEth(pf, 0x86dd);
        int ip = pf.BeginTree(Ipv6, 14, 40);
        pf.AddBytes(Ipv6Src, 22, 16); pf.AddBytes(Ipv6Addr, 22, 16);
        pf.AddBytes(Ipv6Dst, 38, 16); pf.AddBytes(Ipv6Addr, 38, 16);
        pf.EndTree(ip);
        int udp = pf.BeginTree(Udp, 54, 8);
        pf.AddUInt(UdpPort, 54, 2, 5353); pf.AddUInt(UdpPort, 56, 2, 53);
        pf.EndTree(udp);
        int dns = pf.BeginTree(Dns, 62, 8);
        pf.AddUInt(DnsQryType, 62, 2, 28);
        pf.AddString(DnsQryName, 62, 2, "www.Example.org");
        pf.EndTree(dns);
        int test = pf.BeginTree(Test, -1, 0);
        pf.AddInt(TestInt, -1, 0, -5);
        pf.AddDouble(TestDouble, -1, 0, 2.5);
        pf.EndTree(test);
        return pf;
    }

    public static DisplayFilter Compile(string text)
    {
        Assert.True(DisplayFilter.TryCompile(text, Registry, out var f, out var e), e?.Render());
        return f!;
    }

    public static string Utf8(ReadOnlySpan<byte> b) => Encoding.UTF8.GetString(b);
}
