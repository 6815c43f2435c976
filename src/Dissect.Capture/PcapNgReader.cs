using System.Text;
using Dissect.Core;

namespace Dissect.Capture;

/// <summary>Block type codes of pcapng.</summary>
internal static class BlockType
{
    public const uint SectionHeader = 0x0A0D0D0A;
    public const uint InterfaceDescription = 1;
    public const uint ObsoletePacket = 2;
    public const uint SimplePacket = 3;
    public const uint NameResolution = 4;
    public const uint InterfaceStatistics = 5;
    public const uint EnhancedPacket = 6;
    public const uint ByteOrderMagic = 0x1A2B3C4D;

    public static string Name(uint type) => type switch
    {
        SectionHeader => "section header",
        InterfaceDescription => "interface description",
        ObsoletePacket => "packet",
        SimplePacket => "simple packet",
        NameResolution => "name resolution",
        InterfaceStatistics => "interface statistics",
        EnhancedPacket => "enhanced packet",
        0x0A => "decryption secrets",
        0x0BAD or 0x40000BAD => "custom",
        _ => $"0x{type:x8}",
    };

    public static bool IsPacket(uint type) => type is EnhancedPacket or SimplePacket or ObsoletePacket;
}

/// <summary>Walks the options of a block (code, length, value padded to 32 bits) without allocating.</summary>
internal ref struct OptionReader(ReadOnlySpan<byte> options, bool bigEndian)
{
    readonly ReadOnlySpan<byte> _options = options;
    int _pos;

    public int Code { get; private set; }
    public ReadOnlySpan<byte> Value { get; private set; }
    /// <summary>Set when the options do not fit the block (what tshark reports as a damaged file).</summary>
    public string? Error { get; private set; }

    public bool MoveNext()
    {
        int left = _options.Length - _pos;
        if (left <= 0) return false;
        if (left < 4) { Error = $"{left} stray bytes where an option header should be"; return false; }
        int code = Endian.U16(_options, _pos, bigEndian), length = Endian.U16(_options, _pos + 2, bigEndian);
        if (code == 0) return false;   // opt_endofopt
        if (length > left - 4) { Error = $"option {code} of length {length} does not fit in the {left - 4} bytes left"; return false; }
        Code = code;
        Value = _options.Slice(_pos + 4, length);
        _pos += 4 + Math.Min((length + 3) & ~3, left - 4);
        return true;
    }

    public static string Text(ReadOnlySpan<byte> value)
    {
        int n = value.Length;
        while (n > 0 && value[n - 1] == 0) n--;   // some writers count a terminating NUL
        return Encoding.UTF8.GetString(value[..n]);
    }
}

/// <summary>
/// Reads a pcapng file block by block from mapped memory: any number of sections, each in its own byte order;
/// IDBs (with if_tsresol, if_tsoffset and the descriptive options), EPBs, SPBs and obsolete Packet Blocks become
/// frames; NRB, ISB, DSB, custom and unknown blocks are skipped. Interface ids are made unique across sections.
/// No allocation per packet: comments are decoded only when <see cref="CurrentComment"/> is asked for.
/// </summary>
public sealed class PcapNgReader : IPacketSource
{
    /// <summary>Blocks are parsed as one span, so one may not pass 2 GiB (tshark stops at about 128 MiB).</summary>
    const uint MaxBlockLength = int.MaxValue - 3;
    const int MinShbLength = 28, MinIdbLength = 20, MinEpbLength = 32, MinPbLength = 32, MinSpbLength = 16;

    readonly struct InterfaceState(ulong ticksPerSecond, long offsetSeconds, int linkType, uint snapLength, uint maxCaptured)
    {
        public readonly ulong TicksPerSecond = ticksPerSecond;
        public readonly long OffsetSeconds = offsetSeconds;
        public readonly int LinkType = linkType;
        public readonly uint SnapLength = snapLength;
        public readonly uint MaxCaptured = maxCaptured;
    }

    readonly ByteSource _src;
    readonly List<CaptureInterface> _interfaces = [];
    readonly List<InterfaceState> _states = [];
    readonly List<CaptureSection> _sections = [];
    long _pos;
    bool _big;
    int _sectionBase, _sectionInterfaces;
    long _number;
    bool _done, _disposed;
    // The options of the packet last returned, for CurrentComment.
    long _optionsOffset;
    int _optionsLength, _commentCount;
    bool _optionsBig, _hasTimestamp;
    string? _comment;
    long _commentFrame;

    PcapNgReader(ByteSource src, string displayName)
    {
        _src = src;
        DisplayName = displayName;
    }

