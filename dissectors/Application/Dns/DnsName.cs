namespace Dissect.Dissectors.Application.Dns;

/// <summary>How reading a domain name ended.</summary>
public enum DnsNameStatus : byte
{
    Ok,
    /// <summary>The name is longer than 255 bytes or 128 labels: shown as "&lt;Name too long&gt;", parsing goes on.</summary>
    TooLong,
    /// <summary>The captured bytes ended inside the name (snaplen).</summary>
    Truncated,
    /// <summary>The name runs past the message's real end.</summary>
    PastEnd,
    /// <summary>A compression pointer does not point before the label it replaces.</summary>
    PointerForward,
    /// <summary>Too many compression pointers followed (a loop through backward pointers cannot happen, but a long
    /// chain is refused as well).</summary>
    Loop,
    /// <summary>Label type 0x40 (extended) or 0x80 (reserved).</summary>
    BadLabel,
}

/// <summary>
/// Reads a (possibly compressed) domain name from a DNS message (RFC 1035 section 4.1.4) into a caller's buffer,
/// without allocating. Guards: every pointer must point strictly before the position it was read at (so following
/// pointers always terminates), at most <see cref="MaxJumps"/> pointers, at most 255 bytes and 128 labels of output.
/// The text is tshark 4.0's: labels joined by '.', bytes as they are (printers escape them), "&lt;Root&gt;" for the
/// root name.
/// </summary>
public static class DnsName
{
    public const int MaxLength = 255;
    public const int MaxLabels = 128;
    public const int MaxJumps = 64;
    /// <summary>Buffer size that always holds a decoded name.</summary>
    public const int BufferSize = 320;

    static ReadOnlySpan<byte> Root => "<Root>"u8;
    static ReadOnlySpan<byte> TooLongText => "<Name too long>"u8;

    /// <summary>
    /// Reads the name at <paramref name="offset"/> of <paramref name="msg"/> (the captured bytes of the message;
    /// <paramref name="reported"/> is its real length). <paramref name="consumed"/> is the length of the name in place
    /// (up to and including the first pointer), valid when the status is Ok or TooLong. <paramref name="written"/> bytes
    /// of <paramref name="dst"/> (at least <see cref="BufferSize"/> long) hold the text.
    /// </summary>
    public static DnsNameStatus Read(ReadOnlySpan<byte> msg, int reported, int offset, Span<byte> dst,
                                     out int written, out int consumed)
    {
        written = 0; consumed = 0;
        int pos = offset, labels = 0, jumps = 0, len = 0;
        bool jumped = false, tooLong = false;
        while (true)
        {
            if ((uint)pos >= (uint)msg.Length)
                return Fail(pos < reported ? DnsNameStatus.Truncated : DnsNameStatus.PastEnd, dst, out written);
            byte b = msg[pos];
            switch (b & 0xC0)
            {
                case 0x00:
                    if (b == 0)
                    {
                        pos++;
                        if (!jumped) consumed = pos - offset;
                        if (tooLong) { TooLongText.CopyTo(dst); written = TooLongText.Length; return DnsNameStatus.TooLong; }
                        if (len == 0) { Root.CopyTo(dst); written = Root.Length; }
                        else written = len;
                        return DnsNameStatus.Ok;
                    }
                    if (pos + 1 + b > msg.Length)
                        return Fail(pos + 1 + b <= reported ? DnsNameStatus.Truncated : DnsNameStatus.PastEnd, dst, out written);
                    labels++;
                    int add = (len > 0 ? 1 : 0) + b;
                    if (!tooLong && (len + add > MaxLength || labels > MaxLabels)) tooLong = true;
                    if (!tooLong)
                    {
                        if (len > 0) dst[len++] = (byte)'.';
                        msg.Slice(pos + 1, b).CopyTo(dst.Slice(len));
                        len += b;
                    }
                    pos += 1 + b;
                    break;
                case 0xC0:
                    if (pos + 2 > msg.Length)
                        return Fail(pos + 2 <= reported ? DnsNameStatus.Truncated : DnsNameStatus.PastEnd, dst, out written);
                    int target = ((b & 0x3F) << 8) | msg[pos + 1];
                    if (!jumped) { consumed = pos + 2 - offset; jumped = true; }
                    if (target >= pos) return Fail(target == pos ? DnsNameStatus.Loop : DnsNameStatus.PointerForward, dst, out written);
                    if (++jumps > MaxJumps) return Fail(DnsNameStatus.Loop, dst, out written);
                    pos = target;
                    break;
                default:
                    return Fail(DnsNameStatus.BadLabel, dst, out written);
            }
        }
    }

    static DnsNameStatus Fail(DnsNameStatus s, Span<byte> dst, out int written)
    {
        written = 0;
        return s;
    }

    /// <summary>Number of labels as tshark counts them (dots in the text plus one).</summary>
    public static int LabelCount(ReadOnlySpan<byte> text)
    {
        int n = 1;
        foreach (var c in text) if (c == (byte)'.') n++;
        return n;
    }
}
