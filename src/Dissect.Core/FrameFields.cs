namespace Dissect.Core;

/// <summary>Fields of the `frame` pseudo-protocol, `_ws` expert items and the `data` fallback, owned by the engine.</summary>
public static class FrameFields
{
    public static readonly ProtocolDef Protocol = new("frame", "Frame", "FRAME");
    public static readonly FieldDef Number = new("frame.number", "Frame Number", FieldKind.UInt32);
    public static readonly FieldDef Time = new("frame.time", "Arrival Time", FieldKind.AbsoluteTime);
    public static readonly FieldDef TimeEpoch = new("frame.time_epoch", "Epoch Time", FieldKind.AbsoluteTime);
    public static readonly FieldDef TimeDelta = new("frame.time_delta", "Time delta from previous captured frame", FieldKind.RelativeTime);
    public static readonly FieldDef TimeDeltaDisplayed = new("frame.time_delta_displayed", "Time delta from previous displayed frame", FieldKind.RelativeTime);
    public static readonly FieldDef TimeRelative = new("frame.time_relative", "Time since reference or first frame", FieldKind.RelativeTime);
    public static readonly FieldDef Len = new("frame.len", "Frame Length", FieldKind.UInt32);
    public static readonly FieldDef CapLen = new("frame.cap_len", "Capture Length", FieldKind.UInt32);
    public static readonly FieldDef InterfaceId = new("frame.interface_id", "Interface id", FieldKind.UInt32);
    public static readonly FieldDef EncapType = new("frame.encap_type", "Encapsulation type", FieldKind.Int16);
    public static readonly FieldDef Protocols = new("frame.protocols", "Protocols in frame", FieldKind.String);
    public static readonly FieldDef Comment = new("frame.comment", "Comment", FieldKind.String);

    public static readonly FieldDef[] All =
        [Number, Time, TimeEpoch, TimeDelta, TimeDeltaDisplayed, TimeRelative, Len, CapLen, InterfaceId, EncapType, Protocols, Comment];

    public static readonly ProtocolDef WsProtocol = new("_ws", "Wireshark", "_WS");
    /// <summary>A header is impossible or points past the packet.</summary>
    public static readonly FieldDef Malformed = new("_ws.malformed", "Malformed Packet", FieldKind.None, severity: ExpertSeverity.Error, group: ExpertGroup.Malformed);
    /// <summary>The capture's snaplen cut the packet inside a header.</summary>
    public static readonly FieldDef Short = new("_ws.short", "Packet size limited during capture", FieldKind.None, severity: ExpertSeverity.Warn, group: ExpertGroup.Malformed);
    /// <summary>Free-form expert message text (detail only).</summary>
    public static readonly FieldDef ExpertMessage = new("_ws.expert.message", "Message", FieldKind.String);
    public static readonly FieldDef[] WsAll = [Malformed, Short, ExpertMessage];

    public static readonly ProtocolDef Data = new("data", "Data", "DATA");
    public static readonly FieldDef DataData = new("data.data", "Data", FieldKind.Bytes);
    public static readonly FieldDef DataLen = new("data.len", "Length", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef[] DataAll = [DataData, DataLen];
}
