using Dissect.Core;
using Dissect.Dissectors.Application.OncRpc.Nfs;

namespace Dissect.Dissectors.Application.OncRpc.Mount;

/// <summary>mount.* fields (RFC 1094 appendix A, RFC 1813 section 5), tshark 4.0's abbrevs.</summary>
public static class MountFields
{
    public static readonly ProtocolDef Protocol = new("mount", "Mount Service", "MOUNT");

    internal static readonly string?[] V1Names = ["NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT", "EXPORTALL"];
    internal static readonly string?[] V2Names = ["NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT", "EXPORTALL", "PATHCONF"];
    internal static readonly string?[] V3Names = ["NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT"];

    public static readonly Dictionary<ulong, string> StatusNames = new()
    {
        [0] = "OK", [1] = "ERR_PERM", [2] = "ERR_NOENT", [5] = "ERR_IO", [13] = "ERR_ACCESS", [20] = "ERR_NOTDIR",
        [22] = "ERR_INVAL", [63] = "ERR_NAMETOOLONG", [10004] = "ERR_NOTSUPP", [10006] = "ERR_SERVERFAULT",
    };

    public static readonly FieldDef ProcedureV1 = new("mount.procedure_v1", "V1 Procedure", FieldKind.UInt32, valueNames: NfsFields.Names(V1Names));
    public static readonly FieldDef ProcedureV2 = new("mount.procedure_v2", "V2 Procedure", FieldKind.UInt32, valueNames: NfsFields.Names(V2Names));
    public static readonly FieldDef ProcedureV3 = new("mount.procedure_v3", "V3 Procedure", FieldKind.UInt32, valueNames: NfsFields.Names(V3Names));
    public static readonly FieldDef Path = new("mount.path", "Path", FieldKind.String);
    public static readonly FieldDef Status = new("mount.status", "Status", FieldKind.UInt32, valueNames: StatusNames);
    public static readonly FieldDef DumpHostname = new("mount.dump.hostname", "Hostname", FieldKind.String);
    public static readonly FieldDef DumpDirectory = new("mount.dump.directory", "Directory", FieldKind.String);
    public static readonly FieldDef ExportDirectory = new("mount.export.directory", "Directory", FieldKind.String);
    public static readonly FieldDef ExportGroup = new("mount.export.group", "Group", FieldKind.String);
    public static readonly FieldDef Flavors = new("mount.flavors", "Flavors", FieldKind.UInt32);
    public static readonly FieldDef Flavor = new("mount.flavor", "Flavor", FieldKind.UInt32, valueNames: OncRpcFields.FlavorNames);

    public static readonly FieldDef[] All =
    [
        ProcedureV1, ProcedureV2, ProcedureV3, Path, Status, DumpHostname, DumpDirectory, ExportDirectory, ExportGroup,
        Flavors, Flavor,
    ];
}

/// <summary>
/// MOUNT (program 100005, versions 1–3): MNT/UMNT paths (Info "V3 MNT Call /export"), MNT status, file handle and
/// auth flavors, the DUMP and EXPORT lists.
/// </summary>
public sealed class MountDissector : RpcProgramDissector
{
    public const uint ProgramNumber = 100005;
    const int MaxEntries = 4096;

    public MountDissector() : base(MountFields.Protocol, ProgramNumber) { }

    protected override string?[]? ProcedureNames(uint version) => version switch
    {
        1 => MountFields.V1Names, 2 => MountFields.V2Names, 3 => MountFields.V3Names, _ => null,
    };

    protected override FieldDef? ProcedureField(uint version) => version switch
    {
        1 => MountFields.ProcedureV1, 2 => MountFields.ProcedureV2, 3 => MountFields.ProcedureV3, _ => null,
    };

    static bool Str(ref XdrReader r, PacketFields f, FieldDef def, out ReadOnlySpan<byte> s)
    {
        if (!r.TryOpaque(out s, out int at, 1024)) return false;
        f.AddBytes(def, at, s.Length);
        return true;
    }

    protected override bool DissectCall(ref XdrReader r, DissectContext ctx, RpcMessage m)
    {
        if (m.Procedure is not (1 or 3) && !(m.Version == 2 && m.Procedure == 7)) return true;
        if (!Str(ref r, ctx.Fields, MountFields.Path, out var path)) return false;
        if (ctx.WantColumns) ctx.Columns.Info.Append(' ').AppendAscii(path);
        return true;
    }

    protected override bool DissectReply(ref XdrReader r, DissectContext ctx, RpcMessage m)
    {
        var f = ctx.Fields;
        switch (m.Procedure)
        {
            case 1:   // MNT
            {
                int at = r.Offset;
                if (!r.TryU32(out uint status)) return false;
                f.AddUInt(MountFields.Status, at, 4, status);
                if (status != 0) return true;
                if (m.Version < 3)
                {
                    at = r.Offset;
                    if (!r.TryFixedOpaque(32, out var fh)) return false;
                    f.AddUInt(NfsFields.FhHash, at, 32, Crc32.Compute(fh));
                    return true;
                }
                if (!NfsDissector.Fh(ref r, f, out _)) return false;
                at = r.Offset;
                if (!r.TryU32(out uint n)) return false;
                f.AddUInt(MountFields.Flavors, at, 4, n);
                for (uint i = 0; i < n && i < 64; i++)
                {
                    at = r.Offset;
                    if (!r.TryU32(out uint fl)) return false;
                    f.AddUInt(MountFields.Flavor, at, 4, fl);
                }
                return true;
            }
            case 2:   // DUMP: list of (hostname, directory)
                for (int i = 0; i < MaxEntries; i++)
                {
                    if (!r.TryBool(out bool more)) return false;
                    if (!more) return true;
                    if (!Str(ref r, f, MountFields.DumpHostname, out _) || !Str(ref r, f, MountFields.DumpDirectory, out _)) return false;
                }
                return true;
            case 5: case 6:   // EXPORT(ALL): list of (directory, list of groups)
                for (int i = 0; i < MaxEntries; i++)
                {
                    if (!r.TryBool(out bool more)) return false;
                    if (!more) return true;
                    if (!Str(ref r, f, MountFields.ExportDirectory, out _)) return false;
                    for (int g = 0; g < MaxEntries; g++)
                    {
                        if (!r.TryBool(out bool group)) return false;
                        if (!group) break;
                        if (!Str(ref r, f, MountFields.ExportGroup, out _)) return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }
}
