using Dissect.Core;

namespace Dissect.Capture.Live;

/// <summary>
/// Several live captures read as one: source i gives frames with <see cref="Frame.InterfaceId"/> i, and the frames
/// come out in timestamp order among those that have arrived (a frame is never held back waiting for a slower
/// interface). Frame numbers run 1, 2, 3… across all interfaces. <see cref="Frame.Data"/> is valid until the next
/// read, as with <see cref="LiveSource"/>. One consumer thread; <see cref="Stop"/> from any thread.
/// </summary>
public sealed class MultiLiveSource : IPacketSource
{
    private readonly LiveSource[] _sources;
    private readonly Doorbell _doorbell = new();
    private readonly Func<bool> _readyOrDone;
    private readonly CaptureInterface[] _interfaces;
    private LiveSource? _held;
    private long _number;
    private long _bytes;
    private bool _started;
    private bool _disposed;

    private MultiLiveSource(IReadOnlyList<string> names, LiveSourceOptions options)
    {
        _sources = new LiveSource[names.Count];
        try
        {
            for (int i = 0; i < names.Count; i++)
                _sources[i] = LiveSource.OpenCore(names[i], options with { InterfaceId = i }, _doorbell);
        }
        catch
        {
            foreach (var s in _sources) s?.Dispose();
            _doorbell.Dispose();
            throw;
        }
        _interfaces = _sources.Select(s => s.Interface).ToArray();
        _readyOrDone = () =>
        {
            bool allDone = true;
            foreach (var s in _sources)
            {
                if (s.HasData) return true;
                if (!s.IsCaptureFinished) allDone = false;
            }
            return allDone;
        };
    }

    /// <summary>Opens and starts a capture on every interface (the same options for each).</summary>
    public static MultiLiveSource Open(IReadOnlyList<string> interfaceNames, LiveSourceOptions? options = null)
    {
        var m = OpenActivated(interfaceNames, options);
        m.Start();
        return m;
    }

    /// <summary>Opens and activates every interface without capturing yet; call <see cref="Start"/>. Between the two
    /// is where privileges are dropped.</summary>
    public static MultiLiveSource OpenActivated(IReadOnlyList<string> interfaceNames, LiveSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(interfaceNames);
        if (interfaceNames.Count == 0) throw new LiveCaptureException("no interface given to capture on");
        return new MultiLiveSource(interfaceNames, options ?? new LiveSourceOptions());
    }

    public void Start()
    {
        if (_started) return;
        _started = true;
        foreach (var s in _sources) s.Start();
    }

    public IReadOnlyList<LiveSource> Sources => _sources;

    /// <summary>The next frame in arrival-timestamp order. False when every capture has ended and been drained, or
    /// when <paramref name="ct"/> is cancelled.</summary>
    public bool TryRead(out Frame frame, CancellationToken ct)
    {
        if (_held is not null) { _held.ReleaseHeld(); _held = null; }
        while (true)
        {
            LiveSource? best = null;
            long bestSec = 0; uint bestNs = 0;
            foreach (var s in _sources)
            {
                if (!s.TryPeekTime(out long sec, out uint ns)) continue;
                if (best is null || sec < bestSec || (sec == bestSec && ns < bestNs)) { best = s; bestSec = sec; bestNs = ns; }
            }
            if (best is not null && best.TryTake(out var f))
            {
                _held = best;
                _bytes += f.CapturedLength;
                frame = f.WithNumber(++_number);
                return true;
            }
            if (_readyOrDone() && !AnyData()) { frame = default; return false; }
            if (!_doorbell.Wait(_readyOrDone, 50, ct)) { frame = default; return false; }
        }
    }

    private bool AnyData()
    {
        foreach (var s in _sources) if (s.HasData) return true;
        return false;
    }

    public bool TryRead(out Frame frame, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return TryRead(out frame, cts.Token);
    }

    public bool TryRead(out Frame frame) => TryRead(out frame, CancellationToken.None);

    /// <summary>Stops every capture; what was already copied stays readable.</summary>
    public void Stop()
    {
        foreach (var s in _sources) s.Stop();
    }

    /// <summary>Counters summed over the interfaces; <see cref="LiveStatistics.Captured"/> counts frames read from here.</summary>
    public LiveStatistics Statistics()
    {
        var total = default(LiveStatistics);
        foreach (var s in _sources) total += s.Statistics();
        return total with { Captured = _number };
    }

    public CaptureFormat Format => CaptureFormat.PcapNg;
    public IReadOnlyList<CaptureInterface> Interfaces => _interfaces;
    public string? Warning => _sources.Select(s => s.Error).FirstOrDefault(e => e is not null);
    public string? CurrentComment => null;
    public bool CurrentHasTimestamp => true;
    public long FileLength => _bytes;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Stop();
        foreach (var s in _sources) s.Dispose();
        _doorbell.Dispose();
    }
}
