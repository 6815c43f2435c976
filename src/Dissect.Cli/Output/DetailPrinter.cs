using System.Globalization;
using System.Text;
using Dissect.Core;

namespace Dissect.Cli.Output;

using Capture = Dissect.Capture;

/// <summary>
/// -V: the packet detail tree like tshark -V. "Frame N: …" heads the frame layer, then each protocol with its fields
/// indented four spaces per level as "Name: value". Integers with value names show "name (value)", bit fields their
/// bit pattern (".... ..1. = Syn: Set"), generated fields are bracketed, expert items show
/// "[Expert Info (Severity): explanation]" and a stopped layer "[Malformed Packet: reason]".
/// An entry's text (<see cref="PacketFields.Texts"/>) on a non-expert field replaces the rendered value
/// ("Name: text"); on a protocol it follows the name ("Internet Protocol Version 4, Src: …").
/// </summary>
public sealed class DetailPrinter(Utf8Output o) : IPacketPrinter
{
    readonly TreeShape _shape = new();
    readonly StringBuilder _sb = new();

    public void Begin(Pipeline p) { }
    public void End(Pipeline p) { }

    public void Print(Pipeline p)
    {
        var pf = p.Fields;
        _shape.Build(pf);
        PrintSiblings(p, _shape.RootFirst);
        o.WriteLine();
    }

    void PrintSiblings(Pipeline p, int first)
    {
        for (int i = first; i >= 0; i = _shape.NextSibling(i))
            if (!IsHiddenAlias(p.Fields, first, i)) PrintSubtree(p, i);
    }

    /// <summary>
    /// Wireshark hides the alias fields a dissector adds for filtering (ip.addr beside ip.src, tcp.port beside
    /// tcp.srcport, eth.lg beside eth.dst.lg, ip.version beside ipv6.version). FieldDef has no "hidden" flag, so an
    /// entry is taken for such an alias when an earlier sibling covers the same bytes with the same value and either
    /// has the same display name or this one is a "Source or Destination …" field. It is still in -T fields and JSON.
    /// </summary>
    static bool IsHiddenAlias(PacketFields pf, int first, int i)
    {
        ref readonly var e = ref pf[i];
        if (e.Offset < 0 || e.Field.Kind == FieldKind.Protocol || e.Field.IsExpert) return false;
        bool sourceOrDestination = e.Field.Name.StartsWith("Source or Destination", StringComparison.Ordinal);
        for (int k = first; k < i; k++)
        {
            ref readonly var s = ref pf[k];
            if (s.Parent != e.Parent || s.Offset != e.Offset || s.Length != e.Length || s.Source != e.Source) continue;
            if (s.Field.Bitmask != e.Field.Bitmask || s.Value != e.Value || s.Field.Kind != e.Field.Kind) continue;
            if (s.AuxStart >= 0 || e.AuxStart >= 0)
            {
                if (!pf.ValueBytes(s).SequenceEqual(pf.ValueBytes(e))) continue;
            }
            if (sourceOrDestination || s.Field.Name == e.Field.Name) return true;
        }
        return false;
    }

    void PrintSubtree(Pipeline p, int i)
    {
        var pf = p.Fields;
        ref readonly var e = ref pf[i];
        int depth = _shape.Depth(i);
        _sb.Clear();
        _sb.Append(' ', depth * 4);
        int extraDepth = AppendLabel(_sb, p, e);
        _sb.Append('\n');
        if (extraDepth > 0)
        {
            // _ws.malformed: tshark shows the expert item beneath it
            _sb.Append(' ', (depth + 1) * 4).Append("[Expert Info (Error/Malformed): ")
               .Append(TextOf(pf, e) ?? "Malformed Packet").Append("]\n");
        }
        o.Write(_sb.ToString());
        PrintSiblings(p, _shape.FirstChild(i));
    }

    static string? TextOf(PacketFields pf, in FieldEntry e)
        => e.Text >= 0 && e.Text < pf.Texts.Count ? pf.Texts[e.Text] : null;

