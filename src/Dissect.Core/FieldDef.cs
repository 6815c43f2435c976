namespace Dissect.Core;

/// <summary>What kind of value a field carries; drives formatting, filtering and type checks.</summary>
public enum FieldKind : byte
{
    /// <summary>No value: a label, subtree or expert item (presence only).</summary>
    None,
    Protocol,
    Bool,
    UInt8, UInt16, UInt24, UInt32, UInt64,
    Int8, Int16, Int32, Int64,
    Double,
    /// <summary>Raw bytes (shown as colon-separated hex).</summary>
    Bytes,
    /// <summary>Text (ASCII/UTF-8 from the wire, or computed).</summary>
    String,
    IPv4, IPv6, Ether,
    /// <summary>Absolute time: entry value holds the seconds, entry aux the nanoseconds.</summary>
    AbsoluteTime,
    /// <summary>Relative time, value in nanoseconds (signed).</summary>
    RelativeTime,
    /// <summary>A frame number (links between frames).</summary>
    FrameNum,
}

public enum FieldBase : byte { None, Dec, Hex, Oct, DecHex, HexDec }

public enum ExpertSeverity : byte { None = 0, Comment, Chat, Note, Warn, Error }

/// <summary>An expert item's group, as Wireshark's (PI_CHECKSUM … PI_ASSUMPTION); <see cref="FieldDef.ExpertGroupName"/>
/// gives the name tshark prints.</summary>
public enum ExpertGroup : byte
{
    None = 0, Checksum, Sequence, ResponseCode, RequestCode, Undecoded, Reassembly, Protocol, Malformed, Debug,
    Comment, Deprecated, Security, CommentsSummary, Decryption, Assumption,
}

[Flags]
public enum FieldFlags : byte
{
    None = 0,
    /// <summary>Kept as a column in the index store.</summary>
    Indexed = 1,
    /// <summary>Filled by analysis rather than read from the bytes (shown in brackets in the tree).</summary>
    Generated = 2,
    /// <summary>An expert item whose text is its summary in the expert report whatever the item's name: Wireshark
    /// raises such items on a formatted-text item (HTTP's request and status lines, "GET / HTTP/1.1\r\n").</summary>
    ExpertTextIsSummary = 4,
    /// <summary>An integer whose value name is shown after the number, "-1 (unknown)", where Wireshark formats it so
    /// (the usual form is "name (number)").</summary>
    NameAfterValue = 8,
}

/// <summary>
/// The one definition of a field (STYLE rule 2). Declared as a static readonly in a protocol's XxxFields class;
/// the <see cref="FieldRegistry"/> gives it an id. Everything (tree, -T fields, JSON, filter, store) reads this.
/// </summary>
public class FieldDef
{
    public FieldDef(string abbrev, string name, FieldKind kind, FieldBase @base = FieldBase.None,
                    ulong bitmask = 0, IReadOnlyDictionary<ulong, string>? valueNames = null,
                    string? blurb = null, FieldFlags flags = FieldFlags.None,
                    ExpertSeverity severity = ExpertSeverity.None, int bitWidth = 0,
                    ExpertGroup group = ExpertGroup.None)
    {
        Abbrev = abbrev; Name = name; Kind = kind; Base = @base; Bitmask = bitmask; ValueNames = valueNames;
        Blurb = blurb; Flags = flags; Severity = severity; Group = group;
        BitWidth = bitWidth != 0 ? bitWidth : DefaultWidth(kind);
        if (bitmask != 0)
            Shift = System.Numerics.BitOperations.TrailingZeroCount(bitmask);
        if (@base == FieldBase.None && IsInteger(kind)) Base = FieldBase.Dec;
    }

    public string Abbrev { get; }
    public string Name { get; }
    public FieldKind Kind { get; }
    public FieldBase Base { get; }
    /// <summary>For bit fields: the mask within the containing integer. Values are stored already shifted.</summary>
    public ulong Bitmask { get; }
    public int Shift { get; }
    /// <summary>Width in bits of the containing integer (for hex padding, e.g. 16 gives 0x0002).</summary>
    public int BitWidth { get; }
    public IReadOnlyDictionary<ulong, string>? ValueNames { get; }
    public string? Blurb { get; }
    public FieldFlags Flags { get; }
    /// <summary>Non-None for expert items (tcp.analysis.retransmission, _ws.malformed).</summary>
    public ExpertSeverity Severity { get; }
    /// <summary>For expert items: Wireshark's group (Sequence, Protocol, Malformed, …). None on an expert item means
    /// "Protocol", the group most of Wireshark's items have.</summary>
    public ExpertGroup Group { get; }
    /// <summary>Dense id given at registration; -1 before.</summary>
    public int Id { get; internal set; } = -1;
    public ProtocolDef? Protocol { get; internal set; }

    public bool IsExpert => Severity != ExpertSeverity.None;

    /// <summary>The group's name as tshark prints it (expert tap, "Expert Info (Note/Sequence)").</summary>
    public string ExpertGroupName => Group switch
    {
        ExpertGroup.Checksum => "Checksum",
        ExpertGroup.Sequence => "Sequence",
        ExpertGroup.ResponseCode => "Response Code",
        ExpertGroup.RequestCode => "Request Code",
        ExpertGroup.Undecoded => "Undecoded",
        ExpertGroup.Reassembly => "Reassembly",
        ExpertGroup.Malformed => "Malformed",
        ExpertGroup.Debug => "Debug",
        ExpertGroup.Comment => "Comment",
        ExpertGroup.Deprecated => "Deprecated",
        ExpertGroup.Security => "Security",
        ExpertGroup.CommentsSummary => "Comments summary",
        ExpertGroup.Decryption => "Decryption",
        ExpertGroup.Assumption => "Assumption",
        _ => "Protocol",
    };

    public static bool IsInteger(FieldKind k) => k is FieldKind.UInt8 or FieldKind.UInt16 or FieldKind.UInt24
        or FieldKind.UInt32 or FieldKind.UInt64 or FieldKind.Int8 or FieldKind.Int16 or FieldKind.Int32
        or FieldKind.Int64 or FieldKind.FrameNum;

    public static bool IsSigned(FieldKind k) => k is FieldKind.Int8 or FieldKind.Int16 or FieldKind.Int32 or FieldKind.Int64;

    static int DefaultWidth(FieldKind k) => k switch
    {
        FieldKind.UInt8 or FieldKind.Int8 => 8,
        FieldKind.UInt16 or FieldKind.Int16 => 16,
        FieldKind.UInt24 => 24,
        FieldKind.UInt32 or FieldKind.Int32 or FieldKind.FrameNum => 32,
        FieldKind.UInt64 or FieldKind.Int64 => 64,
        _ => 0,
    };

    public override string ToString() => Abbrev;
}

/// <summary>A protocol: itself a field (presence filter "tcp"), owning its fields.</summary>
public sealed class ProtocolDef : FieldDef
{
    public ProtocolDef(string abbrev, string name, string shortName)
        : base(abbrev, name, FieldKind.Protocol) { ShortName = shortName; }

    /// <summary>Text for the Protocol column (e.g. "TCP").</summary>
    public string ShortName { get; }
    public List<FieldDef> Fields { get; } = new();
}
