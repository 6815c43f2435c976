using Dissect.Core;
using Dissect.Dissectors.Application.OncRpc.Nfs;

namespace Dissect.Dissectors.Application.OncRpc.Nlm;

/// <summary>nlm.* fields (Network Lock Manager, XNFS / RFC 1813 appendix), tshark 4.0's abbrevs.</summary>
public static class NlmFields
{
    public static readonly ProtocolDef Protocol = new("nlm", "Network Lock Manager Protocol", "NLM");

    internal static readonly string?[] V1Names = ["NULL", "TEST", "LOCK", "CANCEL", "UNLOCK", "GRANTED", "TEST_MSG", "LOCK_MSG",
        "CANCEL_MSG", "UNLOCK_MSG", "GRANTED_MSG", "TEST_RES", "LOCK_RES", "CANCEL_RES", "UNLOCK_RES", "GRANTED_RES"];
    internal static readonly string?[] V3Names = ["NULL", "TEST", "LOCK", "CANCEL", "UNLOCK", "GRANTED", "TEST_MSG", "LOCK_MSG",
        "CANCEL_MSG", "UNLOCK_MSG", "GRANTED_MSG", "TEST_RES", "LOCK_RES", "CANCEL_RES", "UNLOCK_RES", "GRANTED_RES",
        null, null, null, null, "SHARE", "UNSHARE", "NM_LOCK", "FREE_ALL"];

    public static readonly Dictionary<ulong, string> StatNames = new()
    {
        [0] = "NLM_GRANTED", [1] = "NLM_DENIED", [2] = "NLM_DENIED_NOLOCKS", [3] = "NLM_BLOCKED",
        [4] = "NLM_DENIED_GRACE_PERIOD", [5] = "NLM_DEADLCK", [6] = "NLM_ROFS", [7] = "NLM_STALE_FH", [8] = "NLM_BIG",
        [9] = "NLM_FAILED",
    };

    public static readonly FieldDef ProcedureV1 = new("nlm.procedure_v1", "V1 Procedure", FieldKind.UInt32, valueNames: NfsFields.Names(V1Names));
    public static readonly FieldDef ProcedureV2 = new("nlm.procedure_v2", "V2 Procedure", FieldKind.UInt32, valueNames: NfsFields.Names(V1Names));
    public static readonly FieldDef ProcedureV3 = new("nlm.procedure_v3", "V3 Procedure", FieldKind.UInt32, valueNames: NfsFields.Names(V3Names));
    public static readonly FieldDef ProcedureV4 = new("nlm.procedure_v4", "V4 Procedure", FieldKind.UInt32, valueNames: NfsFields.Names(V3Names));
    public static readonly FieldDef Cookie = new("nlm.cookie", "cookie", FieldKind.Bytes);
    public static readonly FieldDef Block = new("nlm.block", "block", FieldKind.Bool);
    public static readonly FieldDef Exclusive = new("nlm.exclusive", "exclusive", FieldKind.Bool);
    public static readonly FieldDef CallerName = new("nlm.lock.caller_name", "caller_name", FieldKind.String);
    public static readonly FieldDef Owner = new("nlm.lock.owner", "owner", FieldKind.Bytes);
    public static readonly FieldDef Svid = new("nlm.lock.svid", "svid", FieldKind.UInt32);
    public static readonly FieldDef Offset64 = new("nlm.lock.l_offset64", "l_offset", FieldKind.UInt64);
    public static readonly FieldDef Offset = new("nlm.lock.l_offset", "l_offset", FieldKind.UInt32);
    public static readonly FieldDef Len64 = new("nlm.lock.l_len64", "l_len", FieldKind.UInt64);
    public static readonly FieldDef Len = new("nlm.lock.l_len", "l_len", FieldKind.UInt32);
    public static readonly FieldDef Reclaim = new("nlm.reclaim", "reclaim", FieldKind.Bool);
    public static readonly FieldDef State = new("nlm.state", "state", FieldKind.UInt32);
    public static readonly FieldDef Stat = new("nlm.stat", "stat", FieldKind.UInt32, valueNames: StatNames);

    public static readonly FieldDef[] All =
    [
        ProcedureV1, ProcedureV2, ProcedureV3, ProcedureV4, Cookie, Block, Exclusive, CallerName, Owner, Svid, Offset64,
        Offset, Len64, Len, Reclaim, State, Stat,
    ];
}

/// <summary>
/// NLM (program 100021, versions 1–4): cookie, lock (caller name, file handle, owner, svid, range: 32-bit before v4,
/// 64-bit in v4), block/exclusive/reclaim/state of LOCK, and the status of the replies and of the *_RES messages.
/// Info: lock-carrying calls add " FH:0x… svid:N pos:start-length", status replies " NLM_GRANTED".
/// </summary>
public sealed class NlmDissector : RpcProgramDissector
{
    public const uint ProgramNumber = 100021;

    public NlmDissector() : base(NlmFields.Protocol, ProgramNumber) { }

    protected override string?[]? ProcedureNames(uint version) => version switch
    {
        1 or 2 => NlmFields.V1Names, 3 or 4 => NlmFields.V3Names, _ => null,
    };

