using System.Buffers.Binary;
using Dissect.Core;

namespace Dissect.Dissectors.Application.Rip;

/// <summary>RIP v1/v2 (RFC 1058, 2453) fields with tshark 4.0's abbrevs.</summary>
public static class RipFields
{
    public static readonly ProtocolDef Protocol = new("rip", "Routing Information Protocol", "RIP");

    public static readonly Dictionary<ulong, string> CommandNames = new()
    {
        [1] = "Request", [2] = "Response", [3] = "Traceon", [4] = "Traceoff", [5] = "Vendor specific (Sun)",
    };
    static readonly Dictionary<ulong, string> VersionNames = new() { [1] = "RIPv1", [2] = "RIPv2" };
    static readonly Dictionary<ulong, string> FamilyNames = new() { [2] = "IP", [0xffff] = "Authentication" };
    static readonly Dictionary<ulong, string> AuthNames = new() { [2] = "Simple Password", [3] = "Keyed Message Digest" };

    public static readonly FieldDef Command = new("rip.command", "Command", FieldKind.UInt8, valueNames: CommandNames);
    public static readonly FieldDef Version = new("rip.version", "Version", FieldKind.UInt8, valueNames: VersionNames);
    public static readonly FieldDef RoutingDomain = new("rip.routing_domain", "Routing Domain", FieldKind.UInt16);
    public static readonly FieldDef Family = new("rip.family", "Address Family", FieldKind.UInt16, valueNames: FamilyNames);
    public static readonly FieldDef RouteTag = new("rip.route_tag", "Route Tag", FieldKind.UInt16);
    public static readonly FieldDef Ip = new("rip.ip", "IP Address", FieldKind.IPv4);
    public static readonly FieldDef Netmask = new("rip.netmask", "Netmask", FieldKind.IPv4);
    public static readonly FieldDef NextHop = new("rip.next_hop", "Next Hop", FieldKind.IPv4);
    public static readonly FieldDef Metric = new("rip.metric", "Metric", FieldKind.UInt16);
    public static readonly FieldDef AuthType = new("rip.auth.type", "Authentication type", FieldKind.UInt16, valueNames: AuthNames);
    public static readonly FieldDef AuthPasswd = new("rip.auth.passwd", "Password", FieldKind.String);

    public static readonly FieldDef[] All = [Command, Version, RoutingDomain, Family, RouteTag, Ip, Netmask, NextHop, Metric, AuthType, AuthPasswd];

    /// <summary>Protocol column per version, made once.</summary>
    internal static readonly string[] ColumnByVersion = ["RIP", "RIPv1", "RIPv2"];
}

/// <summary>
/// RIP (udp.port 520): command and version (Protocol column "RIPv1"/"RIPv2"), then 20-byte route entries (family,
/// route tag, address, netmask and next hop for v2, metric) and a simple-password authentication entry. Info the
/// command as tshark 4.0 ("Response"). Keyed-MD5 authentication trailers are shown by type only.
/// </summary>
public sealed class RipDissector : IDissector
{
    public const ushort Port = 520;

    public ProtocolDef Protocol => RipFields.Protocol;

    public void Register(DissectorTables tables) => tables.Get("udp.port", "UDP port").Add(Port, this);

    static Handoff Cut(int reported, int needed)
        => reported >= needed ? Handoff.Truncated("RIP message cut by the capture length")
                              : Handoff.Malformed("RIP route entry runs past the packet");

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset, reported = tvb.Reported;
        var f = ctx.Fields;
        if (ctx.WantColumns) ctx.Columns.Info.Clear();
        if (d.Length < 2) return Cut(reported, 2);
        byte cmd = d[0], version = d[1];
        if (version < RipFields.ColumnByVersion.Length) ctx.Columns.Protocol = RipFields.ColumnByVersion[version];
        if (ctx.WantColumns)
        {
            if (RipFields.CommandNames.TryGetValue(cmd, out var n)) ctx.Columns.Info.Append(n);
            else ctx.Columns.Info.Append("Unknown command (").Append((ulong)cmd).Append(')');
        }
        f.AddUInt(RipFields.Command, o, 1, cmd);
        f.AddUInt(RipFields.Version, o + 1, 1, version);
        if (d.Length < 4) return Cut(reported, 4);
        if (version == 2) f.AddUInt(RipFields.RoutingDomain, o + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(2)));
        for (int pos = 4; pos < reported; pos += 20)
        {
            if (d.Length < pos + 20) return Cut(reported, pos + 20);
            ushort family = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos));
            if (family == 0xffff)
            {
                ushort at = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2));
                f.AddUInt(RipFields.AuthType, o + pos + 2, 2, at);
                if (at == 2)
                {
                    var pw = d.Slice(pos + 4, 16);
                    int z = pw.IndexOf((byte)0);
                    f.AddBytes(RipFields.AuthPasswd, o + pos + 4, z < 0 ? 16 : z);
                }
                continue;
            }
            f.AddUInt(RipFields.Family, o + pos, 2, family);
            if (version == 2) f.AddUInt(RipFields.RouteTag, o + pos + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(d.Slice(pos + 2)));
            f.AddBytes(RipFields.Ip, o + pos + 4, 4);
            if (version == 2)
            {
                f.AddBytes(RipFields.Netmask, o + pos + 8, 4);
                f.AddBytes(RipFields.NextHop, o + pos + 12, 4);
            }
            f.AddUInt(RipFields.Metric, o + pos + 16, 4, BinaryPrimitives.ReadUInt32BigEndian(d.Slice(pos + 16)));
        }
        return Handoff.Done;
    }
}
