namespace Dissect.Analysis.Reassembly;

/// <summary>What went wrong (or was noteworthy) while reassembling. Each kind has a stable expert id
/// (<see cref="ReassemblyAnomaly.ExpertId"/>) so the dissectors can turn it into an expert item (STYLE rule 9).</summary>
public enum ReassemblyAnomalyKind : byte
{
    None = 0,
    // ---- IP fragments ----
    /// <summary>A fragment overlaps data already held and the bytes differ; the first data was kept.</summary>
    FragmentOverlapConflict,
    /// <summary>A fragment ends past the largest datagram allowed (65535 bytes of payload).</summary>
    FragmentTooLong,
    /// <summary>A last fragment (MF=0) disagrees with the end already known, or data lies past that end.</summary>
    FragmentInconsistentEnd,
    /// <summary>An incomplete datagram was dropped because it waited longer than the timeout (capture time).</summary>
    FragmentTimeout,
    /// <summary>An incomplete datagram was dropped to keep the total held bytes under the cap (oldest first).</summary>
    FragmentEvicted,
    // ---- TCP stream ----
    /// <summary>A segment overlaps bytes already received and the bytes differ; the first data was kept.</summary>
    SegmentOverlapConflict,
    /// <summary>Bytes are missing from the stream and the reassembler moved on (also delivered as OnGap).</summary>
    StreamGap,
    /// <summary>The direction's buffered bytes would exceed the per-stream cap: a gap was declared to stay under it.</summary>
    StreamCapExceeded,
    /// <summary>The reassembler's total held bytes exceeded the overall cap: the least recently active direction
    /// was flushed (its holes declared as gaps, its partial PDU delivered truncated).</summary>
    TotalCapExceeded,
    /// <summary>A PDU grew past the per-stream cap without the framer finding its end: delivered truncated.</summary>
    PduTooLarge,
    /// <summary>A partial PDU was delivered truncated (at a gap, FIN, RST or end of capture).</summary>
    TruncatedPdu,
    /// <summary>The framer said "not my protocol / error": the rest of the direction is delivered unframed.</summary>
    FramerError,
    /// <summary>Data arrived after the direction was closed (RST, FIN reached, or explicit finish) and was dropped.</summary>
    DataAfterClose,
    /// <summary>Data lies before the first byte of the stream as learnt from the SYN or first segment; dropped.</summary>
    DataBeforeStart,
}

/// <summary>Direction of a TCP connection as the caller numbers it (Dissect's TcpConversation: flow 1 = A→B).</summary>
public enum TcpDirection : byte { AtoB = 0, BtoA = 1 }

/// <summary>One anomaly, reported through a callback. Frame is where it was detected; RelatedFrame points back
/// (first frame of an evicted datagram, frame that brought the kept data of a conflicting overlap); Offset and Length
/// are stream (TCP) or datagram (IP) byte positions.</summary>
public readonly record struct ReassemblyAnomaly(
    ReassemblyAnomalyKind Kind, long Frame, long RelatedFrame, long Offset, long Length,
    uint Stream = 0, TcpDirection Direction = TcpDirection.AtoB)
{
    /// <summary>Stable expert id (Wireshark's name where it has one).</summary>
    public string ExpertId => ReassemblyFields.ExpertIdOf(Kind);
}

/// <summary>Receives anomalies of the IP fragment reassembler (the TCP reassembler reports through
/// <see cref="IPduConsumer.OnAnomaly"/>).</summary>
public interface IReassemblyAnomalySink
{
    void OnAnomaly(in ReassemblyAnomaly anomaly);
}
