namespace Dissect.Core.Flow;

/// <summary>A conversation's two endpoints (address and port), the same whichever direction a packet goes: A is
/// the lower (address, port). The key of the TCP and UDP conversation tables and of DNS transactions.</summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    // Held as words (40 bytes, 8-byte aligned), not as two Addresses: one key is made, hashed and compared per
    // segment, and whole-word copies keep that cheap.
    readonly ulong _a0, _a1, _b0, _b1;
    readonly uint _ports;                 // PortA << 16 | PortB
    readonly AddressKind _kindA, _kindB;

    public FlowKey(in Address src, ushort sport, in Address dst, ushort dport, out bool srcIsA)
    {
        int c = src.CompareTo(dst);
        srcIsA = c < 0 || (c == 0 && sport <= dport);
        ref readonly Address a = ref srcIsA ? ref src : ref dst, b = ref srcIsA ? ref dst : ref src;
        _a0 = a.Word0; _a1 = a.Word1; _kindA = a.Kind;
        _b0 = b.Word0; _b1 = b.Word1; _kindB = b.Kind;
        _ports = srcIsA ? (uint)sport << 16 | dport : (uint)dport << 16 | sport;
    }

    public Address A => Address.FromWords(_kindA, _a0, _a1);
    public Address B => Address.FromWords(_kindB, _b0, _b1);
    public ushort PortA => (ushort)(_ports >> 16);
    public ushort PortB => (ushort)_ports;

    public bool Equals(FlowKey o) =>
        _a0 == o._a0 && _b0 == o._b0 && _ports == o._ports && _a1 == o._a1 && _b1 == o._b1 && _kindA == o._kindA && _kindB == o._kindB;
    public override bool Equals(object? obj) => obj is FlowKey k && Equals(k);
    public override int GetHashCode()
    {
        ulong h = (_a0 * 0x9E3779B97F4A7C15UL) ^ (_a1 * 0xC2B2AE3D27D4EB4FUL) ^ (_b0 * 0xD6E8FEB86659FD93UL) ^ (_b1 * 0xFF51AFD7ED558CCDUL)
            ^ (((ulong)_ports << 16 | (ulong)_kindA << 8 | (ulong)_kindB) * 0x165667B19E3779F9UL);
        h ^= h >> 29; h *= 0xBF58476D1CE4E5B9UL; h ^= h >> 32;
        return (int)h;
    }
}
