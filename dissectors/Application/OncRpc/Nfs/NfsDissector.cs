using Dissect.Core;

namespace Dissect.Dissectors.Application.OncRpc.Nfs;

/// <summary>
/// NFS (program 100003): v2 and v3 procedure names, v3 arguments and results as far as tshark's Info column shows
/// them (file handle CRC-32 "FH: 0x56d448b4", "DH: 0x…/name", ACCESS masks, READ/WRITE offset, length and
/// stability, GETATTR type/mode/uid/gid, READLINK path, READDIR(PLUS) names, error status), v4 COMPOUND tag, minor
/// version and operation codes (arguments walked for the common operations; the walk stops at the first one it
/// does not know).
/// </summary>
public sealed class NfsDissector : RpcProgramDissector
{
    public const uint ProgramNumber = 100003;
    const int MaxFh = 128, MaxName = 4096, MaxEntries = 4096, MaxOps = 128;

    public NfsDissector() : base(NfsFields.Protocol, ProgramNumber) { }

    protected override string?[]? ProcedureNames(uint version) => version switch
    {
        2 => NfsFields.V2Names, 3 => NfsFields.V3Names, 4 => NfsFields.V4Names, _ => null,
    };

    protected override FieldDef? ProcedureField(uint version) => version switch
    {
        2 => NfsFields.ProcedureV2, 3 => NfsFields.ProcedureV3, 4 => NfsFields.ProcedureV4, _ => null,
    };

    // ---- shared XDR items ----

    /// <summary>nfs_fh3 (or a v4 nfs_fh4): length, hash; returns the hash.</summary>
    internal static bool Fh(ref XdrReader r, PacketFields f, out uint hash)
    {
        hash = 0;
        int at = r.Offset;
        if (!r.TryOpaque(out var fh, out int fhAt, MaxFh)) return false;
        f.AddUInt(NfsFields.FhLength, at, 4, (ulong)fh.Length);
        hash = Crc32.Compute(fh);
        f.AddUInt(NfsFields.FhHash, fhAt, fh.Length, hash);
        return true;
    }

    static bool Name(ref XdrReader r, PacketFields f, FieldDef def, out ReadOnlySpan<byte> name)
    {
        if (!r.TryOpaque(out name, out int at, MaxName)) return false;
        f.AddBytes(def, at, name.Length);
        return true;
    }

    static void AppendFh(TextColumn? info, string label, uint hash)
    {
        if (info is null) return;
        info.Append(label).AppendHex(hash, 8);
    }

    /// <summary>diropargs3: directory handle and name; Info "DH: 0x…/name".</summary>
    static bool DirOp(ref XdrReader r, PacketFields f, TextColumn? info, string label)
    {
        if (!Fh(ref r, f, out uint dh)) return false;
        if (!Name(ref r, f, NfsFields.Name, out var name)) return false;
        if (info is not null) { AppendFh(info, label, dh); info.Append('/').AppendAscii(name); }
        return true;
    }

    static bool Fattr3(ref XdrReader r, PacketFields f, TextColumn? info)
    {
        int at = r.Offset;
        if (!r.TryU32(out uint type)) return false;
        f.AddUInt(NfsFields.Fattr3Type, at, 4, type);
        at = r.Offset;
        if (!r.TryU32(out uint mode)) return false;
        f.AddUInt(NfsFields.Mode3, at, 4, mode);
        at = r.Offset;
        if (!r.TryU32(out uint nlink)) return false;
        f.AddUInt(NfsFields.Fattr3Nlink, at, 4, nlink);
        at = r.Offset;
        if (!r.TryU32(out uint uid)) return false;
        f.AddUInt(NfsFields.Fattr3Uid, at, 4, uid);
        at = r.Offset;
        if (!r.TryU32(out uint gid)) return false;
        f.AddUInt(NfsFields.Fattr3Gid, at, 4, gid);
        at = r.Offset;
        if (!r.TryU64(out ulong size)) return false;
        f.AddUInt(NfsFields.Fattr3Size, at, 8, size);
        if (!r.TrySkip(8 + 8 + 8)) return false;   // used, rdev, fsid
        at = r.Offset;
        if (!r.TryU64(out ulong fileid)) return false;
        f.AddUInt(NfsFields.Fattr3FileId, at, 8, fileid);
        if (!r.TrySkip(24)) return false;          // atime, mtime, ctime
        if (info is not null)
        {
            info.Append("  ");
            if (NfsFields.FileTypeNames.TryGetValue(type, out var tn)) info.Append(tn);
            else info.Append("Unknown");
            Span<char> oct = stackalloc char[8];
            info.Append(" mode: ").Append(Octal4(mode & 0xFFF, oct)).Append(" uid: ").Append((ulong)uid).Append(" gid: ").Append((ulong)gid);
        }
        return true;
    }

