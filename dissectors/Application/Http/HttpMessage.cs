using System.Buffers;
using System.IO.Compression;

namespace Dissect.Dissectors.Application.Http;

/// <summary>Whole-message helpers for consumers of reassembled HTTP PDUs (follow, export objects): header block and
/// content (de-chunked). Not used on the per-packet path.</summary>
public static class HttpMessage
{
    /// <summary>Splits one HTTP/1.x message into its header block (start line to the empty line, leading CRLFs
    /// included) and its content: the bytes after the header block, or for a chunked message the chunk data joined
    /// in <paramref name="scratch"/> (cleared first). False when the bytes do not start a message.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> msg, ArrayBufferWriter<byte> scratch, out int headerLength, out ReadOnlySpan<byte> content)
    {
        if (!TrySplitRaw(msg, scratch, out headerLength, out content)) return false;
        if (content.IsEmpty) return true;
        // Content-Encoding gzip/deflate: tshark's follow and export show the decoded content.
        var enc = HeaderValue(msg.Slice(0, headerLength), "content-encoding"u8);
        bool gzip = HttpWire.EqualsIgnoreCase(enc, "gzip"u8) || HttpWire.EqualsIgnoreCase(enc, "x-gzip"u8);
        bool deflate = HttpWire.EqualsIgnoreCase(enc, "deflate"u8);
        if (!gzip && !deflate) return true;
        try
        {
            using var input = new MemoryStream(content.ToArray());
            using Stream z = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
            var outBuf = new MemoryStream();
            var buf = new byte[8192];
            int n;
            while ((n = z.Read(buf, 0, buf.Length)) > 0 && outBuf.Length < 64L << 20) outBuf.Write(buf, 0, n);
            content = outBuf.ToArray();
        }
        catch (InvalidDataException) { }   // not really compressed: keep the bytes as they are
        return true;
    }

    /// <summary>The trimmed value of the first header named <paramref name="lowerName"/>, or empty.</summary>
    public static ReadOnlySpan<byte> HeaderValue(ReadOnlySpan<byte> header, ReadOnlySpan<byte> lowerName)
    {
        HttpWire.NextLine(header, 0, out _, out int pos);
        while (HttpWire.NextLine(header, pos, out int len, out int full))
        {
            var line = header.Slice(pos, len);
            pos += full;
            if (len == 0) break;
            int colon = line.IndexOf((byte)':');
            if (colon > 0 && HttpWire.EqualsIgnoreCase(HttpWire.Trim(line.Slice(0, colon)), lowerName))
                return HttpWire.Trim(line.Slice(colon + 1));
        }
        return default;
    }

    static bool TrySplitRaw(ReadOnlySpan<byte> msg, ArrayBufferWriter<byte> scratch, out int headerLength, out ReadOnlySpan<byte> content)
    {
        headerLength = 0; content = default;
        int lead = HttpWire.LeadingNewlines(msg);
        var start = HttpWire.Classify(msg.Slice(lead), out _);
        if (start is not (HttpStart.Request or HttpStart.Response)) return false;
        int hdr = HttpWire.InspectHeaderBlock(msg.Slice(lead), out var info);
        if (hdr < 0) { headerLength = msg.Length; return true; }
        headerLength = lead + hdr;
        var rest = msg.Slice(headerLength);
        if (info.Kind == HttpStart.Response && HttpWire.StatusHasNoBody(info.StatusCode)) return true;
        if (!info.Chunked)
        {
            content = info.ContentLength >= 0 && rest.Length > info.ContentLength ? rest.Slice(0, (int)info.ContentLength) : rest;
            return true;
        }
        scratch.Clear();
        int pos = 0;
        while (pos < rest.Length)
        {
            int nl = rest.Slice(pos).IndexOf((byte)'\n');
            if (nl < 0 || !HttpWire.TryParseChunkSize(rest.Slice(pos, nl), out long size) || size == 0) break;
            int data = pos + nl + 1;
            int n = (int)Math.Min(size, rest.Length - data);
            scratch.Write(rest.Slice(data, n));
            pos = data + n;
            if (pos < rest.Length && rest[pos] == (byte)'\r') pos++;
            if (pos < rest.Length && rest[pos] == (byte)'\n') pos++;
        }
        content = scratch.WrittenSpan;
        return true;
    }
}
