using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Tcp;

/// <summary>Statistics of one direction of a TCP connection: plain counters, no per-packet storage.</summary>
public struct TcpDirectionStats
{
    public ulong Packets, Bytes, PayloadBytes, RetransPackets, RetransBytes, OutOfOrder, DupAcks, ZeroWindows, SackPackets;
    public ulong WindowFullCount, LostSegments, DataPackets, UniqueBytes, WindowSamples, InFlightSamples;
    public long ZeroWindowSince;    // ns timestamp when the window went to 0, -1 when it is open
    public long ZeroWindowNs;
    public double WindowSum, InFlightSum;
    public uint MinWindow, MaxWindow, MaxInFlight;
    public uint HighestSeqAcked;    // for unique bytes
    public int Mss;                 // -1 unknown
    public int WindowScaleOption;   // -1 absent
    public bool SentSyn, SentSynAck, SentFin, SentRst, SentData;

    public static TcpDirectionStats New() => new() { ZeroWindowSince = -1, MinWindow = uint.MaxValue, Mss = -1, WindowScaleOption = -1 };
}

/// <summary>
/// What remains of one TCP connection for the end-of-capture reports (stats tcp) once its sequence-analysis state
/// is forgotten: endpoints, times, the two directions' counters, handshake times, an RTT summary and the Zeek-style
/// history. About 600 bytes whatever the length of the connection (about 100 while no statistics are gathered), plus an RTT sketch (0.3–1.6 KiB, bounded) once
/// it had over <see cref="RttSummary.ExactSamples"/> RTT samples.
/// </summary>
public sealed class TcpConnectionRecord
{
    public TcpConnectionRecord(uint stream, in FlowKey key, bool firstSenderIsA, Timestamp first, long firstFrame)
    {
        Reset(stream, key, firstSenderIsA, first, firstFrame);
    }

    /// <summary>Makes this record a new connection's (the analysis reuses the records of forgotten conversations
    /// when nobody keeps them).</summary>
    internal void Reset(uint stream, in FlowKey key, bool firstSenderIsA, Timestamp first, long firstFrame)
    {
        _stream = stream; _key = key; _firstSenderIsA = firstSenderIsA; FirstTime = first; LastTime = first;
        FirstFrame = firstFrame; LastFrame = firstFrame;
        ClientFlow = 0; SynTimeNs = -1; SynAckTimeNs = -1; HandshakeAckTimeNs = -1;
        _stats?.Clear();   // (a cleared part reads exactly as a new one: kept so a reused record allocates nothing)
    }

    uint _stream;
    FlowKey _key;
    bool _firstSenderIsA;
    public uint Stream => _stream;
    /// <summary>Endpoints: direction 1 is sent by (A, PortA) of the key.</summary>
    public ref readonly FlowKey Key => ref _key;
    /// <summary>True when the first packet seen went A → B (direction 1).</summary>
    public bool FirstSenderIsA => _firstSenderIsA;
    public Timestamp FirstTime, LastTime;
    public long FirstFrame, LastFrame;
    /// <summary>The direction (1 or 2) the client sends on: sender of the first SYN, else receiver of a SYN-ACK,
    /// else the first sender.</summary>
    public int ClientFlow;
    public long SynTimeNs = -1, SynAckTimeNs = -1, HandshakeAckTimeNs = -1;
    /// <summary>Statistics of the direction sent by A (flow 1).</summary>
    public ref TcpDirectionStats Dir1 => ref Stats.Dir1;
    /// <summary>Statistics of the direction sent by B (flow 2).</summary>
    public ref TcpDirectionStats Dir2 => ref Stats.Dir2;
    public ref RttSummary Rtt => ref Stats.Rtt;
    /// <summary>Zeek-style history letters (upper case: client), each once, in the order first seen.</summary>
    public string History => HistoryLetters.Text(HistoryPacked);
    /// <summary>The history letters packed as <see cref="HistoryLetters"/> keeps them (written without a string).</summary>
    internal ulong HistoryPacked => _stats?.History ?? 0;
    /// <summary>Adds a history letter unless it is there already (no allocation: the letters are packed).</summary>
    public void AddHistory(char c) { ref var h = ref Stats.History; h = HistoryLetters.Add(h, c); }

    // The counters are made on first use: an analysis that does not keep records (the read path) never gathers
    // them, and a record without them is ~100 bytes instead of ~600.
    StatsPart? _stats;
    StatsPart Stats => _stats ??= new StatsPart();

    sealed class StatsPart
    {
        public TcpDirectionStats Dir1 = TcpDirectionStats.New(), Dir2 = TcpDirectionStats.New();
        public RttSummary Rtt;
        public ulong History;   // HistoryLetters

        public void Clear() { Dir1 = TcpDirectionStats.New(); Dir2 = TcpDirectionStats.New(); Rtt = default; History = 0; }
    }
}

/// <summary>Zeek history letters packed 4 bits each into a ulong (1-14 index <see cref="Alphabet"/>, 0 ends), at
/// most 16: each letter appears once, and there are 14.</summary>
static class HistoryLetters
{
    const string Alphabet = "shrfdatSHRFDAT";

    public static ulong Add(ulong packed, char c)
    {
        int code = Alphabet.IndexOf(c) + 1;
        if (code == 0) return packed;
        int n = 0;
        for (ulong p = packed; p != 0; p >>= 4, n++) if ((int)(p & 15) == code) return packed;
        return n >= 16 ? packed : packed | ((ulong)code << (4 * n));
    }

    public static string Text(ulong packed)
    {
        if (packed == 0) return "";
        Span<char> buf = stackalloc char[16];
        return new string(buf[..Write(packed, buf)]);
    }

    /// <summary>Writes the letters (at most 16) and returns how many.</summary>
    public static int Write(ulong packed, Span<char> dest)
    {
        int n = 0;
        for (ulong p = packed; p != 0; p >>= 4) dest[n++] = Alphabet[(int)(p & 15) - 1];
        return n;
    }
}
