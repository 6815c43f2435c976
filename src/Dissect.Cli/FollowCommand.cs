using System.Globalization;
using System.Text;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Cli;

/// <summary>
/// `dissect follow tcp|udp,ascii|hex|raw,STREAM FILE` (tshark -q -z follow,…): the stream's payload in order, one
/// chunk per segment, node 0 being the sender of the stream's first packet. TCP bytes already delivered
/// (retransmissions, overlaps) are left out; a hole is shown as a line saying how many bytes are missing.
/// `follow http,ascii|hex|raw,STREAM` (tshark -z follow,http,…) shows the HTTP messages of TCP stream STREAM as
/// reassembled: each message's header block, then its body (de-chunked), one chunk each.
/// </summary>
public static class FollowCommand
{
    public static int Run(string spec, string file, OutputTarget target, TextWriter stderr, DecodeAs? decodeAs = null)
    {
        var p = spec.Split(',');
        if (p.Length != 3 || p[0] is not ("tcp" or "udp" or "http") || p[1] is not ("ascii" or "hex" or "raw") ||
            !uint.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out uint stream))
            throw new CliException($"invalid follow spec \"{spec}\": use tcp|udp|http,ascii|hex|raw,STREAM (e.g. tcp,ascii,0)", ExitCodes.BadOption);
        if (p[0] == "http") return RunHttp(p[1], stream, file, target, stderr, decodeAs);
        bool tcp = p[0] == "tcp";
        string mode = p[1];
        var fields = tcp ? new[] { "tcp.stream", "tcp.seq", "tcp.len", "tcp.payload" } : new[] { "udp.stream", "udp.payload" };
        using var pipeline = Pipeline.Open(file, new PipelineOptions { Fields = fields, WantColumns = false, DecodeAs = decodeAs });
        var reg = pipeline.Registry;
        FieldDef fStream = reg.Find(fields[0])!, fPayload = reg.Find(tcp ? "tcp.payload" : "udp.payload")!;
        FieldDef? fSeq = tcp ? reg.Find("tcp.seq") : null, fLen = tcp ? reg.Find("tcp.len") : null;

