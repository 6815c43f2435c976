namespace Dissect.Core;

/// <summary>A capture timestamp: seconds since the Unix epoch plus nanoseconds (normally 0..999,999,999; a damaged
/// file may carry a larger fraction, which is kept as written, as tshark and tcpdump show it).</summary>
public readonly record struct Timestamp(long Seconds, uint Nanoseconds) : IComparable<Timestamp>
{
    public static Timestamp FromNanoseconds(long ns)
    {
        long s = Math.DivRem(ns, 1_000_000_000L, out long rem);
        if (rem < 0) { rem += 1_000_000_000L; s--; }
        return new Timestamp(s, (uint)rem);
    }

    /// <summary>Difference this - other in nanoseconds (saturating at long range).</summary>
    public long NanosecondsSince(Timestamp other)
    {
        long ds = Seconds - other.Seconds;
        if (ds > 9_000_000_000L) return long.MaxValue;
        if (ds < -9_000_000_000L) return long.MinValue;
        return ds * 1_000_000_000L + ((long)Nanoseconds - other.Nanoseconds);
    }

    public int CompareTo(Timestamp other)
        => Seconds != other.Seconds ? Seconds.CompareTo(other.Seconds) : Nanoseconds.CompareTo(other.Nanoseconds);
}

/// <summary>
/// One captured frame as the capture source hands it over. <see cref="Data"/> borrows the source's memory
/// (the mapped file or the live capture ring): copy it if it must outlive the next read.
/// </summary>
public readonly struct Frame
{
    public Frame(long number, Timestamp time, int capturedLength, int originalLength, int linkType,
                 int interfaceId, long fileOffset, ReadOnlyMemory<byte> data, bool hasTimestamp = true)
    {
        Number = number; Time = time; CapturedLength = capturedLength; OriginalLength = originalLength;
        LinkType = linkType; InterfaceId = interfaceId; FileOffset = fileOffset; Data = data; HasTimestamp = hasTimestamp;
    }

    /// <summary>False for records that carry no time (pcapng Simple Packet Blocks): the time fields are omitted.</summary>
    public bool HasTimestamp { get; }

    /// <summary>1-based frame number.</summary>
    public long Number { get; }
    public Timestamp Time { get; }
    public int CapturedLength { get; }
    public int OriginalLength { get; }
    /// <summary>LINKTYPE_* value (pcap link type), e.g. 1 for Ethernet.</summary>
    public int LinkType { get; }
    public int InterfaceId { get; }
    /// <summary>Offset of the record (pcap) or block (pcapng) in the file; -1 for live frames.</summary>
    public long FileOffset { get; }
    public ReadOnlyMemory<byte> Data { get; }

    public Frame WithNumber(long number) => new(number, Time, CapturedLength, OriginalLength, LinkType, InterfaceId, FileOffset, Data, HasTimestamp);
}
