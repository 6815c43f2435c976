using Dissect.Core;

namespace Dissect.Analysis.Reassembly;

/// <summary>Field and expert definitions for reassembly results (tshark's names where it has them). The TCP and IP
/// dissectors register and add them from the per-frame results kept by the first pass.</summary>
public static class ReassemblyFields
{
    static FieldDef Expert(string abbrev, string name, ExpertSeverity s, ExpertGroup g = ExpertGroup.Reassembly) => new(abbrev, name, FieldKind.None, severity: s, flags: FieldFlags.Generated, group: g);

    // ---- TCP ----
    public static readonly FieldDef TcpReassembledIn = new("tcp.reassembled_in", "Reassembled PDU in frame", FieldKind.FrameNum, flags: FieldFlags.Generated);
    public static readonly FieldDef TcpSegment = new("tcp.segment", "TCP Segment", FieldKind.FrameNum, flags: FieldFlags.Generated);
    public static readonly FieldDef TcpSegmentCount = new("tcp.segment.count", "Segment count", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef TcpReassembledLength = new("tcp.reassembled.length", "Reassembled TCP length", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef TcpSegmentOverlapConflict = Expert("tcp.segment.overlap.conflict", "Overlapping data in segments differs; the first data was kept", ExpertSeverity.Error, ExpertGroup.Malformed);
    public static readonly FieldDef TcpReassemblyGap = Expert("tcp.reassembly.gap", "Bytes missing from the stream: the reassembler continued after a gap", ExpertSeverity.Warn);
    public static readonly FieldDef TcpReassemblyStreamCap = Expert("tcp.reassembly.stream_cap", "Out-of-order data exceeded the per-stream buffer cap: gap declared", ExpertSeverity.Warn);
    public static readonly FieldDef TcpReassemblyTotalCap = Expert("tcp.reassembly.total_cap", "Reassembly memory exceeded the overall cap: a stream was flushed", ExpertSeverity.Warn);
    public static readonly FieldDef TcpReassemblyPduTooLarge = Expert("tcp.reassembly.pdu_too_large", "PDU larger than the per-stream buffer cap: delivered truncated", ExpertSeverity.Warn);
    public static readonly FieldDef TcpReassemblyTruncated = Expert("tcp.reassembly.truncated_pdu", "Partial PDU delivered truncated", ExpertSeverity.Warn);
    public static readonly FieldDef TcpReassemblyFramerError = Expert("tcp.reassembly.framer_error", "The protocol rejected the stream: the rest is delivered as data", ExpertSeverity.Warn);
    public static readonly FieldDef TcpReassemblyAfterClose = Expert("tcp.reassembly.data_after_close", "Data after the stream was closed", ExpertSeverity.Note);
    public static readonly FieldDef TcpReassemblyBeforeStart = Expert("tcp.reassembly.data_before_start", "Data before the start of the stream", ExpertSeverity.Note);

    // ---- IP ----
    public static readonly FieldDef IpReassembledIn = new("ip.reassembled_in", "Reassembled IPv4 in frame", FieldKind.FrameNum, flags: FieldFlags.Generated);
    public static readonly FieldDef IpFragment = new("ip.fragment", "IPv4 Fragment", FieldKind.FrameNum, flags: FieldFlags.Generated);
    public static readonly FieldDef IpFragmentCount = new("ip.fragment.count", "Fragment count", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef IpReassembledLength = new("ip.reassembled.length", "Reassembled IPv4 length", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef IpFragmentOverlapConflict = Expert("ip.fragment.overlap.conflict", "Conflicting data in fragment overlap", ExpertSeverity.Error);
    public static readonly FieldDef IpFragmentTooLong = Expert("ip.fragment.toolongfragment", "Fragment too long", ExpertSeverity.Error);
    public static readonly FieldDef IpFragmentError = Expert("ip.fragment.error", "Defragmentation error", ExpertSeverity.Error);
    public static readonly FieldDef IpFragmentTimeout = Expert("ip.fragment.timeout", "Incomplete datagram dropped after the reassembly timeout", ExpertSeverity.Warn);
    public static readonly FieldDef IpFragmentEvicted = Expert("ip.fragment.evicted", "Incomplete datagram dropped to stay under the reassembly memory cap", ExpertSeverity.Warn);

    public static readonly FieldDef[] All =
    [
        TcpReassembledIn, TcpSegment, TcpSegmentCount, TcpReassembledLength, TcpSegmentOverlapConflict, TcpReassemblyGap,
        TcpReassemblyStreamCap, TcpReassemblyTotalCap, TcpReassemblyPduTooLarge, TcpReassemblyTruncated,
        TcpReassemblyFramerError, TcpReassemblyAfterClose, TcpReassemblyBeforeStart,
        IpReassembledIn, IpFragment, IpFragmentCount, IpReassembledLength, IpFragmentOverlapConflict, IpFragmentTooLong,
        IpFragmentError, IpFragmentTimeout, IpFragmentEvicted,
    ];

    /// <summary>The expert definition of an anomaly kind (IPv6 dissectors rename the ip. prefix to ipv6.).</summary>
    public static FieldDef? ExpertOf(ReassemblyAnomalyKind kind) => kind switch
    {
        ReassemblyAnomalyKind.FragmentOverlapConflict => IpFragmentOverlapConflict,
        ReassemblyAnomalyKind.FragmentTooLong => IpFragmentTooLong,
        ReassemblyAnomalyKind.FragmentInconsistentEnd => IpFragmentError,
        ReassemblyAnomalyKind.FragmentTimeout => IpFragmentTimeout,
        ReassemblyAnomalyKind.FragmentEvicted => IpFragmentEvicted,
        ReassemblyAnomalyKind.SegmentOverlapConflict => TcpSegmentOverlapConflict,
        ReassemblyAnomalyKind.StreamGap => TcpReassemblyGap,
        ReassemblyAnomalyKind.StreamCapExceeded => TcpReassemblyStreamCap,
        ReassemblyAnomalyKind.TotalCapExceeded => TcpReassemblyTotalCap,
        ReassemblyAnomalyKind.PduTooLarge => TcpReassemblyPduTooLarge,
        ReassemblyAnomalyKind.TruncatedPdu => TcpReassemblyTruncated,
        ReassemblyAnomalyKind.FramerError => TcpReassemblyFramerError,
        ReassemblyAnomalyKind.DataAfterClose => TcpReassemblyAfterClose,
        ReassemblyAnomalyKind.DataBeforeStart => TcpReassemblyBeforeStart,
        _ => null,
    };

    public static string ExpertIdOf(ReassemblyAnomalyKind kind) => ExpertOf(kind)?.Abbrev ?? "";
}
