namespace Dissect.Core.Flow;

public enum FramerStatus : byte
{
    /// <summary>The first <see cref="FramerResult.Length"/> bytes of the span are one PDU.</summary>
    Pdu,
    /// <summary>No complete PDU yet: call again when at least <see cref="FramerResult.MoreBytes"/> more bytes are
    /// available (0 = unknown, call again on any new byte).</summary>
    NeedMore,
    /// <summary>The first <see cref="FramerResult.Length"/> bytes are not a PDU start (e.g. the tail of a PDU cut
    /// by a gap): hand them over unframed and frame again after them.</summary>
    Skip,
    /// <summary>Not my protocol / unrecoverable error: the rest of the direction is delivered unframed.</summary>
    NotMine,
}

/// <summary>What a framer says about the bytes available at the start of the undelivered stream.</summary>
public readonly struct FramerResult
{
    FramerResult(FramerStatus status, int length, int more) { Status = status; Length = length; MoreBytes = more; }
    public FramerStatus Status { get; }
    public int Length { get; }
    public int MoreBytes { get; }

    public static FramerResult Pdu(int length) => new(FramerStatus.Pdu, length, 0);
    public static FramerResult NeedMore(int atLeast = 0) => new(FramerStatus.NeedMore, 0, Math.Max(0, atLeast));
    public static FramerResult Skip(int length) => new(FramerStatus.Skip, length, 0);
    public static FramerResult NotMine => new(FramerStatus.NotMine, 0, 0);
    public override string ToString() => $"{Status} {Length} {MoreBytes}";
}

/// <summary>
/// A protocol's PDU framer (STYLE rule 8): given the contiguous undelivered bytes of one direction, says how long
/// the first PDU is, or asks for more. Must be pure on its input (no state needed: <paramref name="gapBefore"/>
/// says the bytes do not follow the previous PDU, after a gap or a forced flush, so the framer must resynchronise
/// or give up). Never throws; a length outside 1..available is treated as <see cref="FramerStatus.NotMine"/>.
/// </summary>
public interface IPduFramer
{
    FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore);
}

[Flags]
public enum PduFlags : byte
{
    None = 0,
    /// <summary>Not a whole PDU: the stream was cut (gap, FIN, RST, end of capture, size cap) before its end.</summary>
    Truncated = 1,
    /// <summary>A gap (or forced flush) precedes these bytes.</summary>
    GapBefore = 2,
    /// <summary>Bytes the framer skipped or rejected (Skip / NotMine): data, not a PDU of the protocol.</summary>
    Unframed = 4,
}
