using System.Buffers.Binary;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Dns;

/// <summary>
/// Walks the question and resource-record sections of one DNS message, recording fields and the Info text. Every
/// read is bounds-checked against the captured bytes (<see cref="ReadStatus.Truncated"/> when only the capture is
/// short) and the message's real length (<see cref="ReadStatus.Malformed"/>). Each item consumes at least 5 bytes and
/// each name at most 64 pointer jumps, so the work is bounded by the message length whatever the header counts say.
/// </summary>
internal ref struct DnsMessageParser
{
    readonly ReadOnlySpan<byte> _msg;
    readonly int _reported;
    readonly int _base;
    readonly PacketFields _f;
    readonly TextColumn? _info;
    readonly DnsVariant _variant;
    readonly Span<byte> _n1, _n2;

    public int Pos;
    public ReadStatus Stop;
    public string? Reason;

    public DnsMessageParser(ReadOnlySpan<byte> msg, int reported, int baseOffset, PacketFields f, TextColumn? info,
                            DnsVariant variant, Span<byte> n1, Span<byte> n2)
    {
        _msg = msg; _reported = reported; _base = baseOffset; _f = f; _info = info; _variant = variant; _n1 = n1; _n2 = n2;
        Pos = DnsHeader.Size; Stop = ReadStatus.Ok; Reason = null;
    }

    bool Mdns => _variant == DnsVariant.Mdns;

    // ---- bounds ----

    bool Need(int at, int n)
    {
        if (at >= 0 && n >= 0 && at + n <= _msg.Length) return true;
        if (at + n <= _reported) { Stop = ReadStatus.Truncated; Reason = "DNS message cut by the capture length"; }
        else { Stop = ReadStatus.Malformed; Reason = "DNS record runs past the end of the message"; }
        return false;
    }

    readonly ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_msg.Slice(at));
    readonly uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(_msg.Slice(at));

    /// <summary>Reads a name at <paramref name="at"/>; false (with Stop set and, for a bad name, an expert item) when
    /// parsing cannot go on.</summary>
    bool Name(int at, Span<byte> buf, out int written, out int consumed)
    {
        var st = DnsName.Read(_msg, _reported, at, buf, out written, out consumed);
        switch (st)
        {
            case DnsNameStatus.Ok: return true;
            case DnsNameStatus.TooLong:
                _f.AddFlag(DnsFields.ExpertNameTooLong, _base + at, consumed, _f.WantsAll ? "Name longer than 255 bytes or 128 labels" : null);
                return true;
            case DnsNameStatus.Truncated:
                Stop = ReadStatus.Truncated; Reason = "DNS name cut by the capture length"; return false;
            case DnsNameStatus.PastEnd:
                Stop = ReadStatus.Malformed; Reason = "DNS name runs past the end of the message"; return false;
            case DnsNameStatus.PointerForward:
                _f.AddFlag(DnsFields.ExpertNamePointerForward, _base + at, 0, _f.WantsAll ? "Name compression pointer does not point backwards" : null);
                Stop = ReadStatus.Malformed; Reason = "DNS name compression pointer points forward"; return false;
            case DnsNameStatus.Loop:
                _f.AddFlag(DnsFields.ExpertNameLoop, _base + at, 0, _f.WantsAll ? "Name compression pointers loop (or chain more than 64 times)" : null);
                Stop = ReadStatus.Malformed; Reason = "DNS name compression loop"; return false;
            default:
                _f.AddFlag(DnsFields.ExpertNameBadLabel, _base + at, 1, _f.WantsAll ? "Label type 0x40 or 0x80 is not supported" : null);
                Stop = ReadStatus.Malformed; Reason = "DNS name has an unsupported label type"; return false;
        }
    }

    /// <summary>Before an item of a section: the message must still have bytes; if it has none left, the header's
    /// count is larger than the message.</summary>
    bool More(FieldDef mismatch)
    {
        if (Pos < _msg.Length) return true;
        if (Pos < _reported) { Stop = ReadStatus.Truncated; Reason = "DNS message cut by the capture length"; return false; }
        _f.AddFlag(mismatch, _base + Math.Min(Pos, _msg.Length), 0, _f.WantsAll ? mismatch.Name : null);
        Stop = ReadStatus.Malformed; Reason = "DNS header counts more records than the message holds";
        return false;
    }

    void InfoType(ushort type)
    {
        if (_info is null) return;
        _info.Append(' ');
        if (DnsFields.ShortName(type) is { } s) _info.Append(s);
        else _info.Append("Unknown (").Append((ulong)type).Append(')');
    }

    // ---- questions ----

    public bool Questions(int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!More(DnsFields.ExpertQdcountMismatch)) return false;
            int at = Pos;
            if (!Name(at, _n1, out int nl, out int nc)) return false;
            int p = at + nc;
            if (!Need(p, 4)) return false;
            ushort type = U16(p), cls = U16(p + 2);
            var name = _n1.Slice(0, nl);
            _f.AddValueBytes(DnsFields.QryName, _base + at, nc, name);
            _f.AddUInt(DnsFields.QryNameLen, _base + at, nc, (ulong)nl);
            _f.AddUInt(DnsFields.CountLabels, _base + at, nc, (ulong)DnsName.LabelCount(name));
            _f.AddUInt(DnsFields.QryType, _base + p, 2, type);
            if (Mdns)
            {
                _f.AddUInt(DnsFields.QryClass, _base + p + 2, 2, (ulong)(cls & 0x7FFF));
                _f.AddBool(DnsFields.QryQu, _base + p + 2, 2, (cls & 0x8000) != 0);
            }
            else _f.AddUInt(DnsFields.QryClass, _base + p + 2, 2, cls);
            if (_info is not null)
            {
                InfoType(type);
                _info.Append(' ').AppendAscii(name);
                if (Mdns) _info.Append((cls & 0x8000) != 0 ? ", \"QU\" question" : ", \"QM\" question");
            }
            Pos = p + 4;
        }
        return true;
    }

    // ---- resource records ----

    public bool Records(int count, FieldDef mismatch)
    {
        for (int i = 0; i < count; i++)
        {
            if (!More(mismatch)) return false;
            if (!Record()) return false;
        }
        return true;
    }

    bool Record()
    {
        int at = Pos;
        if (!Name(at, _n1, out int nl, out int nc)) return false;
        int p = at + nc;
        if (!Need(p, 10)) return false;
        ushort type = U16(p), cls = U16(p + 2);
        uint ttl = U32(p + 4);
        ushort rdlen = U16(p + 8);
        var owner = _n1.Slice(0, nl);
        int rd = p + 10, o = _base;

        if (type == 41)
        {
            _f.AddValueBytes(DnsFields.RespName, o + at, nc, owner);
            _f.AddUInt(DnsFields.RespType, o + p, 2, type);
            _f.AddUInt(DnsFields.UdpPayloadSize, o + p + 2, 2, cls);
            _f.AddUInt(DnsFields.ExtRcode, o + p + 4, 1, ttl >> 24);
            _f.AddUInt(DnsFields.Edns0Version, o + p + 5, 1, (ttl >> 16) & 0xFF);
            int z = _f.BeginTree(DnsFields.RespZ, o + p + 6, 2, ttl & 0xFFFF);
            _f.AddBool(DnsFields.RespZDo, o + p + 6, 2, (ttl & 0x8000) != 0);
            _f.AddUInt(DnsFields.RespZReserved, o + p + 6, 2, ttl & 0x7FFF);
            _f.EndTree(z);
            _f.AddUInt(DnsFields.RespLen, o + p + 8, 2, rdlen);
            InfoType(type);
            if (!Options(rd, rdlen)) return false;
            return End(rd, rdlen);
        }

        if (type == 33) SrvOwner(owner, o + at, nc);
        else _f.AddValueBytes(DnsFields.RespName, o + at, nc, owner);
        _f.AddUInt(DnsFields.RespType, o + p, 2, type);
        bool flush = Mdns && (cls & 0x8000) != 0;
        if (Mdns)
        {
            _f.AddUInt(DnsFields.RespClass, o + p + 2, 2, (ulong)(cls & 0x7FFF));
            _f.AddBool(DnsFields.RespCacheFlush, o + p + 2, 2, flush);
        }
        else _f.AddUInt(DnsFields.RespClass, o + p + 2, 2, cls);
        _f.AddUInt(DnsFields.RespTtl, o + p + 4, 4, ttl);
        if ((ttl & 0x8000_0000) != 0)
            _f.AddFlag(DnsFields.ExpertTtlHighBit, o + p + 4, 4, _f.WantsAll ? DnsFields.ExpertTtlHighBit.Name : null);
        _f.AddUInt(DnsFields.RespLen, o + p + 8, 2, rdlen);
        InfoType(type);
        if (flush) _info?.Append(", cache flush");

        if (!RData(type, rd, rdlen)) return false;
        return End(rd, rdlen);
    }

    bool End(int rd, int rdlen)
    {
        int end = rd + rdlen;
        if (end > _reported) { Stop = ReadStatus.Malformed; Reason = "DNS record data runs past the end of the message"; return false; }
        if (end > _msg.Length) { Stop = ReadStatus.Truncated; Reason = "DNS message cut by the capture length"; return false; }
        Pos = end;
        return true;
    }

    /// <summary>SRV owner "_service._proto.name" split like tshark (dns.srv.service, .proto, .name).</summary>
    void SrvOwner(ReadOnlySpan<byte> owner, int o, int len)
    {
        int d1 = owner.IndexOf((byte)'.');
        if (d1 < 0) { _f.AddValueBytes(DnsFields.SrvService, o, len, owner); return; }
        _f.AddValueBytes(DnsFields.SrvService, o, len, owner.Slice(0, d1));
        var rest = owner.Slice(d1 + 1);
        int d2 = rest.IndexOf((byte)'.');
        if (d2 < 0) { _f.AddValueBytes(DnsFields.SrvProto, o, len, rest); return; }
        _f.AddValueBytes(DnsFields.SrvProto, o, len, rest.Slice(0, d2));
        _f.AddValueBytes(DnsFields.SrvName, o, len, rest.Slice(d2 + 1));
    }

    /// <summary>A name in record data: field plus " name" in Info.</summary>
    bool NameField(FieldDef field, int at, out int consumed, bool info = true)
    {
        if (!Name(at, _n2, out int nl, out consumed)) return false;
        var name = _n2.Slice(0, nl);
        _f.AddValueBytes(field, _base + at, consumed, name);
        if (info && _info is not null) _info.Append(' ').AppendAscii(name);
        return true;
    }

    bool RData(ushort type, int rd, int rdlen)
    {
        int o = _base;
        int end = rd + rdlen;
        switch (type)
        {
            case 1:   // A
                if (rdlen < 4) break;
                if (!Need(rd, 4)) return false;
                _f.AddBytes(DnsFields.A, o + rd, 4);
                if (_info is not null) _info.Append(' ').AppendAddress(Address.From(AddressKind.IPv4, _msg.Slice(rd, 4)));
                return true;
            case 28:  // AAAA
                if (rdlen < 16) break;
                if (!Need(rd, 16)) return false;
                _f.AddBytes(DnsFields.Aaaa, o + rd, 16);
                if (_info is not null) _info.Append(' ').AppendAddress(Address.From(AddressKind.IPv6, _msg.Slice(rd, 16)));
                return true;
            case 2: return NameField(DnsFields.Ns, rd, out _);
            case 5: return NameField(DnsFields.Cname, rd, out _);
            case 12: return NameField(DnsFields.Ptr, rd, out _);
            case 39: return NameField(DnsFields.Dname, rd, out _);
            case 15:  // MX
            {
                if (!Need(rd, 2)) return false;
                ushort pref = U16(rd);
                _f.AddUInt(DnsFields.MxPreference, o + rd, 2, pref);
                _info?.Append(' ').Append((ulong)pref);
                return NameField(DnsFields.MxExchange, rd + 2, out _);
            }
            case 6:   // SOA
            {
                if (!NameField(DnsFields.SoaMname, rd, out int c1)) return false;
                if (!NameField(DnsFields.SoaRname, rd + c1, out int c2, info: false)) return false;
                int p = rd + c1 + c2;
                if (!Need(p, 20)) return false;
                _f.AddUInt(DnsFields.SoaSerial, o + p, 4, U32(p));
                _f.AddUInt(DnsFields.SoaRefresh, o + p + 4, 4, U32(p + 4));
                _f.AddUInt(DnsFields.SoaRetry, o + p + 8, 4, U32(p + 8));
                _f.AddUInt(DnsFields.SoaExpire, o + p + 12, 4, U32(p + 12));
                _f.AddUInt(DnsFields.SoaMinimum, o + p + 16, 4, U32(p + 16));
                return true;
            }
            case 33:  // SRV
            {
                if (!Need(rd, 6)) return false;
                ushort pri = U16(rd), weight = U16(rd + 2), port = U16(rd + 4);
                _f.AddUInt(DnsFields.SrvPriority, o + rd, 2, pri);
                _f.AddUInt(DnsFields.SrvWeight, o + rd + 2, 2, weight);
                _f.AddUInt(DnsFields.SrvPort, o + rd + 4, 2, port);
                _info?.Append(' ').Append((ulong)pri).Append(' ').Append((ulong)weight).Append(' ').Append((ulong)port);
                return NameField(DnsFields.SrvTarget, rd + 6, out _);
            }
            case 16:  // TXT
            {
                int p = rd;
                while (p < end)
                {
                    if (!Need(p, 1)) return false;
                    int n = _msg[p];
                    _f.AddUInt(DnsFields.TxtLength, o + p, 1, (ulong)n);
                    if (!Need(p + 1, n)) return false;
                    _f.AddBytes(DnsFields.Txt, o + p + 1, n);
                    p += 1 + n;
                }
                return true;
            }
            case 257: return Caa(rd, rdlen);
            case 64:
            case 65: return Svcb(rd, end);
        }
        // Not decoded (or too short for its type): the bytes, and a note saying so.
        _f.AddFlag(DnsFields.ExpertUndecoded, o + rd, 0, _f.WantsAll ? "Dissector for this DNS type is not implemented" : null);
        if (!Need(rd, rdlen)) return false;
        if (rdlen > 0) _f.AddBytes(DnsFields.Data, o + rd, rdlen);
        return true;
    }

    bool Caa(int rd, int rdlen)
    {
        int o = _base;
        if (!Need(rd, 2)) return false;
        byte flags = _msg[rd];
        int t = _f.BeginTree(DnsFields.CaaFlags, o + rd, 1, flags);
        _f.AddBool(DnsFields.CaaIssuerCritical, o + rd, 1, (flags & 0x80) != 0);
        _f.EndTree(t);
        int tagLen = _msg[rd + 1];
        int valueAt = rd + 2 + tagLen, valueLen = rdlen - 2 - tagLen;
        if (valueLen < 0) { Stop = ReadStatus.Malformed; Reason = "CAA tag longer than the record"; return false; }
        if (!Need(rd + 2, tagLen + valueLen)) return false;
        var tag = _msg.Slice(rd + 2, tagLen);
        var summary = tag.SequenceEqual("issue"u8) ? DnsFields.CaaIssue
            : tag.SequenceEqual("issuewild"u8) ? DnsFields.CaaIssueWild
            : tag.SequenceEqual("iodef"u8) ? DnsFields.CaaIodef : DnsFields.CaaUnknown;
        _f.AddBytes(summary, o + valueAt, valueLen);
        _f.AddUInt(DnsFields.CaaTagLength, o + rd + 1, 1, (ulong)tagLen);
        _f.AddBytes(DnsFields.CaaTag, o + rd + 2, tagLen);
        _f.AddBytes(DnsFields.CaaValue, o + valueAt, valueLen);
        return true;
    }

    bool Svcb(int rd, int end)
    {
        int o = _base;
        if (!Need(rd, 2)) return false;
        _f.AddUInt(DnsFields.SvcPriority, o + rd, 2, U16(rd));
        if (!NameField(DnsFields.SvcTarget, rd + 2, out int c, info: false)) return false;
        int p = rd + 2 + c;
        while (p < end)
        {
            if (!Need(p, 4)) return false;
            ushort key = U16(p), len = U16(p + 2);
            int t = _f.BeginTree(DnsFields.SvcParam, o + p, 4 + len);
            _f.AddUInt(DnsFields.SvcParamKey, o + p, 2, key);
            _f.AddUInt(DnsFields.SvcParamLength, o + p + 2, 2, len);
            int v = p + 4;
            if (!Need(v, len)) { _f.EndTree(t); return false; }
            switch (key)
            {
                case 0:
                    for (int i = 0; i + 2 <= len; i += 2) _f.AddUInt(DnsFields.SvcMandatoryKey, o + v + i, 2, U16(v + i));
                    break;
                case 1:
                    for (int i = 0; i < len;)
                    {
                        int n = _msg[v + i];
                        if (i + 1 + n > len) break;
                        _f.AddUInt(DnsFields.SvcAlpnLength, o + v + i, 1, (ulong)n);
                        _f.AddBytes(DnsFields.SvcAlpn, o + v + i + 1, n);
                        i += 1 + n;
                    }
                    break;
                case 2: break;
                case 3:
                    if (len >= 2) _f.AddUInt(DnsFields.SvcPort, o + v, 2, U16(v));
                    break;
                case 4:
                    for (int i = 0; i + 4 <= len; i += 4) _f.AddBytes(DnsFields.SvcIpv4Hint, o + v + i, 4);
                    break;
                case 5:
                    _f.AddBytes(DnsFields.SvcEchConfig, o + v, len);
                    break;
                case 6:
                    for (int i = 0; i + 16 <= len; i += 16) _f.AddBytes(DnsFields.SvcIpv6Hint, o + v + i, 16);
                    break;
                default:
                    if (len > 0) _f.AddBytes(DnsFields.SvcParamValue, o + v, len);
                    break;
            }
            _f.EndTree(t);
            p = v + len;
        }
        return true;
    }

    /// <summary>EDNS(0) options (RFC 6891 section 6.1.2): code, length, data, with client subnet (RFC 7871),
    /// cookie (RFC 7873), TCP keepalive (RFC 7828), padding (RFC 7830) and extended error (RFC 8914) decoded.</summary>
    bool Options(int rd, int rdlen)
    {
        int o = _base, end = rd + rdlen, p = rd;
        Span<byte> addrBuf = stackalloc byte[16];
        while (p < end)
        {
            if (!Need(p, 4)) return false;
            ushort code = U16(p), len = U16(p + 2);
            int t = _f.BeginTree(DnsFields.Opt, o + p, 4 + len);
            _f.AddUInt(DnsFields.OptCode, o + p, 2, code);
            _f.AddUInt(DnsFields.OptLen, o + p + 2, 2, len);
            int v = p + 4;
            if (!Need(v, len)) { _f.EndTree(t); return false; }
            if (len > 0) _f.AddBytes(DnsFields.OptData, o + v, len);
            switch (code)
            {
                case 8:
                case 20730:
                    if (len < 4) break;
                    ushort family = U16(v);
                    _f.AddUInt(DnsFields.OptClientFamily, o + v, 2, family);
                    _f.AddUInt(DnsFields.OptClientNetmask, o + v + 2, 1, _msg[v + 2]);
                    _f.AddUInt(DnsFields.OptClientScope, o + v + 3, 1, _msg[v + 3]);
                    int alen = len - 4;
                    var addr = _msg.Slice(v + 4, alen);
                    if (family == 1 && alen <= 4)
                    {
                        var a4 = addrBuf.Slice(0, 4);
                        a4.Clear(); addr.CopyTo(a4);
                        _f.AddValueBytes(DnsFields.OptClientAddr4, o + v + 4, alen, a4);
                    }
                    else if (family == 2 && alen <= 16)
                    {
                        var a6 = addrBuf;
                        a6.Clear(); addr.CopyTo(a6);
                        _f.AddValueBytes(DnsFields.OptClientAddr6, o + v + 4, alen, a6);
                    }
                    else
                    {
                        if (family is 1 or 2)
                            _f.AddFlag(DnsFields.ExpertOptBadLength, o + v + 4, alen, _f.WantsAll ? DnsFields.ExpertOptBadLength.Name : null);
                        _f.AddBytes(DnsFields.OptClientAddr, o + v + 4, alen);
                    }
                    break;
                case 10:
                    if (len >= 8) _f.AddBytes(DnsFields.OptCookieClient, o + v, 8);
                    if (len > 8) _f.AddBytes(DnsFields.OptCookieServer, o + v + 8, len - 8);
                    break;
                case 11:
                    if (len == 2) _f.AddUInt(DnsFields.OptKeepalive, o + v, 2, U16(v));
                    break;
                case 12:
                    _f.AddBytes(DnsFields.OptPadding, o + v, len);
                    break;
                case 15:
                    if (len < 2) break;
                    _f.AddUInt(DnsFields.OptExtErrorCode, o + v, 2, U16(v));
                    if (len > 2) _f.AddBytes(DnsFields.OptExtErrorText, o + v + 2, len - 2);
                    break;
            }
            _f.EndTree(t);
            p = v + len;
        }
        return true;
    }
}
