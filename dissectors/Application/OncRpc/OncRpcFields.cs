using Dissect.Core;

namespace Dissect.Dissectors.Application.OncRpc;

/// <summary>ONC RPC (RFC 5531) fields with tshark 4.0's abbrevs and value names (`tshark -G fields`, `-G values`).</summary>
public static class OncRpcFields
{
    public static readonly ProtocolDef Protocol = new("rpc", "Remote Procedure Call", "RPC");

    public static readonly Dictionary<ulong, string> MsgTypeNames = new() { [0] = "Call", [1] = "Reply" };
    public static readonly Dictionary<ulong, string> ReplyStateNames = new() { [0] = "accepted", [1] = "denied" };
    public static readonly Dictionary<ulong, string> AcceptStateNames = new()
    {
        [0] = "RPC executed successfully", [1] = "remote hasn't exported program", [2] = "remote can't support version #",
        [3] = "program can't support procedure", [4] = "procedure can't decode params",
        [5] = "system errors like memory allocation failure",
    };
    public static readonly Dictionary<ulong, string> RejectStateNames = new() { [0] = "RPC_MISMATCH", [1] = "AUTH_ERROR" };
    public static readonly Dictionary<ulong, string> AuthStateNames = new()
    {
        [1] = "bad credential (seal broken)", [2] = "client must begin new session", [3] = "bad verifier (seal broken)",
        [4] = "verifier expired or replayed", [5] = "rejected for security reasons", [13] = "GSS credential problem",
        [14] = "GSS context problem",
    };
    public static readonly Dictionary<ulong, string> FlavorNames = new()
    {
        [0] = "AUTH_NULL", [1] = "AUTH_UNIX", [2] = "AUTH_SHORT", [3] = "AUTH_DES", [5] = "AUTH_RSA/Gluster",
        [6] = "RPCSEC_GSS", [300001] = "AUTH_GSSAPI", [390003] = "RPCSEC_GSS_KRB5", [390004] = "RPCSEC_GSS_KRB5I",
        [390005] = "RPCSEC_GSS_KRB5P", [390006] = "RPCSEC_GSS_LIPKEY", [390007] = "RPCSEC_GSS_LIPKEY_I",
        [390008] = "RPCSEC_GSS_LIPKEY_P", [390009] = "RPCSEC_GSS_SPKM3", [390010] = "RPCSEC_GSS_SPKM3I",
        [390011] = "RPCSEC_GSS_SPKM3P", [390039] = "AUTH_GLUSTERFS",
    };

    static FieldDef U32(string abbrev, string name, IReadOnlyDictionary<ulong, string>? names = null, FieldBase b = FieldBase.Dec, FieldFlags flags = FieldFlags.None)
        => new(abbrev, name, FieldKind.UInt32, b, valueNames: names, flags: flags);

    // ---- record marking (TCP) ----
    public static readonly FieldDef LastFragment = new("rpc.lastfrag", "Last Fragment", FieldKind.Bool, bitmask: 0x80000000, bitWidth: 32);
    public static readonly FieldDef FragmentLength = new("rpc.fraglen", "Fragment Length", FieldKind.UInt32, FieldBase.Dec, bitmask: 0x7FFFFFFF);
    public static readonly FieldDef FragmentCount = U32("rpc.fragment.count", "Fragment count", flags: FieldFlags.Generated);
    public static readonly FieldDef ReassembledLength = U32("rpc.reassembled.length", "Reassembled RPC length", flags: FieldFlags.Generated);

