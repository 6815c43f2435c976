using System.Text;

namespace Dissect.Core;

/// <summary>One recorded field occurrence. Offsets are relative to the start of the frame's bytes.</summary>
public struct FieldEntry
{
    public FieldDef Field;
    /// <summary>Byte offset in the frame (or in the data source named by <see cref="Source"/>), -1 when generated.</summary>
    public int Offset;
    public int Length;
    /// <summary>Index of the enclosing protocol/subtree entry, -1 at top level.</summary>
    public int Parent;
    /// <summary>Numeric value (integers, bool, double bits, absolute-time seconds, relative-time ns).</summary>
    public ulong Value;
    /// <summary>For values held in the arena: start, or -1 when the value is the bytes at Offset..Offset+Length.
    /// For absolute time: the nanoseconds.</summary>
    public int AuxStart;
    public int AuxLength;
    /// <summary>Index into <see cref="PacketFields.Texts"/> of a display text (expert explanation), or -1.</summary>
    public int Text;
    /// <summary>0 = the frame; otherwise a data source index (reassembled or decrypted bytes).</summary>
    public int Source;
}

/// <summary>
/// The flat per-packet field list (the default field sink). Reused across packets: <see cref="Reset"/> keeps the
/// buffers. A selection (<see cref="Select"/>) makes Add* of unwanted fields a cheap no-op so a `-T fields -e a -e b`
/// run records only what it prints; with no selection everything (including the tree structure) is kept.
/// </summary>
public sealed class PacketFields
{
    FieldEntry[] _entries = new FieldEntry[256];
    int _count;
    byte[] _arena = new byte[1024];
    int _arenaUsed;
    readonly List<string> _texts = new();
    readonly List<ReadOnlyMemory<byte>> _sources = new();
    bool[]? _want;           // null = all
    bool[]? _wantProto;      // protocol ids with at least one wanted field
    int _current = -1;       // open subtree

    public int Count => _count;
    public ref readonly FieldEntry this[int i] => ref _entries[i];
    public ReadOnlySpan<FieldEntry> Entries => _entries.AsSpan(0, _count);
    public IReadOnlyList<string> Texts => _texts;
    /// <summary>The frame's bytes for the packet being recorded.</summary>
    public ReadOnlyMemory<byte> FrameBytes { get; private set; }
    /// <summary>True when every field is recorded (detail tree, JSON): dissectors may do optional work.</summary>
    public bool WantsAll => _want is null;

    /// <summary>Record only these fields (and, for tree structure, nothing else). Null or empty = everything.</summary>
    public void Select(IEnumerable<FieldDef>? fields)
    {
        if (fields is null) { _want = null; _wantProto = null; return; }
        int limit = FieldRegistry.IdLimit;
        _want = new bool[limit + 1];
        _wantProto = new bool[limit + 1];
        foreach (var f in fields)
        {
            if (f.Id < 0) throw new ArgumentException($"field {f.Abbrev} is not registered");
            if (f.Id >= _want.Length) { Array.Resize(ref _want, f.Id + 1); Array.Resize(ref _wantProto, f.Id + 1); }
            _want[f.Id] = true;
            if (f.Protocol is { } p)
            {
                if (p.Id >= _wantProto.Length) Array.Resize(ref _wantProto, p.Id + 1);
                _wantProto[p.Id] = true;
            }
        }
    }

    public bool Wants(FieldDef f)
    {
        var w = _want;
        return w is null || ((uint)f.Id < (uint)w.Length && w[f.Id]);
    }

    /// <summary>True when any field of the protocol is wanted: a dissector may skip a whole optional section.</summary>
    public bool WantsProtocol(ProtocolDef p)
    {
        var w = _wantProto;
        return w is null || ((uint)p.Id < (uint)w.Length && w[p.Id]);
    }

    public void Reset(ReadOnlyMemory<byte> frameBytes)
    {
        _count = 0; _arenaUsed = 0; _current = -1; _texts.Clear(); _sources.Clear(); CurrentSource = 0;
        FrameBytes = frameBytes;
    }

