using Dissect.Core.Flow;

namespace Dissect.Core;

/// <summary>
/// Per-packet state shared by the layers of one frame, reused from packet to packet (no allocation per packet).
/// Lower layers leave what upper ones need (addresses for pseudo-headers, conversations and columns).
/// </summary>
public sealed class DissectContext
{
    public DissectContext(FieldRegistry registry) { Registry = registry; }

    public FieldRegistry Registry { get; }
    public PacketFields Fields { get; } = new();
    public Columns Columns { get; } = new();
    /// <summary>When false, dissectors skip building the Info column.</summary>
    public bool WantColumns { get; set; } = true;

    /// <summary>The frame being dissected.</summary>
    public Frame Frame { get; internal set; }

    /// <summary>Stop above TCP and UDP: no stream reassembly and no application dissector, only encapsulations
    /// (<see cref="IEncapsulation"/>, so tunnelled traffic is still seen). For passes that count conversations and
    /// connections (stats conv,tcp, stats tcp) and need nothing above the transport layer.</summary>
    public bool TransportOnly { get; set; }

    /// <summary>Innermost network-layer addresses seen so far (set by IPv4/IPv6).</summary>
    public Address NetSrc, NetDst;
    /// <summary>Source and destination of every IP layer of the frame that is not inside an ICMP error's quoted
    /// packet, outermost first: what the conversation and endpoint tables count (tshark's IP taps run once per
    /// layer, so a tunnelled frame counts in its outer and its inner conversation, and skip error payloads).</summary>
    public List<(Address Src, Address Dst)> StatsIpLayers { get; } = new();
    /// <summary>Source and destination of every Ethernet layer of the frame, outermost first (a VXLAN frame has two).</summary>
    public List<(Address Src, Address Dst)> StatsEthLayers { get; } = new();
    /// <summary>Innermost link-layer addresses (set by Ethernet and friends).</summary>
    public Address DlSrc, DlDst;
    /// <summary>Number of IP layers so far (tunnels give 2+).</summary>
    public int IpDepth;
    /// <summary>The IP protocol number of the innermost IP layer.</summary>
    public byte IpProto;
    /// <summary>Ports of the innermost transport layer (set by TCP and UDP before handing on the payload).</summary>
    public ushort SrcPort, DstPort;
    /// <summary>True when the innermost IP layer is a fragment that was not reassembled.</summary>
    public bool IpFragment;
    /// <summary>TTL (IPv4) or hop limit (IPv6) of the innermost IP layer (ICMP shows it in Info: "ttl=64").</summary>
    public byte IpTtl;
    /// <summary>True while dissecting the datagram quoted in an ICMP/ICMPv6 error (Wireshark's
    /// pinfo->flags.in_error_pkt): lengths are not checked against the outer packet, no conversation or sequence
    /// state is created, checksums are not verified. Set by ICMP/ICMPv6 (which also freeze the columns).</summary>
    public bool InErrorPacket;

    /// <summary>TCP/UDP analysis (null: no conversation state; relative numbers then equal raw numbers).</summary>
    public ITcpAnalyzer? Tcp { get; set; }
    public IUdpAnalyzer? Udp { get; set; }
    /// <summary>IP fragment reassembly (null: fragments stay data, as tshark shows them without reassembly).</summary>
    public IIpReassembly? IpReassembly { get; set; }
    /// <summary>TCP stream reassembly (null: TCP payload goes straight to the "tcp.port" table, one segment at a time).</summary>
    public ITcpReassembly? TcpReassembly { get; set; }

    /// <summary>PDUs completed by this frame (filled by the TCP reassembly, dissected by the engine one by one).</summary>
    public List<TcpPdu> TcpPdus { get; } = new();
    /// <summary>Frames that brought the bytes of the PDUs in <see cref="TcpPdus"/> (see TcpPdu.SegmentStart).</summary>
    public List<long> TcpPduFrames { get; } = new();
    /// <summary>Index in <see cref="TcpPdus"/> of the PDU being dissected, -1 outside reassembled TCP PDUs.</summary>
    public int TcpPduIndex { get; internal set; } = -1;
    /// <summary>The PDU being dissected (valid when <see cref="TcpPduIndex"/> &gt;= 0).</summary>
    public TcpPdu CurrentTcpPdu => TcpPduIndex >= 0 ? TcpPdus[TcpPduIndex] : default;

    readonly ProtocolDef?[] _stack = new ProtocolDef?[256];
    int _depth;

    /// <summary>The protocols dissected so far in this frame, outermost first (frame.protocols).</summary>
    public ReadOnlySpan<ProtocolDef?> ProtocolStack => _stack.AsSpan(0, _depth);
    public int LayerCount => _depth;

    internal void PushProtocol(ProtocolDef p) { if (_depth < _stack.Length) _stack[_depth++] = p; }
    internal void PopProtocolsTo(int depth) { if (depth < _depth) _depth = Math.Max(0, depth); }

    internal void Begin(in Frame frame)
    {
        Frame = frame;
        Fields.Reset(frame.Data);
        Columns.Reset();
        NetSrc = default; NetDst = default; DlSrc = default; DlDst = default; StatsIpLayers.Clear(); StatsEthLayers.Clear();
        IpDepth = 0; IpProto = 0; IpFragment = false; SrcPort = 0; DstPort = 0; IpTtl = 0; InErrorPacket = false;
        TcpPdus.Clear(); TcpPduFrames.Clear(); TcpPduIndex = -1;
        _depth = 0;
    }

    /// <summary>frame.protocols text ("eth:ethertype:ip:tcp").</summary>
    public string ProtocolsText()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var p in ProtocolStack)
        {
            if (p is null) continue;
            if (sb.Length > 0) sb.Append(':');
            sb.Append(p.Abbrev);
        }
        return sb.ToString();
    }
}
