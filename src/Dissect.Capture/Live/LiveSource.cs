using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dissect.Core;

namespace Dissect.Capture.Live;

/// <summary>How to open one interface.</summary>
public sealed record LiveSourceOptions
{
    /// <summary>Bytes kept of each packet (-s); 0 means libpcap's maximum, 262144.</summary>
    public int SnapLength { get; init; } = 262144;
    /// <summary>Promiscuous mode (on unless -p).</summary>
    public bool Promiscuous { get; init; } = true;
    /// <summary>Kernel capture buffer in MiB (-B); 0 means <see cref="DefaultBufferMiB"/>. (libpcap's own default,
    /// 2 MiB, holds only ~30 packets on <c>lo</c> in immediate mode, where each slot is sized for a 64 KiB MTU.)</summary>
    public int BufferMiB { get; init; }
    public const int DefaultBufferMiB = 16;
    /// <summary>BPF capture filter (-f), or null.</summary>
    public string? Filter { get; init; }
    /// <summary>Deliver packets as they arrive instead of when the kernel buffer block fills.</summary>
    public bool ImmediateMode { get; init; } = true;
    /// <summary>Packet buffer timeout in ms: the longest the capture thread sleeps before it re-checks Stop.</summary>
    public int TimeoutMs { get; init; } = 100;
    /// <summary>Size of Dissect's own ring between the capture thread and the consumer, in MiB.</summary>
    public int RingMiB { get; init; } = 64;
    /// <summary>Packets the ring can hold at most.</summary>
    public int RingSlots { get; init; } = 1 << 19;
    /// <summary>Value given to <see cref="Frame.InterfaceId"/> (pcapng IDB index).</summary>
    public int InterfaceId { get; init; }
}

/// <summary>Counters of one capture. Kernel figures come from pcap_stats; they are cumulative and widened to 64 bits.</summary>
public readonly record struct LiveStatistics(
    long Captured, long ReceivedByKernel, long DroppedByKernel, long DroppedByInterface, long DroppedByRing)
{
    public static LiveStatistics operator +(LiveStatistics a, LiveStatistics b) => new(
        a.Captured + b.Captured, a.ReceivedByKernel + b.ReceivedByKernel, a.DroppedByKernel + b.DroppedByKernel,
        a.DroppedByInterface + b.DroppedByInterface, a.DroppedByRing + b.DroppedByRing);

    /// <summary>tshark's closing line: "N packets captured, N dropped by kernel, N dropped by interface", plus the
    /// ring's drops when there were any (the consumer was too slow).</summary>
    public string SummaryText
    {
        get
        {
            string s = $"{Captured} packet{(Captured == 1 ? "" : "s")} captured, {DroppedByKernel} dropped by kernel, {DroppedByInterface} dropped by interface";
            return DroppedByRing > 0 ? s + $", {DroppedByRing} dropped by Dissect (reader too slow)" : s;
        }
    }
}

/// <summary>
/// A live capture on one interface through libpcap. A capture thread copies every packet out of libpcap's buffer
/// into a bounded ring owned by this object; <see cref="TryRead(out Frame, CancellationToken)"/> hands them out.
/// <para><b>Lifetime of <see cref="Frame.Data"/>:</b> it points into the ring slot and is valid only until the next
/// read from this source (or <see cref="Dispose"/>): copy it to keep it.</para>
/// <para>One consumer thread only. <see cref="Stop"/> may be called from any thread: the capture ends, the packets
/// already in the ring are still returned, then reads return false.</para>
/// </summary>
public sealed unsafe class LiveSource : IPacketSource
{
    private readonly SafePcapHandle _pcap;
    private readonly PacketRing _ring;
    private readonly Doorbell _doorbell;
    private readonly bool _ownsDoorbell;
    private readonly Func<bool> _readyOrDone;
    private readonly object _statsGate = new();
    private readonly bool _nanoseconds;
    private Thread? _thread;
    private GCHandle _self;
    private volatile bool _stopRequested;
    private volatile bool _finished;
    private volatile string? _error;
    private bool _holding;          // the consumer holds the oldest slot (last frame returned)
    private long _number;
    private long _bytes;
    private bool _disposed;
    // pcap_stats widening
    private uint _lastRecv, _lastDrop, _lastIfDrop;
    private long _recv, _drop, _ifDrop;

