using System.Globalization;
using System.Text;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Statistics;

/// <summary>
/// A ladder diagram for the terminal (Wireshark's flow graph): one column per host, one arrow per packet, with
/// the time, frame number and the packet's summary (flags, seq/ack/len and analysis flags from the Info column).
/// Keeps one small record per packet shown, so use it with a display filter on large captures.
/// </summary>
public sealed class FlowGraph
{
    readonly record struct Item(long Frame, long RelNs, int From, int To, string Proto, string Label);

    readonly List<string> _hosts = new();
    readonly Dictionary<Address, int> _hostIndex = new();
    readonly List<Item> _items = new();
    public int MaxItems { get; set; } = 100_000;
    public bool Truncated { get; private set; }

    public void Observe(DissectContext ctx, Timestamp captureStart)
    {
        var src = ctx.IpDepth > 0 ? ctx.NetSrc : ctx.DlSrc;
        var dst = ctx.IpDepth > 0 ? ctx.NetDst : ctx.DlDst;
        if (src.Kind == AddressKind.None) return;
        if (_items.Count >= MaxItems) { Truncated = true; return; }
        int a = Host(src), b = Host(dst);
        _items.Add(new Item(ctx.Frame.Number, ctx.Frame.Time.NanosecondsSince(captureStart), a, b,
            ctx.Columns.Protocol, ctx.Columns.Info.ToString()));
    }

    int Host(in Address a)
    {
        if (!_hostIndex.TryGetValue(a, out int i))
        {
            i = _hosts.Count; _hosts.Add(a.ToString()); _hostIndex[a] = i;
        }
        return i;
    }

    public string Render()
    {
        const int col = 24;
        var sb = new StringBuilder();
        sb.Append("    Time     ");
        foreach (var h in _hosts) sb.Append(Center(h, col));
        sb.Append("  Frame  Summary\n");
        sb.Append("             ");
        foreach (var _ in _hosts) sb.Append(Center("|", col));
        sb.Append('\n');
        foreach (var it in _items)
        {
            sb.Append((it.RelNs / 1e9).ToString("F6", System.Globalization.CultureInfo.InvariantCulture).PadLeft(11)).Append("  ");
            var line = new char[_hosts.Count * col];
            Array.Fill(line, ' ');
            for (int h = 0; h < _hosts.Count; h++) line[h * col + col / 2] = '|';
            int x1 = it.From * col + col / 2, x2 = it.To * col + col / 2;
            if (x1 == x2) line[x1] = 'o';
            else
            {
                int lo = Math.Min(x1, x2), hi = Math.Max(x1, x2);
                for (int x = lo + 1; x < hi; x++) line[x] = '-';
                if (x2 > x1) line[hi - 1] = '>'; else line[lo + 1] = '<';
            }
            sb.Append(line).Append("  ").Append(it.Frame.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append("  ")
              .Append(it.Proto).Append(": ").Append(it.Label).Append('\n');
        }
        if (Truncated) sb.Append($"(stopped after {MaxItems} packets: narrow it with -Y)\n");
        return sb.ToString();
    }

    static string Center(string s, int width)
    {
        if (s.Length >= width - 1) s = s[..(width - 2)];
        int left = (width - s.Length) / 2;
        return new string(' ', left) + s + new string(' ', width - left - s.Length);
    }
}
