using Dissect.Core;
using Dissect.Core.Flow;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dissect.Analysis.Reassembly;

/// <summary>
/// Connects the TCP dissector (through <see cref="ITcpReassembly"/>) to the stream reassembler (STYLE rule 8): each
/// segment's payload goes in, the PDUs it completes come out as <see cref="TcpPdu"/>s for the engine to dissect one
/// by one. A PDU lying wholly inside the current segment is handed over in place (no copy); one assembled from
/// several segments becomes a "Reassembled TCP" data source of the packet.
/// <para>The framer of a direction is pinned on its first payload: the dissector the "tcp.port" table would try
/// first (decode-as, low port, high port, accepting heuristic) frames it if it implements <see cref="ITcpFramed"/>;
/// otherwise each segment's new in-order bytes are delivered as they come.</para>
/// <para>Memory: the reassembler's buffers are capped per direction and in total; a connection is forgotten once
/// both directions are closed (FIN reached) or on RST. A segment costs one lookup (per-connection state lives in the
/// dictionary entry), the reassembler reuses the direction objects of forgotten connections, and a reassembled PDU
/// is copied into a buffer reused from packet to packet (valid while the packet's fields are).</para>
/// </summary>
public sealed class TcpReassemblyAdapter : ITcpReassembly, IPduConsumer, IDisposable
{
    readonly TcpReassembler _reassembler;

    /// <summary>Per connection, held in the dictionary's entry: both directions' pinned framer and reassembler
    /// state, so that a segment costs one lookup and no object of its own.</summary>
    struct Conn
    {
        public Side A, B;
        public bool ClosedA, ClosedB;
    }

    struct Side
    {
        public bool Pinned;
        public bool NoDissector;        // no dissector for this direction's ports: its bytes are shown as data
        public IPduFramer? Framer;      // null: pass-through
        public IDissector? Dissector;
        public ITcpFramed? Framed;      // Dissector as ITcpFramed
        public TcpReassembler.Dir? Dir;
    }

    readonly Dictionary<uint, Conn> _streams = new();

    DissectContext? _ctx;
    uint _stream;
    TcpDirection _direction;
    bool _gap, _acceptCut;

    public TcpReassemblyAdapter(TcpReassemblyOptions? options = null)
    {
        _reassembler = new TcpReassembler(this, options);
    }

    public TcpReassembler Reassembler => _reassembler;
    /// <summary>Connections with reassembly state (bounded by the connections open at once).</summary>
    public int LiveStreams => _streams.Count;
    /// <summary>Anomalies seen (gaps, caps, overlaps with different bytes), for statistics and tests.</summary>
    public long Anomalies { get; private set; }

    public TcpReassemblyResult Add(in TcpSegment segment, ReadOnlySpan<byte> payload, DissectorTable ports, DissectContext ctx)
    {
        uint stream = segment.Stream;
        var dir = (TcpDirection)(segment.Direction & 1);
        bool rst = (segment.Flags & TcpSegment.RST) != 0;
        // Nothing to deliver: pure ACKs stay out of the reassembler (decided before any look-up). SYNs go in (they fix
        // the stream's first byte, so data captured out of order is placed right), FIN/RST only for a connection it
        // knows (they close it).
        if (payload.Length == 0 && (segment.Flags & (TcpSegment.SYN | TcpSegment.FIN | TcpSegment.RST)) == 0)
            return new TcpReassemblyResult(ctx.TcpPdus.Count, 0, 0, false, false);
        // A reference into the dictionary's entry: valid until the dictionary changes (nothing below adds to it
        // before Forget, which reads nothing after removing).
        ref var conn = ref CollectionsMarshal.GetValueRefOrNullRef(_streams, stream);
        bool known = !Unsafe.IsNullRef(ref conn);
        if (payload.Length == 0 && (segment.Flags & TcpSegment.SYN) == 0 && !known)
            return new TcpReassemblyResult(ctx.TcpPdus.Count, 0, 0, false, false);
        if (!known) conn = ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, stream, out _);

