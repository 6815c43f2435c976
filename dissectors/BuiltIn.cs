using Dissect.Core;

namespace Dissect.Dissectors;

/// <summary>
/// The one explicit list of every dissector (STYLE rule 3: no reflection, no hidden static registration).
/// Each protocol's fields are registered with its dissector.
/// </summary>
public static class BuiltIn
{
    /// <summary>Creates a registry and tables holding every built-in dissector.</summary>
    public static DissectorTables CreateTables()
    {
        var registry = new FieldRegistry();
        var tables = new DissectorTables(registry);
        Register(tables);
        return tables;
    }

    public static void Register(DissectorTables t)
    {
        var r = t.Registry;
        // ---- Link and network layer ----
        // (link+network dissectors register here)
        r.Register(Link.Ethernet.EthernetFields.Protocol, Link.Ethernet.EthernetFields.All);
        t.Add(new Link.Ethernet.EthernetDissector());
        r.Register(Link.Llc.LlcFields.Protocol, Link.Llc.LlcFields.All);
        t.Add(new Link.Llc.LlcDissector());

        // ---- Transport layer ----
        // (transport dissectors register here)
    }
}
