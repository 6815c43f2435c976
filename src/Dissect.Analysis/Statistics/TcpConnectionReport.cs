using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dissect.Analysis.Tcp;
using Dissect.Core;

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
        readonly StringBuilder _text = new(1024);
        Utf8JsonWriter? _json;

        /// <summary>Time of the capture's first frame (set it before the first record arrives).</summary>
        public Timestamp CaptureStart { get; set; }
        /// <summary>Connections waiting for an earlier one (for tests and memory figures).</summary>
        public int Waiting => _waiting.Count;
        public int MaxWaiting { get; private set; }

        public void Add(TcpConnectionRecord r)
        {
            if (r.Stream != _next) { _waiting[r.Stream] = r; MaxWaiting = Math.Max(MaxWaiting, _waiting.Count); return; }
            Write(r);
            while (_waiting.Remove(_next, out var n)) Write(n);
        }

        void Write(TcpConnectionRecord r)
        {
            _next = r.Stream + 1;
            var stats = From(r, CaptureStart);
            if (!json) { _text.Clear(); AppendText(_text, stats); w.Write(_text); return; }
            if (_first)
            {
                _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, Encoder = JsonOptions.Encoder });
                _json.WriteStartArray();
                _first = false;
            }
            JsonSerializer.Serialize(_json!, stats, JsonOptions);
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
        bool clientIsA = c.ClientFlow == 1;
        var client = clientIsA ? Ep(c.Key.A, c.Key.PortA) : Ep(c.Key.B, c.Key.PortB);
        var server = clientIsA ? Ep(c.Key.B, c.Key.PortB) : Ep(c.Key.A, c.Key.PortA);
        ref readonly var cs = ref clientIsA ? ref c.Dir1 : ref c.Dir2;
        ref readonly var sc = ref clientIsA ? ref c.Dir2 : ref c.Dir1;
        double dur = c.LastTime.NanosecondsSince(c.FirstTime) / 1e9;
        var d1 = Dir(client, server, cs, c.LastTime);
        var d2 = Dir(server, client, sc, c.LastTime);
        double? synSynAck = c.SynTimeNs >= 0 && c.SynAckTimeNs >= 0 ? (c.SynAckTimeNs - c.SynTimeNs) / 1e6 : null;
        double? synAckAck = c.SynAckTimeNs >= 0 && c.HandshakeAckTimeNs >= 0 ? (c.HandshakeAckTimeNs - c.SynAckTimeNs) / 1e6 : null;
        var r = c.Rtt;
        bool hasRtt = r.Count > 0;
        double bytes = cs.Bytes + sc.Bytes;
        double unique = cs.UniqueBytes + sc.UniqueBytes;
        // p50/p99 are exact up to RttSummary.ExactSamples samples, then within r.RelativeErrorBound (see RttSummary).
        return new ConnectionStats(c.Stream, client, server, c.FirstTime.NanosecondsSince(captureStart) / 1e9, dur, d1, d2,
            synSynAck, synAckAck, r.Count,
            hasRtt ? r.MinNs / 1e6 : null, hasRtt ? r.MeanNs / 1e6 : null, hasRtt ? r.MaxNs / 1e6 : null,
            hasRtt ? r.StdevNs / 1e6 : null, hasRtt ? r.Percentile(50) / 1e6 : null, hasRtt ? r.Percentile(99) / 1e6 : null,
            dur > 0 ? bytes * 8 / dur : 0, dur > 0 ? unique * 8 / dur : 0,
            ConnState(cs, sc), c.History, Diagnose(d1, d2, dur));
    }

    static string Ep(in Dissect.Core.Flow.Address a, ushort p)
    {
        // One string per endpoint (the address is written in place: no IPAddress, no intermediate strings).
        Span<char> buf = stackalloc char[80];
        int n = a.WriteText(buf);
        buf[n++] = ':';
        p.TryFormat(buf[n..], out int k, default, CultureInfo.InvariantCulture);
        return new string(buf.Slice(0, n + k));
    }

    static DirectionStats Dir(string from, string to, in TcpDirectionStats f, Timestamp last)
    {
        long zw = f.ZeroWindowNs + (f.ZeroWindowSince >= 0 ? (last.Seconds * 1_000_000_000L + last.Nanoseconds) - f.ZeroWindowSince : 0);
        return new DirectionStats(from, to, f.Packets, f.Bytes, f.PayloadBytes, f.UniqueBytes, f.RetransPackets, f.RetransBytes,
            f.OutOfOrder, f.DupAcks, f.SackPackets, f.ZeroWindows, zw / 1e9,
            f.WindowSamples == 0 ? 0 : f.MinWindow, f.MaxWindow, f.WindowSamples == 0 ? 0 : f.WindowSum / f.WindowSamples,
            f.MaxInFlight, f.InFlightSamples == 0 ? 0 : f.InFlightSum / f.InFlightSamples, f.Mss, f.WindowScaleOption,
            f.WindowFullCount, f.LostSegments);
    }

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

    /// <summary>What limited throughput, with the evidence, in one line.</summary>
    public static string Diagnose(DirectionStats cs, DirectionStats sc, double durationSeconds)
    {
        // The direction that carried most data is the one whose throughput matters.
        var d = cs.PayloadBytes >= sc.PayloadBytes ? cs : sc;
        var peer = ReferenceEquals(d, cs) ? sc : cs;
        if (d.PayloadBytes == 0) return "unknown: no data transferred";
        ulong dataPkts = Math.Max(1, d.Packets);
        double lossPct = 100.0 * d.RetransmittedPackets / dataPkts;
        if (d.RetransmittedPackets > 0 && (lossPct >= 1.0 || d.LostSegments > 0))
            return $"congestion/loss: {d.RetransmittedPackets} retransmitted segments ({lossPct:F1}% of {d.From}'s packets), {d.LostSegments} gaps seen";
        if (peer.ZeroWindows > 0 || d.WindowFull > 0)
            return $"receiver window: {peer.From} advertised a zero window {peer.ZeroWindows} times ({peer.ZeroWindowSeconds:F3} s), {d.WindowFull} window-full segments from {d.From}";
        if (peer.MaxWindow > 0 && d.MaxBytesInFlight >= 0.9 * peer.MaxWindow)
            return $"receiver window: bytes in flight reached {d.MaxBytesInFlight} of the {peer.MaxWindow}-byte advertised window";
        if (peer.MaxWindow > 0 && d.MaxBytesInFlight < 0.5 * peer.MaxWindow)
            return $"application: at most {d.MaxBytesInFlight} bytes in flight against a {peer.MaxWindow}-byte window and no loss: the sender did not have more to send";
        return "unknown: no loss, window not exhausted";
    }

    public static string RenderText(IEnumerable<ConnectionStats> list)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteText(sw, list);
        return sw.ToString();
    }

    /// <summary>Writes the text report connection by connection (nothing but the current connection is held).</summary>
    public static void WriteText(TextWriter w, IEnumerable<ConnectionStats> list)
    {
        var sb = new StringBuilder(1024);
        foreach (var c in list)
        {
            sb.Clear();
            AppendText(sb, c);
            w.Write(sb);
        }
    }

    /// <summary>One connection's text (formatted into <paramref name="sb"/>, no string per value).</summary>
    static void AppendText(StringBuilder sb, ConnectionStats c)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"TCP stream {c.Stream}: {c.Client} -> {c.Server}  state {c.ConnState}  history {c.History}\n");
        sb.Append(inv, $"  start {new Fixed(c.StartSeconds, 6)} s  duration {new Fixed(c.DurationSeconds, 6)} s  throughput {new Fixed(c.ThroughputBps, 0)} bit/s  goodput {new Fixed(c.GoodputBps, 0)} bit/s\n");
        sb.Append("  handshake: SYN->SYN-ACK "); Ms(sb, c.SynToSynAckMs); sb.Append("  SYN-ACK->ACK "); Ms(sb, c.SynAckToAckMs); sb.Append('\n');
        sb.Append(inv, $"  RTT ({c.RttSamples} samples): min "); Ms(sb, c.RttMinMs);
        sb.Append("  avg "); Ms(sb, c.RttAvgMs); sb.Append("  max "); Ms(sb, c.RttMaxMs); sb.Append("  stdev "); Ms(sb, c.RttStdevMs);
        sb.Append("  p50 "); Ms(sb, c.RttP50Ms); sb.Append("  p99 "); Ms(sb, c.RttP99Ms); sb.Append('\n');
        Direction(sb, c.ClientToServer);
        Direction(sb, c.ServerToClient);
        sb.Append("  limited by: ").Append(c.Diagnosis).Append("\n\n");

        static void Ms(StringBuilder sb, double? v)
        {
            if (v is null) sb.Append('-');
            else sb.Append(CultureInfo.InvariantCulture, $"{new Fixed(v.Value, 3)} ms");
        }

        static void Direction(StringBuilder sb, DirectionStats d)
        {
            var inv = CultureInfo.InvariantCulture;
            sb.Append(inv, $"  {d.From} -> {d.To}: {d.Packets} pkts, {d.Bytes} bytes, {d.PayloadBytes} payload ({d.UniqueBytes} unique), retrans {d.RetransmittedPackets} pkts/{d.RetransmittedBytes} bytes, out-of-order {d.OutOfOrder}, dup ACKs {d.DuplicateAcks}, SACK pkts {d.SackPackets}\n");
            sb.Append(inv, $"      window min/avg/max {d.MinWindow}/{new Fixed(d.AvgWindow, 0)}/{d.MaxWindow}, zero-window {d.ZeroWindows}x {new Fixed(d.ZeroWindowSeconds, 3)} s, in flight max/avg {d.MaxBytesInFlight}/{new Fixed(d.AvgBytesInFlight, 0)}, MSS ");
            if (d.Mss < 0) sb.Append('-'); else sb.Append(d.Mss);
            sb.Append(", wscale ");
            if (d.WindowScale < 0) sb.Append('-'); else sb.Append(d.WindowScale);
            sb.Append('\n');
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
