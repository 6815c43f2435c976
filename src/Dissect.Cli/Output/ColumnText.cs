using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Cli.Output;

/// <summary>The summary columns as tshark prints them (No., Time, Source, Destination, Protocol, Length, Info).</summary>
public static class ColumnText
{
    public static void Write(Utf8Output o, ColumnId column, Pipeline p, bool resolveNames)
    {
        switch (column)
        {
            case ColumnId.Number: o.Write((ulong)p.Frame.Number); break;
            case ColumnId.Time: ValueText.WriteSeconds(o, p.RelativeNanoseconds, p.TimeDecimals); break;
            case ColumnId.Source: WriteAddress(o, p.Columns.Source, resolveNames); break;
            case ColumnId.Destination: WriteAddress(o, p.Columns.Destination, resolveNames); break;
            case ColumnId.Protocol: o.Write(p.Columns.Protocol); break;
            case ColumnId.Length: o.Write((ulong)p.Frame.OriginalLength); break;
            case ColumnId.Info: o.Write(p.Columns.Info.Span); break;
        }
    }

    static void WriteAddress(Utf8Output o, in Address a, bool resolveNames)
    {
        Span<char> c = stackalloc char[64];
        int n = AddressChars(a, c, resolveNames);
        o.Write(c.Slice(0, n));
    }

    /// <summary>Writes an address column's text into <paramref name="dst"/> (at least 64 chars); returns its length.
    /// With name resolution on (tshark's default) the all-ones MAC shows as "Broadcast", as tshark shows it.</summary>
    public static int AddressChars(in Address a, Span<char> dst, bool resolveNames)
    {
        if (a.Kind == AddressKind.None) return 0;
        if (resolveNames && a.Kind == AddressKind.Ether && IsBroadcast(a.Bytes))
        {
            "Broadcast".CopyTo(dst);
            return 9;
        }
        return Format.WriteAddress(a.Kind, a.Bytes, dst);
    }

    static bool IsBroadcast(ReadOnlySpan<byte> b)
    {
        foreach (var x in b) if (x != 0xff) return false;
        return b.Length == 6;
    }
}