    static ReadOnlySpan<char> Octal4(uint v, Span<char> buf)
    {
        for (int i = 3; i >= 0; i--) { buf[i] = (char)('0' + (v & 7)); v >>= 3; }
        return buf.Slice(0, 4);
    }

    static bool PostOpAttr(ref XdrReader r, PacketFields f, TextColumn? info = null)
    {
        if (!r.TryBool(out bool follows)) return false;
        return !follows || Fattr3(ref r, f, info);
    }

    static bool WccData(ref XdrReader r, PacketFields f)
    {
        if (!r.TryBool(out bool pre)) return false;
        if (pre && !r.TrySkip(24)) return false;
        return PostOpAttr(ref r, f);
    }

    static bool Sattr3(ref XdrReader r)
    {
        for (int i = 0; i < 3; i++)   // mode, uid, gid
        {
            if (!r.TryBool(out bool set)) return false;
            if (set && !r.TrySkip(4)) return false;
        }
        if (!r.TryBool(out bool setSize)) return false;
        if (setSize && !r.TrySkip(8)) return false;
        for (int i = 0; i < 2; i++)   // atime, mtime: SET_TO_CLIENT_TIME carries a time
        {
            if (!r.TryU32(out uint how)) return false;
            if (how == 2 && !r.TrySkip(8)) return false;
        }
        return true;
    }

    static void AppendAccess(TextColumn info, uint mask)
    {
        ReadOnlySpan<string> names = ["RD", "LU", "MD", "XT", "DL", "XE", "XAR", "XAW", "XAL"];
        bool first = true;
        for (int i = 0; i < names.Length; i++)
        {
            if ((mask & (1u << i)) == 0) continue;
            if (!first) info.Append(' ');
            info.Append(names[i]);
            first = false;
        }
    }

    // ---- calls ----

