using System.Reflection;
using Dissect.Analysis;
using Dissect.Analysis.Tcp;
using Dissect.Core;
using Dissect.Dissectors.Network.IPv4;
using Dissect.Dissectors.Transport.Tcp;

namespace Dissect.Dissectors.Tests.Misc;

/// <summary>
/// The frame, IPv4 and TCP layers skip their header fields when no field of their protocol is wanted
/// (PacketFields.WantsProtocol: a conversation table selects none). That is only right if every field they add
/// belongs to that protocol; a field registered first under another protocol would then be lost when selected.
/// </summary>
public sealed class FieldOwnershipTests
{
    static IEnumerable<FieldDef> StaticFields(Type t) =>
        t.GetFields(BindingFlags.Public | BindingFlags.Static)
         .Where(f => typeof(FieldDef).IsAssignableFrom(f.FieldType))
         .Select(f => (FieldDef)f.GetValue(null)!);

    [Fact]
    public void FieldsSkippedByProtocol_BelongToThatProtocol()
    {
        var tables = BuiltIn.CreateTables();
        _ = new FlowAnalysis(tables.Registry);   // registers tcp.analysis.* under tcp
        var bad = new List<string>();
        void Check(IEnumerable<FieldDef> fields, ProtocolDef p)
        {
            foreach (var f in fields)
                if (!ReferenceEquals(f.Protocol, p)) bad.Add($"{f.Abbrev} belongs to {f.Protocol?.Abbrev ?? "nothing"}, not {p.Abbrev}");
        }
        Check(StaticFields(typeof(IPv4Fields)), IPv4Fields.Protocol);
        Check(StaticFields(typeof(TcpFields)), TcpFields.Protocol);
        Check(StaticFields(typeof(TcpAnalysisFields)), TcpFields.Protocol);
        Check([FrameFields.EncapType, FrameFields.Time, FrameFields.TimeEpoch, FrameFields.TimeDelta, FrameFields.TimeRelative,
               FrameFields.Number, FrameFields.InterfaceId, FrameFields.Len, FrameFields.CapLen, FrameFields.Protocols], FrameFields.Protocol);
        Assert.True(StaticFields(typeof(TcpFields)).Count() > 30);
        Assert.Empty(bad);
    }
}
