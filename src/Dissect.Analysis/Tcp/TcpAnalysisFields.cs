using Dissect.Core;

namespace Dissect.Analysis.Tcp;

/// <summary>Fields added by TCP sequence analysis (Wireshark's tcp.analysis.* and tcp.completeness), registered
/// under the `tcp` protocol.</summary>
public static class TcpAnalysisFields
{
    public static readonly FieldDef Analysis = new("tcp.analysis", "SEQ/ACK analysis", FieldKind.None, flags: FieldFlags.Generated);
    public static readonly FieldDef Flags = new("tcp.analysis.flags", "TCP Analysis Flags", FieldKind.None, flags: FieldFlags.Generated);
    public static readonly FieldDef AcksFrame = new("tcp.analysis.acks_frame", "This is an ACK to the segment in frame", FieldKind.FrameNum, flags: FieldFlags.Generated);
    public static readonly FieldDef AckRtt = new("tcp.analysis.ack_rtt", "The RTT to ACK the segment was", FieldKind.RelativeTime, flags: FieldFlags.Generated);
    public static readonly FieldDef InitialRtt = new("tcp.analysis.initial_rtt", "iRTT", FieldKind.RelativeTime, flags: FieldFlags.Generated);
    public static readonly FieldDef BytesInFlight = new("tcp.analysis.bytes_in_flight", "Bytes in flight", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef PushBytesSent = new("tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef DuplicateAckNum = new("tcp.analysis.duplicate_ack_num", "Duplicate ACK #", FieldKind.UInt32, flags: FieldFlags.Generated);
    public static readonly FieldDef DuplicateAckFrame = new("tcp.analysis.duplicate_ack_frame", "Duplicate to the ACK in frame", FieldKind.FrameNum, flags: FieldFlags.Generated);
    public static readonly FieldDef Rto = new("tcp.analysis.rto", "The RTO for this segment was", FieldKind.RelativeTime, flags: FieldFlags.Generated);
    public static readonly FieldDef RtoFrame = new("tcp.analysis.rto_frame", "RTO based on delta from frame", FieldKind.FrameNum, flags: FieldFlags.Generated);

    static FieldDef Expert(string abbrev, string name, ExpertSeverity s, ExpertGroup g = ExpertGroup.Sequence) => new(abbrev, name, FieldKind.None, severity: s, flags: FieldFlags.Generated, group: g);

    public static readonly FieldDef Retransmission = Expert("tcp.analysis.retransmission", "This frame is a (suspected) retransmission", ExpertSeverity.Note);
    public static readonly FieldDef FastRetransmission = Expert("tcp.analysis.fast_retransmission", "This frame is a (suspected) fast retransmission", ExpertSeverity.Note);
    public static readonly FieldDef SpuriousRetransmission = Expert("tcp.analysis.spurious_retransmission", "This frame is a (suspected) spurious retransmission", ExpertSeverity.Note);
    public static readonly FieldDef OutOfOrder = Expert("tcp.analysis.out_of_order", "This frame is a (suspected) out-of-order segment", ExpertSeverity.Warn);
    public static readonly FieldDef LostSegment = Expert("tcp.analysis.lost_segment", "Previous segment(s) not captured (common at capture start)", ExpertSeverity.Warn);
    public static readonly FieldDef AckLostSegment = Expert("tcp.analysis.ack_lost_segment", "ACKed segment that wasn't captured (common at capture start)", ExpertSeverity.Warn);
    public static readonly FieldDef DuplicateAck = Expert("tcp.analysis.duplicate_ack", "Duplicate ACK", ExpertSeverity.Note);
    public static readonly FieldDef ZeroWindow = Expert("tcp.analysis.zero_window", "TCP Zero Window segment", ExpertSeverity.Warn);
    public static readonly FieldDef ZeroWindowProbe = Expert("tcp.analysis.zero_window_probe", "TCP Zero Window Probe", ExpertSeverity.Note);
    public static readonly FieldDef ZeroWindowProbeAck = Expert("tcp.analysis.zero_window_probe_ack", "TCP Zero Window Probe Ack", ExpertSeverity.Note);
    public static readonly FieldDef WindowFull = Expert("tcp.analysis.window_full", "TCP window specified by the receiver is now completely full", ExpertSeverity.Warn);
    public static readonly FieldDef WindowUpdate = Expert("tcp.analysis.window_update", "TCP window update", ExpertSeverity.Chat);
    public static readonly FieldDef KeepAlive = Expert("tcp.analysis.keep_alive", "TCP keep-alive segment", ExpertSeverity.Note);
    public static readonly FieldDef KeepAliveAck = Expert("tcp.analysis.keep_alive_ack", "ACK to a TCP keep-alive segment", ExpertSeverity.Note);
    public static readonly FieldDef ReusedPorts = Expert("tcp.analysis.reused_ports", "A new tcp session is started with the same ports as an earlier session in this trace", ExpertSeverity.Note);

    // Raised from the conversation state, as Wireshark does (the first FIN of a conversation, then every later one).
    public static readonly FieldDef FinActive = Expert("tcp.connection.fin_active", "This frame initiates the connection closing", ExpertSeverity.Note);
    public static readonly FieldDef FinPassive = Expert("tcp.connection.fin_passive", "This frame undergoes the connection closing", ExpertSeverity.Note);

    public static readonly FieldDef Completeness = new("tcp.completeness", "Conversation completeness", FieldKind.UInt8,
        valueNames: CompletenessNames(), flags: FieldFlags.Generated);

    public static readonly FieldDef[] All =
    [
        Analysis, Flags, AcksFrame, AckRtt, InitialRtt, BytesInFlight, PushBytesSent, DuplicateAckNum, DuplicateAckFrame, Rto, RtoFrame,
        Retransmission, FastRetransmission, SpuriousRetransmission, OutOfOrder, LostSegment, AckLostSegment, DuplicateAck,
        ZeroWindow, ZeroWindowProbe, ZeroWindowProbeAck, WindowFull, WindowUpdate, KeepAlive, KeepAliveAck, ReusedPorts, FinActive, FinPassive, Completeness,
    ];

    static Dictionary<ulong, string> CompletenessNames()
    {
        // Wireshark names the common combinations; others are shown as their bits.
        return new Dictionary<ulong, string>
        {
            [1] = "Incomplete, SYN_SENT", [3] = "Incomplete, CLIENT_ESTABLISHED", [7] = "Incomplete, ESTABLISHED",
            [15] = "Incomplete, DATA", [31] = "Complete, WITH_DATA", [47] = "Complete, WITH_DATA", [63] = "Complete, WITH_DATA",
            [23] = "Complete, NO_DATA", [39] = "Complete, NO_DATA", [55] = "Complete, NO_DATA",
        };
    }
}
