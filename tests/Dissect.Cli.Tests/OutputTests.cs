using System.Text;
using Dissect.Cli.Output;
using Dissect.Core;

namespace Dissect.Cli.Tests;

public class OutputTests
{
    [Theory]
    [MemberData(nameof(Repo.SampleData), MemberType = typeof(Repo))]
    public void SpanFieldWriter_EqualsFormatValue_ForEveryEntryOfEveryFrame(string sample)
    {
        using var p = Pipeline.Open(Repo.Sample(sample));
        int checkedEntries = 0;
        while (p.MoveNext())
        {
            var entries = p.Fields.Entries.ToArray();
            foreach (var e in entries)
            {
                if (ValueText.IsCalendarTime(e.Field)) continue; // frame.time: tshark prints a date, Format.Value epoch
                string expected = Format.Value(p.Fields, e);
                string actual = ValueText.ToText(o => ValueText.WriteField(o, p.Fields, e));
                Assert.True(expected == actual, $"{sample} frame {p.Frame.Number} {e.Field.Abbrev}: Format.Value '{expected}', writer '{actual}'");
                checkedEntries++;
            }
        }
        Assert.True(checkedEntries > 100);
    }

    [Theory]
    [InlineData(FieldKind.UInt16, FieldBase.Hex, 0x2UL, "0x0002")]
    [InlineData(FieldKind.UInt8, FieldBase.Hex, 0xabUL, "0xab")]
    [InlineData(FieldKind.UInt32, FieldBase.HexDec, 0x1234UL, "0x00001234")]
    [InlineData(FieldKind.UInt64, FieldBase.Hex, ulong.MaxValue, "0xffffffffffffffff")]
    [InlineData(FieldKind.UInt16, FieldBase.Dec, 65535UL, "65535")]
    [InlineData(FieldKind.Int8, FieldBase.Dec, 0xffUL, "-1")]
    [InlineData(FieldKind.UInt16, FieldBase.Oct, 8UL, "010")]
    public void IntegerWriter_EqualsFormatInteger(FieldKind kind, FieldBase @base, ulong value, string expected)
    {
        var f = new FieldDef("test.x", "X", kind, @base);
        Assert.Equal(expected, Format.Integer(f, value));
        Assert.Equal(expected, ValueText.ToText(o => ValueText.WriteInteger(o, f, value)));
    }

    [Theory]
    [InlineData(1418145369L, 999_999_999u, "1418145369.999999999")]
    [InlineData(1418145370L, 5u, "1418145370.000000005")]
    [InlineData(1418145370L, 1_000_000_000u, "1418145370.1000000000")]
    public void Epoch_EqualsFormatEpochTime_EvenForInvalidNanoseconds(long seconds, uint ns, string expected)
    {
        var t = new Timestamp(seconds, ns);
        Assert.Equal(expected, Format.EpochTime(t));
        Assert.Equal(expected, ValueText.ToText(o => ValueText.WriteEpoch(o, t)));
    }

    [Theory]
    [InlineData(0L, 6, "0.000000")]
    [InlineData(21_000L, 6, "0.000021")]
    [InlineData(1_908_733_534L, 9, "1.908733534")]
    [InlineData(-500_000_000L, 9, "-0.500000000")]
    [InlineData(1_999_999L, 3, "0.001")]
    [InlineData(5_000_000_000L, 0, "5")]
    public void Seconds_TruncatedToDecimals(long ns, int decimals, string expected)
    {
        Assert.Equal(expected, ValueText.ToText(o => ValueText.WriteSeconds(o, ns, decimals)));
        Span<char> c = stackalloc char[32];
        int n = SummaryPrinter.SecondsChars(ns, decimals, c);
        Assert.Equal(expected, new string(c[..n]));
    }

    [Fact]
    public void Utf8Output_SmallBuffer_MultiByteTextAcrossFlushes()
    {
        var sw = new StringWriter();
        string text = string.Concat(Enumerable.Repeat("a → b € 𝄞 ", 200));
        using (var o = new Utf8Output(sw, 256))
        {
            o.Write(text);
            o.Write(12345UL);
            o.WriteSpaces(3);
            o.Write(-7L);
            o.WriteRightAligned(42, 5);
        }
        Assert.Equal(text + "12345   -7   42", sw.ToString());
    }

    [Fact]
    public void Utf8Output_ToStream_WritesUtf8Bytes()
    {
        var ms = new MemoryStream();
        using (var o = new Utf8Output(ms, 300))
        {
            for (int i = 0; i < 100; i++) o.Write("x→");
        }
        Assert.Equal(string.Concat(Enumerable.Repeat("x→", 100)), Encoding.UTF8.GetString(ms.ToArray()));
    }

