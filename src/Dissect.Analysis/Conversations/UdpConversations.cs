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
        public Timestamp First, Last;
        public long FirstFrame;
    }

    readonly Dictionary<FlowKey, Conv> _byKey = new();
    readonly List<Conv> _all = new();
    uint _next;
    long _packets;

    /// <summary>Keep every conversation for reports. When false, a conversation idle for <see cref="EvictAfterNs"/> of
    /// capture time is forgotten (memory bounded by active conversations; a much later datagram on the same
    /// ports then gets a new udp.stream where tshark would reuse the old one).</summary>
    public bool RetainAll { get; set; } = true;
    public long EvictAfterNs { get; set; } = 300_000_000_000L;
    public int LiveConversations => _byKey.Count;

    public IReadOnlyList<Conv> All => _all;

    /// <summary>The conversation of the datagram last seen, and its frame.</summary>
    public Conv? Current { get; private set; }
    public long CurrentFrame { get; private set; } = -1;

    void Sweep(Timestamp now)
    {
        List<FlowKey>? drop = null;
        foreach (var kv in _byKey)
            if (now.NanosecondsSince(kv.Value.Last) > EvictAfterNs) (drop ??= new()).Add(kv.Key);
        if (drop is null) return;
        foreach (var k in drop) _byKey.Remove(k);
        _byKey.TrimExcess();
    }

    public uint StreamOf(DissectContext ctx, ushort srcPort, ushort dstPort)
    {
        var key = new FlowKey(ctx.NetSrc, srcPort, ctx.NetDst, dstPort, out bool srcIsA);
        var frame = ctx.Frame;
        if (!RetainAll && (++_packets & 0xFFFF) == 0) Sweep(frame.Time);
        if (!_byKey.TryGetValue(key, out var c))
        {
            c = new Conv { Stream = _next++, Key = key, First = frame.Time, Last = frame.Time, FirstFrame = frame.Number, FirstSenderIsA = srcIsA };
            _byKey[key] = c;
            if (RetainAll) _all.Add(c);
        }
        // A datagram quoted in an ICMP error belongs to the conversation but is not one of its packets.
        if (ctx.InErrorPacket) return c.Stream;
        c.Last = frame.Time;
        Current = c; CurrentFrame = frame.Number;
        return c.Stream;
    }
}
