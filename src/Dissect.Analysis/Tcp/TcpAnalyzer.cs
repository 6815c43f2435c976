using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Tcp;

/// <summary>
/// Wireshark-compatible TCP sequence analysis (first pass): conversation index (tcp.stream) with port reuse,
/// relative numbers, window scaling, and the tcp.analysis.* flags with the rules of Wireshark's
/// tcp_analyze_sequence_number. Each flag also records which rule fired, in plain words.
/// </summary>
public sealed class TcpAnalyzer : ITcpAnalyzer
{
    const int MaxUnackedSegments = 10000;

    readonly Dictionary<FlowKey, TcpConversation> _conversations = new();
    readonly List<TcpConnectionRecord> _all = new();
    uint _nextStream;

    // Result of the segment last analysed (consumed by AddFields).
    TcpConversation? _conv;
    TcpAnalysisFlags _flags;
    bool _haveTa;
    long _acksFrame, _dupAckFrame, _rtoFrame;
    long _ackRttNs = -1, _rtoNs = -1;
    uint _dupAckNum, _bytesInFlight, _pushBytes;
    byte _completenessShown;
    byte _fin;                  // 1: this FIN initiates the closing, 2: it undergoes it
    readonly string?[] _why = new string?[32];
    bool _explain;

    /// <summary>The record of every connection seen so far, in stream order (kept while <see cref="RetainAll"/>).</summary>
    public IReadOnlyList<TcpConnectionRecord> Connections
    {
        get
        {
            foreach (var c in _conversations.Values) c.SyncRecord();
            return _all;
        }
    }
    /// <summary>Stream indexes given so far (whether or not their records are kept).</summary>
    public int ConversationCount => (int)_nextStream;

    /// <summary>Keep every connection's <see cref="TcpConnectionRecord"/>, with its per-connection statistics, for the
    /// end-of-capture report (stats tcp). Off by default: then the statistics are not gathered at all (nothing would
    /// read them) and only the sequence analysis runs. Either way a closed conversation (FIN or RST seen) idle for <see cref="EvictAfterNs"/> of capture time loses its
    /// sequence-analysis state (the dictionary entry, unacked-segment lists), so the analysis memory is bounded by the
    /// connections open at once, not by the file; with RetainAll only the compact record stays. A late stray segment
    /// of a forgotten connection then opens a new stream index where tshark would reuse the old one.</summary>
    public bool RetainAll { get; set; }

    /// <summary>Called with each connection's record once the analysis is done with it: when its conversation is
    /// forgotten (closed and idle for <see cref="EvictAfterNs"/>), replaced by a new one on the same ports, or at
    /// <see cref="Finish"/>. With it set, statistics are gathered and a report can be written as connections end,
    /// holding only those not yet finished (stats tcp), instead of keeping every record (<see cref="RetainAll"/>).</summary>
    public Action<TcpConnectionRecord>? RecordDone { get; set; }

    /// <summary>Per-connection statistics are gathered when someone will read them.</summary>
    public bool CollectStatistics => RetainAll || RecordDone is not null;

    /// <summary>End of capture: hands every conversation still held to <see cref="RecordDone"/> (in stream order).</summary>
    public void Finish()
    {
        if (RecordDone is not { } done) return;
        var live = new List<TcpConversation>(_conversations.Values);
        live.Sort((a, b) => a.Stream.CompareTo(b.Stream));
        _conversations.Clear();
        foreach (var c in live) { c.SyncRecord(); done(c.Record); }
    }
    public long EvictAfterNs { get; set; } = 120_000_000_000L;
    /// <summary>False: number the streams only (tcp.stream with port reuse, relative numbers, completeness, first
    /// and last frame), without the sequence analysis flags and the per-connection statistics: what conversation
    /// tables need (stats conv,tcp). Default true.</summary>
    public bool FullAnalysis { get; set; } = true;
    /// <summary>Conversations currently held in memory.</summary>
    public int LiveConversations => _conversations.Count;
    /// <summary>How often (in TCP segments) closed conversations are looked for (tests sweep at every segment).</summary>
    public int SweepEverySegments { get => _sweepEvery; set { _sweepEvery = Math.Max(1, value); _sweepCountdown = _sweepEvery; } }
    int _sweepEvery = 8192;
    long _sweepCountdown = 8192;

