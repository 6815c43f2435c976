using System.Text;
using Dissect.Core;

namespace Dissect.Capture;

/// <summary>Creates capture writers.</summary>
public static class CaptureWriter
{
    /// <summary>A pcap writer (version 2.4, little-endian, microsecond or nanosecond magic). The stream stays open.</summary>
    public static ICaptureWriter CreatePcap(Stream s, int linkType, int snapLength = 262144, bool nanosecond = false)
        => new PcapWriter(s, PcapFileHeader.Create(linkType, snapLength, nanosecond), ownsStream: false);

    /// <summary>A pcap writer with every header field given (byte order, version, thiszone, sigfigs, the full
    /// link-type field): reading a pcap and writing its frames back with <see cref="PcapReader.Header"/> reproduces it.</summary>
    public static ICaptureWriter CreatePcap(Stream s, PcapFileHeader header) => new PcapWriter(s, header, ownsStream: false);

    /// <summary>A pcapng writer: SHB (shb_userappl = <paramref name="application"/>), one IDB per interface (with
    /// if_tsresol when not microseconds), then EPBs; <see cref="PcapNgWriter.WriteStatistics"/> adds ISBs on dispose.
    /// The stream stays open.</summary>
    public static PcapNgWriter CreatePcapNg(Stream s, IReadOnlyList<CaptureInterface> interfaces, string? application = "Dissect")
        => new(s, new PcapNgSectionOptions { Application = application }, interfaces, ownsStream: false);

