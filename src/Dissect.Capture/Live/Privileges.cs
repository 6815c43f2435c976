using System.Runtime.InteropServices;

namespace Dissect.Capture.Live;

/// <summary>
/// Drops root after the capture handles are open (<c>-Z USER</c>, as tcpdump), so that parsing hostile traffic
/// never runs as root: initgroups, setgid, setuid to the user's ids from getpwnam, then a check that root cannot
/// be regained.
/// </summary>
public static unsafe partial class Privileges
{
    [LibraryImport(LibPcap.LibC, EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial Passwd* getpwnam(string name);

    [LibraryImport(LibPcap.LibC, EntryPoint = "initgroups", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int initgroups(string user, uint group);

    [LibraryImport(LibPcap.LibC, EntryPoint = "setgid", SetLastError = true)]
    private static partial int setgid(uint gid);

    [LibraryImport(LibPcap.LibC, EntryPoint = "setuid", SetLastError = true)]
    private static partial int setuid(uint uid);

    [LibraryImport(LibPcap.LibC, EntryPoint = "geteuid")]
    private static partial uint geteuid();

    [LibraryImport(LibPcap.LibC, EntryPoint = "getuid")]
    private static partial uint getuid();

    [LibraryImport(LibPcap.LibC, EntryPoint = "getegid")]
    private static partial uint getegid();

    // struct passwd (glibc, and the leading members on the BSDs): pw_name, pw_passwd, pw_uid, pw_gid, ...
    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public byte* Name;
        public byte* Password;
        public uint Uid;
        public uint Gid;
    }

    /// <summary>Effective user id of this process.</summary>
    public static uint EffectiveUserId { get { LibPcap.EnsureResolver(); return geteuid(); } }

    /// <summary>Effective group id of this process.</summary>
    public static uint EffectiveGroupId { get { LibPcap.EnsureResolver(); return getegid(); } }

    /// <summary>True when running as root (real or effective).</summary>
    public static bool IsRoot { get { LibPcap.EnsureResolver(); return geteuid() == 0 || getuid() == 0; } }

    /// <summary>
    /// Becomes <paramref name="user"/> for the whole process (every thread). Does nothing and returns false when
    /// not running as root (a binary given capabilities with setcap has nothing to drop). Throws
    /// <see cref="LiveCaptureException"/> (one line) for an unknown user or a failed call.
    /// </summary>
    public static bool DropTo(string user)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
            throw new LiveCaptureException("-Z is supported on Unix only");
        LibPcap.EnsureResolver();
        if (geteuid() != 0 && getuid() != 0) return false;
        Passwd* pw = getpwnam(user);
        if (pw == null)
            throw new LiveCaptureException($"cannot drop privileges: unknown user \"{user}\"");
        uint uid = pw->Uid, gid = pw->Gid;
        string name = LibPcap.Utf8(pw->Name) ?? user;
        if (initgroups(name, gid) != 0)
            throw new LiveCaptureException($"cannot drop privileges to {user}: initgroups failed: {Marshal.GetLastPInvokeErrorMessage()}");
        if (setgid(gid) != 0)
            throw new LiveCaptureException($"cannot drop privileges to {user}: setgid({gid}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        if (setuid(uid) != 0)
            throw new LiveCaptureException($"cannot drop privileges to {user}: setuid({uid}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        if (uid != 0 && setuid(0) == 0)
            throw new LiveCaptureException($"cannot drop privileges to {user}: root could be regained after setuid({uid})");
        return true;
    }
}
