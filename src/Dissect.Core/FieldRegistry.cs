namespace Dissect.Core;

/// <summary>
/// Every protocol and field known to one engine instance, with dense ids. Built once by BuiltIn.Register;
/// read-only afterwards (no global mutable ids: each registry numbers its own fields).
/// </summary>
public sealed class FieldRegistry
{
    readonly List<FieldDef> _byId = new();
    readonly List<FieldDef> _all = new();
    readonly Dictionary<string, FieldDef> _byAbbrev = new(StringComparer.Ordinal);
    readonly List<ProtocolDef> _protocols = new();

    public FieldRegistry()
    {
        Register(FrameFields.Protocol, FrameFields.All);
        Register(FrameFields.WsProtocol, FrameFields.WsAll);
        Register(FrameFields.Data, FrameFields.DataAll);
    }

    /// <summary>Every field in registration order (protocols included).</summary>
    public IReadOnlyList<FieldDef> Fields => _all;
    public IReadOnlyList<ProtocolDef> Protocols => _protocols;
    public int Count => _all.Count;

    /// <summary>Registers a protocol and its fields. A definition object may only belong to one registry id
    /// at a time, so registering the same static definitions again (a second registry) reuses the ids.</summary>
    public void Register(ProtocolDef protocol, params ReadOnlySpan<FieldDef> fields)
    {
        if (_byAbbrev.ContainsKey(protocol.Abbrev)) 
        {
            if (ReferenceEquals(_byAbbrev[protocol.Abbrev], protocol)) { foreach (var f in fields) Add(f, protocol); return; }
            throw new InvalidOperationException($"protocol '{protocol.Abbrev}' registered twice");
        }
        Add(protocol, protocol);
        _protocols.Add(protocol);
        foreach (var f in fields) Add(f, protocol);
    }

    void Add(FieldDef f, ProtocolDef p)
    {
        if (_byAbbrev.TryGetValue(f.Abbrev, out var existing))
        {
            if (ReferenceEquals(existing, f)) return;
            // Wireshark allows several definitions with one abbrev (same type); keep the first for lookup.
            if (existing.Kind != f.Kind && !(FieldDef.IsInteger(existing.Kind) && FieldDef.IsInteger(f.Kind)))
                throw new InvalidOperationException($"field '{f.Abbrev}' registered with two kinds");
        }
        else _byAbbrev[f.Abbrev] = f;
        // Ids are global per definition object: static definitions are shared by every registry in the process,
        // so the id is assigned once and must be the same everywhere. Keep them dense by assigning in order of
        // first registration across the process.
        if (f.Id < 0) f.Id = FieldIds.Next();
        f.Protocol ??= p;
        if (!ReferenceEquals(f, p) && !p.Fields.Contains(f)) p.Fields.Add(f);
        while (_byId.Count <= f.Id) _byId.Add(null!);
        if (_byId[f.Id] is null) _all.Add(f);
        _byId[f.Id] = f;
    }

    public FieldDef? Find(string abbrev) => _byAbbrev.TryGetValue(abbrev, out var f) ? f : null;
    public FieldDef? this[int id] => (uint)id < (uint)_byId.Count ? _byId[id] : null;
    public bool Contains(FieldDef f) => (uint)f.Id < (uint)_byId.Count && ReferenceEquals(_byId[f.Id], f);
    public IEnumerable<string> Abbrevs => _byAbbrev.Keys;

    /// <summary>Highest id + 1 across the process (size for per-field arrays).</summary>
    public static int IdLimit => FieldIds.Limit;
}

static class FieldIds
{
    static int _next;
    public static int Next() => Interlocked.Increment(ref _next) - 1;
    public static int Limit => Volatile.Read(ref _next);
}
