using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Http;

/// <summary>What the transaction table decided for one HTTP message (kept per frame and PDU: re-dissection reads it
/// back, STYLE rule 6).</summary>
public struct HttpMatch
{
    public bool IsResponse;
    /// <summary>http.request_number / http.response_number on the connection (1-based).</summary>
    public int Number;
    /// <summary>Response: frame of the request it answers (0 = none). Request: frame of its response, known once the
    /// response was seen (0 otherwise; a single pass never shows it, as tshark without -2).</summary>
    public long OtherFrame;
    /// <summary>Response: ns since the request.</summary>
    public long TimeNs;
    /// <summary>Previous request (for a request) or response (for a response) on the connection, 0 = first.</summary>
    public long PrevFrame;
    /// <summary>Response: the request's full URI ("http://host/path"), when known.</summary>
    public byte[]? FullUri;
    /// <summary>The request was HEAD (its response has no body).</summary>
    public bool Head;
}

/// <summary>
/// HTTP request/response matching per TCP connection (first pass only). Requests wait in a FIFO per connection
/// (pipelining: responses come back in request order); a final response (status &gt;= 200) takes the oldest, an
/// interim one (1xx) only refers to it. One table per flow analysis (keyed by the TCP analyzer, like DNS). Memory is
/// bounded: a connection whose FIFO is empty is forgotten once idle for <see cref="IdleNs"/> (looked for every 4096
/// messages) or first when the table is full, a FIFO keeps at most
/// <see cref="MaxPending"/> requests, and per-frame results are kept for the newest <see cref="MaxFrames"/> messages.
/// </summary>
public sealed class HttpTransactions
{
    public const int MaxConnections = 8192, MaxPending = 256, MaxFrames = 65536;

    static readonly ConditionalWeakTable<object, HttpTransactions> ByOwner = new();

    public static HttpTransactions For(object owner) => ByOwner.GetValue(owner, static _ => new HttpTransactions());

    public readonly record struct ConnKey(Address A, ushort PortA, Address B, ushort PortB)
    {
        public static ConnKey Of(in Address src, ushort sp, in Address dst, ushort dp)
        {
            int c = src.CompareTo(dst);
            return c < 0 || (c == 0 && sp <= dp) ? new ConnKey(src, sp, dst, dp) : new ConnKey(dst, dp, src, sp);
        }
    }

    struct Pending
    {
        public long Frame, MatchKey, MatchSeq;
        public Timestamp Time;
        public bool Head;
        public byte[]? FullUri;
    }

    /// <summary>The requests of a connection waiting for their responses, oldest first. Held inline while there is at
    /// most one (the usual case); a ring array is made only when requests are pipelined.</summary>
    struct RequestFifo
    {
        Pending _one;
        Pending[]? _ring;
        int _start, _count;

        public readonly int Count => _count;

        [UnscopedRef] public ref Pending Peek() => ref _ring is null ? ref _one : ref _ring[_start];

        public Pending Dequeue()
        {
            var p = Peek();
            if (_ring is null) _one = default;
            else { _ring[_start] = default; _start = (_start + 1) & (_ring.Length - 1); }
            _count--;
            return p;
        }

        public void Enqueue(in Pending p)
        {
            if (_ring is null)
            {
                if (_count == 0) { _one = p; _count = 1; return; }
                _ring = new Pending[4];
                _ring[0] = _one;
                _one = default;
                _start = 0;
            }
            if (_count == _ring.Length)
            {
                var bigger = new Pending[_ring.Length * 2];
                for (int i = 0; i < _count; i++) bigger[i] = _ring[(_start + i) & (_ring.Length - 1)];
                _ring = bigger;
                _start = 0;
            }
            _ring[(_start + _count) & (_ring.Length - 1)] = p;
            _count++;
        }
    }

    struct Conn
    {
        public RequestFifo Requests;
        public int RequestCount, ResponseCount;
        public long LastRequest, LastResponse, LastSeen;
        public Timestamp LastTime;
    }

    readonly Dictionary<ConnKey, Conn> _conns = new();
    readonly FrameResults<HttpMatch> _frames = new(MaxFrames);
    readonly UriSet _uris = new();
    long[]? _scratch;
    long _lastFrame;

    public int Connections => _conns.Count;
    public int PendingRequests { get { int n = 0; foreach (var c in _conns.Values) n += c.Requests.Count; return n; } }

    static long FrameKey(long frame, int pdu) => (frame << 8) | (uint)(pdu & 0xFF);

    /// <summary>True when the oldest unanswered request of the connection (<paramref name="client"/> being the
    /// requesting side) is a HEAD: the framer then knows the response has no body.</summary>
    public bool NextResponseIsHead(in Address server, ushort serverPort, in Address client, ushort clientPort)
    {
        ref var c = ref CollectionsMarshal.GetValueRefOrNullRef(_conns, ConnKey.Of(server, serverPort, client, clientPort));
        if (Unsafe.IsNullRef(ref c) || c.Requests.Count == 0) return false;
        return c.Requests.Peek().Head;
    }

