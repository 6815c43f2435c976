using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Application.Dhcp;

/// <summary>
/// DHCP/BOOTP (RFC 951, 2131, 2132; udp.port 67, 68 and 4011 as tshark): the fixed 236-byte header, the magic
/// cookie (or the 64-byte BOOTP vendor area without it), then the options: pads, End, and the common options
/// decoded into their own fields (message type, addresses, lease times, names, parameter request list, client
/// identifier, FQDN, overload into sname/file). Columns as tshark 4.0: "DHCP" with "DHCP Discover - Transaction ID
/// 0x…" when option 53 is present and every option header could be read, otherwise "BOOTP" with "Boot Request from
/// MAC" / "Boot Reply". Fields are recorded as far as the captured bytes go; a cut says Truncated (snaplen) or
/// Malformed (an option length running past the datagram).
/// </summary>
public sealed class DhcpDissector : IDissector
{
    public const ushort ServerPort = 67, ClientPort = 68, PxePort = 4011;
    const int ChaddrOffset = 28, SnameOffset = 44, SnameLength = 64, FileOffset = 108, FileLength = 128;
    const int CookieOffset = 236, OptionsOffset = 240, VendorAreaLength = 64;
    const uint MagicCookie = 0x63825363;

    public ProtocolDef Protocol => DhcpFields.Protocol;

    public void Register(DissectorTables tables)
    {
        var udp = tables.Get("udp.port", "UDP port");
        udp.Add(ServerPort, this);
        udp.Add(ClientPort, this);
        udp.Add(PxePort, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        ctx.Columns.Protocol = "BOOTP";
        if (cols) ctx.Columns.Info.Clear();

        // Columns first, as tshark sets them before the tree: op (and the client address for a request), then the
        // DHCP message type if a scan of the option headers finds one without running off the bytes.
        if (cols && d.Length >= 1) OpInfo(ctx.Columns.Info, d);
        bool cookie = d.Length >= OptionsOffset && BinaryPrimitives.ReadUInt32BigEndian(d.Slice(CookieOffset)) == MagicCookie;
        int optStart = cookie ? OptionsOffset : CookieOffset + VendorAreaLength;
        // A cookie cut by the capture: whether options follow is unknown (-2), as when the scan runs off the bytes.
        int msgType = !cookie && d.Length < OptionsOffset && reported >= OptionsOffset ? -2 : ScanMessageType(d, optStart, reported);
        if (msgType >= 0 && d.Length >= 8)
        {
            ctx.Columns.Protocol = "DHCP";
            if (cols)
            {
                var info = ctx.Columns.Info.Clear();
                info.Append("DHCP ");
                int start = info.Length;
                if (DhcpFields.MessageTypeNames.TryGetValue((ulong)msgType, out var name)) info.Append(name);
                else info.Append("Unknown Message Type (").AppendHex((ulong)msgType, 2).Append(')');
                for (int pad = info.Length - start; pad < 8; pad++) info.Append(' ');
                info.Append(" - Transaction ID ").AppendHex(BinaryPrimitives.ReadUInt32BigEndian(d.Slice(4)), 1);
            }
        }

        // ---- fixed header ----
        if (d.Length < 1) return Cut(reported, 1, "BOOTP header");
        f.AddUInt(DhcpFields.Type, o, 1, d[0]);
        if (d.Length < 2) return Cut(reported, 2, "BOOTP header");
        byte htype = d[1];
        f.AddUInt(DhcpFields.HwType, o + 1, 1, htype);
        if (d.Length < 3) return Cut(reported, 3, "BOOTP header");
        byte hlen = d[2];
        f.AddUInt(DhcpFields.HwLen, o + 2, 1, hlen);
        if (d.Length < 4) return Cut(reported, 4, "BOOTP header");
        f.AddUInt(DhcpFields.Hops, o + 3, 1, d[3]);
        if (d.Length < 8) return Cut(reported, 8, "BOOTP header");
        f.AddUInt(DhcpFields.Id, o + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(d.Slice(4)));
        if (d.Length < 10) return Cut(reported, 10, "BOOTP header");
        f.AddUInt(DhcpFields.Secs, o + 8, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(8)));
        if (d.Length < 12) return Cut(reported, 12, "BOOTP header");
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(10));
        int t = f.BeginTree(DhcpFields.Flags, o + 10, 2, flags);
        f.AddBool(DhcpFields.FlagBroadcast, o + 10, 2, (flags & 0x8000) != 0);
        f.AddUInt(DhcpFields.FlagReserved, o + 10, 2, (ulong)(flags & 0x7FFF));
        f.EndTree(t);
        ReadOnlySpan<FieldDef> addrs = [DhcpFields.IpClient, DhcpFields.IpYour, DhcpFields.IpServer, DhcpFields.IpRelay];
        for (int i = 0; i < 4; i++)
        {
            int at = 12 + 4 * i;
            if (d.Length < at + 4) return Cut(reported, at + 4, "BOOTP header");
            f.AddBytes(addrs[i], o + at, 4);
        }