    /// <summary>The bytes a data source index refers to (0 = the frame).</summary>
    public ReadOnlyMemory<byte> SourceBytes(int source) => source == 0 ? FrameBytes : _sources[source - 1];

    /// <summary>Adds a data source (reassembled/decrypted bytes, owned by the caller for this packet); returns its index.</summary>
    public int AddSource(ReadOnlyMemory<byte> bytes) { _sources.Add(bytes); return _sources.Count; }
    public int SourceCount => _sources.Count + 1;

    ref FieldEntry Push(FieldDef f, int offset, int length)
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
        ref var e = ref _entries[_count++];
        e.Field = f; e.Offset = offset; e.Length = length; e.Parent = _current;
        e.Value = 0; e.AuxStart = -1; e.AuxLength = 0; e.Text = -1; e.Source = CurrentSource;
        return ref e;
    }

    // ---- tree structure ----

    /// <summary>Opens a protocol layer or subtree; subsequent fields nest under it until <see cref="EndTree"/>.
    /// Returns a handle (entry index, or -1 when not recorded).</summary>
    public int BeginTree(FieldDef f, int offset, int length)
    {
        if (_want is not null)
        {
            // Selected output: no tree structure, but a wanted field whose value is its bytes (eth.dst with its
            // subfields beneath) must still be recorded.
            if (Wants(f)) Push(f, offset, length);
            return -1;
        }
        Push(f, offset, length);
        _current = _count - 1;
        return _current;
    }

    /// <summary>Adds a subtree with a numeric value (e.g. tcp.flags with its bits beneath).</summary>
    public int BeginTree(FieldDef f, int offset, int length, ulong value)
    {
        if (_want is not null) { AddUInt(f, offset, length, value); return -1; }
        Push(f, offset, length).Value = value;
        _current = _count - 1;
        return _current;
    }

    public void EndTree(int handle)
    {
        if (handle < 0) return;
        _current = _entries[handle].Parent;
    }

    /// <summary>Fix the length of a tree opened before its size was known.</summary>
    public void SetLength(int handle, int length)
    {
        if (handle >= 0) _entries[handle].Length = length;
    }

    // ---- values ----

    public void AddUInt(FieldDef f, int offset, int length, ulong value)
    {
        if (!Wants(f)) return;
        Push(f, offset, length).Value = value;
    }

    public void AddInt(FieldDef f, int offset, int length, long value)
    {
        if (!Wants(f)) return;
        Push(f, offset, length).Value = unchecked((ulong)value);
    }

    public void AddBool(FieldDef f, int offset, int length, bool value)
    {
        if (!Wants(f)) return;
        Push(f, offset, length).Value = value ? 1UL : 0UL;
    }

    public void AddDouble(FieldDef f, int offset, int length, double value)
    {
        if (!Wants(f)) return;
        Push(f, offset, length).Value = BitConverter.DoubleToUInt64Bits(value);
    }

    /// <summary>A field whose value is the bytes at [offset, offset+length) of the frame (bytes, string, addresses).</summary>
    public void AddBytes(FieldDef f, int offset, int length)
    {
        if (!Wants(f)) return;
        Push(f, offset, length);
    }

    /// <summary>A field whose value is computed bytes (decompressed DNS name, reassembled value): copied into the arena.</summary>
    public void AddValueBytes(FieldDef f, int offset, int length, ReadOnlySpan<byte> value)
    {
        if (!Wants(f)) return;
        int start = ArenaAppend(value);
        ref var e = ref Push(f, offset, length);
        e.AuxStart = start; e.AuxLength = value.Length;
    }

    /// <summary>A computed text value (UTF-16 string converted to UTF-8 in the arena).</summary>
    public void AddString(FieldDef f, int offset, int length, ReadOnlySpan<char> value)
    {
        if (!Wants(f)) return;
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        EnsureArena(max);
        int n = Encoding.UTF8.GetBytes(value, _arena.AsSpan(_arenaUsed));
        ref var e = ref Push(f, offset, length);
        e.AuxStart = _arenaUsed; e.AuxLength = n;
        _arenaUsed += n;
    }

    public void AddTime(FieldDef f, int offset, int length, Timestamp t)
    {
        if (!Wants(f)) return;
        ref var e = ref Push(f, offset, length);
        e.Value = unchecked((ulong)t.Seconds); e.AuxStart = (int)t.Nanoseconds;
    }

    public void AddRelativeTime(FieldDef f, int offset, int length, long nanoseconds)
    {
        if (!Wants(f)) return;
        Push(f, offset, length).Value = unchecked((ulong)nanoseconds);
    }

    /// <summary>A presence-only field (label) or an expert item. <paramref name="text"/> (optional, detail only)
    /// explains it in plain words.</summary>
    public void AddFlag(FieldDef f, int offset, int length, string? text = null)
    {
        if (!Wants(f)) return;
        ref var e = ref Push(f, offset, length);
        if (text is not null && _want is null) { _texts.Add(text); e.Text = _texts.Count - 1; }
    }

    /// <summary>Attach a plain-words explanation to the last entry recorded for <paramref name="f"/> (detail only).</summary>
    public void Explain(int entryIndex, string text)
    {
        if ((uint)entryIndex >= (uint)_count) return;
        _texts.Add(text); _entries[entryIndex].Text = _texts.Count - 1;
    }

    /// <summary>The data source (0 = frame) that offsets of newly added entries refer to; set by the engine per layer.</summary>
    public int CurrentSource { get; set; }

    /// <summary>Drops every entry from <paramref name="count"/> on (a rejected dissector's partial work).</summary>
    public void Truncate(int count)
    {
        if (count >= _count) return;
        _count = Math.Max(0, count);
        while (_current >= _count) _current = _current < 0 ? -1 : _entries[_current].Parent;
    }

    /// <summary>Replaces the text value of entry <paramref name="index"/>.</summary>
    public void ReplaceString(int index, ReadOnlySpan<char> value)
    {
        if ((uint)index >= (uint)_count) return;
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        EnsureArena(max);
        int n = Encoding.UTF8.GetBytes(value, _arena.AsSpan(_arenaUsed));
        _entries[index].AuxStart = _arenaUsed; _entries[index].AuxLength = n;
        _arenaUsed += n;
    }

    // ---- reading back ----

    /// <summary>The value bytes of an entry (arena or the referenced source bytes, clipped to what was captured).</summary>
    public ReadOnlySpan<byte> ValueBytes(in FieldEntry e)
    {
        if (e.AuxStart >= 0 && e.Field.Kind != FieldKind.AbsoluteTime) return _arena.AsSpan(e.AuxStart, e.AuxLength);
        if (e.Offset < 0) return default;
        var src = SourceBytes(e.Source).Span;
        if (e.Offset >= src.Length) return default;
        return src.Slice(e.Offset, Math.Min(e.Length, src.Length - e.Offset));
    }

    /// <summary>Index of the first entry for the field, or -1.</summary>
    public int IndexOf(FieldDef f, int start = 0)
    {
        for (int i = start; i < _count; i++) if (ReferenceEquals(_entries[i].Field, f)) return i;
        return -1;
    }

    public bool Has(FieldDef f) => IndexOf(f) >= 0;

    public bool TryGetUInt(FieldDef f, out ulong value)
    {
        int i = IndexOf(f);
        value = i >= 0 ? _entries[i].Value : 0;
        return i >= 0;
    }

    int ArenaAppend(ReadOnlySpan<byte> value)
    {
        EnsureArena(value.Length);
        int start = _arenaUsed;
        value.CopyTo(_arena.AsSpan(start));
        _arenaUsed += value.Length;
        return start;
    }

    void EnsureArena(int more)
    {
        if (_arenaUsed + more > _arena.Length)
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + more));
    }

}
