using System.Text;
using Dissect.Core;

namespace Dissect.Dissectors.Application.Tls;

/// <summary>One DER element: tag, where its content starts and how long it is (relative to the reader's span).</summary>
public readonly record struct DerElement(byte Tag, int ContentStart, int ContentLength)
{
    public int End => ContentStart + ContentLength;
}

/// <summary>
/// A small bounds-checked DER reader (X.690): single-byte tags, definite lengths of up to four bytes. Never throws;
/// a length that runs past the span (or an indefinite/oversized length) makes <see cref="TryRead"/> return false.
/// </summary>
public ref struct DerReader
{
    readonly ReadOnlySpan<byte> _data;
    int _pos;
    readonly int _end;

    public DerReader(ReadOnlySpan<byte> data, int start = 0, int end = -1)
    {
        _data = data; _pos = Math.Clamp(start, 0, data.Length); _end = end < 0 ? data.Length : Math.Clamp(end, _pos, data.Length);
    }

    public readonly bool AtEnd => _pos >= _end;
    public readonly int Position => _pos;

    public bool TryRead(out DerElement e)
    {
        e = default;
        if (_end - _pos < 2) return false;
        byte tag = _data[_pos];
        if ((tag & 0x1F) == 0x1F) return false;   // multi-byte tags are not used in certificates' names
        int p = _pos + 1;
        int len = _data[p++];
        if (len >= 0x80)
        {
            int n = len & 0x7F;
            if (n == 0 || n > 4 || _end - p < n) return false;
            long l = 0;
            for (int i = 0; i < n; i++) l = (l << 8) | _data[p++];
            if (l > int.MaxValue) return false;
            len = (int)l;
        }
        if (len > _end - p) return false;
        e = new DerElement(tag, p, len);
        _pos = p + len;
        return true;
    }

    /// <summary>Reads the next element only when it has <paramref name="tag"/>.</summary>
    public bool TryRead(byte tag, out DerElement e)
    {
        var save = _pos;
        if (TryRead(out e) && e.Tag == tag) return true;
        _pos = save; e = default;
        return false;
    }
}

/// <summary>
/// The parts of an X.509 certificate (RFC 5280) tshark shows under a TLS Certificate: version, serial number,
/// signature algorithm, issuer and subject names (each RelativeDistinguishedName's attribute type and value) and the
/// subject key's algorithm, with tshark's x509af/x509if/x509sat fields. Offsets are <paramref name="baseOffset"/> +
/// position in the DER bytes. Stops quietly at the first element that is not where it should be.
/// </summary>
public static class X509
{
    const byte Sequence = 0x30, Set = 0x31, Integer = 0x02, Oid = 0x06, Context0 = 0xA0;

    public static void Certificate(ReadOnlySpan<byte> der, int baseOffset, PacketFields f)
    {
        var top = new DerReader(der);
        if (!top.TryRead(Sequence, out var cert)) return;
        var c = new DerReader(der, cert.ContentStart, cert.End);
        if (!c.TryRead(Sequence, out var tbs)) return;
        var t = new DerReader(der, tbs.ContentStart, tbs.End);
        if (t.TryRead(Context0, out var ver))
        {
            var v = new DerReader(der, ver.ContentStart, ver.End);
            if (v.TryRead(Integer, out var vi) && vi.ContentLength is > 0 and <= 4)
                f.AddInt(X509Fields.Version, baseOffset + vi.ContentStart, vi.ContentLength, ReadInt(der.Slice(vi.ContentStart, vi.ContentLength)));
        }
        if (!t.TryRead(Integer, out var serial)) return;
        f.AddBytes(X509Fields.SerialNumber, baseOffset + serial.ContentStart, serial.ContentLength);
        if (!t.TryRead(Sequence, out var sigAlg)) return;
        AlgorithmId(der, sigAlg, baseOffset, f);
        if (!t.TryRead(Sequence, out var issuer)) return;
        Name(der, issuer, baseOffset, f, X509Fields.Issuer, X509Fields.IssuerRdnSequence);
        if (!t.TryRead(Sequence, out _)) return;   // validity
        if (!t.TryRead(Sequence, out var subject)) return;
        Name(der, subject, baseOffset, f, X509Fields.Subject, X509Fields.SubjectRdnSequence);
        if (!t.TryRead(Sequence, out var spki)) return;
        var s = new DerReader(der, spki.ContentStart, spki.End);
        if (s.TryRead(Sequence, out var keyAlg)) AlgorithmId(der, keyAlg, baseOffset, f);
        // The outer signatureAlgorithm repeats the tbs one; tshark lists it too.
        if (c.TryRead(Sequence, out var outerAlg)) AlgorithmId(der, outerAlg, baseOffset, f);
    }

