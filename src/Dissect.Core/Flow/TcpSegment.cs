namespace Dissect.Core.Flow;

/// <summary>
/// What the TCP dissector read from one segment, handed to the TCP analysis (conversation index, relative
/// numbers, sequence analysis) and filled in by it. Protocol-neutral enough to live in Core so that neither the
/// dissector nor the analysis references the other (DESIGN.md: arrows point one way).
/// </summary>
public struct TcpSegment
{
    // ---- read by the dissector ----
    public ushort SrcPort, DstPort;
    public uint Seq, Ack;
    /// <summary>The 12 flag bits (NS/AE .. FIN).</summary>
    public ushort Flags;
    public ushort WindowRaw;
    public int HeaderOffset;      // frame offset of the TCP header
    public int HeaderLength;
    public int PayloadOffset;     // frame offset of the payload
    public int PayloadLength;     // reported payload length (tcp.len)
    public int PayloadCaptured;   // bytes of the payload present in the capture
    public int Mss;               // -1 when absent
    public int WindowScale;       // shift from the WS option, -1 when absent
    public bool SackPermitted;
    public int SackBlockCount;    // up to 4
    public SackBlocks Sack;
    public bool HasTimestamp;
    public uint TsVal, TsEcr;

    // ---- filled by the analysis (when present) ----
    public bool Analyzed;
    public uint Stream;
    /// <summary>The analysis flags raised on this segment (Dissect.Analysis's TcpAnalysisFlags bits).</summary>
    public uint AnalysisFlags;
    /// <summary>0: sent by the conversation's first endpoint (A), 1: by the other (B). Fixed for the connection.</summary>
    public byte Direction;
    public uint RelSeq, RelAck, RelNextSeq;
    /// <summary>Window after scaling (the raw window when the scale is unknown or unused: see <see cref="WindowScaleFactor"/>).</summary>
    public long WindowScaled;
    /// <summary>tcp.window_size_scalefactor of a non-SYN segment: the multiplier (1 &lt;&lt; shift) when the scale is
    /// known, -1 when unknown (SYN not seen), -2 when scaling is not used; 0 on a SYN.</summary>
    public int WindowScaleFactor;
    /// <summary>Text for the Info column prefix, e.g. "[TCP Retransmission] ", set by the analysis.</summary>
    public string? InfoPrefix;
    /// <summary>Text appended to the Info column by the analysis (rare, detail).</summary>
    public string? InfoSuffix;

    public const ushort FIN = 0x001, SYN = 0x002, RST = 0x004, PSH = 0x008, ACK = 0x010, URG = 0x020,
        ECE = 0x040, CWR = 0x080, AE = 0x100;
}

[System.Runtime.CompilerServices.InlineArray(8)]
public struct SackBlocks { uint _e0; }

/// <summary>TCP sequence analysis hook, implemented in Dissect.Analysis and given to the TCP dissector through
/// <see cref="DissectContext.Tcp"/>.</summary>
public interface ITcpAnalyzer
{
    /// <summary>Called for every TCP segment once the header and options were read (ctx.NetSrc/NetDst set):
    /// fills the analysis part of <paramref name="segment"/> (stream, relative numbers, scaled window). Adds no
    /// fields.</summary>
    void Analyze(ref TcpSegment segment, DissectContext ctx);

    /// <summary>Called by the TCP dissector after its header fields: adds the SEQ/ACK analysis subtree
    /// (tcp.analysis.*) for the segment last analysed.</summary>
    void AddFields(in TcpSegment segment, DissectContext ctx);
}

/// <summary>UDP conversation hook (udp.stream).</summary>
public interface IUdpAnalyzer
{
    /// <summary>Returns the udp.stream index of the datagram.</summary>
    uint StreamOf(DissectContext ctx, ushort srcPort, ushort dstPort);
    /// <summary>Later datagrams between <paramref name="client"/> (any port) and <paramref name="server"/>:
    /// <paramref name="serverPort"/> share one udp.stream, numbered when the first of them comes: Wireshark's
    /// conversation with a wildcard port, as a portmapper's GETPORT reply over UDP makes for the port it gives.</summary>
    void Expect(in Address server, ushort serverPort, in Address client);
}
