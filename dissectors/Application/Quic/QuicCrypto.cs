using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Dissect.Dissectors.Application.Quic;

/// <summary>
/// Packet protection keys of one direction at the Initial level (RFC 9001 section 5.2, RFC 9369 section 3.3):
/// AEAD_AES_128_GCM key and IV, and the AES-128 header-protection key. .NET's own crypto only. One instance per
/// connection direction, made on the first pass; the cipher objects are kept so later packets allocate nothing but
/// their plaintext.
/// </summary>
public sealed class QuicInitialKeys : IDisposable
{
    static readonly byte[] SaltV1 = Convert.FromHexString("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    static readonly byte[] SaltV2 = Convert.FromHexString("0dede3def700a6db819381be6e269dcbf9bd2ed9");
    static readonly byte[] SaltDraft29 = Convert.FromHexString("afbfec289993d24c9e9786f19c6111e04390a899");
    static readonly byte[] SaltDraft23 = Convert.FromHexString("c3eef712c72ebb5a11a7d2432bb46365bef9f502");
    static readonly byte[] SaltDraft22 = Convert.FromHexString("7fbcdb0e7c66bbe9193a96cd21519ebd7a02644a");

    readonly AesGcm _aead;
    readonly Aes _hp;

    public byte[] Key { get; }
    public byte[] Iv { get; }
    public byte[] HpKey { get; }
    public byte[] Secret { get; }

    QuicInitialKeys(byte[] secret, bool v2)
    {
        Secret = secret;
        Key = ExpandLabel(secret, v2 ? "quicv2 key" : "quic key", 16);
        Iv = ExpandLabel(secret, v2 ? "quicv2 iv" : "quic iv", 12);
        HpKey = ExpandLabel(secret, v2 ? "quicv2 hp" : "quic hp", 16);
        _aead = new AesGcm(Key, 16);
        _hp = Aes.Create();
        _hp.Key = HpKey;
    }

    /// <summary>The initial salt of a version: v1 (and drafts 33-34), v2, drafts up to 22, 23-28, 29-32. A version
    /// nobody knows (a greased 0x?a?a?a?a) gets the draft-29 salt, as tshark 4.0 does (checked against the PKN it
    /// shows for quic_vn.pcap frame 1); such a packet then fails to decrypt, as there.</summary>
    public static ReadOnlySpan<byte> Salt(uint version)
    {
        if (version == QuicVersions.V1) return SaltV1;
        if (QuicVersions.IsV2(version)) return SaltV2;
        int draft = QuicVersions.Draft(version);
        if (draft is > 0 and <= 22) return SaltDraft22;
        if (draft is >= 23 and <= 28) return SaltDraft23;
        if (draft is >= 33) return SaltV1;
        return SaltDraft29;
    }

    /// <summary>Keys of the client (<paramref name="server"/> false) or server direction for a connection whose
    /// client chose <paramref name="dcid"/> as the Destination Connection ID of its first Initial.</summary>
    public static QuicInitialKeys Derive(uint version, ReadOnlySpan<byte> dcid, bool server)
    {
        Span<byte> prk = stackalloc byte[32];
        HKDF.Extract(HashAlgorithmName.SHA256, dcid, Salt(version), prk);
        var secret = ExpandLabel(prk, server ? "server in" : "client in", 32);
        return new QuicInitialKeys(secret, QuicVersions.IsV2(version));
    }

    /// <summary>TLS 1.3 HKDF-Expand-Label (RFC 8446 section 7.1) with an empty context.</summary>
    public static byte[] ExpandLabel(ReadOnlySpan<byte> secret, string label, int length)
    {
        int labelLen = 6 + Encoding.ASCII.GetByteCount(label);
        Span<byte> info = stackalloc byte[4 + labelLen];
        BinaryPrimitives.WriteUInt16BigEndian(info, (ushort)length);
        info[2] = (byte)labelLen;
        Encoding.ASCII.GetBytes("tls13 ", info.Slice(3));
        Encoding.ASCII.GetBytes(label, info.Slice(9));
        info[3 + labelLen] = 0;
        var output = new byte[length];
        HKDF.Expand(HashAlgorithmName.SHA256, secret, output, info);
        return output;
    }

    /// <summary>The 5-byte header-protection mask from a 16-byte sample (AES-ECB, RFC 9001 section 5.4.3).</summary>
    public void Mask(ReadOnlySpan<byte> sample, Span<byte> mask)
    {
        Span<byte> block = stackalloc byte[16];
        _hp.EncryptEcb(sample.Slice(0, 16), block, PaddingMode.None);
        block.Slice(0, 5).CopyTo(mask);
    }

    /// <summary>Opens the AEAD: nonce = IV xor packet number, AAD = the unprotected header. False when the tag does
    /// not verify (wrong keys or damaged packet); never throws.</summary>
    public bool TryDecrypt(ulong packetNumber, ReadOnlySpan<byte> header, ReadOnlySpan<byte> ciphertextAndTag, Span<byte> plaintext)
    {
        if (ciphertextAndTag.Length < 16 || plaintext.Length < ciphertextAndTag.Length - 16) return false;
        Span<byte> nonce = stackalloc byte[12];
        Iv.CopyTo(nonce);
        for (int i = 0; i < 8; i++) nonce[11 - i] ^= (byte)(packetNumber >> (8 * i));
        int n = ciphertextAndTag.Length - 16;
        try
        {
            _aead.Decrypt(nonce, ciphertextAndTag.Slice(0, n), ciphertextAndTag.Slice(n, 16), plaintext.Slice(0, n), header);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() { _aead.Dispose(); _hp.Dispose(); }
}

/// <summary>Packet-number and variable-length integer helpers (RFC 9000 section 16 and appendix A.3).</summary>
public static class QuicWire
{
    /// <summary>Reads a variable-length integer at <paramref name="pos"/>; false (no advance) when cut short.</summary>
    public static bool TryVarInt(ReadOnlySpan<byte> b, ref int pos, out ulong value, out int length)
    {
        value = 0; length = 0;
        if ((uint)pos >= (uint)b.Length) return false;
        length = 1 << (b[pos] >> 6);
        if (pos + length > b.Length) { length = 0; return false; }
        value = (ulong)(b[pos] & 0x3f);
        for (int i = 1; i < length; i++) value = (value << 8) | b[pos + i];
        pos += length;
        return true;
    }

    /// <summary>Expands a truncated packet number given the next expected one (largest seen + 1, or 0; RFC 9000
    /// appendix A.3).</summary>
    public static ulong DecodePacketNumber(ulong expected, ulong truncated, int bits)
    {
        ulong win = 1UL << bits, hwin = win / 2, mask = win - 1;
        ulong candidate = (expected & ~mask) | truncated;
        if (candidate + hwin <= expected && candidate < (1UL << 62) - win) return candidate + win;
        if (candidate > expected + hwin && candidate >= win) return candidate - win;
        return candidate;
    }
}