    static long ReadInt(ReadOnlySpan<byte> b)
    {
        long v = (b[0] & 0x80) != 0 ? -1 : 0;
        foreach (var x in b) v = (v << 8) | x;
        return v;
    }

    static void AlgorithmId(ReadOnlySpan<byte> der, DerElement seq, int baseOffset, PacketFields f)
    {
        var a = new DerReader(der, seq.ContentStart, seq.End);
        if (a.TryRead(Oid, out var oid)) AddOid(f, X509Fields.AlgorithmId, der, oid, baseOffset);
    }

    /// <summary>Name ::= CHOICE { rdnSequence RDNSequence }; RDNSequence ::= SEQUENCE OF SET OF
    /// AttributeTypeAndValue.</summary>
    static void Name(ReadOnlySpan<byte> der, DerElement name, int baseOffset, PacketFields f, FieldDef choice, FieldDef sequence)
    {
        int count = 0;
        var counter = new DerReader(der, name.ContentStart, name.End);
        while (counter.TryRead(Set, out _)) count++;
        int nt = f.BeginTree(choice, baseOffset + name.ContentStart - HeaderLength(name), name.ContentLength + HeaderLength(name), 0);
        int st = f.BeginTree(sequence, baseOffset + name.ContentStart, name.ContentLength, (ulong)count);
        var rdns = new DerReader(der, name.ContentStart, name.End);
        while (rdns.TryRead(Set, out var rdn))
        {
            int items = 0;
            var ic = new DerReader(der, rdn.ContentStart, rdn.End);
            while (ic.TryRead(Sequence, out _)) items++;
            int rt = f.BeginTree(X509Fields.RdnSequenceItem, baseOffset + rdn.ContentStart, rdn.ContentLength, (ulong)items);
            var atvs = new DerReader(der, rdn.ContentStart, rdn.End);
            while (atvs.TryRead(Sequence, out var atv))
            {
                int at = f.BeginTree(X509Fields.RdnItem, baseOffset + atv.ContentStart, atv.ContentLength);
                var e = new DerReader(der, atv.ContentStart, atv.End);
                if (e.TryRead(Oid, out var type))
                {
                    AddOid(f, X509Fields.Oid, der, type, baseOffset);
                    if (e.TryRead(out var value)) AttributeValue(der, type, value, baseOffset, f);
                }
                f.EndTree(at);
            }
            f.EndTree(rt);
        }
        f.EndTree(st);
        f.EndTree(nt);
    }

    static int HeaderLength(DerElement e) => e.ContentLength < 0x80 ? 2 : e.ContentLength < 0x100 ? 3 : e.ContentLength < 0x10000 ? 4 : 5;

    // id-at (2.5.4) attribute types: countryName is a PrintableString, the others tshark decodes are DirectoryStrings.
    static ReadOnlySpan<byte> IdAt => [0x55, 0x04];