    protected override FieldDef? ProcedureField(uint version) => version switch
    {
        1 => NlmFields.ProcedureV1, 2 => NlmFields.ProcedureV2, 3 => NlmFields.ProcedureV3, 4 => NlmFields.ProcedureV4, _ => null,
    };

    static bool Cookie(ref XdrReader r, PacketFields f)
    {
        if (!r.TryOpaque(out var c, out int at, 1024)) return false;
        f.AddBytes(NlmFields.Cookie, at, c.Length);
        return true;
    }

    static bool Bool(ref XdrReader r, PacketFields f, FieldDef def)
    {
        int at = r.Offset;
        if (!r.TryBool(out bool v)) return false;
        f.AddBool(def, at, 4, v);
        return true;
    }

    /// <summary>nlm_lock / nlm4_lock.</summary>
    static bool Lock(ref XdrReader r, PacketFields f, bool v4, TextColumn? info)
    {
        if (!r.TryOpaque(out var caller, out int at, 1024)) return false;
        f.AddBytes(NlmFields.CallerName, at, caller.Length);
        if (!NfsDissector.Fh(ref r, f, out uint fh)) return false;
        if (!r.TryOpaque(out var owner, out at, 1024)) return false;
        f.AddBytes(NlmFields.Owner, at, owner.Length);
        at = r.Offset;
        if (!r.TryU32(out uint svid)) return false;
        f.AddUInt(NlmFields.Svid, at, 4, svid);
        ulong off, len;
        at = r.Offset;
        if (v4)
        {
            if (!r.TryU64(out off)) return false;
            f.AddUInt(NlmFields.Offset64, at, 8, off);
            at = r.Offset;
            if (!r.TryU64(out len)) return false;
            f.AddUInt(NlmFields.Len64, at, 8, len);
        }
        else
        {
            if (!r.TryU32(out uint o32)) return false;
            f.AddUInt(NlmFields.Offset, at, 4, o32);
            at = r.Offset;
            if (!r.TryU32(out uint l32)) return false;
            f.AddUInt(NlmFields.Len, at, 4, l32);
            off = o32; len = l32;
        }
        if (info is not null)
        {
            info.Append(" FH:").AppendHex(fh, 8).Append(" svid:").Append((ulong)svid).Append(" pos:").Append(off).Append('-').Append(len);
        }
        return true;
    }

    static bool StatReply(ref XdrReader r, PacketFields f, TextColumn? info)
    {
        if (!Cookie(ref r, f)) return false;
        int at = r.Offset;
        if (!r.TryU32(out uint stat)) return false;
        f.AddUInt(NlmFields.Stat, at, 4, stat);
        if (info is not null)
        {
            info.Append(' ');
            if (NlmFields.StatNames.TryGetValue(stat, out var n)) info.Append(n);
            else info.Append("Unknown (").Append((ulong)stat).Append(')');
        }
        return true;
    }

    protected override bool DissectCall(ref XdrReader r, DissectContext ctx, RpcMessage m)
    {
        var f = ctx.Fields;
        var info = ctx.WantColumns ? ctx.Columns.Info : null;
        bool v4 = m.Version == 4;
        switch (m.Procedure)
        {
            case 1: case 6:   // TEST(_MSG): cookie, exclusive, lock
                return Cookie(ref r, f) && Bool(ref r, f, NlmFields.Exclusive) && Lock(ref r, f, v4, info);
            case 2: case 7:   // LOCK(_MSG): cookie, block, exclusive, lock, reclaim, state
            {
                if (!Cookie(ref r, f) || !Bool(ref r, f, NlmFields.Block) || !Bool(ref r, f, NlmFields.Exclusive) ||
                    !Lock(ref r, f, v4, info) || !Bool(ref r, f, NlmFields.Reclaim)) return false;
                int at = r.Offset;
                if (!r.TryU32(out uint state)) return false;
                f.AddUInt(NlmFields.State, at, 4, state);
                return true;
            }
            case 3: case 8:   // CANCEL(_MSG): cookie, block, exclusive, lock
                return Cookie(ref r, f) && Bool(ref r, f, NlmFields.Block) && Bool(ref r, f, NlmFields.Exclusive) && Lock(ref r, f, v4, info);
            case 4: case 9:   // UNLOCK(_MSG): cookie, lock
                return Cookie(ref r, f) && Lock(ref r, f, v4, info);
            case 5: case 10:  // GRANTED(_MSG): cookie, exclusive, lock
                return Cookie(ref r, f) && Bool(ref r, f, NlmFields.Exclusive) && Lock(ref r, f, v4, info);
            case 12: case 13: case 14: case 15:   // *_RES: cookie, stat
                return StatReply(ref r, f, info);
            default:
                return true;
        }
    }

    protected override bool DissectReply(ref XdrReader r, DissectContext ctx, RpcMessage m)
    {
        var info = ctx.WantColumns ? ctx.Columns.Info : null;
        return m.Procedure switch
        {
            1 or 2 or 3 or 4 or 5 => StatReply(ref r, ctx.Fields, info),
            _ => true,
        };
    }
}