    void Sweep(Timestamp now)
    {
        var drop = _drop;
        foreach (var kv in _conversations)
            if (kv.Value.Closed && now.NanosecondsSince(kv.Value.LastTime) > EvictAfterNs) drop.Add(kv.Key);
        if (drop.Count == 0) return;
        // The forgotten conversations serve the next ones, so a long capture does not allocate (and the GC does not
        // promote) an object graph per connection; their records too when nobody keeps them (no report asked).
        foreach (var k in drop)
            if (_conversations.Remove(k, out var gone))
            {
                gone.SyncRecord(); RecordDone?.Invoke(gone.Record);
                if (_free.Count < MaxFree && !ReferenceEquals(gone, _conv)) _free.Push(gone);
            }
        drop.Clear();
        // Give memory back only after a large drop (trimming after every sweep would regrow the table each time).
        // (the peak since the last sweep, not what is left: a sweep that forgets most of the table would otherwise
        // trim it only for the next interval to grow it again).
        if (_conversations.EnsureCapacity(0) > 4 * Math.Max(_peakSinceSweep, _conversations.Count) + 1024) _conversations.TrimExcess();
        _peakSinceSweep = _conversations.Count;
        // (the list keeps its capacity: bounded by the conversations held at once)
    }
    /// <summary>Gives back a record handed to <see cref="RecordDone"/> once nothing refers to it any more (the stats
    /// tcp writer, once it has written it): a later connection reuses it instead of allocating one (ignored while
    /// <see cref="RetainAll"/> keeps every record).</summary>
    public void Reuse(TcpConnectionRecord record)
    {
        if (!RetainAll && _freeRecords.Count < MaxFree) _freeRecords.Push(record);
    }
    readonly Stack<TcpConnectionRecord> _freeRecords = new();
    /// <summary>New connections that got a record given back through <see cref="Reuse"/>.</summary>
    public long ReusedRecords { get; private set; }
    readonly List<FlowKey> _drop = new();
    readonly Stack<TcpConversation> _free = new();
    /// <summary>New conversations that reused a forgotten one's objects.</summary>
    public long RecycledConversations { get; private set; }
    const int MaxFree = 16384;
    int _peakSinceSweep;

    /// <summary>Flags of the segment last analysed (for statistics and tests).</summary>
    public TcpAnalysisFlags LastFlags => _flags;

    /// <summary>The conversation of the segment last analysed, and the frame it belonged to.</summary>
    public TcpConversation? Current => _conv;
    public long CurrentFrame { get; private set; } = -1;

    public void Analyze(ref TcpSegment s, DissectContext ctx)
    {
        if (--_sweepCountdown <= 0) { _sweepCountdown = SweepEverySegments; Sweep(ctx.Frame.Time); }
        var frame = ctx.Frame;
        _flags = TcpAnalysisFlags.None; _haveTa = false; _acksFrame = 0; _dupAckFrame = 0; _rtoFrame = 0;
        _ackRttNs = -1; _rtoNs = -1; _dupAckNum = 0; _bytesInFlight = 0; _pushBytes = 0; _fin = 0;
        _explain = ctx.Fields.WantsAll;
        if (_explain) Array.Clear(_why);

        var key = new FlowKey(ctx.NetSrc, s.SrcPort, ctx.NetDst, s.DstPort, out bool srcIsA);
        ushort flags = s.Flags;
        bool syn = (flags & TcpSegment.SYN) != 0, ack = (flags & TcpSegment.ACK) != 0;

        if (!_conversations.TryGetValue(key, out var conv))
            conv = NewConversation(key, frame, ref s, srcIsA);
        else
        {
            ref var fwd0 = ref srcIsA ? ref conv.Flow1 : ref conv.Flow2;
            // A SYN (or SYN-ACK) whose sequence number differs from the one this direction started with opens a
            // new conversation on the same ports (Wireshark: "TCP Port numbers reused").
            if (syn && fwd0.BaseSet && s.Seq != fwd0.BaseSeq)
            {
                conv = NewConversation(key, frame, ref s, srcIsA);
                _flags |= TcpAnalysisFlags.ReusedPorts; _haveTa = true;
                if (_explain) Why(TcpAnalysisFlags.ReusedPorts, "reused ports: SYN with seq {0} differs from the first SYN's {1} on these ports", s.Seq, fwd0.BaseSeq);
            }
        }
        _conv = conv;
        CurrentFrame = frame.Number;
        ref var fwd = ref srcIsA ? ref conv.Flow1 : ref conv.Flow2;
        ref var rev = ref srcIsA ? ref conv.Flow2 : ref conv.Flow1;
        conv.LastTime = frame.Time; conv.LastFrame = frame.Number;

        // Window scaling from the handshake (SYN windows are never scaled). As Wireshark decides it: a SYN or SYN-ACK
        // whose direction has no scale yet (no option) means scaling is not used, both ways; so does a SYN-ACK with
        // the option answering a SYN without it.
        if (syn)
        {
            if (s.WindowScale >= 0) fwd.WinScale = Math.Min(s.WindowScale, 14);
            if (fwd.WinScale == -1 || (ack && rev.WinScale == -2)) { fwd.WinScale = -2; rev.WinScale = -2; }
            if (s.Mss >= 0 && CollectStatistics) conv.Stats(srcIsA).Mss = s.Mss;
        }

        fwd.SackCount = Math.Min(s.SackBlockCount, 4);
        for (int i = 0; i < fwd.SackCount * 2; i++) fwd.SackEdges[i] = s.Sack[i];

        _completenessShown = conv.Completeness;
        if (FullAnalysis) SequenceAnalysis(ref s, frame, conv, ref fwd, ref rev);
        else SetBases(s.Seq, s.Ack, flags, ref fwd, ref rev);

        // Initial RTT: SYN → third packet of the handshake.
        if ((flags & (TcpSegment.SYN | TcpSegment.ACK)) == TcpSegment.ACK && conv.FirstRttNs == 0 &&
            (fwd.SawSyn || rev.SawSyn))
        {
            conv.FirstRttNs = frame.Time.NanosecondsSince(conv.FirstTime);
            conv.Record.HandshakeAckTimeNs = ToNs(frame.Time);
        }

        // Completeness (as tshark shows it: the state before this segment is counted).
        // A SYN-ACK counts only after a SYN; data only once a counted SYN-ACK or pure ACK came before it
        // (tshark 4.0: data that arrives before the handshake ACK still counts after the SYN-ACK).
        if (syn && !ack) conv.Completeness |= 1;
        else if (syn && ack) { if ((conv.Completeness & 1) != 0) conv.Completeness |= 2; }
        else if (ack && s.PayloadLength == 0 && (flags & (TcpSegment.FIN | TcpSegment.RST)) == 0) conv.Completeness |= 4;
        if (!syn && s.PayloadLength > 0 && (conv.Completeness & 6) != 0) conv.Completeness |= 8;
        if ((flags & TcpSegment.FIN) != 0)
        {
            conv.Completeness |= 16;
            // The first FIN frame of the conversation (also when dissected again) initiates the closing.
            if (conv.FirstFinFrame == 0 || conv.FirstFinFrame == frame.Number) { conv.FirstFinFrame = frame.Number; _fin = 1; }
            else _fin = 2;
        }
        if ((flags & TcpSegment.RST) != 0) conv.Completeness |= 32;

        // Results for the dissector.
        s.Analyzed = true;
        s.Stream = conv.Stream;
        s.Direction = srcIsA ? (byte)0 : (byte)1;
        s.AnalysisFlags = (uint)_flags;
        s.RelSeq = s.Seq - fwd.BaseSeq;
        s.RelAck = ack ? s.Ack - rev.BaseSeq : s.Ack;
        s.RelNextSeq = s.RelSeq + (uint)s.PayloadLength + (uint)((flags & (TcpSegment.SYN | TcpSegment.FIN)) != 0 ? 1 : 0);
        s.WindowScaled = syn ? s.WindowRaw : fwd.WinScale >= 0 ? (long)s.WindowRaw << fwd.WinScale : s.WindowRaw;
        // tcp.window_size_scalefactor: the multiplier, or -1 (unknown: the SYNs were not seen) / -2 (not used).
        s.WindowScaleFactor = syn ? 0 : fwd.WinScale >= 0 ? 1 << fwd.WinScale : fwd.WinScale;
        s.InfoPrefix = _flags == TcpAnalysisFlags.None || !ctx.WantColumns ? null : InfoPrefix(_flags, _dupAckNum, _dupAckFrame);

        if (FullAnalysis && CollectStatistics) UpdateStatistics(ref s, frame, conv, ref fwd, ref rev, srcIsA);
    }

