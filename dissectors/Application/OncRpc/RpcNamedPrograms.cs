using Dissect.Core;

namespace Dissect.Dissectors.Application.OncRpc;

/// <summary>Programs known by name and procedure names only (tshark's NFSACL, SADMIND and STAT protocols): the
/// heuristic takes their calls, the Protocol column names them, bodies are not parsed.</summary>
public static class RpcNamedPrograms
{
    public static readonly ProtocolDef NfsAclProtocol = new("nfsacl", "NFSACL", "NFSACL");
    public static readonly ProtocolDef SadmindProtocol = new("sadmind", "SADMIND", "SADMIND");
    public static readonly ProtocolDef StatProtocol = new("stat", "Network Status Monitor Protocol", "STAT");

    static readonly string?[] NfsAclV2 = ["NULL", "GETACL", "SETACL", "GETATTR", "ACCESS", "GETXATTRDIR"];
    static readonly string?[] NfsAclV3 = ["NULL", "GETACL", "SETACL", "GETXATTRDIR"];
    static readonly string?[] SadmindV1 = ["NULL"];
    static readonly string?[] StatV1 = ["NULL", "STAT", "MON", "UNMON", "UNMON_ALL", "SIMU_CRASH", "NOTIFY"];

    static Dictionary<ulong, string> Names(string?[] a) => Nfs.NfsFields.Names(a);

    public static readonly FieldDef NfsAclProcedureV1 = new("nfsacl.procedure_v1", "V1 Procedure", FieldKind.UInt32);
    public static readonly FieldDef NfsAclProcedureV2 = new("nfsacl.procedure_v2", "V2 Procedure", FieldKind.UInt32, valueNames: Names(NfsAclV2));
    public static readonly FieldDef NfsAclProcedureV3 = new("nfsacl.procedure_v3", "V3 Procedure", FieldKind.UInt32, valueNames: Names(NfsAclV3));
    public static readonly FieldDef SadmindProcedureV1 = new("sadmind.procedure_v1", "V1 Procedure", FieldKind.UInt32, valueNames: Names(SadmindV1));
    public static readonly FieldDef SadmindProcedureV2 = new("sadmind.procedure_v2", "V2 Procedure", FieldKind.UInt32, valueNames: Names(SadmindV1));
    public static readonly FieldDef SadmindProcedureV3 = new("sadmind.procedure_v3", "V3 Procedure", FieldKind.UInt32, valueNames: Names(SadmindV1));
    public static readonly FieldDef StatProcedureV1 = new("stat.procedure_v1", "V1 Procedure", FieldKind.UInt32, valueNames: Names(StatV1));

    public static readonly FieldDef[] NfsAclAll = [NfsAclProcedureV1, NfsAclProcedureV2, NfsAclProcedureV3];
    public static readonly FieldDef[] SadmindAll = [SadmindProcedureV1, SadmindProcedureV2, SadmindProcedureV3];
    public static readonly FieldDef[] StatAll = [StatProcedureV1];

    /// <summary>NFSACL (100227): versions 2 and 3.</summary>
    public static NamedRpcProgram NfsAcl() => new(NfsAclProtocol, 100227,
        v => v switch { 2 => NfsAclV2, 3 => NfsAclV3, _ => null },
        v => v switch { 1 => NfsAclProcedureV1, 2 => NfsAclProcedureV2, 3 => NfsAclProcedureV3, _ => null });

    /// <summary>SADMIND (100232): tshark knows NULL of versions 1–3 only ("V10 proc-0 Call" otherwise).</summary>
    public static NamedRpcProgram Sadmind() => new(SadmindProtocol, 100232,
        v => v is >= 1 and <= 3 ? SadmindV1 : null,
        v => v switch { 1 => SadmindProcedureV1, 2 => SadmindProcedureV2, 3 => SadmindProcedureV3, _ => null });

    /// <summary>STAT / NSM (100024), version 1.</summary>
    public static NamedRpcProgram Stat() => new(StatProtocol, 100024,
        v => v == 1 ? StatV1 : null,
        v => v == 1 ? StatProcedureV1 : null);
}
