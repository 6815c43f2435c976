using System.Globalization;
using Dissect.Analysis;
using Dissect.Core;
using Dissect.Dissectors;

namespace Dissect.Cli;

/// <summary>`dissect fields [PROTO]`: every registered protocol and field in tshark -G fields format.</summary>
public static class FieldsCommand
{
    public static int Run(string? protocol, OutputTarget target)
    {
        var tables = BuiltIn.CreateTables();
        FlowAnalysis.RegisterFields(tables.Registry);
        var registry = tables.Registry;

        ProtocolDef? only = null;
        if (protocol is not null)
        {
            only = registry.Find(protocol) as ProtocolDef
                   ?? throw new CliException($"no protocol named \"{protocol}\" (see 'dissect fields' for the list)", ExitCodes.BadOption);
        }

        using var o = target.Open();
        foreach (var p in registry.Protocols)
        {
            if (only is not null && !ReferenceEquals(p, only)) continue;
            o.Write("P\t"); o.Write(p.Name); o.Write("\t"); o.Write(p.Abbrev); o.WriteLine();
            foreach (var f in p.Fields)
            {
                if (!registry.Contains(f)) continue;
                o.Write(FieldLine(f));
                o.WriteLine();
            }
        }
        o.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>F&lt;TAB&gt;name&lt;TAB&gt;abbrev&lt;TAB&gt;type&lt;TAB&gt;protocol&lt;TAB&gt;base&lt;TAB&gt;bitmask&lt;TAB&gt;blurb.</summary>
    public static string FieldLine(FieldDef f)
        => string.Join('\t', "F", f.Name, f.Abbrev, TypeName(f.Kind), f.Protocol?.Abbrev ?? "", BaseName(f),
                       "0x" + f.Bitmask.ToString("x", CultureInfo.InvariantCulture), f.Blurb ?? "");

    public static string TypeName(FieldKind k) => k switch
    {
        FieldKind.None => "FT_NONE",
        FieldKind.Protocol => "FT_PROTOCOL",
        FieldKind.Bool => "FT_BOOLEAN",
        FieldKind.UInt8 => "FT_UINT8",
        FieldKind.UInt16 => "FT_UINT16",
        FieldKind.UInt24 => "FT_UINT24",
        FieldKind.UInt32 => "FT_UINT32",
        FieldKind.UInt64 => "FT_UINT64",
        FieldKind.Int8 => "FT_INT8",
        FieldKind.Int16 => "FT_INT16",
        FieldKind.Int32 => "FT_INT32",
        FieldKind.Int64 => "FT_INT64",
        FieldKind.Double => "FT_DOUBLE",
        FieldKind.Bytes => "FT_BYTES",
        FieldKind.String => "FT_STRING",
        FieldKind.IPv4 => "FT_IPv4",
        FieldKind.IPv6 => "FT_IPv6",
        FieldKind.Ether => "FT_ETHER",
        FieldKind.AbsoluteTime => "FT_ABSOLUTE_TIME",
        FieldKind.RelativeTime => "FT_RELATIVE_TIME",
        FieldKind.FrameNum => "FT_FRAMENUM",
        _ => "FT_NONE",
    };

    /// <summary>tshark's base column: BASE_* for integers, the bit width for booleans, empty otherwise.</summary>
    public static string BaseName(FieldDef f)
    {
        if (f.Kind == FieldKind.Bool)
        {
            if (f.Bitmask == 0) return "0";
            int top = 64 - System.Numerics.BitOperations.LeadingZeroCount(f.Bitmask);
            int width = f.BitWidth >= top ? f.BitWidth : Math.Max(8, (top + 7) / 8 * 8);
            return width.ToString(CultureInfo.InvariantCulture);
        }
        if (!FieldDef.IsInteger(f.Kind) || f.Kind == FieldKind.FrameNum) return "";
        return f.Base switch
        {
            FieldBase.Hex => "BASE_HEX",
            FieldBase.Oct => "BASE_OCT",
            FieldBase.DecHex => "BASE_DEC_HEX",
            FieldBase.HexDec => "BASE_HEX_DEC",
            _ => "BASE_DEC",
        };
    }
}
