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

/// <summary>What the reassembly did with one segment's payload.</summary>
public readonly record struct TcpReassemblyResult(int PdusStart, int PdusCount, int HeldBytes, bool Retransmission, bool GapBefore);

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
