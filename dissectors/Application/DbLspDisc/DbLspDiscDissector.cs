using Dissect.Core;
using Dissect.Dissectors.Application.Sip;

namespace Dissect.Dissectors.Application.DbLspDisc;

/// <summary>Dropbox LAN sync discovery and JSON fields with tshark 4.0's abbrevs.</summary>
public static class DbLspDiscFields
{
    public static readonly ProtocolDef Protocol = new("db-lsp-disc", "Dropbox LAN sync Discovery Protocol", "DB-LSP-DISC");
    public static readonly ProtocolDef JsonProtocol = new("json", "JavaScript Object Notation", "JSON");

    public static readonly FieldDef[] All = [];

    public static readonly FieldDef JsonObject = new("json.object", "Object", FieldKind.None);
    public static readonly FieldDef JsonArray = new("json.array", "Array", FieldKind.None);
    public static readonly FieldDef JsonMember = new("json.member", "Member", FieldKind.String);
    public static readonly FieldDef JsonKey = new("json.key", "Key", FieldKind.String);
    public static readonly FieldDef JsonString = new("json.value.string", "String value", FieldKind.String);
    public static readonly FieldDef JsonNumber = new("json.value.number", "Number value", FieldKind.String);
    public static readonly FieldDef JsonTrue = new("json.value.true", "True value", FieldKind.None);
    public static readonly FieldDef JsonFalse = new("json.value.false", "False value", FieldKind.None);
    public static readonly FieldDef JsonNull = new("json.value.null", "Null value", FieldKind.None);

    public static readonly FieldDef[] JsonAll = [JsonObject, JsonArray, JsonMember, JsonKey, JsonString, JsonNumber, JsonTrue, JsonFalse, JsonNull];
}

/// <summary>
/// Dropbox LAN sync discovery (udp.port 17500): a JSON body, handed to the JSON layer. Info as tshark 4.0:
/// "Dropbox LAN sync Discovery Protocol, JavaScript Object Notation"; Protocol column "DB-LSP-DISC/JSON".
/// </summary>
public sealed class DbLspDiscDissector : IDissector
{
    public const ushort Port = 17500;
    readonly JsonDissector _json;

    public DbLspDiscDissector(JsonDissector json) { _json = json; }

    public ProtocolDef Protocol => DbLspDiscFields.Protocol;

    public void Register(DissectorTables tables) => tables.Get("udp.port", "UDP port").Add(Port, this);

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        if (ctx.WantColumns) ctx.Columns.Info.Clear().Append("Dropbox LAN sync Discovery Protocol");
        return tvb.Reported > 0 ? Handoff.ToDissector(_json, tvb.Offset, tvb.Reported) : Handoff.Done;
    }
}

/// <summary>
/// A minimal JSON layer (tshark's "json"): walks the text once and records objects, arrays, members with their keys,
/// string and number values (as their raw text: escapes are not undone) and true/false/null. tshark's generated
/// path fields and the compact views are not produced. Protocol column: the carrier's plus "/JSON"; Info appends
/// ", JavaScript Object Notation". Text that is not JSON stops the layer as malformed at the first bad byte.
/// </summary>
public sealed class JsonDissector : IDissector
{
    const int MaxDepth = 64;

    public ProtocolDef Protocol => DbLspDiscFields.JsonProtocol;

    public void Register(DissectorTables tables) { }

