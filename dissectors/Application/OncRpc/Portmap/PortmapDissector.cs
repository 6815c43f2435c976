using Dissect.Core;

namespace Dissect.Dissectors.Application.OncRpc.Portmap;

/// <summary>portmap.* fields (RFC 1833), tshark 4.0's abbrevs.</summary>
public static class PortmapFields
{
    public static readonly ProtocolDef Protocol = new("portmap", "Portmap", "Portmap");

    internal static readonly string?[] V2Names = ["NULL", "SET", "UNSET", "GETPORT", "DUMP", "CALLIT"];
    internal static readonly string?[] V3Names = ["NULL", "SET", "UNSET", "GETADDR", "DUMP", "CALLIT", "GETTIME", "UADDR2TADDR", "TADDR2UADDR"];
    internal static readonly string?[] V4Names = ["NULL", "SET", "UNSET", "GETADDR", "DUMP", "BCAST", "GETTIME", "UADDR2TADDR",
        "TADDR2UADDR", "GETVERSADDR", "INDIRECT", "GETADDRLIST", "GETSTAT"];

    static Dictionary<ulong, string> Names(string?[] a)
    {
        var d = new Dictionary<ulong, string>();
        for (int i = 0; i < a.Length; i++) if (a[i] is { } s) d[(ulong)i] = s;
        return d;
    }

    public static readonly FieldDef ProcedureV1 = new("portmap.procedure_v1", "V1 Procedure", FieldKind.UInt32, valueNames: Names(V2Names));
    public static readonly FieldDef ProcedureV2 = new("portmap.procedure_v2", "V2 Procedure", FieldKind.UInt32, valueNames: Names(V2Names));
    public static readonly FieldDef ProcedureV3 = new("portmap.procedure_v3", "V3 Procedure", FieldKind.UInt32, valueNames: Names(V3Names));
    public static readonly FieldDef ProcedureV4 = new("portmap.procedure_v4", "V4 Procedure", FieldKind.UInt32, valueNames: Names(V4Names));
    public static readonly FieldDef Prog = new("portmap.prog", "Program", FieldKind.UInt32);
    public static readonly FieldDef Version = new("portmap.version", "Version", FieldKind.UInt32);
    public static readonly FieldDef Proto = new("portmap.proto", "Protocol", FieldKind.UInt32);
    public static readonly FieldDef Port = new("portmap.port", "Port", FieldKind.UInt32);
    public static readonly FieldDef Proc = new("portmap.proc", "Procedure", FieldKind.UInt32);
    public static readonly FieldDef Answer = new("portmap.answer", "Answer", FieldKind.Bool);
    public static readonly FieldDef Rpcb = new("portmap.rpcb", "RPCB", FieldKind.None);
    public static readonly FieldDef RpcbProg = new("portmap.rpcb.prog", "Program", FieldKind.UInt32);
    public static readonly FieldDef RpcbVersion = new("portmap.rpcb.version", "Version", FieldKind.UInt32);
    public static readonly FieldDef RpcbNetId = new("portmap.rpcb.netid", "Network Id", FieldKind.String);
    public static readonly FieldDef RpcbAddr = new("portmap.rpcb.addr", "Universal Address", FieldKind.String);
    public static readonly FieldDef RpcbOwner = new("portmap.rpcb.owner", "Owner of this Service", FieldKind.String);
    public static readonly FieldDef Uaddr = new("portmap.uaddr", "Universal Address", FieldKind.String);

    public static readonly FieldDef[] All =
    [
        ProcedureV1, ProcedureV2, ProcedureV3, ProcedureV4, Prog, Version, Proto, Port, Proc, Answer, Rpcb, RpcbProg,
        RpcbVersion, RpcbNetId, RpcbAddr, RpcbOwner, Uaddr,
    ];
}

