using System.Runtime.CompilerServices;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.OncRpc;

/// <summary>What call/reply matching decided for one RPC message (kept per frame, so re-dissection reads it back).</summary>
public struct RpcMatch
{
    public bool IsReply;
    /// <summary>Reply: a call was found for it (program, version and procedure come from the call).</summary>
    public bool Matched;
    public uint Program, Version, Procedure;
    /// <summary>Call: frame of its first reply (0 until seen). Reply: frame of the call.</summary>
    public long ReplyFrame, CallFrame;
    /// <summary>Reply: nanoseconds since the call.</summary>
    public long TimeNs;
    /// <summary>Call: a retransmission of the call in <see cref="DupOf"/>. Reply: a duplicate of the reply in it.</summary>
    public long DupOf;
    /// <summary>Reply: the value the program dissector kept with the call (<see cref="RpcMessage.KeepForReply"/>).</summary>
    public uint Private;
}

/// <summary>
/// ONC RPC call/reply matching for one capture pass, as Wireshark keys it: over TCP the connection (both addresses and
/// ports) and the XID; over UDP the client's address, the server's port and the XID (a reply may come from another
/// address, a retransmission from another client port). A call with an XID already open for the same program,
/// version and procedure is a retransmission; a second reply to a call is a duplicate. State is written on the first
/// pass only (frames in increasing order); a frame seen again gets its recorded answer back. Bounded: at most
/// <see cref="MaxCalls"/> calls are remembered (answered ones older than <see cref="AnsweredAgeNs"/> and any older
/// than <see cref="MaxAgeNs"/> go first), per-frame results for the newest <see cref="MaxFrames"/> frames.
/// </summary>
public sealed class RpcTransactions
{
    public const int MaxCalls = 65_536;
    public const int MaxFrames = 65_536;
    public const long AnsweredAgeNs = 60_000_000_000L;
    public const long MaxAgeNs = 600_000_000_000L;

    static readonly ConditionalWeakTable<object, RpcTransactions> ByOwner = new();

    /// <summary>The table of the capture pass <paramref name="owner"/> stands for (the flow analysis attached to the
    /// context, or the context itself when there is none).</summary>
    public static RpcTransactions For(object owner) => ByOwner.GetValue(owner, static _ => new RpcTransactions());
    public static RpcTransactions? Find(object owner) => ByOwner.TryGetValue(owner, out var t) ? t : null;

    public static object Owner(DissectContext ctx) => (object?)ctx.Udp ?? (object?)ctx.Tcp ?? ctx;

    public readonly struct Key : IEquatable<Key>
    {
        readonly Address _a, _b;
        readonly ushort _pa, _pb;
        readonly byte _transport;
        readonly uint _xid;

        Key(in Address a, ushort pa, in Address b, ushort pb, byte transport, uint xid)
        {
            _a = a; _pa = pa; _b = b; _pb = pb; _transport = transport; _xid = xid;
        }

        /// <summary>TCP: the connection, whichever way the message goes.</summary>
        public static Key Tcp(in Address src, ushort sp, in Address dst, ushort dp, uint xid)
        {
            int c = src.CompareTo(dst);
            return c < 0 || (c == 0 && sp <= dp) ? new Key(src, sp, dst, dp, 6, xid) : new Key(dst, dp, src, sp, 6, xid);
        }

        /// <summary>UDP (and other datagram transports): the client's address and the server's port.</summary>
        public static Key Datagram(in Address client, ushort serverPort, uint xid) => new(client, serverPort, default, 0, 17, xid);

        public bool Equals(Key o) => _xid == o._xid && _pa == o._pa && _pb == o._pb && _transport == o._transport && _a == o._a && _b == o._b;
        public override bool Equals(object? obj) => obj is Key k && Equals(k);
        public override int GetHashCode() => HashCode.Combine(_a, _b, _pa, _pb, _xid, _transport);
    }

    struct Call
    {
        public long ReqFrame, RepFrame;
        public Timestamp ReqTime, LastTime;
        public uint Program, Version, Procedure, Private;
    }

    readonly Dictionary<Key, Call> _calls = new();
    readonly Dictionary<long, RpcMatch> _frames = new();
    long _lastFrame;

    public long Calls { get; private set; }
    public long Replies { get; private set; }
    public long Retransmissions { get; private set; }
    public long DuplicateReplies { get; private set; }
    /// <summary>Calls forgotten by the size bound before an answer came.</summary>
    public long Evicted { get; private set; }
    public int OpenCalls => _calls.Count;

    static long FrameKey(long frame, int index) => (frame << 6) | (uint)(index & 63);