    /// <summary>Creates (or replaces) a file: pcapng when the extension is .pcapng, otherwise pcap, which holds one
    /// link type (nanosecond pcap when the first interface counts finer than microseconds).</summary>
    public static ICaptureWriter Create(string path, IReadOnlyList<CaptureInterface> interfaces)
    {
        ArgumentNullException.ThrowIfNull(interfaces);
        bool ng = string.Equals(Path.GetExtension(path), ".pcapng", StringComparison.OrdinalIgnoreCase);
        if (!ng)
        {
            if (interfaces.Count == 0) throw new ArgumentException("a pcap file needs an interface (its link type)", nameof(interfaces));
            foreach (var i in interfaces)
                if (i.LinkType != interfaces[0].LinkType)
                    throw new ArgumentException($"a pcap file holds one link type, but the interfaces have {interfaces[0].LinkType} and {i.LinkType}; write .pcapng", nameof(interfaces));
        }
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        try
        {
            if (ng) return new PcapNgWriter(stream, new PcapNgSectionOptions(), interfaces, ownsStream: true);
            var first = interfaces[0];
            var header = PcapFileHeader.Create(first.LinkType, first.SnapLength > 0 ? first.SnapLength : 262144, first.TicksPerSecond > 1_000_000);
            return new PcapWriter(stream, header, ownsStream: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}

/// <summary>Writes pcap records after the file header.</summary>
public sealed class PcapWriter : ICaptureWriter
{
    readonly Stream _stream;
    readonly bool _owns;
    readonly PcapFileHeader _header;
    readonly byte[] _record = new byte[16];
    bool _disposed;

    internal PcapWriter(Stream stream, PcapFileHeader header, bool ownsStream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _owns = ownsStream;
        _header = header;
        bool big = header.BigEndian;
        Span<byte> h = stackalloc byte[PcapFileHeader.Size];
        Endian.Write32(h, 0, header.Nanosecond ? 0xA1B23C4Du : 0xA1B2C3D4u, big);
        Endian.Write16(h, 4, header.VersionMajor, big);
        Endian.Write16(h, 6, header.VersionMinor, big);
        Endian.Write32(h, 8, (uint)header.ThisZone, big);
        Endian.Write32(h, 12, header.SigFigs, big);
        Endian.Write32(h, 16, header.SnapLength, big);
        Endian.Write32(h, 20, header.LinkTypeField, big);
        _stream.Write(h);
    }

    /// <summary>Appends a record. The comment is dropped: pcap has no place for it. Throws
    /// <see cref="ArgumentException"/> for a frame of another link type or a time pcap cannot hold (before 1970 or after 2106).</summary>
    public void Write(in Frame frame, string? comment = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (frame.LinkType != _header.LinkType)
            throw new ArgumentException($"frame {frame.Number} has link type {frame.LinkType}, but this pcap file holds {_header.LinkType}", nameof(frame));
        var t = frame.Time;
        if (t.Seconds < 0 || t.Seconds > uint.MaxValue)
            throw new ArgumentException($"frame {frame.Number}: time {t.Seconds}.{t.Nanoseconds:D9} cannot be written in pcap (seconds must fit in 32 bits)", nameof(frame));
        uint fraction = _header.Nanosecond ? t.Nanoseconds : t.Nanoseconds / 1000;
        uint captured = (uint)frame.Data.Length, original = (uint)frame.OriginalLength;
        if (_header.VersionMajor == 2 && _header.VersionMinor < 3) (captured, original) = (original, captured);   // as those versions stored them
        bool big = _header.BigEndian;
        Endian.Write32(_record, 0, (uint)t.Seconds, big);
        Endian.Write32(_record, 4, fraction, big);
        Endian.Write32(_record, 8, captured, big);
        Endian.Write32(_record, 12, original, big);
        _stream.Write(_record);
        _stream.Write(frame.Data.Span);
    }

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _stream.Flush();
        _disposed = true;
        if (_owns) _stream.Dispose();
    }
}

/// <summary>What the Section Header Block of a written pcapng section says.</summary>
public sealed class PcapNgSectionOptions
{
    /// <summary>shb_userappl.</summary>
    public string? Application { get; init; } = "Dissect";
    /// <summary>shb_hardware.</summary>
    public string? Hardware { get; init; }
    /// <summary>shb_os.</summary>
    public string? OS { get; init; }
    /// <summary>opt_comment, one per line given.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];
    /// <summary>Write the section big-endian (default: little-endian).</summary>
    public bool BigEndian { get; init; }
}

/// <summary>
/// Writes pcapng: a section (SHB and IDBs), then EPBs (with opt_comment). <see cref="StartSection"/> begins another
/// section, whose frames then name its own interfaces (0-based within the section). Interface statistics given to
/// <see cref="WriteStatistics"/> are written as ISBs when the section ends (next section or dispose).
/// </summary>
public sealed class PcapNgWriter : ICaptureWriter
{
    readonly Stream _stream;
    readonly bool _owns;
    bool _big, _disposed;
    CaptureInterface[] _interfaces = [];
    ulong[] _ticks = [];
    readonly List<(int Interface, ulong Received, ulong Dropped, Timestamp Start, Timestamp End)> _statistics = [];
    byte[] _buffer = new byte[256];
    int _length;

    /// <summary>A writer whose first section is described by <paramref name="section"/>. The stream stays open.</summary>
    public static PcapNgWriter Create(Stream s, PcapNgSectionOptions section, IReadOnlyList<CaptureInterface> interfaces)
        => new(s, section, interfaces, ownsStream: false);

    internal PcapNgWriter(Stream stream, PcapNgSectionOptions section, IReadOnlyList<CaptureInterface> interfaces, bool ownsStream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _owns = ownsStream;
        WriteSection(section, interfaces);
    }

    /// <summary>Ends the current section (writing its pending statistics) and starts a new one.</summary>
    public void StartSection(IReadOnlyList<CaptureInterface> interfaces, PcapNgSectionOptions? section = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WritePendingStatistics();
        WriteSection(section ?? new PcapNgSectionOptions(), interfaces);
    }

    void WriteSection(PcapNgSectionOptions section, IReadOnlyList<CaptureInterface> interfaces)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(interfaces);
        var ticks = new ulong[interfaces.Count];
        var resolutions = new byte?[interfaces.Count];
        for (int i = 0; i < interfaces.Count; i++)
        {
            var f = interfaces[i];
            if (f.LinkType is < 0 or > 0xFFFF) throw new ArgumentException($"interface {i}: link type {f.LinkType} does not fit in 16 bits", nameof(interfaces));
            if (f.TicksPerSecond <= 0) throw new ArgumentException($"interface {i}: TicksPerSecond must be positive", nameof(interfaces));
            ticks[i] = (ulong)f.TicksPerSecond;
            resolutions[i] = f.TicksPerSecond == 1_000_000 ? null : ResolutionByte(f, i);
        }
        _big = section.BigEndian;
        _interfaces = [.. interfaces];
        _ticks = ticks;

        Begin(BlockType.SectionHeader);
        Put32(BlockType.ByteOrderMagic);
        Put16(1);
        Put16(0);
        Put64(ulong.MaxValue);   // section length not given
        int options = 0;
        foreach (var c in section.Comments) options += PutText(1, c);
        options += PutText(2, section.Hardware);
        options += PutText(3, section.OS);
        options += PutText(4, section.Application);
        End(options);

        Span<byte> v = stackalloc byte[8];
        for (int i = 0; i < _interfaces.Length; i++)
        {
            var f = _interfaces[i];
            Begin(BlockType.InterfaceDescription);
            Put16((ushort)f.LinkType);
            Put16(0);
            Put32((uint)Math.Max(0, f.SnapLength));
            options = PutText(2, f.Name) + PutText(3, f.Description);
            if (resolutions[i] is { } r) { PutOption(9, [r]); options++; }
            if (f.Filter is not null)
            {
                var bytes = new byte[1 + Encoding.UTF8.GetByteCount(f.Filter)];
                Encoding.UTF8.GetBytes(f.Filter, bytes.AsSpan(1));
                PutOption(11, bytes);
                options++;
            }
            options += PutText(12, f.OS);
            if (f.FcsLength is >= 0 and <= 255) { PutOption(13, [(byte)f.FcsLength]); options++; }
            if (f.TimestampOffsetSeconds != 0)
            {
                Endian.Write64(v, 0, (ulong)f.TimestampOffsetSeconds, _big);
                PutOption(14, v);
                options++;
            }
            options += PutText(15, f.Hardware);
            End(options);
        }
    }

    static byte ResolutionByte(CaptureInterface f, int index)
    {
        ulong t = (ulong)f.TicksPerSecond;
        if (ulong.IsPow2(t)) return (byte)(0x80 | ulong.Log2(t));
        byte n = 0;
        while (t % 10 == 0) { t /= 10; n++; }
        if (t == 1) return n;
        throw new ArgumentException($"interface {index}: {f.TicksPerSecond} ticks per second is neither a power of 10 nor of 2, which if_tsresol cannot say", nameof(f));
    }

    /// <summary>Appends an Enhanced Packet Block on interface <see cref="Frame.InterfaceId"/> of the current
    /// section, with the comment as opt_comment. Throws <see cref="ArgumentException"/> for an unknown interface or a
    /// time the interface's resolution cannot hold (before its if_tsoffset, or past 64 bits of ticks).</summary>
    public void Write(in Frame frame, string? comment = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int id = frame.InterfaceId;
        if ((uint)id >= (uint)_interfaces.Length)
            throw new ArgumentException($"frame {frame.Number} is on interface {id}, but the section has {_interfaces.Length} interfaces", nameof(frame));
        ulong ticks = Ticks(frame.Time, id, $"frame {frame.Number}");
        var data = frame.Data.Span;
        Begin(BlockType.EnhancedPacket);
        Put32((uint)id);
        Put32((uint)(ticks >> 32));
        Put32((uint)ticks);
        Put32((uint)data.Length);
        Put32((uint)frame.OriginalLength);
        Put(data);
        Pad();
        int options = comment is null ? 0 : PutText(1, comment);
        End(options);
    }

    /// <summary>Records interface statistics (isb_starttime, isb_endtime, isb_ifrecv, isb_ifdrop) for interface
    /// <paramref name="ifId"/> of the current section; the ISB is written when the section ends.</summary>
    public void WriteStatistics(int ifId, ulong received, ulong dropped, Timestamp start, Timestamp end)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)ifId >= (uint)_interfaces.Length)
            throw new ArgumentOutOfRangeException(nameof(ifId), $"interface {ifId} is not in the section ({_interfaces.Length} interfaces)");
        Ticks(start, ifId, "statistics start");
        Ticks(end, ifId, "statistics end");
        _statistics.Add((ifId, received, dropped, start, end));
    }

    void WritePendingStatistics()
    {
        Span<byte> v = stackalloc byte[8];
        foreach (var (id, received, dropped, start, end) in _statistics)
        {
            ulong endTicks = Ticks(end, id, "statistics end"), startTicks = Ticks(start, id, "statistics start");
            Begin(BlockType.InterfaceStatistics);
            Put32((uint)id);
            Put32((uint)(endTicks >> 32));
            Put32((uint)endTicks);
            Endian.Write32(v, 0, (uint)(startTicks >> 32), _big);
            Endian.Write32(v, 4, (uint)startTicks, _big);
            PutOption(2, v);
            Endian.Write32(v, 0, (uint)(endTicks >> 32), _big);
            Endian.Write32(v, 4, (uint)endTicks, _big);
            PutOption(3, v);
            Endian.Write64(v, 0, received, _big);
            PutOption(4, v);
            Endian.Write64(v, 0, dropped, _big);
            PutOption(5, v);
            End(4);
        }
        _statistics.Clear();
    }

    ulong Ticks(Timestamp t, int id, string what)
    {
        var f = _interfaces[id];
        if (!TimestampMath.TryToUnits(t, _ticks[id], f.TimestampOffsetSeconds, out ulong ticks))
            throw new ArgumentException($"{what}: time {t.Seconds}.{t.Nanoseconds:D9} cannot be written on interface {id} ({f.TicksPerSecond} ticks per second, offset {f.TimestampOffsetSeconds} s)");
        return ticks;
    }

    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush();
    }

    /// <summary>Writes the pending statistics, flushes, and closes the stream when the writer opened it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            WritePendingStatistics();
            _stream.Flush();
        }
        finally
        {
            _disposed = true;
            if (_owns) _stream.Dispose();
        }
    }

    // Block assembly: the block is built in _buffer (header, body, options), then written in one call.
    void Begin(uint type)
    {
        _length = 0;
        Put32(type);
        Put32(0);   // length, set by End
    }

    void End(int options)
    {
        if (options > 0) { Put16(0); Put16(0); }   // opt_endofopt
        Put32(0);
        uint total = (uint)_length;
        Endian.Write32(_buffer, 4, total, _big);
        Endian.Write32(_buffer, _length - 4, total, _big);
        _stream.Write(_buffer, 0, _length);
    }

    Span<byte> Room(int n)
    {
        if (_length + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + n + 64));
        var s = _buffer.AsSpan(_length, n);
        _length += n;
        return s;
    }

    void Put(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Room(bytes.Length));
    void Put16(ushort v) => Endian.Write16(Room(2), 0, v, _big);
    void Put32(uint v) => Endian.Write32(Room(4), 0, v, _big);
    void Put64(ulong v) => Endian.Write64(Room(8), 0, v, _big);
    void Pad() => Room((4 - (_length & 3)) & 3).Clear();

    void PutOption(int code, ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue) throw new ArgumentException($"option {code} is longer than 65535 bytes");
        Put16((ushort)code);
        Put16((ushort)value.Length);
        Put(value);
        Pad();
    }

    int PutText(int code, string? text)
    {
        if (text is null) return 0;
        int n = Encoding.UTF8.GetByteCount(text);
        if (n > ushort.MaxValue) throw new ArgumentException($"option {code} is longer than 65535 bytes");
        Put16((ushort)code);
        Put16((ushort)n);
        Encoding.UTF8.GetBytes(text, Room(n));
        Pad();
        return 1;
    }
}
