using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Link.Cdp;

/// <summary>
/// Cisco Discovery Protocol (SNAP Cisco OUI PID 0x2000, GRE protocol type 0x2000): version, TTL, checksum (not
/// verified), then its TLVs with type and length; device ID, software version (one value per line, as tshark),
/// platform, port ID, capabilities, address counts, native VLAN, duplex, VTP domain and system name are decoded,
/// other TLVs are shown by type and length only. Info as tshark 4.0: "Device ID: SW1  Port ID: Ethernet0/1  ".
/// </summary>
public sealed class CdpDissector : IDissector
{
    public const ushort Pid = 0x2000;

    public ProtocolDef Protocol => CdpFields.Protocol;

    public void Register(DissectorTables tables)
    {
        tables.Get("llc.cisco_pid", "LLC SNAP PID (Cisco OUI)").Add(Pid, this);
        tables.Get("gre.proto", "GRE protocol type").Add(Pid, this);
    }

    internal static Handoff Cut(int reported, int needed, string what)
        => reported >= needed ? Handoff.Truncated(what + " cut by the capture length")
                              : Handoff.Malformed(what + " runs past the packet");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        if (cols) ctx.Columns.Info.Clear();
        if (d.Length < 4) return Cut(reported, 4, "CDP header");
        f.AddUInt(CdpFields.Version, o, 1, d[0]);
        f.AddUInt(CdpFields.Ttl, o + 1, 1, d[1]);
        f.AddUInt(CdpFields.Checksum, o + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(2)));
        int pos = 4;
        while (pos < reported)
        {
            if (d.Length < pos + 4) return Cut(reported, pos + 4, "CDP TLV header");
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos));
            int len = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2));
            f.AddUInt(CdpFields.TlvType, o + pos, 2, type);
            f.AddUInt(CdpFields.TlvLen, o + pos + 2, 2, (ulong)len);
            if (len < 4) return Handoff.Malformed("CDP TLV length below 4");
            if (pos + len > reported) return Handoff.Malformed("CDP TLV runs past the packet");
            if (d.Length < pos + len) return Cut(reported, pos + len, "CDP TLV");
            var v = d.Slice(pos + 4, len - 4);
            int vo = o + pos + 4;
            switch (type)
            {
                case 0x01:
                    Text(f, CdpFields.DeviceId, vo, v);
                    if (cols) ctx.Columns.Info.Append("Device ID: ").AppendAscii(Trim(v)).Append("  ");
                    break;
                case 0x03:
                    Text(f, CdpFields.PortId, vo, v);
                    if (cols) ctx.Columns.Info.Append("Port ID: ").AppendAscii(Trim(v)).Append("  ");
                    break;
                case 0x05:
                    // One value per line, as tshark shows the software version.
                    for (int start = 0; start < v.Length;)
                    {
                        int nl = v.Slice(start).IndexOf((byte)'\n');
                        int end = nl < 0 ? v.Length : start + nl;
                        Text(f, CdpFields.SoftwareVersion, vo + start, v.Slice(start, end - start));
                        start = end + 1;
                    }
                    break;
                case 0x06: Text(f, CdpFields.Platform, vo, v); break;
                case 0x09: Text(f, CdpFields.VtpManagementDomain, vo, v); break;
                case 0x14: Text(f, CdpFields.SystemName, vo, v); break;
                case 0x02 or 0x16 when v.Length >= 4:
                    f.AddUInt(CdpFields.NumberOfAddresses, vo, 4, BinaryPrimitives.ReadUInt32BigEndian(v));
                    break;
                case 0x04 when v.Length >= 4:
                    f.AddUInt(CdpFields.Capabilities, vo, 4, BinaryPrimitives.ReadUInt32BigEndian(v));
                    break;
                case 0x0a when v.Length >= 2:
                    f.AddUInt(CdpFields.NativeVlan, vo, 2, BinaryPrimitives.ReadUInt16BigEndian(v));
                    break;
                case 0x0b when v.Length >= 1:
                    f.AddUInt(CdpFields.Duplex, vo, 1, v[0]);
                    break;
            }
            pos += len;
        }
        return Handoff.Done;
    }

    /// <summary>A text value up to its first NUL (tshark's FT_STRING stops there).</summary>
    internal static void Text(PacketFields f, FieldDef def, int offset, ReadOnlySpan<byte> v) => f.AddBytes(def, offset, Trim(v).Length);

    internal static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> v)
    {
        int z = v.IndexOf((byte)0);
        return z < 0 ? v : v.Slice(0, z);
    }
}

/// <summary>
/// Dynamic Trunk Protocol (SNAP Cisco OUI PID 0x2004): version and TLVs (domain, trunk status and type bits, sender
/// ID). Info "Dynamic Trunk Protocol", as tshark 4.0.
/// </summary>
public sealed class DtpDissector : IDissector
{
    public const ushort Pid = 0x2004;

    public ProtocolDef Protocol => CdpFields.DtpProtocol;

    public void Register(DissectorTables tables) => tables.Get("llc.cisco_pid", "LLC SNAP PID (Cisco OUI)").Add(Pid, this);

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("Dynamic Trunk Protocol");
        if (d.Length < 1) return CdpDissector.Cut(reported, 1, "DTP header");
        f.AddUInt(CdpFields.DtpVersion, o, 1, d[0]);
        int pos = 1;
        while (pos + 4 <= reported)
        {
            if (d.Length < pos + 4) return CdpDissector.Cut(reported, pos + 4, "DTP TLV header");
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos));
            int len = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2));
            // Ethernet padding after the last TLV reads as type 0: tshark stops there too.
            if (type == 0 && len == 0) break;
            f.AddUInt(CdpFields.DtpTlvType, o + pos, 2, type);
            f.AddUInt(CdpFields.DtpTlvLen, o + pos + 2, 2, (ulong)len);
            if (len < 4) return Handoff.Malformed("DTP TLV length below 4");
            if (pos + len > reported) return Handoff.Malformed("DTP TLV runs past the packet");
            if (d.Length < pos + len) return CdpDissector.Cut(reported, pos + len, "DTP TLV");
            var v = d.Slice(pos + 4, len - 4);
            int vo = o + pos + 4;
            switch (type)
            {
                case 1: CdpDissector.Text(f, CdpFields.DtpDomain, vo, v); break;
                case 2 when v.Length >= 1:
                    f.AddUInt(CdpFields.DtpTos, vo, 1, (ulong)(v[0] >> 7));
                    f.AddUInt(CdpFields.DtpTas, vo, 1, (ulong)(v[0] & 7));
                    break;
                case 3 when v.Length >= 1:
                    f.AddUInt(CdpFields.DtpTot, vo, 1, (ulong)(v[0] >> 5));
                    f.AddUInt(CdpFields.DtpTat, vo, 1, (ulong)(v[0] & 7));
                    break;
                case 4 when v.Length >= 6: f.AddBytes(CdpFields.DtpSenderId, vo, 6); break;
            }
            pos += len;
        }
        return Handoff.Done;
    }
}
