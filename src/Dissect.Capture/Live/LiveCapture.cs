using System.Globalization;
using Dissect.Core;

namespace Dissect.Capture.Live;

/// <summary>
/// Options of <c>dissect capture</c>, mirroring tshark: <c>-i IFACE</c> (repeatable) <c>[-f BPF] [-s SNAPLEN] [-p]
/// [-B MiB] [-c N] [-a duration:SEC|packets:N|filesize:KB] [-w FILE] [-b filesize:KB,files:N] [-q] [-Z USER]</c>.
/// </summary>
public sealed record LiveCaptureOptions
{
    /// <summary>-i: interface names (or 1-based numbers from <see cref="Interfaces.List"/>); one pcapng IDB each.</summary>
    public IReadOnlyList<string> Interfaces { get; init; } = [];
    /// <summary>-f: BPF capture filter.</summary>
    public string? CaptureFilter { get; init; }
    /// <summary>-s: snapshot length (0 = 262144).</summary>
    public int SnapLength { get; init; } = 262144;
    /// <summary>-p: do not put the interface in promiscuous mode.</summary>
    public bool NoPromiscuous { get; init; }
    /// <summary>-B: kernel buffer in MiB (0 = <see cref="LiveSourceOptions.DefaultBufferMiB"/>).</summary>
    public int BufferMiB { get; init; }
    /// <summary>-c: stop after this many packets (0 = no limit).</summary>
    public long PacketCount { get; init; }
    /// <summary>-a duration:SEC.</summary>
    public double? AutostopDurationSeconds { get; init; }
    /// <summary>-a packets:N.</summary>
    public long? AutostopPackets { get; init; }
    /// <summary>-a filesize:KB (kB = 1000 bytes, as tshark): stop when the output file reaches it.</summary>
    public long? AutostopFileSizeKB { get; init; }
    /// <summary>-w: output file; .pcapng (or no/other extension with several interfaces) writes pcapng, else pcap.</summary>
    public string? WriteFile { get; init; }
    /// <summary>-b filesize:KB: switch to the next file when the current one reaches this size.</summary>
    public long? RingFileSizeKB { get; init; }
    /// <summary>-b files:N: keep at most N files, deleting the oldest.</summary>
    public int? RingFiles { get; init; }
    /// <summary>-q: the CLI prints no per-packet lines; the capture then uses libpcap's batched delivery.</summary>
    public bool Quiet { get; init; }
    /// <summary>-Z: user to become after the interfaces are opened (only when running as root).</summary>
    public string? User { get; init; }
    /// <summary>Immediate mode; null = on unless <see cref="Quiet"/>.</summary>
    public bool? ImmediateMode { get; init; }
    /// <summary>Size of each interface's ring in MiB.</summary>
    public int RingMiB { get; init; } = 64;

    /// <summary>Applies one <c>-a</c> value: <c>duration:SEC</c>, <c>packets:N</c> or <c>filesize:KB</c>.
    /// Throws <see cref="ArgumentException"/> with a one-line message when malformed.</summary>
    public LiveCaptureOptions WithAutostop(string spec)
    {
        var (key, value) = Split(spec, "-a");
        return key switch
        {
            "duration" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0 => this with { AutostopDurationSeconds = d },
            "packets" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0 => this with { AutostopPackets = n },
            "filesize" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long kb) && kb > 0 => this with { AutostopFileSizeKB = kb },
            _ => throw new ArgumentException($"invalid -a value \"{spec}\": expected duration:SEC, packets:N or filesize:KB"),
        };
    }

    /// <summary>Applies one <c>-b</c> value, which may list several comma-separated settings:
    /// <c>filesize:KB</c>, <c>files:N</c>.</summary>
    public LiveCaptureOptions WithRingBuffer(string spec)
    {
        var o = this;
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = Split(part, "-b");
            o = key switch
            {
                "filesize" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long kb) && kb > 0 => o with { RingFileSizeKB = kb },
                "files" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 => o with { RingFiles = n },
                _ => throw new ArgumentException($"invalid -b value \"{part}\": expected filesize:KB or files:N"),
            };
        }
        return o;
    }

    private static (string, string) Split(string spec, string option)
    {
        int c = spec.IndexOf(':');
        if (c <= 0) throw new ArgumentException($"invalid {option} value \"{spec}\": expected KEY:VALUE");
        return (spec[..c].Trim().ToLowerInvariant(), spec[(c + 1)..].Trim());
    }

    internal bool IsRing => RingFileSizeKB is not null || RingFiles is not null;
}

/// <summary>Why a capture ended.</summary>
public enum LiveStopReason { Cancelled, PacketCount, Duration, FileSize, CaptureEnded }

