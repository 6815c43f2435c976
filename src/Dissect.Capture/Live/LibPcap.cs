using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dissect.Capture.Live;

/// <summary>
/// The libpcap entry points Dissect uses, bound with source-generated P/Invoke. Signatures follow pcap.h of
/// libpcap 1.10 (Debian libpcap0.8). Nothing here is called until a live capture or the interface list is asked
/// for, so the file-reading commands work on a machine without libpcap.
/// </summary>
internal static unsafe partial class LibPcap
{
    internal const string Library = "dissect-libpcap";
    internal const int ErrbufSize = 256;
    internal const uint NetmaskUnknown = 0xffffffff;

    // Error and warning codes (pcap.h).
    internal const int PCAP_ERROR = -1;
    internal const int PCAP_ERROR_BREAK = -2;
    internal const int PCAP_ERROR_NOT_ACTIVATED = -3;
    internal const int PCAP_ERROR_ACTIVATED = -4;
    internal const int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    internal const int PCAP_ERROR_RFMON_NOTSUP = -6;
    internal const int PCAP_ERROR_NOT_RFMON = -7;
    internal const int PCAP_ERROR_PERM_DENIED = -8;
    internal const int PCAP_ERROR_IFACE_NOT_UP = -9;
    internal const int PCAP_ERROR_CANTSET_TSTAMP_TYPE = -10;
    internal const int PCAP_ERROR_PROMISC_PERM_DENIED = -11;
    internal const int PCAP_ERROR_TSTAMP_PRECISION_NOTSUP = -12;
    internal const int PCAP_WARNING = 1;
    internal const int PCAP_WARNING_PROMISC_NOTSUP = 2;
    internal const int PCAP_WARNING_TSTAMP_TYPE_NOTSUP = 3;

    internal const int PCAP_TSTAMP_PRECISION_MICRO = 0;
    internal const int PCAP_TSTAMP_PRECISION_NANO = 1;

    internal const uint PCAP_IF_LOOPBACK = 0x1;
    internal const uint PCAP_IF_UP = 0x2;
    internal const uint PCAP_IF_RUNNING = 0x4;
    internal const uint PCAP_IF_WIRELESS = 0x8;
    internal const uint PCAP_IF_CONNECTION_STATUS = 0x30;

    private static readonly string[] Candidates = ["libpcap.so.1", "libpcap.so.0.8", "libpcap.so", "libpcap.1.dylib", "libpcap.dylib", "wpcap"];
    private static readonly object Gate = new();
    private static bool _resolverSet;
    private static IntPtr _handle;

    /// <summary>Installs the resolver and loads libpcap, or throws <see cref="LiveCaptureException"/> with the
    /// package to install. Call before any other member.</summary>
    internal static void EnsureLoaded()
    {
        lock (Gate)
        {
            EnsureResolver();
            if (_handle != IntPtr.Zero) return;
            foreach (string name in Candidates)
                if (NativeLibrary.TryLoad(name, out IntPtr h)) { _handle = h; break; }
            if (_handle == IntPtr.Zero)
                throw new LiveCaptureException("libpcap not found: install the Debian package libpcap0.8");
        }
    }

    /// <summary>Installs this assembly's resolver for <see cref="Library"/> and <see cref="LibC"/>.</summary>
    internal static void EnsureResolver()
    {
        lock (Gate)
        {
            if (!_resolverSet)
            {
                try
                {
                    NativeLibrary.SetDllImportResolver(typeof(LibPcap).Assembly, Resolve);
                }
                catch (InvalidOperationException)
                {
                    // Another resolver is already set for this assembly; it must then handle our library name.
                }
                _resolverSet = true;
            }
        }
    }

    /// <summary>True when libpcap can be loaded on this machine.</summary>
    internal static bool IsAvailable()
    {
        try { EnsureLoaded(); return true; }
        catch (LiveCaptureException) { return false; }
    }