        ref var side = ref dir == TcpDirection.AtoB ? ref conn.A : ref conn.B;
        if (!side.Pinned && payload.Length > 0)
        {
            var candidate = ports.Candidate(segment.SrcPort, segment.DstPort, payload, ctx);
            if (candidate is ITcpFramed framed) { side.Framer = framed.TcpFramer; side.Dissector = candidate; side.Framed = framed; }
            side.NoDissector = candidate is null;
            side.Pinned = true;
        }
        if (side.NoDissector)
        {
            // Bytes no dissector wants are shown as data segment by segment, as tshark 4.0 shows them (it reassembles
            // out of order only when a dissector asks for more): a segment after a gap right away; a retransmission
            // (spurious included, a fast one excepted) or an out-of-order segment not. Nothing is held for such a
            // direction.
            if ((segment.Flags & TcpSegment.FIN) != 0) { if (dir == TcpDirection.AtoB) conn.ClosedA = true; else conn.ClosedB = true; }
            bool closed = rst || (conn.ClosedA && conn.ClosedB);
            if (closed) Forget(stream);
            uint af = segment.AnalysisFlags;
            bool again = ((af & (uint)(Tcp.TcpAnalysisFlags.Retransmission | Tcp.TcpAnalysisFlags.SpuriousRetransmission)) != 0 &&
                          (af & (uint)Tcp.TcpAnalysisFlags.FastRetransmission) == 0)
                         || (af & (uint)Tcp.TcpAnalysisFlags.OutOfOrder) != 0;
            return new TcpReassemblyResult(ctx.TcpPdus.Count, 0, 0, again, false, null, Direct: payload.Length > 0 && !again);
        }
        var framer = side.Framer ?? PassThroughFramer.Instance;
        var d = side.Dir;
        // (checked: the reassembler is public, and a direction removed there may since serve another connection)
        if (d is null || !d.InUse || d.Stream != stream || d.Direction != dir) side.Dir = d = _reassembler.Open(stream, dir);

        int start = ctx.TcpPdus.Count;
        _ctx = ctx; _stream = stream; _direction = dir; _gap = false;
        _acceptCut = side.Framed is not { } f || f.AcceptsCutPdus;
        side.Framed?.BeforeFraming(ctx);
        var r = _reassembler.Segment(d, segment.Seq, payload, (SegmentFlags)(segment.Flags & 7), ctx.Frame.Number, framer);
        _ctx = null;
        var pinnedDissector = side.Dissector;
        if ((r.Outcome & SegmentOutcome.Closed) != 0)
        {
            if (dir == TcpDirection.AtoB) conn.ClosedA = true; else conn.ClosedB = true;
        }
        if (rst || (conn.ClosedA && conn.ClosedB)) Forget(stream);

