using Dissect.Core;

namespace Dissect.Dissectors.Application.OncRpc.Nfs;

/// <summary>nfs.* fields (RFC 1813 NFSv3, RFC 7530/8881 NFSv4 COMPOUND), tshark 4.0's abbrevs and value names.</summary>
public static class NfsFields
{
    public static readonly ProtocolDef Protocol = new("nfs", "Network File System", "NFS");

    internal static readonly string?[] V2Names = ["NULL", "GETATTR", "SETATTR", "ROOT", "LOOKUP", "READLINK", "READ", "WRITECACHE",
        "WRITE", "CREATE", "REMOVE", "RENAME", "LINK", "SYMLINK", "MKDIR", "RMDIR", "READDIR", "STATFS"];
    internal static readonly string?[] V3Names = ["NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ", "WRITE",
        "CREATE", "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS", "FSSTAT", "FSINFO",
        "PATHCONF", "COMMIT"];
    internal static readonly string?[] V4Names = ["NULL", "COMPOUND"];

    /// <summary>NFSv4 operation names (nfs.opcode), index = operation number (3..75), 10044 = ILLEGAL.</summary>
    internal static readonly string?[] OpNames =
    [
        null, null, null, "ACCESS", "CLOSE", "COMMIT", "CREATE", "DELEGPURGE", "DELEGRETURN", "GETATTR", "GETFH", "LINK",
        "LOCK", "LOCKT", "LOCKU", "LOOKUP", "LOOKUPP", "NVERIFY", "OPEN", "OPENATTR", "OPEN_CONFIRM", "OPEN_DOWNGRADE",
        "PUTFH", "PUTPUBFH", "PUTROOTFH", "READ", "READDIR", "READLINK", "REMOVE", "RENAME", "RENEW", "RESTOREFH", "SAVEFH",
        "SECINFO", "SETATTR", "SETCLIENTID", "SETCLIENTID_CONFIRM", "VERIFY", "WRITE", "RELEASE_LOCKOWNER", "BACKCHANNEL_CTL",
        "BIND_CONN_TO_SESSION", "EXCHANGE_ID", "CREATE_SESSION", "DESTROY_SESSION", "FREE_STATEID", "GET_DIR_DELEGATION",
        "GETDEVINFO", "GETDEVLIST", "LAYOUTCOMMIT", "LAYOUTGET", "LAYOUTRETURN", "SECINFO_NO_NAME", "SEQUENCE", "SET_SSV",
        "TEST_STATEID", "WANT_DELEG", "DESTROY_CLIENTID", "RECLAIM_COMPLETE", "ALLOCATE", "COPY", "COPY_NOTIFY", "DEALLOCATE",
        "IO_ADVISE", "LAYOUTERROR", "LAYOUTSTATS", "OFFLOAD_CANCEL", "OFFLOAD_STATUS", "READ_PLUS", "SEEK", "WRITE_SAME",
        "CLONE", "GETXATTR", "SETXATTR", "LISTXATTRS", "REMOVEXATTR",
    ];

    internal static Dictionary<ulong, string> Names(string?[] a)
    {
        var d = new Dictionary<ulong, string>();
        for (int i = 0; i < a.Length; i++) if (a[i] is { } s) d[(ulong)i] = s;
        return d;
    }

    static Dictionary<ulong, string> OpNameMap()
    {
        var d = Names(OpNames);
        d[10044] = "ILLEGAL";
        return d;
    }

    public static readonly Dictionary<ulong, string> Status3Names = new()
    {
        [0] = "NFS3_OK", [1] = "NFS3ERR_PERM", [2] = "NFS3ERR_NOENT", [5] = "NFS3ERR_IO", [6] = "NFS3ERR_NXIO",
        [13] = "NFS3ERR_ACCES", [17] = "NFS3ERR_EXIST", [18] = "NFS3ERR_XDEV", [19] = "NFS3ERR_NODEV", [20] = "NFS3ERR_NOTDIR",
        [21] = "NFS3ERR_ISDIR", [22] = "NFS3ERR_INVAL", [27] = "NFS3ERR_FBIG", [28] = "NFS3ERR_NOSPC", [30] = "NFS3ERR_ROFS",
        [31] = "NFS3ERR_MLINK", [63] = "NFS3ERR_NAMETOOLONG", [66] = "NFS3ERR_NOTEMPTY", [69] = "NFS3ERR_DQUOT",
        [70] = "NFS3ERR_STALE", [71] = "NFS3ERR_REMOTE", [10001] = "NFS3ERR_BADHANDLE", [10002] = "NFS3ERR_NOT_SYNC",
        [10003] = "NFS3ERR_BAD_COOKIE", [10004] = "NFS3ERR_NOTSUPP", [10005] = "NFS3ERR_TOOSMALL",
        [10006] = "NFS3ERR_SERVERFAULT", [10007] = "NFS3ERR_BADTYPE", [10008] = "NFS3ERR_JUKEBOX",
    };

