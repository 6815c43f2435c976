using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.OncRpc;

/// <summary>
/// ONC RPC (RFC 5531) over UDP and TCP. Over TCP each record (RFC 5531 section 11 record marking) arrives whole
/// through the TCP reassembly (<see cref="RpcRecordFramer"/>); a record of several fragments is joined here into a
/// data source of its own. Ports 111 (portmapper) and 2049 (NFS) are hints; on any port a heuristic takes a call with
/// RPC version 2 and a program in the "rpc.program" table, or a reply whose XID matches an outstanding call of the
/// conversation (<see cref="RpcTransactions"/>). The header is decoded here (XID, type, program/version/procedure,
/// AUTH_SYS credentials, verifier, reply and accept/reject states, call/reply links and time); the body goes to the
/// program's dissector through the "rpc.program" table with a <see cref="RpcMessage"/> note. Columns as tshark:
/// Protocol is the program's name, Info "V3 LOOKUP Call" / "V3 LOOKUP Reply (Call In 40)", several messages of one
/// frame separated by "  ; ".
/// </summary>
public sealed class OncRpcDissector : IHeuristicDissector, ITcpFramed
{
    public const string ProgramTableName = "rpc.program";
    public const ushort PortmapPort = 111, NfsPort = 2049;
    const byte TcpProto = 6;
    const int MaxAuthBody = 400;   // RFC 5531: opaque_auth body<400>
    const uint NfsProgram = 100003;

    DissectorTable _programs = new(ProgramTableName, "ONC RPC program");

    public ProtocolDef Protocol => OncRpcFields.Protocol;
    public int Priority => 60;
    public IPduFramer TcpFramer => RpcRecordFramer.Instance;

    public void Register(DissectorTables tables)
    {
        _programs = tables.Get(ProgramTableName, "ONC RPC program");
        var udp = tables.Get("udp.port", "UDP port");
        var tcp = tables.Get("tcp.port", "TCP port");
        udp.Add(PortmapPort, this); udp.Add(NfsPort, this);
        tcp.Add(PortmapPort, this); tcp.Add(NfsPort, this);
        udp.AddHeuristic(this);
        tcp.AddHeuristic(this);
    }

    static bool Hinted(DissectContext ctx)
        => ctx.SrcPort is PortmapPort or NfsPort || ctx.DstPort is PortmapPort or NfsPort;

    // ---- heuristic ----

    /// <summary>Cheap and pure: a call (RPC version 2, known program) or a reply matching an outstanding call.</summary>
    public bool Accepts(ReadOnlySpan<byte> payload, DissectContext ctx)
    {
        var msg = payload;
        if (ctx.IpProto == TcpProto)
        {
            if (!RpcRecordFramer.LooksLikeRecordStart(payload)) return false;
            msg = payload.Slice(4);
        }
        if (msg.Length < 8) return false;
        uint type = BinaryPrimitives.ReadUInt32BigEndian(msg.Slice(4));
        if (type == 0)
            return msg.Length >= 16 && BinaryPrimitives.ReadUInt32BigEndian(msg.Slice(8)) == 2 &&
                   _programs.TryGet(BinaryPrimitives.ReadUInt32BigEndian(msg.Slice(12)), out _);
        if (type != 1 || ctx.InErrorPacket || ctx.NetSrc.Kind == AddressKind.None) return false;
        var tx = RpcTransactions.Find(RpcTransactions.Owner(ctx));
        return tx is not null && tx.HasCall(ReplyKey(ctx, BinaryPrimitives.ReadUInt32BigEndian(msg)), ctx.Frame.Number, Math.Max(0, ctx.TcpPduIndex));
    }

    static RpcTransactions.Key CallKey(DissectContext ctx, uint xid) => ctx.IpProto == TcpProto
        ? RpcTransactions.Key.Tcp(ctx.NetSrc, ctx.SrcPort, ctx.NetDst, ctx.DstPort, xid)
        : RpcTransactions.Key.Datagram(ctx.NetSrc, ctx.DstPort, xid);