        bool retrans = (r.Outcome & SegmentOutcome.Retransmission) != 0 && (r.Outcome & SegmentOutcome.NewData) == 0;
        // tshark 4.0 hands a fast retransmission's bytes to the application again, not those of a plain one.
        if (retrans && payload.Length > 0 && ctx.TcpPdus.Count == start &&
            (segment.AnalysisFlags & (uint)Tcp.TcpAnalysisFlags.FastRetransmission) != 0)
            RedissectWholePdus(payload, framer, ctx);
        return new TcpReassemblyResult(start, ctx.TcpPdus.Count - start, r.HeldBytes, retrans, _gap, pinnedDissector);
    }

    /// <summary>A fast-retransmitted segment whose bytes frame as whole PDUs on their own is dissected again, as
    /// tshark 4.0 does (the request shows again, marked by the TCP analysis); a copy of part of a PDU that spanned
    /// segments stays TCP. Bytes already delivered are not kept, so the copy is framed by itself.</summary>
    static void RedissectWholePdus(ReadOnlySpan<byte> payload, IPduFramer framer, DissectContext ctx)
    {
        var frame = ctx.Fields.FrameBytes.Span;
        if (!frame.Overlaps(payload, out int at) || at < 0 || at + payload.Length > frame.Length) return;
        int start = ctx.TcpPdus.Count, frames = ctx.TcpPduFrames.Count, pos = 0;
        while (pos < payload.Length)
        {
            var r = framer.Frame(payload.Slice(pos), false);
            if (r.Status != FramerStatus.Pdu || r.Length <= 0 || r.Length > payload.Length - pos) break;
            ctx.TcpPduFrames.Add(ctx.Frame.Number);
            ctx.TcpPdus.Add(new TcpPdu(0, at + pos, r.Length, ctx.Frame.Number, ctx.TcpPduFrames.Count - 1, 1, PduFlags.None));
            pos += r.Length;
        }
        if (pos != payload.Length)
        {
            // Not whole PDUs: part of a message that spanned segments; it stays TCP.
            ctx.TcpPdus.RemoveRange(start, ctx.TcpPdus.Count - start);
            ctx.TcpPduFrames.RemoveRange(frames, ctx.TcpPduFrames.Count - frames);
        }
    }

    void Forget(uint stream)
    {
        _reassembler.Remove(stream);
        _streams.Remove(stream);
    }

    public void OnPdu(ReadOnlySpan<byte> pdu, in PduInfo info)
    {
        var ctx = _ctx;
        // PDUs flushed outside a segment call (end of capture) or from another connection pushed out by the total
        // cap have no frame to be shown in.
        if (ctx is null || info.Stream != _stream || info.Direction != _direction || pdu.Length == 0) return;
        if ((info.Flags & PduFlags.Truncated) != 0 && !_acceptCut) return;
        var f = ctx.Fields;
        var frame = f.FrameBytes.Span;
        int source, offset;
        if (info.Segments.Length <= 1 && info.FirstFrame == ctx.Frame.Number && frame.Overlaps(pdu, out int at) && at >= 0 && at + pdu.Length <= frame.Length)
        {
            source = 0; offset = at;
        }
        else
        {
            // Bytes from earlier frames (or a reassembler buffer): the packet's own copy, as a data source.
            source = f.AddSource(CopyForPacket(pdu, ctx));
            offset = 0;
        }
        int segStart = ctx.TcpPduFrames.Count;
        long last = -1;
        foreach (var s in info.Segments)
            if (s.Frame != last) { ctx.TcpPduFrames.Add(s.Frame); last = s.Frame; }
        ctx.TcpPdus.Add(new TcpPdu(source, offset, pdu.Length, info.FirstFrame, segStart, ctx.TcpPduFrames.Count - segStart, info.Flags));
    }

    // Copies of reassembled PDUs, carved from one buffer that the next packet dissected with the same context
    // reuses: a data source lives as long as the packet's PacketFields (whose source list the context's next packet
    // clears), like the frame's own bytes, which borrow the capture's memory until the next read. A packet
    // dissected with another context (a caller keeping one context per packet) starts a new buffer and leaves the
    // old one to the packets that refer to it.
    byte[] _arena = [];
    int _arenaUsed;
    long _arenaFrame = -1;
    DissectContext? _arenaCtx;
    const int ArenaMaxPdu = 256 << 10;

    ReadOnlyMemory<byte> CopyForPacket(ReadOnlySpan<byte> pdu, DissectContext ctx)
    {
        if (pdu.Length > ArenaMaxPdu) return pdu.ToArray();   // rare: keep the reused buffer small
        if (ctx != _arenaCtx)
        {
            _arena = []; _arenaUsed = 0; _arenaFrame = ctx.Frame.Number; _arenaCtx = ctx;
        }
        else if (ctx.Frame.Number != _arenaFrame)
        {
            _arenaUsed = 0; _arenaFrame = ctx.Frame.Number;
        }
        if (_arena.Length - _arenaUsed < pdu.Length)
        {
            // A new, larger buffer (geometric: bounded by twice what one packet needs); earlier sources of this packet keep the old one alive until they are dropped.
            _arena = new byte[Math.Max(16 << 10, Math.Max(pdu.Length, _arena.Length * 2))];
            _arenaUsed = 0;
        }
        var m = new Memory<byte>(_arena, _arenaUsed, pdu.Length);
        pdu.CopyTo(m.Span);
        _arenaUsed += pdu.Length;
        return m;
    }

    public void OnGap(in GapInfo gap)
    {
        if (_ctx is not null && gap.Stream == _stream && gap.Direction == _direction) _gap = true;
    }

    public void OnAnomaly(in ReassemblyAnomaly anomaly) => Anomalies++;

    public void Dispose() => _reassembler.Dispose();
}
