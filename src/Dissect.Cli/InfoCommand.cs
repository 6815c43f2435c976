using System.Globalization;
using System.Text;
using Dissect.Capture;
using Dissect.Cli.Output;
using Dissect.Core;

namespace Dissect.Cli;

/// <summary>Facts about one capture file, counted by reading it (what capinfos prints).</summary>
public sealed class CaptureSummary
{
    public required string Path { get; init; }
    public CaptureFormat Format { get; init; }
    public IReadOnlyList<CaptureInterface> Interfaces { get; init; } = [];
    public long FileSize { get; init; }
    public long Packets { get; set; }
    /// <summary>Sum of the packets' original (wire) lengths.</summary>
    public long DataBytes { get; set; }
    public Timestamp? First { get; set; }
    public Timestamp? Last { get; set; }
    public bool StrictTimeOrder { get; set; } = true;
    public Dictionary<int, long> PacketsPerInterface { get; } = new();
    public string? Warning { get; set; }

    /// <summary>Timestamp decimals of the file (the first interface's resolution; 6 when there is none).</summary>
    public int Decimals => Interfaces.Count > 0 ? Pipeline.DecimalsFor((ulong)Interfaces[0].TicksPerSecond) : 6;

    /// <summary>Reads the whole file. First/last packet time are the earliest and latest timestamps, as in capinfos.</summary>
    public static CaptureSummary Read(string path)
    {
        using var src = CaptureFile.Open(path);
        Timestamp? min = null, max = null, prev = null;
        bool ordered = true;
        long packets = 0, data = 0;
        var perIf = new Dictionary<int, long>();
        while (src.TryRead(out var frame))
        {
            packets++;
            data += frame.OriginalLength;
            perIf[frame.InterfaceId] = perIf.GetValueOrDefault(frame.InterfaceId) + 1;
            if (!src.CurrentHasTimestamp) continue;
            var t = frame.Time;
            if (prev is { } p && t.CompareTo(p) < 0) ordered = false;
            prev = t;
            if (min is null || t.CompareTo(min.Value) < 0) min = t;
            if (max is null || t.CompareTo(max.Value) > 0) max = t;
        }
        var s = new CaptureSummary
        {
            Path = path, Format = src.Format, Interfaces = src.Interfaces.ToArray(), FileSize = src.FileLength,
            Packets = packets, DataBytes = data, First = min, Last = max, StrictTimeOrder = ordered,
            Warning = src.Warning,
        };
        foreach (var kv in perIf) s.PacketsPerInterface[kv.Key] = kv.Value;
        return s;
    }
}

/// <summary>`dissect info FILE...`: capinfos' report, with its labels and number formats.</summary>
public static class InfoCommand
{
    public static int Run(IReadOnlyList<string> files, OutputTarget target, TextWriter stderr)
    {
        int rc = ExitCodes.Ok;
        using var o = target.Open();
        bool firstFile = true;
        foreach (var file in files)
        {
            CaptureSummary s;
            try
            {
                s = CaptureSummary.Read(file);
            }
            catch (CaptureFileException ex)
            {
                o.Flush();
                stderr.WriteLine(Cli.Prefixed(ex.Message));
                rc = ExitCodes.BadFile;
                continue;
            }
            if (!firstFile) o.WriteLine();
            firstFile = false;
            o.Write(Report(s));
            if (s.Warning is { } w)
            {
                o.Flush();
                stderr.WriteLine(Cli.Prefixed(file + ": " + w));
                rc = ExitCodes.BadFile;
            }
        }
        o.Flush();
        stderr.Flush();
        return rc;
    }

