namespace Dissect.Core;

/// <summary>How a layer ended.</summary>
public enum LayerStatus : byte
{
    /// <summary>Header read; continue with the handoff.</summary>
    Ok,
    /// <summary>The captured bytes ended inside the header (snaplen): stop, mark the layer short.</summary>
    Truncated,
    /// <summary>The header is impossible or points past the packet: stop, mark the layer malformed.</summary>
    Malformed,
    /// <summary>The dissector does not recognise the payload (a port hint was wrong): try the next candidate.</summary>
    Reject,
}

/// <summary>
/// What a dissector returns: where its payload goes (a table and key, alternate key for port pairs), the payload's
/// position and reported length, or a stop status. Dissectors never call their children (STYLE rule 3).
/// </summary>
public readonly struct Handoff
{
    public readonly DissectorTable? Table;
    public readonly uint Key;
    public readonly uint AltKey;
    public readonly bool HasAltKey;
    public readonly int PayloadOffset;
    public readonly int PayloadReported;
    public readonly LayerStatus Status;
    /// <summary>Why the layer stopped (Truncated/Malformed), e.g. "IPv4 total length 1500 > 60 bytes left".</summary>
    public readonly string? Reason;
    /// <summary>A specific next dissector (e.g. a tunnel body) bypassing tables.</summary>
    public readonly IDissector? Next;
    /// <summary>0: the payload is in the same bytes; k &gt; 0: it is data source k of ctx.Fields (reassembled or
    /// decrypted bytes added with PacketFields.AddSource), and the offsets refer to it.</summary>
    public readonly int SwitchToSource;
    /// <summary>Reassembled TCP PDUs: <see cref="PduCount"/> entries of ctx.TcpPdus from <see cref="PduStart"/>,
    /// each dissected through <see cref="Table"/> with the port pair (Key, AltKey).</summary>
    public readonly int PduStart, PduCount;

    Handoff(DissectorTable? table, uint key, uint alt, bool hasAlt, int offset, int reported, LayerStatus status, string? reason, IDissector? next, int source = 0, int pduStart = 0, int pduCount = 0)
    {
        Table = table; Key = key; AltKey = alt; HasAltKey = hasAlt; PayloadOffset = offset; PayloadReported = reported;
        Status = status; Reason = reason; Next = next; SwitchToSource = source; PduStart = pduStart; PduCount = pduCount;
    }

    /// <summary>The payload is the whole of data source <paramref name="source"/> (e.g. a reassembled datagram).</summary>
    public static Handoff ToSource(DissectorTable table, uint key, int source, int length)
        => new(table, key, 0, false, 0, length, LayerStatus.Ok, null, null, source);

    /// <summary>The payload is <paramref name="count"/> reassembled PDUs (ctx.TcpPdus from <paramref name="start"/>),
    /// each resolved through the port pair like <see cref="ToPorts"/>, or given to <paramref name="pinned"/> alone when
    /// the connection is pinned to it; <paramref name="headerEnd"/> ends the layer.</summary>
    public static Handoff ToPdus(DissectorTable table, uint port1, uint port2, int headerEnd, int start, int count, IDissector? pinned = null)
        => new(table, Math.Min(port1, port2), Math.Max(port1, port2), true, headerEnd, 0, LayerStatus.Ok, null, pinned, 0, start, count);

    /// <summary>No payload follows.</summary>
    public static Handoff Done => default;

    /// <summary>The payload has no known dissector: it becomes `data`.</summary>
    public static Handoff Data(int offset, int reported) => new(null, 0, 0, false, offset, reported, LayerStatus.Ok, null, null);

    public static Handoff To(DissectorTable table, uint key, int offset, int reported)
        => new(table, key, 0, false, offset, reported, LayerStatus.Ok, null, null);

    /// <summary>Port pair: the engine tries the lower port, then the higher, then the table's heuristics.</summary>
    public static Handoff ToPorts(DissectorTable table, uint port1, uint port2, int offset, int reported)
        => new(table, Math.Min(port1, port2), Math.Max(port1, port2), true, offset, reported, LayerStatus.Ok, null, null);

    public static Handoff ToDissector(IDissector next, int offset, int reported)
        => new(null, 0, 0, false, offset, reported, LayerStatus.Ok, null, next);

    public static Handoff Truncated(string reason) => new(null, 0, 0, false, 0, 0, LayerStatus.Truncated, reason, null);
    public static Handoff Malformed(string reason) => new(null, 0, 0, false, 0, 0, LayerStatus.Malformed, reason, null);
    public static Handoff Reject => new(null, 0, 0, false, 0, 0, LayerStatus.Reject, null, null);

    /// <summary>Stop with the reader's status (Truncated or Malformed).</summary>
    public static Handoff Stop(ReadStatus status, string reason)
        => status == ReadStatus.Malformed ? Malformed(reason) : Truncated(reason);
}

/// <summary>
/// A protocol dissector: reads one header from <paramref name="tvb"/>, records fields into ctx.Fields, sets the
/// columns, and returns the handoff. Must never throw on any input (STYLE rule 1) and must not allocate unless
/// ctx.Fields.WantsAll (STYLE rule 5).
/// </summary>
public interface IDissector
{
    ProtocolDef Protocol { get; }
    /// <summary>Hangs itself into its parent's tables (and creates the tables it hands off to).</summary>
    void Register(DissectorTables tables);
    Handoff Dissect(in Tvb tvb, DissectContext ctx);
}

/// <summary>A dissector whose payload is link- or network-layer traffic again (VXLAN): a
/// <see cref="DissectContext.TransportOnly"/> pass still hands payloads to it, so tunnelled conversations are
/// counted. (Tunnels below the transport layer, such as GRE or IP in IP, are reached through "ip.proto" and need
/// no mark.)</summary>
public interface IEncapsulation : IDissector { }

/// <summary>A heuristic dissector: a cheap, pure test on the payload before Dissect is tried.</summary>
public interface IHeuristicDissector : IDissector
{
    /// <summary>Lower runs first.</summary>
    int Priority { get; }
    bool Accepts(ReadOnlySpan<byte> payload, DissectContext ctx);
}
