using Dissect.Core;
using Dissect.Core.Flow;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    const int SweepEvery = 4096;

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

    readonly List<FlowKey> _drop = new();
    // Conversations forgotten by Sweep, reused for new ones (only when they are not retained for reports): bounded
    // by the conversations held at once.
    readonly Stack<Conv> _free = new();
    const int MaxFree = 1 << 16;

    void Sweep(Timestamp now)
    {
        var drop = _drop;
        int held = _byKey.Count;
        foreach (var kv in _byKey)
            if (now.NanosecondsSince(kv.Value.Last) > EvictAfterNs) drop.Add(kv.Key);
        foreach (var k in drop)
            if (_byKey.Remove(k, out var gone) && !RetainAll && _free.Count < MaxFree) _free.Push(gone);
        drop.Clear();
        // Give memory back only when the table is much larger than what the last interval between sweeps held:
        // conversations that come and go at a steady rate (DNS) fill it again before the next sweep, so trimming
        // after each large drop would only regrow it each time.
        if (_byKey.EnsureCapacity(0) > 4 * held + 1024) _byKey.TrimExcess();
    }

    // Wildcard conversations (Expect): (server, server port, client) → the stream of the first datagram that used
    // it, or uint.MaxValue before that. Bounded: forgotten all at once when full.
    readonly Dictionary<(Address Server, ushort Port, Address Client), uint> _expected = new();
    const int MaxExpected = 4096;

    public void Expect(in Address server, ushort serverPort, in Address client)
    {
        if (_expected.Count >= MaxExpected) _expected.Clear();
        _expected.TryAdd((server, serverPort, client), uint.MaxValue);
    }

    /// <summary>The stream of a new exact conversation: its wildcard conversation's (numbered now if it is the first
    /// to use it), else the next one.</summary>
    uint ExpectedStream(in Address src, ushort srcPort, in Address dst, ushort dstPort)
    {
        ref uint s = ref CollectionsMarshal.GetValueRefOrNullRef(_expected, (src, srcPort, dst));
        if (Unsafe.IsNullRef(ref s)) s = ref CollectionsMarshal.GetValueRefOrNullRef(_expected, (dst, dstPort, src));
        if (Unsafe.IsNullRef(ref s)) return _next++;
        if (s == uint.MaxValue) s = _next++;
        return s;
    }

    public uint StreamOf(DissectContext ctx, ushort srcPort, ushort dstPort)
    {
        var key = new FlowKey(ctx.NetSrc, srcPort, ctx.NetDst, dstPort, out bool srcIsA);
        var frame = ctx.Frame;
        // Idle conversations are looked for every 4096 datagrams: often enough that the table a datagram looks up
        // holds little more than the conversations of the last EvictAfterNs (by 65536, a capture with a few datagrams
        // per conversation grew it tenfold between sweeps); by count, not by capture time, so that a capture of fewer
        // datagrams keeps every conversation whatever its timestamps, as tshark does.
        if (!RetainAll && (++_packets & (SweepEvery - 1)) == 0) Sweep(frame.Time);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, key, out bool exists);
        var c = slot;
        if (!exists || c is null)
        {
            c = !RetainAll && _free.TryPop(out var reused) ? reused : new Conv();
            c.Stream = _expected.Count > 0 ? ExpectedStream(ctx.NetSrc, srcPort, ctx.NetDst, dstPort) : _next++;
            c.Key = key; c.First = frame.Time; c.Last = frame.Time; c.FirstFrame = frame.Number; c.FirstSenderIsA = srcIsA;
            slot = c;
            if (RetainAll) _all.Add(c);
        }
        // A datagram quoted in an ICMP error belongs to the conversation but is not one of its packets.
        if (ctx.InErrorPacket) return c.Stream;
        c.Last = frame.Time;
        Current = c; CurrentFrame = frame.Number;
        return c.Stream;
    }
}
