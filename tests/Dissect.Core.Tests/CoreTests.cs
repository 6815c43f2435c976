using Dissect.Core;

namespace Dissect.Core.Tests;

public class WireReaderTests
{
    [Fact]
    public void ShortRead_WithinReportedLength_IsTruncated()
    {
        // 2 bytes captured of a 10-byte layer: asking for 4 ran past the snaplen, not past the packet.
        var r = new WireReader(new byte[] { 1, 2 }, 0, reportedLength: 10);
        Assert.False(r.TryU32(out _));
        Assert.Equal(ReadStatus.Truncated, r.Status);
    }

    [Fact]
    public void ShortRead_PastReportedLength_IsMalformed()
    {
        var r = new WireReader(new byte[] { 1, 2 }, 0, reportedLength: 2);
        Assert.False(r.TryU32(out _));
        Assert.Equal(ReadStatus.Malformed, r.Status);
    }

    [Fact]
    public void Reads_AreBigEndian_AndAdvance()
    {
        var r = new WireReader(new byte[] { 0x12, 0x34, 0x56, 0x78, 0x9a }, baseOffset: 14);
        Assert.True(r.TryU16(out ushort a));
        Assert.True(r.TryU24(out uint b));
        Assert.Equal(0x1234, a);
        Assert.Equal(0x56789au, b);
        Assert.Equal(19, r.FrameOffset);
        Assert.False(r.TryU8(out _));
    }
}

public class FormatTests
{
    static readonly FieldDef U16Hex = new("t.u16", "u16", FieldKind.UInt16, FieldBase.Hex);
    static readonly FieldDef U8Hex = new("t.u8", "u8", FieldKind.UInt8, FieldBase.Hex);

    [Fact]
    public void HexFields_ArePaddedToTheirWidth_LikeTshark()
    {
        Assert.Equal("0x0002", Format.Integer(U16Hex, 2));   // tcp.flags
        Assert.Equal("0x02", Format.Integer(U8Hex, 2));
    }

    [Fact]
    public void RelativeTime_HasNineDecimals_AndASign()
    {
        Assert.Equal("0.071659000", Format.RelativeTime(71_659_000));
        Assert.Equal("-0.500000000", Format.RelativeTime(-500_000_000));
        Assert.Equal("1294816093.386451000", Format.EpochTime(new Timestamp(1294816093, 386451000)));
    }

    [Fact]
    public void WireText_EscapesControlBytes()
        => Assert.Equal("GET\\r\\n\\x00", Format.WireText("GET\r\n\0"u8));
}

public class PacketFieldsTests
{
    static readonly ProtocolDef P = new("ptest", "Test", "PT");
    static readonly FieldDef A = new("ptest.a", "A", FieldKind.UInt16);
    static readonly FieldDef B = new("ptest.b", "B", FieldKind.UInt16);
    static readonly FieldRegistry Registry = Make();

    static FieldRegistry Make() { var r = new FieldRegistry(); r.Register(P, A, B); return r; }

    [Fact]
    public void Selection_RecordsOnlyWantedFields()
    {
        Assert.Same(A, Registry.Find("ptest.a"));
        var f = new PacketFields();
        f.Select([A]);
        f.Reset(new byte[4]);
        int t = f.BeginTree(P, 0, 4);
        f.AddUInt(A, 0, 2, 7);
        f.AddUInt(B, 2, 2, 9);
        f.EndTree(t);
        Assert.Equal(1, f.Count);
        Assert.Equal("7", Format.Values(f, A));
        Assert.Equal("", Format.Values(f, B));
    }

    [Fact]
    public void RepeatedFields_JoinWithCommas()
    {
        var f = new PacketFields();
        f.Reset(new byte[4]);
        f.AddUInt(A, 0, 2, 1);
        f.AddUInt(A, 2, 2, 2);
        Assert.Equal("1,2", Format.Values(f, A));
    }

    [Fact]
    public void Truncate_DropsARejectedLayersFields()
    {
        var f = new PacketFields();
        f.Reset(new byte[4]);
        f.AddUInt(A, 0, 2, 1);
        int mark = f.Count;
        int t = f.BeginTree(P, 2, 2);
        f.AddUInt(B, 2, 2, 5);
        f.Truncate(mark);
        Assert.Equal(1, f.Count);
        Assert.False(f.Has(B));
        _ = t;
    }
}

public class EngineTests
{
    sealed class TwoByteHeader : IDissector
    {
        public static readonly ProtocolDef Proto = new("twob", "Two bytes", "TWOB");
        public static readonly FieldDef Kind = new("twob.kind", "Kind", FieldKind.UInt8);
        public ProtocolDef Protocol => Proto;
        public void Register(DissectorTables tables) => tables.LinkType.Add(147, this);
        public Handoff Dissect(in Tvb tvb, DissectContext ctx)
        {
            var r = tvb.Reader();
            if (!r.TryU8(out byte kind) || !r.TryU8(out byte len)) return Handoff.Stop(r.Status, "needs 2 bytes");
            ctx.Fields.AddUInt(Kind, tvb.Offset, 1, kind);
            if (len > tvb.Reported - 2) return Handoff.Malformed($"length {len} > {tvb.Reported - 2} bytes left");
            return Handoff.Data(tvb.Offset + 2, len);
        }
    }

