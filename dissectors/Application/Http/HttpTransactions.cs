using System.Runtime.CompilerServices;
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
/// bounded: a connection whose FIFO is empty is forgotten first when the table is full, a FIFO keeps at most
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
        public long Frame, MatchKey;
        public Timestamp Time;
        public bool Head;
        public byte[]? FullUri;
    }

    sealed class Conn
    {
        public readonly Queue<Pending> Requests = new();
        public int RequestCount, ResponseCount;
        public long LastRequest, LastResponse, LastSeen;
    }

    readonly Dictionary<ConnKey, Conn> _conns = new();
    readonly Dictionary<long, HttpMatch> _frames = new();
    long _lastFrame;

    public int Connections => _conns.Count;
    public int PendingRequests { get { int n = 0; foreach (var c in _conns.Values) n += c.Requests.Count; return n; } }

    static long FrameKey(long frame, int pdu) => (frame << 8) | (uint)(pdu & 0xFF);

    /// <summary>True when the oldest unanswered request of the connection (<paramref name="client"/> being the
    /// requesting side) is a HEAD: the framer then knows the response has no body.</summary>
    public bool NextResponseIsHead(in Address server, ushort serverPort, in Address client, ushort clientPort)
    {
        if (!_conns.TryGetValue(ConnKey.Of(server, serverPort, client, clientPort), out var c) || c.Requests.Count == 0) return false;
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
        var c = Get(key, frame);
        c.RequestCount++;
        m.Number = c.RequestCount;
        m.PrevFrame = c.LastRequest;
        m.Head = head;
        c.LastRequest = frame;
        if (c.Requests.Count >= MaxPending) c.Requests.Dequeue();
        c.Requests.Enqueue(new Pending { Frame = frame, MatchKey = fk, Time = time, Head = head, FullUri = storeUri ? fullUri.ToArray() : null });
        Remember(fk, m);
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
        var c = Get(key, frame);
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
            if (!interim && _frames.TryGetValue(req.MatchKey, out var q) && q.OtherFrame == 0)
            {
                q.OtherFrame = frame;
                _frames[req.MatchKey] = q;
            }
        }
        Remember(fk, m);
        return true;
    }

    Conn Get(in ConnKey key, long frame)
    {
        if (!_conns.TryGetValue(key, out var c))
        {
            if (_conns.Count >= MaxConnections) Prune();
            _conns[key] = c = new Conn();
        }
        c.LastSeen = frame;
        return c;
    }

    /// <summary>Forgets idle connections (nothing pending) first, then the least recently seen half.</summary>
    void Prune()
    {
        var drop = new List<ConnKey>();
        foreach (var kv in _conns) if (kv.Value.Requests.Count == 0) drop.Add(kv.Key);
        if (drop.Count < _conns.Count / 4)
        {
            var seen = new List<long>(_conns.Count);
            foreach (var kv in _conns) seen.Add(kv.Value.LastSeen);
            seen.Sort();
            long cut = seen[seen.Count / 2];
            foreach (var kv in _conns) if (kv.Value.LastSeen <= cut) drop.Add(kv.Key);
        }
        foreach (var k in drop) _conns.Remove(k);
    }

    void Remember(long fk, in HttpMatch m)
    {
        if (_frames.Count >= 2 * MaxFrames)
        {
            var keys = new List<long>(_frames.Keys);
            keys.Sort();
            for (int i = 0; i < keys.Count - MaxFrames; i++) _frames.Remove(keys[i]);
        }
        _frames[fk] = m;
    }
}