    /// <summary>Reads the first Section Header Block; throws <see cref="CaptureFileException"/> when it is cut short,
    /// damaged or of an unknown version.</summary>
    internal static PcapNgReader Open(ByteSource src, string displayName)
    {
        var r = new PcapNgReader(src, displayName);
        string? error = r.ReadSectionHeader(0, out long length, out _);
        if (error is not null)
            throw CaptureFile.Fail(displayName, error);
        r._pos = length;
        return r;
    }

    public string DisplayName { get; }
    public CaptureFormat Format => CaptureFormat.PcapNg;
    public IReadOnlyList<CaptureInterface> Interfaces => _interfaces;
    /// <summary>Sections read so far, in file order.</summary>
    public IReadOnlyList<CaptureSection> Sections => _sections;
    public string? Warning { get; private set; }
    public long FileLength => _src.Length;
    public bool CurrentHasTimestamp => _hasTimestamp;

    public string? CurrentComment
    {
        get
        {
            if (_commentCount == 0 || _number == 0) return null;
            if (_commentFrame == _number) return _comment;
            var sb = new StringBuilder();
            var opts = new OptionReader(_src.Span(_optionsOffset, _optionsLength), _optionsBig);
            while (opts.MoveNext())
            {
                if (opts.Code != 1) continue;
                if (sb.Length > 0) sb.Append('\n');
                sb.Append(OptionReader.Text(opts.Value));
            }
            _commentFrame = _number;
            return _comment = sb.ToString();
        }
    }

    public bool TryRead(out Frame frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        frame = default;
        while (!_done)
        {
            long remaining = _src.Length - _pos;
            if (remaining == 0) { _done = true; return false; }
            if (remaining < 12)
                return Stop(CutShort(remaining >= 4 ? Endian.U32(_src.Span(_pos, 4), 0, _big) : null));
            var head = _src.Span(_pos, 12);
            uint type = Endian.U32(head, 0, _big);
            if (type == BlockType.SectionHeader)
            {
                string? error = ReadSectionHeader(_pos, out long shbLength, out _);
                if (error is not null) return Stop($"{error}: {CaptureFile.Packets(_number)} read");
                _pos += shbLength;
                continue;
            }
            uint length = Endian.U32(head, 4, _big);
            if (length < 12 || length % 4 != 0)
                return Malformed($"block length {length} is {(length < 12 ? "less than 12" : "not a multiple of 4")}");
            if (length > remaining) return Stop(CutShort(type));
            if (length > MaxBlockLength) return Malformed($"block length {length} is more than Dissect reads ({MaxBlockLength})");
            uint trailer = Endian.U32(_src.Span(_pos + length - 4, 4), 0, _big);
            if (trailer != length) return Malformed($"block length {length} at the start and {trailer} at the end disagree");

            bool packet;
            switch (type)
            {
                case BlockType.InterfaceDescription:
                    if (!ReadInterface(length)) return false;
                    packet = false;
                    break;
                case BlockType.EnhancedPacket:
                case BlockType.ObsoletePacket:
                    packet = ReadPacket(type, length, out frame);
                    if (_done) return false;
                    break;
                case BlockType.SimplePacket:
                    packet = ReadSimplePacket(length, out frame);
                    if (_done) return false;
                    break;
                default:   // NRB, ISB, DSB, custom, journal and unknown blocks carry no packets for us
                    packet = false;
                    break;
            }
            _pos += length;
            if (packet) return true;
        }
        return false;
    }

