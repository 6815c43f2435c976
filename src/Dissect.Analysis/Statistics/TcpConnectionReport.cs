using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dissect.Analysis.Tcp;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Statistics;

/// <summary>Per-direction figures of one connection (tcptrace's long report as the bar).</summary>
public sealed record DirectionStats(
    string From, string To, ulong Packets, ulong Bytes, ulong PayloadBytes, ulong UniqueBytes, ulong RetransmittedPackets,
    ulong RetransmittedBytes, ulong OutOfOrder, ulong DuplicateAcks, ulong SackPackets, ulong ZeroWindows, double ZeroWindowSeconds,
    uint MinWindow, uint MaxWindow, double AvgWindow, uint MaxBytesInFlight, double AvgBytesInFlight, int Mss, int WindowScale,
    ulong WindowFull, ulong LostSegments);

/// <summary>One TCP connection's statistics with Zeek's conn_state/history vocabulary and a diagnosis.</summary>
public sealed record ConnectionStats(
    uint Stream, string Client, string Server, double StartSeconds, double DurationSeconds, DirectionStats ClientToServer,
    DirectionStats ServerToClient, double? SynToSynAckMs, double? SynAckToAckMs, long RttSamples, double? RttMinMs,
    double? RttAvgMs, double? RttMaxMs, double? RttStdevMs, double? RttP50Ms, double? RttP99Ms, double ThroughputBps,
    double GoodputBps, string ConnState, string History, string Diagnosis);

public static class TcpConnectionReport
{
    /// <summary>Every connection's statistics, in stream order (holds them all: prefer <see cref="Connections"/>,
    /// <see cref="WriteText"/> or <see cref="WriteJson"/> for large captures).</summary>
    public static List<ConnectionStats> Build(FlowAnalysis analysis, Timestamp captureStart)
        => Connections(analysis, captureStart).ToList();

    /// <summary>The connections' statistics one at a time, in stream order: each is made from its compact
    /// <see cref="TcpConnectionRecord"/> when enumerated, so only the records stay in memory.</summary>
    public static IEnumerable<ConnectionStats> Connections(FlowAnalysis analysis, Timestamp captureStart)
    {
        var all = analysis.Tcp.Connections;
        for (int i = 0; i < all.Count; i++) yield return From(all[i], captureStart);
    }

    /// <summary>
    /// Writes the report in stream order from records handed over as connections end (<see cref="Tcp.TcpAnalyzer.RecordDone"/>),
    /// in any order: a record waits only until every earlier stream has been written, so what is held is bounded by
    /// the connections open (or within the analysis' eviction window) at once, not by the capture.
    /// </summary>
    public sealed class StreamingWriter(TextWriter w, bool json)
    {
        readonly Dictionary<uint, TcpConnectionRecord> _waiting = new();
        uint _next;
        bool _first = true;
        readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1 << 16);
        readonly TextBuffer _text = new(1024);
        Utf8JsonWriter? _json;

        /// <summary>Time of the capture's first frame (set it before the first record arrives).</summary>
        public Timestamp CaptureStart { get; set; }
        /// <summary>Connections waiting for an earlier one (for tests and memory figures).</summary>
        public int Waiting => _waiting.Count;
        public int MaxWaiting { get; private set; }
        /// <summary>Called with each record once it is written (the text report keeps nothing of it): the analysis
        /// may reuse it for a later connection (<see cref="Tcp.TcpAnalyzer.Reuse"/>).</summary>
        public Action<TcpConnectionRecord>? Release { get; set; }

        public void Add(TcpConnectionRecord r)
        {
            if (r.Stream != _next) { _waiting[r.Stream] = r; MaxWaiting = Math.Max(MaxWaiting, _waiting.Count); return; }
            Write(r);
            while (_waiting.Remove(_next, out var n)) Write(n);
        }