    static (Engine, DissectContext) Make()
    {
        var reg = new FieldRegistry();
        reg.Register(TwoByteHeader.Proto, TwoByteHeader.Kind);
        var tables = new DissectorTables(reg);
        tables.Add(new TwoByteHeader());
        var e = new Engine(tables);
        return (e, e.CreateContext());
    }

    static Frame F(byte[] b, int orig = -1) => new(1, new Timestamp(10, 0), b.Length, orig < 0 ? b.Length : orig, 147, 0, 0, b);

    [Fact]
    public void UnknownPayload_BecomesData_WithItsLength()
    {
        var (e, ctx) = Make();
        e.Dissect(F([1, 3, 0xaa, 0xbb, 0xcc]), ctx);
        Assert.Equal("aabbcc", Format.Values(ctx.Fields, FrameFields.DataData));
        Assert.Equal("3", Format.Values(ctx.Fields, FrameFields.DataLen));
        Assert.Equal("frame:twob:data", ctx.ProtocolsText());
    }

    [Fact]
    public void ImpossibleLength_MarksTheLayerMalformed_AndKeepsItsFields()
    {
        var (e, ctx) = Make();
        e.Dissect(F([1, 9, 0xaa]), ctx);
        Assert.True(ctx.Fields.Has(FrameFields.Malformed));
        Assert.Equal("1", Format.Values(ctx.Fields, TwoByteHeader.Kind));
    }

    [Fact]
    public void SnaplenCut_IsShort_NotMalformed()
    {
        var (e, ctx) = Make();
        e.Dissect(F([1], orig: 5), ctx);
        Assert.True(ctx.Fields.Has(FrameFields.Short));
        Assert.False(ctx.Fields.Has(FrameFields.Malformed));
    }

    [Fact]
    public void UnknownLinkType_IsAllData()
    {
        var (e, ctx) = Make();
        var b = new byte[] { 1, 2, 3 };
        e.Dissect(new Frame(1, default, 3, 3, 9999, 0, 0, b), ctx);
        Assert.Equal("010203", Format.Values(ctx.Fields, FrameFields.DataData));
    }
}

public class AddressTests
{
    /// <summary>Address.From copies the given bytes (at most 16) and leaves the rest zero, whatever the length:
    /// equality, hash and order rely on the zero tail.</summary>
    [Fact]
    public void From_AnyLength_CopiesBytesAndZeroesTheRest()
    {
        var rnd = new Random(7);
        for (int len = 0; len <= 20; len++)
        {
            var buf = new byte[len + 8];
            rnd.NextBytes(buf);
            var src = buf.AsSpan(3, len);   // unaligned, with neighbours that must not leak in
            var a = Dissect.Core.Flow.Address.From(Dissect.Core.Flow.AddressKind.IPv6, src);
            var all = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<Dissect.Core.Flow.Address>(ref a)).Slice(0, 16).ToArray();
            var expect = new byte[16];
            src.Slice(0, Math.Min(len, 16)).CopyTo(expect);
            Assert.Equal(expect, all);
            var b = Dissect.Core.Flow.Address.From(Dissect.Core.Flow.AddressKind.IPv6, expect.AsSpan(0, Math.Min(len, 16)));
            Assert.True(a.Equals(b));
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
        var v4 = Dissect.Core.Flow.Address.From(Dissect.Core.Flow.AddressKind.IPv4, [192, 0, 2, 1]);
        Assert.Equal("192.0.2.1", v4.ToString());
        var mac = Dissect.Core.Flow.Address.From(Dissect.Core.Flow.AddressKind.Ether, [0, 0x1b, 0x21, 0xaa, 0xbb, 0xcc]);
        Assert.Equal(new byte[] { 0, 0x1b, 0x21, 0xaa, 0xbb, 0xcc }, mac.Bytes.ToArray());
    }
}

public class DissectorTableTests
{
    sealed class D(string name) : IDissector
    {
        public ProtocolDef Protocol { get; } = new(name, name, name.ToUpperInvariant());
        public void Register(DissectorTables tables) { }
        public Handoff Dissect(in Tvb tvb, DissectContext ctx) => Handoff.Done;
    }

    /// <summary>Lookups go through an array for keys below 65536 and the dictionary above; a registration after a
    /// lookup is seen by the next one.</summary>
    [Fact]
    public void TryGet_SmallAndLargeKeys_RegistrationAfterLookupIsSeen()
    {
        var t = new DissectorTable("test.port", "Test");
        var a = new D("a"); var b = new D("b"); var c = new D("c");
        t.Add(80, a);
        Assert.True(t.TryGet(80, out var got)); Assert.Same(a, got);
        Assert.False(t.TryGet(81, out _));
        Assert.False(t.TryGet(0, out _));
        Assert.False(t.TryGet(70000, out _));
        t.Add(443, b);                        // beyond the array built by the lookups above
        Assert.True(t.TryGet(443, out got)); Assert.Same(b, got);
        t.Add(0x10000 + 5, c);                // a key past the array's range
        Assert.True(t.TryGet(0x10005, out got)); Assert.Same(c, got);
        Assert.False(t.TryGet(0x10006, out _));
        Assert.False(t.TryGet(uint.MaxValue, out _));
        Assert.True(t.TryGet(80, out got)); Assert.Same(a, got);
        Assert.Same(b, t.Candidate(50000, 443, default, null!));
    }
}