    /// <summary>Reads an SHB at <paramref name="offset"/> and starts its section. Returns an error text (without the
    /// packet count) when the block is cut short, damaged or of an unknown version.</summary>
    string? ReadSectionHeader(long offset, out long length, out bool cut)
    {
        length = 0;
        cut = false;
        long remaining = _src.Length - offset;
        if (remaining < 12)
        {
            cut = true;
            return offset == 0
                ? $"pcapng section header block is cut short ({remaining} bytes)"
                : $"file appears to be cut short in the middle of a section header block (offset {offset})";
        }
        var head = _src.Span(offset, 12);
        bool big;
        uint bom = Endian.U32(head, 8, false);
        if (bom == BlockType.ByteOrderMagic) big = false;
        else if (bom == 0x4D3C2B1A) big = true;
        else return offset == 0
            ? $"not a pcapng file: byte-order magic 0x{Endian.U32(head, 8, true):x8} is not 0x1a2b3c4d"
            : $"malformed block at offset {offset}: section header block with byte-order magic 0x{Endian.U32(head, 8, true):x8}";
        uint blockLength = Endian.U32(head, 4, big);
        if (blockLength < MinShbLength || blockLength % 4 != 0)
            return $"malformed block at offset {offset}: section header block length {blockLength} is {(blockLength < MinShbLength ? "less than 28" : "not a multiple of 4")}";
        if (blockLength > remaining)
        {
            cut = true;
            return offset == 0
                ? $"pcapng section header block is cut short ({remaining} of {blockLength} bytes)"
                : $"file appears to be cut short in the middle of a section header block (offset {offset})";
        }
        if (blockLength > MaxBlockLength)
            return $"malformed block at offset {offset}: section header block length {blockLength} is more than Dissect reads ({MaxBlockLength})";
        var block = _src.Span(offset, (int)blockLength);
        uint trailer = Endian.U32(block, (int)blockLength - 4, big);
        if (trailer != blockLength)
            return $"malformed block at offset {offset}: block length {blockLength} at the start and {trailer} at the end disagree";
        int major = Endian.U16(block, 12, big), minor = Endian.U16(block, 14, big);
        // tshark reads 1.0 and 1.2 (written by some old tools) and refuses the rest.
        if (!(major == 1 && (minor == 0 || minor == 2)))
            return offset == 0 ? $"pcapng: unknown SHB version {major}.{minor}" : $"pcapng: unknown SHB version {major}.{minor} (section at offset {offset})";
        long sectionLength = (long)Endian.U64(block, 16, big);

        string? hardware = null, os = null, application = null;
        List<string>? comments = null;
        var opts = new OptionReader(block[24..^4], big);
        while (opts.MoveNext())
        {
            switch (opts.Code)
            {
                case 1: (comments ??= []).Add(OptionReader.Text(opts.Value)); break;
                case 2: hardware = OptionReader.Text(opts.Value); break;
                case 3: os = OptionReader.Text(opts.Value); break;
                case 4: application = OptionReader.Text(opts.Value); break;
            }
        }
        if (opts.Error is not null) return $"malformed block at offset {offset}: section header block: {opts.Error}";

        _big = big;
        _sectionBase = _interfaces.Count;
        _sectionInterfaces = 0;
        _sections.Add(new CaptureSection
        {
            Index = _sections.Count, Offset = offset, BigEndian = big, VersionMajor = major, VersionMinor = minor,
            SectionLength = sectionLength, Hardware = hardware, OS = os, Application = application,
            Comments = comments ?? [], FirstInterfaceId = _sectionBase,
        });
        length = blockLength;
        return null;
    }

    bool ReadInterface(uint length)
    {
        if (length < MinIdbLength) return Malformed($"interface description block length {length} is less than {MinIdbLength}");
        var block = _src.Span(_pos, (int)length);
        int linkType = Endian.U16(block, 8, _big);
        uint snap = Endian.U32(block, 12, _big);
        string? name = null, description = null, filter = null, os = null, hardware = null;
        ulong ticks = 1_000_000;
        byte? resolution = null;
        long offset = 0;
        int fcs = -1;
        var raw = new List<CaptureOption>();
        var opts = new OptionReader(block[16..^4], _big);
        while (opts.MoveNext())
        {
            var v = opts.Value;
            raw.Add(new CaptureOption(opts.Code, v.ToArray()));
            switch (opts.Code)
            {
                case 2: name = OptionReader.Text(v); break;
                case 3: description = OptionReader.Text(v); break;
                case 9 when v.Length >= 1:
                    resolution = v[0];
                    int exp = v[0] & 0x7F;
                    if ((v[0] & 0x80) != 0)
                    {
                        if (exp > 62) return Malformed($"if_tsresol 2^-{exp} is finer than Dissect can count");
                        ticks = 1UL << exp;
                    }
                    else
                    {
                        if (exp > 18) return Malformed($"if_tsresol 10^-{exp} is finer than Dissect can count");
                        ticks = 1;
                        for (int i = 0; i < exp; i++) ticks *= 10;
                    }
                    break;
                case 11 when v.Length >= 1: if (v[0] == 0) filter = OptionReader.Text(v[1..]); break;
                case 12: os = OptionReader.Text(v); break;
                case 13 when v.Length >= 1: fcs = v[0]; break;
                case 14 when v.Length == 8: offset = (long)Endian.U64(v, 0, _big); break;
                case 15: hardware = OptionReader.Text(v); break;
            }
        }
        if (opts.Error is not null) return Malformed($"interface description block: {opts.Error}");

        int snapLength = (int)Math.Min(snap, int.MaxValue);
        _interfaces.Add(new CaptureInterface
        {
            Id = _interfaces.Count, LinkType = linkType, SnapLength = snapLength, Name = name, Description = description,
            TicksPerSecond = (long)ticks, TimestampOffsetSeconds = offset, Filter = filter, OS = os, Hardware = hardware,
            FcsLength = fcs, TimestampResolution = resolution, Section = _sections.Count - 1, Options = raw,
        });
        uint max = Math.Max((uint)snapLength, (uint)LinkTypes.MaxCapturedLength(linkType));
        _states.Add(new InterfaceState(ticks, offset, linkType, snap, max));
        _sectionInterfaces++;
        return true;
    }

