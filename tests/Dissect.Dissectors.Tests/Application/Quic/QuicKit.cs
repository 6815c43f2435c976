using System.Buffers.Binary;
using Dissect.Analysis;
using Dissect.Core;

namespace Dissect.Dissectors.Tests.Application.Quic;

/// <summary>Helpers for the QUIC tests: frames built around a UDP payload, a sequence of frames through one engine
/// and one context (QUIC state lives with the context), and a minimal pcap reader for the corpus differential.</summary>
public static class QuicKit
{
    public static readonly DissectorTables Tables = Create();

    static DissectorTables Create()
    {
        var t = BuiltIn.CreateTables();
        FlowAnalysis.RegisterFields(t.Registry);
        return t;
    }

    /// <summary>Ethernet + IPv4 + UDP around <paramref name="payload"/>.</summary>
    public static byte[] Udp4(byte[] payload, ushort sport, ushort dport, byte srcHost = 1, byte dstHost = 2)
    {
        var b = new byte[14 + 20 + 8 + payload.Length];
        b[12] = 0x08; b[13] = 0x00;
        var ip = b.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(2), (ushort)(20 + 8 + payload.Length));
        ip[8] = 64; ip[9] = 17;
        ip[12] = 192; ip[13] = 0; ip[14] = 2; ip[15] = srcHost;
        ip[16] = 192; ip[17] = 0; ip[18] = 2; ip[19] = dstHost;
        var udp = b.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sport);
        BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(2), dport);
        BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(4), (ushort)(8 + payload.Length));
        payload.CopyTo(b.AsSpan(42));
        return b;
    }

    /// <summary>Runs frames in order through one engine and one context; after each frame, <paramref name="inspect"/>
    /// sees the context (fields and columns of that frame).</summary>
    public static void Run(IEnumerable<byte[]> frames, Action<int, DissectContext> inspect, int linkType = 1)
    {
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        new FlowAnalysis(Tables.Registry).Attach(ctx);
        int n = 0;
        foreach (var bytes in frames)
        {
            n++;
            engine.Dissect(new Frame(n, new Timestamp(1_700_000_000 + n, 0), bytes.Length, bytes.Length, linkType, 0, 0, bytes), ctx);
            inspect(n, ctx);
        }
    }

    public static string[] Values(DissectContext ctx, string abbrev)
    {
        var f = ctx.Fields;
        var list = new List<string>();
        for (int i = 0; i < f.Count; i++)
            if (f[i].Field.Abbrev == abbrev) list.Add(Format.Value(f, f[i]));
        return list.ToArray();
    }

    public static string Joined(DissectContext ctx, string abbrev) => string.Join(",", Values(ctx, abbrev));

    /// <summary>The corpus folder (../shared/corpus beside the repository, or $DISSECT_CORPUS), or null.</summary>
    public static string? Corpus()
    {
        var env = Environment.GetEnvironmentVariable("DISSECT_CORPUS");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Dissect.sln")))
            {
                var c = Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "corpus"));
                return Directory.Exists(c) ? c : null;
            }
        }
        return null;
    }

    /// <summary>Frames of a classic pcap file (either byte order, micro- or nanosecond). The test project does not
    /// reference Dissect.Capture, so the differential reads the corpus' pcap files with this.</summary>
    public static IEnumerable<Frame> ReadPcap(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < 24) yield break;
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        bool le = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        bool nano = magic is 0xa1b23c4d or 0x4d3cb2a1;
        uint U32(int o) => le ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(o)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(o));
        int link = (int)(U32(20) & 0x0fffffff);
        int pos = 24;
        long n = 0;
        while (pos + 16 <= data.Length)
        {
            uint sec = U32(pos), frac = U32(pos + 4), incl = U32(pos + 8), orig = U32(pos + 12);
            pos += 16;
            if (incl > data.Length - pos) yield break;
            var bytes = new ReadOnlyMemory<byte>(data, pos, (int)incl);
            pos += (int)incl;
            n++;
            yield return new Frame(n, new Timestamp(sec, nano ? frac : frac * 1000), (int)incl, (int)orig, link, 0, pos - 16 - (int)incl, bytes);
        }
    }
}
