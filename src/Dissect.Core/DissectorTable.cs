namespace Dissect.Core;

/// <summary>
/// A named table (Wireshark's names: "ethertype", "ip.proto", "tcp.port", "udp.port", "wtap_encap") mapping a key
/// to the dissector registered for it, with an optional ordered list of heuristic dissectors and user overrides
/// ("decode as").
/// </summary>
public sealed class DissectorTable
{
    readonly Dictionary<uint, IDissector> _byKey = new();
    readonly Dictionary<uint, IDissector> _overrides = new();
    readonly List<IHeuristicDissector> _heuristics = new();

    public DissectorTable(string name, string uiName) { Name = name; UiName = uiName; }

    public string Name { get; }
    public string UiName { get; }
    public IReadOnlyList<IHeuristicDissector> Heuristics => _heuristics;
    public IEnumerable<KeyValuePair<uint, IDissector>> Entries => _byKey;

    public void Add(uint key, IDissector d)
    {
        if (d is IEncapsulation) _encapsulations++;
        if (_byKey.TryGetValue(key, out var existing) && !ReferenceEquals(existing, d))
            throw new InvalidOperationException($"{Name} {key} already taken by {existing.Protocol.Abbrev}");
        _byKey[key] = d;
        _direct = null;
    }

    public void AddHeuristic(IHeuristicDissector d)
    {
        _heuristics.Add(d);
        _heuristics.Sort((a, b) => a.Priority.CompareTo(b.Priority));
    }

    /// <summary>"Decode as": force a dissector for a key; wins over everything else.</summary>
    public void Override(uint key, IDissector d)
    {
        if (d is IEncapsulation) _encapsulations++;
        _overrides[key] = d;
    }
    int _encapsulations;     // registrations of encapsulations (an upper bound: 0 means none)

    public bool TryGetOverride(uint key, out IDissector d) => _overrides.TryGetValue(key, out d!);
    public bool HasOverrides => _overrides.Count != 0;

    public bool TryGet(uint key, out IDissector d)
    {
        // Every packet looks up several tables (link type, ethertype, IP protocol, ports): keys below 65536 are
        // read from an array indexed by the key (built on first use after a registration), not hashed.
        var direct = _direct ?? BuildDirect();
        if (key < (uint)direct.Length) { d = direct[key]!; return d is not null; }
        if (_allKeysDirect) { d = null!; return false; }
        return _byKey.TryGetValue(key, out d!);
    }

    IDissector?[]? _direct;
    bool _allKeysDirect;
    const uint MaxDirectKey = 0xFFFF;

    IDissector?[] BuildDirect()
    {
        uint max = 0; bool any = false, all = true;
        foreach (var k in _byKey.Keys)
        {
            if (k > MaxDirectKey) { all = false; continue; }
            if (!any || k > max) max = k;
            any = true;
        }
        var direct = new IDissector?[any ? max + 1 : 0];
        foreach (var kv in _byKey)
            if (kv.Key <= MaxDirectKey) direct[kv.Key] = kv.Value;
        _allKeysDirect = all;
        _direct = direct;
        return direct;
    }

    /// <summary>The dissector the engine would try first for this payload (decode-as → low key → high key → first
    /// heuristic that accepts), without running it. The TCP reassembly uses it to pick a connection's framer.</summary>
    public IDissector? Candidate(uint key, uint altKey, ReadOnlySpan<byte> payload, DissectContext ctx)
    {
        uint lo = Math.Min(key, altKey), hi = Math.Max(key, altKey);
        if (_overrides.Count != 0 && (_overrides.TryGetValue(lo, out var o) || _overrides.TryGetValue(hi, out o))) return o;
        if (TryGet(lo, out var d) || TryGet(hi, out d)) return d;
        for (int i = 0; i < _heuristics.Count; i++)
            if (_heuristics[i].Accepts(payload, ctx)) return _heuristics[i];
        return null;
    }

    /// <summary>True when an encapsulation (<see cref="IEncapsulation"/>) is registered or forced for either key:
    /// what a <see cref="DissectContext.TransportOnly"/> pass still hands a payload on for.</summary>
    public bool HasEncapsulation(uint key, uint altKey)
    {
        if (_encapsulations == 0) return false;
        if (_overrides.Count != 0 && ((_overrides.TryGetValue(key, out var o) && o is IEncapsulation) ||
                                      (_overrides.TryGetValue(altKey, out o) && o is IEncapsulation))) return true;
        return (TryGet(key, out var d) && d is IEncapsulation) || (TryGet(altKey, out d) && d is IEncapsulation);
    }
}

/// <summary>All tables of one engine, plus every dissector by protocol abbrev (for decode-as and tests).</summary>
public sealed class DissectorTables
{
    readonly Dictionary<string, DissectorTable> _tables = new(StringComparer.Ordinal);
    readonly Dictionary<string, IDissector> _byProto = new(StringComparer.Ordinal);

    public DissectorTables(FieldRegistry registry)
    {
        Registry = registry;
        LinkType = Get("wtap_encap", "Link type (LINKTYPE_*)");
    }

    public FieldRegistry Registry { get; }
    /// <summary>The root table: LINKTYPE value to link-layer dissector.</summary>
    public DissectorTable LinkType { get; }

    public DissectorTable Get(string name, string? uiName = null)
    {
        if (!_tables.TryGetValue(name, out var t)) _tables[name] = t = new DissectorTable(name, uiName ?? name);
        return t;
    }

    public DissectorTable? Find(string name) => _tables.TryGetValue(name, out var t) ? t : null;
    public IEnumerable<DissectorTable> All => _tables.Values;

    /// <summary>Registers a dissector: its protocol (fields must be registered by the caller), then its table entries.</summary>
    public void Add(IDissector d)
    {
        _byProto[d.Protocol.Abbrev] = d;
        d.Register(this);
    }

    public IDissector? Dissector(string protoAbbrev) => _byProto.TryGetValue(protoAbbrev, out var d) ? d : null;
    public IEnumerable<IDissector> Dissectors => _byProto.Values;
}
