using System.Globalization;
using System.Text;
using Dissect.Capture;
using Dissect.Cli.Output;
using Dissect.Core;

namespace Dissect.Cli;

/// <summary>`dissect info FILE...`: capinfos' report (from <see cref="CaptureFile.Describe(string)"/>), with its
/// labels and number formats. Times are UTC.</summary>
public static class InfoCommand
{
    public static int Run(IReadOnlyList<string> files, OutputTarget target, TextWriter stderr)
    {
        int rc = ExitCodes.Ok;
        using var o = target.Open();
        bool firstFile = true;
        foreach (var file in files)
        {
            CaptureFileInfo s;
            try
            {
                s = CaptureFile.Describe(file);
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

    /// <summary>Timestamp decimals of the file (the first interface's resolution; 6 when there is none).</summary>
    static int Decimals(CaptureFileInfo s)
        => s.Interfaces.Count > 0 ? Pipeline.DecimalsFor((ulong)s.Interfaces[0].Interface.TicksPerSecond) : 6;

    /// <summary>The capinfos-style report text (LF line ends).</summary>
    public static string Report(CaptureFileInfo s)
    {
        var sb = new StringBuilder();
        void Line(string label, string value) => sb.Append(label.PadRight(21)).Append(value).Append('\n');
        int digits = Decimals(s);

        Line("File name:", s.Path);
        Line("File type:", s.FileType);
        Line("File encapsulation:", Encapsulation(s));
        sb.Append("File timestamp precision:  ").Append(PrecisionName(digits)).Append('\n');
        Line("Packet size limit:", s.SnapLength is { } snap ? $"file hdr: {snap} bytes" : "file hdr: (not set)");
        if (s.InferredSnapLength is { } inferred)
            Line("Packet size limit:", inferred.Min == inferred.Max ? $"inferred: {inferred.Min} bytes"
                                                                    : $"inferred: {inferred.Min}-{inferred.Max} bytes (range)");
        Line("Number of packets:", SiSize(s.PacketCount, "", ""));
        Line("File size:", SiSize(s.FileSize, "bytes", "B"));
        Line("Data size:", SiSize(s.DataBytes, "bytes", "B"));

        double seconds = 0;
        if (s.EarliestTime is { } first && s.LatestTime is { } last)
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
        long packetRate = seconds > 0 ? (long)(s.PacketCount / seconds) : 0;
        Line("Data byte rate:", SiSize(byteRate, "bytes/s", "Bps"));
        Line("Data bit rate:", SiSize(bitRate, "bits/s", "bps"));
        Line("Average packet size:", (s.PacketCount > 0 ? (double)s.DataBytes / s.PacketCount : 0).ToString("F2", CultureInfo.InvariantCulture) + " bytes");
        Line("Average packet rate:", SiSize(packetRate, "packets/s", "packets/s"));
        Line("Strict time order:", s.StrictTimeOrder ? "True" : "False");
        if (s.Sections.Count > 0)
        {
            var section = s.Sections[0];
            if (!string.IsNullOrEmpty(section.Hardware)) Line("Capture hardware:", OneLine(section.Hardware));
            if (!string.IsNullOrEmpty(section.OS)) Line("Capture oper-sys:", OneLine(section.OS));
            if (!string.IsNullOrEmpty(section.Application)) Line("Capture application:", OneLine(section.Application));
            foreach (var c in section.Comments) Line("Capture comment:", OneLine(c));
        }
        sb.Append("Number of interfaces in file: ").Append(s.Interfaces.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var summary in s.Interfaces)
        {
            var i = summary.Interface;
            const string Indent = "                     ";
            sb.Append("Interface #").Append(i.Id.ToString(CultureInfo.InvariantCulture)).Append(" info:\n");
            if (!string.IsNullOrEmpty(i.Name)) sb.Append(Indent).Append("Name = ").Append(OneLine(i.Name)).Append('\n');
            if (!string.IsNullOrEmpty(i.Description)) sb.Append(Indent).Append("Description = ").Append(OneLine(i.Description)).Append('\n');
            sb.Append(Indent).Append("Encapsulation = ").Append(LinkTypes.Describe(i.LinkType)).Append(" (")
              .Append(i.LinkType.ToString(CultureInfo.InvariantCulture));
            if (LinkTypes.ShortName(i.LinkType) is { } shortName) sb.Append(" - ").Append(shortName);
            sb.Append(")\n");
            sb.Append(Indent).Append("Capture length = ").Append(i.SnapLength.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append(Indent).Append("Time precision = ").Append(PrecisionName(Pipeline.DecimalsFor((ulong)i.TicksPerSecond))).Append('\n');
            sb.Append(Indent).Append("Time ticks per second = ").Append(i.TicksPerSecond.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (!string.IsNullOrEmpty(i.OS)) sb.Append(Indent).Append("Operating system = ").Append(OneLine(i.OS)).Append('\n');
            sb.Append(Indent).Append("Number of packets = ").Append(summary.Packets.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Text from the file made safe for one line (control characters escaped).</summary>
    static string OneLine(string s)
    {
        if (!s.Any(char.IsControl)) return s;
        var sb = new StringBuilder(s.Length + 8);
        foreach (char c in s)
        {
            if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c == '\t') sb.Append("\\t");
            else if (char.IsControl(c)) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    static string Encapsulation(CaptureFileInfo s)
    {
        if (s.Encapsulations.Count > 1) return "Per packet";
        if (s.Encapsulations.Count == 1) return LinkTypes.Describe(s.Encapsulations[0].LinkType);
        return s.Interfaces.Count > 0 ? LinkTypes.Describe(s.Interfaces[0].Interface.LinkType) : "Unknown";
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
