using Dissect.Core;

namespace Dissect.Dissectors.Application.OncRpc;

/// <summary>
/// What the RPC layer knows about the message whose body a program dissector is given: set by
/// <see cref="OncRpcDissector"/> just before it hands the body to the "rpc.program" table (STYLE rule 3: the child
/// is found through the table, the parent only leaves this note). One per thread; the program dissector checks it
/// belongs to its context and frame.
/// </summary>
public sealed class RpcMessage
{
    [ThreadStatic] static RpcMessage? t_current;

    /// <summary>The note of the current thread (allocated once per thread).</summary>
    public static RpcMessage Current => t_current ??= new RpcMessage();

    internal DissectContext? Context;
    internal long FrameNumber;
    public bool IsCall;
    public uint Xid, Program, Version, Procedure;
    /// <summary>Reply: the call was matched (program, version and procedure come from it).</summary>
    public bool Matched;
    /// <summary>Call/reply matching result (frames, time) when matching ran.</summary>
    public RpcMatch Match;

    internal RpcTransactions? Transactions;
    internal RpcTransactions.Key CallKey;

    /// <summary>Call, first pass: keeps a small value with the call for its reply (NFSv3 ACCESS keeps the mask it
    /// asked for); the reply reads it back as <see cref="RpcMatch.Private"/>.</summary>
    public void KeepForReply(uint value)
    {
        if (IsCall && Transactions is not null) Transactions.SetPrivate(CallKey, FrameNumber, value);
    }

    internal void Set(DissectContext ctx, bool call, uint xid, uint prog, uint vers, uint proc, bool matched, in RpcMatch match)
    {
        Transactions = null;
        Context = ctx; FrameNumber = ctx.Frame.Number; IsCall = call; Xid = xid; Program = prog; Version = vers;
        Procedure = proc; Matched = matched; Match = match;
    }

    /// <summary>True when this note was left for <paramref name="ctx"/>'s current frame.</summary>
    public bool IsFor(DissectContext ctx) => ReferenceEquals(Context, ctx) && FrameNumber == ctx.Frame.Number;
}

/// <summary>
/// Base of the program dissectors hung in the "rpc.program" table (program number → dissector): Portmap, NFS,
/// MOUNT, NLM and the name-only ones. Gives the procedure names (the RPC layer writes "V3 LOOKUP Call"), adds the
/// program subtree's generated version and procedure fields as tshark does (rpc.programversion again, then the
/// program's own procedure field, or rpc.procedure when it has none for that version), then parses the body.
/// </summary>
public abstract class RpcProgramDissector : IDissector
{
    protected RpcProgramDissector(ProtocolDef protocol, uint program)
    {
        Protocol = protocol; Program = program;
    }

    public ProtocolDef Protocol { get; }
    public uint Program { get; }

    public virtual void Register(DissectorTables tables)
        => tables.Get(OncRpcDissector.ProgramTableName, "ONC RPC program").Add(Program, this);

    /// <summary>Procedure names of a version (index = procedure number; null entries and unknown versions have no
    /// dissector: the RPC layer writes "proc-N").</summary>
    protected abstract string?[]? ProcedureNames(uint version);

    /// <summary>The program's procedure field for a version (nfs.procedure_v3), or null (rpc.procedure is used).</summary>
    protected abstract FieldDef? ProcedureField(uint version);

    /// <summary>The procedure's name, or null when this program has no dissector for it.</summary>
    public string? ProcedureName(uint version, uint procedure)
    {
        var names = ProcedureNames(version);
        return names is not null && procedure < (uint)names.Length ? names[procedure] : null;
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var m = RpcMessage.Current;
        if (!m.IsFor(ctx) || m.Program != Program) return Handoff.Reject;
        var f = ctx.Fields;
        f.AddUInt(OncRpcFields.ProgramVersion, -1, 0, m.Version);
        var pf = ProcedureField(m.Version);
        f.AddUInt(pf ?? OncRpcFields.Procedure, -1, 0, m.Procedure);
        if (tvb.Reported <= 0 || ProcedureName(m.Version, m.Procedure) is null) return tvb.Reported > 0 ? Handoff.Data(tvb.Offset, tvb.Reported) : Handoff.Done;
        var r = new XdrReader(tvb);
        bool ok = m.IsCall ? DissectCall(ref r, ctx, m) : DissectReply(ref r, ctx, m);
        if (!ok) return Handoff.Stop(r.Status, $"{Protocol.ShortName} {(m.IsCall ? "call" : "reply")} body cut short");
        return Handoff.Done;
    }

    /// <summary>Parses a call's arguments; false when the reader ran out (its status says why).</summary>
    protected virtual bool DissectCall(ref XdrReader r, DissectContext ctx, RpcMessage m) => true;

    /// <summary>Parses a successful reply's results; false when the reader ran out.</summary>
    protected virtual bool DissectReply(ref XdrReader r, DissectContext ctx, RpcMessage m) => true;
}

/// <summary>A program known by name and procedure names only (NFSACL, SADMIND, STAT): bodies are not parsed.</summary>
public sealed class NamedRpcProgram : RpcProgramDissector
{
    readonly Func<uint, string?[]?> _names;
    readonly Func<uint, FieldDef?> _field;

    public NamedRpcProgram(ProtocolDef protocol, uint program, Func<uint, string?[]?> names, Func<uint, FieldDef?> field)
        : base(protocol, program)
    {
        _names = names; _field = field;
    }

    protected override string?[]? ProcedureNames(uint version) => _names(version);
    protected override FieldDef? ProcedureField(uint version) => _field(version);
}
