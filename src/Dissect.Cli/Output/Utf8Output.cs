using System.Buffers;
using System.Globalization;
using System.Text;

namespace Dissect.Cli.Output;

/// <summary>
/// The one buffered UTF-8 writer every printer writes through: a 64 KiB byte buffer flushed to a stream (stdout)
/// or, in tests, decoded into a <see cref="TextWriter"/>. Span-based, no per-call allocation; also an
/// <see cref="IBufferWriter{T}"/> so Utf8JsonWriter can write straight into the buffer.
/// </summary>
public sealed class Utf8Output : IBufferWriter<byte>, IDisposable
{
    const int DefaultSize = 64 * 1024;

    readonly Stream? _stream;
    readonly TextWriter? _text;
    readonly Decoder? _decoder;
    char[]? _chars;
    byte[] _buf;
    int _used;

    public Utf8Output(Stream stream, int bufferSize = DefaultSize)
    {
        _stream = stream;
        _buf = new byte[Math.Max(bufferSize, 256)];
    }

    Utf8Output(int bufferSize)
    {
        _scratch = true;
        _buf = new byte[Math.Max(bufferSize, 256)];
    }

    /// <summary>An in-memory output that only grows (never flushes): format into it, read <see cref="Written"/>,
    /// then <see cref="Clear"/>.</summary>
    public static Utf8Output CreateScratch(int bufferSize = 1024) => new(bufferSize);

    readonly bool _scratch;

    /// <summary>The bytes written since the last flush or <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _buf.AsSpan(0, _used);

    /// <summary>Drops the buffered bytes (scratch use).</summary>
    public void Clear() => _used = 0;

    public Utf8Output(TextWriter text, int bufferSize = DefaultSize)
    {
        _text = text;
        _decoder = new UTF8Encoding(false, false).GetDecoder();
        _buf = new byte[Math.Max(bufferSize, 256)];
    }

    /// <summary>True once the output stream refused a write (the reader went away, e.g. `| head`): further output
    /// is dropped and readers of packets may stop early.</summary>
    public bool Broken { get; private set; }

    /// <summary>Bytes written so far that are still in the buffer.</summary>
    public int Buffered => _used;

    // ---- IBufferWriter<byte> ----

    public void Advance(int count) => _used += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buf.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buf.AsSpan(_used);
    }

    // ---- writing ----

    /// <summary>Makes room for <paramref name="n"/> bytes (flushing, or growing for a single huge item).</summary>
    public void Ensure(int n)
    {
        if (_used + n <= _buf.Length) return;
        if (_scratch)
        {
            Array.Resize(ref _buf, Math.Max(_used + n, _buf.Length * 2));
            return;
        }
        FlushBuffer();
        if (n > _buf.Length) _buf = new byte[Math.Max(n, _buf.Length * 2)];
    }

    public void WriteByte(byte b)
    {
        if (_used == _buf.Length) Ensure(1);
        _buf[_used++] = b;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buf.Length - _used)
        {
            if (_scratch)
            {
                Ensure(bytes.Length);
                bytes.CopyTo(_buf.AsSpan(_used));
                _used += bytes.Length;
                return;
            }
            FlushBuffer();
            if (bytes.Length > _buf.Length)
            {
                WriteThrough(bytes);
                return;
            }
        }
        bytes.CopyTo(_buf.AsSpan(_used));
        _used += bytes.Length;
    }

    /// <summary>Writes text as UTF-8 (lone surrogates become U+FFFD).</summary>
    public void Write(ReadOnlySpan<char> text)
    {
        // ASCII fast path
        int i = 0;
        while (i < text.Length)
        {
            int room = _buf.Length - _used;
            if (room < 4) { Ensure(4); room = _buf.Length - _used; }
            int n = Math.Min(room, text.Length - i);
            var dst = _buf.AsSpan(_used, n);
            int k = 0;
            var src = text.Slice(i, n);
            for (; k < src.Length; k++)
            {
                char c = src[k];
                if (c >= 0x80) break;
                dst[k] = (byte)c;
            }
            _used += k; i += k;
            if (i < text.Length && text[i] >= 0x80)
            {
                // Encode the non-ASCII run (up to the next ASCII char) with the encoder.
                int j = i;
                while (j < text.Length && text[j] >= 0x80) j++;
                // keep surrogate pairs together
                var run = text.Slice(i, j - i);
                int max = Encoding.UTF8.GetMaxByteCount(run.Length);
                Ensure(max);
                _used += Encoding.UTF8.GetBytes(run, _buf.AsSpan(_used));
                i = j;
            }
        }
    }

    public void Write(string? s) { if (s is not null) Write(s.AsSpan()); }

    public void Write(char c)
    {
        if (c < 0x80) { WriteByte((byte)c); return; }
        Span<char> one = [c];
        Write((ReadOnlySpan<char>)one);
    }

    public void WriteLine() => WriteByte((byte)'\n');

    public void WriteLine(ReadOnlySpan<char> text) { Write(text); WriteByte((byte)'\n'); }

    public void WriteSpaces(int n)
    {
        if (n <= 0) return;
        Ensure(n);
        _buf.AsSpan(_used, n).Fill((byte)' ');
        _used += n;
    }

    public void Write(ulong v)
    {
        Ensure(20);
        v.TryFormat(_buf.AsSpan(_used), out int n, default, CultureInfo.InvariantCulture);
        _used += n;
    }

    public void Write(long v)
    {
        Ensure(21);
        v.TryFormat(_buf.AsSpan(_used), out int n, default, CultureInfo.InvariantCulture);
        _used += n;
    }

    /// <summary>Writes <paramref name="v"/> in decimal, right-aligned in <paramref name="width"/> columns.</summary>
    public void WriteRightAligned(ulong v, int width)
    {
        Span<byte> tmp = stackalloc byte[20];
        v.TryFormat(tmp, out int n, default, CultureInfo.InvariantCulture);
        WriteSpaces(width - n);
        Write(tmp.Slice(0, n));
    }

    /// <summary>Flushes buffered bytes to the underlying stream or writer (and flushes that too).</summary>
    public void Flush()
    {
        if (_scratch) return;
        FlushBuffer();
        if (Broken) return;
        try
        {
            if (_stream is not null) _stream.Flush();
            else _text!.Flush();
        }
        catch (IOException) when (_stream is not null) { Broken = true; }
    }

    void FlushBuffer()
    {
        if (_used == 0) return;
        WriteThrough(_buf.AsSpan(0, _used));
        _used = 0;
    }

    void WriteThrough(ReadOnlySpan<byte> bytes)
    {
        if (Broken) return;
        if (_stream is not null)
        {
            try { _stream.Write(bytes); }
            catch (IOException) { Broken = true; }
            return;
        }
        int max = _decoder!.GetCharCount(bytes, flush: false);
        if (_chars is null || _chars.Length < max) _chars = new char[Math.Max(max, 1024)];
        int n = _decoder.GetChars(bytes, _chars, flush: false);
        _text!.Write(_chars, 0, n);
    }

    public void Dispose() => Flush();
}