    // ---- message header ----
    public static readonly FieldDef Xid = U32("rpc.xid", "XID", b: FieldBase.HexDec);
    public static readonly FieldDef MsgType = U32("rpc.msgtyp", "Message Type", MsgTypeNames);
    public static readonly FieldDef Version = U32("rpc.version", "RPC Version");
    public static readonly FieldDef VersionMin = U32("rpc.version.min", "RPC Version (Minimum)");
    public static readonly FieldDef VersionMax = U32("rpc.version.max", "RPC Version (Maximum)");
    public static readonly FieldDef Program = U32("rpc.program", "Program");
    public static readonly FieldDef ProgramVersion = U32("rpc.programversion", "Program Version");
    public static readonly FieldDef ProgramVersionMin = U32("rpc.programversion.min", "Program Version (Minimum)");
    public static readonly FieldDef ProgramVersionMax = U32("rpc.programversion.max", "Program Version (Maximum)");
    public static readonly FieldDef Procedure = U32("rpc.procedure", "Procedure");

    // ---- credentials and verifier ----
    public static readonly FieldDef AuthFlavor = U32("rpc.auth.flavor", "Flavor", FlavorNames);
    public static readonly FieldDef AuthLength = U32("rpc.auth.length", "Length");
    public static readonly FieldDef AuthStamp = U32("rpc.auth.stamp", "Stamp", b: FieldBase.Hex);
    public static readonly FieldDef AuthMachineName = new("rpc.auth.machinename", "Machine Name", FieldKind.String);
    public static readonly FieldDef AuthUid = U32("rpc.auth.uid", "UID");
    public static readonly FieldDef AuthGid = U32("rpc.auth.gid", "GID");
    public static readonly FieldDef OpaqueData = new("rpc.opaque_data", "opaque data", FieldKind.Bytes);

    // ---- reply ----
    public static readonly FieldDef ReplyState = U32("rpc.replystat", "Reply State", ReplyStateNames);
    public static readonly FieldDef AcceptState = U32("rpc.state_accept", "Accept State", AcceptStateNames);
    public static readonly FieldDef RejectState = U32("rpc.state_reject", "Reject State", RejectStateNames);
    public static readonly FieldDef AuthState = U32("rpc.state_auth", "Auth State", AuthStateNames);

    // ---- matching (generated) ----
    /// <summary>On a call: the frame of its reply (known once the reply was seen: re-dissection only).</summary>
    public static readonly FieldDef ReqFrame = new("rpc.reqframe", "Request Frame", FieldKind.FrameNum, flags: FieldFlags.Generated,
        blurb: "The reply to this request is in this frame");
    /// <summary>On a reply: the frame of the call it answers.</summary>
    public static readonly FieldDef RepFrame = new("rpc.repframe", "Reply Frame", FieldKind.FrameNum, flags: FieldFlags.Generated,
        blurb: "This is a reply to a request in this frame");
    public static readonly FieldDef Time = new("rpc.time", "Time from request", FieldKind.RelativeTime, flags: FieldFlags.Generated);
    /// <summary>A retransmitted call or a duplicate reply (tshark's rpc.dup, an expert item here: STYLE rule 9).</summary>
    public static readonly FieldDef Dup = new("rpc.dup", "Duplicate Call/Reply", FieldKind.None, flags: FieldFlags.Generated,
        severity: ExpertSeverity.Note, group: ExpertGroup.Sequence);
    public static readonly FieldDef CallDup = new("rpc.call.dup", "Duplicate to the call in", FieldKind.FrameNum, flags: FieldFlags.Generated);
    public static readonly FieldDef ReplyDup = new("rpc.reply.dup", "Duplicate to the reply in", FieldKind.FrameNum, flags: FieldFlags.Generated);

    public static readonly FieldDef ContinuationData = new("rpc.continuation_data", "Continuation data", FieldKind.Bytes);

    public static readonly FieldDef[] All =
    [
        LastFragment, FragmentLength, FragmentCount, ReassembledLength, Xid, MsgType, Version, VersionMin, VersionMax,
        Program, ProgramVersion, ProgramVersionMin, ProgramVersionMax, Procedure, AuthFlavor, AuthLength, AuthStamp,
        AuthMachineName, AuthUid, AuthGid, OpaqueData, ReplyState, AcceptState, RejectState, AuthState,
        ReqFrame, RepFrame, Time, Dup, CallDup, ReplyDup, ContinuationData,
    ];
}