    protected override bool DissectCall(ref XdrReader r, DissectContext ctx, RpcMessage m)
    {
        var f = ctx.Fields;
        var info = ctx.WantColumns ? ctx.Columns.Info : null;
        if (m.Version == 4) return CompoundCall(ref r, f, info);
        if (m.Version != 3) return true;
        uint h;
        switch (m.Procedure)
        {
            case 1: case 5: case 16: case 17: case 18: case 19: case 20:   // GETATTR READLINK READDIR(PLUS) FSSTAT FSINFO PATHCONF
                if (!Fh(ref r, f, out h)) return false;
                AppendFh(info, ", FH: ", h);
                return true;
            case 2:   // SETATTR
                if (!Fh(ref r, f, out h)) return false;
                AppendFh(info, ", FH: ", h);
                return true;
            case 3: case 9: case 11: case 12: case 13:   // LOOKUP MKDIR MKNOD REMOVE RMDIR
                return DirOp(ref r, f, info, ", DH: ");
            case 4:   // ACCESS
            {
                if (!Fh(ref r, f, out h)) return false;
                int at = r.Offset;
                if (!r.TryU32(out uint check)) return false;
                f.AddUInt(NfsFields.AccessCheck, at, 4, check);
                m.KeepForReply(check);
                if (info is not null) { AppendFh(info, ", FH: ", h); info.Append(", [Check: "); AppendAccess(info, check); info.Append(']'); }
                return true;
            }
            case 6: case 7: case 21:   // READ WRITE COMMIT
            {
                if (!Fh(ref r, f, out h)) return false;
                AppendFh(info, ", FH: ", h);
                int at = r.Offset;
                if (!r.TryU64(out ulong offset)) return false;
                f.AddUInt(NfsFields.Offset3, at, 8, offset);
                at = r.Offset;
                if (!r.TryU32(out uint count)) return false;
                f.AddUInt(NfsFields.Count3, at, 4, count);
                info?.Append(" Offset: ").Append(offset).Append(" Len: ").Append((ulong)count);
                if (m.Procedure == 7)
                {
                    at = r.Offset;
                    if (!r.TryU32(out uint stable)) return false;
                    f.AddUInt(NfsFields.Stable, at, 4, stable);
                    if (info is not null && NfsFields.StableNames.TryGetValue(stable, out var sn)) info.Append(' ').Append(sn);
                }
                return true;
            }
            case 8:   // CREATE
            {
                if (!DirOp(ref r, f, info, ", DH: ")) return false;
                int at = r.Offset;
                if (!r.TryU32(out uint mode)) return false;
                f.AddUInt(NfsFields.CreateMode, at, 4, mode);
                if (info is not null && NfsFields.CreateModeNames.TryGetValue(mode, out var mn)) info.Append(" Mode: ").Append(mn);
                return true;
            }
            case 10:   // SYMLINK
            {
                if (!DirOp(ref r, f, info, ", From DH: ")) return false;
                if (!Sattr3(ref r)) return false;
                if (!Name(ref r, f, NfsFields.SymlinkTo, out var to)) return false;
                info?.Append(" To ").AppendAscii(to);
                return true;
            }
            case 14:   // RENAME
                return DirOp(ref r, f, info, ", From DH: ") && DirOp(ref r, f, info, " To DH: ");
            case 15:   // LINK
                if (!Fh(ref r, f, out h)) return false;
                AppendFh(info, ", From DH: ", h);
                return DirOp(ref r, f, info, " To DH: ");
            default:
                return true;
        }
    }

    // ---- replies ----

