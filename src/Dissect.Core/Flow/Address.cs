using System.Buffers.Binary;
using System.Net;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Dissect.Core.Flow;

public enum AddressKind : byte { None, Ether, IPv4, IPv6 }

/// <summary>16 bytes held as two 8-byte words: an <see cref="Address"/> is then 8-byte aligned, so copying and
/// comparing one (several per packet) takes whole-word moves.</summary>
[InlineArray(2)]
public struct Words16 { ulong _e0; }

/// <summary>A network or link address held inline (no allocation), usable as a dictionary key.</summary>
public struct Address : IEquatable<Address>
{
    Words16 _words;
    public AddressKind Kind;

    /// <summary>The address bytes as two words in memory order (bytes past <see cref="Length"/> are zero): with
    /// <see cref="FromWords"/>, a compact form for keys.</summary>
    public readonly ulong Word0 => _words[0];
    public readonly ulong Word1 => _words[1];
    public static Address FromWords(AddressKind kind, ulong word0, ulong word1)
    {
        var a = new Address { Kind = kind };
        a._words[0] = word0; a._words[1] = word1;
        return a;
    }

    public static Address From(AddressKind kind, ReadOnlySpan<byte> bytes)
    {
        var a = new Address { Kind = kind };
        // (every packet makes several: the common lengths are copied as words, not through a memmove call)
        ref byte src = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bytes);
        ref byte dst = ref Unsafe.As<Words16, byte>(ref a._words);
        switch (bytes.Length)
        {
            case 4: Unsafe.WriteUnaligned(ref dst, Unsafe.ReadUnaligned<uint>(ref src)); break;
            case 6:
                Unsafe.WriteUnaligned(ref dst, Unsafe.ReadUnaligned<uint>(ref src));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 4), Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref src, 4)));
                break;
            case >= 16: Unsafe.WriteUnaligned(ref dst, Unsafe.ReadUnaligned<Words16>(ref src)); break;
            default: bytes.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes((Span<ulong>)a._words)); break;
        }
        return a;
    }

    public readonly int Length => Kind switch { AddressKind.Ether => 6, AddressKind.IPv4 => 4, AddressKind.IPv6 => 16, _ => 0 };

    [UnscopedRef] public readonly ReadOnlySpan<byte> Bytes =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes((ReadOnlySpan<ulong>)_words).Slice(0, Length);

    // Bytes past Length are always zero (From copies Length bytes into a zeroed value), so whole 16-byte words
    // compare, hash and order the same as the address bytes.
    // (Hi and Lo read the words as big-endian numbers, for the order.)
    readonly ulong Hi => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(_words[0]) : _words[0];
    readonly ulong Lo => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(_words[1]) : _words[1];

    public readonly bool Equals(Address other) => Kind == other.Kind && _words[0] == other._words[0] && _words[1] == other._words[1];
    public override readonly bool Equals(object? obj) => obj is Address a && Equals(a);

    public override readonly int GetHashCode()
    {
        return HashCode.Combine(Kind, _words[0], _words[1]);
    }

    /// <summary>Lexicographic order (kind, then bytes); used to normalise conversation keys.</summary>
    public readonly int CompareTo(in Address other)
    {
        if (Kind != other.Kind) return Kind.CompareTo(other.Kind);
        ulong a = Hi, b = other.Hi;
        if (a != b) return a < b ? -1 : 1;
        a = Lo; b = other.Lo;
        return a == b ? 0 : a < b ? -1 : 1;
    }

    public override readonly string ToString() => Kind switch
    {
        AddressKind.IPv4 or AddressKind.IPv6 => new IPAddress(Bytes).ToString(),
        AddressKind.Ether => Format.Ether(Bytes),
        _ => "",
    };

    /// <summary>Writes <see cref="ToString"/>'s text into <paramref name="dest"/> (at least 64 characters); returns
    /// its length. IPv4 without allocating.</summary>
    public readonly int WriteText(Span<char> dest)
    {
        if (Kind == AddressKind.IPv4)
        {
            int n = 0;
            var b = Bytes;
            for (int i = 0; i < 4; i++)
            {
                if (i > 0) dest[n++] = '.';
                b[i].TryFormat(dest[n..], out int k, default, System.Globalization.CultureInfo.InvariantCulture);
                n += k;
            }
            return n;
        }
        string s = ToString();
        s.AsSpan().CopyTo(dest);
        return s.Length;
    }

    public static bool operator ==(Address a, Address b) => a.Equals(b);
    public static bool operator !=(Address a, Address b) => !a.Equals(b);
}
