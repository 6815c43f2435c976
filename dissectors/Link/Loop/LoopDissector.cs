using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Link.Loop;

/// <summary>Configuration Test Protocol (loopback) fields with tshark 4.0's abbrevs.</summary>
public static class LoopFields
{
    public static readonly ProtocolDef Protocol = new("loop", "Configuration Test Protocol (loopback)", "LOOP");

    public static readonly Dictionary<ulong, string> FunctionNames = new() { [1] = "Reply", [2] = "Forward Data" };

    public static readonly FieldDef SkipCount = new("loop.skipcount", "skipCount", FieldKind.UInt16);
    public static readonly FieldDef RelevantFunction = new("loop.relevant_function", "Relevant function", FieldKind.UInt16, valueNames: FunctionNames);
    public static readonly FieldDef Function = new("loop.function", "Function", FieldKind.UInt16, valueNames: FunctionNames);
    public static readonly FieldDef ReceiptNumber = new("loop.receipt_number", "Receipt number", FieldKind.UInt16);
    public static readonly FieldDef ForwardingAddress = new("loop.forwarding_address", "Forwarding address", FieldKind.Ether);

    public static readonly FieldDef[] All = [SkipCount, RelevantFunction, Function, ReceiptNumber, ForwardingAddress];
}

/// <summary>
/// Ethernet Configuration Test Protocol (ethertype 0x9000, DEC/Xerox "loopback"): skip count, the function the skip
/// count points at (Info: "Reply", "Forward Data"), then each function in turn: a Reply carries its receipt number and
/// ends the header (the rest is data), a Forward Data carries the next address. Numbers are little-endian, as the
/// protocol defines them.
/// </summary>
public sealed class LoopDissector : IDissector
{
    public const ushort EtherType = 0x9000;

    public ProtocolDef Protocol => LoopFields.Protocol;

    public void Register(DissectorTables tables) => tables.Get("ethertype", "Ethertype").Add(EtherType, this);

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("loopback header cut by the capture length")
                              : Handoff.Malformed("loopback header runs past the packet");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        if (d.Length < 2) return Cut(reported, 2);
        int skip = BinaryPrimitives.ReadUInt16LittleEndian(d);
        f.AddUInt(LoopFields.SkipCount, o, 2, (ulong)skip);
        if (skip % 8 == 0 && 2 + skip + 2 <= d.Length)
        {
            ushort rel = BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(2 + skip));
            f.AddUInt(LoopFields.RelevantFunction, o + 2 + skip, 2, rel);
            if (ctx.WantColumns)
            {
                if (LoopFields.FunctionNames.TryGetValue(rel, out var n)) ctx.Columns.Info.Append(n);
                else ctx.Columns.Info.Append("Unknown function (").Append((ulong)rel).Append(')');
            }
        }
        int pos = 2;
        while (true)
        {
            if (d.Length < pos + 2) return Cut(reported, pos + 2);
            ushort fn = BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(pos));
            f.AddUInt(LoopFields.Function, o + pos, 2, fn);
            pos += 2;
            if (fn == 1)
            {
                if (d.Length < pos + 2) return Cut(reported, pos + 2);
                f.AddUInt(LoopFields.ReceiptNumber, o + pos, 2, BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(pos)));
                pos += 2;
                break;
            }
            if (fn != 2) break;
            if (d.Length < pos + 6) return Cut(reported, pos + 6);
            f.AddBytes(LoopFields.ForwardingAddress, o + pos, 6);
            pos += 6;
        }
        return reported > pos ? Handoff.Data(o + pos, reported - pos) : Handoff.Done;
    }
}
