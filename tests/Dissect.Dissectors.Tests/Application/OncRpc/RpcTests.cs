using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;
using Dissect.Dissectors.Application.OncRpc;
using Dissect.Dissectors.Application.OncRpc.Nfs;
using static Dissect.Dissectors.Tests.TestKit;

namespace Dissect.Dissectors.Tests.Application.OncRpc;

/// <summary>Byte-array tests for ONC RPC: calls, accepted/denied replies, AUTH_SYS, matching and its anomalies,
/// record marking with several fragments, the framer at every cut point, XDR bounds and truncation sweeps.</summary>
public sealed class RpcTests
{
    // ---- frame builders (Ethernet + IPv4 127.0.0.1 <-> 127.0.0.1, checksums zero) ----

    static byte[] Ip(byte proto, byte[] l4)
    {
        var b = new byte[14 + 20 + l4.Length];
        b[12] = 0x08;
        var ip = b.AsSpan(14);
        ip[0] = 0x45; BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(2), (ushort)(20 + l4.Length));
        ip[8] = 64; ip[9] = proto;
        ip[12] = 127; ip[15] = 1; ip[16] = 127; ip[19] = 1;
        l4.CopyTo(b.AsSpan(34));
        return b;
    }

    internal static byte[] Udp(ushort sp, ushort dp, byte[] payload)
    {
        var u = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(u, sp); BinaryPrimitives.WriteUInt16BigEndian(u.AsSpan(2), dp);
        BinaryPrimitives.WriteUInt16BigEndian(u.AsSpan(4), (ushort)u.Length);
        payload.CopyTo(u.AsSpan(8));
        return Ip(17, u);
    }

    static byte[] Tcp(ushort sp, ushort dp, byte[] payload)
    {
        var t = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(t, sp); BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(2), dp);
        BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(4), 1000);
        t[12] = 0x50; t[13] = 0x18; t[14] = 0xff;
        payload.CopyTo(t.AsSpan(20));
        return Ip(6, t);
    }

    static byte[] Words(params uint[] w)
    {
        var b = new byte[w.Length * 4];
        for (int i = 0; i < w.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(i * 4), w[i]);
        return b;
    }

    static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    // AUTH_SYS credentials: stamp 0x12345678, machine "dissec", uid 1000, gid 100, one auxiliary gid 27.
    static readonly byte[] AuthSys = Cat(Words(1, 32, 0x12345678, 6), "dissec\0\0"u8.ToArray(), Words(1000, 100, 1, 27));
    static readonly byte[] AuthNull = Words(0, 0);

    internal static byte[] Call(uint xid, uint prog, uint vers, uint proc, byte[]? cred = null, byte[]? args = null)
        => Cat(Words(xid, 0, 2, prog, vers, proc), cred ?? AuthNull, AuthNull, args ?? []);

    static byte[] AcceptedReply(uint xid, byte[]? results = null) => Cat(Words(xid, 1, 0, 0, 0, 0), results ?? []);

    // ---- calls and replies ----

    [Fact]
    public void Call_GetportWithAuthSys_FieldsProtocolAndInfo()
    {
        // UDP 127.0.0.1:700 -> :111, portmap v2 GETPORT(MOUNT 100005 v3 UDP), AUTH_SYS credentials.
        var ctx = TestKit.Dissect(Udp(700, 111, Call(0x2003, 100000, 2, 3, AuthSys, Words(100005, 3, 17, 0))));
        Assert.Equal("Portmap", ctx.Columns.Protocol);
        Assert.Equal("V2 GETPORT Call MOUNT(100005) V:3 UDP", ctx.Columns.Info.ToString());
        Assert.Equal("0x00002003", Value(ctx, "rpc.xid"));
        Assert.Equal("0", Value(ctx, "rpc.msgtyp"));
        Assert.Equal("2", Value(ctx, "rpc.version"));
        Assert.Equal("100000", Value(ctx, "rpc.program"));
        Assert.Equal(["2", "2"], Values(ctx, "rpc.programversion"));   // RPC header, then the program subtree (as tshark)
        Assert.Equal("3", Value(ctx, "rpc.procedure"));
        Assert.Equal("3", Value(ctx, "portmap.procedure_v2"));
        Assert.Equal(["1", "0"], Values(ctx, "rpc.auth.flavor"));     // credentials AUTH_SYS, verifier AUTH_NULL
        Assert.Equal(["32", "0"], Values(ctx, "rpc.auth.length"));
        Assert.Equal("0x12345678", Value(ctx, "rpc.auth.stamp"));
        Assert.Equal("dissec", Value(ctx, "rpc.auth.machinename"));
        Assert.Equal("1000", Value(ctx, "rpc.auth.uid"));
        Assert.Equal(["100", "27"], Values(ctx, "rpc.auth.gid"));
        Assert.Equal("100005", Value(ctx, "portmap.prog"));
        Assert.Equal("3", Value(ctx, "portmap.version"));
        Assert.Equal("17", Value(ctx, "portmap.proto"));
        Assert.False(Has(ctx, "rpc.repframe"));
    }

    [Fact]
    public void Reply_Accepted_MatchedToItsCall_TimeAndLinks()
    {
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        Run(engine, ctx, 1, 0, Udp(700, 111, Call(0x77, 100000, 2, 3, null, Words(100003, 3, 6, 0))));
        Assert.Equal("V2 GETPORT Call NFS(100003) V:3 TCP", ctx.Columns.Info.ToString());
        Run(engine, ctx, 2, 1_500_000, Udp(111, 700, AcceptedReply(0x77, Words(2049))));
        Assert.Equal("Portmap", ctx.Columns.Protocol);
        Assert.Equal("V2 GETPORT Reply (Call In 1) Port:2049", ctx.Columns.Info.ToString());
        Assert.Equal("1", Value(ctx, "rpc.msgtyp"));
        Assert.Equal("100000", Value(ctx, "rpc.program"));
        Assert.Equal(["2", "2"], Values(ctx, "rpc.programversion"));
        Assert.Equal("3", Value(ctx, "rpc.procedure"));
        Assert.Equal("0", Value(ctx, "rpc.replystat"));
        Assert.Equal("0", Value(ctx, "rpc.state_accept"));
        Assert.Equal("1", Value(ctx, "rpc.repframe"));
        Assert.Equal("0.001500000", Value(ctx, "rpc.time"));
        Assert.Equal("2049", Value(ctx, "portmap.port"));
        // Re-dissecting the call after the pass names its reply (first-pass state read back).
        Run(engine, ctx, 1, 0, Udp(700, 111, Call(0x77, 100000, 2, 3, null, Words(100003, 3, 6, 0))));
        Assert.Equal("2", Value(ctx, "rpc.reqframe"));
        Assert.Equal("V2 GETPORT Call (Reply In 2) NFS(100003) V:3 TCP", ctx.Columns.Info.ToString());
    }

    static void Run(Engine engine, DissectContext ctx, long number, uint ns, byte[] bytes)
        => engine.Dissect(new Frame(number, new Timestamp(1_600_000_000, ns), bytes.Length, bytes.Length, Ethernet, 0, 0, bytes), ctx);

    [Fact]
    public void Reply_DeniedAuthError_AndProgMismatch()
    {
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        Run(engine, ctx, 1, 0, Udp(800, 40049, Call(5, 100003, 3, 0, AuthSys)));
        Assert.Equal("NFS", ctx.Columns.Protocol);   // heuristic on a port nobody registered: known program
        Assert.Equal("V3 NULL Call", ctx.Columns.Info.ToString());
        Run(engine, ctx, 2, 10, Udp(40049, 800, Words(5, 1, 1, 1, 5)));
        Assert.Equal("1", Value(ctx, "rpc.replystat"));
        Assert.Equal("1", Value(ctx, "rpc.state_reject"));
        Assert.Equal("5", Value(ctx, "rpc.state_auth"));
        Assert.Equal("3", Value(ctx, "rpc.programversion"));   // no program subtree for a denied reply (as tshark)
        Assert.False(Has(ctx, "rpc.state_accept"));

        Run(engine, ctx, 3, 20, Udp(800, 111, Call(6, 100000, 0, 0)));
        Assert.Equal("V0 proc-0 Call", ctx.Columns.Info.ToString());
        Assert.Equal(["0", "0"], Values(ctx, "rpc.procedure"));   // no procedure field for v0: rpc.procedure again
        Run(engine, ctx, 4, 30, Udp(111, 800, Words(6, 1, 0, 0, 0, 2, 2, 4)));
        Assert.Equal("2", Value(ctx, "rpc.state_accept"));
        Assert.Equal("2", Value(ctx, "rpc.programversion.min"));
        Assert.Equal("4", Value(ctx, "rpc.programversion.max"));
        Assert.Equal("V0 proc-0 Reply (Call In 3)", ctx.Columns.Info.ToString());
    }

    [Fact]
    public void RetransmittedCall_AndDuplicateReply_AreFlagged()
    {
        var engine = new Engine(Tables);
        var ctx = engine.CreateContext();
        var call = Udp(900, 40049, Call(0x1001, 100003, 3, 0));
        Run(engine, ctx, 1, 0, call);
        Assert.False(Has(ctx, "rpc.dup"));
        Run(engine, ctx, 2, 300_000_000, call);
        Assert.Equal("[RPC retransmission of #1]V3 NULL Call", ctx.Columns.Info.ToString());
        Assert.True(Has(ctx, "rpc.dup"));
        Assert.True(Find("rpc.dup").IsExpert);
        Assert.Equal("1", Value(ctx, "rpc.call.dup"));
        var reply = Udp(40049, 900, AcceptedReply(0x1001));
        Run(engine, ctx, 3, 301_000_000, reply);
        Assert.Equal("V3 NULL Reply (Call In 1)", ctx.Columns.Info.ToString());
        Assert.Equal("0.301000000", Value(ctx, "rpc.time"));   // from the original call
        Run(engine, ctx, 4, 302_000_000, reply);
        Assert.Equal("[RPC duplicate of #3]V3 NULL Reply (Call In 1)", ctx.Columns.Info.ToString());
        Assert.Equal("3", Value(ctx, "rpc.reply.dup"));
        // Same XID but another procedure is a new call, not a retransmission.
        Run(engine, ctx, 5, 400_000_000, Udp(900, 40049, Call(0x1001, 100003, 3, 1, null, Words(4, 0xAABBCCDD))));
        Assert.False(Has(ctx, "rpc.dup"));
        Assert.Equal("V3 GETATTR Call, FH: 0x" + Crc32.Compute([0xAA, 0xBB, 0xCC, 0xDD]).ToString("x8"), ctx.Columns.Info.ToString());
    }

    [Fact]
    public void UnmatchedReply_IsDataOnAnyPort_ContinuationOnTheRpcPorts()
    {
        var ctx = TestKit.Dissect(Udp(40049, 900, AcceptedReply(0x4242)));
        Assert.False(Has(ctx, "rpc.xid"));
        Assert.NotEqual("RPC", ctx.Columns.Protocol);
        var hinted = TestKit.Dissect(Udp(111, 900, AcceptedReply(0x4242)));
        Assert.Equal("RPC", hinted.Columns.Protocol);
        Assert.Equal("Continuation", hinted.Columns.Info.ToString());
        Assert.True(Has(hinted, "rpc.continuation_data"));
        // Not RPC at all: an unknown program or RPC version 3 is not taken by the heuristic.
        Assert.False(Has(TestKit.Dissect(Udp(800, 40049, Call(1, 123456, 1, 0))), "rpc.xid"));
        var v3 = Call(1, 100003, 3, 0); BinaryPrimitives.WriteUInt32BigEndian(v3.AsSpan(8), 3);
        Assert.False(Has(TestKit.Dissect(Udp(800, 40049, v3)), "rpc.xid"));
    }

    // ---- record marking ----

    static byte[] Fragments(byte[] msg, params int[] cuts)
    {
        var parts = new List<byte[]>();
        int pos = 0;
        for (int i = 0; i <= cuts.Length; i++)
        {
            int end = i < cuts.Length ? cuts[i] : msg.Length;
            uint mark = (uint)(end - pos) | (i == cuts.Length ? 0x8000_0000u : 0);
            parts.Add(Cat(Words(mark), msg[pos..end]));
            pos = end;
        }
        return Cat(parts.ToArray());
    }

    static readonly byte[] MountCall = Call(0x99, 100005, 3, 1, AuthSys, Cat(Words(7), "/export\0"u8.ToArray()));

    [Fact]
    public void Tcp_RecordOfThreeFragments_IsJoinedAndDissected()
    {
        // TCP 127.0.0.1:720 -> :2049 carrying one record in three fragments (12 + 30 + rest bytes).
        var ctx = TestKit.Dissect(Tcp(720, 2049, Fragments(MountCall, 12, 42)));
        Assert.Equal(["0", "0", "1"], Values(ctx, "rpc.lastfrag"));
        Assert.Equal(["12", "30", (MountCall.Length - 42).ToString()], Values(ctx, "rpc.fraglen"));
        Assert.Equal("3", Value(ctx, "rpc.fragment.count"));
        Assert.Equal(MountCall.Length.ToString(), Value(ctx, "rpc.reassembled.length"));
        Assert.Equal("MOUNT", ctx.Columns.Protocol);
        Assert.Equal("V3 MNT Call /export", ctx.Columns.Info.ToString());
        Assert.Equal("/export", Value(ctx, "mount.path"));
        Assert.Equal("dissec", Value(ctx, "rpc.auth.machinename"));
        // Values from the joined record point into its own data source.
        var f = ctx.Fields;
        int i = Enumerable.Range(0, f.Count).First(k => f[k].Field.Abbrev == "mount.path");
        Assert.NotEqual(0, f[i].Source);
    }

    [Fact]
    public void Tcp_SingleFragmentRecord_InPlace()
    {
        var ctx = TestKit.Dissect(Tcp(720, 2049, Fragments(MountCall)));
        Assert.Equal("1", Value(ctx, "rpc.lastfrag"));
        Assert.Equal(MountCall.Length.ToString(), Value(ctx, "rpc.fraglen"));
        Assert.False(Has(ctx, "rpc.fragment.count"));
        Assert.Equal("V3 MNT Call /export", ctx.Columns.Info.ToString());
    }

    [Fact]
    public void Framer_EveryCutPoint_TwoRecords()
    {
        var r1 = Fragments(MountCall, 12, 42);
        var r2 = Fragments(Call(0x100, 100003, 3, 0));
        var stream = Cat(r1, r2);
        var framer = RpcRecordFramer.Instance;
        for (int cut = 0; cut <= stream.Length; cut++)
        {
            var res = framer.Frame(stream.AsSpan(0, cut), gapBefore: false);
            if (cut < r1.Length)
            {
                Assert.Equal(FramerStatus.NeedMore, res.Status);
                Assert.True(res.MoreBytes >= 1 && cut + res.MoreBytes <= r1.Length, $"cut {cut}: asks for {res.MoreBytes}");
            }
            else Assert.Equal((FramerStatus.Pdu, r1.Length), (res.Status, res.Length));
        }
        var rest = stream.AsSpan(r1.Length);
        Assert.Equal((FramerStatus.Pdu, r2.Length), (framer.Frame(rest, false).Status, framer.Frame(rest, false).Length));
        // After a gap the bytes must look like a record start, else they are skipped.
        Assert.Equal(FramerStatus.Skip, framer.Frame(stream.AsSpan(5), gapBefore: true).Status);
        Assert.Equal(FramerStatus.Pdu, framer.Frame(rest, gapBefore: true).Status);
        // Not RPC (HTTP text) and an absurd length.
        Assert.Equal(FramerStatus.NotMine, framer.Frame("GET / HTTP/1.1\r\n"u8, false).Status);
        Assert.Equal(FramerStatus.NotMine, framer.Frame(Cat(Words(0x7FFF_FFFF, 1, 0, 2)), false).Status);
    }

    // ---- XDR bounds ----

    [Fact]
    public void Xdr_OpaqueBounds_TruncatedMalformedAndPadding()
    {
        var data = Cat(Words(5), "abcde\0\0\0"u8.ToArray(), Words(9));
        var r = new XdrReader(data, 0, data.Length);
        Assert.True(r.TryOpaque(out var s, out int at));
        Assert.Equal("abcde"u8.ToArray(), s.ToArray());
        Assert.Equal(4, at);
        Assert.True(r.TryU32(out uint nine) && nine == 9);   // padding skipped
        // Length past the captured bytes but inside the reported length: Truncated.
        var cut = new XdrReader(data.AsSpan(0, 6), 0, data.Length);
        Assert.False(cut.TryOpaque(out _, out _));
        Assert.Equal(ReadStatus.Truncated, cut.Status);
        // Length past the reported end: Malformed.
        var bad = Words(100, 1);
        var m = new XdrReader(bad, 0, bad.Length);
        Assert.False(m.TryOpaque(out _, out _));
        Assert.Equal(ReadStatus.Malformed, m.Status);
        // Over the item limit: Malformed even when the bytes would be there.
        var big = new XdrReader(Words(1000), 0, 4);
        Assert.False(big.TryOpaque(out _, out _, max: 16));
        Assert.Equal(ReadStatus.Malformed, big.Status);
    }

    // ---- never throws ----

    [Fact]
    public void Rpc_TruncatedAtEveryLength_NeverThrows()
    {
        TruncationSweep(Udp(700, 111, Call(0x2003, 100000, 2, 3, AuthSys, Words(100005, 3, 17, 0))));
        TruncationSweep(Udp(800, 40049, Call(9, 100003, 3, 3, AuthSys, Cat(Words(4, 0x01020304, 4), "name"u8.ToArray()))));
        TruncationSweep(Udp(111, 700, AcceptedReply(0x77, Words(2049))));
        TruncationSweep(Tcp(720, 2049, Fragments(MountCall, 12, 42)));
        TruncationSweep(Tcp(720, 2049, Fragments(MountCall)));
    }
}
