using Dissect.Cli.Output;

namespace Dissect.Cli;

/// <summary>Where standard output goes: the process's stdout stream (packets as bytes, help text through a
/// TextWriter) or, in tests, one TextWriter for both.</summary>
public sealed class OutputTarget
{
    readonly Stream? _stream;

    public OutputTarget(TextWriter text) { Text = text; }

    public OutputTarget(Stream stream, TextWriter text) { _stream = stream; Text = text; }

    /// <summary>For help and version text.</summary>
    public TextWriter Text { get; }

    /// <summary>A buffered UTF-8 writer for packet output (flush it when done).</summary>
    public Utf8Output Open()
    {
        if (_stream is not null)
        {
            Text.Flush();
            return new Utf8Output(_stream);
        }
        return new Utf8Output(Text);
    }
}
