using System.Net;

namespace Dissect.Capture.Live;

/// <summary>One address of a capture interface (from pcap_findalldevs); IPv4 and IPv6 only.</summary>
public sealed record InterfaceAddress(IPAddress Address, IPAddress? Netmask, IPAddress? Broadcast, IPAddress? Destination)
{
    /// <summary>Prefix length derived from the netmask, or -1 when there is none.</summary>
    public int PrefixLength
    {
        get
        {
            if (Netmask is null) return -1;
            int n = 0;
            foreach (byte b in Netmask.GetAddressBytes())
                n += System.Numerics.BitOperations.PopCount(b);
            return n;
        }
    }

    public override string ToString() => PrefixLength >= 0 ? $"{Address}/{PrefixLength}" : Address.ToString();
}

/// <summary>A capture interface as libpcap lists it.</summary>
public sealed record InterfaceInfo(
    int Index, string Name, string? Description, IReadOnlyList<InterfaceAddress> Addresses,
    bool IsUp, bool IsRunning, bool IsLoopback, bool IsWireless, InterfaceConnectionStatus ConnectionStatus)
{
    /// <summary>The flags as words, e.g. "Up, Running, Loopback".</summary>
    public string FlagsText
    {
        get
        {
            var parts = new List<string>(4);
            if (IsUp) parts.Add("Up");
            if (IsRunning) parts.Add("Running");
            if (IsLoopback) parts.Add("Loopback");
            if (IsWireless) parts.Add("Wireless");
            if (ConnectionStatus is InterfaceConnectionStatus.Connected or InterfaceConnectionStatus.Disconnected)
                parts.Add(ConnectionStatus.ToString());
            return string.Join(", ", parts);
        }
    }

    /// <summary>tshark -D style: "1. eth0" or "1. eth0 (description)".</summary>
    public override string ToString() => Description is null ? $"{Index}. {Name}" : $"{Index}. {Name} ({Description})";
}

public enum InterfaceConnectionStatus { Unknown, Connected, Disconnected, NotApplicable }

/// <summary>The interfaces libpcap can capture on (<c>dissect interfaces</c>, like <c>tshark -D</c>).</summary>
public static class Interfaces
{
    /// <summary>Lists the capture interfaces in libpcap's order, numbered from 1.
    /// Throws <see cref="LiveCaptureException"/> when libpcap is missing or the list cannot be read.</summary>
    public static unsafe IReadOnlyList<InterfaceInfo> List()
    {
        LibPcap.EnsureLoaded();
        byte* errbuf = stackalloc byte[LibPcap.ErrbufSize];
        errbuf[0] = 0;
        LibPcap.PcapIf* all = null;
        if (LibPcap.pcap_findalldevs(&all, errbuf) != 0)
            throw new LiveCaptureException("cannot list interfaces: " + LibPcap.ErrorText(errbuf));
        var result = new List<InterfaceInfo>();
        try
        {
            int index = 1;
            for (LibPcap.PcapIf* d = all; d != null; d = d->Next)
            {
                var addrs = new List<InterfaceAddress>();
                for (LibPcap.PcapAddr* a = d->Addresses; a != null; a = a->Next)
                {
                    IPAddress? ip = ReadSockaddr(a->Addr);
                    if (ip is null) continue;
                    addrs.Add(new InterfaceAddress(ip, ReadSockaddr(a->Netmask), ReadSockaddr(a->BroadAddr), ReadSockaddr(a->DstAddr)));
                }
                uint f = d->Flags;
                var status = (f & LibPcap.PCAP_IF_CONNECTION_STATUS) switch
                {
                    0x10 => InterfaceConnectionStatus.Connected,
                    0x20 => InterfaceConnectionStatus.Disconnected,
                    0x30 => InterfaceConnectionStatus.NotApplicable,
                    _ => InterfaceConnectionStatus.Unknown,
                };
                result.Add(new InterfaceInfo(index++, LibPcap.Utf8(d->Name) ?? "", LibPcap.Utf8(d->Description), addrs,
                    (f & LibPcap.PCAP_IF_UP) != 0, (f & LibPcap.PCAP_IF_RUNNING) != 0,
                    (f & LibPcap.PCAP_IF_LOOPBACK) != 0, (f & LibPcap.PCAP_IF_WIRELESS) != 0, status));
            }
        }
        finally
        {
            if (all != null) LibPcap.pcap_freealldevs(all);
        }
        return result;
    }

    /// <summary>Resolves a user's interface argument: a name, or a 1-based number from <see cref="List"/> (as tshark -i 1).
    /// Unknown names are returned unchanged so that pcap_create reports them.</summary>
    public static string Resolve(string nameOrNumber)
    {
        if (int.TryParse(nameOrNumber, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0)
        {
            var list = List();
            if (n <= list.Count && !list.Any(i => i.Name == nameOrNumber)) return list[n - 1].Name;
        }
        return nameOrNumber;
    }

    /// <summary>The libpcap version line, e.g. "libpcap version 1.10.3 (with TPACKET_V3)".</summary>
    public static string LibraryVersion() => LibPcap.Version();

    /// <summary>True when libpcap can be loaded here.</summary>
    public static bool IsLibpcapAvailable => LibPcap.IsAvailable();

    /// <summary>Reads a struct sockaddr (Linux layout: 16-bit family first; BSD/macOS: length byte then family byte).</summary>
    private static unsafe IPAddress? ReadSockaddr(byte* sa)
    {
        if (sa == null) return null;
        int family;
        int inet6;
        if (OperatingSystem.IsLinux()) { family = *(ushort*)sa; inet6 = 10; }
        else if (OperatingSystem.IsWindows()) { family = *(ushort*)sa; inet6 = 23; }
        else { family = sa[1]; inet6 = 30; }
        if (family == 2)
            return new IPAddress(new ReadOnlySpan<byte>(sa + 4, 4));
        if (family == inet6)
        {
            uint scope = *(uint*)(sa + 24);
            return new IPAddress(new ReadOnlySpan<byte>(sa + 8, 16), scope);
        }
        return null;
    }

    internal static string AvailableNames()
    {
        try
        {
            var list = List();
            return list.Count == 0 ? "(none)" : string.Join(", ", list.Select(i => i.Name));
        }
        catch (LiveCaptureException)
        {
            return "(cannot list interfaces)";
        }
    }
}