    private LiveSource(SafePcapHandle pcap, string name, LiveSourceOptions options, int linkType, bool ns,
                       IReadOnlyList<int> linkTypes, IReadOnlyList<string> warnings, Doorbell? doorbell)
    {
        _pcap = pcap;
        Name = name;
        Options = options;
        LinkType = linkType;
        _nanoseconds = ns;
        LinkTypes = linkTypes;
        Warnings = warnings;
        _ring = new PacketRing((int)Math.Min(int.MaxValue - 64L, Math.Max(1, options.RingMiB) * 1024L * 1024L), options.RingSlots);
        _ownsDoorbell = doorbell is null;
        _doorbell = doorbell ?? new Doorbell();
        _readyOrDone = () => _ring.HasData() || _finished;
        Interface = new CaptureInterface
        {
            Id = options.InterfaceId,
            LinkType = linkType,
            SnapLength = options.SnapLength,
            Name = name,
            TicksPerSecond = ns ? 1_000_000_000 : 1_000_000,
            TimestampResolution = ns ? (byte)9 : (byte)6,
            Filter = options.Filter,
        };
    }

    /// <summary>Interface name as given to pcap_create.</summary>
    public string Name { get; }
    public LiveSourceOptions Options { get; }
    /// <summary>LINKTYPE_* of the capture (pcap_datalink).</summary>
    public int LinkType { get; }
    /// <summary>Every link type the interface offers (pcap_list_datalinks).</summary>
    public IReadOnlyList<int> LinkTypes { get; }
    /// <summary>Non-fatal messages from activation (e.g. promiscuous mode not supported).</summary>
    public IReadOnlyList<string> Warnings { get; }
    /// <summary>True when libpcap gives nanosecond timestamps.</summary>
    public bool NanosecondTimestamps => _nanoseconds;
    /// <summary>The interface as a pcapng IDB would describe it.</summary>
    public CaptureInterface Interface { get; }
    /// <summary>Set when the capture thread stopped on an error (one line).</summary>
    public string? Error => _error;
    /// <summary>True once the capture thread has ended (Stop or error); packets may still be waiting in the ring.</summary>
    public bool IsCaptureFinished => _finished;

    /// <summary>
    /// Opens and activates a capture on <paramref name="interfaceName"/> and starts its capture thread.
    /// Throws <see cref="LiveCaptureException"/> with a one-line message: libpcap missing, no permission,
    /// no such interface (listing the available ones), invalid BPF (libpcap's message), and so on.
    /// </summary>
    public static LiveSource Open(string interfaceName, LiveSourceOptions? options = null)
    {
        var src = OpenCore(interfaceName, options ?? new LiveSourceOptions(), null);
        src.Start();
        return src;
    }

    /// <summary>Opens and activates without starting the capture thread (for <see cref="MultiLiveSource"/> and
    /// for dropping privileges between activation and capture).</summary>
    internal static LiveSource OpenCore(string interfaceName, LiveSourceOptions options, Doorbell? doorbell)
    {
        LibPcap.EnsureLoaded();
        byte* errbuf = stackalloc byte[LibPcap.ErrbufSize];
        errbuf[0] = 0;
        IntPtr raw = LibPcap.pcap_create(interfaceName, errbuf);
        if (raw == IntPtr.Zero)
            throw new LiveCaptureException($"cannot open {interfaceName}: {LibPcap.ErrorText(errbuf)}");
        var pcap = new SafePcapHandle(raw);
        try
        {
            int snap = options.SnapLength <= 0 ? 262144 : options.SnapLength;
            Check(pcap, LibPcap.pcap_set_snaplen(pcap, snap), interfaceName, "snapshot length");
            Check(pcap, LibPcap.pcap_set_promisc(pcap, options.Promiscuous ? 1 : 0), interfaceName, "promiscuous mode");
            Check(pcap, LibPcap.pcap_set_timeout(pcap, Math.Max(1, options.TimeoutMs)), interfaceName, "timeout");
            if (options.ImmediateMode)
                Check(pcap, LibPcap.pcap_set_immediate_mode(pcap, 1), interfaceName, "immediate mode");
            int bufferMiB = options.BufferMiB > 0 ? options.BufferMiB : LiveSourceOptions.DefaultBufferMiB;
            Check(pcap, LibPcap.pcap_set_buffer_size(pcap, (int)Math.Min(int.MaxValue, bufferMiB * 1024L * 1024L)), interfaceName, "buffer size");
            // Nanosecond timestamps where the platform offers them; microseconds otherwise.
            LibPcap.pcap_set_tstamp_precision(pcap, LibPcap.PCAP_TSTAMP_PRECISION_NANO);

            int status = LibPcap.pcap_activate(pcap);
            var warnings = new List<string>();
            if (status < 0)
                throw new LiveCaptureException(ActivationMessage(status, interfaceName, LibPcap.LastError(pcap))) { Status = status };
            if (status > 0)
                warnings.Add(ActivationMessage(status, interfaceName, LibPcap.LastError(pcap)));

            bool ns = LibPcap.pcap_get_tstamp_precision(pcap) == LibPcap.PCAP_TSTAMP_PRECISION_NANO;
            int dlt = LibPcap.pcap_datalink(pcap);
            var dlts = new List<int>();
            int* list = null;
            int n = LibPcap.pcap_list_datalinks(pcap, &list);
            if (n > 0 && list != null)
                for (int i = 0; i < n; i++) dlts.Add(list[i]);
            if (list != null) LibPcap.pcap_free_datalinks(list);

            if (!string.IsNullOrWhiteSpace(options.Filter))
                ApplyFilter(pcap, interfaceName, options.Filter);

            return new LiveSource(pcap, interfaceName, options with { SnapLength = snap }, LinkTypeFromDlt(dlt), ns, dlts, warnings, doorbell);
        }
        catch
        {
            pcap.Dispose();
            throw;
        }
    }

