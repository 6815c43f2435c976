using Dissect.Core;

namespace Dissect.Capture;

/// <summary>The 24-byte pcap file header, as read or to be written.</summary>
public readonly record struct PcapFileHeader(
    bool BigEndian, bool Nanosecond, ushort VersionMajor, ushort VersionMinor, int ThisZone, uint SigFigs,
    uint SnapLength, uint LinkTypeField)
{
    public const int Size = 24;

    /// <summary>A version 2.4 little-endian header.</summary>
    public static PcapFileHeader Create(int linkType, int snapLength = 262144, bool nanosecond = false)
        => new(false, nanosecond, 2, 4, 0, 0, (uint)snapLength, (uint)(ushort)linkType);

    /// <summary>The LINKTYPE (low 16 bits of the link-type field).</summary>
    public int LinkType => (int)(LinkTypeField & 0xFFFF);

    /// <summary>FCS length in bytes from the upper bits of the link-type field (the P flag and a count of 16-bit
    /// words), or -1 when the flag is clear.</summary>
    public int FcsLength => (LinkTypeField & 0x0400_0000) != 0 ? (int)(LinkTypeField >> 28) * 2 : -1;

    /// <summary>The reserved bits 16..25 of the link-type field, which must be zero.</summary>
    public uint ReservedLinkTypeBits => LinkTypeField & 0x03FF_0000;

    internal static bool TryParseMagic(ReadOnlySpan<byte> first4, out bool bigEndian, out bool nanosecond)
    {
        uint le = Endian.U32(first4, 0, big: false);
        (bigEndian, nanosecond) = (false, false);
        switch (le)
        {
            case 0xA1B2C3D4: return true;
            case 0xA1B23C4D: nanosecond = true; return true;
            case 0xD4C3B2A1: bigEndian = true; return true;
            case 0x4D3CB2A1: bigEndian = nanosecond = true; return true;
            default: return false;
        }
    }
}

/// <summary>
/// Reads a pcap file (microsecond or nanosecond magic, either byte order, version 2.x) from mapped memory. Each
/// record becomes a <see cref="Frame"/> whose data is a slice of the file: nothing is copied or allocated per packet.
/// </summary>
public sealed class PcapReader : IPacketSource
{
    const int RecordHeaderSize = 16;

    readonly ByteSource _src;
    readonly bool _big, _nano;
    readonly int _versionMinor;
    readonly uint _maxCaptured;
    readonly int _linkType;
    readonly CaptureInterface[] _interfaces;
    long _pos = PcapFileHeader.Size;
    long _number;
    bool _done, _disposed;

    PcapReader(ByteSource src, string displayName, PcapFileHeader header)
    {
        _src = src;
        DisplayName = displayName;
        Header = header;
        _big = header.BigEndian;
        _nano = header.Nanosecond;
        _versionMinor = header.VersionMinor;
        _linkType = header.LinkType;
        _maxCaptured = Math.Max(Math.Min(header.SnapLength, int.MaxValue), (uint)LinkTypes.MaxCapturedLength(_linkType));
        _interfaces =
        [
            new CaptureInterface
            {
                Id = 0, LinkType = _linkType, SnapLength = (int)Math.Min(header.SnapLength, int.MaxValue),
                TicksPerSecond = _nano ? 1_000_000_000 : 1_000_000, TimestampResolution = (byte)(_nano ? 9 : 6),
                FcsLength = header.FcsLength,
            },
        ];
    }

    /// <summary>Checks the file header; throws <see cref="CaptureFileException"/> when it is cut short or not supported.</summary>
    internal static PcapReader Open(ByteSource src, string displayName)
    {
        if (src.Length < PcapFileHeader.Size)
            throw CaptureFile.Fail(displayName, $"pcap file header is cut short ({src.Length} of {PcapFileHeader.Size} bytes)");
        var h = src.Span(0, PcapFileHeader.Size);
        PcapFileHeader.TryParseMagic(h, out bool big, out bool nano);
        var header = new PcapFileHeader(big, nano, Endian.U16(h, 4, big), Endian.U16(h, 6, big), (int)Endian.U32(h, 8, big),
            Endian.U32(h, 12, big), Endian.U32(h, 16, big), Endian.U32(h, 20, big));
        // wiretap refuses major versions below 2 and reads every 2.x; nothing newer than 2.4 was ever defined.
        if (header.VersionMajor != 2)
            throw CaptureFile.Fail(displayName, $"pcap: major version {header.VersionMajor} unsupported");
        if (header.ReservedLinkTypeBits != 0)   // as tshark: "network type reserved field not zero"
            throw CaptureFile.Fail(displayName, $"pcap: network type reserved field not zero (0x{header.ReservedLinkTypeBits:x8})");
        return new PcapReader(src, displayName, header);
    }

    public PcapFileHeader Header { get; }
    public string DisplayName { get; }
    public CaptureFormat Format => CaptureFormat.Pcap;
    public IReadOnlyList<CaptureInterface> Interfaces => _interfaces;
    public string? Warning { get; private set; }
    public string? CurrentComment => null;
    public bool CurrentHasTimestamp => true;
    public long FileLength => _src.Length;

    public bool TryRead(out Frame frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        frame = default;
        if (_done) return false;
        long remaining = _src.Length - _pos;
        if (remaining == 0) { _done = true; return false; }
        long n = _number + 1;
        if (remaining < RecordHeaderSize) return Stop(CaptureFile.CutShort(n, _pos, _number));

        var h = _src.Span(_pos, RecordHeaderSize);
        uint seconds = Endian.U32(h, 0, _big), fraction = Endian.U32(h, 4, _big);
        uint captured = Endian.U32(h, 8, _big), original = Endian.U32(h, 12, _big);
        // Files older than version 2.3 (and some 2.3 writers) swapped the two lengths; libpcap and wiretap undo it.
        if (_versionMinor < 3 || (_versionMinor == 3 && captured > original))
            (captured, original) = (original, captured);
        if (captured > _maxCaptured)
            return Stop($"packet {n} (offset {_pos}) has a captured length of {captured} bytes, more than the maximum of {_maxCaptured}: {CaptureFile.Packets(_number)} read");
        if (captured > remaining - RecordHeaderSize) return Stop(CaptureFile.CutShort(n, _pos, _number));

        frame = new Frame(n, MakeTime(seconds, fraction), (int)captured, (int)Math.Min(original, int.MaxValue), _linkType, 0, _pos,
            _src.Memory(_pos + RecordHeaderSize, (int)captured));
        _pos += RecordHeaderSize + captured;
        _number = n;
        return true;
    }

    /// <summary>
    /// The fraction is kept as written, like tshark and tcpdump do ("(invalid ns)"): a nanosecond field of
    /// 1,000,000,000 or more stays in <see cref="Timestamp.Nanoseconds"/> rather than being carried into the
    /// seconds. Only a microsecond field too big for that (over 4,294,967 µs) is carried.
    /// </summary>
    Timestamp MakeTime(uint seconds, uint fraction)
    {
        if (_nano) return new Timestamp(seconds, fraction);
        ulong ns = fraction * 1000UL;
        return ns <= uint.MaxValue ? new Timestamp(seconds, (uint)ns) : new Timestamp(seconds + (long)(ns / 1_000_000_000), (uint)(ns % 1_000_000_000));
    }

    bool Stop(string warning)
    {
        Warning = warning;
        _done = true;
        return false;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _src.Dispose();
    }
}
