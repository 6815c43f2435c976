using Dissect.Analysis.Tcp;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Conversations;

/// <summary>UDP conversation index (udp.stream): one index per address/port pair, numbered by first appearance.</summary>
public sealed class UdpConversations : IUdpAnalyzer
{
    public sealed class Conv
    {
        public uint Stream; public FlowKey Key; public bool FirstSenderIsA;
        public ulong PacketsAB, PacketsBA, BytesAB, BytesBA;
        public Timestamp First, Last;
        public long FirstFrame;
    }

    readonly Dictionary<FlowKey, Conv> _byKey = new();
    readonly List<Conv> _all = new();

    public IReadOnlyList<Conv> All => _all;

    /// <summary>The conversation of the datagram last seen, and its frame.</summary>
    public Conv? Current { get; private set; }
    public long CurrentFrame { get; private set; } = -1;

    public uint StreamOf(DissectContext ctx, ushort srcPort, ushort dstPort)
    {
        var key = new FlowKey(ctx.NetSrc, srcPort, ctx.NetDst, dstPort, out bool srcIsA);
        var frame = ctx.Frame;
        if (!_byKey.TryGetValue(key, out var c))
        {
            c = new Conv { Stream = (uint)_all.Count, Key = key, First = frame.Time, FirstFrame = frame.Number, FirstSenderIsA = srcIsA };
            _byKey[key] = c;
            _all.Add(c);
        }
        // A datagram quoted in an ICMP error belongs to the conversation but is not one of its packets.
        if (ctx.InErrorPacket) return c.Stream;
        c.Last = frame.Time;
        if (srcIsA) { c.PacketsAB++; c.BytesAB += (ulong)frame.OriginalLength; }
        else { c.PacketsBA++; c.BytesBA += (ulong)frame.OriginalLength; }
        Current = c; CurrentFrame = frame.Number;
        return c.Stream;
    }
}
