using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Dns;

/// <summary>What the transaction table decided for one DNS message (kept per frame: re-dissection reads it back).</summary>
public struct DnsMatch
{
    public bool IsResponse;
    /// <summary>Query: the frame of its response, known only once that response was seen (0 otherwise).
    /// Response: the frame of the query it answers (0 = unsolicited).</summary>
    public long ResponseIn, RequestIn;
    /// <summary>Response: time since the (first) query, in nanoseconds.</summary>
    public long TimeNs;
    public bool Retransmission;
    /// <summary>Retransmitted query: the original query's frame. Retransmitted response: the first response's frame.</summary>
    public long OriginalFrame;
    public bool Unsolicited;
}

/// <summary>
/// DNS request/response matching for one capture pass, as Wireshark does it: per conversation (both endpoints and
/// the transport) and transaction ID, a query opens a transaction; the same query again within
/// <see cref="RetransmissionWindowNs"/> while unanswered is a retransmission; the first response closes it, a later
/// one is a retransmitted response. State is written on the first pass only (frames in increasing order); a frame
/// seen again gets its recorded answer back, so re-dissecting frame N alone gives the same result. Bounded: transactions
/// older than <see cref="MaxAgeNs"/> (looked for every 4096 messages) are dropped, and past
/// <see cref="MaxOpen"/> the answered ones, then the older half; per-frame results past <see cref="MaxFrames"/> are
/// not kept.
/// </summary>
public sealed class DnsTransactions
{
    public const long RetransmissionWindowNs = 5_000_000_000L;   // tshark's dns.retransmission_timer default (5 s)
    public const long MaxAgeNs = 120_000_000_000L;
    public const int MaxOpen = 65_536;
    /// <summary>Per-frame results kept in memory: the most recent frames only (memory is bounded by activity, not by
    /// file size; the index store will keep them all on disk).</summary>
    public const int MaxFrames = 65_536;

    static readonly ConditionalWeakTable<object, DnsTransactions> ByOwner = new();

    /// <summary>The table of the capture pass that <paramref name="owner"/> (the flow analysis attached to the
    /// context: its UDP or TCP analyzer) stands for; created on first use.</summary>
    public static DnsTransactions For(object owner) => ByOwner.GetValue(owner, static _ => new DnsTransactions());

    /// <summary>The table of a pass, or null when no DNS message was matched in it.</summary>
    public static DnsTransactions? Find(object owner) => ByOwner.TryGetValue(owner, out var t) ? t : null;

    internal readonly struct Key : IEquatable<Key>
    {
        readonly FlowKey _flow;
        readonly ushort _id;
        readonly byte _transport;

        public Key(in Address src, ushort sp, in Address dst, ushort dp, byte transport, ushort id)
        {
            _flow = new FlowKey(src, sp, dst, dp, out _);
            _transport = transport; _id = id;
        }

        public bool Equals(Key o) => _id == o._id && _transport == o._transport && _flow.Equals(o._flow);
        public override bool Equals(object? obj) => obj is Key k && Equals(k);
        public override int GetHashCode() => _flow.GetHashCode() ^ (int)(((uint)_id << 8 | _transport) * 0x9E3779B1u);
    }

    struct Tx
    {
        public long ReqFrame, RepFrame;
        /// <summary>Where the query's result is in <see cref="_frames"/> (a hint: it may have moved or gone).</summary>
        public long ReqSeq;
        public Timestamp ReqTime;
        public bool Multicast;
    }

    readonly Dictionary<Key, Tx> _open = new();
    readonly FrameResults<DnsMatch> _frames = new(MaxFrames);
    long[]? _scratch;
    long _lastFrame;
    Timestamp _lastTime;

    // ---- statistics ----
    public long Queries { get; private set; }
    public long Responses { get; private set; }
    public long RetransmittedQueries { get; private set; }
    public long RetransmittedResponses { get; private set; }
    public long UnsolicitedResponses { get; private set; }
    /// <summary>Transactions held (answered ones are kept until they age out, to tell retransmitted responses).</summary>
    public int Held => _open.Count;
    /// <summary>Open transactions dropped by the age or size bound (their answers, if any, show as unsolicited).</summary>
    public long Evicted { get; private set; }

    /// <summary>Frames of queries (first transmissions) for which no response was seen, in frame order.</summary>
    public IEnumerable<long> UnansweredQueries()
    {
        var list = new List<long>();
        for (long s = _frames.Head; s < _frames.Tail; s++)
        {
            ref var m = ref _frames.ValueAt(s);
            if (!m.IsResponse && !m.Retransmission && m.ResponseIn == 0) list.Add(_frames.KeyAt(s) >> 3);
        }
        list.Sort();
        return list;
    }