    protected override bool DissectReply(ref XdrReader r, DissectContext ctx, RpcMessage m)
    {
        var f = ctx.Fields;
        var info = ctx.WantColumns ? ctx.Columns.Info : null;
        if (m.Version == 4) return CompoundReply(ref r, f, info);
        if (m.Version != 3 || m.Procedure == 0) return true;
        int at = r.Offset;
        if (!r.TryU32(out uint status)) return false;
        f.AddUInt(NfsFields.Status3, at, 4, status);
        if (status != 0)
        {
            if (info is not null)
            {
                info.Append(" Error: ");
                if (NfsFields.Status3Names.TryGetValue(status, out var sn)) info.Append(sn);
                else info.Append("Unknown (").Append((ulong)status).Append(')');
            }
            return true;
        }
        switch (m.Procedure)
        {
            case 1:   // GETATTR
                return Fattr3(ref r, f, info);
            case 3:   // LOOKUP
            {
                if (!Fh(ref r, f, out uint h)) return false;
                AppendFh(info, ", FH: ", h);
                return PostOpAttr(ref r, f) && PostOpAttr(ref r, f);
            }
            case 4:   // ACCESS
            {
                if (!PostOpAttr(ref r, f)) return false;
                at = r.Offset;
                if (!r.TryU32(out uint allowed)) return false;
                f.AddUInt(NfsFields.AccessRights, at, 4, allowed);
                if (info is not null)
                {
                    uint denied = m.Match.Private & ~allowed;
                    if (denied != 0) { info.Append(", [Access Denied: "); AppendAccess(info, denied); info.Append(']'); }
                    info.Append(", [Allowed: "); AppendAccess(info, allowed); info.Append(']');
                }
                return true;
            }
            case 5:   // READLINK
            {
                if (!PostOpAttr(ref r, f)) return false;
                if (!Name(ref r, f, NfsFields.ReadlinkData, out var path)) return false;
                info?.Append(" Path: ").AppendAscii(path);
                return true;
            }
            case 6:   // READ
            {
                if (!PostOpAttr(ref r, f)) return false;
                at = r.Offset;
                if (!r.TryU32(out uint count)) return false;
                f.AddUInt(NfsFields.Count3, at, 4, count);
                if (!r.TryBool(out bool eof)) return false;
                info?.Append(" Len: ").Append((ulong)count);
                if (eof) info?.Append(" EOF");
                return true;
            }
            case 7:   // WRITE
            {
                if (!WccData(ref r, f)) return false;
                at = r.Offset;
                if (!r.TryU32(out uint count)) return false;
                f.AddUInt(NfsFields.Count3, at, 4, count);
                at = r.Offset;
                if (!r.TryU32(out uint committed)) return false;
                f.AddUInt(NfsFields.Committed, at, 4, committed);
                info?.Append(" Len: ").Append((ulong)count);
                if (info is not null && NfsFields.StableNames.TryGetValue(committed, out var cn)) info.Append(' ').Append(cn);
                return true;
            }
            case 16: case 17:   // READDIR, READDIRPLUS: entry names
            {
                if (!PostOpAttr(ref r, f) || !r.TrySkip(8)) return false;
                bool plus = m.Procedure == 17;
                for (int i = 0; i < MaxEntries; i++)
                {
                    if (!r.TryBool(out bool more)) return false;
                    if (!more) break;
                    if (!r.TrySkip(8)) return false;   // fileid
                    if (!Name(ref r, f, plus ? NfsFields.ReaddirplusName : NfsFields.ReaddirName, out var name)) return false;
                    info?.Append(' ').AppendAscii(name);
                    if (!r.TrySkip(8)) return false;   // cookie
                    if (plus)
                    {
                        if (!PostOpAttr(ref r, f)) return false;
                        if (!r.TryBool(out bool hasFh)) return false;
                        if (hasFh && !Fh(ref r, f, out _)) return false;
                    }
                }
                return true;
            }
            default:
                return true;
        }
    }

    // ---- NFSv4 COMPOUND ----

    static bool CompoundHeader(ref XdrReader r, PacketFields f, bool reply, out uint count)
    {
        count = 0;
        if (reply)
        {
            int s = r.Offset;
            if (!r.TryU32(out uint status)) return false;
            f.AddUInt(NfsFields.Status4, s, 4, status);
        }
        if (!Name(ref r, f, NfsFields.Tag, out _)) return false;
        if (!reply)
        {
            int at = r.Offset;
            if (!r.TryU32(out uint minor)) return false;
            f.AddUInt(NfsFields.MinorVersion, at, 4, minor);
        }
        return r.TryU32(out count);
    }

    static bool IsPlumbing(uint op) => op is 53 or 22 or 23 or 24;   // SEQUENCE, PUTFH, PUTPUBFH, PUTROOTFH

    static void AppendMain(TextColumn? info, PacketFields f, uint op)
    {
        f.AddUInt(NfsFields.MainOpcode, -1, 0, op);
        if (info is null) return;
        info.Append(' ');
        if (op < (uint)NfsFields.OpNames.Length && NfsFields.OpNames[op] is { } n) info.Append(n);
        else info.Append("Unknown (").Append((ulong)op).Append(')');
    }

