using System.Buffers.Binary;
using System.Text;

namespace Dissect.Capture.Tests;

/// <summary>Builds pcapng files byte by byte, in either byte order per section, remembering where blocks end.</summary>
sealed class NgBuilder
{
    readonly MemoryStream _out = new();
    bool _big;

    /// <summary>End offset of every block written (a cut there is clean).</summary>
    public List<long> BlockEnds { get; } = [];
    /// <summary>End offset of every packet block, in order.</summary>
    public List<long> PacketEnds { get; } = [];
    public long FirstShbEnd { get; private set; } = -1;

    public byte[] U16(ushort v) { var b = new byte[2]; if (_big) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v); return b; }
    public byte[] U32(uint v) { var b = new byte[4]; if (_big) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v); return b; }
    public byte[] U64(ulong v) { var b = new byte[8]; if (_big) BinaryPrimitives.WriteUInt64BigEndian(b, v); else BinaryPrimitives.WriteUInt64LittleEndian(b, v); return b; }
    public static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    public byte[] Options(params (int Code, byte[] Value)[] options)
    {
        if (options.Length == 0) return [];
        var b = new List<byte>();
        foreach (var (code, value) in options)
        {
            b.AddRange(U16((ushort)code));
            b.AddRange(U16((ushort)value.Length));
            b.AddRange(value);
            while (b.Count % 4 != 0) b.Add(0);
        }
        b.AddRange(U32(0));
        return [.. b];
    }

    public NgBuilder Block(uint type, byte[] body, bool packet = false, uint? length = null, uint? trailer = null)
    {
        var padded = body.Length % 4 == 0 ? body : [.. body, .. new byte[4 - body.Length % 4]];
        uint total = (uint)(12 + padded.Length);
        Write(U32(type));
        Write(U32(length ?? total));
        Write(padded);
        Write(U32(trailer ?? total));
        BlockEnds.Add(_out.Length);
        if (packet) PacketEnds.Add(_out.Length);
        return this;
    }

    public NgBuilder Shb(bool big = false, ushort major = 1, ushort minor = 0, params (int, byte[])[] options)
    {
        _big = big;
        byte[] body = [.. U32(0x1A2B3C4D), .. U16(major), .. U16(minor), .. U64(ulong.MaxValue), .. Options(options)];
        Block(0x0A0D0D0A, body);
        if (FirstShbEnd < 0) FirstShbEnd = _out.Length;
        return this;
    }

    public NgBuilder Idb(int linkType, uint snap = 0, params (int, byte[])[] options)
        => Block(1, [.. U16((ushort)linkType), .. U16(0), .. U32(snap), .. Options(options)]);

    public NgBuilder Epb(uint iface, ulong ticks, byte[] data, uint? original = null, uint? captured = null, params (int, byte[])[] options)
        => Block(6, [.. U32(iface), .. U32((uint)(ticks >> 32)), .. U32((uint)ticks), .. U32(captured ?? (uint)data.Length),
                     .. U32(original ?? (uint)data.Length), .. Pad(data), .. Options(options)], packet: true);

    public NgBuilder Pb(ushort iface, ulong ticks, byte[] data, uint? original = null, params (int, byte[])[] options)
        => Block(2, [.. U16(iface), .. U16(0), .. U32((uint)(ticks >> 32)), .. U32((uint)ticks), .. U32((uint)data.Length),
                     .. U32(original ?? (uint)data.Length), .. Pad(data), .. Options(options)], packet: true);

    public NgBuilder Spb(uint original, byte[] data) => Block(3, [.. U32(original), .. data], packet: true);

    public NgBuilder Raw(byte[] bytes) { Write(bytes); return this; }

    public byte[] ToArray() => _out.ToArray();

    static byte[] Pad(byte[] data) => data.Length % 4 == 0 ? data : [.. data, .. new byte[4 - data.Length % 4]];

    void Write(byte[] b) => _out.Write(b);
}

/// <summary>Builds pcap files by hand.</summary>
sealed class PcapBuilder
{
    readonly MemoryStream _out = new();
    readonly bool _big;

    public PcapBuilder(bool big = false, bool nano = false, ushort major = 2, ushort minor = 4, uint snap = 65535, uint linkType = 1, int thisZone = 0, uint sigFigs = 0)
    {
        _big = big;
        Write32(nano ? 0xA1B23C4D : 0xA1B2C3D4);
        Write16(major);
        Write16(minor);
        Write32((uint)thisZone);
        Write32(sigFigs);
        Write32(snap);
        Write32(linkType);
    }

    public List<long> RecordEnds { get; } = [];

    public PcapBuilder Record(uint seconds, uint fraction, byte[] data, uint? original = null, uint? captured = null)
    {
        Write32(seconds);
        Write32(fraction);
        Write32(captured ?? (uint)data.Length);
        Write32(original ?? (uint)data.Length);
        _out.Write(data);
        RecordEnds.Add(_out.Length);
        return this;
    }

    public PcapBuilder Raw(byte[] b) { _out.Write(b); return this; }

    public byte[] ToArray() => _out.ToArray();

    void Write16(ushort v) { var b = new byte[2]; if (_big) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v); _out.Write(b); }
    void Write32(uint v) { var b = new byte[4]; if (_big) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v); _out.Write(b); }
}

static class Bytes
{
    /// <summary>Deterministic test payload: n bytes starting at seed.</summary>
    public static byte[] Seq(int n, int seed = 0)
    {
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte)(seed + i * 7);
        return b;
    }
}

static class Read
{
    public sealed record Result(List<Dissect.Core.Frame> Frames, List<string?> Comments, List<bool> HasTime, string? Warning, IPacketSource Source);

    /// <summary>Reads every frame (the source stays open so the frames' data stays valid; dispose Result.Source).</summary>
    public static Result All(IPacketSource src)
    {
        var frames = new List<Dissect.Core.Frame>();
        var comments = new List<string?>();
        var hasTime = new List<bool>();
        while (src.TryRead(out var f))
        {
            frames.Add(f);
            comments.Add(src.CurrentComment);
            hasTime.Add(src.CurrentHasTimestamp);
        }
        return new Result(frames, comments, hasTime, src.Warning, src);
    }

    public static Result All(byte[] bytes, string name = "test") => All(CaptureFile.Open(bytes, name));

    public static string Epoch(Dissect.Core.Timestamp t) => t.Seconds + "." + t.Nanoseconds.ToString("D9");
}