    [Fact]
    public void Utf8Output_BrokenStream_StopsQuietly()
    {
        var o = new Utf8Output(new BrokenStream(), 256);
        for (int i = 0; i < 100; i++) o.Write("0123456789");
        o.Flush();
        Assert.True(o.Broken);
    }

    sealed class BrokenStream : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => 0;
        public override long Position { get => 0; set { } }
        public override void Flush() => throw new IOException("Broken pipe");
        public override int Read(byte[] buffer, int offset, int count) => 0;
        public override long Seek(long offset, SeekOrigin origin) => 0;
        public override void SetLength(long value) { }
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");
    }

    [Theory]
    [InlineData(FieldKind.Bool, 0x2UL, 12, 1UL, ".... .... ..1.")]
    [InlineData(FieldKind.Bool, 0x10UL, 12, 0UL, ".... ...0 ....")]
    [InlineData(FieldKind.UInt8, 0xf0UL, 8, 4UL, "0100 ....")]
    [InlineData(FieldKind.UInt8, 0x0fUL, 8, 5UL, ".... 0101")]
    [InlineData(FieldKind.UInt16, 0x1fffUL, 16, 0UL, "...0 0000 0000 0000")]
    [InlineData(FieldKind.UInt8, 0xe0UL, 8, 2UL, "010. ....")]
    [InlineData(FieldKind.Bool, 0x40UL, 0, 1UL, ".1.. ....")]
    public void BitPattern_IsTsharks(FieldKind kind, ulong mask, int width, ulong value, string expected)
    {
        var f = new FieldDef("test.bits", "Bits", kind, bitmask: mask, bitWidth: width);
        Assert.Equal(expected, DetailPrinter.BitPattern(f, value));
    }

    [Theory]
    [InlineData(new byte[] { 0xc2, 0xb7, 0x53, 0xc2, 0xb7 }, "·S·")]
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x0d, 0x0a }, "GET\\r\\n")]
    [InlineData(new byte[] { 0x61, 0x5c, 0x01 }, "a\\\\\\x01")]
    [InlineData(new byte[] { 0x61, 0xff, 0x62 }, "a\\xffb")]
    public void TreeText_ShowsValidUtf8_EscapesControls(byte[] bytes, string expected)
        => Assert.Equal(expected, DetailPrinter.TreeText(bytes));

    [Fact]
    public void HexDump_LastLinePadded()
    {
        string text = ValueText.ToText(o => HexDumpPrinter.Dump(o, "Hello, world!\n\u0001"u8));
        Assert.Equal("0000  48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 21 0a 01      Hello, world!..\n", text);
    }

    /// <summary>The -T fields fast path formats straight into the buffer: printing a dissected frame again and
    /// again allocates nothing.</summary>
    [Theory]
    [InlineData("frame.number", "frame.time_epoch", "frame.time_relative", "frame.len", "eth.src", "eth.type",
                "_ws.col.Protocol", "_ws.col.Info", "_ws.col.Source", "_ws.col.Time", "_ws.col.No.")]
    [InlineData("frame.number", "ip.src", "ip.id", "ip.ttl", "tcp.srcport", "tcp.flags", "tcp.seq", "tcp.stream")]
    public void FieldsPrinter_DoesNotAllocatePerPacket(params string[] fields)
    {
        using var p = Pipeline.Open(Repo.Sample("http-curl.pcap"), new PipelineOptions { Fields = fields });
        Assert.True(p.MoveNext());
        var printer = new FieldsPrinter(new Utf8Output(Stream.Null), new FieldsFormat());
        // Warm up past the JIT's tier-up (it recompiles hot methods ~100 ms after their first calls, and that
        // allocates on this thread): a run measured while it happens once saw 5 KiB for 10 000 lines.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 500) printer.Print(p);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) printer.Print(p);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"{allocated} bytes allocated for 10 000 lines");
    }

    [Fact]
    public void SummaryPrinter_DoesNotAllocatePerPacket()
    {
        using var p = Pipeline.Open(Repo.Sample("http-curl.pcap"));
        Assert.True(p.MoveNext());
        var printer = new SummaryPrinter(new Utf8Output(Stream.Null));
        for (int i = 0; i < 100; i++) printer.Print(p);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) printer.Print(p);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"{allocated} bytes allocated for 10 000 lines");
    }
}
