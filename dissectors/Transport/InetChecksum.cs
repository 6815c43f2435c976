using System.Buffers.Binary;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Transport;

/// <summary>
/// The Internet checksum (RFC 1071) and the IPv4/IPv6 pseudo-headers, for verifying ICMP/ICMPv6 (and, on demand,
/// TCP/UDP) checksums. Sums 32-bit big-endian words into a 64-bit accumulator; folding with end-around carry gives
/// the same result as the 16-bit one's-complement sum.
/// </summary>
public static class InetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running sum (an odd final byte is padded with zero).</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 4 <= data.Length; i += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(data.Slice(i));
        if (i + 2 <= data.Length) { sum += BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i)); i += 2; }
        if (i < data.Length) sum += (ulong)data[i] << 8;
        return sum;
    }

    /// <summary>Folds a sum to 16 bits (end-around carry), not complemented.</summary>
    public static ushort Fold(ulong sum)
    {
        while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)sum;
    }

    /// <summary>The pseudo-header sum for <paramref name="protocol"/> over addresses of either family;
    /// false when the addresses are not IP.</summary>
    public static bool TryPseudoHeader(in Address src, in Address dst, byte protocol, uint length, out ulong sum)
    {
        sum = 0;
        if (src.Kind != dst.Kind || (src.Kind != AddressKind.IPv4 && src.Kind != AddressKind.IPv6)) return false;
        sum = Add(Add(0, src.Bytes), dst.Bytes);
        sum += protocol;
        sum += length;   // IPv4: 16-bit length; IPv6: 32-bit upper-layer length (same sum once folded)
        return true;
    }

    /// <summary>Checks a message whose checksum field is inside <paramref name="message"/>: true when the sum
    /// (with <paramref name="initial"/>, the pseudo-header or 0) folds to 0xffff. <paramref name="expected"/> is the
    /// value the checksum field should have held.</summary>
    public static bool Verify(ulong initial, ReadOnlySpan<byte> message, int checksumOffset, out ushort expected)
    {
        ulong sum = Add(initial, message);
        bool ok = Fold(sum) == 0xffff;
        ushort field = BinaryPrimitives.ReadUInt16BigEndian(message.Slice(checksumOffset));
        // Remove the field from the sum (add its one's complement) and complement the rest.
        expected = (ushort)~Fold(sum + (ushort)~field);
        return ok;
    }
}

/// <summary>Values of the *.checksum.status fields (Wireshark's proto_checksum_vals).</summary>
public static class ChecksumStatus
{
    public const byte Bad = 0, Good = 1, Unverified = 2, NotPresent = 3, Illegal = 4;

    public static readonly IReadOnlyDictionary<ulong, string> Names = new Dictionary<ulong, string>
    {
        [Bad] = "Bad", [Good] = "Good", [Unverified] = "Unverified", [NotPresent] = "Not present", [Illegal] = "Illegal",
    };
}