    /// <summary>The capinfos-style report text (LF line ends).</summary>
    public static string Report(CaptureSummary s)
    {
        var sb = new StringBuilder();
        void Line(string label, string value) => sb.Append(label.PadRight(21)).Append(value).Append('\n');
        int digits = s.Decimals;

        Line("File name:", s.Path);
        Line("File type:", FileTypeName(s));
        Line("File encapsulation:", Encapsulation(s.Interfaces));
        sb.Append("File timestamp precision:  ").Append(PrecisionName(digits)).Append('\n');
        Line("Packet size limit:", s.Format == CaptureFormat.Pcap && s.Interfaces.Count > 0
            ? $"file hdr: {s.Interfaces[0].SnapLength} bytes" : "file hdr: (not set)");
        Line("Number of packets:", SiSize(s.Packets, "", ""));
        Line("File size:", SiSize(s.FileSize, "bytes", "B"));
        Line("Data size:", SiSize(s.DataBytes, "bytes", "B"));

        double seconds = 0;
        if (s.First is { } first && s.Last is { } last)
        {
            long ns = last.NanosecondsSince(first);
            seconds = ns / 1e9;
            Line("Capture duration:", Seconds(ns, digits) + " seconds");
            Line("First packet time:", DateText(first, digits));
            Line("Last packet time:", DateText(last, digits));
        }
        else
        {
            Line("Capture duration:", "n/a");
            Line("First packet time:", "n/a");
            Line("Last packet time:", "n/a");
        }
        long byteRate = seconds > 0 ? (long)(s.DataBytes / seconds) : 0;
        long bitRate = seconds > 0 ? (long)(s.DataBytes * 8 / seconds) : 0;
        long packetRate = seconds > 0 ? (long)(s.Packets / seconds) : 0;
        Line("Data byte rate:", SiSize(byteRate, "bytes/s", "Bps"));
        Line("Data bit rate:", SiSize(bitRate, "bits/s", "bps"));
        Line("Average packet size:", (s.Packets > 0 ? (double)s.DataBytes / s.Packets : 0).ToString("F2", CultureInfo.InvariantCulture) + " bytes");
        Line("Average packet rate:", SiSize(packetRate, "packets/s", "packets/s"));
        Line("Strict time order:", s.StrictTimeOrder ? "True" : "False");
        sb.Append("Number of interfaces in file: ").Append(s.Interfaces.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var i in s.Interfaces)
        {
            sb.Append("Interface #").Append(i.Id.ToString(CultureInfo.InvariantCulture)).Append(" info:\n");
            const string Indent = "                     ";
            if (!string.IsNullOrEmpty(i.Name)) sb.Append(Indent).Append("Name = ").Append(i.Name).Append('\n');
            sb.Append(Indent).Append("Encapsulation = ").Append(LinkTypes.Describe(i.LinkType))
              .Append(" (").Append(i.LinkType.ToString(CultureInfo.InvariantCulture)).Append(")\n");
            sb.Append(Indent).Append("Capture length = ").Append(i.SnapLength.ToString(CultureInfo.InvariantCulture)).Append('\n');
            int d = Pipeline.DecimalsFor((ulong)i.TicksPerSecond);
            sb.Append(Indent).Append("Time precision = ").Append(PrecisionName(d)).Append('\n');
            sb.Append(Indent).Append("Time ticks per second = ").Append(i.TicksPerSecond.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append(Indent).Append("Number of packets = ")
              .Append(s.PacketsPerInterface.GetValueOrDefault(i.Id).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    static string FileTypeName(CaptureSummary s) => s.Format switch
    {
        CaptureFormat.PcapNg => "Wireshark/... - pcapng",
        _ => s.Interfaces.Count > 0 && s.Interfaces[0].TicksPerSecond == 1_000_000_000
            ? "Wireshark/tcpdump/... - nanosecond pcap" : "Wireshark/tcpdump/... - pcap",
    };

    static string Encapsulation(IReadOnlyList<CaptureInterface> ifs)
    {
        if (ifs.Count == 0) return "Unknown";
        int lt = ifs[0].LinkType;
        foreach (var i in ifs) if (i.LinkType != lt) return "Per packet";
        return LinkTypes.Describe(lt);
    }

    static string PrecisionName(int digits) => digits switch
    {
        0 => "seconds (0)",
        3 => "milliseconds (3)",
        6 => "microseconds (6)",
        9 => "nanoseconds (9)",
        _ => $"{digits} decimal places ({digits})",
    };

    static string Seconds(long ns, int digits)
        => ValueText.ToText(o => ValueText.WriteSeconds(o, ns, digits));

    static string DateText(Timestamp t, int digits)
    {
        try
        {
            var dt = DateTime.UnixEpoch.AddSeconds(t.Seconds);
            string s = dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            if (digits <= 0) return s;
            uint frac = t.Nanoseconds;
            for (int i = digits; i < 9; i++) frac /= 10;
            return s + "." + frac.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        catch (ArgumentOutOfRangeException)
        {
            return "n/a";
        }
    }

    /// <summary>Wireshark's format_size with SI prefixes: plain below 10 000 ("4225 bytes"), else divided by 1000
    /// until below 10 000 of the next unit ("16 kB", "123 kbps", "12 k").</summary>
    public static string SiSize(long v, string smallUnit, string bigUnit)
    {
        string[] prefixes = [" k", " M", " G", " T"];
        long[] powers = [1000L, 1000_000L, 1000_000_000L, 1000_000_000_000L];
        for (int i = prefixes.Length - 1; i >= 0; i--)
            if (v / powers[i] >= 10)
                return (v / powers[i]).ToString(CultureInfo.InvariantCulture) + prefixes[i] + bigUnit;
        string n = v.ToString(CultureInfo.InvariantCulture);
        return smallUnit.Length == 0 ? n : n + " " + smallUnit;
    }
}