/// <summary>What a capture did: counters (total and per interface), the files written (oldest first, only those
/// still on disk), why it stopped, and warnings and errors as one-line messages.</summary>
public sealed record LiveCaptureSummary(
    LiveStatistics Total,
    IReadOnlyList<(string Interface, LiveStatistics Statistics)> PerInterface,
    IReadOnlyList<string> Files,
    LiveStopReason StopReason,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Errors)
{
    /// <summary>"N packets captured, N dropped by kernel, N dropped by interface" (tshark's closing line).</summary>
    public string Text => Total.SummaryText;
}

/// <summary>Runs a live capture for the CLI: open, drop privileges, capture, write (with rotation), stop, report.</summary>
public static class LiveCapture
{
    /// <summary>
    /// Captures until <paramref name="ct"/> is cancelled (Ctrl-C/SIGTERM), -c or -a is reached, or every capture
    /// fails. Each frame goes to <paramref name="onFrame"/> (its Data valid only during the call) and then to the
    /// file. On cancellation every packet already copied out of libpcap is still written, and the file is closed
    /// with its statistics block, so it is complete. <paramref name="onStatus"/> receives the "Capturing on 'lo'"
    /// line and activation warnings as they happen. Throws <see cref="LiveCaptureException"/> (one line) when the
    /// capture cannot start or the file cannot be written.
    /// </summary>
    public static LiveCaptureSummary Run(LiveCaptureOptions options, Action<Frame>? onFrame, CancellationToken ct,
                                         Action<string>? onStatus = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Interfaces.Count == 0) throw new LiveCaptureException("no interface given: use -i (dissect interfaces lists them)");
        if (options.IsRing && options.WriteFile is null) throw new LiveCaptureException("-b needs -w FILE");
        if (options.AutostopFileSizeKB is not null && options.WriteFile is null) throw new LiveCaptureException("-a filesize needs -w FILE");

        var names = options.Interfaces.Select(Interfaces.Resolve).ToList();
        var sourceOptions = new LiveSourceOptions
        {
            SnapLength = options.SnapLength <= 0 ? 262144 : options.SnapLength,
            Promiscuous = !options.NoPromiscuous,
            BufferMiB = options.BufferMiB,
            Filter = string.IsNullOrWhiteSpace(options.CaptureFilter) ? null : options.CaptureFilter,
            ImmediateMode = options.ImmediateMode ?? !options.Quiet,
            RingMiB = options.RingMiB,
        };
        var warnings = new List<string>();
        var errors = new List<string>();
        using var multi = MultiLiveSource.OpenActivated(names, sourceOptions);
        foreach (var s in multi.Sources)
            foreach (var w in s.Warnings) { warnings.Add(w); onStatus?.Invoke(w); }
        if (options.User is not null && !Privileges.DropTo(options.User))
        {
            string w = $"-Z {options.User} ignored: not running as root";
            warnings.Add(w); onStatus?.Invoke(w);
        }

        using var files = options.WriteFile is null ? null : new RotatingWriter(options, multi.Interfaces);
        var start = Now();
        multi.Start();
        onStatus?.Invoke("Capturing on " + string.Join(", ", names.Select(n => $"'{n}'")));

        var reason = LiveStopReason.CaptureEnded;
        int stopOnce = 0;
        void StopWith(LiveStopReason r)
        {
            if (Interlocked.Exchange(ref stopOnce, 1) == 0) { reason = r; multi.Stop(); }
        }
        using var cancelReg = ct.Register(() => StopWith(LiveStopReason.Cancelled));
        using var timer = options.AutostopDurationSeconds is double secs
            ? new Timer(_ => StopWith(LiveStopReason.Duration), null, TimeSpan.FromSeconds(secs), Timeout.InfiniteTimeSpan)
            : null;

        long limit = Math.Min(options.PacketCount > 0 ? options.PacketCount : long.MaxValue, options.AutostopPackets ?? long.MaxValue);
        long fileLimit = options.AutostopFileSizeKB is long kb ? kb * 1000 : long.MaxValue;
        long count = 0;
        try
        {
            while (count < limit && multi.TryRead(out var frame, CancellationToken.None))
            {
                count++;
                onFrame?.Invoke(frame);
                if (files is not null)
                {
                    files.Write(frame);
                    if (files.CurrentLength >= fileLimit) { StopWith(LiveStopReason.FileSize); break; }
                }
                if (count >= limit)
                    StopWith(LiveStopReason.PacketCount);
            }
        }
        catch (IOException ex)
        {
            multi.Stop();
            throw new LiveCaptureException($"cannot write {files?.CurrentPath ?? options.WriteFile}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            multi.Stop();
            throw new LiveCaptureException($"cannot write {files?.CurrentPath ?? options.WriteFile}: {ex.Message}", ex);
        }
        multi.Stop();
        // Let the capture threads end so pcap_stats is final.
        foreach (var s in multi.Sources)
            for (int i = 0; i < 100 && !s.IsCaptureFinished; i++) Thread.Sleep(10);

        var per = multi.Sources.Select(s => (s.Name, s.Statistics())).ToList();
        foreach (var s in multi.Sources)
            if (s.Error is not null) errors.Add(s.Error);
        var total = multi.Statistics() with { Captured = count };
        var end = Now();
        files?.Finish(multi.Sources, start, end);
        return new LiveCaptureSummary(total, per, files?.Files ?? [], reason, warnings, errors);
    }

