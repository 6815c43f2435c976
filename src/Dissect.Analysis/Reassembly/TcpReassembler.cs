using Dissect.Core.Flow;
using System.Buffers;

namespace Dissect.Analysis.Reassembly;

/// <summary>TCP flags the reassembler reacts to; the values are TCP's own bits, so
/// <c>(SegmentFlags)(tcpFlags &amp; 7)</c> converts.</summary>
[Flags]
public enum SegmentFlags : byte { None = 0, Fin = 1, Syn = 2, Rst = 4 }

/// <summary>What happened to one segment (several may hold).</summary>
[Flags]
public enum SegmentOutcome : ushort
{
    None = 0,
    /// <summary>Some bytes were new.</summary>
    NewData = 1,
    /// <summary>Every byte had been received already (or was delivered and no longer held).</summary>
    Retransmission = 2,
    /// <summary>Some bytes were new and some repeated.</summary>
    PartialOverlap = 4,
    /// <summary>Repeated bytes differed from the first copy (kept); reported as an anomaly.</summary>
    OverlapConflict = 8,
    /// <summary>New bytes were held beyond a hole, waiting for the missing ones.</summary>
    OutOfOrder = 16,
    /// <summary>A gap was declared on this direction during this call.</summary>
    GapDeclared = 32,
    /// <summary>The per-stream cap forced a gap or a truncated PDU.</summary>
    CapExceeded = 64,
    /// <summary>Data came after the direction was closed and was dropped.</summary>
    AfterClose = 128,
    /// <summary>Data before the stream's start was dropped.</summary>
    BeforeStart = 256,
    /// <summary>The direction was closed by this segment (FIN reached, RST).</summary>
    Closed = 512,
}

/// <summary>A PDU delivered during a <see cref="TcpReassembler.Segment"/> call on the same direction: what the TCP
/// dissector needs for "reassembled PDU in frame N" / "PDU spans frames a..b".</summary>
public readonly record struct CompletedPdu(long StreamOffset, int Length, long FirstFrame, long LastFrame, PduFlags Flags, int SegmentCount);

/// <summary>Per-segment result of <see cref="TcpReassembler.Segment"/>; <see cref="Pdus"/> is valid until the next
/// call (the list is reused).</summary>
public readonly ref struct TcpSegmentResult
{
    public SegmentOutcome Outcome { get; init; }
    /// <summary>Stream offset of the segment's first payload byte (negative when before the stream start).</summary>
    public long StreamOffset { get; init; }
    /// <summary>PDUs of this direction delivered by this call, in stream order. A PDU lying wholly inside this
    /// segment's payload starts at payload offset <c>pdu.StreamOffset - StreamOffset</c>.</summary>
    public ReadOnlySpan<CompletedPdu> Pdus { get; init; }
    /// <summary>Bytes of this segment still held after the call (part of a PDU not complete yet): the TCP dissector
    /// shows "[TCP segment of a reassembled PDU]" and learns the reassembling frame later from
    /// <see cref="PduInfo.Segments"/>.</summary>
    public int HeldBytes { get; init; }
}

public sealed class TcpReassemblyOptions
{
    /// <summary>Cap per direction on held bytes: the partial PDU plus the out-of-order span after it.</summary>
    public int MaxBufferedPerStream { get; init; } = 1 << 20;
    /// <summary>Cap on the pooled buffers of all directions together.</summary>
    public long TotalCapBytes { get; init; } = 64L << 20;
    /// <summary>Bytes kept after delivery so that retransmissions of delivered data can be compared (conflicts
    /// reported). 0 (the default) keeps memory at the undelivered bytes only.</summary>
    public int RetainDeliveredBytes { get; init; }
}

/// <summary>
/// TCP stream reassembly per connection and direction with the contract of STYLE rule 8: bytes are delivered in
/// order, one contiguous span per PDU as the direction's <see cref="IPduFramer"/> cuts them; missing bytes are
/// reported as gaps (<see cref="IPduConsumer.OnGap"/>), never invented. Out-of-order data is held until the hole
/// fills, repeated bytes are dropped (first copy wins; differing copies are anomalies), sequence numbers wrap.
/// Memory is bounded per direction (<see cref="TcpReassemblyOptions.MaxBufferedPerStream"/>: past it a gap is
/// declared) and in total (<see cref="TcpReassemblyOptions.TotalCapBytes"/>: past it the least recently active
/// direction is flushed). Single-threaded; feed frames in capture order during the first pass.
/// </summary>
public sealed class TcpReassembler : IDisposable
{
    internal struct Piece { public long Start, End, Frame; }

