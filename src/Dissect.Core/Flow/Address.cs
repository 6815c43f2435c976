using System.Buffers.Binary;
using System.Net;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Dissect.Core.Flow;

public enum AddressKind : byte { None, Ether, IPv4, IPv6 }

[InlineArray(16)]
public struct Bytes16 { byte _e0; }

/// <summary>A network or link address held inline (no allocation), usable as a dictionary key.</summary>
public struct Address : IEquatable<Address>
{
    Bytes16 _bytes;
    public AddressKind Kind;

    public static Address From(AddressKind kind, ReadOnlySpan<byte> bytes)
    {
        var a = new Address { Kind = kind };
        bytes.Slice(0, Math.Min(bytes.Length, 16)).CopyTo(a._bytes);
        return a;
    }

    public readonly int Length => Kind switch { AddressKind.Ether => 6, AddressKind.IPv4 => 4, AddressKind.IPv6 => 16, _ => 0 };

    [UnscopedRef] public readonly ReadOnlySpan<byte> Bytes => ((ReadOnlySpan<byte>)_bytes).Slice(0, Length);

    public readonly bool Equals(Address other) => Kind == other.Kind && Bytes.SequenceEqual(other.Bytes);
    public override readonly bool Equals(object? obj) => obj is Address a && Equals(a);
    public override readonly int GetHashCode()
    {
        ReadOnlySpan<byte> b = _bytes;
        return HashCode.Combine(Kind, BinaryPrimitives.ReadUInt64LittleEndian(b), BinaryPrimitives.ReadUInt64LittleEndian(b.Slice(8)));
    }

    /// <summary>Lexicographic order (kind, then bytes); used to normalise conversation keys.</summary>
    public readonly int CompareTo(in Address other)
    {
        if (Kind != other.Kind) return Kind.CompareTo(other.Kind);
        return Bytes.SequenceCompareTo(other.Bytes);
    }

    public override readonly string ToString() => Kind switch
    {
        AddressKind.IPv4 or AddressKind.IPv6 => new IPAddress(Bytes).ToString(),
        AddressKind.Ether => Format.Ether(Bytes),
        _ => "",
    };

    public static bool operator ==(Address a, Address b) => a.Equals(b);
    public static bool operator !=(Address a, Address b) => !a.Equals(b);
}