    /// <summary>Pure: is there a call this reply could answer (or was this frame recorded as a matched reply)?</summary>
    public bool HasCall(in Key key, long frame, int index)
    {
        if (frame <= _lastFrame && _frames.TryGetValue(FrameKey(frame, index), out var m)) return m.IsReply && m.Matched;
        return _calls.ContainsKey(key);
    }

    /// <summary>Records a call; returns its match (retransmission, reply frame when already answered).</summary>
    public RpcMatch MatchCall(in Key key, uint prog, uint vers, uint proc, long frame, int index, Timestamp time)
    {
        long fk = FrameKey(frame, index);
        if (frame <= _lastFrame && _frames.TryGetValue(fk, out var m)) return m;
        m = new RpcMatch { Program = prog, Version = vers, Procedure = proc };
        if (frame < _lastFrame) return m;   // an earlier frame not recorded: say nothing rather than guess
        _lastFrame = frame;
        Calls++;
        if (_calls.TryGetValue(key, out var c) && c.Program == prog && c.Version == vers && c.Procedure == proc)
        {
            if (c.ReqFrame != frame)
            {
                m.DupOf = c.ReqFrame;
                Retransmissions++;
            }
            m.ReplyFrame = c.RepFrame;
            m.CallFrame = c.ReqFrame;
            c.LastTime = time;
            _calls[key] = c;
        }
        else
        {
            if (_calls.Count >= MaxCalls) Prune(time);
            _calls[key] = new Call { ReqFrame = frame, ReqTime = time, LastTime = time, Program = prog, Version = vers, Procedure = proc };
            m.CallFrame = frame;
        }
        Remember(fk, m);
        return m;
    }

    /// <summary>Matches a reply to its call; false when there is none (then it is not taken for RPC).</summary>
    public bool MatchReply(in Key key, long frame, int index, Timestamp time, out RpcMatch m)
    {
        long fk = FrameKey(frame, index);
        if (frame <= _lastFrame && _frames.TryGetValue(fk, out m)) return m.Matched;
        m = new RpcMatch { IsReply = true };
        if (frame < _lastFrame || !_calls.TryGetValue(key, out var c)) return false;
        _lastFrame = frame;
        Replies++;
        m.Matched = true;
        m.Program = c.Program; m.Version = c.Version; m.Procedure = c.Procedure;
        m.CallFrame = c.ReqFrame;
        m.Private = c.Private;
        m.TimeNs = time.NanosecondsSince(c.ReqTime);
        if (c.RepFrame == 0)
        {
            c.RepFrame = frame;
            // The call, dissected again later, names its reply.
            for (int i = 0; i < 64; i++)
                if (_frames.TryGetValue(FrameKey(c.ReqFrame, i), out var q) && !q.IsReply && q.CallFrame == c.ReqFrame)
                {
                    q.ReplyFrame = frame; _frames[FrameKey(c.ReqFrame, i)] = q;
                    break;
                }
        }
        else if (c.RepFrame != frame)
        {
            m.DupOf = c.RepFrame;
            DuplicateReplies++;
        }
        m.ReplyFrame = c.RepFrame;
        c.LastTime = time;
        _calls[key] = c;
        Remember(fk, m);
        return true;
    }

    /// <summary>First pass only: a value kept with the call recorded in <paramref name="frame"/>.</summary>
    public void SetPrivate(in Key key, long frame, uint value)
    {
        if (frame == _lastFrame && _calls.TryGetValue(key, out var c) && c.ReqFrame == frame)
        {
            c.Private = value;
            _calls[key] = c;
        }
    }

    void Remember(long fk, in RpcMatch m)
    {
        if (_frames.Count >= 2 * MaxFrames)
        {
            var keys = new List<long>(_frames.Keys);
            keys.Sort();
            for (int i = 0; i < keys.Count - MaxFrames; i++) _frames.Remove(keys[i]);
        }
        _frames[fk] = m;
    }

    void Prune(Timestamp now)
    {
        List<Key>? drop = null;
        foreach (var kv in _calls)
        {
            long age = now.NanosecondsSince(kv.Value.LastTime);
            if (age > MaxAgeNs || (kv.Value.RepFrame != 0 && age > AnsweredAgeNs)) (drop ??= new()).Add(kv.Key);
        }
        if (drop is not null) foreach (var k in drop) _calls.Remove(k);
        if (_calls.Count < MaxCalls) return;
        // Still full of recent calls: keep the newest half.
        var frames = new List<long>(_calls.Count);
        foreach (var kv in _calls) frames.Add(kv.Value.ReqFrame);
        frames.Sort();
        long cut = frames[frames.Count / 2];
        drop = new();
        foreach (var kv in _calls) if (kv.Value.ReqFrame < cut) drop.Add(kv.Key);
        foreach (var k in drop) { if (_calls[k].RepFrame == 0) Evicted++; _calls.Remove(k); }
    }
}