    static RpcTransactions.Key ReplyKey(DissectContext ctx, uint xid) => ctx.IpProto == TcpProto
        ? RpcTransactions.Key.Tcp(ctx.NetSrc, ctx.SrcPort, ctx.NetDst, ctx.DstPort, xid)
        : RpcTransactions.Key.Datagram(ctx.NetDst, ctx.SrcPort, xid);

    // ---- dissection ----

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        if (ctx.IpProto != TcpProto)
            return DissectMessage(tvb.Span, tvb.Reported, tvb.Offset, null, ctx, Hinted(ctx), tvb);
        return DissectRecord(tvb, ctx);
    }

    /// <summary>One TCP record: fragment headers, then the message (joined when it has several fragments).</summary>
    Handoff DissectRecord(in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        var data = tvb.Span;
        int o = tvb.Offset;
        // A PDU cut by a gap or the end of the capture is shown as far as it goes, like a snaplen cut.
        bool cutPdu = ctx.TcpPduIndex >= 0 && (ctx.CurrentTcpPdu.Flags & PduFlags.Truncated) != 0;
        if (data.Length < 4) return Handoff.Reject;
        uint mark = BinaryPrimitives.ReadUInt32BigEndian(data);
        int frag = (int)(mark & ~RpcRecordFramer.LastFragmentBit);
        if (!RpcRecordFramer.LooksLikeRecordStart(data) && !(data.Length < 12 && tvb.IsCut)) return Handoff.Reject;

        if ((mark & RpcRecordFramer.LastFragmentBit) != 0)
        {
            // One fragment: the message lies in place.
            if (4L + frag > tvb.Reported && !cutPdu) return Handoff.Reject;   // continues in a later segment
            AddFragmentHeader(f, o, mark);
            int captured = Math.Min(frag, data.Length - 4);
            return DissectMessage(data.Slice(4, captured), frag, o + 4, null, ctx, false, tvb);
        }

        var m = RpcRecordFramer.Measure(data, out int length, out int fragments);
        if (m != RpcRecordFramer.MeasureResult.Whole)
        {
            if (m == RpcRecordFramer.MeasureResult.Invalid || !(cutPdu || tvb.IsCut)) return Handoff.Reject;
            // Cut before the last fragment: show the headers that are there.
            for (int p = 0; p + 4 <= data.Length;)
            {
                uint mk = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(p));
                AddFragmentHeader(f, o + p, mk);
                p += 4 + (int)(mk & ~RpcRecordFramer.LastFragmentBit);
            }
            return Handoff.Truncated("RPC record cut before its last fragment");
        }

        // Several fragments: join their bodies (a copy, owned by this packet) and dissect the message from it.
        var joined = new byte[length - 4 * fragments];
        int pos = 0, at = 0;
        while (pos < length)
        {
            uint mk = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(pos));
            int n = (int)(mk & ~RpcRecordFramer.LastFragmentBit);
            AddFragmentHeader(f, o + pos, mk);
            data.Slice(pos + 4, n).CopyTo(joined.AsSpan(at));
            at += n; pos += 4 + n;
        }
        f.AddUInt(OncRpcFields.FragmentCount, -1, 0, (ulong)fragments);
        f.AddUInt(OncRpcFields.ReassembledLength, -1, 0, (ulong)joined.Length);
        int source = f.AddSource(joined);
        int outer = f.CurrentSource;
        f.CurrentSource = source;
        var h = DissectMessage(joined, joined.Length, 0, joined, ctx, false, tvb);
        f.CurrentSource = outer;
        return h;
    }

    static void AddFragmentHeader(PacketFields f, int o, uint mark)
    {
        f.AddBool(OncRpcFields.LastFragment, o, 4, (mark & RpcRecordFramer.LastFragmentBit) != 0);
        f.AddUInt(OncRpcFields.FragmentLength, o, 4, mark & ~RpcRecordFramer.LastFragmentBit);
    }

    /// <summary>tshark's fallback on the RPC ports for bytes that are not an RPC message it can place.</summary>
    static Handoff Continuation(in Tvb tvb, DissectContext ctx)
    {
        ctx.Fields.AddBytes(OncRpcFields.ContinuationData, tvb.Offset, tvb.Captured);
        if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("Continuation");
        return Handoff.Done;
    }

    Handoff DissectMessage(ReadOnlySpan<byte> msg, int reported, int o, byte[]? joined, DissectContext ctx, bool hinted, in Tvb tvb)
    {
        var f = ctx.Fields;
        if (msg.Length < 8)
            return hinted ? Continuation(tvb, ctx) : Handoff.Reject;
        uint xid = BinaryPrimitives.ReadUInt32BigEndian(msg);
        uint type = BinaryPrimitives.ReadUInt32BigEndian(msg.Slice(4));
        bool canMatch = !ctx.InErrorPacket && ctx.NetSrc.Kind != AddressKind.None;
        int index = Math.Max(0, ctx.TcpPduIndex);
        var frame = ctx.Frame;

        RpcProgramDissector? program = null;
        RpcMatch match = default;
        if (type == 0)
        {
            if (msg.Length < 16)
                return hinted ? Continuation(tvb, ctx) : Handoff.Reject;
            uint rpcvers = BinaryPrimitives.ReadUInt32BigEndian(msg.Slice(8));
            uint prog = BinaryPrimitives.ReadUInt32BigEndian(msg.Slice(12));
            if (rpcvers != 2 || !_programs.TryGet(prog, out var d))
                return hinted ? Continuation(tvb, ctx) : Handoff.Reject;
            program = d as RpcProgramDissector;
        }
        else if (type == 1)
        {
            if (!canMatch || !RpcTransactions.For(RpcTransactions.Owner(ctx)).MatchReply(ReplyKey(ctx, xid), frame.Number, index, frame.Time, out match))
                return hinted ? Continuation(tvb, ctx) : Handoff.Reject;
            if (_programs.TryGet(match.Program, out var d)) program = d as RpcProgramDissector;
        }
        else return hinted ? Continuation(tvb, ctx) : Handoff.Reject;

        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        if (cols)
        {
            info.Clear();
            if (info.Length > 0) info.Append("  ; ");   // a later message of the same frame (the engine fenced the text before it)
        }
        var r = new XdrReader(msg, o, reported);
        r.TryU32(out _); r.TryU32(out _);
        f.AddUInt(OncRpcFields.Xid, o, 4, xid);
        f.AddUInt(OncRpcFields.MsgType, o + 4, 4, type);
        return type == 0
            ? DissectCall(ref r, o, joined, ctx, program!, xid, canMatch, index)
            : DissectReply(ref r, o, joined, ctx, program, xid, match);
    }

    static void AppendProcedure(TextColumn info, RpcProgramDissector? program, uint prog, uint vers, uint proc, bool call)
    {
        string? name = program?.ProcedureName(vers, proc);
        info.Append('V').Append((ulong)vers);
        // NFSv4: "V4 Call", the operations follow.
        if (!(vers == 4 && prog == NfsProgram && name == "COMPOUND"))
        {
            info.Append(' ');
            if (name is not null) info.Append(name);
            else info.Append("proc-").Append((ulong)proc);
        }
        info.Append(call ? " Call" : " Reply");
    }

    Handoff DissectCall(ref XdrReader r, int o, byte[]? joined, DissectContext ctx, RpcProgramDissector program,
        uint xid, bool canMatch, int index)
    {
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        r.TryU32(out uint rpcvers); r.TryU32(out uint prog);
        f.AddUInt(OncRpcFields.Version, o + 8, 4, rpcvers);
        f.AddUInt(OncRpcFields.Program, o + 12, 4, prog);
        ctx.Columns.Protocol = program.Protocol.ShortName;
        if (!r.TryU32(out uint vers)) return Handoff.Stop(r.Status, "RPC call header cut before the program version");
        f.AddUInt(OncRpcFields.ProgramVersion, o + 16, 4, vers);
        if (!r.TryU32(out uint proc)) return Handoff.Stop(r.Status, "RPC call header cut before the procedure");
        f.AddUInt(OncRpcFields.Procedure, o + 20, 4, proc);

        RpcMatch match = default;
        RpcTransactions? tx = null;
        var key = default(RpcTransactions.Key);
        if (canMatch)
        {
            var frame = ctx.Frame;
            tx = RpcTransactions.For(RpcTransactions.Owner(ctx));
            key = CallKey(ctx, xid);
            match = tx.MatchCall(key, prog, vers, proc, frame.Number, index, frame.Time);
        }
        if (cols)
        {
            AppendProcedure(info, program, prog, vers, proc, call: true);
            if (match.ReplyFrame != 0) info.Append(" (Reply In ").Append(match.ReplyFrame).Append(')');
        }
        if (match.DupOf != 0)
        {
            if (cols) PrependDup(info, "[RPC retransmission of #", match.DupOf);
            f.AddFlag(OncRpcFields.Dup, -1, 0, f.WantsAll ? "RPC call retransmitted (same XID, program, version and procedure)" : null);
            f.AddUInt(OncRpcFields.CallDup, -1, 0, (ulong)match.DupOf);
        }
        if (match.ReplyFrame != 0) f.AddUInt(OncRpcFields.ReqFrame, -1, 0, (ulong)match.ReplyFrame);

        if (!Auth(ref r, f) || !Auth(ref r, f))
            return Handoff.Stop(r.Status, "RPC credentials or verifier cut short");
        var note = RpcMessage.Current;
        note.Set(ctx, true, xid, prog, vers, proc, false, match);
        note.Transactions = tx; note.CallKey = key;
        return Body(ref r, joined, ctx, prog);
    }

    /// <summary>The body goes to the program's dissector: in place, or (joined fragments) as a data source of its own.</summary>
    Handoff Body(ref XdrReader r, byte[]? joined, DissectContext ctx, uint prog)
    {
        int bodyReported = Math.Max(0, r.ReportedRemaining);
        if (joined is null) return Handoff.To(_programs, prog, r.Offset, bodyReported);
        int start = Math.Min(r.Position, joined.Length);
        int source = ctx.Fields.AddSource(joined.AsMemory(start));
        return Handoff.ToSource(_programs, prog, source, joined.Length - start);
    }

    Handoff DissectReply(ref XdrReader r, int o, byte[]? joined, DissectContext ctx, RpcProgramDissector? program, uint xid, in RpcMatch match)
    {
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        f.AddUInt(OncRpcFields.Program, -1, 0, match.Program);
        f.AddUInt(OncRpcFields.ProgramVersion, -1, 0, match.Version);
        f.AddUInt(OncRpcFields.Procedure, -1, 0, match.Procedure);
        if (program is not null) ctx.Columns.Protocol = program.Protocol.ShortName;
        if (cols)
        {
            AppendProcedure(info, program, match.Program, match.Version, match.Procedure, call: false);
            info.Append(" (Call In ").Append(match.CallFrame).Append(')');
        }
        if (match.DupOf != 0)
        {
            if (cols) PrependDup(info, "[RPC duplicate of #", match.DupOf);
            f.AddFlag(OncRpcFields.Dup, -1, 0, f.WantsAll ? "Duplicate RPC reply (the call was answered before)" : null);
            f.AddUInt(OncRpcFields.ReplyDup, -1, 0, (ulong)match.DupOf);
        }
        if (!r.TryU32(out uint replyState)) return Handoff.Stop(r.Status, "RPC reply cut before its state");
        f.AddUInt(OncRpcFields.ReplyState, o + 8, 4, replyState);
        f.AddUInt(OncRpcFields.RepFrame, -1, 0, (ulong)match.CallFrame);
        f.AddRelativeTime(OncRpcFields.Time, -1, 0, match.TimeNs);

        if (replyState == 0)
        {
            if (!Auth(ref r, f)) return Handoff.Stop(r.Status, "RPC reply verifier cut short");
            int at = r.Offset;
            if (!r.TryU32(out uint accept)) return Handoff.Stop(r.Status, "RPC reply cut before the accept state");
            f.AddUInt(OncRpcFields.AcceptState, at, 4, accept);
            if (accept == 0)
            {
                RpcMessage.Current.Set(ctx, false, xid, match.Program, match.Version, match.Procedure, true, match);
                return program is null ? Handoff.Data(r.Offset, Math.Max(0, r.ReportedRemaining)) : Body(ref r, joined, ctx, match.Program);
            }
            if (accept == 2)
            {
                at = r.Offset;
                if (!r.TryU32(out uint lo) || !r.TryU32(out uint hi)) return Handoff.Stop(r.Status, "RPC PROG_MISMATCH cut short");
                f.AddUInt(OncRpcFields.ProgramVersionMin, at, 4, lo);
                f.AddUInt(OncRpcFields.ProgramVersionMax, at + 4, 4, hi);
            }
            return Handoff.Done;
        }
        if (replyState == 1)
        {
            int at = r.Offset;
            if (!r.TryU32(out uint reject)) return Handoff.Stop(r.Status, "RPC reply cut before the reject state");
            f.AddUInt(OncRpcFields.RejectState, at, 4, reject);
            at = r.Offset;
            if (reject == 0)
            {
                if (!r.TryU32(out uint lo) || !r.TryU32(out uint hi)) return Handoff.Stop(r.Status, "RPC_MISMATCH cut short");
                f.AddUInt(OncRpcFields.VersionMin, at, 4, lo);
                f.AddUInt(OncRpcFields.VersionMax, at + 4, 4, hi);
            }
            else if (reject == 1)
            {
                if (!r.TryU32(out uint auth)) return Handoff.Stop(r.Status, "AUTH_ERROR cut short");
                f.AddUInt(OncRpcFields.AuthState, at, 4, auth);
            }
        }
        return Handoff.Done;
    }

    static void PrependDup(TextColumn info, string text, long frame)
    {
        Span<char> buf = stackalloc char[48];
        text.AsSpan().CopyTo(buf);
        int n = text.Length;
        frame.TryFormat(buf.Slice(n), out int w, default, System.Globalization.CultureInfo.InvariantCulture);
        n += w;
        buf[n++] = ']';
        info.Prepend(buf.Slice(0, n));
    }

    /// <summary>An opaque_auth (credentials or verifier): flavor, length, and for AUTH_SYS its fields.</summary>
    static bool Auth(ref XdrReader r, PacketFields f)
    {
        int at = r.Offset;
        if (!r.TryU32(out uint flavor)) return false;
        f.AddUInt(OncRpcFields.AuthFlavor, at, 4, flavor);
        int lenAt = r.Offset;
        if (!r.TryU32(out uint len)) return false;
        f.AddUInt(OncRpcFields.AuthLength, lenAt, 4, len);
        if (len > MaxAuthBody) { r.SetMalformed(); return false; }
        int bodyAt = r.Offset;
        if (!r.TryFixedOpaque((int)len, out var body)) return false;
        if (flavor == 1 && body.Length > 0)
        {
            // AUTH_SYS (AUTH_UNIX): stamp, machine name, uid, gid, auxiliary gids; bounded by the body.
            var a = new XdrReader(body, bodyAt, body.Length);
            int p = a.Offset;
            if (!a.TryU32(out uint stamp)) return true;
            f.AddUInt(OncRpcFields.AuthStamp, p, 4, stamp);
            if (!a.TryOpaque(out var name, out int nameAt, 255)) return true;
            f.AddBytes(OncRpcFields.AuthMachineName, nameAt, name.Length);
            p = a.Offset;
            if (!a.TryU32(out uint uid)) return true;
            f.AddUInt(OncRpcFields.AuthUid, p, 4, uid);
            p = a.Offset;
            if (!a.TryU32(out uint gid)) return true;
            f.AddUInt(OncRpcFields.AuthGid, p, 4, gid);
            if (!a.TryU32(out uint count) || count > 16) return true;
            for (uint i = 0; i < count; i++)
            {
                p = a.Offset;
                if (!a.TryU32(out uint g)) return true;
                f.AddUInt(OncRpcFields.AuthGid, p, 4, g);
            }
        }
        return true;
    }
}