    /// <summary>Appends the line for one entry (without indent); returns 1 when an expert line follows.</summary>
    internal static int AppendLabel(StringBuilder sb, Pipeline p, in FieldEntry e)
    {
        var pf = p.Fields;
        var f = e.Field;
        string? text = TextOf(pf, e);

        if (ReferenceEquals(f, FrameFields.Protocol))
        {
            FrameHeader(sb, p);
            return 0;
        }
        if (ReferenceEquals(f, FrameFields.Malformed))
        {
            sb.Append("[Malformed Packet");
            if (text is not null) sb.Append(": ").Append(text);
            sb.Append(']');
            return 1;
        }
        if (ReferenceEquals(f, FrameFields.Short))
        {
            sb.Append("[Packet size limited during capture");
            if (text is not null) sb.Append(": ").Append(text);
            sb.Append(']');
            return 0;
        }
        if (f.IsExpert)
        {
            sb.Append("[Expert Info (").Append(SeverityName(f.Severity)).Append("): ").Append(text ?? f.Name).Append(']');
            return 0;
        }
        if (f.Kind == FieldKind.Protocol)
        {
            sb.Append(f.Name);
            if (text is not null) sb.Append(", ").Append(text);
            return 0;
        }

        bool generated = IsFrameField(f) ? IsGeneratedFrameField(f)
                       : (f.Flags & FieldFlags.Generated) != 0 || e.Offset < 0;
        if (generated) sb.Append('[');
        if (f.Bitmask != 0 && (FieldDef.IsInteger(f.Kind) || f.Kind == FieldKind.Bool))
            sb.Append(BitPattern(f, e.Value)).Append(" = ");

        if (f.Kind == FieldKind.None)
        {
            sb.Append(f.Name);
            if (text is not null) sb.Append(": ").Append(text);
        }
        else
        {
            string value = text ?? ValueDisplay(p, e);
            const int MaxValue = 200;
            if (value.Length > MaxValue)
                sb.Append(f.Name).Append(" […]: ").Append(value, 0, MaxValue).Append('…');
            else
                sb.Append(f.Name).Append(": ").Append(value);
        }
        if (generated) sb.Append(']');
        return 0;
    }

    static bool IsFrameField(FieldDef f) => ReferenceEquals(f.Protocol, FrameFields.Protocol);

    /// <summary>The frame fields tshark brackets (computed, not read from the capture record).</summary>
    static bool IsGeneratedFrameField(FieldDef f)
        => ReferenceEquals(f, FrameFields.TimeDelta) || ReferenceEquals(f, FrameFields.TimeDeltaDisplayed)
        || ReferenceEquals(f, FrameFields.TimeRelative) || ReferenceEquals(f, FrameFields.Protocols);

    public static string SeverityName(ExpertSeverity s) => s switch
    {
        ExpertSeverity.Comment => "Comment",
        ExpertSeverity.Chat => "Chat",
        ExpertSeverity.Note => "Note",
        ExpertSeverity.Warn => "Warning",
        ExpertSeverity.Error => "Error",
        _ => "None",
    };