/// <summary>
/// Portmapper / rpcbind (program 100000, versions 2–4, RFC 1833): SET/UNSET/GETPORT arguments and results, the DUMP
/// list (v2 mappings, v3/v4 rpcb entries), GETADDR's rpcb and universal address, CALLIT's target. Info as tshark:
/// "V2 GETPORT Call NFS(100003) V:3 TCP", "V2 GETPORT Reply (Call In 5) Port:2049" / "PROGRAM_NOT_AVAILABLE".
/// </summary>
public sealed class PortmapDissector : RpcProgramDissector
{
    public const uint ProgramNumber = 100000;
    const int MaxEntries = 4096;
    DissectorTable? _programs;

    public PortmapDissector() : base(PortmapFields.Protocol, ProgramNumber) { }

    public override void Register(DissectorTables tables)
    {
        base.Register(tables);
        _programs = tables.Get(OncRpcDissector.ProgramTableName);
    }

    protected override string?[]? ProcedureNames(uint version) => version switch
    {
        1 or 2 => PortmapFields.V2Names, 3 => PortmapFields.V3Names, 4 => PortmapFields.V4Names, _ => null,
    };

    protected override FieldDef? ProcedureField(uint version) => version switch
    {
        1 => PortmapFields.ProcedureV1, 2 => PortmapFields.ProcedureV2, 3 => PortmapFields.ProcedureV3, 4 => PortmapFields.ProcedureV4, _ => null,
    };

    /// <summary>tshark's rpc_prog_name: the short name of a registered program, else "Unknown".</summary>
    string ProgramName(uint prog) => _programs is not null && _programs.TryGet(prog, out var d) ? d.Protocol.ShortName : "Unknown";

    static string IpProtoName(uint p) => p switch { 6 => "TCP", 17 => "UDP", 1 => "ICMP", 132 => "SCTP", 33 => "DCCP", _ => "Unknown" };

    protected override bool DissectCall(ref XdrReader r, DissectContext ctx, RpcMessage m)
    {
        var f = ctx.Fields;
        if (m.Version == 1) return true;   // tshark shows v1 bodies as unknown
        var info = ctx.WantColumns ? ctx.Columns.Info : null;
        if (m.Version == 2)
        {
            switch (m.Procedure)
            {
                case 1: case 2: case 3:   // SET, UNSET, GETPORT: mapping
                {
                    int at = r.Offset;
                    if (!r.TryU32(out uint prog)) return false;
                    f.AddUInt(PortmapFields.Prog, at, 4, prog);
                    if (m.Procedure == 3) info?.Append(' ').Append(ProgramName(prog)).Append('(').Append((ulong)prog).Append(')');
                    at = r.Offset;
                    if (!r.TryU32(out uint vers)) return false;
                    f.AddUInt(PortmapFields.Version, at, 4, vers);
                    if (m.Procedure == 3) info?.Append(" V:").Append((ulong)vers);
                    at = r.Offset;
                    if (!r.TryU32(out uint proto)) return false;
                    f.AddUInt(PortmapFields.Proto, at, 4, proto);
                    if (m.Procedure == 3) info?.Append(' ').Append(IpProtoName(proto));
                    at = r.Offset;
                    if (!r.TryU32(out uint port)) return false;
                    f.AddUInt(PortmapFields.Port, at, 4, port);
                    return true;
                }
                case 5: return Callit(ref r, f);
                default: return true;
            }
        }
        switch (m.Procedure)
        {
            case 3: return Rpcb(ref r, f);                          // GETADDR
            case 5: return Callit(ref r, f);                        // CALLIT / BCAST
            case 10 when m.Version == 4: return Callit(ref r, f);   // INDIRECT
            default: return true;
        }
    }

    static bool Callit(ref XdrReader r, PacketFields f)
    {
        int at = r.Offset;
        if (!r.TryU32(out uint prog)) return false;
        f.AddUInt(PortmapFields.Prog, at, 4, prog);
        at = r.Offset;
        if (!r.TryU32(out uint vers)) return false;
        f.AddUInt(PortmapFields.Version, at, 4, vers);
        at = r.Offset;
        if (!r.TryU32(out uint proc)) return false;
        f.AddUInt(PortmapFields.Proc, at, 4, proc);
        return true;
    }