        var sb = new StringBuilder();
        Address a0 = default; ushort port0 = 0; string node0 = "", node1 = "";
        bool haveNodes = false;
        var next = new uint[2];
        var haveNext = new bool[2];
        var offset = new long[2];
        var body = new StringBuilder();
        while (pipeline.MoveNext())
        {
            var f = pipeline.Fields;
            int si = f.IndexOf(fStream);
            if (si < 0 || f[si].Value != stream) continue;
            var ctx = pipeline.Context;
            if (!haveNodes)
            {
                a0 = ctx.NetSrc; port0 = ctx.SrcPort;
                node0 = Endpoint(ctx.NetSrc, ctx.SrcPort); node1 = Endpoint(ctx.NetDst, ctx.DstPort);
                haveNodes = true;
            }
            int dir = ctx.NetSrc == a0 && ctx.SrcPort == port0 ? 0 : 1;
            int pi = f.IndexOf(fPayload);
            if (pi < 0) continue;
            var data = f.ValueBytes(f[pi]);
            if (data.IsEmpty) continue;
            if (tcp && fSeq is not null && f.IndexOf(fSeq) is int qi and >= 0)
            {
                uint seq = (uint)f[qi].Value;
                if (haveNext[dir])
                {
                    int behind = (int)(next[dir] - seq);
                    if (behind >= data.Length) continue;                 // all of it was delivered already
                    if (behind > 0) data = data.Slice(behind);            // overlap: the new part only
                    else if (behind < 0) body.Append(dir == 1 ? "\t" : "").Append("[").Append(-behind).Append(" bytes missing in capture]\n");
                }
                int li = fLen is null ? -1 : f.IndexOf(fLen);
                next[dir] = seq + (uint)(li >= 0 ? (int)f[li].Value : data.Length);
                haveNext[dir] = true;
            }
            Chunk(body, mode, dir, data, ref offset[dir]);
        }
        if (pipeline.Warning is { } w) stderr.WriteLine(Cli.Prefixed(w));
        sb.Append('\n').Append(new string('=', 67)).Append('\n');
        sb.Append("Follow: ").Append(p[0]).Append(',').Append(mode).Append('\n');
        sb.Append("Filter: ").Append(p[0]).Append(".stream eq ").Append(stream).Append('\n');
        sb.Append("Node 0: ").Append(haveNodes ? node0 : ":0").Append('\n');
        sb.Append("Node 1: ").Append(haveNodes ? node1 : ":0").Append('\n');
        sb.Append(body);
        sb.Append(new string('=', 67)).Append('\n');
        target.Text.Write(sb.ToString());
        target.Text.Flush();
        return pipeline.Warning is null ? ExitCodes.Ok : ExitCodes.BadFile;
    }

    /// <summary>HTTP messages of one TCP stream, from the reassembled PDUs each frame completes: the header block
    /// and the body (de-chunked when chunked) as separate chunks, as tshark's http follow tap shows them.</summary>
    static int RunHttp(string mode, uint stream, string file, OutputTarget target, TextWriter stderr, DecodeAs? decodeAs)
    {
        using var pipeline = Pipeline.Open(file, new PipelineOptions { Fields = ["tcp.stream", "http.request", "http.response"], WantColumns = false, DecodeAs = decodeAs });
        var reg = pipeline.Registry;
        FieldDef fStream = reg.Find("tcp.stream")!;
        Address a0 = default; ushort port0 = 0; string node0 = "", node1 = "";
        bool haveNodes = false;
        var offset = new long[2];
        var body = new StringBuilder();
        var dechunked = new System.Buffers.ArrayBufferWriter<byte>();
        while (pipeline.MoveNext())
        {
            var f = pipeline.Fields;
            int si = f.IndexOf(fStream);
            if (si < 0 || f[si].Value != stream) continue;
            var ctx = pipeline.Context;
            foreach (var pdu in ctx.TcpPdus)
            {
                if ((pdu.Flags & PduFlags.Unframed) != 0) continue;
                var bytes = f.SourceBytes(pdu.Source).Span;
                if (pdu.Offset < 0 || pdu.Offset >= bytes.Length) continue;
                var msg = bytes.Slice(pdu.Offset, Math.Min(pdu.Length, bytes.Length - pdu.Offset));
                if (!Dissect.Dissectors.Application.Http.HttpMessage.TrySplit(msg, dechunked, out int headerLength, out var content))
                    continue;
                // Node 0 is the sender of the first HTTP message, as tshark's http tap sees it.
                if (!haveNodes)
                {
                    a0 = ctx.NetSrc; port0 = ctx.SrcPort;
                    node0 = Endpoint(ctx.NetSrc, ctx.SrcPort); node1 = Endpoint(ctx.NetDst, ctx.DstPort);
                    haveNodes = true;
                }
                int dir = ctx.NetSrc == a0 && ctx.SrcPort == port0 ? 0 : 1;
                Chunk(body, mode, dir, msg.Slice(0, headerLength), ref offset[dir], tabAsDot: true);
                if (!content.IsEmpty) Chunk(body, mode, dir, content, ref offset[dir], tabAsDot: true);
            }
        }
        if (pipeline.Warning is { } w) stderr.WriteLine(Cli.Prefixed(w));
        var sb = new StringBuilder();
        sb.Append('\n').Append(new string('=', 67)).Append('\n');
        sb.Append("Follow: http,").Append(mode).Append('\n');
        sb.Append("Filter: tcp.stream eq ").Append(stream).Append('\n');
        sb.Append("Node 0: ").Append(haveNodes ? node0 : ":0").Append('\n');
        sb.Append("Node 1: ").Append(haveNodes ? node1 : ":0").Append('\n');
        sb.Append(body);
        sb.Append(new string('=', 67)).Append('\n');
        target.Text.Write(sb.ToString());
        target.Text.Flush();
        return pipeline.Warning is null ? ExitCodes.Ok : ExitCodes.BadFile;
    }

    static string Endpoint(in Address a, ushort port)
        => (a.Kind == AddressKind.IPv6 ? "[" + a + "]" : a.ToString()) + ":" + port.ToString(CultureInfo.InvariantCulture);

    static void Chunk(StringBuilder sb, string mode, int dir, ReadOnlySpan<byte> data, ref long offset, bool tabAsDot = false)
    {
        string tab = dir == 1 ? "\t" : "";
        switch (mode)
        {
            case "ascii":
                sb.Append(tab).Append(data.Length).Append('\n');
                // tshark's http follow prints a tab as '.', its tcp/udp follow keeps it
                foreach (var b in data) sb.Append(b is (byte)'\n' or (byte)'\r' || (b == (byte)'\t' && !tabAsDot) || (b >= 0x20 && b < 0x7f) ? (char)b : '.');
                sb.Append('\n');
                break;
            case "raw":
                sb.Append(tab).Append(Format.HexString(data)).Append('\n');
                break;
            default:
                for (int i = 0; i < data.Length; i += 16)
                {
                    var line = data.Slice(i, Math.Min(16, data.Length - i));
                    sb.Append(tab).Append((offset + i).ToString("X8", CultureInfo.InvariantCulture)).Append("  ");
                    for (int j = 0; j < 16; j++)
                    {
                        sb.Append(j < line.Length ? line[j].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                        if (j == 7) sb.Append(' ');
                    }
                    sb.Append(' ');
                    for (int j = 0; j < line.Length; j++)
                    {
                        if (j == 8) sb.Append(' ');
                        byte b = line[j];
                        sb.Append(b >= 0x20 && b < 0x7f ? (char)b : '.');
                    }
                    sb.Append('\n');
                }
                offset += data.Length;
                break;
        }
    }
}
