using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Telnet;

/// <summary>Telnet (RFC 854) fields with tshark 4.0's abbrevs.</summary>
public static class TelnetFields
{
    public static readonly ProtocolDef Protocol = new("telnet", "Telnet", "TELNET");

    public static readonly Dictionary<ulong, string> CommandNames = new()
    {
        [240] = "Suboption End", [241] = "No Operation", [242] = "Data Mark", [243] = "Break", [244] = "Interrupt Process",
        [245] = "Abort Output", [246] = "Are You There?", [247] = "Escape Character", [248] = "Erase Line",
        [249] = "Go Ahead", [250] = "Suboption", [251] = "Will", [252] = "Won't", [253] = "Do", [254] = "Don't",
    };
    public static readonly Dictionary<ulong, string> OptionNames = new()
    {
        [0] = "Binary Transmission", [1] = "Echo", [2] = "Reconnection", [3] = "Suppress Go Ahead",
        [4] = "Approx Message Size Negotiation", [5] = "Status", [6] = "Timing Mark", [24] = "Terminal Type",
        [31] = "Negotiate About Window Size", [32] = "Terminal Speed", [33] = "Remote Flow Control", [34] = "Linemode",
        [35] = "X Display Location", [36] = "Environment Option", [37] = "Authentication Option", [38] = "Encryption Option",
        [39] = "New Environment Option",
    };

    public static readonly FieldDef Cmd = new("telnet.cmd", "Command", FieldKind.UInt8, valueNames: CommandNames);
    public static readonly FieldDef Subcmd = new("telnet.subcmd", "Subcommand", FieldKind.UInt8, valueNames: OptionNames);
    public static readonly FieldDef SubcommandData = new("telnet.subcommand_data", "Option data", FieldKind.Bytes);
    public static readonly FieldDef Data = new("telnet.data", "Data", FieldKind.String);

    public static readonly FieldDef[] All = [Cmd, Subcmd, SubcommandData, Data];
}

/// <summary>
/// Telnet (tcp.port 23): the byte stream split into data lines (each up to and including its LF, as tshark shows
/// telnet.data) and IAC commands (WILL/WONT/DO/DONT with their option, SB option ... IAC SE with the option data
/// kept as bytes; IAC IAC is a data 0xff). Suboption contents (NAWS, terminal type, ...) are not decoded. Each
/// segment is a PDU of its own (a pass-through framer), Info "Telnet Data ..." as tshark 4.0.
/// </summary>
public sealed class TelnetDissector : IDissector, ITcpFramed
{
    public const ushort Port = 23;
    const byte Iac = 255, Se = 240, Sb = 250, Will = 251, Dont = 254, TerminalType = 24, XDisplay = 35;

    public ProtocolDef Protocol => TelnetFields.Protocol;
    public IPduFramer TcpFramer { get; } = new PassThroughFramer();

    public void Register(DissectorTables tables) => tables.Get("tcp.port", "TCP port").Add(Port, this);

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset;
        var f = ctx.Fields;
        if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("Telnet Data ...");
        int pos = 0, dataStart = 0;
        while (pos < d.Length)
        {
            byte b = d[pos];
            if (b == Iac && pos + 1 < d.Length && d[pos + 1] != Iac)
            {
                if (pos > dataStart) DataLines(f, d, o, dataStart, pos);
                byte cmd = d[pos + 1];
                f.AddUInt(TelnetFields.Cmd, o + pos + 1, 1, cmd);
                pos += 2;
                if (cmd is >= Will and <= Dont)
                {
                    if (pos < d.Length) f.AddUInt(TelnetFields.Subcmd, o + pos, 1, d[pos]);
                    pos++;
                }
                else if (cmd == Sb)
                {
                    byte option = pos < d.Length ? d[pos] : (byte)0;
                    if (pos < d.Length) f.AddUInt(TelnetFields.Subcmd, o + pos, 1, option);
                    pos++;
                    // Terminal type and X display location suboptions start with IS/SEND, which tshark shows as a subcommand.
                    if (option is TerminalType or XDisplay && pos < d.Length && d[pos] != Iac)
                        f.AddUInt(TelnetFields.Subcmd, o + pos, 1, d[pos]);
                    int start = pos;
                    while (pos < d.Length && !(d[pos] == Iac && pos + 1 < d.Length && d[pos + 1] == Se)) pos++;
                    if (pos > start && pos <= d.Length) f.AddBytes(TelnetFields.SubcommandData, o + start, Math.Min(pos, d.Length) - start);
                    // IAC SE is recorded as the next command.
                }
                dataStart = Math.Min(pos, d.Length);
                continue;
            }
            if (b == Iac && pos + 1 >= d.Length)
            {
                // A lone IAC ends the segment: tshark marks the packet malformed.
                if (pos > dataStart) DataLines(f, d, o, dataStart, pos);
                return tvb.IsCut ? Handoff.Truncated("Telnet command cut by the capture length") : Handoff.Malformed("IAC at the end of the data");
            }
            pos += b == Iac ? 2 : 1;
        }
        if (d.Length > dataStart) DataLines(f, d, o, dataStart, d.Length, tvb.IsCut);
        return tvb.IsCut ? Handoff.Truncated("Telnet data cut by the capture length") : Handoff.Done;
    }

    /// <summary>Data as tshark shows it: one value per line, a line ending with its LF, or with a CR followed by a
    /// NUL (the NUL dropped).</summary>
    static void DataLines(PacketFields f, ReadOnlySpan<byte> d, int o, int start, int end, bool cut = false)
    {
        while (start < end)
        {
            int stop = start, next = end;
            for (; stop < end; stop++)
            {
                if (d[stop] == '\n') { next = ++stop; break; }
                if (d[stop] == '\r' && stop + 1 < end && d[stop + 1] == 0) { next = stop + 2; stop++; break; }
            }
            if (stop >= end) next = end;
            if (cut && next == end && stop == end) return;   // the last line goes on past the capture
            f.AddBytes(TelnetFields.Data, o + start, stop - start);
            start = next;
        }
    }

    /// <summary>Telnet has no PDU boundaries: whatever arrived is one PDU.</summary>
    sealed class PassThroughFramer : IPduFramer
    {
        public FramerResult Frame(ReadOnlySpan<byte> available, bool gapBefore)
            => available.IsEmpty ? FramerResult.NeedMore(1) : FramerResult.Pdu(available.Length);
    }
}
