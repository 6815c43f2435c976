using Dissect.Core;
using Dissect.Dissectors.Link.Ethernet;

namespace Dissect.Dissectors.Link.Cmd;

/// <summary>Fields of Cisco MetaData (ethertype 0x8909): a security group tag before the real ethertype.</summary>
public static class CmdFields
{
    public static readonly ProtocolDef Protocol = new("cmd", "Cisco MetaData", "CMD");
    public static readonly FieldDef Version = new("cmd.version", "Version", FieldKind.UInt8);
    public static readonly FieldDef Length = new("cmd.length", "Length", FieldKind.UInt8);
    public static readonly FieldDef Options = new("cmd.options", "Options", FieldKind.UInt16, FieldBase.Hex);
    public static readonly FieldDef Sgt = new("cmd.sgt", "SGT", FieldKind.UInt16);
    public static readonly FieldDef Type = new("cmd.type", "Type", FieldKind.UInt16, FieldBase.Hex, valueNames: EtherTypeNames.Names);

    public static readonly FieldDef[] All = [Version, Length, Options, Sgt, Type];
}
