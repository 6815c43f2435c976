using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Statistics;

/// <summary>
/// TCP or UDP conversation table counting only the frames it is shown (so a display filter applies, as with
/// tshark -Y … -z conv,tcp), keyed by the stream index of the first-pass analysis (and by address/port pair when one
/// udp.stream covers several). A is the sender of the first frame counted.
/// </summary>
public sealed class StreamConversationTable
{
    sealed class Row
    {
        public Address A; public ushort PortA; public Address B; public ushort PortB;
        public ulong FramesAB, BytesAB, FramesBA, BytesBA; public Timestamp First, Last;
    }

    readonly bool _tcp;
    readonly List<Row?> _byStream = new();
    readonly List<Row> _order = new();
    Dictionary<FlowKey, Row>? _extra;

    public StreamConversationTable(bool tcp) { _tcp = tcp; }

    /// <summary>Counts the frame just dissected when it carried TCP (or UDP) outside an ICMP error.</summary>
    public void Observe(DissectContext ctx, FlowAnalysis analysis)
    {
        var frame = ctx.Frame;
        uint stream;
        if (_tcp)
        {
            if (analysis.Tcp.CurrentFrame != frame.Number || analysis.Tcp.Current is not { } c) return;
            stream = c.Stream;
        }
        else
        {
            if (analysis.Udp.CurrentFrame != frame.Number || analysis.Udp.Current is not { } c) return;
            stream = c.Stream;
        }
        // Stream indexes are dense (0, 1, 2, … in order of appearance): a list indexed by stream.
        while (_byStream.Count <= stream) _byStream.Add(null);
        var r = _byStream[(int)stream];
        if (r is null)
        {
            r = new Row { A = ctx.NetSrc, PortA = ctx.SrcPort, B = ctx.NetDst, PortB = ctx.DstPort, First = frame.Time };
            _byStream[(int)stream] = r; _order.Add(r);
        }
        bool ab = ctx.NetSrc == r.A && ctx.SrcPort == r.PortA;
        if (!(ab ? ctx.NetDst == r.B && ctx.DstPort == r.PortB
                 : ctx.NetSrc == r.B && ctx.SrcPort == r.PortB && ctx.NetDst == r.A && ctx.DstPort == r.PortA))
        {
            // One udp.stream over several port pairs (a wildcard conversation, UdpConversations.Expect): tshark's
            // table still has a row per address/port pair.
            var key = new FlowKey(ctx.NetSrc, ctx.SrcPort, ctx.NetDst, ctx.DstPort, out _);
            _extra ??= new();
            if (!_extra.TryGetValue(key, out r))
            {
                r = new Row { A = ctx.NetSrc, PortA = ctx.SrcPort, B = ctx.NetDst, PortB = ctx.DstPort, First = frame.Time };
                _extra[key] = r; _order.Add(r);
            }
            ab = ctx.NetSrc == r.A && ctx.SrcPort == r.PortA;
        }
        r.Last = frame.Time;
        if (ab) { r.FramesAB++; r.BytesAB += (ulong)frame.OriginalLength; }
        else { r.FramesBA++; r.BytesBA += (ulong)frame.OriginalLength; }
    }

    /// <summary>Writes the table as tshark -z conv prints it, in its order, straight from the rows (no string per
    /// row: a million conversations cost their rows only).</summary>
    public void Write(TextWriter w, string title, string filter, Timestamp captureStart, int width = 26)
    {
        // tshark's order: most frames first, ties in order of first appearance.
        var keys = new (ulong NegFrames, int Index)[_order.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = (ulong.MaxValue - (_order[i].FramesAB + _order[i].FramesBA), i);
        Array.Sort(keys);
        ConversationReport.WriteHeader(w, title, filter, width);
        Span<char> buf = stackalloc char[40];
        Span<char> a = stackalloc char[64], b = stackalloc char[64];
        foreach (var (_, i) in keys)
        {
            var r = _order[i];
            ConversationReport.WriteRow(w, a[..Endpoint(r.A, r.PortA, a)], b[..Endpoint(r.B, r.PortB, b)], r.FramesBA, r.BytesBA,
                r.FramesAB, r.BytesAB, r.First.NanosecondsSince(captureStart), r.Last.NanosecondsSince(r.First), width, buf);
        }
        ConversationReport.WriteFooter(w);
    }

    /// <summary>"address:port" as the reports print an endpoint (written in place, no string).</summary>
    internal static int Endpoint(in Address address, ushort port, Span<char> dest)
    {
        int n = address.WriteText(dest);
        dest[n++] = ':';
        port.TryFormat(dest[n..], out int k, default, System.Globalization.CultureInfo.InvariantCulture);
        return n + k;
    }

    public List<ConversationRow> Rows(Timestamp captureStart)
        => _order.Select(r => new ConversationRow(
                r.A + ":" + r.PortA, r.B + ":" + r.PortB, r.FramesBA, r.BytesBA, r.FramesAB, r.BytesAB,
                r.First.NanosecondsSince(captureStart), r.Last.NanosecondsSince(r.First), 0)).ToList().SortedLikeTshark();
}
