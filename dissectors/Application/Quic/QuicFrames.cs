using Dissect.Core;

namespace Dissect.Dissectors.Application.Quic;

/// <summary>The frames of a decrypted QUIC payload (RFC 9000 section 19). Offsets are relative to the payload,
/// which the caller has made the current data source. Never throws: a frame cut short ends the walk with an
/// expert item.</summary>
public static class QuicFrames
{
    public static void Parse(ReadOnlySpan<byte> p, DissectContext ctx, QuicCryptoStream? crypto)
    {
        var f = ctx.Fields;
        bool cols = ctx.WantColumns;
        var info = ctx.Columns.Info;
        var r = new WireReader(p);
        while (r.Remaining > 0)
        {
            int start = r.Position;
            if (!QuicDissector.VarInt(ref r, out ulong type)) break;
            int typeLen = r.Position - start;
            int tree = f.BeginTree(QuicFields.Frame, start, 0);
            f.AddUInt(QuicFields.FrameType, start, typeLen, type);
            if (cols) info.Append(", ").Append(QuicFrameTypes.Name(type));
            bool ok = Body(ref r, f, type, start, crypto);
            f.SetLength(tree, r.Position - start);
            f.EndTree(tree);
            if (!ok)
            {
                f.AddFlag(FrameFields.Malformed, start, p.Length - start, "QUIC frame runs past the payload");
                return;
            }
        }
    }

    static bool V(ref WireReader r, PacketFields f, FieldDef def, out ulong v)
    {
        int s = r.Position;
        if (!QuicDissector.VarInt(ref r, out v)) return false;
        f.AddUInt(def, s, r.Position - s, v);
        return true;
    }

    static bool V(ref WireReader r, PacketFields f, FieldDef def) => V(ref r, f, def, out _);

    static bool Bytes(ref WireReader r, PacketFields f, FieldDef def, ulong n)
    {
        if (n > int.MaxValue) return false;
        int s = r.Position;
        if (!r.TrySkip((int)n)) return false;
        f.AddBytes(def, s, (int)n);
        return true;
    }

    static bool Body(ref WireReader r, PacketFields f, ulong type, int start, QuicCryptoStream? crypto)
    {
        switch (type)
        {
            case 0x00:
            {
                // One PADDING entry for the whole run of zero bytes, as Wireshark shows it.
                int n = 1;
                var rest = r.Rest;
                while (n - 1 < rest.Length && rest[n - 1] == 0) n++;
                r.Position += n - 1;
                f.AddUInt(QuicFields.PaddingLength, start, n, (ulong)n);
                return true;
            }
            case 0x01: case 0x1e: return true;
            case 0x02: case 0x03:
            {
                if (!V(ref r, f, QuicFields.AckLargest) || !V(ref r, f, QuicFields.AckDelay) ||
                    !V(ref r, f, QuicFields.AckRangeCount, out ulong count) || !V(ref r, f, QuicFields.AckFirstRange)) return false;
                for (ulong i = 0; i < count; i++)
                    if (!V(ref r, f, QuicFields.AckGap) || !V(ref r, f, QuicFields.AckRange)) return false;
                if (type == 0x03 && (!V(ref r, f, QuicFields.AckEct0) || !V(ref r, f, QuicFields.AckEct1) || !V(ref r, f, QuicFields.AckEcnCe))) return false;
                return true;
            }
            case 0x04: return V(ref r, f, QuicFields.RstsStreamId) && V(ref r, f, QuicFields.RstsError) && V(ref r, f, QuicFields.RstsFinalSize);
            case 0x05: return V(ref r, f, QuicFields.SsStreamId) && V(ref r, f, QuicFields.SsError);
            case 0x06:
            {
                if (!V(ref r, f, QuicFields.CryptoOffset, out ulong off) || !V(ref r, f, QuicFields.CryptoLength, out ulong len)) return false;
                if (len > int.MaxValue) return false;
                int s = r.Position;
                if (!r.TryBytes((int)len, out var data)) return false;
                f.AddFlag(QuicFields.CryptoData, s, (int)len);
                crypto?.Add(off, data);
                return true;
            }
            case 0x07: return V(ref r, f, QuicFields.NtLength, out ulong tl) && Bytes(ref r, f, QuicFields.NtToken, tl);
            case >= 0x08 and <= 0x0f:
            {
                f.AddBool(QuicFields.StreamFin, start, 1, (type & 1) != 0);
                if (!V(ref r, f, QuicFields.StreamId)) return false;
                if ((type & 4) != 0 && !V(ref r, f, QuicFields.StreamOffset)) return false;
                ulong len = (ulong)r.Remaining;
                if ((type & 2) != 0 && !V(ref r, f, QuicFields.StreamLength, out len)) return false;
                return Bytes(ref r, f, QuicFields.StreamData, len);
            }
            case 0x10: return V(ref r, f, QuicFields.MaxData);
            case 0x11: return V(ref r, f, QuicFields.MsdStreamId) && V(ref r, f, QuicFields.MsdMax);
            case 0x12: case 0x13: return V(ref r, f, QuicFields.MaxStreams);
            case 0x14: return V(ref r, f, QuicFields.DataBlocked);
            case 0x15: return V(ref r, f, QuicFields.SdbStreamId) && V(ref r, f, QuicFields.DataBlocked);
            case 0x16: case 0x17: return V(ref r, f, QuicFields.StreamsBlocked);
            case 0x18:
            {
                if (!V(ref r, f, QuicFields.NciSequence) || !V(ref r, f, QuicFields.NciRetirePriorTo)) return false;
                int s = r.Position;
                if (!r.TryU8(out byte cl)) return false;
                f.AddUInt(QuicFields.NciCidLength, s, 1, cl);
                return Bytes(ref r, f, QuicFields.NciCid, cl) && Bytes(ref r, f, QuicFields.NciResetToken, 16);
            }
            case 0x19: return V(ref r, f, QuicFields.RciSequence);
            case 0x1a: return Bytes(ref r, f, QuicFields.PathChallenge, 8);
            case 0x1b: return Bytes(ref r, f, QuicFields.PathResponse, 8);
            case 0x1c: case 0x1d:
            {
                int s = r.Position;
                if (!QuicDissector.VarInt(ref r, out ulong code)) return false;
                if (type == 0x1d) f.AddUInt(QuicFields.CcErrorCodeApp, s, r.Position - s, code);
                else
                {
                    f.AddUInt(QuicFields.CcErrorCode, s, r.Position - s, code);
                    if (code is >= 0x100 and <= 0x1ff) f.AddUInt(QuicFields.CcTlsAlert, s, r.Position - s, code & 0xff);
                    if (!V(ref r, f, QuicFields.CcFrameType)) return false;
                }
                if (!V(ref r, f, QuicFields.CcReasonLength, out ulong rl) || rl > int.MaxValue) return false;
                return Bytes(ref r, f, QuicFields.CcReason, rl);
            }
            case 0x30: return Bytes(ref r, f, QuicFields.Dg, (ulong)r.Remaining);
            case 0x31: return V(ref r, f, QuicFields.DgLength, out ulong dl) && Bytes(ref r, f, QuicFields.Dg, dl);
            default:
                // Unknown type: its length is unknown too, so the rest of the payload is not walked.
                f.AddFlag(QuicFields.UnknownFrame, start, r.Remaining + (r.Position - start), "Unknown frame type");
                r.Position = r.Length;
                return true;
        }
    }
}
