using Dissect.Analysis.Conversations;
using Dissect.Analysis.Tcp;
using Dissect.Core;

namespace Dissect.Analysis;

/// <summary>
/// The stateful first-pass analyses of one capture (TCP conversations and sequence analysis, UDP conversations),
/// attached to a dissection context. One instance per capture pass.
/// </summary>
public sealed class FlowAnalysis
{
    public FlowAnalysis(FieldRegistry registry)
    {
        RegisterFields(registry);
    }

    public TcpAnalyzer Tcp { get; } = new();
    public UdpConversations Udp { get; } = new();
    /// <summary>IP fragment reassembly (tshark reassembles by default, so fields of a fragmented datagram sit on the
    /// frame that completes it).</summary>
    public Reassembly.IpReassemblyAdapter IpFragments { get; } = new();
    /// <summary>TCP stream reassembly (tshark reassembles by default: an application PDU's fields sit on the frame
    /// that completes it).</summary>
    public Reassembly.TcpReassemblyAdapter TcpStreams { get; } = new();

    /// <summary>Registers the analysis fields (tcp.analysis.*, tcp.completeness) under the `tcp` protocol.</summary>
    public static void RegisterFields(FieldRegistry registry)
    {
        var tcp = registry.Find("tcp") as ProtocolDef ?? new ProtocolDef("tcp", "Transmission Control Protocol", "TCP");
        registry.Register(tcp, TcpAnalysisFields.All);
    }

    public void Attach(DissectContext ctx)
    {
        ctx.Tcp = Tcp;
        ctx.Udp = Udp;
        ctx.IpReassembly = IpFragments;
        ctx.TcpReassembly = TcpStreams;
    }
}