    internal const string LibC = "dissect-libc";
    private static IntPtr _libc;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name == Library) return _handle;
        if (name == LibC)
        {
            if (_libc == IntPtr.Zero)
                foreach (string n in (string[])["libc.so.6", "libc.so", "libc.dylib", "libc"])
                    if (NativeLibrary.TryLoad(n, out _libc)) break;
            return _libc;
        }
        return IntPtr.Zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct PcapPkthdr
    {
        public nint TvSec;     // struct timeval: time_t
        public nint TvUsec;    // suseconds_t; nanoseconds when the precision is PCAP_TSTAMP_PRECISION_NANO
        public uint CapLen;
        public uint Len;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct PcapStat
    {
        public uint Recv;
        public uint Drop;
        public uint IfDrop;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct PcapIf
    {
        public PcapIf* Next;
        public byte* Name;
        public byte* Description;
        public PcapAddr* Addresses;
        public uint Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct PcapAddr
    {
        public PcapAddr* Next;
        public byte* Addr;
        public byte* Netmask;
        public byte* BroadAddr;
        public byte* DstAddr;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct BpfProgram
    {
        public uint Len;
        public IntPtr Insns;
    }

    [LibraryImport(Library, EntryPoint = "pcap_lib_version")]
    internal static partial byte* pcap_lib_version();

    [LibraryImport(Library, EntryPoint = "pcap_findalldevs")]
    internal static partial int pcap_findalldevs(PcapIf** alldevs, byte* errbuf);

    [LibraryImport(Library, EntryPoint = "pcap_freealldevs")]
    internal static partial void pcap_freealldevs(PcapIf* alldevs);

    [LibraryImport(Library, EntryPoint = "pcap_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr pcap_create(string source, byte* errbuf);

    [LibraryImport(Library, EntryPoint = "pcap_set_snaplen")]
    internal static partial int pcap_set_snaplen(SafePcapHandle p, int snaplen);

    [LibraryImport(Library, EntryPoint = "pcap_set_promisc")]
    internal static partial int pcap_set_promisc(SafePcapHandle p, int promisc);

    [LibraryImport(Library, EntryPoint = "pcap_set_immediate_mode")]
    internal static partial int pcap_set_immediate_mode(SafePcapHandle p, int immediate);

    [LibraryImport(Library, EntryPoint = "pcap_set_buffer_size")]
    internal static partial int pcap_set_buffer_size(SafePcapHandle p, int bufferSize);

    [LibraryImport(Library, EntryPoint = "pcap_set_timeout")]
    internal static partial int pcap_set_timeout(SafePcapHandle p, int ms);

    [LibraryImport(Library, EntryPoint = "pcap_set_tstamp_precision")]
    internal static partial int pcap_set_tstamp_precision(SafePcapHandle p, int precision);

    [LibraryImport(Library, EntryPoint = "pcap_get_tstamp_precision")]
    internal static partial int pcap_get_tstamp_precision(SafePcapHandle p);

    [LibraryImport(Library, EntryPoint = "pcap_activate")]
    internal static partial int pcap_activate(SafePcapHandle p);

    [LibraryImport(Library, EntryPoint = "pcap_geterr")]
    internal static partial byte* pcap_geterr(SafePcapHandle p);

    [LibraryImport(Library, EntryPoint = "pcap_statustostr")]
    internal static partial byte* pcap_statustostr(int error);

    [LibraryImport(Library, EntryPoint = "pcap_compile", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int pcap_compile(SafePcapHandle p, BpfProgram* fp, string str, int optimize, uint netmask);

    [LibraryImport(Library, EntryPoint = "pcap_setfilter")]
    internal static partial int pcap_setfilter(SafePcapHandle p, BpfProgram* fp);

    [LibraryImport(Library, EntryPoint = "pcap_freecode")]
    internal static partial void pcap_freecode(BpfProgram* fp);

    [LibraryImport(Library, EntryPoint = "pcap_datalink")]
    internal static partial int pcap_datalink(SafePcapHandle p);

    [LibraryImport(Library, EntryPoint = "pcap_list_datalinks")]
    internal static partial int pcap_list_datalinks(SafePcapHandle p, int** dltList);

    [LibraryImport(Library, EntryPoint = "pcap_free_datalinks")]
    internal static partial void pcap_free_datalinks(int* dltList);

    [LibraryImport(Library, EntryPoint = "pcap_datalink_val_to_name")]
    internal static partial byte* pcap_datalink_val_to_name(int dlt);

    [LibraryImport(Library, EntryPoint = "pcap_stats")]
    internal static partial int pcap_stats(SafePcapHandle p, PcapStat* ps);

    [LibraryImport(Library, EntryPoint = "pcap_breakloop")]
    internal static partial void pcap_breakloop(SafePcapHandle p);

    [LibraryImport(Library, EntryPoint = "pcap_dispatch")]
    internal static partial int pcap_dispatch(SafePcapHandle p, int cnt,
        delegate* unmanaged[Cdecl]<byte*, PcapPkthdr*, byte*, void> callback, byte* user);

    [LibraryImport(Library, EntryPoint = "pcap_close")]
    internal static partial void pcap_close(IntPtr p);

    internal static string? Utf8(byte* s) => s == null ? null : Marshal.PtrToStringUTF8((IntPtr)s);

    internal static string LastError(SafePcapHandle p) => Utf8(pcap_geterr(p)) ?? "unknown libpcap error";

    /// <summary>The libpcap version string, e.g. "libpcap version 1.10.3 (with TPACKET_V3)".</summary>
    internal static string Version()
    {
        EnsureLoaded();
        return Utf8(pcap_lib_version()) ?? "libpcap";
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static string ErrorText(byte* errbuf)
    {
        string s = Marshal.PtrToStringUTF8((IntPtr)errbuf) ?? "";
        return s.Length == 0 ? "unknown libpcap error" : s;
    }
}

/// <summary>Owns one pcap_t*; closing it calls pcap_close.</summary>
public sealed class SafePcapHandle : SafeHandle
{
    public SafePcapHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    internal SafePcapHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibPcap.pcap_close(handle);
        return true;
    }
}

/// <summary>A live capture that cannot start or continue. The message is one user-facing line.</summary>
public sealed class LiveCaptureException : Exception
{
    public LiveCaptureException(string message) : base(message) { }
    public LiveCaptureException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The pcap_activate status (PCAP_ERROR_* or PCAP_WARNING_*), or 0 when not from activation.</summary>
    public int Status { get; init; }
}
