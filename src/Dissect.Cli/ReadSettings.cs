namespace Dissect.Cli;

/// <summary>The options of `dissect read FILE` / `dissect -r FILE`, as parsed.</summary>
public sealed class ReadSettings
{
    public string? File { get; set; }
    public bool Verbose { get; set; }          // -V
    public bool Hex { get; set; }              // -x
    public bool PrintSummary { get; set; }     // -P
    public bool Quiet { get; set; }            // -q
    public bool NoResolve { get; set; }        // -n
    public long Count { get; set; } = -1;      // -c
    public string? DisplayFilter { get; set; } // -Y / -R
    public string? OutputFormat { get; set; }  // -T
    public List<string> Fields { get; } = new();        // -e
    public List<string> FieldOptions { get; } = new();  // -E
    public string? WriteFile { get; set; }     // -w
    public List<string> DecodeAs { get; } = new();      // -d TABLE==SELECTOR,PROTO
    /// <summary>The -d rules once parsed and checked (null: none).</summary>
    public DecodeAs? DecodeAsRules { get; set; }
}
