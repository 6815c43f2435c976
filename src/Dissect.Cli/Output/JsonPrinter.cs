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

    readonly record struct Item(int Index, ItemKind Kind);

    /// <summary>Writes the siblings starting at <paramref name="first"/> as one object, grouping repeated keys.</summary>
    void WriteObject(PacketFields pf, int first)
    {
        var keys = new List<string>();
        var groups = new Dictionary<string, List<Item>>(StringComparer.Ordinal);
        void Add(string key, Item item)
        {
            if (!groups.TryGetValue(key, out var list)) { groups[key] = list = new List<Item>(1); keys.Add(key); }
            list.Add(item);
        }

        for (int i = first; i >= 0; i = _shape.NextSibling(i))
        {
            var f = pf[i].Field;
            if (f.IsExpert) Add("_ws.expert", new Item(i, ItemKind.Expert));
            else if (f.Kind == FieldKind.Protocol) Add(f.Abbrev, new Item(i, ItemKind.Children));
            else
            {
                Add(f.Abbrev, new Item(i, ItemKind.Value));
                if (_shape.HasChildren(i)) Add(f.Abbrev + "_tree", new Item(i, ItemKind.Children));
            }
        }

        _w.WriteStartObject();
        foreach (var key in keys)
        {
            var list = groups[key];
            _w.WritePropertyName(key);
            if (list.Count == 1) WriteItem(pf, list[0]);
            else
            {
                _w.WriteStartArray();
                foreach (var item in list) WriteItem(pf, item);
                _w.WriteEndArray();
            }
        }
        _w.WriteEndObject();
    }

    void WriteItem(PacketFields pf, Item item)
    {
        ref readonly var e = ref pf[item.Index];
        switch (item.Kind)
        {
            case ItemKind.Value:
                _w.WriteStringValue(ValueText.JsonValue(pf, e));
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
