namespace Dissect.Core;

/// <summary>
/// One layer's view of the frame: the whole captured frame, where this layer starts, how many bytes of it were
/// captured and how many the packet really had (reported). Named after Wireshark's tvbuff.
/// </summary>
public readonly ref struct Tvb
{
    public Tvb(ReadOnlySpan<byte> frame, int offset, int reported, int source = 0)
    {
        Frame = frame;
        Offset = Math.Clamp(offset, 0, frame.Length);
        Reported = Math.Max(reported, 0);
        Captured = Math.Min(Reported, frame.Length - Offset);
        Source = source;
    }

    /// <summary>All captured bytes of the frame (or of the data source).</summary>
    public ReadOnlySpan<byte> Frame { get; }
    /// <summary>Start of this layer in <see cref="Frame"/>.</summary>
    public int Offset { get; }
    /// <summary>Bytes of this layer present in the capture.</summary>
    public int Captured { get; }
    /// <summary>Bytes this layer has on the wire (may exceed Captured when the snaplen cut the packet).</summary>
    public int Reported { get; }
    /// <summary>0 for the frame; otherwise the PacketFields data source the bytes come from.</summary>
    public int Source { get; }

    public ReadOnlySpan<byte> Span => Frame.Slice(Offset, Captured);
    public bool IsCut => Captured < Reported;
    public WireReader Reader() => new(Span, Offset, Reported);
}