    /// <summary>One direction's state. The adapter keeps a reference per connection (one dictionary lookup per
    /// segment instead of one per table); objects of forgotten connections are reused (<see cref="Remove"/>).</summary>
    internal sealed class Dir
    {
        public uint Stream;
        public TcpDirection Direction;
        public bool Initialized, Closed, Raw, GapBefore, InUse;
        public uint SeqBase;            // sequence number of stream offset 0
        public long PduStart;           // first byte not delivered yet
        public long Low;                // lowest byte still held (PduStart - retained history)
        public long NeedUntil;          // do not call the framer before the contiguous end reaches this
        public long FinOffset = -1;
        public byte[]? Buf;
        public long BufOrigin;          // stream offset of Buf[0]
        public IntervalSet Cover;             // a struct: use in place
        public Piece[] Pieces = [];     // allocated on the first piece, kept when the object is reused
        public int PieceHead, PieceCount;
        public IPduFramer? Framer;
        public Dir? Older, Newer;       // LRU list of directions holding a buffer
        public bool Linked;

        public long ContigEnd => Cover.ContiguousEnd(PduStart);
        public long HeldSpan => Cover.Count == 0 ? 0 : Math.Max(0, Cover.MaxEnd - PduStart);

        /// <summary>Back to the state of a new direction (the buffer has been released and the LRU link removed).</summary>
        public void Reset(uint stream, TcpDirection direction)
        {
            Stream = stream; Direction = direction;
            Initialized = Closed = Raw = GapBefore = false;
            InUse = true;
            SeqBase = 0; PduStart = Low = NeedUntil = BufOrigin = 0;
            FinOffset = -1;
            Cover.Clear();
            PieceHead = PieceCount = 0;
            Framer = null;
        }
    }

    // Free directions of forgotten connections: bounded by the connections open at once, and by a constant.
    const int MaxFreeDirs = 8192;
    readonly Stack<Dir> _freeDirs = new();

    readonly TcpReassemblyOptions _opt;
    readonly IPduConsumer _consumer;
    readonly Dictionary<ulong, Dir> _dirs = new();
    Dir? _lruOldest, _lruNewest;
    long _held;

    // Per-call state.
    Dir? _current;
    long _frame;
    SegmentOutcome _outcome;
    CompletedPdu[] _pdus = new CompletedPdu[8];
    int _pduCount;
    PduSegment[] _segScratch = new PduSegment[8];

    public TcpReassembler(IPduConsumer consumer, TcpReassemblyOptions? options = null)
    {
        _consumer = consumer;
        _opt = options ?? new TcpReassemblyOptions();
        if (_opt.MaxBufferedPerStream <= 0 || _opt.RetainDeliveredBytes < 0 ||
            _opt.TotalCapBytes < _opt.MaxBufferedPerStream)
            throw new ArgumentException("invalid reassembly caps", nameof(options));
    }

    /// <summary>Bytes held in pooled buffers by all directions.</summary>
    public long TotalHeldBytes => _held;
    public int DirectionCount => _dirs.Count;

    /// <summary>Undelivered bytes held by one direction (partial PDU plus out-of-order span).</summary>
    public long BufferedBytes(uint stream, TcpDirection direction)
        => _dirs.TryGetValue(Key(stream, direction), out var d) ? d.HeldSpan : 0;

    static ulong Key(uint stream, TcpDirection dir) => ((ulong)stream << 1) | (byte)dir;

    /// <summary>
    /// Feeds one segment. <paramref name="seq"/> is the raw sequence number; the stream's start is learnt from the
    /// SYN (offset 0 = seq + 1) or else from the first segment seen. <paramref name="framer"/> frames this
    /// direction (it is remembered for flushes triggered later by other calls).
    /// </summary>
    public TcpSegmentResult Segment(uint stream, TcpDirection direction, uint seq, ReadOnlySpan<byte> payload,
                                    SegmentFlags flags, long frameNumber, IPduFramer framer)
        => Segment(Open(stream, direction), seq, payload, flags, frameNumber, framer);