        // chaddr: a MAC when Ethernet/6, otherwise the whole 16-byte field as tshark shows it; then the padding.
        bool mac = htype == 1 && hlen == 6;
        int addrLen = mac ? 6 : 16;
        if (d.Length < ChaddrOffset + addrLen) return Cut(reported, ChaddrOffset + addrLen, "BOOTP client hardware address");
        f.AddBytes(mac ? DhcpFields.HwMacAddr : DhcpFields.HwAddr, o + ChaddrOffset, addrLen);
        int used = Math.Min((int)hlen, 16);
        if (used < 16)
        {
            if (d.Length < SnameOffset) return Cut(reported, SnameOffset, "BOOTP client hardware address");
            f.AddBytes(DhcpFields.HwAddrPadding, o + ChaddrOffset + used, 16 - used);
        }

        // Server host name and boot file, unless they hold options (or whether they do is cut off).
        int overload = cookie ? FindOverload(d, optStart, reported) : d.Length < OptionsOffset && reported >= OptionsOffset ? -1 : 0;
        if (overload < 0) overload = 3;
        if ((overload & 2) == 0)
        {
            if (d.Length < SnameOffset + SnameLength) return Cut(reported, SnameOffset + SnameLength, "BOOTP server host name");
            f.AddBytes(DhcpFields.Server, o + SnameOffset, ZLength(d.Slice(SnameOffset, SnameLength)));
        }
        if ((overload & 1) == 0)
        {
            if (d.Length < FileOffset + FileLength) return Cut(reported, FileOffset + FileLength, "BOOTP boot file name");
            f.AddBytes(DhcpFields.File, o + FileOffset, ZLength(d.Slice(FileOffset, FileLength)));
        }
        if (msgType == -1) f.AddBool(DhcpFields.Bootp, -1, 0, true);

        if (cookie) f.AddBytes(DhcpFields.Cookie, o + CookieOffset, 4);
        else if (d.Length < OptionsOffset && reported > CookieOffset)
            return Handoff.Truncated("BOOTP magic cookie cut by the capture length");
        else
        {
            if (reported <= CookieOffset) return Handoff.Done;
            if (d.Length < CookieOffset + VendorAreaLength) return Cut(reported, CookieOffset + VendorAreaLength, "BOOTP vendor area");
            f.AddBytes(DhcpFields.VendorSpecificOptions, o + CookieOffset, VendorAreaLength);
        }