    public Handoff Dissect(in Tvb tvb, DissectContext ctx)
    {
        var d = tvb.Span;
        int o = tvb.Offset;
        var f = ctx.Fields;
        TextProtocol.AppendProtocolColumn(ctx, "JSON");
        if (ctx.WantColumns) ctx.Columns.Info.Sep().Append("JavaScript Object Notation");
        ulong inObject = 0;   // bit per depth: 1 = object, 0 = array
        int depth = 0, pos = 0;
        bool expectKey = false;
        while (true)
        {
            pos = Skip(d, pos);
            if (pos >= d.Length) break;
            byte c = d[pos];
            if (expectKey)
            {
                if (c == '}') { expectKey = false; depth--; pos++; continue; }
                if (c != '"') return Bad(tvb);
                int end = StringEnd(d, pos);
                if (end < 0) return Cut(tvb);
                f.AddBytes(DbLspDiscFields.JsonMember, o + pos + 1, end - pos - 1);
                f.AddBytes(DbLspDiscFields.JsonKey, o + pos + 1, end - pos - 1);
                pos = Skip(d, end + 1);
                if (pos >= d.Length) return Cut(tvb);
                if (d[pos] != ':') return Bad(tvb);
                pos++;
                expectKey = false;
                continue;
            }
            switch (c)
            {
                case (byte)'{' or (byte)'[':
                    if (depth >= MaxDepth) return Bad(tvb);
                    f.AddFlag(c == '{' ? DbLspDiscFields.JsonObject : DbLspDiscFields.JsonArray, o + pos, 1);
                    if (c == '{') inObject |= 1UL << depth; else inObject &= ~(1UL << depth);
                    depth++;
                    pos++;
                    expectKey = c == '{';
                    continue;
                case (byte)']' or (byte)'}':
                    if (depth == 0 || (c == '}') != ((inObject & (1UL << (depth - 1))) != 0)) return Bad(tvb);
                    depth--;
                    pos++;
                    break;
                case (byte)',':
                    pos++;
                    expectKey = depth > 0 && (inObject & (1UL << (depth - 1))) != 0;
                    continue;
                case (byte)'"':
                {
                    int end = StringEnd(d, pos);
                    if (end < 0) return Cut(tvb);
                    f.AddBytes(DbLspDiscFields.JsonString, o + pos + 1, end - pos - 1);
                    pos = end + 1;
                    break;
                }
                case (byte)'t' when d.Slice(pos).StartsWith("true"u8):
                    f.AddFlag(DbLspDiscFields.JsonTrue, o + pos, 4); pos += 4; break;
                case (byte)'f' when d.Slice(pos).StartsWith("false"u8):
                    f.AddFlag(DbLspDiscFields.JsonFalse, o + pos, 5); pos += 5; break;
                case (byte)'n' when d.Slice(pos).StartsWith("null"u8):
                    f.AddFlag(DbLspDiscFields.JsonNull, o + pos, 4); pos += 4; break;
                default:
                    if (c is (byte)'-' or (>= (byte)'0' and <= (byte)'9'))
                    {
                        int start = pos;
                        while (pos < d.Length && d[pos] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E') pos++;
                        if (pos == d.Length && tvb.IsCut) return Cut(tvb);   // the number may go on past the cut
                        f.AddBytes(DbLspDiscFields.JsonNumber, o + start, pos - start);
                        break;
                    }
                    return Bad(tvb);
            }
            if (depth == 0) break;
        }
        if (depth > 0) return Cut(tvb);
        return Handoff.Done;
    }

    static Handoff Cut(in Tvb tvb) => tvb.IsCut ? Handoff.Truncated("JSON text cut by the capture length") : Handoff.Malformed("JSON text ends inside a value");
    static Handoff Bad(in Tvb tvb) => tvb.IsCut ? Handoff.Truncated("JSON text cut by the capture length") : Handoff.Malformed("not valid JSON");

    static int Skip(ReadOnlySpan<byte> d, int pos)
    {
        while (pos < d.Length && d[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') pos++;
        return pos;
    }

    /// <summary>Index of the closing quote of the string opening at <paramref name="pos"/>, or -1.</summary>
    static int StringEnd(ReadOnlySpan<byte> d, int pos)
    {
        for (int i = pos + 1; i < d.Length; i++)
        {
            if (d[i] == '\\') { i++; continue; }
            if (d[i] == '"') return i;
        }
        return -1;
    }
}