    TcpConversation NewConversation(in FlowKey key, in Frame frame, ref TcpSegment s, bool srcIsA)
    {
        if (_conversations.TryGetValue(key, out var replaced)) { replaced.SyncRecord(); RecordDone?.Invoke(replaced.Record); }   // ports reused
        TcpConversation conv;
        TcpConnectionRecord? record = null;
        if (CollectStatistics && _freeRecords.Count > 0) { record = _freeRecords.Pop(); ReusedRecords++; }
        if (_free.Count > 0)
        {
            conv = _free.Pop();
            conv.Reset(_nextStream++, key, srcIsA, frame.Time, frame.Number, keepOwnRecord: !CollectStatistics, record);
            RecycledConversations++;
        }
        else conv = new TcpConversation(_nextStream++, key, srcIsA, frame.Time, frame.Number, record);
        bool synAck = (s.Flags & (TcpSegment.SYN | TcpSegment.ACK)) == (TcpSegment.SYN | TcpSegment.ACK);
        // Client: sender of the SYN; receiver of a SYN-ACK; else the first sender.
        conv.ClientFlow = synAck ? (srcIsA ? 2 : 1) : (srcIsA ? 1 : 2);
        _conversations[key] = conv;
        if (_conversations.Count > _peakSinceSweep) _peakSinceSweep = _conversations.Count;
        if (RetainAll) _all.Add(conv.Record);
        return conv;
    }

    static long ToNs(Timestamp t) => t.Seconds * 1_000_000_000L + t.Nanoseconds;

    static bool GT(uint a, uint b) => (int)(a - b) > 0;
    static bool LT(uint a, uint b) => (int)(a - b) < 0;
    static bool LE(uint a, uint b) => (int)(a - b) <= 0;

    void Ta() => _haveTa = true;

    /// <summary>Records in plain words which rule raised <paramref name="flag"/> (detail output only).</summary>
    void Why(TcpAnalysisFlags flag, string format, params object[] args)
    {
        _why[System.Numerics.BitOperations.TrailingZeroCount((uint)flag)] = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }

    /// <summary>The first sequence number of each direction (its SYN's, else one before the first byte seen, or the
    /// peer's first ACK minus one): relative numbers and the port-reuse rule start from it.</summary>
    static void SetBases(uint seq, uint ack, ushort flags, ref TcpFlow fwd, ref TcpFlow rev)
    {
        if (!fwd.BaseSet)
        {
            if ((flags & TcpSegment.SYN) != 0)
            {
                fwd.BaseSeq = seq;
                if ((flags & TcpSegment.ACK) != 0) fwd.SawSynAck = true; else fwd.SawSyn = true;
            }
            else fwd.BaseSeq = seq - 1;
            fwd.BaseSet = true;
        }
        if (!rev.BaseSet && (flags & TcpSegment.ACK) != 0)
        {
            rev.BaseSeq = ack - 1;
            rev.BaseSet = true;
        }
    }