    /// <summary>The state of one direction, created on first use. Valid until <see cref="Remove"/> of its stream.</summary>
    internal Dir Open(uint stream, TcpDirection direction)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_dirs, Key(stream, direction), out _);
        if (slot is null)
        {
            var d = _freeDirs.TryPop(out var free) ? free : new Dir();
            d.Reset(stream, direction);
            slot = d;
        }
        return slot;
    }

    /// <summary><see cref="Segment(uint, TcpDirection, uint, ReadOnlySpan{byte}, SegmentFlags, long, IPduFramer)"/>
    /// on a direction obtained from <see cref="Open"/> (no lookup).</summary>
    internal TcpSegmentResult Segment(Dir d, uint seq, ReadOnlySpan<byte> payload, SegmentFlags flags, long frameNumber, IPduFramer framer)
    {
        _pduCount = 0;
        _outcome = SegmentOutcome.None;
        _frame = frameNumber;
        _current = d;
        d.Framer = framer;

        bool syn = (flags & SegmentFlags.Syn) != 0;
        if (!d.Initialized)
        {
            d.SeqBase = syn ? seq + 1 : seq;
            d.Initialized = true;
        }
        uint dataSeq = syn ? seq + 1 : seq;
        // Signed distance from the delivery point: correct across the 2^32 wrap as long as the segment is
        // within 2 GiB of it.
        long s = d.PduStart + (int)(dataSeq - (d.SeqBase + (uint)d.PduStart));
        long segStart = s;

        if (d.Closed)
        {
            if (payload.Length > 0)
            {
                _outcome |= SegmentOutcome.AfterClose;
                Anomaly(d, ReassemblyAnomalyKind.DataAfterClose, 0, s, payload.Length);
            }
            return Result(d, segStart, segStart, 0);
        }

        if ((flags & SegmentFlags.Fin) != 0 && d.FinOffset < 0)
            d.FinOffset = Math.Max(s + payload.Length, d.PduStart);

        if (payload.Length > 0)
        {
            if (s < 0)
            {
                int cut = (int)Math.Min(payload.Length, -s);
                _outcome |= SegmentOutcome.BeforeStart;
                Anomaly(d, ReassemblyAnomalyKind.DataBeforeStart, 0, s, cut);
                payload = payload.Slice(cut);
                s += cut;
            }
            if (d.FinOffset >= 0 && s + payload.Length > d.FinOffset)
            {
                int keep = (int)Math.Max(0, d.FinOffset - s);
                _outcome |= SegmentOutcome.AfterClose;
                Anomaly(d, ReassemblyAnomalyKind.DataAfterClose, 0, s + keep, payload.Length - keep);
                payload = payload.Slice(0, keep);
            }
            if (payload.Length > 0) Accept(d, s, payload);
        }

        if ((flags & SegmentFlags.Rst) != 0 || (d.FinOffset >= 0 && d.ContigEnd >= d.FinOffset))
        {
            Close(d);
            _outcome |= SegmentOutcome.Closed;
        }

        if (d.Buf is not null) Touch(d);
        EnforceTotalCap();
        return Result(d, segStart, s, s + payload.Length);
    }

    TcpSegmentResult Result(Dir d, long segStart, long s, long e)
    {
        long heldFrom = Math.Max(s, d.PduStart);
        int held = d.Closed || e <= heldFrom ? 0 : (int)(e - heldFrom);
        return new TcpSegmentResult { Outcome = _outcome, StreamOffset = segStart, Pdus = _pdus.AsSpan(0, _pduCount), HeldBytes = held };
    }

    /// <summary>Closes one direction as at end of capture: holes become gaps, the partial PDU is delivered
    /// truncated, buffers are returned.</summary>
    public void Finish(uint stream, TcpDirection direction, long frameNumber)
    {
        if (!_dirs.TryGetValue(Key(stream, direction), out var d) || d.Closed) return;
        BeginSideCall(frameNumber);
        Close(d);
    }

    /// <summary>Closes every open direction (end of capture), in stream then direction order.</summary>
    public void FinishAll(long frameNumber)
    {
        var keys = new List<ulong>(_dirs.Keys);
        keys.Sort();
        BeginSideCall(frameNumber);
        foreach (var k in keys)
        {
            var d = _dirs[k];
            if (!d.Closed) Close(d);
        }
    }

    /// <summary>Forgets a connection (both directions), returning its buffers without delivering anything.</summary>
    public void Remove(uint stream)
    {
        for (int i = 0; i < 2; i++)
        {
            ulong k = Key(stream, (TcpDirection)i);
            if (_dirs.Remove(k, out var d))
            {
                ReleaseBuffer(d);
                d.InUse = false;
                d.Framer = null;
                if (_freeDirs.Count < MaxFreeDirs) _freeDirs.Push(d);
            }
        }
    }

    public void Dispose()
    {
        foreach (var d in _dirs.Values) { ReleaseBuffer(d); d.InUse = false; }
        _dirs.Clear();
        _freeDirs.Clear();
    }

    void BeginSideCall(long frame)
    {
        _pduCount = 0; _outcome = SegmentOutcome.None; _frame = frame; _current = null;
    }

    // ------------------------------------------------------------------ accepting data

    void Accept(Dir d, long s, ReadOnlySpan<byte> payload)
    {
        long e = s + payload.Length;
        int cap = _opt.MaxBufferedPerStream;
        if (e - d.PduStart > cap) MakeRoom(d, s, e);
        if (e - d.PduStart > cap)
        {
            // A single segment larger than the cap (only with tiny caps): keep what fits.
            long keepEnd = d.PduStart + cap;
            if (keepEnd <= s) return;
            Anomaly(d, ReassemblyAnomalyKind.StreamCapExceeded, 0, keepEnd, e - keepEnd);
            _outcome |= SegmentOutcome.CapExceeded;
            payload = payload.Slice(0, (int)(keepEnd - s));
            e = keepEnd;
        }

        long low = d.Cover.Count > 0 || d.Buf is not null ? Math.Min(d.Low, d.PduStart) : d.PduStart;
        if (e <= low)
        {
            _outcome |= SegmentOutcome.Retransmission;
            return;
        }
        long from = Math.Max(s, low);
        long contigBefore = d.ContigEnd;

        // Fast path: in order, nothing held, no history kept: frame straight from the payload.
        if (from == d.PduStart && d.Cover.Count == 0 && _opt.RetainDeliveredBytes == 0)
        {
            _outcome |= from > s ? SegmentOutcome.PartialOverlap | SegmentOutcome.NewData : SegmentOutcome.NewData;
            AddPiece(d, from, e, _frame);
            var span = payload.Slice((int)(from - s));
            int used = RunFramer(d, span);
            if (used < span.Length)
            {
                EnsureBuffer(d, e);
                span.Slice(used).CopyTo(d.Buf.AsSpan((int)(d.PduStart - d.BufOrigin)));
                d.Cover.Add(d.PduStart, e);
            }
            TrimHistory(d);
            return;
        }

        EnsureBuffer(d, e);
        var buf = d.Buf!;
        ref var cover = ref d.Cover;
        bool conflict = false;
        long newBytes = 0, oldBytes = from - s, firstNew = -1;
        long pos = from;
        int k = cover.FirstEndingAfter(pos);
        while (pos < e)
        {
            if (k < cover.Count && cover[k].Start <= pos)
            {
                long ce = Math.Min(e, cover[k].End);
                if (!conflict && !payload.Slice((int)(pos - s), (int)(ce - pos)).SequenceEqual(buf.AsSpan((int)(pos - d.BufOrigin), (int)(ce - pos))))
                {
                    conflict = true;
                    Anomaly(d, ReassemblyAnomalyKind.SegmentOverlapConflict, FrameAt(d, pos), pos, ce - pos);
                }
                oldBytes += ce - pos;
                pos = ce; k++;
            }
            else
            {
                long ne = k < cover.Count ? Math.Min(e, cover[k].Start) : e;
                if (ne <= d.PduStart) oldBytes += ne - pos;           // a skipped hole below the delivery point
                else
                {
                    long ps = Math.Max(pos, d.PduStart);
                    oldBytes += ps - pos;
                    payload.Slice((int)(ps - s), (int)(ne - ps)).CopyTo(buf.AsSpan((int)(ps - d.BufOrigin)));
                    AddPiece(d, ps, ne, _frame);
                    newBytes += ne - ps;
                    if (firstNew < 0) firstNew = ps;
                }
                pos = ne;
            }
        }
        if (newBytes > 0) cover.Add(Math.Max(from, d.PduStart), e);
        if (conflict) _outcome |= SegmentOutcome.OverlapConflict;
        if (newBytes == 0) _outcome |= SegmentOutcome.Retransmission;
        else
        {
            _outcome |= SegmentOutcome.NewData;
            if (oldBytes > 0) _outcome |= SegmentOutcome.PartialOverlap;
            if (firstNew > contigBefore) _outcome |= SegmentOutcome.OutOfOrder;
        }
        if (newBytes > 0) Drain(d);
    }

    /// <summary>Declares gaps (or flushes an over-long PDU) until [PduStart, e) fits in the per-stream cap.</summary>
    void MakeRoom(Dir d, long s, long e)
    {
        int cap = _opt.MaxBufferedPerStream;
        bool reported = false;
        while (e - d.PduStart > cap && !d.Closed)
        {
            long contig = d.ContigEnd;
            if (d.Cover.NextStartAfter(contig) >= 0)
            {
                Report(ReassemblyAnomalyKind.StreamCapExceeded);
                DeclareGap(d);
                Drain(d);
                continue;
            }
            if (s > contig)
            {
                Report(ReassemblyAnomalyKind.StreamCapExceeded);
                FlushPartial(d);
                Gap(d, contig, s - contig);
                d.PduStart = s;
                d.Cover.TrimBelow(s);
                TrimHistory(d);
                continue;
            }
            if (contig > d.PduStart)
            {
                Report(ReassemblyAnomalyKind.PduTooLarge);
                FlushPartial(d);
                d.GapBefore = true;
                TrimHistory(d);
                continue;
            }
            break;
        }

        void Report(ReassemblyAnomalyKind kind)
        {
            _outcome |= SegmentOutcome.CapExceeded;
            if (reported) return;
            reported = true;
            Anomaly(d, kind, 0, d.PduStart, e - d.PduStart);
        }
    }

    // ------------------------------------------------------------------ delivery

    /// <summary>Frames and delivers what is contiguous at the delivery point.</summary>
    void Drain(Dir d)
    {
        while (!d.Closed)
        {
            long contig = d.ContigEnd;
            if (contig <= d.PduStart || d.Buf is null) break;
            var span = d.Buf.AsSpan((int)(d.PduStart - d.BufOrigin), (int)(contig - d.PduStart));
            int used = RunFramer(d, span);
            if (used == 0) break;
        }
        TrimHistory(d);
    }

    /// <summary>Runs the framer over <paramref name="span"/> (the bytes at PduStart), delivering PDUs and advancing
    /// PduStart. Returns the bytes consumed.</summary>
    int RunFramer(Dir d, ReadOnlySpan<byte> span)
    {
        int used = 0;
        while (used < span.Length)
        {
            var rest = span.Slice(used);
            if (d.Raw)
            {
                Deliver(d, rest, PduFlags.Unframed);
                used += rest.Length;
                break;
            }
            if (d.PduStart + rest.Length < d.NeedUntil) break;
            var r = d.Framer!.Frame(rest, d.GapBefore);
            switch (r.Status)
            {
                case FramerStatus.Pdu when r.Length > 0 && r.Length <= rest.Length:
                    Deliver(d, rest.Slice(0, r.Length), PduFlags.None);
                    used += r.Length;
                    break;
                case FramerStatus.Skip when r.Length > 0 && r.Length <= rest.Length:
                    Deliver(d, rest.Slice(0, r.Length), PduFlags.Unframed);
                    used += r.Length;
                    break;
                case FramerStatus.NeedMore:
                    d.NeedUntil = d.PduStart + rest.Length + Math.Max(1, r.MoreBytes);
                    return used;
                default:
                    Anomaly(d, ReassemblyAnomalyKind.FramerError, 0, d.PduStart, rest.Length);
                    d.Raw = true;
                    break;
            }
        }
        return used;
    }

    void Deliver(Dir d, ReadOnlySpan<byte> bytes, PduFlags flags)
    {
        if (d.GapBefore) { flags |= PduFlags.GapBefore; d.GapBefore = false; }
        long a = d.PduStart, b = a + bytes.Length;
        int nseg = GatherSegments(d, a, b);
        long first = nseg > 0 ? _segScratch[0].Frame : _frame;
        var info = new PduInfo
        {
            Stream = d.Stream, Direction = d.Direction, StreamOffset = a, FirstFrame = first, LastFrame = _frame,
            Flags = flags, Segments = _segScratch.AsSpan(0, nseg),
        };
        d.PduStart = b;
        d.NeedUntil = 0;
        if (d == _current)
        {
            if (_pduCount == _pdus.Length) Array.Resize(ref _pdus, _pdus.Length * 2);
            _pdus[_pduCount++] = new CompletedPdu(a, bytes.Length, first, _frame, flags, nseg);
        }
        _consumer.OnPdu(bytes, info);
    }

    /// <summary>Delivers the contiguous bytes at the delivery point as a truncated PDU (they can never complete).</summary>
    void FlushPartial(Dir d)
    {
        long contig = d.ContigEnd;
        if (contig <= d.PduStart || d.Buf is null) return;
        var span = d.Buf.AsSpan((int)(d.PduStart - d.BufOrigin), (int)(contig - d.PduStart));
        if (!d.Raw) Anomaly(d, ReassemblyAnomalyKind.TruncatedPdu, 0, d.PduStart, span.Length);
        Deliver(d, span, d.Raw ? PduFlags.Unframed : PduFlags.Truncated);
    }

    /// <summary>Skips the first hole after the contiguous bytes (delivering those truncated first). False when
    /// nothing is held past the hole.</summary>
    bool DeclareGap(Dir d)
    {
        long contig = d.ContigEnd;
        long next = d.Cover.NextStartAfter(contig);
        if (next < 0) return false;
        FlushPartial(d);
        Gap(d, contig, next - contig);
        d.PduStart = next;
        TrimHistory(d);
        return true;
    }

    void Gap(Dir d, long at, long missing)
    {
        d.GapBefore = true;
        d.NeedUntil = 0;
        if (d == _current) _outcome |= SegmentOutcome.GapDeclared;
        Anomaly(d, ReassemblyAnomalyKind.StreamGap, 0, at, missing);
        _consumer.OnGap(new GapInfo(d.Stream, d.Direction, at, missing, _frame));
    }

    void Close(Dir d)
    {
        Drain(d);
        while (DeclareGap(d)) Drain(d);
        FlushPartial(d);
        if (d.FinOffset > d.PduStart) Gap(d, d.PduStart, d.FinOffset - d.PduStart);
        d.Closed = true;
        d.Cover.Clear();
        d.PieceHead = d.PieceCount = 0;
        ReleaseBuffer(d);
    }

    /// <summary>Flushes a direction to free its memory (total cap): gaps declared, partial PDU truncated.</summary>
    void Evict(Dir d)
    {
        Anomaly(d, ReassemblyAnomalyKind.TotalCapExceeded, 0, d.PduStart, d.HeldSpan);
        if (d == _current) _outcome |= SegmentOutcome.CapExceeded;
        Drain(d);
        while (DeclareGap(d)) Drain(d);
        FlushPartial(d);
        d.GapBefore = true;
        d.Cover.Clear();
        d.Low = d.PduStart;
        d.PieceHead = d.PieceCount = 0;
        ReleaseBuffer(d);
    }

    void EnforceTotalCap()
    {
        while (_held > _opt.TotalCapBytes && _lruOldest is { } victim) Evict(victim);
    }

    // ------------------------------------------------------------------ buffers and bookkeeping

    void TrimHistory(Dir d)
    {
        long newLow = Math.Max(d.Low, d.PduStart - _opt.RetainDeliveredBytes);
        if (newLow > d.PduStart) newLow = d.PduStart;
        d.Low = newLow;
        d.Cover.TrimBelow(newLow);
        PrunePieces(d);
        if (d.Cover.Count == 0 && d.Buf is not null) ReleaseBuffer(d);
    }

    void EnsureBuffer(Dir d, long end)
    {
        if (d.Buf is null)
        {
            d.Low = Math.Max(d.Low, d.PduStart - _opt.RetainDeliveredBytes);
            if (d.Low > d.PduStart) d.Low = d.PduStart;
            long need0 = end - d.Low;
            d.Buf = ArrayPool<byte>.Shared.Rent((int)Math.Max(need0, 256));
            d.BufOrigin = d.Low;
            _held += d.Buf.Length;
            Touch(d);
            return;
        }
        if (end - d.BufOrigin <= d.Buf.Length) return;
        long keepFrom = d.Low;
        long keepTo = Math.Max(keepFrom, Math.Min(d.Cover.Count == 0 ? keepFrom : d.Cover.MaxEnd, d.BufOrigin + d.Buf.Length));
        long need = end - keepFrom;
        if (need <= d.Buf.Length)
        {
            // Compact: move the live bytes to the front.
            d.Buf.AsSpan((int)(keepFrom - d.BufOrigin), (int)(keepTo - keepFrom)).CopyTo(d.Buf);
            d.BufOrigin = keepFrom;
            return;
        }
        var nb = ArrayPool<byte>.Shared.Rent((int)need);   // power-of-two sizes: geometric growth
        d.Buf.AsSpan((int)(keepFrom - d.BufOrigin), (int)(keepTo - keepFrom)).CopyTo(nb);
        _held += nb.Length - d.Buf.Length;
        ArrayPool<byte>.Shared.Return(d.Buf);
        d.Buf = nb;
        d.BufOrigin = keepFrom;
    }

    void ReleaseBuffer(Dir d)
    {
        if (d.Buf is { } b)
        {
            _held -= b.Length;
            ArrayPool<byte>.Shared.Return(b);
            d.Buf = null;
        }
        if (d.Linked)
        {
            if (d.Older is not null) d.Older.Newer = d.Newer; else _lruOldest = d.Newer;
            if (d.Newer is not null) d.Newer.Older = d.Older; else _lruNewest = d.Older;
            d.Older = d.Newer = null;
            d.Linked = false;
        }
        d.Cover.Clear();
        d.Low = d.PduStart;
    }

    void Touch(Dir d)
    {
        if (d.Linked)
        {
            if (_lruNewest == d) return;
            if (d.Older is not null) d.Older.Newer = d.Newer; else _lruOldest = d.Newer;
            if (d.Newer is not null) d.Newer.Older = d.Older; else _lruNewest = d.Older;
        }
        d.Older = _lruNewest; d.Newer = null;
        if (_lruNewest is not null) _lruNewest.Newer = d; else _lruOldest = d;
        _lruNewest = d;
        d.Linked = true;
    }

    void AddPiece(Dir d, long start, long end, long frame)
    {
        // Pieces are disjoint; keep them sorted by start. Usually appended at the end.
        int lo = d.PieceHead, hi = d.PieceHead + d.PieceCount;
        int at = hi;
        if (d.PieceCount > 0 && d.Pieces[hi - 1].Start > start)
        {
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (d.Pieces[mid].Start < start) lo = mid + 1; else hi = mid;
            }
            at = lo;
        }
        if (at > d.PieceHead && d.Pieces[at - 1].End == start && d.Pieces[at - 1].Frame == frame)
        {
            d.Pieces[at - 1].End = end;
            return;
        }
        int tail = d.PieceHead + d.PieceCount;
        if (tail == d.Pieces.Length)
        {
            if (d.PieceHead > 0)
            {
                Array.Copy(d.Pieces, d.PieceHead, d.Pieces, 0, d.PieceCount);
                at -= d.PieceHead; d.PieceHead = 0; tail = d.PieceCount;
            }
            if (tail == d.Pieces.Length) Array.Resize(ref d.Pieces, Math.Max(2, d.Pieces.Length * 2));
        }
        Array.Copy(d.Pieces, at, d.Pieces, at + 1, tail - at);
        d.Pieces[at] = new Piece { Start = start, End = end, Frame = frame };
        d.PieceCount++;
    }

    void PrunePieces(Dir d)
    {
        while (d.PieceCount > 0 && d.Pieces[d.PieceHead].End <= d.PduStart) { d.PieceHead++; d.PieceCount--; }
        if (d.PieceCount == 0) d.PieceHead = 0;
    }

    int GatherSegments(Dir d, long a, long b)
    {
        while (d.PieceCount > 0 && d.Pieces[d.PieceHead].End <= a) { d.PieceHead++; d.PieceCount--; }
        int n = 0;
        for (int i = d.PieceHead; i < d.PieceHead + d.PieceCount && d.Pieces[i].Start < b; i++)
        {
            long ps = Math.Max(a, d.Pieces[i].Start), pe = Math.Min(b, d.Pieces[i].End);
            if (pe <= ps) continue;
            if (n == _segScratch.Length) Array.Resize(ref _segScratch, n * 2);
            _segScratch[n++] = new PduSegment(d.Pieces[i].Frame, (int)(ps - a), (int)(pe - ps));
        }
        return n;
    }

    long FrameAt(Dir d, long pos)
    {
        for (int i = d.PieceHead; i < d.PieceHead + d.PieceCount; i++)
            if (d.Pieces[i].Start <= pos && pos < d.Pieces[i].End) return d.Pieces[i].Frame;
        return 0;
    }

    void Anomaly(Dir d, ReassemblyAnomalyKind kind, long related, long offset, long length)
        => _consumer.OnAnomaly(new ReassemblyAnomaly(kind, _frame, related, offset, length, d.Stream, d.Direction));
}
