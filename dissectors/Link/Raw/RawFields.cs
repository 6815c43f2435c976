using Dissect.Core;

namespace Dissect.Dissectors.Link.Raw;

/// <summary>Raw IP link type (LINKTYPE_RAW 101, and 12/14 on some platforms): no header and no fields of its
/// own, only the protocol item ("raw" in frame.protocols).</summary>
public static class RawFields
{
    public static readonly ProtocolDef Protocol = new("raw", "Raw packet data", "Raw");

    public static readonly FieldDef[] All = [];
}