    void SequenceAnalysis(ref TcpSegment s, in Frame frame, TcpConversation conv, ref TcpFlow fwd, ref TcpFlow rev)
    {
        uint seq = s.Seq, ack = s.Ack, seglen = (uint)s.PayloadLength, window = s.WindowRaw;
        ushort flags = s.Flags;
        const ushort SYN = TcpSegment.SYN, ACK = TcpSegment.ACK, FIN = TcpSegment.FIN, RST = TcpSegment.RST;
        var now = frame.Time;

        SetBases(seq, ack, flags, ref fwd, ref rev);
        if ((flags & ACK) != 0) rev.ValidBif = true;

        bool finished = false;
        // ZERO WINDOW PROBE: 1 byte at the next expected seq while the peer's window is 0.
        if (seglen == 1 && seq == fwd.NextSeq && rev.HaveWindow && rev.Window == 0)
        {
            _flags |= TcpAnalysisFlags.ZeroWindowProbe; Ta();
            if (_explain) Why(TcpAnalysisFlags.ZeroWindowProbe, "zero window probe: 1 byte at the next expected seq {0} while the receiver's window is 0", Rel(seq, fwd));
            finished = true;
        }

        if (!finished)
        {
            // ZERO WINDOW: window 0 on a segment without SYN/FIN/RST.
            if (window == 0 && (flags & (RST | FIN | SYN)) == 0)
            {
                _flags |= TcpAnalysisFlags.ZeroWindow; Ta();
                if (_explain) Why(TcpAnalysisFlags.ZeroWindow, "zero window: the receiver advertises a window of 0");
            }

            // LOST PACKET: seq beyond the next expected one.
            if (fwd.NextSeq != 0 && GT(seq, fwd.NextSeq) && (flags & RST) == 0)
            {
                _flags |= TcpAnalysisFlags.LostPacket; Ta();
                if (_explain) Why(TcpAnalysisFlags.LostPacket, "previous segment not captured: seq {0} > next expected {1}", Rel(seq, fwd), Rel(fwd.NextSeq, fwd));
                fwd.ValidBif = false;
            }

            // KEEP ALIVE: 0 or 1 byte starting one byte before the next expected seq.
            if (seglen <= 1 && seq == fwd.NextSeq - 1 && (flags & (SYN | FIN | RST)) == 0)
            {
                _flags |= TcpAnalysisFlags.KeepAlive; Ta();
                if (_explain) Why(TcpAnalysisFlags.KeepAlive, "keep-alive: {0} byte(s) at seq {1}, one before the next expected {2}", seglen, Rel(seq, fwd), Rel(fwd.NextSeq, fwd));
            }

            // WINDOW UPDATE: no data, same seq/ack, new non-zero window.
            if (seglen == 0 && window != 0 && window != fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck &&
                (flags & (SYN | FIN | RST)) == 0)
            {
                _flags |= TcpAnalysisFlags.WindowUpdate; Ta();
                if (_explain) Why(TcpAnalysisFlags.WindowUpdate, "window update: no data, same seq and ack as before, window {0} → {1}", fwd.Window, window);
            }

            // WINDOW FULL: data reaching exactly the right edge of the peer's advertised window.
            if (seglen > 0 && rev.WinScale != -1 && rev.HaveWindow &&
                seq + seglen == rev.LastAck + (rev.Window << (rev.WinScale == -2 ? 0 : rev.WinScale)) &&
                (flags & (SYN | FIN | RST)) == 0)
            {
                _flags |= TcpAnalysisFlags.WindowFull; Ta();
                if (_explain) Why(TcpAnalysisFlags.WindowFull, "window full: seq {0} + len {1} reaches the receiver's window edge", Rel(seq, fwd), seglen);
            }

            // KEEP ALIVE ACK: repeats the previous ACK after a keep-alive from the peer.
            if (seglen == 0 && window != 0 && window == fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck &&
                (rev.LastSegmentFlags & TcpAnalysisFlags.KeepAlive) != 0 && (flags & (SYN | FIN | RST)) == 0)
            {
                _flags |= TcpAnalysisFlags.KeepAliveAck; Ta();
                if (_explain) Why(TcpAnalysisFlags.KeepAliveAck, "keep-alive ACK: repeats ack {0} after the peer's keep-alive", ack - rev.BaseSeq);
                finished = true;
            }

            // ZERO WINDOW PROBE ACK.
            if (!finished && seglen == 0 && window == 0 && window == fwd.Window && seq == fwd.NextSeq &&
                (ack == fwd.LastAck || ack == fwd.LastAck + 1) &&
                (rev.LastSegmentFlags & TcpAnalysisFlags.ZeroWindowProbe) != 0 && (flags & (SYN | FIN | RST)) == 0)
            {
                _flags |= TcpAnalysisFlags.ZeroWindowProbeAck; Ta();
                if (_explain) Why(TcpAnalysisFlags.ZeroWindowProbeAck, "zero window probe ACK: window still 0 after the peer's probe");
                if (ack == fwd.LastAck + 1) { rev.NextSeq = ack; rev.MaxSeqToBeAcked = ack; }
                finished = true;
            }

            // DUPLICATE ACK: no data, same window/seq/ack as the previous segment.
            if (!finished && seglen == 0 && window != 0 && window == fwd.Window && seq == fwd.NextSeq &&
                ack == fwd.LastAck && (flags & (SYN | FIN | RST)) == 0)
            {
                fwd.DupAckNum++;
                _flags |= TcpAnalysisFlags.DuplicateAck; Ta();
                _dupAckNum = fwd.DupAckNum;
                _dupAckFrame = fwd.LastNonDupAck;
                if (_explain) Why(TcpAnalysisFlags.DuplicateAck, "duplicate ACK #{0}: no data, same seq, ack {1} and window {2} as frame {3}", fwd.DupAckNum, ack - rev.BaseSeq, window, fwd.LastNonDupAck);
            }
        }

        // finished_fwd: a changed ack number resets the duplicate-ACK count.
        if (ack != fwd.LastAck)
        {
            fwd.LastNonDupAck = frame.Number;
            fwd.DupAckNum = 0;
        }

        // ACKED LOST PACKET: acks beyond the highest contiguous seq seen in the other direction.
        if (rev.MaxSeqToBeAcked != 0 && GT(ack, rev.MaxSeqToBeAcked) && (flags & ACK) != 0)
        {
            _flags |= TcpAnalysisFlags.AckLostPacket; Ta();
            if (_explain) Why(TcpAnalysisFlags.AckLostPacket, "ACKed unseen segment: ack {0} > highest seq seen from the peer {1}", ack - rev.BaseSeq, rev.MaxSeqToBeAcked - rev.BaseSeq);
            rev.MaxSeqToBeAcked = rev.NextSeq;
        }

        // RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER / SPURIOUS.
        if (seglen > 0 || (flags & (SYN | FIN)) != 0)
        {
            bool notAdvanced = fwd.NextSeq != 0 && LT(seq, fwd.NextSeq);
            // More than one byte starting one before the next expected seq (after a possible zero-window probe)
            // really adds new data: not a retransmission.
            if (seglen > 1 && fwd.NextSeq - 1 == seq) notAdvanced = false;
            uint synFin = (flags & (SYN | FIN)) != 0 ? 1u : 0u;
            if ((_flags & TcpAnalysisFlags.KeepAlive) == 0)
            {
                long sinceAck = now.NanosecondsSince(rev.LastAckTime);
                long sinceNext = now.NanosecondsSince(fwd.NextSeqTime);
                long oooThreshold = conv.FirstRttNs == 0 ? 3_000_000 : conv.FirstRttNs;
                // tshark 4.0 tests "already acknowledged" (spurious) first, then fast retransmission, then out-of-order.
                if (seglen > 0 && rev.LastAck != 0 && LE(seq + seglen, rev.LastAck))
                {
                    _flags |= TcpAnalysisFlags.SpuriousRetransmission; Ta();
                    if (_explain) Why(TcpAnalysisFlags.SpuriousRetransmission, "spurious retransmission: seq {0} + len {1} was already acknowledged (ack {2})",
                        Rel(seq, fwd), seglen, rev.LastAck - fwd.BaseSeq);
                }
                else if (notAdvanced && rev.DupAckNum >= 2 && rev.LastAck == seq && sinceAck < 20_000_000)
                {
                    _flags |= TcpAnalysisFlags.FastRetransmission; Ta();
                    if (_explain) Why(TcpAnalysisFlags.FastRetransmission, "fast retransmission: seq {0} < next expected {1}, after {2} duplicate ACKs for it within 20 ms",
                        Rel(seq, fwd), Rel(fwd.NextSeq, fwd), rev.DupAckNum);
                }
                else if (notAdvanced && sinceNext < oooThreshold && fwd.NextSeq != seq + seglen + synFin)
                {
                    _flags |= TcpAnalysisFlags.OutOfOrder; Ta();
                    if (_explain) Why(TcpAnalysisFlags.OutOfOrder, "out-of-order: seq {0} < next expected {1}, {2:F3} ms after the highest segment (threshold {3:F3} ms)",
                        Rel(seq, fwd), Rel(fwd.NextSeq, fwd), sinceNext / 1e6, oooThreshold / 1e6);
                }
                else if (notAdvanced)
                {
                    _flags |= TcpAnalysisFlags.Retransmission; Ta();
                    _rtoNs = now.NanosecondsSince(fwd.NextSeqTime);
                    _rtoFrame = fwd.NextSeqFrame;
                    if (_explain) Why(TcpAnalysisFlags.Retransmission, "retransmission: seq {0} < next expected {1} and not a keep-alive", Rel(seq, fwd), Rel(fwd.NextSeq, fwd));
                }
            }
        }

        uint nextseq = seq + seglen;
        if ((seglen > 0 || (flags & (SYN | FIN)) != 0) && fwd.Segments.Count < MaxUnackedSegments)
        {
            if ((flags & (SYN | FIN)) != 0) nextseq += 1;
            fwd.Segments.Add(new Unacked { Seq = seq, NextSeq = nextseq, Frame = frame.Number, Time = now });
        }

        bool zwp = (_flags & TcpAnalysisFlags.ZeroWindowProbe) != 0;
        if (GT(nextseq, fwd.NextSeq) || fwd.NextSeq == 0)
        {
            if (!zwp)
            {
                fwd.NextSeq = nextseq; fwd.NextSeqFrame = frame.Number; fwd.NextSeqTime = now;
            }
        }
        if (seq == fwd.MaxSeqToBeAcked || fwd.MaxSeqToBeAcked == 0)
        {
            if (!zwp) fwd.MaxSeqToBeAcked = fwd.NextSeq;
        }

        fwd.Window = window; fwd.HaveWindow = true;
        fwd.LastAck = ack; fwd.LastAckTime = now;
        fwd.LastSegmentFlags = _flags;

        // Remove what this ACK acknowledges from the other direction's unacked list (newest first, as Wireshark).
        var list = rev.Segments;
        for (int i = list.Count - 1; i >= 0;)
        {
            var u = list[i];
            if (ack == u.NextSeq)
            {
                Ta();
                _acksFrame = u.Frame;
                _ackRttNs = now.NanosecondsSince(u.Time);
            }
            else if (GT(ack, u.Seq) && LE(ack, u.NextSeq))
            {
                u.Seq = ack; list[i] = u;
                continue;
            }
            else if (GT(u.NextSeq, ack))
            {
                i--;
                continue;
            }
            list.RemoveAt(i);
            i--;
            if (i >= list.Count) i = list.Count - 1;
        }

        // Bytes in flight after this segment.
        if (seglen != 0 && fwd.Segments.Count > 0 && fwd.ValidBif)
        {
            var segs = fwd.Segments;
            uint first = segs[^1].Seq - fwd.BaseSeq, last = segs[^1].NextSeq - fwd.BaseSeq;
            for (int i = 0; i < segs.Count; i++)
            {
                uint a = segs[i].Seq - fwd.BaseSeq, b = segs[i].NextSeq - fwd.BaseSeq;
                if (LT(a, first)) first = a;
                if (GT(b, last)) last = b;
            }
            uint inFlight = last - first;
            // tshark creates the analysis record whenever it computes bytes in flight, even when none remain
            // (all SACKed): the SEQ/ACK subtree (with the iRTT) is then shown although no value is.
            Ta();
            // Bytes the receiver already holds (its last SACK blocks) are not in flight.
            for (int i = 0; i < rev.SackCount; i++) inFlight -= rev.SackEdges[2 * i + 1] - rev.SackEdges[2 * i];
            if (inFlight > 0 && inFlight < 2_000_000_000)
            {
                Ta();
                // SYN and FIN take a sequence number but no byte.
                _bytesInFlight = inFlight - ((flags & (SYN | FIN)) != 0 ? 1u : 0u);
            }
        }

        // Bytes sent since the last PSH.
        if (seglen != 0)
        {
            if (fwd.PushSetLast) { fwd.PushBytesSent = 0; fwd.PushSetLast = false; }
            fwd.PushBytesSent += seglen;
            if ((flags & TcpSegment.PSH) != 0) { _pushBytes = fwd.PushBytesSent; fwd.PushSetLast = true; }
        }
    }