    /// <summary>An Enhanced Packet Block or an obsolete Packet Block.</summary>
    bool ReadPacket(uint type, uint length, out Frame frame)
    {
        frame = default;
        bool epb = type == BlockType.EnhancedPacket;
        if (length < (epb ? MinEpbLength : MinPbLength))
            return Malformed($"{BlockType.Name(type)} block length {length} is less than {(epb ? MinEpbLength : MinPbLength)}");
        long n = _number + 1;
        var block = _src.Span(_pos, (int)length);
        uint iface = epb ? Endian.U32(block, 8, _big) : Endian.U16(block, 8, _big);
        ulong ticks = ((ulong)Endian.U32(block, 12, _big) << 32) | Endian.U32(block, 16, _big);
        uint captured = Endian.U32(block, 20, _big), original = Endian.U32(block, 24, _big);
        if (iface >= (uint)_sectionInterfaces)
            return Stop($"packet {n} (offset {_pos}) refers to interface {iface}, but its section has {_sectionInterfaces} interface{(_sectionInterfaces == 1 ? "" : "s")}: {CaptureFile.Packets(_number)} read");
        uint room = length - 32;
        if (captured > room) return Malformed($"packet {n} has a captured length of {captured} bytes but the block holds {room}");
        var st = _states[_sectionBase + (int)iface];
        if (captured > st.MaxCaptured)
            return Stop($"packet {n} (offset {_pos}) has a captured length of {captured} bytes, more than the maximum of {st.MaxCaptured}: {CaptureFile.Packets(_number)} read");

        int optionsStart = 28 + (int)((captured + 3) & ~3u);
        int optionsLength = (int)length - 4 - optionsStart;
        int comments = 0;
        var opts = new OptionReader(block.Slice(optionsStart, optionsLength), _big);
        while (opts.MoveNext()) if (opts.Code == 1) comments++;
        if (opts.Error is not null) return Malformed($"packet {n}: {opts.Error}");

        frame = new Frame(n, TimestampMath.FromUnits(ticks, st.TicksPerSecond, st.OffsetSeconds), (int)captured,
            (int)Math.Min(original, int.MaxValue), st.LinkType, _sectionBase + (int)iface, _pos, _src.Memory(_pos + 28, (int)captured));
        Returned(n, true, _pos + optionsStart, optionsLength, comments);
        return true;
    }

    bool ReadSimplePacket(uint length, out Frame frame)
    {
        frame = default;
        if (length < MinSpbLength) return Malformed($"simple packet block length {length} is less than {MinSpbLength}");
        long n = _number + 1;
        if (_sectionInterfaces == 0)
            return Stop($"packet {n} (offset {_pos}) is a simple packet block before any interface description block in its section: {CaptureFile.Packets(_number)} read");
        var st = _states[_sectionBase];
        uint original = Endian.U32(_src.Span(_pos + 8, 4), 0, _big);
        uint captured = Math.Min(original, length - 16);
        if (st.SnapLength != 0) captured = Math.Min(captured, st.SnapLength);
        if (captured > st.MaxCaptured)
            return Stop($"packet {n} (offset {_pos}) has a captured length of {captured} bytes, more than the maximum of {st.MaxCaptured}: {CaptureFile.Packets(_number)} read");
        frame = new Frame(n, default, (int)captured, (int)Math.Min(original, int.MaxValue), st.LinkType, _sectionBase, _pos,
            _src.Memory(_pos + 12, (int)captured), hasTimestamp: false);
        Returned(n, false, 0, 0, 0);
        return true;
    }

    void Returned(long number, bool hasTimestamp, long optionsOffset, int optionsLength, int comments)
    {
        _number = number;
        _hasTimestamp = hasTimestamp;
        _optionsOffset = optionsOffset;
        _optionsLength = optionsLength;
        _optionsBig = _big;
        _commentCount = comments;
    }

    /// <summary>The warning for a block that runs past the end of the file (its type, when that much was read).</summary>
    string CutShort(uint? type)
    {
        if (type is { } t && BlockType.IsPacket(t)) return CaptureFile.CutShort(_number + 1, _pos, _number);
        string what = type is { } u ? (u == BlockType.InterfaceDescription ? "an " : "a ") + BlockType.Name(u) + " block" : "a block header";
        return $"file appears to be cut short in the middle of {what} (offset {_pos}): {CaptureFile.Packets(_number)} read";
    }

    bool Malformed(string reason) => Stop($"malformed block at offset {_pos}: {reason}: {CaptureFile.Packets(_number)} read");

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
