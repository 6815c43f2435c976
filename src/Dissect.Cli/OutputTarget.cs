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

    /// <summary>A buffered text writer for a long report (stats tables): over the stdout stream when there is one
    /// (Console.Out writes through on every call), else <see cref="Text"/>. Dispose it when done (flushes).</summary>
    public TextWriter OpenText()
    {
        if (_stream is null) return new NonClosing(Text);
        Text.Flush();
        return new StreamWriter(_stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
    }

    sealed class NonClosing(TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;
        public override void Write(char value) => inner.Write(value);
        public override void Write(string? value) => inner.Write(value);
        public override void Write(ReadOnlySpan<char> buffer) => inner.Write(buffer);
        public override void Flush() => inner.Flush();
        protected override void Dispose(bool disposing) { if (disposing) inner.Flush(); }
    }

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
