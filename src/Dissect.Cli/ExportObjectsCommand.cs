using System.Buffers;
using System.Globalization;
using System.Text;
using Dissect.Core;
using Dissect.Dissectors.Application.Http;

namespace Dissect.Cli;

/// <summary>
/// `dissect export-objects http DIR FILE` (tshark --export-objects http,DIR): writes the content of every HTTP
/// message that has one (request bodies and response bodies, de-chunked) into DIR, in capture order. The name is the
/// last '/'-separated part of the request URI (the whole URI when that part is empty), with the characters
/// \ / : * ? " &lt; &gt; | and control bytes written as %xx, as tshark does; "." and ".." are escaped too, so a name
/// can never leave DIR. A name already used gets "(1)", "(2)"… before its extension (a.txt, a(1).txt).
/// </summary>
public static class ExportObjectsCommand
{
    const int MaxName = 255;

    public static int Run(string protocol, string dir, string file, TextWriter stdout, TextWriter stderr)
    {
        if (protocol != "http")
            throw new CliException($"unsupported export-objects protocol \"{protocol}\": only http", ExitCodes.BadOption);
        var root = Path.GetFullPath(dir);
        Directory.CreateDirectory(root);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Dictionary<(uint Stream, int Dir), Queue<string>>();
        var scratch = new ArrayBufferWriter<byte>();
        int written = 0;
        using var pipeline = Pipeline.Open(file, new PipelineOptions { Fields = ["tcp.stream", "http.request"], WantColumns = false });
        var fStream = pipeline.Registry.Find("tcp.stream")!;
        while (pipeline.MoveNext())
        {
            var f = pipeline.Fields;
            var ctx = pipeline.Context;
            int si = f.IndexOf(fStream);
            if (si < 0 || ctx.TcpPdus.Count == 0) continue;
            uint stream = (uint)f[si].Value;
            // The requesting side is the one whose address:port sorts the same way for both directions' queues:
            // key the FIFO by (stream, direction of the request) and let responses look in the other direction.
            int side = Direction(ctx);
            foreach (var pdu in ctx.TcpPdus)
            {
                var bytes = f.SourceBytes(pdu.Source).Span;
                if (pdu.Offset < 0 || pdu.Offset >= bytes.Length) continue;
                var msg = bytes.Slice(pdu.Offset, Math.Min(pdu.Length, bytes.Length - pdu.Offset));
                if (!HttpMessage.TrySplit(msg, scratch, out int headerLength, out var content)) continue;
                var lead = HttpWire.LeadingNewlines(msg);
                var start = HttpWire.Classify(msg.Slice(lead), out _);
                string? uri;
                if (start == HttpStart.Request)
                {
                    uri = RequestUri(msg.Slice(lead, headerLength - lead));
                    var key = (stream, side);
                    if (!pending.TryGetValue(key, out var q)) pending[key] = q = new Queue<string>();
                    q.Enqueue(uri ?? "");
                }
                else
                {
                    var info = HttpWire.Inspect(msg.Slice(lead, headerLength - lead));
                    uri = null;
                    if (pending.TryGetValue((stream, 1 - side), out var q) && q.Count > 0)
                        uri = info.StatusCode is >= 100 and < 200 && info.StatusCode != 101 ? q.Peek() : q.Dequeue();
                }
                if (content.IsEmpty) continue;
                string name = Unique(SafeName(uri ?? "object"), used);
                var path = Path.Combine(root, name);
                if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
                    throw new CliException($"refusing to write outside {root}: {name}", ExitCodes.BadOption);
                using (var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write)) fs.Write(content);
                written++;
            }
        }
        if (pipeline.Warning is { } w) stderr.WriteLine(Cli.Prefixed(w));
        stderr.WriteLine($"{written} object(s) written to {root}");
        return pipeline.Warning is null ? ExitCodes.Ok : ExitCodes.BadFile;
    }

    static int Direction(DissectContext ctx)
    {
        int c = ctx.NetSrc.CompareTo(ctx.NetDst);
        return c < 0 || (c == 0 && ctx.SrcPort <= ctx.DstPort) ? 0 : 1;
    }

    /// <summary>The request-target of a request's header block (up to the next space), or null.</summary>
    static string? RequestUri(ReadOnlySpan<byte> header)
    {
        int nl = header.IndexOf((byte)'\n');
        var line = nl < 0 ? header : header.Slice(0, nl);
        int sp = line.IndexOf((byte)' ');
        if (sp < 0) return null;
        var rest = line.Slice(sp + 1);
        int sp2 = rest.IndexOf((byte)' ');
        var uri = sp2 < 0 ? rest.TrimEnd((byte)'\r') : rest.Slice(0, sp2);
        return Encoding.Latin1.GetString(uri);
    }

    /// <summary>The file name for a URI: its last '/'-separated part (the whole URI when that is empty), with
    /// characters that are not allowed or not safe in a file name escaped as %xx (tshark's set plus control bytes
    /// and non-ASCII), "." and ".." escaped, at most 255 characters.</summary>
    public static string SafeName(string uri)
    {
        int slash = uri.LastIndexOf('/');
        string last = slash >= 0 && slash < uri.Length - 1 ? uri[(slash + 1)..] : uri;
        if (last.Length == 0) last = "object";
        var sb = new StringBuilder(last.Length);
        foreach (char ch in last)
        {
            if (ch < 0x20 || ch >= 0x7f || "\\/:*?\"<>|".Contains(ch))
                sb.Append('%').Append(((int)ch & 0xFF).ToString("x2", CultureInfo.InvariantCulture));
            else sb.Append(ch);
        }
        var name = sb.ToString();
        if (name is "." or "..") name = name.Replace(".", "%2e", StringComparison.Ordinal);
        if (name.Length > MaxName) name = name[..MaxName];
        return name;
    }

    /// <summary>name, name(1), name(2)… with the number before the extension, never one in <paramref name="used"/>.</summary>
    public static string Unique(string name, HashSet<string> used)
    {
        if (used.Add(name)) return name;
        int dot = name.LastIndexOf('.');
        string stem = dot > 0 ? name[..dot] : name, ext = dot > 0 ? name[dot..] : "";
        for (int i = 1; ; i++)
        {
            var candidate = $"{stem}({i.ToString(CultureInfo.InvariantCulture)}){ext}";
            if (used.Add(candidate)) return candidate;
        }
    }
}
