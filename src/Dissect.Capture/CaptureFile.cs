using Dissect.Core;

namespace Dissect.Capture;

/// <summary>Opens capture files: detects pcap or pcapng by the magic number and maps the file into memory.</summary>
public static class CaptureFile
{
    /// <summary>Opens a pcap or pcapng file. Throws <see cref="CaptureFileException"/> when the file is missing,
    /// unreadable, a directory, empty, not a capture, cut short inside its file header, or of an unsupported version.</summary>
    public static IPacketSource Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw Fail(path, "is a directory");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Fail(path, "no such file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Fail(path, "permission denied", e);
        }
        catch (IOException e)
        {
            throw Fail(path, "cannot be read: " + OneLine(e.Message), e);
        }

        ByteSource source;
        try
        {
            if (stream.Length == 0)
            {
                stream.Dispose();
                throw Fail(path, "empty file");
            }
            source = MappedByteSource.Map(stream);
        }
        catch (CaptureFileException) { throw; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stream.Dispose();
            throw Fail(path, "cannot be mapped into memory: " + OneLine(e.Message), e);
        }
        return Open(source, path);
    }

    /// <summary>Reads a capture held in memory (<paramref name="displayName"/> names it in messages). The frames
    /// borrow <paramref name="bytes"/>.</summary>
    public static IPacketSource Open(ReadOnlyMemory<byte> bytes, string displayName)
    {
        if (bytes.IsEmpty) throw Fail(displayName, "empty file");
        return Open(new MemoryByteSource(bytes), displayName);
    }

    static IPacketSource Open(ByteSource source, string name)
    {
        try
        {
            if (source.Length < 4)
                throw Fail(name, $"file is too short to be a capture file ({source.Length} byte{(source.Length == 1 ? "" : "s")})");
            var magic = source.Span(0, 4);
            if (PcapFileHeader.TryParseMagic(magic, out _, out _)) return PcapReader.Open(source, name);
            if (Endian.U32(magic, 0, big: false) == BlockType.SectionHeader) return PcapNgReader.Open(source, name);
            uint m = Endian.U32(magic, 0, big: true);
            if ((m >> 16) == 0x1F8B) throw Fail(name, "compressed (gzip) captures are not supported; decompress it first");
            throw Fail(name, $"not a pcap or pcapng file (magic 0x{m:x8})");
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Reads the whole file and summarizes it like capinfos.</summary>
    public static CaptureFileInfo Describe(string path)
    {
        using var source = Open(path);
        return Describe(source, path);
    }

    /// <summary>Reads every remaining frame of <paramref name="source"/> and summarizes the capture like capinfos.</summary>
    public static CaptureFileInfo Describe(IPacketSource source, string path)
    {
        long packets = 0, data = 0, captured = 0;
        Timestamp? first = null, last = null, earliest = null, latest = null;
        bool ordered = true;
        var perInterface = new List<long>();
        var comments = new List<PacketComment>();
        int minCap = int.MaxValue, maxCap = 0;
        bool anyCut = false;
        Timestamp previous = default;
        bool havePrevious = false;
        while (source.TryRead(out var frame))
        {
            packets++;
            data += frame.OriginalLength;
            captured += frame.CapturedLength;
            while (perInterface.Count <= frame.InterfaceId) perInterface.Add(0);
            perInterface[frame.InterfaceId]++;
            if (frame.CapturedLength < frame.OriginalLength)
            {
                anyCut = true;
                minCap = Math.Min(minCap, frame.CapturedLength);
                maxCap = Math.Max(maxCap, frame.CapturedLength);
            }
            if (source.CurrentComment is { } c) comments.Add(new PacketComment(frame.Number, c));
            if (!source.CurrentHasTimestamp) continue;
            var t = frame.Time;
            first ??= t;
            last = t;
            if (earliest is null || t.CompareTo(earliest.Value) < 0) earliest = t;
            if (latest is null || t.CompareTo(latest.Value) > 0) latest = t;
            if (havePrevious && t.CompareTo(previous) < 0) ordered = false;
            previous = t;
            havePrevious = true;
        }

        var interfaces = new List<CaptureInterfaceSummary>();
        foreach (var i in source.Interfaces)
            interfaces.Add(new CaptureInterfaceSummary(i, i.Id < perInterface.Count ? perInterface[i.Id] : 0));
        var encapsulations = new List<EncapsulationCount>();
        foreach (var s in interfaces)
        {
            if (s.Packets == 0) continue;
            int k = encapsulations.FindIndex(e => e.LinkType == s.Interface.LinkType);
            if (k < 0) encapsulations.Add(new EncapsulationCount(s.Interface.LinkType, s.Packets));
            else encapsulations[k] = encapsulations[k] with { Packets = encapsulations[k].Packets + s.Packets };
        }

        var pcap = source as PcapReader;
        return new CaptureFileInfo
        {
            Path = path,
            Format = source.Format,
            FileType = source.Format == CaptureFormat.PcapNg ? "Wireshark/... - pcapng"
                : pcap is { Header.Nanosecond: true } ? "Wireshark/tcpdump/... - nanosecond pcap" : "Wireshark/tcpdump/... - pcap",
            FileSize = source.FileLength,
            PacketCount = packets,
            DataBytes = data,
            CapturedBytes = captured,
            FirstTime = first,
            LastTime = last,
            EarliestTime = earliest,
            LatestTime = latest,
            StrictTimeOrder = ordered,
            SnapLength = pcap is null ? null : (long)pcap.Header.SnapLength,
            InferredSnapLength = anyCut ? (minCap, maxCap) : null,
            Interfaces = interfaces,
            Encapsulations = encapsulations,
            Sections = (source as PcapNgReader)?.Sections ?? [],
            PacketComments = comments,
            Warning = source.Warning,
        };
    }

    internal static CaptureFileException Fail(string name, string reason, Exception? inner = null)
    {
        string message = "dissect: " + OneLine(name) + ": " + reason;
        return inner is null ? new CaptureFileException(message) : new CaptureFileException(message, inner);
    }

    internal static string Packets(long n) => n == 1 ? "1 packet" : n + " packets";

    internal static string CutShort(long packet, long offset, long read)
        => $"file appears to be cut short in the middle of packet {packet} (offset {offset}): {Packets(read)} read";

    static string OneLine(string s) => s.ReplaceLineEndings(" ");
}

/// <summary>A packet's comment, for <c>dissect info</c>.</summary>
public sealed record PacketComment(long FrameNumber, string Text);

/// <summary>An interface and the number of packets read from it.</summary>
public sealed record CaptureInterfaceSummary(CaptureInterface Interface, long Packets);

/// <summary>A link type in use and the number of packets with it (capinfos' "Encapsulation in use by packets").</summary>
public sealed record EncapsulationCount(int LinkType, long Packets)
{
    public string Description => LinkTypes.Describe(LinkType);
}

/// <summary>What <c>dissect info</c> prints about a capture (the facts capinfos gives).</summary>
public sealed record CaptureFileInfo
{
    public required string Path { get; init; }
    public required CaptureFormat Format { get; init; }
    /// <summary>capinfos' "File type": "Wireshark/tcpdump/... - pcap", "Wireshark/tcpdump/... - nanosecond pcap"
    /// or "Wireshark/... - pcapng".</summary>
    public required string FileType { get; init; }
    public required long FileSize { get; init; }
    public required long PacketCount { get; init; }
    /// <summary>Sum of the original (on the wire) lengths: capinfos' "Data size".</summary>
    public required long DataBytes { get; init; }
    /// <summary>Sum of the captured lengths.</summary>
    public required long CapturedBytes { get; init; }
    /// <summary>Time of the first packet that has one (capinfos' "First packet time" is the earliest).</summary>
    public Timestamp? FirstTime { get; init; }
    public Timestamp? LastTime { get; init; }
    public Timestamp? EarliestTime { get; init; }
    public Timestamp? LatestTime { get; init; }
    /// <summary>True when no packet is older than the one before it.</summary>
    public bool StrictTimeOrder { get; init; }
    /// <summary>Snapshot length of the pcap file header; null for pcapng (see the interfaces).</summary>
    public long? SnapLength { get; init; }
    /// <summary>Smallest and largest captured length among packets cut by the snapshot length (capinfos'
    /// "Packet size limit: inferred"), or null when no packet was cut.</summary>
    public (int Min, int Max)? InferredSnapLength { get; init; }
    public IReadOnlyList<CaptureInterfaceSummary> Interfaces { get; init; } = [];
    /// <summary>Link types of the packets, with counts; more than one means capinfos' "Per packet" encapsulation.</summary>
    public IReadOnlyList<EncapsulationCount> Encapsulations { get; init; } = [];
    /// <summary>pcapng sections (hardware, OS, application, comments); empty for pcap.</summary>
    public IReadOnlyList<CaptureSection> Sections { get; init; } = [];
    public IReadOnlyList<PacketComment> PacketComments { get; init; } = [];
    /// <summary>Why reading stopped early (cut short, damaged), or null when the whole file was read.</summary>
    public string? Warning { get; init; }
}
