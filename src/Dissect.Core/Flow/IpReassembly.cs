namespace Dissect.Core.Flow;

/// <summary>
/// IP fragment reassembly hook, implemented in Dissect.Analysis and given to the IPv4/IPv6 dissectors through
/// <see cref="DissectContext.IpReassembly"/> (first-pass state).
/// </summary>
public interface IIpReassembly
{
    /// <summary>Adds the fragment's payload (after the IP or fragment header, offset in bytes). Returns true when this
    /// fragment completed the datagram: <paramref name="datagram"/> then holds the whole payload (owned by the
    /// caller from here on) and <paramref name="fragments"/> how many frames contributed.</summary>
    bool Add(bool ipv6, in Address src, in Address dst, byte protocol, uint id, int offsetBytes, bool more,
             ReadOnlySpan<byte> payload, DissectContext ctx, out ReadOnlyMemory<byte> datagram, out int fragments);
}