    /// <summary>Matches one message. <paramref name="index"/> numbers the DNS messages within the frame (TCP can carry
    /// several). Returns false when nothing can be said (no conversation addresses).</summary>
    internal bool Match(in Key key, bool response, bool multicast, long frame, int index, Timestamp time, out DnsMatch m)
    {
        long fkey = (frame << 3) | (uint)(index & 7);
        if (frame <= _lastFrame && _frames.TryGetValue(fkey, out m)) return true;   // re-dissection
        m = default;
        if (frame < _lastFrame) return false;   // an earlier frame not recorded: say nothing rather than guess
        _lastFrame = frame; _lastTime = time;
        // Transactions past the age bound go every 4096 messages (answered ones too: they are kept to tell a
        // retransmitted response), so the table holds about MaxAgeNs of activity, not MaxOpen entries. By count,
        // not by capture time: a capture of fewer messages keeps them all, whatever its timestamps, as tshark does.
        if ((++_messages & (SweepEvery - 1)) == 0) DropOld(time);
        m.IsResponse = response;
        bool opened = false;
        ref Tx tx = ref Unsafe.NullRef<Tx>();
        if (!response)
        {
            Queries++;
            // Below the bound no prune can come between the look-up and the insertion: one look-up does both (a
            // new key's entry is filled in below, once the result has its place).
            bool room = _open.Count < MaxOpen, exists;
            if (room) tx = ref CollectionsMarshal.GetValueRefOrAddDefault(_open, key, out exists);
            else { tx = ref CollectionsMarshal.GetValueRefOrNullRef(_open, key); exists = !Unsafe.IsNullRef(ref tx); }
            if (exists && tx.RepFrame == 0 && time.NanosecondsSince(tx.ReqTime) < RetransmissionWindowNs)
            {
                m.Retransmission = true; m.OriginalFrame = tx.ReqFrame;
                RetransmittedQueries++;
            }
            else
            {
                if (!room) { Prune(time); tx = ref Unsafe.NullRef<Tx>(); }
                opened = true;
            }
        }
        else
        {
            Responses++;
            tx = ref CollectionsMarshal.GetValueRefOrNullRef(_open, key);
            if (!Unsafe.IsNullRef(ref tx))
            {
                m.RequestIn = tx.ReqFrame;
                m.TimeNs = time.NanosecondsSince(tx.ReqTime);
                if (tx.RepFrame == 0)
                {
                    tx.RepFrame = frame;
                    NoteResponse(tx.ReqFrame, tx.ReqSeq, frame);
                }
                else if (!tx.Multicast)
                {
                    m.Retransmission = true; m.OriginalFrame = tx.RepFrame;
                    RetransmittedResponses++;
                }
            }
            else
            {
                m.Unsolicited = true;
                UnsolicitedResponses++;
            }
        }
        long seq = _frames.Add(fkey, m);
        if (opened)
        {
            if (Unsafe.IsNullRef(ref tx)) tx = ref CollectionsMarshal.GetValueRefOrAddDefault(_open, key, out _);
            tx = new Tx { ReqFrame = frame, ReqTime = time, Multicast = multicast, ReqSeq = seq };
        }
        return true;
    }

    /// <summary>Tells the first query result of frame <paramref name="reqFrame"/> (as it was looked up by message
    /// index 0 to 7) that its response is in <paramref name="frame"/>.</summary>
    void NoteResponse(long reqFrame, long hint, long frame)
    {
        long s = hint;
        if (s < _frames.Head || s >= _frames.Tail || _frames.KeyAt(s) >> 3 != reqFrame)
            s = _frames.LowerBound(reqFrame << 3);
        else
            while (s > _frames.Head && _frames.KeyAt(s - 1) >> 3 == reqFrame) s--;
        for (; s < _frames.Tail && _frames.KeyAt(s) >> 3 == reqFrame; s++)
        {
            ref var q = ref _frames.ValueAt(s);
            if (!q.IsResponse) { q.ResponseIn = frame; return; }
        }
    }

    const int SweepEvery = 4096;
    long _messages;

    /// <summary>Drops the transactions past the age bound, and with <paramref name="answered"/> every answered one.</summary>
    void DropOld(Timestamp now, bool answered = false)
    {
        // (Removing the current entry while enumerating a Dictionary is allowed.)
        foreach (var kv in _open)
            if (now.NanosecondsSince(kv.Value.ReqTime) > MaxAgeNs || (answered && kv.Value.RepFrame != 0))
                _open.Remove(kv.Key);
    }

    void Prune(Timestamp now)
    {
        DropOld(now, answered: true);
        if (_open.Count >= MaxOpen)
        {
            // Still full of recent unanswered queries: keep the newest half.
            int n = 0;
            var frames = _scratch ??= new long[MaxOpen];
            if (frames.Length < _open.Count) frames = _scratch = new long[_open.Count];
            foreach (var kv in _open) frames[n++] = kv.Value.ReqFrame;
            Array.Sort(frames, 0, n);
            long cut = frames[n / 2];
            int dropped = 0;
            foreach (var kv in _open)
                if (kv.Value.ReqFrame < cut) { _open.Remove(kv.Key); dropped++; }
            Evicted += dropped;
        }
    }
}
