using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Tcp;

/// <summary>Analysis flags of one segment (Wireshark's TCP_A_* set).</summary>
[Flags]
public enum TcpAnalysisFlags : uint
{
    None = 0,
    Retransmission = 1 << 0,
    LostPacket = 1 << 1,
    AckLostPacket = 1 << 2,
    KeepAlive = 1 << 3,
    DuplicateAck = 1 << 4,
    ZeroWindow = 1 << 5,
    ZeroWindowProbe = 1 << 6,
    ZeroWindowProbeAck = 1 << 7,
    KeepAliveAck = 1 << 8,
    OutOfOrder = 1 << 9,
    FastRetransmission = 1 << 10,
    WindowUpdate = 1 << 11,
    WindowFull = 1 << 12,
    ReusedPorts = 1 << 13,
    SpuriousRetransmission = 1 << 14,
}

/// <summary>One unacknowledged segment (raw sequence numbers).</summary>
public struct Unacked
{
    public uint Seq, NextSeq;
    public long Frame;
    public Timestamp Time;
}

[System.Runtime.CompilerServices.InlineArray(8)]
public struct SackEdgeArray { uint _e0; }

/// <summary>State of one direction of a TCP connection (a struct inside <see cref="TcpConversation"/>: pass it by ref). Sequence numbers are raw (absolute); 0 in NextSeq and
/// MaxSeqToBeAcked means "not seen yet", as in Wireshark.</summary>
public struct TcpFlow
{
    public TcpFlow() { }

    public bool BaseSet, SawSyn, SawSynAck;
    public uint BaseSeq;
    public uint NextSeq, MaxSeqToBeAcked, LastAck;
    public long NextSeqFrame, LastNonDupAck;
    public Timestamp NextSeqTime, LastAckTime;
    public uint DupAckNum;
    public uint Window;            // raw (unscaled) window of the last segment
    public bool HaveWindow;
    public int WinScale = -1;      // -1 unknown, -2 not used
    public TcpAnalysisFlags LastSegmentFlags;
    public bool ValidBif = true;
    public uint PushBytesSent;
    public bool PushSetLast;
    /// <summary>Unacknowledged segments, oldest first (made on first use: a stream-numbering-only pass never does).</summary>
    public List<Unacked> Segments => _segments ??= new();
    List<Unacked>? _segments;
    /// <summary>SACK blocks (raw left/right edges) of the last segment sent in this direction.</summary>
    public SackEdgeArray SackEdges;
    public int SackCount;

    /// <summary>Back to a new direction's state, keeping a small unacked-segment list for reuse.</summary>
    internal void Reset()
    {
        var segments = _segments;
        this = new TcpFlow();
        if (segments is not null && segments.Capacity <= MaxReusedSegments) { segments.Clear(); _segments = segments; }
    }
    const int MaxReusedSegments = 256;
}

/// <summary>One TCP conversation (a stream index), both directions: the sequence-analysis state of each direction
/// plus its <see cref="TcpConnectionRecord"/> (what the reports keep once the analysis state is forgotten).</summary>
public sealed class TcpConversation
{
    /// <param name="record">A record given back for reuse (<see cref="TcpAnalyzer.Reuse"/>), else null: a new one.</param>
    public TcpConversation(uint stream, in FlowKey key, bool firstSenderIsA, Timestamp first, long firstFrame, TcpConnectionRecord? record = null)
    {
        Record = Ready(record, stream, key, firstSenderIsA, first, firstFrame);
        Stream = stream; LastTime = first; LastFrame = firstFrame;
    }

    /// <summary>Makes a forgotten conversation a new one. Its own record is reused when nobody kept it
    /// (<paramref name="keepOwnRecord"/>); otherwise the new connection gets <paramref name="record"/> (one given
    /// back for reuse) or a new one.</summary>
    internal void Reset(uint stream, in FlowKey key, bool firstSenderIsA, Timestamp first, long firstFrame, bool keepOwnRecord,
        TcpConnectionRecord? record = null)
    {
        Record = Ready(keepOwnRecord ? Record : record, stream, key, firstSenderIsA, first, firstFrame);
        Flow1.Reset(); Flow2.Reset();
        Stream = stream; LastTime = first; LastFrame = firstFrame;
        FirstRttNs = 0; Completeness = 0; FirstFinFrame = 0;
    }

    /// <summary>The given record made the new connection's, or a new one.</summary>
    static TcpConnectionRecord Ready(TcpConnectionRecord? r, uint stream, in FlowKey key, bool firstSenderIsA, Timestamp first, long firstFrame)
    {
        if (r is null) return new TcpConnectionRecord(stream, key, firstSenderIsA, first, firstFrame);
        r.Reset(stream, key, firstSenderIsA, first, firstFrame);
        return r;
    }

    public TcpConnectionRecord Record { get; private set; }
    /// <summary>The two directions, held inline (one object per conversation: fewer cache misses per segment).</summary>
    public TcpFlow Flow1 = new(), Flow2 = new();
    public uint Stream { get; private set; }
    /// <summary>Endpoints: flow 1 is sent by (A, PortA) of the key.</summary>
    public ref readonly FlowKey Key => ref Record.Key;
    /// <summary>True when the first packet seen went A → B (flow 1): tshark's conversation table lists that sender first.</summary>
    public bool FirstSenderIsA => Record.FirstSenderIsA;
    public ref Timestamp FirstTime => ref Record.FirstTime;
    public ref long FirstFrame => ref Record.FirstFrame;
    /// <summary>Time and frame of the last segment: kept here (the record is not touched per segment) and copied to
    /// the record by <see cref="SyncRecord"/> when the conversation is forgotten or the records are read.</summary>
    public Timestamp LastTime;
    public long LastFrame;
    public void SyncRecord() { Record.LastTime = LastTime; Record.LastFrame = LastFrame; }
    /// <summary>Client = sender of the first SYN, else first sender; expressed as which flow (1 or 2) the client sends on.</summary>
    public ref int ClientFlow => ref Record.ClientFlow;
    public long FirstRttNs;          // 0 = unknown
    public byte Completeness;        // SYN 1, SYN-ACK 2, ACK 4, DATA 8, FIN 16, RST 32
    /// <summary>Frame of the conversation's first FIN (either direction), 0 before: Wireshark's fin_active /
    /// fin_passive notes (that frame initiates the closing, every later FIN undergoes it).</summary>
    public long FirstFinFrame;
    public bool Closed => (Completeness & (16 | 32)) != 0;
    /// <summary>Statistics of the direction sent by A (flow 1) or by B.</summary>
    public ref TcpDirectionStats Stats(bool fromA) => ref fromA ? ref Record.Dir1 : ref Record.Dir2;
}