    private static void Check(SafePcapHandle pcap, int rc, string iface, string what)
    {
        if (rc != 0)
            throw new LiveCaptureException($"cannot set {what} on {iface}: {ActivationMessage(rc, iface, LibPcap.LastError(pcap))}") { Status = rc };
    }

    private static void ApplyFilter(SafePcapHandle pcap, string iface, string filter)
    {
        LibPcap.BpfProgram prog = default;
        if (LibPcap.pcap_compile(pcap, &prog, filter, 1, LibPcap.NetmaskUnknown) != 0)
            throw new LiveCaptureException($"invalid capture filter \"{filter}\" for {iface}: {LibPcap.LastError(pcap)}");
        try
        {
            if (LibPcap.pcap_setfilter(pcap, &prog) != 0)
                throw new LiveCaptureException($"cannot set capture filter \"{filter}\" on {iface}: {LibPcap.LastError(pcap)}");
        }
        finally
        {
            LibPcap.pcap_freecode(&prog);
        }
    }

    /// <summary>DLT_* to LINKTYPE_*: they are equal except for a few historical values.</summary>
    private static int LinkTypeFromDlt(int dlt) => dlt switch
    {
        12 or 14 => 101,   // DLT_RAW (platform-specific values) → LINKTYPE_RAW
        _ => dlt,
    };

    /// <summary>Turns a pcap_activate (or pcap_set_*) status into one user-facing line.</summary>
    internal static string ActivationMessage(int status, string iface, string detail)
    {
        string Detail(string fallback) => string.IsNullOrWhiteSpace(detail) ? fallback : detail;
        return status switch
        {
            LibPcap.PCAP_ERROR => $"cannot capture on {iface}: {Detail("generic libpcap error")}",
            LibPcap.PCAP_ERROR_BREAK => $"capture on {iface} was interrupted",
            LibPcap.PCAP_ERROR_NOT_ACTIVATED => $"capture on {iface} is not activated",
            LibPcap.PCAP_ERROR_ACTIVATED => $"capture on {iface} is already activated",
            LibPcap.PCAP_ERROR_NO_SUCH_DEVICE => $"no such interface: {iface} (available: {Dissect.Capture.Live.Interfaces.AvailableNames()})",
            LibPcap.PCAP_ERROR_RFMON_NOTSUP => $"{iface} does not support monitor mode",
            LibPcap.PCAP_ERROR_NOT_RFMON => $"{iface}: this operation needs monitor mode",
            LibPcap.PCAP_ERROR_PERM_DENIED => $"no permission to capture on {iface}: run as root, or give the binary the capabilities: setcap cap_net_raw,cap_net_admin=eip $(readlink -f dissect)",
            LibPcap.PCAP_ERROR_IFACE_NOT_UP => $"cannot capture on {iface}: the interface is down (ip link set {iface} up)",
            LibPcap.PCAP_ERROR_CANTSET_TSTAMP_TYPE => $"{iface} does not support setting the time stamp type",
            LibPcap.PCAP_ERROR_PROMISC_PERM_DENIED => $"no permission to capture on {iface} in promiscuous mode: capture without it (-p), or run as root",
            LibPcap.PCAP_ERROR_TSTAMP_PRECISION_NOTSUP => $"{iface} does not support the requested time stamp precision",
            LibPcap.PCAP_WARNING => $"warning on {iface}: {Detail("libpcap warning")}",
            LibPcap.PCAP_WARNING_PROMISC_NOTSUP => $"{iface} does not support promiscuous mode; capturing without it",
            LibPcap.PCAP_WARNING_TSTAMP_TYPE_NOTSUP => $"{iface} does not support the requested time stamp type; using the default",
            _ => $"cannot capture on {iface}: libpcap status {status}: {Detail(LibPcap.Utf8(LibPcap.pcap_statustostr(status)) ?? "unknown")}",
        };
    }

