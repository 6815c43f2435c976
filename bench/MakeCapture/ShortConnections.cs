using System.Buffers.Binary;
using Dissect.Capture;
using Dissect.Core;

/// <summary>
/// Writes N short HTTP-like TCP connections over Ethernet/IPv4, one starting every 1/PER_SECOND s (default 1000/s,
/// so 1,000,000 connections span 1,000 s of capture time; each lasts 0.52 ms): SYN (MSS, window scale), SYN-ACK,
/// ACK, a 40-byte GET, a 120-byte response carrying the server's FIN, the client's FIN-ACK and the last ACK: 7
/// packets per connection. Client i is 10.(i>>16).(i>>8).i:(1024 + i % 60000), the server 172.16.0.1:80; sequence
/// numbers, addresses and checksums (IPv4 and TCP) are computed, so the file is deterministic.
/// </summary>
static class ShortConnections
{
    static readonly byte[] Request = "GET /i HTTP/1.1\r\nHost: bench\r\nX-Pad: 12\r\n\r\n"u8.ToArray();
    static readonly byte[] Response = "HTTP/1.1 200 OK\r\nContent-Length: 32\r\nServer: bench\r\nConnection: close\r\n\r\n0123456789abcdef0123456789abcdef"u8.ToArray();

    const byte FIN = 1, SYN = 2, PSH = 8, ACK = 16;

    public static int Write(string path, long connections, int perSecond)
    {
        using var output = new BufferedStream(File.Create(path), 1 << 20);
        using var writer = CaptureWriter.CreatePcap(output, 1, 262144, nanosecond: false);
        var buf = new byte[14 + 20 + 32 + 256];
        long startNs = 1_700_000_000L * 1_000_000_000L;
        long stepNs = 1_000_000_000L / perSecond;
        long number = 0;
        uint server = 0xAC100001;
        for (long i = 0; i < connections; i++)
        {
            uint client = 0x0A000000u | (uint)(i & 0xFFFFFF);
            ushort cport = (ushort)(1024 + i % 60000);
            uint cisn = (uint)(i * 2654435761L), sisn = (uint)(i * 40503L + 12345);
            long t = startNs + i * stepNs;
            void Emit(long at, bool fromClient, uint seq, uint ack, byte flags, ReadOnlySpan<byte> payload, bool synOptions)
            {
                int len = Build(buf, fromClient ? client : server, fromClient ? server : client, fromClient ? cport : (ushort)80,
                    fromClient ? (ushort)80 : cport, seq, ack, flags, payload, synOptions, (ushort)(i * 7));
                var ts = Timestamp.FromNanoseconds(at);
                writer.Write(new Frame(++number, ts, len, len, 1, 0, -1, buf.AsMemory(0, len)));
            }
            Emit(t, true, cisn, 0, SYN, default, true);
            Emit(t + 100_000, false, sisn, cisn + 1, SYN | ACK, default, true);
            Emit(t + 200_000, true, cisn + 1, sisn + 1, ACK, default, false);
            Emit(t + 210_000, true, cisn + 1, sisn + 1, PSH | ACK, Request, false);
            Emit(t + 400_000, false, sisn + 1, cisn + 1 + (uint)Request.Length, PSH | ACK | FIN, Response, false);
            Emit(t + 420_000, true, cisn + 1 + (uint)Request.Length, sisn + 2 + (uint)Response.Length, FIN | ACK, default, false);
            Emit(t + 520_000, false, sisn + 2 + (uint)Response.Length, cisn + 2 + (uint)Request.Length, ACK, default, false);
        }
        writer.Flush();
        Console.Error.WriteLine($"{path}: {connections} connections, {number} packets");
        return 0;
    }

    /// <summary>Ethernet + IPv4 + TCP (+ MSS/NOP/WS options on SYNs) + payload into <paramref name="b"/>; returns the length.</summary>
    static int Build(byte[] b, uint src, uint dst, ushort sport, ushort dport, uint seq, uint ack, byte flags,
                     ReadOnlySpan<byte> payload, bool synOptions, ushort ipId)
    {
        int optLen = synOptions ? 8 : 0;
        int tcpLen = 20 + optLen;
        int ipLen = 20 + tcpLen + payload.Length;
        var s = b.AsSpan();
        // Ethernet: 02:00:00:00:00:01 / 02:00:00:00:00:02 by direction.
        s[..12].Clear();
        s[0] = 2; s[5] = (byte)(src == 0xAC100001 ? 1 : 2);
        s[6] = 2; s[11] = (byte)(src == 0xAC100001 ? 2 : 1);
        s[12] = 0x08; s[13] = 0x00;
        var ip = s.Slice(14, 20);
        ip[0] = 0x45; ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipLen);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], ipId);
        ip[6] = 0x40; ip[7] = 0; ip[8] = 64; ip[9] = 6; ip[10] = 0; ip[11] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], src);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], dst);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~Fold(Sum(ip, 0)));
        var tcp = s.Slice(34, tcpLen + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sport);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], dport);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = (byte)((tcpLen / 4) << 4); tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], (flags & SYN) != 0 ? (ushort)64240 : (ushort)502);
        tcp[16] = 0; tcp[17] = 0; tcp[18] = 0; tcp[19] = 0;
        if (synOptions)
        {
            tcp[20] = 2; tcp[21] = 4; BinaryPrimitives.WriteUInt16BigEndian(tcp[22..], 1460);   // MSS
            tcp[24] = 1; tcp[25] = 3; tcp[26] = 3; tcp[27] = 7;                                // NOP, WS 7
        }
        payload.CopyTo(tcp[tcpLen..]);
        // TCP checksum over the pseudo-header and the segment.
        uint sum = (src >> 16) + (src & 0xFFFF) + (dst >> 16) + (dst & 0xFFFF) + 6u + (uint)tcp.Length;
        sum = Sum(tcp, sum);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], (ushort)~Fold(sum));
        return 14 + ipLen;
    }

    static uint Sum(ReadOnlySpan<byte> d, uint sum)
    {
        int i = 0;
        for (; i + 1 < d.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(d[i..]);
        if (i < d.Length) sum += (uint)d[i] << 8;
        return sum;
    }

    static uint Fold(uint sum)
    {
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        return sum;
    }
}