    static bool CompoundCall(ref XdrReader r, PacketFields f, TextColumn? info)
    {
        if (!CompoundHeader(ref r, f, reply: false, out uint count)) return false;
        uint main = uint.MaxValue, last = uint.MaxValue;
        for (uint i = 0; i < count && i < MaxOps; i++)
        {
            int at = r.Offset;
            if (!r.TryU32(out uint op)) return false;
            f.AddUInt(NfsFields.Opcode, at, 4, op);
            last = op;
            if (main == uint.MaxValue && !IsPlumbing(op)) main = op;
            if (!SkipOpArgs(ref r, f, op, out bool known)) return false;
            if (!known) break;
        }
        if (main == uint.MaxValue) main = last;
        if (main != uint.MaxValue) AppendMain(info, f, main);
        return true;
    }

    /// <summary>Walks the arguments of the operations whose layout is fixed or simple; <paramref name="known"/> is
    /// false for the others (the walk stops there).</summary>
    static bool SkipOpArgs(ref XdrReader r, PacketFields f, uint op, out bool known)
    {
        known = true;
        switch (op)
        {
            case 10: case 16: case 23: case 24: case 27: case 31: case 32: return true;   // GETFH LOOKUPP PUTPUBFH PUTROOTFH READLINK RESTOREFH SAVEFH
            case 22: return Fh(ref r, f, out _);                                      // PUTFH
            case 9: return Bitmap(ref r);                                             // GETATTR
            case 3: return r.TrySkip(4);                                              // ACCESS
            case 15: case 28: case 33: return Name(ref r, f, NfsFields.Name, out _);   // LOOKUP REMOVE SECINFO
            case 53: return r.TrySkip(16 + 4 + 4 + 4 + 4);                            // SEQUENCE
            case 30: case 57: return r.TrySkip(8);                                    // RENEW DESTROY_CLIENTID
            case 25: return r.TrySkip(16 + 8 + 4);                                    // READ
            case 4: return r.TrySkip(4 + 16);                                         // CLOSE
            case 5: return r.TrySkip(8 + 4);                                          // COMMIT
            case 8: case 44: case 45: return r.TrySkip(16);                           // DELEGRETURN DESTROY_SESSION FREE_STATEID
            case 52: case 58: return r.TrySkip(4);                                    // SECINFO_NO_NAME RECLAIM_COMPLETE
            case 26: return r.TrySkip(8 + 8 + 4 + 4) && Bitmap(ref r);                // READDIR
            case 38: return r.TrySkip(16 + 8 + 4) && r.TryOpaque(out _, out _);       // WRITE
            default: known = false; return true;
        }
    }

    static bool Bitmap(ref XdrReader r)
    {
        if (!r.TryU32(out uint n)) return false;
        if (n > 64) { r.SetMalformed(); return false; }
        return r.TrySkip((int)n * 4);
    }

    static bool CompoundReply(ref XdrReader r, PacketFields f, TextColumn? info)
    {
        if (!CompoundHeader(ref r, f, reply: true, out uint count)) return false;
        uint main = uint.MaxValue, last = uint.MaxValue;
        for (uint i = 0; i < count && i < MaxOps; i++)
        {
            int at = r.Offset;
            if (!r.TryU32(out uint op)) return false;
            f.AddUInt(NfsFields.Opcode, at, 4, op);
            last = op;
            if (main == uint.MaxValue && !IsPlumbing(op)) main = op;
            at = r.Offset;
            if (!r.TryU32(out uint status)) return false;
            f.AddUInt(NfsFields.Status4, at, 4, status);
            if (status != 0) break;   // the compound stops at the first failing operation
            bool known = true;
            bool ok = op switch
            {
                22 or 23 or 24 or 31 or 32 or 15 or 16 or 30 or 58 or 44 or 57 => true,
                53 => r.TrySkip(16 + 4 * 5),
                10 => Fh(ref r, f, out _),
                3 => r.TrySkip(8),
                9 => Bitmap(ref r) && r.TryOpaque(out _, out _),
                4 => r.TrySkip(16),
                5 => r.TrySkip(8),
                _ => known = false,
            };
            if (!ok && known) return false;
            if (!known) break;
        }
        if (main == uint.MaxValue) main = last;
        if (main != uint.MaxValue) AppendMain(info, f, main);
        return true;
    }
}
