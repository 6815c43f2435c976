using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Link.Nflog;

/// <summary>
/// NFLOG records: a 4-byte header (family, version, resource id, big-endian) then TLVs whose length and type are
/// in host byte order (little-endian on the machines that write these files), each padded to 4 bytes. The
/// NFULA_PAYLOAD TLV (9) holds the packet: IPv4 or IPv6 by family.
/// </summary>
public sealed class NflogDissector : IDissector
{
    public const int LinkTypeNflog = 239;
    const ushort PayloadType = 9, PrefixType = 10;
    DissectorTable _ethertype = null!;

    public ProtocolDef Protocol => NflogFields.Protocol;

    public void Register(DissectorTables tables)
    {
        _ethertype = tables.Get("ethertype", "Ethertype");
        tables.LinkType.Add(LinkTypeNflog, this);
    }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var r = tvb.Reader();
        var f = ctx.Fields;
        int o = tvb.Offset;
        if (!r.TryU8(out byte family) || !r.TryU8(out byte version) || !r.TryU16(out ushort resId))
            return Handoff.Stop(r.Status, "NFLOG header needs 4 bytes");
        f.AddUInt(NflogFields.Family, o, 1, family);
        f.AddUInt(NflogFields.Version, o + 1, 1, version);
        f.AddUInt(NflogFields.ResourceId, o + 2, 2, resId);
        if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("NFLOG");
        var span = tvb.Span;
        while (r.Remaining > 0)
        {
            int at = r.Position;
            if (!r.Need(4)) return Handoff.Stop(r.Status, "NFLOG TLV header cut short");
            ushort len = BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(at));
            ushort type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(at + 2)) & 0x7fff);
            if (len < 4) return Handoff.Malformed($"NFLOG TLV length {len} < 4");
            int tree = f.BeginTree(NflogFields.Tlv, o + at, len);
            f.AddUInt(NflogFields.TlvLength, o + at, 2, len);
            f.AddUInt(NflogFields.TlvType, o + at + 2, 2, type);
            f.EndTree(tree);
            if (type == PayloadType)
            {
                int payRep = Math.Min(len - 4, tvb.Reported - at - 4);
                ushort ethertype = family == 10 ? (ushort)0x86DD : (ushort)0x0800;
                return Handoff.To(_ethertype, ethertype, o + at + 4, Math.Max(0, payRep));
            }
            if (type == PrefixType && r.Remaining >= len)
            {
                var v = span.Slice(at + 4, len - 4);
                int nul = v.IndexOf((byte)0);
                f.AddBytes(NflogFields.Prefix, o + at + 4, nul >= 0 ? nul : v.Length);
            }
            int padded = (len + 3) & ~3;
            if (!r.TrySkip(Math.Min(padded, Math.Max(r.Remaining, len)))) return Handoff.Stop(r.Status, $"NFLOG TLV of {len} bytes cut short");
        }
        return Handoff.Done;
    }
}