    static uint Rel(uint seq, in TcpFlow f) => seq - f.BaseSeq;

    static string InfoPrefix(TcpAnalysisFlags f, uint dupNum, long dupFrame)
    {
        var sb = new System.Text.StringBuilder();
        // Wireshark prepends each label in turn; the resulting order is the reverse of its checks.
        void P(string s) => sb.Insert(0, s);
        if ((f & TcpAnalysisFlags.Retransmission) != 0) P("[TCP Retransmission] ");
        if ((f & TcpAnalysisFlags.FastRetransmission) != 0) P("[TCP Fast Retransmission] ");
        if ((f & TcpAnalysisFlags.SpuriousRetransmission) != 0) P("[TCP Spurious Retransmission] ");
        if ((f & TcpAnalysisFlags.OutOfOrder) != 0) P("[TCP Out-Of-Order] ");
        if ((f & TcpAnalysisFlags.LostPacket) != 0) P("[TCP Previous segment not captured] ");
        if ((f & TcpAnalysisFlags.AckLostPacket) != 0) P("[TCP ACKed unseen segment] ");
        if ((f & TcpAnalysisFlags.WindowUpdate) != 0) P("[TCP Window Update] ");
        if ((f & TcpAnalysisFlags.WindowFull) != 0) P("[TCP Window Full] ");
        if ((f & TcpAnalysisFlags.KeepAlive) != 0) P("[TCP Keep-Alive] ");
        if ((f & TcpAnalysisFlags.KeepAliveAck) != 0) P("[TCP Keep-Alive ACK] ");
        if ((f & TcpAnalysisFlags.DuplicateAck) != 0) P($"[TCP Dup ACK {dupFrame}#{dupNum}] ");
        if ((f & TcpAnalysisFlags.ZeroWindowProbe) != 0) P("[TCP ZeroWindowProbe] ");
        if ((f & TcpAnalysisFlags.ZeroWindow) != 0) P("[TCP ZeroWindow] ");
        if ((f & TcpAnalysisFlags.ZeroWindowProbeAck) != 0) P("[TCP ZeroWindowProbeAck] ");
        if ((f & TcpAnalysisFlags.ReusedPorts) != 0) P("[TCP Port numbers reused] ");
        return sb.ToString();
    }