    /// <summary>Records (first pass) or reads back (re-dissection) one request.</summary>
    public bool Request(in ConnKey key, long frame, int pdu, Timestamp time, bool head, ReadOnlySpan<byte> fullUri, bool storeUri, out HttpMatch m)
    {
        long fk = FrameKey(frame, pdu);
        if (frame <= _lastFrame && _frames.TryGetValue(fk, out m)) return true;
        m = default;
        if (frame < _lastFrame) return false;
        _lastFrame = frame;
        ref var c = ref Get(key, frame, time);
        c.RequestCount++;
        m.Number = c.RequestCount;
        m.PrevFrame = c.LastRequest;
        m.Head = head;
        c.LastRequest = frame;
        if (c.Requests.Count >= MaxPending) c.Requests.Dequeue();
        long seq = _frames.Add(fk, m);
        c.Requests.Enqueue(new Pending { Frame = frame, MatchKey = fk, MatchSeq = seq, Time = time, Head = head, FullUri = storeUri ? _uris.Get(fullUri) : null });
        return true;
    }

    /// <summary>Records (first pass) or reads back (re-dissection) one response with status <paramref name="status"/>.</summary>
    public bool Response(in ConnKey key, long frame, int pdu, Timestamp time, int status, out HttpMatch m)
    {
        long fk = FrameKey(frame, pdu);
        if (frame <= _lastFrame && _frames.TryGetValue(fk, out m)) return true;
        m = default;
        if (frame < _lastFrame) return false;
        _lastFrame = frame;
        ref var c = ref Get(key, frame, time);
        m.IsResponse = true;
        c.ResponseCount++;
        m.Number = c.ResponseCount;
        m.PrevFrame = c.LastResponse;
        c.LastResponse = frame;
        if (c.Requests.Count > 0)
        {
            bool interim = status is >= 100 and < 200 && status != 101;
            var req = interim ? c.Requests.Peek() : c.Requests.Dequeue();
            m.OtherFrame = req.Frame;
            m.TimeNs = time.NanosecondsSince(req.Time);
            m.FullUri = req.FullUri;
            m.Head = req.Head;
            if (!interim)
            {
                ref var q = ref _frames.At(req.MatchSeq, req.MatchKey);
                if (!Unsafe.IsNullRef(ref q) && q.OtherFrame == 0) q.OtherFrame = frame;
            }
        }
        _frames.Add(fk, m);
        return true;
    }

    ref Conn Get(in ConnKey key, long frame, Timestamp time)
    {
        // Every 4096 messages, connections with nothing pending and idle for IdleNs go: the table then holds the
        // connections in use, not up to MaxConnections (every look-up paid for the larger table). By count, not
        // capture time: a capture of fewer messages keeps every connection, as tshark.
        if ((++_messages & (SweepEvery - 1)) == 0) DropIdle(time);
        ref Conn c = ref Unsafe.NullRef<Conn>();
        // Below the bound no prune can come first: one look-up finds or adds.
        if (_conns.Count < MaxConnections) c = ref CollectionsMarshal.GetValueRefOrAddDefault(_conns, key, out _);
        else
        {
            c = ref CollectionsMarshal.GetValueRefOrNullRef(_conns, key);
            if (Unsafe.IsNullRef(ref c))
            {
                Prune();
                c = ref CollectionsMarshal.GetValueRefOrAddDefault(_conns, key, out _);
            }
        }
        c.LastSeen = frame; c.LastTime = time;
        return ref c;
    }

    const int SweepEvery = 4096;
    /// <summary>How long a connection with no request pending is kept after its last message (capture time).</summary>
    public const long IdleNs = 120_000_000_000L;
    long _messages;

    void DropIdle(Timestamp now)
    {
        foreach (var kv in _conns)
            if (kv.Value.Requests.Count == 0 && now.NanosecondsSince(kv.Value.LastTime) > IdleNs) _conns.Remove(kv.Key);
    }

    /// <summary>Forgets idle connections (nothing pending) first, then the least recently seen half.</summary>
    void Prune()
    {
        int idle = 0;
        foreach (var kv in _conns) if (kv.Value.Requests.Count == 0) idle++;
        long cut = long.MinValue;
        if (idle < _conns.Count / 4)
        {
            var seen = _scratch ??= new long[MaxConnections];
            if (seen.Length < _conns.Count) seen = _scratch = new long[_conns.Count];
            int n = 0;
            foreach (var kv in _conns) seen[n++] = kv.Value.LastSeen;
            Array.Sort(seen, 0, n);
            cut = seen[n / 2];
        }
        // (Removing the current entry while enumerating a Dictionary is allowed.)
        foreach (var kv in _conns)
            if (kv.Value.Requests.Count == 0 || kv.Value.LastSeen <= cut) _conns.Remove(kv.Key);
    }

    /// <summary>The full URIs of requests, shared between requests that ask for the same one (a page's resources,
    /// a client polling): one array per distinct URI rather than one per request. Bounded: forgets them all when
    /// full (the arrays handed out stay valid).</summary>
    sealed class UriSet : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        const int MaxUris = 4096;
        readonly HashSet<byte[]> _set;
        readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

        public UriSet()
        {
            _set = new HashSet<byte[]>(this);
            _lookup = _set.GetAlternateLookup<ReadOnlySpan<byte>>();
        }

        public byte[] Get(ReadOnlySpan<byte> uri)
        {
            if (_lookup.TryGetValue(uri, out var known)) return known;
            if (_set.Count >= MaxUris) _set.Clear();
            var a = uri.ToArray();
            _set.Add(a);
            return a;
        }

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var h = new HashCode();
            h.AddBytes(alternate);
            return h.ToHashCode();
        }
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