    static void FrameHeader(StringBuilder sb, Pipeline p)
    {
        ref readonly var fr = ref p.Frame;
        long wire = fr.OriginalLength, cap = fr.CapturedLength;
        sb.Append("Frame ").Append(fr.Number.ToString(CultureInfo.InvariantCulture)).Append(": ")
          .Append(wire.ToString(CultureInfo.InvariantCulture)).Append(" bytes on wire (")
          .Append((wire * 8).ToString(CultureInfo.InvariantCulture)).Append(" bits), ")
          .Append(cap.ToString(CultureInfo.InvariantCulture)).Append(" bytes captured (")
          .Append((cap * 8).ToString(CultureInfo.InvariantCulture)).Append(" bits)");
        var ifs = p.Source.Interfaces;
        if ((uint)fr.InterfaceId < (uint)ifs.Count && !string.IsNullOrEmpty(ifs[fr.InterfaceId].Name))
            sb.Append(" on interface ").Append(ifs[fr.InterfaceId].Name).Append(", id ")
              .Append(fr.InterfaceId.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The value as the tree shows it (tshark's "show" text), without the name.</summary>
    internal static string ValueDisplay(Pipeline p, in FieldEntry e)
    {
        var pf = p.Fields;
        var f = e.Field;

        // A few frame fields get tshark's units.
        if (ReferenceEquals(f, FrameFields.Len) || ReferenceEquals(f, FrameFields.CapLen))
            return $"{e.Value} bytes ({e.Value * 8} bits)";
        if (ReferenceEquals(f, FrameFields.EncapType))
        {
            long lt = Format.SignExtend(f, e.Value);
            return Capture.LinkTypes.ShortName((int)lt) is null ? lt.ToString(CultureInfo.InvariantCulture)
                : $"{Capture.LinkTypes.Describe((int)lt)} ({lt})";
        }
        if (ReferenceEquals(f, FrameFields.InterfaceId))
        {
            var ifs = p.Source.Interfaces;
            if (e.Value < (ulong)ifs.Count && !string.IsNullOrEmpty(ifs[(int)e.Value].Name))
                return $"{e.Value} ({ifs[(int)e.Value].Name})";
        }
        if (ReferenceEquals(f, FrameFields.TimeEpoch))
            return Format.EpochTime(new Timestamp((long)e.Value, (uint)e.AuxStart)) + " seconds";

        switch (f.Kind)
        {
            case FieldKind.Bool:
            {
                if (Format.ValueName(f, e.Value) is { } bn) return bn;
                if (f.Bitmask != 0) return e.Value != 0 ? "Set" : "Not set";
                return e.Value != 0 ? "True" : "False";
            }
            case FieldKind.Double:
                return BitConverter.UInt64BitsToDouble(e.Value).ToString("G", CultureInfo.InvariantCulture);
            case FieldKind.AbsoluteTime:
                return Format.AbsoluteTime(new Timestamp((long)e.Value, (uint)e.AuxStart));
            case FieldKind.RelativeTime:
                return Format.RelativeTime((long)e.Value) + " seconds";
            case FieldKind.String:
                return TreeText(pf.ValueBytes(e));
            case FieldKind.IPv4:
            case FieldKind.IPv6:
            case FieldKind.Ether:
            case FieldKind.Bytes:
                return Format.Value(pf, e);
            case FieldKind.FrameNum:
                return e.Value.ToString(CultureInfo.InvariantCulture);
            default:
                if (!FieldDef.IsInteger(f.Kind)) return Format.Value(pf, e);
                string num = Number(f, e.Value);
                if (Format.ValueName(f, e.Value) is not { } name) return num;
                return (f.Flags & FieldFlags.NameAfterValue) != 0 ? $"{num} ({name})" : $"{name} ({num})";
        }
    }

    static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Wire text for the tree: shown as UTF-8 when it is valid UTF-8 ("··········S·"), with control
    /// characters and backslashes escaped (\r, \n, \t, \\, \xNN); byte-wise escaping otherwise.</summary>
    public static string TreeText(ReadOnlySpan<byte> b)
    {
        string text;
        try { text = StrictUtf8.GetString(b); }
        catch (System.Text.DecoderFallbackException) { return Format.WireText(b); }
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\r': sb.Append("\\r"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>An integer in the field's base; hex is padded to the field's (or bit field's) width.</summary>
    static string Number(FieldDef f, ulong v)
    {
        int bits = f.Bitmask != 0 ? MaskSpan(f.Bitmask) : f.BitWidth;
        int digits = Math.Max(1, (bits + 3) / 4);
        string hex = "0x" + v.ToString("x" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string dec = FieldDef.IsSigned(f.Kind) ? Format.SignExtend(f, v).ToString(CultureInfo.InvariantCulture)
                                               : v.ToString(CultureInfo.InvariantCulture);
        return f.Base switch
        {
            FieldBase.Hex => hex,
            FieldBase.HexDec => $"{hex} ({dec})",
            FieldBase.DecHex => $"{dec} ({hex})",
            FieldBase.Oct => "0" + Convert.ToString((long)v, 8),
            _ => dec,
        };
    }

    /// <summary>Bits from the lowest to the highest set bit of the mask.</summary>
    static int MaskSpan(ulong mask)
        => 64 - System.Numerics.BitOperations.LeadingZeroCount(mask) - System.Numerics.BitOperations.TrailingZeroCount(mask);

    /// <summary>tshark's bit pattern: the field's bits from the (shifted-back) value, '.' elsewhere, grouped by
    /// four from the most significant bit ("0100 ....", ".... .... ..1.").</summary>
    public static string BitPattern(FieldDef f, ulong value)
    {
        ulong mask = f.Bitmask;
        int width = f.BitWidth;
        int top = 64 - System.Numerics.BitOperations.LeadingZeroCount(mask);
        if (width <= 0 || width < top) width = Math.Max(8, (top + 7) / 8 * 8);
        ulong raw = value << f.Shift;
        var sb = new StringBuilder(width + width / 4);
        for (int bit = width - 1; bit >= 0; bit--)
        {
            ulong b = 1UL << bit;
            sb.Append((mask & b) == 0 ? '.' : (raw & b) != 0 ? '1' : '0');
            if (bit > 0 && bit % 4 == 0) sb.Append(' ');
        }
        return sb.ToString();
    }
}