    public void AddFields(in TcpSegment s, DissectContext ctx)
    {
        var f = ctx.Fields;
        var conv = _conv;
        if (conv is null) return;
        f.AddUInt(TcpAnalysisFields.Completeness, -1, 0, _completenessShown);
        if (_fin != 0) f.AddFlag(_fin == 1 ? TcpAnalysisFields.FinActive : TcpAnalysisFields.FinPassive, -1, 0);
        // Wireshark prints the SEQ/ACK analysis (and the iRTT inside it) only for segments the analysis noted.
        if (!_haveTa) return;
        bool irtt = conv.FirstRttNs != 0;
        int tree = f.BeginTree(TcpAnalysisFields.Analysis, -1, 0);
        if (_acksFrame != 0) f.AddUInt(TcpAnalysisFields.AcksFrame, -1, 0, (ulong)_acksFrame);
        if (_ackRttNs != 0 && _acksFrame != 0) f.AddRelativeTime(TcpAnalysisFields.AckRtt, -1, 0, _ackRttNs);
        if (irtt) f.AddRelativeTime(TcpAnalysisFields.InitialRtt, -1, 0, conv.FirstRttNs);
        if (_bytesInFlight != 0) f.AddUInt(TcpAnalysisFields.BytesInFlight, -1, 0, _bytesInFlight);
        if (_pushBytes != 0) f.AddUInt(TcpAnalysisFields.PushBytesSent, -1, 0, _pushBytes);
        if (_flags != TcpAnalysisFlags.None)
        {
            int ft = f.BeginTree(TcpAnalysisFields.Flags, -1, 0);
            void Flag(TcpAnalysisFlags bit, FieldDef def)
            {
                if ((_flags & bit) == 0) return;
                f.AddFlag(def, -1, 0, _explain ? _why[System.Numerics.BitOperations.TrailingZeroCount((uint)bit)] : null);
            }
            Flag(TcpAnalysisFlags.ReusedPorts, TcpAnalysisFields.ReusedPorts);
            Flag(TcpAnalysisFlags.Retransmission, TcpAnalysisFields.Retransmission);
            Flag(TcpAnalysisFlags.FastRetransmission, TcpAnalysisFields.FastRetransmission);
            Flag(TcpAnalysisFlags.SpuriousRetransmission, TcpAnalysisFields.SpuriousRetransmission);
            // Wireshark marks fast and spurious retransmissions as retransmissions too.
            if ((_flags & (TcpAnalysisFlags.FastRetransmission | TcpAnalysisFlags.SpuriousRetransmission)) != 0 &&
                (_flags & TcpAnalysisFlags.Retransmission) == 0)
                f.AddFlag(TcpAnalysisFields.Retransmission, -1, 0);
            Flag(TcpAnalysisFlags.OutOfOrder, TcpAnalysisFields.OutOfOrder);
            Flag(TcpAnalysisFlags.LostPacket, TcpAnalysisFields.LostSegment);
            Flag(TcpAnalysisFlags.AckLostPacket, TcpAnalysisFields.AckLostSegment);
            Flag(TcpAnalysisFlags.WindowUpdate, TcpAnalysisFields.WindowUpdate);
            Flag(TcpAnalysisFlags.WindowFull, TcpAnalysisFields.WindowFull);
            Flag(TcpAnalysisFlags.KeepAlive, TcpAnalysisFields.KeepAlive);
            Flag(TcpAnalysisFlags.KeepAliveAck, TcpAnalysisFields.KeepAliveAck);
            Flag(TcpAnalysisFlags.DuplicateAck, TcpAnalysisFields.DuplicateAck);
            Flag(TcpAnalysisFlags.ZeroWindowProbe, TcpAnalysisFields.ZeroWindowProbe);
            Flag(TcpAnalysisFlags.ZeroWindow, TcpAnalysisFields.ZeroWindow);
            Flag(TcpAnalysisFlags.ZeroWindowProbeAck, TcpAnalysisFields.ZeroWindowProbeAck);
            if ((_flags & TcpAnalysisFlags.DuplicateAck) != 0)
            {
                f.AddUInt(TcpAnalysisFields.DuplicateAckNum, -1, 0, _dupAckNum);
                f.AddUInt(TcpAnalysisFields.DuplicateAckFrame, -1, 0, (ulong)_dupAckFrame);
                // Wireshark's expert item on the duplicate-ACK number carries the same name: two occurrences.
                f.AddFlag(TcpAnalysisFields.DuplicateAck, -1, 0, _explain ? $"Duplicate ACK (#{_dupAckNum})" : null);
            }
            if ((_flags & TcpAnalysisFlags.Retransmission) != 0 && _rtoNs >= 0)
            {
                f.AddRelativeTime(TcpAnalysisFields.Rto, -1, 0, _rtoNs);
                f.AddUInt(TcpAnalysisFields.RtoFrame, -1, 0, (ulong)_rtoFrame);
            }
            f.EndTree(ft);
        }
        f.EndTree(tree);
    }

