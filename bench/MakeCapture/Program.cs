using System.Buffers.Binary;
using Dissect.Capture;
using Dissect.Core;

// Builds a large capture reproducibly from the shipped samples: each repetition rewrites the loopback
// addresses (client 10.x.y.z from the repetition number, server 172.16.0.1), recomputes the IPv4 header
// checksum and shifts the timestamps, so every TCP/UDP conversation is distinct.
// usage: MakeCapture OUT.pcap PACKETS [SAMPLE.pcap ...]
//        MakeCapture --short-connections OUT.pcap CONNECTIONS [PER_SECOND]   (see ShortConnections.cs)
if (args.Length >= 3 && args[0] == "--short-connections")
    return ShortConnections.Write(args[1], long.Parse(args[2]), args.Length > 3 ? int.Parse(args[3]) : 1000);
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: MakeCapture OUT.pcap PACKETS SAMPLE.pcap...\n       MakeCapture --short-connections OUT.pcap CONNECTIONS [PER_SECOND]");
    return 2;
}
long target = long.Parse(args[1]);
var samples = args.Skip(2).ToArray();
var frames = new List<(long RelNs, byte[] Bytes, int OrigLen)>();
foreach (var path in samples)
{
    using var src = CaptureFile.Open(path);
    Timestamp? first = null;
    long offset = frames.Count == 0 ? 0 : frames[^1].RelNs + 1_000_000;
    while (src.TryRead(out var f))
    {
        if (f.LinkType != 1) throw new InvalidOperationException($"{path}: only Ethernet samples");
        first ??= f.Time;
        frames.Add((offset + f.Time.NanosecondsSince(first.Value), f.Data.ToArray(), f.OriginalLength));
    }
}
long span = frames[^1].RelNs + 1_000_000;
var serverPorts = new HashSet<ushort> { 80, 8080, 53, 443 };
using var output = new BufferedStream(File.Create(args[0]), 1 << 20);
using var writer = CaptureWriter.CreatePcap(output, 1, 262144, nanosecond: false);
var start = new Timestamp(1_700_000_000, 0);
long written = 0;
for (long rep = 0; written < target; rep++)
{
    uint client = 0x0A000000u | (uint)(rep & 0xFFFFFF);
    foreach (var (rel, bytes, orig) in frames)
    {
        if (written >= target) break;
        var b = (byte[])bytes.Clone();
        if (b.Length >= 34 && b[12] == 0x08 && b[13] == 0x00)
        {
            int ihl = (b[14] & 15) * 4;
            byte proto = b[23];
            ushort sport = 0;
            if ((proto == 6 || proto == 17) && b.Length >= 14 + ihl + 4) sport = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(14 + ihl));
            bool fromServer = serverPorts.Contains(sport);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(26), fromServer ? 0xAC100001u : client);
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(30), fromServer ? client : 0xAC100001u);
            b[24] = 0; b[25] = 0;
            uint sum = 0;
            for (int i = 0; i < ihl; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(14 + i));
            while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(24), (ushort)~sum);
        }
        var t = Timestamp.FromNanoseconds(start.Seconds * 1_000_000_000L + rep * span + rel);
        writer.Write(new Frame(written + 1, t, b.Length, orig, 1, 0, -1, b));
        written++;
    }
}
writer.Flush();
Console.Error.WriteLine($"{args[0]}: {written} packets");
return 0;
