using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dissect.Core;

namespace Dissect.Cli.Output;

/// <summary>
/// -T json in tshark's shape: an array of {"_index": "packets-YYYY-MM-DD", "_type": "doc", "_score": null,
/// "_source": {"layers": {"frame": {...}, "eth": {...}, ...}}}. Values are strings; a field with children is
/// followed by "abbrev_tree": {…}; expert items become "_ws.expert" objects. Keys keep the order of first
/// appearance, and a key that repeats among siblings becomes one array of its values (what tshark prints with
/// --no-duplicate-keys; plain tshark repeats the key, which most JSON parsers collapse).
/// </summary>
public sealed class JsonPrinter : IPacketPrinter
{
    readonly Utf8JsonWriter _w;
    readonly TreeShape _shape = new();

    public JsonPrinter(Utf8Output o)
    {
        _w = new Utf8JsonWriter(o, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        });
        Output = o;
    }

    Utf8Output Output { get; }

    public void Begin(Pipeline p)
    {
        _w.WriteStartArray();
        _w.Flush();
    }

    public void End(Pipeline p)
    {
        _w.WriteEndArray();
        _w.Flush();
        Output.WriteLine();
    }

    public void Print(Pipeline p)
    {
        var pf = p.Fields;
        _shape.Build(pf);
        var t = p.Frame.Time;
        string day;
        try { day = DateTime.UnixEpoch.AddSeconds(t.Seconds).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); }
        catch (ArgumentOutOfRangeException) { day = "1970-01-01"; }

        _w.WriteStartObject();
        _w.WriteString("_index", "packets-" + day);
        _w.WriteString("_type", "doc");
        _w.WriteNull("_score");
        _w.WritePropertyName("_source");
        _w.WriteStartObject();
        _w.WritePropertyName("layers");
        WriteObject(pf, _shape.RootFirst);
        _w.WriteEndObject();
        _w.WriteEndObject();
        _w.Flush();
    }

    enum ItemKind : byte { Value, Children, Expert }

    struct Item
    {
        public string Key;
        public int Index;
        public ItemKind Kind;
        public bool Done;
    }

    /// <summary>Sibling lists, one reusable array per nesting depth.</summary>
    sealed class Level
    {
        public Item[] Items = new Item[16];
        public int Count;
        public Dictionary<string, int>? Seen;

        public void Add(string key, int index, ItemKind kind)
        {
            if (Count == Items.Length) Array.Resize(ref Items, Count * 2);
            Items[Count++] = new Item { Key = key, Index = index, Kind = kind };
        }
    }

    readonly List<Level> _levels = new();
    int _depth;
    readonly Dictionary<FieldDef, string> _treeKeys = new();
    readonly Utf8Output _scratch = Utf8Output.CreateScratch();

    string TreeKey(FieldDef f)
    {
        if (!_treeKeys.TryGetValue(f, out var key)) _treeKeys[f] = key = f.Abbrev + "_tree";
        return key;
    }

    /// <summary>Writes the siblings starting at <paramref name="first"/> as one object; a key that repeats among them
    /// is written once, at its first place, with an array of every value.</summary>
    void WriteObject(PacketFields pf, int first)
    {
        if (_depth == _levels.Count) _levels.Add(new Level());
        var level = _levels[_depth++];
        level.Count = 0;
        for (int i = first; i >= 0; i = _shape.NextSibling(i))
        {
            var f = pf[i].Field;
            if (f.IsExpert) level.Add("_ws.expert", i, ItemKind.Expert);
            else if (f.Kind == FieldKind.Protocol) level.Add(f.Abbrev, i, ItemKind.Children);
            else
            {
                level.Add(f.Abbrev, i, ItemKind.Value);
                if (_shape.HasChildren(i)) level.Add(TreeKey(f), i, ItemKind.Children);
            }
        }

        var items = level.Items;
        int n = level.Count;
        // Many siblings: count the keys so that a unique one needs no scan for repeats.
        Dictionary<string, int>? counts = null;
        if (n > 64)
        {
            counts = level.Seen ??= new Dictionary<string, int>(StringComparer.Ordinal);
            counts.Clear();
            for (int k = 0; k < n; k++) counts[items[k].Key] = counts.GetValueOrDefault(items[k].Key) + 1;
        }

        _w.WriteStartObject();
        for (int a = 0; a < n; a++)
        {
            if (items[a].Done) continue;
            string key = items[a].Key;
            int next = -1;
            if (counts is null || counts[key] > 1)
            {
                for (int b = a + 1; b < n; b++)
                {
                    if (items[b].Done || !SameKey(items[b].Key, key)) continue;
                    next = b;
                    break;
                }
            }
            _w.WritePropertyName(key);
            if (next < 0)
            {
                WriteItem(pf, items[a]);
                continue;
            }
            _w.WriteStartArray();
            WriteItem(pf, items[a]);
            for (int b = next; b < n; b++)
            {
                if (items[b].Done || !SameKey(items[b].Key, key)) continue;
                items[b].Done = true;
                WriteItem(pf, items[b]);
            }
            _w.WriteEndArray();
        }
        _w.WriteEndObject();
        _depth--;
    }

    static bool SameKey(string a, string b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);

    void WriteItem(PacketFields pf, in Item item)
    {
        ref readonly var e = ref pf[item.Index];
        switch (item.Kind)
        {
            case ItemKind.Value:
                WriteValue(pf, e);
                break;
            case ItemKind.Children:
                if (_shape.HasChildren(item.Index)) WriteObject(pf, _shape.FirstChild(item.Index));
                else { _w.WriteStartObject(); _w.WriteEndObject(); }
                break;
            case ItemKind.Expert:
                _w.WriteStartObject();
                _w.WriteString(e.Field.Abbrev, "");
                if (e.Text >= 0 && e.Text < pf.Texts.Count) _w.WriteString("_ws.expert.message", pf.Texts[e.Text]);
                _w.WriteString("_ws.expert.severity", SeverityCode(e.Field.Severity).ToString(CultureInfo.InvariantCulture));
                if (ReferenceEquals(e.Field, FrameFields.Malformed) || ReferenceEquals(e.Field, FrameFields.Short))
                    _w.WriteString("_ws.expert.group", MalformedGroup.ToString(CultureInfo.InvariantCulture));
                _w.WriteEndObject();
                break;
        }
    }

    /// <summary>A value as a JSON string: like -T fields, but bytes colon-separated and text unescaped (the JSON
    /// writer escapes it), as tshark's JSON output does. Formatted into a scratch buffer, not a string.</summary>
    void WriteValue(PacketFields pf, in FieldEntry e)
    {
        var f = e.Field;
        switch (f.Kind)
        {
            case FieldKind.None:
                _w.WriteStringValue(""u8);
                return;
            case FieldKind.String:
            {
                var b = pf.ValueBytes(e);
                if (System.Text.Unicode.Utf8.IsValid(b)) _w.WriteStringValue(b);
                else _w.WriteStringValue(ValueText.Utf8Lenient(b));
                return;
            }
            case FieldKind.AbsoluteTime when ValueText.IsCalendarTime(f):
                _w.WriteStringValue(Format.AbsoluteTime(new Timestamp((long)e.Value, (uint)e.AuxStart)));
                return;
        }
        _scratch.Clear();
        if (f.Kind == FieldKind.Bytes) ValueText.WriteHex(_scratch, pf.ValueBytes(e), (byte)':');
        else ValueText.WriteField(_scratch, pf, e);
        _w.WriteStringValue(_scratch.Written);
    }

    /// <summary>Wireshark's PI_* severity values, as tshark prints _ws.expert.severity.</summary>
    public static int SeverityCode(ExpertSeverity s) => s switch
    {
        ExpertSeverity.Comment => 0x00100000,
        ExpertSeverity.Chat => 0x00200000,
        ExpertSeverity.Note => 0x00400000,
        ExpertSeverity.Warn => 0x00600000,
        ExpertSeverity.Error => 0x00800000,
        _ => 0,
    };

    /// <summary>PI_MALFORMED.</summary>
    const int MalformedGroup = 0x07000000;
}
