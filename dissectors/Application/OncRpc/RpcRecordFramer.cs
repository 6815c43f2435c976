using System.Buffers.Binary;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.OncRpc;

/// <summary>
/// ONC RPC record marking over TCP (RFC 5531 section 11): a record is one or more fragments, each preceded by a
/// 4-byte header whose top bit says "last fragment" and whose low 31 bits give the fragment length. The framer cuts
/// the stream into whole records (all fragments up to the last); the dissector joins their bodies. Pure and
/// allocation-free.
/// </summary>
public sealed class RpcRecordFramer : IPduFramer
{
    public static readonly RpcRecordFramer Instance = new();

    public const uint LastFragmentBit = 0x8000_0000;
    /// <summary>Largest record accepted (tshark's rpc.max_tcp_pdu_size default, 4 MiB).</summary>
    public const int MaxRecord = 4 * 1024 * 1024;
    /// <summary>Most fragments in one record before the stream is declared not RPC.</summary>
    public const int MaxFragments = 1024;

    public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
    {
        if (gapBefore || available.Length >= 12)
        {
            // A record must start with a plausible message (checked once 12 bytes are there; after a gap, always).
            if (available.Length < 12) return FramerResult.NeedMore(12 - available.Length);
            if (!LooksLikeRecordStart(available))
                return gapBefore ? FramerResult.Skip(available.Length) : FramerResult.NotMine;
        }
        var r = Measure(available, out int length, out _);
        return r switch
        {
            MeasureResult.Whole => FramerResult.Pdu(length),
            MeasureResult.NeedMore => FramerResult.NeedMore(length),
            _ => gapBefore ? FramerResult.Skip(available.Length) : FramerResult.NotMine,
        };
    }

    public enum MeasureResult : byte { Whole, NeedMore, Invalid }

    /// <summary>Walks the fragment headers from the start of <paramref name="data"/>. Whole: the record is
    /// <paramref name="length"/> bytes (headers included) in <paramref name="fragments"/> fragments. NeedMore:
    /// <paramref name="length"/> more bytes are needed at least. Invalid: too long or too many fragments.</summary>
    public static MeasureResult Measure(ReadOnlySpan<byte> data, out int length, out int fragments)
    {
        long pos = 0;
        fragments = 0;
        while (true)
        {
            if (pos + 4 > data.Length) { length = (int)(pos + 4 - data.Length); return MeasureResult.NeedMore; }
            uint mark = BinaryPrimitives.ReadUInt32BigEndian(data.Slice((int)pos));
            long frag = mark & ~LastFragmentBit;
            pos += 4 + frag;
            fragments++;
            if (pos > MaxRecord || fragments > MaxFragments) { length = 0; return MeasureResult.Invalid; }
            if ((mark & LastFragmentBit) != 0)
            {
                if (pos > data.Length) { length = (int)(pos - data.Length); return MeasureResult.NeedMore; }
                length = (int)pos;
                return MeasureResult.Whole;
            }
            if (pos > data.Length) { length = (int)(pos - data.Length) + 4; return MeasureResult.NeedMore; }
        }
    }

    /// <summary>Fragment header then an RPC message start: message type 0 (call, RPC version 2 when there) or 1.</summary>
    public static bool LooksLikeRecordStart(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12) return false;
        uint mark = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint frag = mark & ~LastFragmentBit;
        if (frag < 8 || frag > MaxRecord) return false;
        uint type = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(8));
        if (type == 1) return true;
        if (type != 0) return false;
        return data.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(data.Slice(12)) == 2;
    }
}