    private static Timestamp Now()
    {
        long ticks = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
        return Timestamp.FromNanoseconds(ticks * 100);
    }

    /// <summary>Writes -w FILE, or with -b a ring of FILE_NNNNN_YYYYmmddHHMMSS.ext files keeping at most N.</summary>
    private sealed class RotatingWriter : IDisposable
    {
        private readonly LiveCaptureOptions _options;
        private readonly IReadOnlyList<CaptureInterface> _interfaces;
        private readonly bool _pcapng;
        private readonly long _rotateAt;
        private readonly List<string> _files = [];
        private FileStream? _stream;
        private ICaptureWriter? _writer;
        private long _packetsInFile;
        private int _sequence;

        public RotatingWriter(LiveCaptureOptions options, IReadOnlyList<CaptureInterface> interfaces)
        {
            _options = options;
            _interfaces = interfaces;
            string ext = Path.GetExtension(options.WriteFile!);
            _pcapng = interfaces.Count > 1 || !(ext.Equals(".pcap", StringComparison.OrdinalIgnoreCase) || ext.Equals(".cap", StringComparison.OrdinalIgnoreCase));
            if (!_pcapng && interfaces.Count > 1)
                throw new LiveCaptureException("a pcap file holds one interface: write .pcapng to capture on several");
            _rotateAt = options.RingFileSizeKB is long kb ? kb * 1000 : long.MaxValue;
            Open();
        }

        public IReadOnlyList<string> Files => _files;
        public string? CurrentPath => _files.Count > 0 ? _files[^1] : null;
        public long CurrentLength => _stream?.Position ?? 0;

        private void Open()
        {
            string path = _options.WriteFile!;
            if (_options.IsRing)
            {
                _sequence++;
                string dir = Path.GetDirectoryName(path) ?? "";
                string stem = Path.GetFileNameWithoutExtension(path);
                string ext = Path.GetExtension(path);
                path = Path.Combine(dir, $"{stem}_{_sequence:D5}_{DateTime.Now:yyyyMMddHHmmss}{ext}");
            }
            try
            {
                _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new LiveCaptureException($"cannot create {path}: {ex.Message}", ex);
            }
            _files.Add(path);
            if (_pcapng)
                _writer = CaptureWriter.CreatePcapNg(_stream, _interfaces);
            else
            {
                var i = _interfaces[0];
                _writer = CaptureWriter.CreatePcap(_stream, i.LinkType, i.SnapLength > 0 ? i.SnapLength : 262144, i.TicksPerSecond > 1_000_000);
            }
            _packetsInFile = 0;
            if (_options.RingFiles is int keep)
                while (_files.Count > keep)
                {
                    File.Delete(_files[0]);
                    _files.RemoveAt(0);
                }
        }

        public void Write(in Frame frame)
        {
            if (_packetsInFile > 0 && _stream!.Position + 64 + frame.CapturedLength > _rotateAt)
            {
                Close(null, default, default);
                Open();
            }
            _writer!.Write(frame);
            _packetsInFile++;
        }

        private void Close(IReadOnlyList<LiveSource>? sources, Timestamp start, Timestamp end)
        {
            if (_writer is PcapNgWriter ng && sources is not null)
                for (int i = 0; i < sources.Count; i++)
                {
                    var st = sources[i].Statistics();
                    ng.WriteStatistics(i, (ulong)Math.Max(0, st.ReceivedByKernel),
                        (ulong)Math.Max(0, st.DroppedByKernel + st.DroppedByInterface + st.DroppedByRing), start, end);
                }
            _writer?.Dispose();
            _stream?.Dispose();
            _writer = null;
            _stream = null;
        }

        /// <summary>Writes the interface statistics blocks (pcapng) and closes the last file.</summary>
        public void Finish(IReadOnlyList<LiveSource> sources, Timestamp start, Timestamp end) => Close(sources, start, end);

        public void Dispose() => Close(null, default, default);
    }
}