        // ---- options ----
        var p = new OptionParser(d, o, f);
        int end = p.Run(optStart, reported, allowOverload: true);
        if (p.Stop != ReadStatus.Ok)
            return Handoff.Stop(p.Stop, p.Stop == ReadStatus.Malformed ? "DHCP option runs past the end of the datagram" : "DHCP options cut by the capture length");
        if (end < reported)
        {
            // Bytes after the End option.
            f.AddBytes(DhcpFields.OptionPadding, o + end, reported - end);
            if (d.Length < reported) return Handoff.Truncated("DHCP padding cut by the capture length");
        }
        return Handoff.Done;
    }

    const string HexDigit = "0123456789abcdef";

    static Handoff Cut(int reported, int needed, string what)
        => reported >= needed ? Handoff.Truncated(what + " cut by the capture length")
                              : Handoff.Malformed(what + " runs past the end of the datagram");

    /// <summary>"Boot Request from MAC" / "Boot Reply" / "Unknown BOOTP message type (N)".</summary>
    static void OpInfo(TextColumn info, ReadOnlySpan<byte> d)
    {
        switch (d[0])
        {
            case 1:
                if (d.Length < 3) return;
                int hlen = Math.Min((int)d[2], 16);
                if (d.Length < ChaddrOffset + hlen) return;
                info.Append("Boot Request from ");
                for (int i = 0; i < hlen; i++)
                {
                    if (i > 0) info.Append(':');
                    byte b = d[ChaddrOffset + i];
                    info.Append(HexDigit[b >> 4]).Append(HexDigit[b & 15]);
                }
                break;
            case 2:
                info.Append("Boot Reply");
                break;
            default:
                info.Append("Unknown BOOTP message type (").Append((ulong)d[0]).Append(')');
                break;
        }
    }

    /// <summary>tshark's first pass: walks the option headers up to End; the message type when option 53 was
    /// seen and no header lay beyond the captured bytes, -1 when there is none, -2 when the walk ran off the
    /// captured bytes (tshark then never learns the type).</summary>
    internal static int ScanMessageType(ReadOnlySpan<byte> d, int voff, int eoff)
    {
        int type = -1;
        while (voff < eoff)
        {
            if (voff >= d.Length) return -2;
            byte code = d[voff];
            if (code == 255) break;
            if (code == 0)
            {
                int i = voff + 1;
                while (i < eoff && i < d.Length && d[i] == 0) i++;
                if (i < eoff && i >= d.Length) return -2;
                voff = i;
                continue;
            }
            if (voff + 1 >= d.Length) return -2;
            int len = d[voff + 1];
            if (code == 53 && len >= 1)
            {
                if (voff + 2 >= d.Length) return -2;
                type = d[voff + 2];
            }
            voff += len + 2;
        }
        return type;
    }

    /// <summary>The Option Overload (52) value among the main options: 0 when absent, -1 when unknown (the
    /// options were cut by the capture before End or option 52).</summary>
    static int FindOverload(ReadOnlySpan<byte> d, int voff, int eoff)
    {
        while (voff < eoff)
        {
            if (voff >= d.Length) return -1;
            byte code = d[voff];
            if (code == 255) return 0;
            if (code == 0) { voff++; continue; }
            if (voff + 1 >= d.Length) return voff + 1 >= eoff ? 0 : -1;
            int len = d[voff + 1];
            if (code == 52 && len == 1) return voff + 2 < d.Length ? d[voff + 2] & 3 : voff + 2 < eoff ? -1 : 0;
            voff += len + 2;
        }
        return 0;
    }

    /// <summary>Length of a NUL-terminated string within a fixed field (tshark's FT_STRINGZ view).</summary>
    static int ZLength(ReadOnlySpan<byte> s)
    {
        int n = s.IndexOf((byte)0);
        return n < 0 ? s.Length : n;
    }

    /// <summary>Walks options and records their fields; <see cref="Stop"/> says why it ended early.</summary>
    ref struct OptionParser
    {
        readonly ReadOnlySpan<byte> _d;
        readonly int _o;
        readonly PacketFields _f;
        public ReadStatus Stop;

        public OptionParser(ReadOnlySpan<byte> d, int o, PacketFields f) { _d = d; _o = o; _f = f; Stop = ReadStatus.Ok; }

        /// <summary>Options from <paramref name="voff"/> to <paramref name="eoff"/> (relative to the DHCP start);
        /// returns where they ended (after End, or eoff).</summary>
        public int Run(int voff, int eoff, bool allowOverload)
        {
            var d = _d; var f = _f; int o = _o;
            while (voff < eoff)
            {
                if (voff >= d.Length) { Stop = ReadStatus.Truncated; return voff; }
                byte code = d[voff];
                if (code == 0)
                {
                    int i = voff + 1;
                    while (i < eoff && i < d.Length && d[i] == 0) i++;
                    int t0 = f.BeginTree(DhcpFields.OptionType, o + voff, 1, 0);
                    f.AddBytes(DhcpFields.OptionPadding, o + voff, i - voff);
                    f.EndTree(t0);
                    voff = i;
                    continue;
                }
                if (code == 255)
                {
                    int te = f.BeginTree(DhcpFields.OptionType, o + voff, 1, 0);   // tshark records End's type as 0
                    f.AddUInt(DhcpFields.OptionEnd, o + voff, 1, 255);
                    f.EndTree(te);
                    return voff + 1;
                }
                if (voff + 1 >= d.Length) { Stop = voff + 1 >= eoff ? ReadStatus.Malformed : ReadStatus.Truncated; return voff; }
                int len = d[voff + 1];
                int t = f.BeginTree(DhcpFields.OptionType, o + voff, len + 2, code);
                f.AddUInt(DhcpFields.OptionLength, o + voff + 1, 1, (ulong)len);
                int v = voff + 2;
                if (v + len > eoff) { f.EndTree(t); Stop = ReadStatus.Malformed; return voff; }
                if (v + len > d.Length) { f.EndTree(t); Stop = ReadStatus.Truncated; return voff; }
                if (len > 0) f.AddBytes(DhcpFields.OptionValue, o + v, len);
                Value(code, v, len, allowOverload);
                f.EndTree(t);
                if (Stop != ReadStatus.Ok) return voff;
                voff = v + len;
            }
            return voff;
        }

        void Value(byte code, int v, int len, bool allowOverload)
        {
            var spec = DhcpFields.Specs[code];
            var d = _d; var f = _f; int at = _o + v;
            var val = d.Slice(v, len);
            switch (spec.Kind)
            {
                case DhcpFields.Kind.IPv4:
                    if (len == 4) f.AddBytes(spec.Field!, at, 4);
                    break;
                case DhcpFields.Kind.IPv4List:
                    for (int i = 0; i + 4 <= len; i += 4) f.AddBytes(spec.Field!, at + i, 4);
                    break;
                case DhcpFields.Kind.String:
                    f.AddBytes(spec.Field!, at, ZLength(val));
                    break;
                case DhcpFields.Kind.UInt8:
                case DhcpFields.Kind.MessageType:
                    if (len == 1) f.AddUInt(spec.Field!, at, 1, val[0]);
                    break;
                case DhcpFields.Kind.UInt16:
                    if (len == 2) f.AddUInt(spec.Field!, at, 2, BinaryPrimitives.ReadUInt16BigEndian(val));
                    break;
                case DhcpFields.Kind.UInt32:
                    if (len == 4) f.AddUInt(spec.Field!, at, 4, BinaryPrimitives.ReadUInt32BigEndian(val));
                    break;
                case DhcpFields.Kind.Int32:
                    if (len == 4) f.AddInt(spec.Field!, at, 4, BinaryPrimitives.ReadInt32BigEndian(val));
                    break;
                case DhcpFields.Kind.Bool:
                    if (len == 1) f.AddBool(spec.Field!, at, 1, val[0] != 0);
                    break;
                case DhcpFields.Kind.StaticRoutes:
                    for (int i = 0; i + 8 <= len; i += 8)
                    {
                        f.AddBytes(DhcpFields.StaticRouteIp, at + i, 4);
                        f.AddBytes(DhcpFields.StaticRouteRouter, at + i + 4, 4);
                    }
                    break;
                case DhcpFields.Kind.RequestList:
                    for (int i = 0; i < len; i++) f.AddUInt(DhcpFields.RequestListItem, at + i, 1, val[i]);
                    break;
                case DhcpFields.Kind.ClientId:
                    ClientId(val, at);
                    break;
                case DhcpFields.Kind.Fqdn:
                    Fqdn(val, at);
                    break;
                case DhcpFields.Kind.Overload:
                    if (len != 1) break;
                    f.AddUInt(DhcpFields.OptionOverload, at, 1, val[0]);
                    if (!allowOverload) break;
                    // tshark dissects the overloaded areas inside option 52: server host name first, then boot file.
                    if ((val[0] & 2) != 0) RunArea(SnameOffset, SnameLength);
                    if ((val[0] & 1) != 0 && Stop == ReadStatus.Ok) RunArea(FileOffset, FileLength);
                    break;
                case DhcpFields.Kind.Bytes:
                    if (spec.Field is { } bf && len > 0) f.AddBytes(bf, at, len);
                    break;
            }
        }

        void RunArea(int start, int length)
        {
            var inner = new OptionParser(_d, _o, _f);
            inner.Run(start, start + length, allowOverload: false);
            // The area lies inside the fixed header, which was read whole before the options: no cut here.
        }

        void ClientId(ReadOnlySpan<byte> val, int at)
        {
            var f = _f;
            if (val.Length == 0) return;
            byte type = val[0];
            if (val.Length == 7 && type > 0 && type < 48)
            {
                f.AddUInt(DhcpFields.HwType, at, 1, type);
                if (type is 1 or 6) f.AddBytes(DhcpFields.HwMacAddr, at + 1, 6);
                return;
            }
            if (val.Length == 17 && type == 0) return;   // a UUID (not decoded)
            if (val.Length >= 7 && type == 0xFF)
            {
                if (f.Wants(DhcpFields.ClientIdIaid))
                {
                    Span<char> hex = stackalloc char[8];
                    HexDigits(val.Slice(1, 4), hex);
                    f.AddString(DhcpFields.ClientIdIaid, at + 1, 4, hex);
                }
                ushort duid = BinaryPrimitives.ReadUInt16BigEndian(val.Slice(5));
                f.AddUInt(DhcpFields.ClientIdDuidType, at + 5, 2, duid);
                var rest = val.Slice(7);
                int ra = at + 7;
                if (duid == 1 && rest.Length >= 6)
                {
                    f.AddUInt(DhcpFields.ClientIdDuidLltHwType, ra, 2, BinaryPrimitives.ReadUInt16BigEndian(rest));
                    f.AddUInt(DhcpFields.ClientIdTime, ra + 2, 4, BinaryPrimitives.ReadUInt32BigEndian(rest.Slice(2)));
                    LinkLayer(rest.Slice(6), ra + 6);
                }
                else if (duid == 3 && rest.Length >= 2)
                {
                    f.AddUInt(DhcpFields.ClientIdDuidLlHwType, ra, 2, BinaryPrimitives.ReadUInt16BigEndian(rest));
                    LinkLayer(rest.Slice(2), ra + 2);
                }
                else if (duid == 2 && rest.Length >= 4)
                    f.AddUInt(DhcpFields.ClientIdEnterprise, ra, 4, BinaryPrimitives.ReadUInt32BigEndian(rest));
                return;
            }
            f.AddUInt(DhcpFields.ClientIdType, at, 1, type);
            if (val.Length > 1) f.AddBytes(type == 0 ? DhcpFields.ClientIdUndef : DhcpFields.ClientId, at + 1, val.Length - 1);
        }

        void LinkLayer(ReadOnlySpan<byte> b, int at)
        {
            if (b.IsEmpty || !_f.Wants(DhcpFields.ClientIdLinkLayer)) return;
            Span<char> hex = b.Length <= 64 ? stackalloc char[b.Length * 2] : new char[b.Length * 2];
            HexDigits(b, hex);
            _f.AddString(DhcpFields.ClientIdLinkLayer, at, b.Length, hex);
        }

        static void HexDigits(ReadOnlySpan<byte> b, Span<char> dst)
        {
            const string digits = "0123456789abcdef";
            for (int i = 0; i < b.Length; i++) { dst[2 * i] = digits[b[i] >> 4]; dst[2 * i + 1] = digits[b[i] & 15]; }
        }

        void Fqdn(ReadOnlySpan<byte> val, int at)
        {
            var f = _f;
            if (val.Length < 3) return;
            byte fl = val[0];
            int t = f.BeginTree(DhcpFields.FqdnFlags, at, 1, fl);
            f.AddUInt(DhcpFields.FqdnMbz, at, 1, (ulong)(fl >> 4));
            f.AddBool(DhcpFields.FqdnN, at, 1, (fl & 8) != 0);
            f.AddBool(DhcpFields.FqdnE, at, 1, (fl & 4) != 0);
            f.AddBool(DhcpFields.FqdnO, at, 1, (fl & 2) != 0);
            f.AddBool(DhcpFields.FqdnS, at, 1, (fl & 1) != 0);
            f.EndTree(t);
            f.AddUInt(DhcpFields.FqdnRcode1, at + 1, 1, val[1]);
            f.AddUInt(DhcpFields.FqdnRcode2, at + 2, 1, val[2]);
            var name = val.Slice(3);
            if (name.IsEmpty) return;
            if ((fl & 4) == 0) { f.AddBytes(DhcpFields.FqdnName, at + 3, name.Length); return; }
            if (!f.Wants(DhcpFields.FqdnName)) return;
            // Wire encoding (RFC 1035 labels, no compression): dotted text.
            Span<char> text = stackalloc char[256];
            int n = 0, p = 0;
            while (p < name.Length && name[p] != 0)
            {
                int l = name[p++];
                if (l > 63 || p + l > name.Length) break;
                if (n > 0 && n < text.Length) text[n++] = '.';
                for (int i = 0; i < l && n < text.Length; i++)
                {
                    byte c = name[p + i];
                    text[n++] = c >= 0x20 && c < 0x7F ? (char)c : '?';
                }
                p += l;
            }
            f.AddString(DhcpFields.FqdnName, at + 3, name.Length, text.Slice(0, n));
        }
    }
}