    static void AttributeValue(ReadOnlySpan<byte> der, DerElement type, DerElement value, int baseOffset, PacketFields f)
    {
        var oid = der.Slice(type.ContentStart, type.ContentLength);
        if (oid.Length != 3 || !oid.StartsWith(IdAt)) return;
        int o = baseOffset + value.ContentStart, n = value.ContentLength;
        if (oid[2] == 6) { f.AddBytes(X509Fields.CountryName, o, n); return; }   // id-at-countryName
        int choice = value.Tag switch { 0x14 => 0, 0x13 => 1, 0x1C => 2, 0x0C => 3, 0x1E => 4, _ => -1 };
        if (choice < 0)
        {
            if (value.Tag == 0x16) f.AddBytes(X509Fields.Ia5String, o, n);
            return;
        }
        f.AddUInt(X509Fields.DirectoryString, o - HeaderLength(value), n + HeaderLength(value), (ulong)choice);
        switch (choice)
        {
            case 0: f.AddBytes(X509Fields.TeletexString, o, n); break;
            case 1: f.AddBytes(X509Fields.PrintableString, o, n); break;
            case 3: f.AddBytes(X509Fields.Utf8String, o, n); break;
            case 2 when f.Wants(X509Fields.UniversalString):
                f.AddString(X509Fields.UniversalString, o, n, Encoding.UTF32.GetString(Utf32BigEndian(der.Slice(value.ContentStart, n))));
                break;
            case 4 when f.Wants(X509Fields.BmpString):
                f.AddString(X509Fields.BmpString, o, n, Encoding.BigEndianUnicode.GetString(der.Slice(value.ContentStart, n)));
                break;
        }
    }

    static byte[] Utf32BigEndian(ReadOnlySpan<byte> s)
    {
        var b = new byte[s.Length & ~3];
        for (int i = 0; i + 3 < s.Length; i += 4) { b[i] = s[i + 3]; b[i + 1] = s[i + 2]; b[i + 2] = s[i + 1]; b[i + 3] = s[i]; }
        return b;
    }

    /// <summary>An OID in dotted form ("2.5.4.3"), formatted only when the field is wanted (no allocation beyond the
    /// field's own text).</summary>
    static void AddOid(PacketFields f, FieldDef field, ReadOnlySpan<byte> der, DerElement oid, int baseOffset)
    {
        if (!f.Wants(field)) return;
        Span<char> buf = stackalloc char[256];
        int n = FormatOid(der.Slice(oid.ContentStart, oid.ContentLength), buf);
        if (n < 0) return;
        f.AddString(field, baseOffset + oid.ContentStart, oid.ContentLength, buf.Slice(0, n));
    }

    /// <summary>Dotted text of DER OID content bytes; -1 when malformed or too long for <paramref name="dest"/>.</summary>
    public static int FormatOid(ReadOnlySpan<byte> b, Span<char> dest)
    {
        if (b.IsEmpty) return -1;
        int w = 0;
        ulong v = 0;
        bool first = true;
        for (int i = 0; i < b.Length; i++)
        {
            if (v > (ulong.MaxValue >> 7)) return -1;
            v = (v << 7) | (uint)(b[i] & 0x7F);
            if ((b[i] & 0x80) != 0) { if (i == b.Length - 1) return -1; continue; }
            if (first)
            {
                ulong a = v < 40 ? 0UL : v < 80 ? 1UL : 2UL;
                if (!Put(a, dest, ref w) || !PutChar('.', dest, ref w) || !Put(v - a * 40, dest, ref w)) return -1;
                first = false;
            }
            else if (!PutChar('.', dest, ref w) || !Put(v, dest, ref w)) return -1;
            v = 0;
        }
        return w;
    }

    static bool PutChar(char c, Span<char> d, ref int w) { if (w >= d.Length) return false; d[w++] = c; return true; }

    static bool Put(ulong v, Span<char> d, ref int w)
    {
        if (!v.TryFormat(d.Slice(w), out int n)) return false;
        w += n; return true;
    }
}