    static bool Str(ref XdrReader r, PacketFields f, FieldDef def)
    {
        if (!r.TryOpaque(out var s, out int at, 1024)) return false;
        f.AddBytes(def, at, s.Length);
        return true;
    }

    static bool Rpcb(ref XdrReader r, PacketFields f)
    {
        int start = r.Offset;
        int t = f.BeginTree(PortmapFields.Rpcb, start, 0);
        bool ok = RpcbBody(ref r, f);
        f.SetLength(t, r.Offset - start);
        f.EndTree(t);
        return ok;
    }

    static bool RpcbBody(ref XdrReader r, PacketFields f)
    {
        int at = r.Offset;
        if (!r.TryU32(out uint prog)) return false;
        f.AddUInt(PortmapFields.RpcbProg, at, 4, prog);
        at = r.Offset;
        if (!r.TryU32(out uint vers)) return false;
        f.AddUInt(PortmapFields.RpcbVersion, at, 4, vers);
        return Str(ref r, f, PortmapFields.RpcbNetId) && Str(ref r, f, PortmapFields.RpcbAddr) && Str(ref r, f, PortmapFields.RpcbOwner);
    }

    protected override bool DissectReply(ref XdrReader r, DissectContext ctx, RpcMessage m)
    {
        var f = ctx.Fields;
        if (m.Version == 1) return true;
        if (m.Version == 2)
        {
            switch (m.Procedure)
            {
                case 1: case 2:
                {
                    int at = r.Offset;
                    if (!r.TryBool(out bool answer)) return false;
                    f.AddBool(PortmapFields.Answer, at, 4, answer);
                    return true;
                }
                case 3:
                {
                    int at = r.Offset;
                    if (!r.TryU32(out uint port)) return false;
                    f.AddUInt(PortmapFields.Port, at, 4, port);
                    // As Wireshark: a reply over UDP makes the given port a conversation between this server and the
                    // client, whatever the client's port (one udp.stream for all the client's datagrams to it).
                    if (port is > 0 and <= ushort.MaxValue && ctx.IpProto == 17 && !ctx.InErrorPacket && ctx.Udp is { } udp)
                        udp.Expect(ctx.NetSrc, (ushort)port, ctx.NetDst);
                    if (ctx.WantColumns)
                    {
                        if (port != 0) ctx.Columns.Info.Append(" Port:").Append((ulong)port);
                        else ctx.Columns.Info.Append(" PROGRAM_NOT_AVAILABLE");
                    }
                    return true;
                }
                case 4:   // DUMP: list of mappings
                    for (int i = 0; i < MaxEntries; i++)
                    {
                        if (!r.TryBool(out bool more)) return false;
                        if (!more) return true;
                        for (int k = 0; k < 4; k++)
                        {
                            int at = r.Offset;
                            if (!r.TryU32(out uint v)) return false;
                            f.AddUInt(k switch { 0 => PortmapFields.Prog, 1 => PortmapFields.Version, 2 => PortmapFields.Proto, _ => PortmapFields.Port }, at, 4, v);
                        }
                    }
                    return true;
                case 5:
                {
                    int at = r.Offset;
                    if (!r.TryU32(out uint port)) return false;
                    f.AddUInt(PortmapFields.Port, at, 4, port);
                    return true;
                }
                default: return true;
            }
        }
        switch (m.Procedure)
        {
            case 3: return Str(ref r, f, PortmapFields.Uaddr);   // GETADDR
            case 4:                                             // DUMP: list of rpcb
                for (int i = 0; i < MaxEntries; i++)
                {
                    if (!r.TryBool(out bool more)) return false;
                    if (!more) return true;
                    if (!Rpcb(ref r, f)) return false;
                }
                return true;
            case 5: case 10 when m.Version == 4:                // CALLIT/BCAST/INDIRECT: the remote address
                return Str(ref r, f, PortmapFields.RpcbAddr);
            default: return true;
        }
    }
}
