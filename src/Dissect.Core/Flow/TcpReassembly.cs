namespace Dissect.Core.Flow;

/// <summary>
/// Implemented by a dissector that sits on TCP ("tcp.port" table or its heuristics) and cuts its byte stream into
/// PDUs (STYLE rule 8). The TCP reassembly asks the framer chosen for a connection direction (pinned on its first
/// payload: decode-as → low port → high port → heuristics) how long each PDU is; the dissector is then called once
/// per whole PDU, with one contiguous span. Dissectors on TCP without a framer get the stream's new in-order bytes
/// of each segment as they come (no PDU boundaries known).
/// </summary>
public interface ITcpFramed
{
    IPduFramer TcpFramer { get; }

    /// <summary>Whether a PDU cut short by the connection's end (FIN, RST, a gap, end of capture) is still handed
    /// over (flagged Truncated). HTTP wants them (a body "until the connection closes"); most protocols do not,
    /// and tshark then shows those bytes as TCP only.</summary>
    bool AcceptsCutPdus => false;

    /// <summary>Called with the packet's context right before the framer runs on a segment of this dissector's
    /// connection (a framer that needs the connection's transaction state, e.g. HTTP's "this response answers a
    /// HEAD", reads it from there).</summary>
    void BeforeFraming(DissectContext ctx) { }
}

/// <summary>A framer that takes whatever is contiguous: one "PDU" per delivery (protocols without framing).</summary>
public sealed class PassThroughFramer : IPduFramer
{
    public static readonly PassThroughFramer Instance = new();
    public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore) => FramerResult.Pdu(available.Length);
}

/// <summary>
/// One PDU completed by the current frame, ready for the application dissector: its bytes are
/// <c>ctx.Fields.SourceBytes(Source)[Offset..Offset+Length]</c> (Source 0 = the frame itself, when the PDU lies
/// wholly inside this segment; otherwise a "Reassembled TCP" data source). <see cref="SegmentStart"/> and
/// <see cref="SegmentCount"/> index <see cref="DissectContext.TcpPduFrames"/>: the frames that brought its bytes,
/// in stream order (tcp.segment).
/// </summary>
public readonly record struct TcpPdu(int Source, int Offset, int Length, long FirstFrame, int SegmentStart, int SegmentCount, PduFlags Flags)
{
    public bool Reassembled => Source != 0;
}

/// <summary>What the reassembly did with one segment's payload. <see cref="Dissector"/> is the dissector whose framer
/// cut the PDUs (pinned on the direction's first payload): the PDUs go to it alone (rule 4: a pinned conversation
/// is not re-resolved); null when the bytes were delivered unframed (they go through the port table).</summary>
/// <param name="Direct">Hand this segment's payload straight to the port table (no dissector wants the direction's
/// bytes: they are shown as data segment by segment).</param>
public readonly record struct TcpReassemblyResult(int PdusStart, int PdusCount, int HeldBytes, bool Retransmission, bool GapBefore, IDissector? Dissector = null, bool Direct = false);

/// <summary>
/// TCP stream reassembly hook, implemented in Dissect.Analysis and given to the TCP dissector through
/// <see cref="DissectContext.TcpReassembly"/> (first-pass state). Null: payload goes straight to the port table.
/// </summary>
public interface ITcpReassembly
{
    /// <summary>Feeds the payload of a segment the analysis has seen (<paramref name="segment"/>.Stream and
    /// .Direction set). <paramref name="ports"/> is the "tcp.port" table, used to pick (and pin) the direction's
    /// framer. PDUs completed by this frame are appended to <see cref="DissectContext.TcpPdus"/>.</summary>
    TcpReassemblyResult Add(in TcpSegment segment, ReadOnlySpan<byte> payload, DissectorTable ports, DissectContext ctx);
}
