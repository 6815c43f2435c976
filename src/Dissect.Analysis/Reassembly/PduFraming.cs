using Dissect.Core.Flow;

namespace Dissect.Analysis.Reassembly;

/// <summary>Which frame brought which bytes of a PDU.</summary>
public readonly record struct PduSegment(long Frame, int Offset, int Length);

/// <summary>Describes one delivered PDU. <see cref="Segments"/> is valid during the callback only.</summary>
public readonly ref struct PduInfo
{
    public uint Stream { get; init; }
    public TcpDirection Direction { get; init; }
    /// <summary>Offset of the first byte in the direction's stream (0 = first byte after the SYN, or the first
    /// byte of the first segment seen).</summary>
    public long StreamOffset { get; init; }
    /// <summary>Frame that brought the PDU's first byte.</summary>
    public long FirstFrame { get; init; }
    /// <summary>Frame whose segment completed the PDU ("reassembled in").</summary>
    public long LastFrame { get; init; }
    public PduFlags Flags { get; init; }
    /// <summary>The frames that brought the PDU's bytes, in stream order (each byte counted once: the first copy).</summary>
    public ReadOnlySpan<PduSegment> Segments { get; init; }
}

/// <summary>Bytes missing from a direction: the stream continues at StreamOffset + MissingBytes.</summary>
public readonly record struct GapInfo(uint Stream, TcpDirection Direction, long StreamOffset, long MissingBytes, long Frame);

/// <summary>Receives the reassembled stream: one contiguous span per PDU, explicit gaps, anomalies.</summary>
public interface IPduConsumer
{
    /// <summary>One PDU (or, with <see cref="PduFlags.Unframed"/>, data the framer did not frame). The span is
    /// borrowed: copy what must outlive the call.</summary>
    void OnPdu(ReadOnlySpan<byte> pdu, in PduInfo info);
    void OnGap(in GapInfo gap);
    void OnAnomaly(in ReassemblyAnomaly anomaly);
}
