namespace Dissect.Conformance.Tests;

/// <summary>A tshark `-T fields -E header=y -E separator=/t` reference: header of field names, one row a frame.</summary>
public sealed class ReferenceTable
{
    public required string[] Fields { get; init; }
    public required List<string[]> Rows { get; init; }

    public static ReferenceTable Load(string path)
    {
        var lines = File.ReadAllText(path).Split('\n');
        var header = lines[0].TrimEnd('\r').Split('\t');
        var rows = new List<string[]>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].TrimEnd('\r').Split('\t');
            if (cells.Length < header.Length) Array.Resize(ref cells, header.Length);
            rows.Add(cells.Select(c => c ?? "").ToArray());
        }
        return new ReferenceTable { Fields = header, Rows = rows };
    }

    public int Column(string field) => Array.IndexOf(Fields, field);
}
