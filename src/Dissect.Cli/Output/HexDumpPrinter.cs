using System.Globalization;
using Dissect.Core;

namespace Dissect.Cli.Output;

/// <summary>
/// -x: tshark's hex and ASCII dump: "0000  00 11 22 … ff   ..ASCII.." (offset, 16 bytes, three spaces, printable
/// ASCII or '.'), then an empty line. When the packet has more than one data source (reassembled bytes), each is
/// dumped under a heading ("Frame (222 bytes):", "Reassembled TCP (342 bytes):") as tshark does.
/// </summary>
public sealed class HexDumpPrinter(Utf8Output o) : IPacketPrinter
{
    static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    public void Begin(Pipeline p) { }
    public void End(Pipeline p) { }

    public void Print(Pipeline p)
    {
        var pf = p.Fields;
        int sources = pf.SourceCount;
        if (sources <= 1)
        {
            Dump(o, p.Frame.Data.Span);
        }
        else
        {
            for (int s = 0; s < sources; s++)
            {
                var bytes = pf.SourceBytes(s).Span;
                o.Write(SourceName(pf, s));
                o.Write(" (");
                o.Write((ulong)bytes.Length);
                o.Write(" bytes):\n");
                Dump(o, bytes);
            }
        }
        o.WriteLine();
    }

    /// <summary>"Frame" for source 0; for another, "Reassembled X" where X is the protocol whose layer was open
    /// (the last top-level protocol on an earlier source) when the source's first entry was recorded.</summary>
    public static string SourceName(PacketFields pf, int source)
    {
        if (source == 0) return "Frame";
        var entries = pf.Entries;
        string? owner = null;
        for (int i = 0; i < entries.Length; i++)
        {
            ref readonly var e = ref entries[i];
            if (e.Source == source) break;
            if (e.Parent < 0 && e.Field is ProtocolDef pd && e.Source != source) owner = pd.ShortName;
        }
        return owner is null ? "Data source " + source.ToString(CultureInfo.InvariantCulture) : "Reassembled " + owner;
    }

    /// <summary>Writes the dump lines of <paramref name="data"/> (offsets in 4 hex digits, more past 64 KiB).</summary>
    public static void Dump(Utf8Output o, ReadOnlySpan<byte> data)
    {
        int offDigits = data.Length > 0x10000 ? 8 : 4;
        var hex = Hex;
        for (int off = 0; off < data.Length; off += 16)
        {
            var row = data.Slice(off, Math.Min(16, data.Length - off));
            Span<byte> line = o.GetSpan(offDigits + 2 + 16 * 3 - 1 + 3 + 16 + 1);
            int n = 0;
            for (int d = offDigits - 1; d >= 0; d--) line[n++] = hex[(off >> (d * 4)) & 15];
            line[n++] = (byte)' '; line[n++] = (byte)' ';
            for (int i = 0; i < 16; i++)
            {
                if (i < row.Length) { line[n++] = hex[row[i] >> 4]; line[n++] = hex[row[i] & 15]; }
                else { line[n++] = (byte)' '; line[n++] = (byte)' '; }
                if (i < 15) line[n++] = (byte)' ';
            }
            line[n++] = (byte)' '; line[n++] = (byte)' '; line[n++] = (byte)' ';
            foreach (var b in row) line[n++] = b >= 0x20 && b < 0x7f ? b : (byte)'.';
            line[n++] = (byte)'\n';
            o.Advance(n);
        }
    }
}
