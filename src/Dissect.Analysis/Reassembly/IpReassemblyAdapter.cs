using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Analysis.Reassembly;

/// <summary>Connects the IPv4/IPv6 dissectors (through <see cref="IIpReassembly"/>) to the fragment reassembler.</summary>
public sealed class IpReassemblyAdapter : IIpReassembly, IDisposable
{
    readonly IpFragmentReassembler _reassembler;

    public IpReassemblyAdapter(IpFragmentOptions? options = null) { _reassembler = new IpFragmentReassembler(options); }

    public IpFragmentReassembler Reassembler => _reassembler;

    public bool Add(bool ipv6, in Address src, in Address dst, byte protocol, uint id, int offsetBytes, bool more,
                    ReadOnlySpan<byte> payload, DissectContext ctx, out ReadOnlyMemory<byte> datagram, out int fragments)
    {
        var key = ipv6 ? FragmentKey.IPv6(src, dst, id) : FragmentKey.IPv4(src, dst, protocol, (ushort)id);
        var r = _reassembler.Add(key, offsetBytes, more, payload, ctx.Frame.Number, ctx.Frame.Time);
        if (r.Status == FragmentStatus.Complete)
        {
            // The reassembler's buffer is pooled; the packet's data source must own its bytes.
            datagram = r.Data.ToArray();
            fragments = r.Frames.Length;
            return true;
        }
        datagram = default;
        fragments = 0;
        return false;
    }

    public void Dispose() => _reassembler.Dispose();
}