        void Write(TcpConnectionRecord r)
        {
            _next = r.Stream + 1;
            if (!json) { _text.Clear(); AppendText(_text, r, CaptureStart); w.Write(_text.Span); Release?.Invoke(r); return; }
            var stats = From(r, CaptureStart);
            if (_first)
            {
                _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, Encoder = JsonOptions.Encoder });
                _json.WriteStartArray();
                _first = false;
            }
            JsonSerializer.Serialize(_json!, stats, JsonOptions);
            Release?.Invoke(r);
            if (_json!.BytesPending + _buffer.WrittenCount >= 1 << 16) Drain(_json, _buffer, w);
        }

        /// <summary>Writes whatever still waits (in stream order) and closes the JSON array.</summary>
        public void Finish()
        {
            foreach (var k in _waiting.Keys.Order().ToList()) Write(_waiting[k]);
            _waiting.Clear();
            if (!json) return;
            if (_json is null)
            {
                _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, Encoder = JsonOptions.Encoder });
                _json.WriteStartArray();
            }
            _json.WriteEndArray();
            Drain(_json, _buffer, w);
            _json.Dispose();
        }
    }

    /// <summary>The statistics of one connection.</summary>
    public static ConnectionStats From(TcpConnectionRecord c, Timestamp captureStart)
    {
        var g = new Figures(c, captureStart);
        var client = Ep(g.Client, g.ClientPort);
        var server = Ep(g.Server, g.ServerPort);
        ref readonly var cs = ref g.ClientToServer(c);
        ref readonly var sc = ref g.ServerToClient(c);
        var diagnosis = new TextBuffer(160);
        Diagnose(diagnosis, cs, sc, client, server, g.Last);
        return new ConnectionStats(c.Stream, client, server, g.StartSeconds, g.DurationSeconds,
            Dir(client, server, cs, c.LastTime), Dir(server, client, sc, c.LastTime),
            g.SynToSynAckMs, g.SynAckToAckMs, g.RttSamples, g.RttMinMs, g.RttAvgMs, g.RttMaxMs, g.RttStdevMs, g.RttP50Ms, g.RttP99Ms,
            g.ThroughputBps, g.GoodputBps, ConnState(cs, sc), c.History, diagnosis.ToString());
    }

    /// <summary>
    /// The per-connection numbers of the report, derived once from a record: the text report is written from them
    /// and the record directly (no object per connection), the JSON one through <see cref="ConnectionStats"/>.
    /// </summary>
    readonly struct Figures
    {
        public readonly Address Client, Server;
        public readonly ushort ClientPort, ServerPort;
        public readonly bool ClientIsA;
        public readonly double StartSeconds, DurationSeconds, ThroughputBps, GoodputBps;
        public readonly double? SynToSynAckMs, SynAckToAckMs, RttMinMs, RttAvgMs, RttMaxMs, RttStdevMs, RttP50Ms, RttP99Ms;
        public readonly long RttSamples;
        public readonly Timestamp Last;

        public Figures(TcpConnectionRecord c, Timestamp captureStart)
        {
            ClientIsA = c.ClientFlow == 1;
            ref readonly var k = ref c.Key;
            if (ClientIsA) { Client = k.A; ClientPort = k.PortA; Server = k.B; ServerPort = k.PortB; }
            else { Client = k.B; ClientPort = k.PortB; Server = k.A; ServerPort = k.PortA; }
            ref readonly var cs = ref ClientIsA ? ref c.Dir1 : ref c.Dir2;
            ref readonly var sc = ref ClientIsA ? ref c.Dir2 : ref c.Dir1;
            Last = c.LastTime;
            StartSeconds = c.FirstTime.NanosecondsSince(captureStart) / 1e9;
            double dur = DurationSeconds = c.LastTime.NanosecondsSince(c.FirstTime) / 1e9;
            SynToSynAckMs = c.SynTimeNs >= 0 && c.SynAckTimeNs >= 0 ? (c.SynAckTimeNs - c.SynTimeNs) / 1e6 : null;
            SynAckToAckMs = c.SynAckTimeNs >= 0 && c.HandshakeAckTimeNs >= 0 ? (c.HandshakeAckTimeNs - c.SynAckTimeNs) / 1e6 : null;
            ref readonly var r = ref c.Rtt;
            RttSamples = r.Count;
            if (r.Count > 0)
            {
                // p50/p99 are exact up to RttSummary.ExactSamples samples, then within r.RelativeErrorBound (see RttSummary).
                RttMinMs = r.MinNs / 1e6; RttAvgMs = r.MeanNs / 1e6; RttMaxMs = r.MaxNs / 1e6; RttStdevMs = r.StdevNs / 1e6;
                RttP50Ms = r.Percentile(50) / 1e6; RttP99Ms = r.Percentile(99) / 1e6;
            }
            double bytes = cs.Bytes + sc.Bytes;
            double unique = cs.UniqueBytes + sc.UniqueBytes;
            ThroughputBps = dur > 0 ? bytes * 8 / dur : 0;
            GoodputBps = dur > 0 ? unique * 8 / dur : 0;
        }

        public ref readonly TcpDirectionStats ClientToServer(TcpConnectionRecord c) => ref ClientIsA ? ref c.Dir1 : ref c.Dir2;
        public ref readonly TcpDirectionStats ServerToClient(TcpConnectionRecord c) => ref ClientIsA ? ref c.Dir2 : ref c.Dir1;
    }

    // Per-direction values the report derives from the counters (one definition for the text and the JSON).
    static uint MinWindow(in TcpDirectionStats f) => f.WindowSamples == 0 ? 0 : f.MinWindow;
    static double AvgWindow(in TcpDirectionStats f) => f.WindowSamples == 0 ? 0 : f.WindowSum / f.WindowSamples;
    static double AvgInFlight(in TcpDirectionStats f) => f.InFlightSamples == 0 ? 0 : f.InFlightSum / f.InFlightSamples;
    static double ZeroWindowSeconds(in TcpDirectionStats f, Timestamp last)
    {
        long zw = f.ZeroWindowNs + (f.ZeroWindowSince >= 0 ? (last.Seconds * 1_000_000_000L + last.Nanoseconds) - f.ZeroWindowSince : 0);
        return zw / 1e9;
    }

    static string Ep(in Address a, ushort p)
    {
        Span<char> buf = stackalloc char[80];
        return new string(buf[..StreamConversationTable.Endpoint(a, p, buf)]);
    }

    static DirectionStats Dir(string from, string to, in TcpDirectionStats f, Timestamp last)
        => new(from, to, f.Packets, f.Bytes, f.PayloadBytes, f.UniqueBytes, f.RetransPackets, f.RetransBytes,
            f.OutOfOrder, f.DupAcks, f.SackPackets, f.ZeroWindows, ZeroWindowSeconds(f, last),
            MinWindow(f), f.MaxWindow, AvgWindow(f), f.MaxInFlight, AvgInFlight(f), f.Mss, f.WindowScaleOption,
            f.WindowFullCount, f.LostSegments);

    /// <summary>Zeek's conn_state from what each side sent (o = client/originator, r = server/responder).</summary>
    public static string ConnState(in TcpDirectionStats o, in TcpDirectionStats r)
    {
        bool established = o.SentSyn && r.SentSynAck;
        if (o.SentSyn && !r.SentSynAck)
        {
            if (r.SentRst) return "REJ";
            if (o.SentRst) return "RSTOS0";
            if (o.SentFin) return "SH";
            if (r.Packets == 0 || !r.SentData) return "S0";
        }
        if (!o.SentSyn && r.SentSynAck)
        {
            if (r.SentRst) return "RSTRH";
            if (r.SentFin) return "SHR";
        }
        if (established || (o.Packets > 0 && r.Packets > 0 && (o.SentSyn || r.SentSynAck)))
        {
            if (o.SentRst) return "RSTO";
            if (r.SentRst) return "RSTR";
            if (o.SentFin && r.SentFin) return "SF";
            if (o.SentFin) return "S2";
            if (r.SentFin) return "S3";
            return "S1";
        }
        return "OTH";
    }

    /// <summary>What limited throughput, with the evidence, in one line (written into <paramref name="t"/>).</summary>
    static void Diagnose(TextBuffer t, in TcpDirectionStats cs, in TcpDirectionStats sc, ReadOnlySpan<char> client,
        ReadOnlySpan<char> server, Timestamp last)
    {
        // The direction that carried most data is the one whose throughput matters.
        bool clientSends = cs.PayloadBytes >= sc.PayloadBytes;
        ref readonly var d = ref clientSends ? ref cs : ref sc;
        ref readonly var peer = ref clientSends ? ref sc : ref cs;
        var dEp = clientSends ? client : server;
        var pEp = clientSends ? server : client;
        if (d.PayloadBytes == 0) { t.Append("unknown: no data transferred"); return; }
        ulong dataPkts = Math.Max(1, d.Packets);
        double lossPct = 100.0 * d.RetransPackets / dataPkts;
        if (d.RetransPackets > 0 && (lossPct >= 1.0 || d.LostSegments > 0))
        {
            t.Append("congestion/loss: ").Append(d.RetransPackets).Append(" retransmitted segments (").Append(new Fixed(lossPct, 1))
             .Append("% of ").Append(dEp).Append("'s packets), ").Append(d.LostSegments).Append(" gaps seen");
            return;
        }
        if (peer.ZeroWindows > 0 || d.WindowFullCount > 0)
        {
            t.Append("receiver window: ").Append(pEp).Append(" advertised a zero window ").Append(peer.ZeroWindows)
             .Append(" times (").Append(new Fixed(ZeroWindowSeconds(peer, last), 3)).Append(" s), ").Append(d.WindowFullCount)
             .Append(" window-full segments from ").Append(dEp);
            return;
        }
        if (peer.MaxWindow > 0 && d.MaxInFlight >= 0.9 * peer.MaxWindow)
        {
            t.Append("receiver window: bytes in flight reached ").Append(d.MaxInFlight).Append(" of the ").Append(peer.MaxWindow)
             .Append("-byte advertised window");
            return;
        }
        if (peer.MaxWindow > 0 && d.MaxInFlight < 0.5 * peer.MaxWindow)
        {
            t.Append("application: at most ").Append(d.MaxInFlight).Append(" bytes in flight against a ").Append(peer.MaxWindow)
             .Append("-byte window and no loss: the sender did not have more to send");
            return;
        }
        t.Append("unknown: no loss, window not exhausted");
    }

    /// <summary>The text report of the given connections, in the order given.</summary>
    public static string RenderText(IEnumerable<TcpConnectionRecord> records, Timestamp captureStart)
    {
        var sb = new StringBuilder();
        var t = new TextBuffer(1024);
        foreach (var r in records) { t.Clear(); AppendText(t, r, captureStart); sb.Append(t.Span); }
        return sb.ToString();
    }

    /// <summary>One connection's text, straight from its record (no object, no string per value).</summary>
    static void AppendText(TextBuffer t, TcpConnectionRecord c, Timestamp captureStart)
    {
        var g = new Figures(c, captureStart);
        ref readonly var cs = ref g.ClientToServer(c);
        ref readonly var sc = ref g.ServerToClient(c);
        // Each endpoint is written once and copied where it recurs (five times a connection).
        Span<char> cb = stackalloc char[80], sb = stackalloc char[80];
        ReadOnlySpan<char> client = cb[..StreamConversationTable.Endpoint(g.Client, g.ClientPort, cb)];
        ReadOnlySpan<char> server = sb[..StreamConversationTable.Endpoint(g.Server, g.ServerPort, sb)];
        t.Append("TCP stream ").Append(c.Stream).Append(": ").Append(client).Append(" -> ").Append(server)
         .Append("  state ").Append(ConnState(cs, sc)).Append("  history ").History(c.HistoryPacked).Append('\n');
        t.Append("  start ").Append(new Fixed(g.StartSeconds, 6)).Append(" s  duration ").Append(new Fixed(g.DurationSeconds, 6))
         .Append(" s  throughput ").Append(new Fixed(g.ThroughputBps, 0)).Append(" bit/s  goodput ").Append(new Fixed(g.GoodputBps, 0)).Append(" bit/s\n");
        t.Append("  handshake: SYN->SYN-ACK "); Ms(t, g.SynToSynAckMs); t.Append("  SYN-ACK->ACK "); Ms(t, g.SynAckToAckMs); t.Append('\n');
        t.Append("  RTT (").Append(g.RttSamples).Append(" samples): min "); Ms(t, g.RttMinMs);
        t.Append("  avg "); Ms(t, g.RttAvgMs); t.Append("  max "); Ms(t, g.RttMaxMs); t.Append("  stdev "); Ms(t, g.RttStdevMs);
        t.Append("  p50 "); Ms(t, g.RttP50Ms); t.Append("  p99 "); Ms(t, g.RttP99Ms); t.Append('\n');
        Direction(t, client, server, cs, g.Last);
        Direction(t, server, client, sc, g.Last);
        t.Append("  limited by: "); Diagnose(t, cs, sc, client, server, g.Last); t.Append("\n\n");

        static void Ms(TextBuffer t, double? v)
        {
            if (v is null) t.Append('-');
            else t.Append(new Fixed(v.Value, 3)).Append(" ms");
        }

        static void Direction(TextBuffer t, ReadOnlySpan<char> from, ReadOnlySpan<char> to, in TcpDirectionStats d, Timestamp last)
        {
            t.Append("  ").Append(from).Append(" -> ").Append(to).Append(": ").Append(d.Packets).Append(" pkts, ")
             .Append(d.Bytes).Append(" bytes, ").Append(d.PayloadBytes).Append(" payload (").Append(d.UniqueBytes).Append(" unique), retrans ")
             .Append(d.RetransPackets).Append(" pkts/").Append(d.RetransBytes).Append(" bytes, out-of-order ").Append(d.OutOfOrder)
             .Append(", dup ACKs ").Append(d.DupAcks).Append(", SACK pkts ").Append(d.SackPackets).Append('\n');
            t.Append("      window min/avg/max ").Append(MinWindow(d)).Append('/').Append(new Fixed(AvgWindow(d), 0)).Append('/').Append(d.MaxWindow)
             .Append(", zero-window ").Append(d.ZeroWindows).Append("x ").Append(new Fixed(ZeroWindowSeconds(d, last), 3))
             .Append(" s, in flight max/avg ").Append(d.MaxInFlight).Append('/').Append(new Fixed(AvgInFlight(d), 0)).Append(", MSS ");
            if (d.Mss < 0) t.Append('-'); else t.Append(d.Mss);
            t.Append(", wscale ");
            if (d.WindowScaleOption < 0) t.Append('-'); else t.Append(d.WindowScaleOption);
            t.Append('\n');
        }
    }

    static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string RenderJson(IEnumerable<ConnectionStats> list)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture);
        WriteJson(sw, list);
        return sw.ToString();
    }

    /// <summary>Writes the JSON array connection by connection, flushing every 64 KiB (the same bytes as
    /// serializing the whole list at once).</summary>
    public static void WriteJson(TextWriter w, IEnumerable<ConnectionStats> list)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JsonOptions.Encoder });
        json.WriteStartArray();
        foreach (var c in list)
        {
            JsonSerializer.Serialize(json, c, JsonOptions);
            if (json.BytesPending + buffer.WrittenCount >= 1 << 16) Drain(json, buffer, w);
        }
        json.WriteEndArray();
        Drain(json, buffer, w);
    }

    static void Drain(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, TextWriter w)
    {
        json.Flush();
        w.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.ResetWrittenCount();
    }
}