    public static readonly Dictionary<ulong, string> StableNames = new() { [0] = "UNSTABLE", [1] = "DATA_SYNC", [2] = "FILE_SYNC" };
    public static readonly Dictionary<ulong, string> CreateModeNames = new() { [0] = "UNCHECKED", [1] = "GUARDED", [2] = "EXCLUSIVE" };
    public static readonly Dictionary<ulong, string> FileTypeNames = new()
    {
        [1] = "Regular File", [2] = "Directory", [3] = "Block Special Device", [4] = "Character Special Device",
        [5] = "Symbolic Link", [6] = "Socket", [7] = "Named Pipe",
    };

    public static readonly FieldDef ProcedureV2 = new("nfs.procedure_v2", "V2 Procedure", FieldKind.UInt32, valueNames: Names(V2Names));
    public static readonly FieldDef ProcedureV3 = new("nfs.procedure_v3", "V3 Procedure", FieldKind.UInt32, valueNames: Names(V3Names));
    public static readonly FieldDef ProcedureV4 = new("nfs.procedure_v4", "V4 Procedure", FieldKind.UInt32, valueNames: Names(V4Names));

    public static readonly FieldDef FhLength = new("nfs.fh.length", "length", FieldKind.UInt32);
    public static readonly FieldDef FhHash = new("nfs.fh.hash", "hash (CRC-32)", FieldKind.UInt32, FieldBase.Hex);
    public static readonly FieldDef Name = new("nfs.name", "Name", FieldKind.String);
    public static readonly FieldDef Status3 = new("nfs.status3", "Status", FieldKind.UInt32, valueNames: Status3Names);
    public static readonly FieldDef Offset3 = new("nfs.offset3", "offset", FieldKind.UInt64);
    public static readonly FieldDef Count3 = new("nfs.count3", "count", FieldKind.UInt32);
    public static readonly FieldDef Stable = new("nfs.write.stable", "Stable", FieldKind.UInt32, valueNames: StableNames);
    public static readonly FieldDef Committed = new("nfs.write.committed", "Committed", FieldKind.UInt32, valueNames: StableNames);
    public static readonly FieldDef CreateMode = new("nfs.createmode", "Create Mode", FieldKind.UInt32, valueNames: CreateModeNames);
    public static readonly FieldDef SymlinkTo = new("nfs.symlink.to", "To", FieldKind.String);
    public static readonly FieldDef ReadlinkData = new("nfs.readlink.data", "Data", FieldKind.String);
    public static readonly FieldDef AccessCheck = new("nfs.access_check", "Check access", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef AccessRights = new("nfs.access_rights", "Access rights (of requested)", FieldKind.UInt8, FieldBase.Hex);
    public static readonly FieldDef Fattr3Type = new("nfs.fattr3.type", "Type", FieldKind.UInt32, valueNames: FileTypeNames);
    public static readonly FieldDef Mode3 = new("nfs.mode3", "Mode", FieldKind.UInt32, FieldBase.Oct);
    public static readonly FieldDef Fattr3Nlink = new("nfs.fattr3.nlink", "nlink", FieldKind.UInt32);
    public static readonly FieldDef Fattr3Uid = new("nfs.fattr3.uid", "uid", FieldKind.UInt32);
    public static readonly FieldDef Fattr3Gid = new("nfs.fattr3.gid", "gid", FieldKind.UInt32);
    public static readonly FieldDef Fattr3Size = new("nfs.fattr3.size", "size", FieldKind.UInt64);
    public static readonly FieldDef Fattr3FileId = new("nfs.fattr3.fileid", "fileid", FieldKind.UInt64);
    public static readonly FieldDef ReaddirplusName = new("nfs.readdirplus.entry.name", "Name", FieldKind.String);
    public static readonly FieldDef ReaddirName = new("nfs.readdir.entry3.name", "Name", FieldKind.String);
    public static readonly FieldDef Tag = new("nfs.tag", "Tag", FieldKind.String);
    public static readonly FieldDef MinorVersion = new("nfs.minorversion", "minorversion", FieldKind.UInt32);
    public static readonly FieldDef Opcode = new("nfs.opcode", "Opcode", FieldKind.UInt32, valueNames: OpNameMap());
    public static readonly FieldDef MainOpcode = new("nfs.main_opcode", "Main Opcode", FieldKind.UInt32, valueNames: OpNameMap());
    public static readonly FieldDef Status4 = new("nfs.nfsstat4", "Status", FieldKind.UInt32);

    public static readonly FieldDef[] All =
    [
        ProcedureV2, ProcedureV3, ProcedureV4, FhLength, FhHash, Name, Status3, Offset3, Count3, Stable, Committed, CreateMode,
        SymlinkTo, ReadlinkData, AccessCheck, AccessRights, Fattr3Type, Mode3, Fattr3Nlink, Fattr3Uid, Fattr3Gid, Fattr3Size,
        Fattr3FileId, ReaddirplusName, ReaddirName, Tag, MinorVersion, Opcode, MainOpcode, Status4,
    ];
}

/// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320), the hash tshark shows for file handles ("FH: 0x56d448b4").</summary>
public static class Crc32
{
    static readonly uint[] Table = Build();

    static uint[] Build()
    {
        var t = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFFu;
        foreach (var b in data) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
