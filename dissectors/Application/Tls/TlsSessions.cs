using System.Runtime.CompilerServices;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Tls;

/// <summary>What the TLS dissector knows about one connection (Wireshark's SslSession, the parts we use).</summary>
public struct TlsSessionState
{
    /// <summary>The session's version once an authoritative message set it (0 = unknown, tshark's SSL_VER_UNKNOWN).</summary>
    public ushort Version;
    /// <summary>The cipher suite the ServerHello chose (0 = not seen).</summary>
    public ushort CipherSuite;
    /// <summary>Frames of the last ChangeCipherSpec from each side (0 = none): later handshake records of that side
    /// are encrypted.</summary>
    public long ClientCcsFrame, ServerCcsFrame;
    /// <summary>The server's address and port, once a ClientHello or ServerHello showed it.</summary>
    public Address Server;
    public ushort ServerPort;
    public bool ServerKnown;
}

/// <summary>
/// TLS session state per TCP connection, written on the first pass only (STYLE rule 6): every PDU's starting state is
/// kept (a bounded number of them) so that re-dissecting a frame alone repeats what the first pass showed. One table
/// per flow analysis (keyed by the TCP analyzer, as DNS and HTTP do); without an analysis there is no state.
/// </summary>
public sealed class TlsSessions
{
    public const int MaxConnections = 8192, MaxSnapshots = 65536;

    static readonly ConditionalWeakTable<object, TlsSessions> ByOwner = new();

    /// <summary>The table of the context's flow analysis, or null when no analysis is attached.</summary>
    public static TlsSessions? For(DissectContext ctx)
        => ctx.Tcp is { } owner && !ctx.InErrorPacket ? ByOwner.GetValue(owner, static _ => new TlsSessions()) : null;

    public readonly record struct ConnKey(Address A, ushort PortA, Address B, ushort PortB)
    {
        public static ConnKey Of(in Address src, ushort sp, in Address dst, ushort dp)
        {
            int c = src.CompareTo(dst);
            return c < 0 || (c == 0 && sp <= dp) ? new ConnKey(src, sp, dst, dp) : new ConnKey(dst, dp, src, sp);
        }
    }

    readonly Dictionary<ConnKey, TlsSessionState> _conns = new();
    readonly Dictionary<long, TlsSessionState> _snapshots = new();
    long _lastFrame;
    int _lastPdu = int.MinValue;

    public int Connections => _conns.Count;

    /// <summary>True when TLS was already seen on the connection (the heuristic then keeps taking its records).</summary>
    public bool Knows(in ConnKey key) => _conns.ContainsKey(key);

    static long FrameKey(long frame, int pdu) => (frame << 8) | (uint)(pdu & 0xFF);

    /// <summary>The state at the start of this PDU. True on the first pass over it (the caller then commits the new
    /// state with <see cref="Commit"/>); false on a re-dissection, which reads the state the first pass saw.</summary>
    public bool Begin(long frame, int pdu, in ConnKey key, out TlsSessionState state)
    {
        bool first = frame > _lastFrame || (frame == _lastFrame && pdu > _lastPdu);
        if (first)
        {
            _lastFrame = frame; _lastPdu = pdu;
            _conns.TryGetValue(key, out state);
            if (_snapshots.Count >= MaxSnapshots) _snapshots.Clear();
            _snapshots[FrameKey(frame, pdu)] = state;
            return true;
        }
        if (!_snapshots.TryGetValue(FrameKey(frame, pdu), out state)) _conns.TryGetValue(key, out state);
        return false;
    }

    public void Commit(in ConnKey key, in TlsSessionState state)
    {
        if (_conns.Count >= MaxConnections && !_conns.ContainsKey(key)) _conns.Clear();
        _conns[key] = state;
    }
}