    void UpdateStatistics(ref TcpSegment s, in Frame frame, TcpConversation conv, ref TcpFlow fwd, ref TcpFlow rev, bool srcIsA)
    {
        ref var st = ref conv.Stats(srcIsA);
        st.Packets++;
        st.Bytes += (ulong)frame.OriginalLength;
        st.PayloadBytes += (ulong)s.PayloadLength;
        var f = _flags;
        if ((f & (TcpAnalysisFlags.Retransmission | TcpAnalysisFlags.FastRetransmission | TcpAnalysisFlags.SpuriousRetransmission)) != 0)
        { st.RetransPackets++; st.RetransBytes += (ulong)s.PayloadLength; }
        if ((f & TcpAnalysisFlags.OutOfOrder) != 0) st.OutOfOrder++;
        if ((f & TcpAnalysisFlags.DuplicateAck) != 0) st.DupAcks++;
        if ((f & TcpAnalysisFlags.WindowFull) != 0) st.WindowFullCount++;
        if ((f & TcpAnalysisFlags.LostPacket) != 0) st.LostSegments++;
        if (s.PayloadLength > 0) { st.DataPackets++; st.SentData = true; }
        if ((s.Flags & TcpSegment.FIN) != 0) st.SentFin = true;
        if ((s.Flags & TcpSegment.RST) != 0) st.SentRst = true;
        if ((s.Flags & (TcpSegment.SYN | TcpSegment.ACK)) == TcpSegment.SYN) { st.SentSyn = true; if (s.WindowScale >= 0) st.WindowScaleOption = s.WindowScale; }
        if ((s.Flags & (TcpSegment.SYN | TcpSegment.ACK)) == (TcpSegment.SYN | TcpSegment.ACK)) { st.SentSynAck = true; if (s.WindowScale >= 0) st.WindowScaleOption = s.WindowScale; }
        if (s.SackBlockCount > 0) st.SackPackets++;
        long nowNs = ToNs(frame.Time);
        bool syn = (s.Flags & TcpSegment.SYN) != 0;
        if (!syn && (s.Flags & TcpSegment.RST) == 0)
        {
            uint w = s.WindowScaled >= 0 ? (uint)Math.Min(s.WindowScaled, uint.MaxValue) : s.WindowRaw;
            if (w < st.MinWindow) st.MinWindow = w;
            if (w > st.MaxWindow) st.MaxWindow = w;
            st.WindowSum += w; st.WindowSamples++;
            if (w == 0) { if (st.ZeroWindowSince < 0) { st.ZeroWindowSince = nowNs; st.ZeroWindows++; } }
            else if (st.ZeroWindowSince >= 0) { st.ZeroWindowNs += nowNs - st.ZeroWindowSince; st.ZeroWindowSince = -1; }
        }
        if (_bytesInFlight > 0)
        {
            if (_bytesInFlight > st.MaxInFlight) st.MaxInFlight = _bytesInFlight;
            st.InFlightSum += _bytesInFlight; st.InFlightSamples++;
        }
        if (s.PayloadLength > 0)
        {
            uint end = s.Seq + (uint)s.PayloadLength;
            if (st.UniqueBytes == 0 && st.HighestSeqAcked == 0) { st.UniqueBytes = (ulong)s.PayloadLength; st.HighestSeqAcked = end; }
            else if (GT(end, st.HighestSeqAcked))
            {
                uint add = GT(s.Seq, st.HighestSeqAcked) ? (uint)s.PayloadLength : end - st.HighestSeqAcked;
                st.UniqueBytes += add; st.HighestSeqAcked = end;
            }
        }
        if (_acksFrame != 0 && _ackRttNs >= 0) conv.Record.Rtt.Add(_ackRttNs);
        // Handshake timing and Zeek-style history (upper case: originator).
        bool fromClient = (srcIsA ? 1 : 2) == conv.ClientFlow;
        bool ack = (s.Flags & TcpSegment.ACK) != 0;
        if (syn && !ack && conv.Record.SynTimeNs < 0) conv.Record.SynTimeNs = nowNs;
        if (syn && ack && conv.Record.SynAckTimeNs < 0) conv.Record.SynAckTimeNs = nowNs;
        char c = syn && !ack ? 's' : syn && ack ? 'h' : (s.Flags & TcpSegment.RST) != 0 ? 'r' : (s.Flags & TcpSegment.FIN) != 0 ? 'f'
               : s.PayloadLength > 0 ? 'd' : ack ? 'a' : '\0';
        if (c != '\0')
        {
            if ((f & (TcpAnalysisFlags.Retransmission | TcpAnalysisFlags.FastRetransmission | TcpAnalysisFlags.SpuriousRetransmission)) != 0 && s.PayloadLength > 0) c = 't';
            if (fromClient) c = char.ToUpperInvariant(c);
            conv.Record.AddHistory(c);
        }
    }
}