    internal void Start()
    {
        if (_thread is not null) return;
        _self = GCHandle.Alloc(this, GCHandleType.Normal);
        _thread = new Thread(CaptureLoop) { IsBackground = true, Name = "dissect capture " + Name, Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    private void CaptureLoop()
    {
        byte* user = (byte*)GCHandle.ToIntPtr(_self);
        try
        {
            while (!_stopRequested)
            {
                int rc = LibPcap.pcap_dispatch(_pcap, -1, &OnPacket, user);
                _doorbell.RingFenced();
                if (rc == LibPcap.PCAP_ERROR_BREAK) continue;   // Stop() or a stray breakloop: the loop re-checks
                if (rc < 0)
                {
                    _error = $"capture on {Name} failed: {LibPcap.LastError(_pcap)}";
                    break;
                }
            }
            lock (_statsGate) ReadKernelStats();
        }
        catch (Exception ex)
        {
            _error = $"capture on {Name} failed: {ex.Message}";
        }
        finally
        {
            _finished = true;
            _doorbell.RingFenced();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnPacket(byte* user, LibPcap.PcapPkthdr* h, byte* bytes)
    {
        var self = Unsafe.As<LiveSource>(GCHandle.FromIntPtr((IntPtr)user).Target!);
        long frac = h->TvUsec;
        uint ns = self._nanoseconds ? (uint)frac : (uint)(frac * 1000);
        if (self._ring.TryWrite(bytes, (int)h->CapLen, (int)h->Len, h->TvSec, ns))
            self._doorbell.Ring();
    }

    /// <summary>
    /// Waits for the next packet. False when the capture has ended and the ring is empty, or when
    /// <paramref name="ct"/> is cancelled (the capture keeps running; call <see cref="Stop"/> and read on to drain).
    /// The previous frame's <see cref="Frame.Data"/> becomes invalid.
    /// </summary>
    public bool TryRead(out Frame frame, CancellationToken ct)
    {
        ReleaseHeld();
        while (true)
        {
            if (TryTake(out frame)) return true;
            if (_finished && !_ring.HasData()) { frame = default; return false; }
            if (!_doorbell.Wait(_readyOrDone, 50, ct)) { frame = default; return false; }
        }
    }

    /// <summary>Like <see cref="TryRead(out Frame, CancellationToken)"/> but gives up after <paramref name="timeout"/>.</summary>
    public bool TryRead(out Frame frame, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return TryRead(out frame, cts.Token);
    }

    /// <summary>IPacketSource: blocks until a packet arrives or the capture ends.</summary>
    public bool TryRead(out Frame frame) => TryRead(out frame, CancellationToken.None);

    internal void ReleaseHeld()
    {
        if (_holding) { _ring.ReleaseOldest(); _holding = false; }
    }

    internal bool HasData => _ring.HasData();
    internal bool TryPeekTime(out long seconds, out uint nanoseconds) => _ring.TryPeekTime(out seconds, out nanoseconds);

    /// <summary>Takes the oldest packet without waiting; the caller must have released the previous one.</summary>
    internal bool TryTake(out Frame frame)
    {
        if (!_ring.TryPeek(out var data, out int orig, out long sec, out uint ns)) { frame = default; return false; }
        _holding = true;
        _bytes += data.Length;
        frame = new Frame(++_number, new Timestamp(sec, ns), data.Length, orig, LinkType, Options.InterfaceId, -1, data);
        return true;
    }

    /// <summary>Ends the capture (pcap_breakloop). Packets already copied stay readable. Safe from any thread.</summary>
    public void Stop()
    {
        _stopRequested = true;
        try
        {
            if (!_pcap.IsClosed) LibPcap.pcap_breakloop(_pcap);
        }
        catch (ObjectDisposedException)
        {
            // Already closed: nothing to interrupt.
        }
    }

    /// <summary>Current counters: packets handed out, and pcap_stats (live while capturing, final after).</summary>
    public LiveStatistics Statistics()
    {
        lock (_statsGate)
        {
            if (!_finished && !_pcap.IsClosed) ReadKernelStats();
            return new LiveStatistics(_number, _recv, _drop, _ifDrop, _ring.Dropped);
        }
    }

    private void ReadKernelStats()
    {
        LibPcap.PcapStat st = default;
        if (LibPcap.pcap_stats(_pcap, &st) != 0) return;
        _recv += unchecked(st.Recv - _lastRecv); _lastRecv = st.Recv;
        _drop += unchecked(st.Drop - _lastDrop); _lastDrop = st.Drop;
        _ifDrop += unchecked(st.IfDrop - _lastIfDrop); _lastIfDrop = st.IfDrop;
    }

    // IPacketSource
    public CaptureFormat Format => CaptureFormat.PcapNg;
    public IReadOnlyList<CaptureInterface> Interfaces => [Interface];
    public string? Warning => _error;
    public string? CurrentComment => null;
    public bool CurrentHasTimestamp => true;
    /// <summary>Bytes of packet data handed out so far.</summary>
    public long FileLength => _bytes;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Stop();
        _thread?.Join();
        if (_self.IsAllocated) _self.Free();
        _pcap.Dispose();
        if (_ownsDoorbell) _doorbell.Dispose();
    }
}
