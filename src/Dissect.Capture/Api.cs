using Dissect.Core;

namespace Dissect.Capture;

/// <summary>The two capture file formats Dissect reads and writes.</summary>
public enum CaptureFormat { Pcap, PcapNg }

/// <summary>
/// A source of captured frames (a capture file, or later a live capture). Reading never throws on bad input:
/// <see cref="TryRead"/> returns false at the end of the data or when damage stops it, and then
/// <see cref="Warning"/> says why. <see cref="Frame.Data"/> borrows the source's memory: it stays valid until the
/// source is disposed.
/// </summary>
public interface IPacketSource : IDisposable
{
    CaptureFormat Format { get; }

    /// <summary>Interfaces seen so far, indexed by <see cref="Frame.InterfaceId"/>; grows as pcapng IDBs are read.</summary>
    IReadOnlyList<CaptureInterface> Interfaces { get; }

    /// <summary>Reads the next packet. False at the end of the file, or when a fault stops reading (then
    /// <see cref="Warning"/> is set and every packet before the fault has been returned).</summary>
    bool TryRead(out Frame frame);

    /// <summary>Why reading stopped early, as one user-facing line, or null.</summary>
    string? Warning { get; }

    /// <summary>The comment(s) of the packet last returned, joined with "\n" (pcapng opt_comment), or null.</summary>
    string? CurrentComment { get; }

    /// <summary>False when the packet last returned carries no timestamp (a pcapng Simple Packet Block): its
    /// <see cref="Frame.Time"/> is then zero and tshark shows no frame.time.</summary>
    bool CurrentHasTimestamp { get; }

    /// <summary>Size of the capture in bytes.</summary>
    long FileLength { get; }
}

/// <summary>A capture file that cannot be opened at all. The message is one user-facing line.</summary>
public sealed class CaptureFileException : Exception
{
    public CaptureFileException(string message) : base(message) { }
    public CaptureFileException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>One option of a pcapng block, its value copied out of the file (in the file's byte order).</summary>
public sealed record CaptureOption(int Code, byte[] Value);

/// <summary>
/// A capture interface: the pcap file header, or one pcapng Interface Description Block. <see cref="Id"/> is
/// unique in the file: the interfaces of a later pcapng section are numbered after those of earlier sections.
/// </summary>
public sealed class CaptureInterface
{
    public int Id { get; init; }
    /// <summary>LINKTYPE_* value (16 bits).</summary>
    public int LinkType { get; init; }
    /// <summary>Snapshot length; 0 in pcapng means "no limit".</summary>
    public int SnapLength { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    /// <summary>Timestamp units per second (if_tsresol): 1,000,000 by default, 10^9 for nanosecond pcap.</summary>
    public long TicksPerSecond { get; init; } = 1_000_000;
    /// <summary>if_tsoffset: seconds added to every timestamp of this interface.</summary>
    public long TimestampOffsetSeconds { get; init; }
    /// <summary>if_filter when it is a filter string (type 0).</summary>
    public string? Filter { get; init; }
    /// <summary>if_os.</summary>
    public string? OS { get; init; }
    /// <summary>if_hardware.</summary>
    public string? Hardware { get; init; }
    /// <summary>Length of the FCS at the end of each frame in bytes (pcap link-type FCS bits, pcapng if_fcslen), or -1 when not said.</summary>
    public int FcsLength { get; init; } = -1;
    /// <summary>The raw if_tsresol byte, when the IDB had one (pcap: 6 or 9).</summary>
    public byte? TimestampResolution { get; init; }
    /// <summary>0-based pcapng section the interface belongs to (always 0 for pcap).</summary>
    public int Section { get; init; }
    /// <summary>Every option of the IDB as read (empty for pcap and for interfaces made by hand).</summary>
    public IReadOnlyList<CaptureOption> Options { get; init; } = [];
}

/// <summary>One pcapng section (Section Header Block); pcap files have none.</summary>
public sealed class CaptureSection
{
    public int Index { get; init; }
    public long Offset { get; init; }
    public bool BigEndian { get; init; }
    public int VersionMajor { get; init; }
    public int VersionMinor { get; init; }
    /// <summary>Section length from the SHB, or -1 when not given.</summary>
    public long SectionLength { get; init; }
    /// <summary>shb_hardware.</summary>
    public string? Hardware { get; init; }
    /// <summary>shb_os.</summary>
    public string? OS { get; init; }
    /// <summary>shb_userappl.</summary>
    public string? Application { get; init; }
    public IReadOnlyList<string> Comments { get; init; } = [];
    /// <summary>Global id of the first interface of this section.</summary>
    public int FirstInterfaceId { get; init; }
}

/// <summary>Writes frames into a capture file.</summary>
public interface ICaptureWriter : IDisposable
{
    /// <summary>Appends one frame (its <see cref="Frame.Data"/>, original length, timestamp and interface).
    /// The comment is kept by pcapng (opt_comment) and dropped by pcap, which has no place for it.</summary>
    void Write(in Frame frame, string? comment = null);
    void Flush();
}
