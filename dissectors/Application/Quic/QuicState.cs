using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Dissect.Core;
using Dissect.Core.Flow;

namespace Dissect.Dissectors.Application.Quic;

/// <summary>A connection ID (0..20 bytes) held inline, usable as a dictionary key without allocation.</summary>
public struct QuicCid : IEquatable<QuicCid>
{
    public const int MaxLength = 20;

    [InlineArray(MaxLength)]
    struct Buf { byte _e0; }

    Buf _b;
    public byte Length;

    public static bool TryFrom(ReadOnlySpan<byte> b, out QuicCid cid)
    {
        cid = default;
        if (b.Length > MaxLength) return false;
        b.CopyTo(cid._b);
        cid.Length = (byte)b.Length;
        return true;
    }

    [UnscopedRef] public readonly ReadOnlySpan<byte> Span => ((ReadOnlySpan<byte>)_b).Slice(0, Length);
    public readonly byte[] ToArray() => Span.ToArray();
    public readonly bool Equals(QuicCid o) => Length == o.Length && Span.SequenceEqual(o.Span);
    public override readonly bool Equals(object? obj) => obj is QuicCid c && Equals(c);
    public override readonly int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Span);
        return h.ToHashCode();
    }
}

/// <summary>The CRYPTO stream of one direction at the Initial level, reassembled by offset (first pass only).
/// Bounded: bytes past <see cref="Cap"/> are dropped and a message that would need them never completes.</summary>
public sealed class QuicCryptoStream
{
    public const int Cap = 64 * 1024;
    byte[] _buf = Array.Empty<byte>();
    readonly List<(int Start, int End)> _ranges = new();

    /// <summary>Bytes already handed to the TLS parser (a handshake-message boundary).</summary>
    public int Delivered { get; private set; }
    public int Contiguous => _ranges.Count > 0 && _ranges[0].Start == 0 ? _ranges[0].End : 0;
    public ReadOnlyMemory<byte> Bytes => _buf;

    public void Add(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset >= Cap || data.IsEmpty) return;
        int start = (int)offset;
        int end = (int)Math.Min((ulong)Cap, offset + (ulong)data.Length);
        if (end > _buf.Length) Array.Resize(ref _buf, Math.Min(Cap, Math.Max(end, _buf.Length * 2)));
        data.Slice(0, end - start).CopyTo(_buf.AsSpan(start));
        // insert and merge
        int i = 0;
        while (i < _ranges.Count && _ranges[i].End < start) i++;
        int s = start, e = end;
        while (i < _ranges.Count && _ranges[i].Start <= e)
        {
            s = Math.Min(s, _ranges[i].Start); e = Math.Max(e, _ranges[i].End);
            _ranges.RemoveAt(i);
        }
        _ranges.Insert(i, (s, e));
    }

    /// <summary>Whole handshake messages that became available: [start, end) of the stream. Advances Delivered.</summary>
    public bool TryTakeMessages(out int start, out int end)
    {
        start = end = Delivered;
        int contig = Contiguous;
        int pos = Delivered;
        while (pos + 4 <= contig)
        {
            int len = _buf[pos + 1] << 16 | _buf[pos + 2] << 8 | _buf[pos + 3];
            if (pos + 4 + len > contig) break;
            pos += 4 + len;
        }
        if (pos == Delivered) return false;
        end = pos; Delivered = pos;
        return true;
    }
}

/// <summary>One QUIC connection as the first pass saw it.</summary>
public sealed class QuicConnection
{
    public QuicConnection(int number) { Number = number; }

    public int Number { get; }
    public Address ClientAddress, ServerAddress;
    public ushort ClientPort, ServerPort;
    public bool HasTuple;
    /// <summary>The version the Initial keys are made with (the client's first, then the server's).</summary>
    public uint Version;
    /// <summary>The DCID the Initial keys derive from (the client's first, or the SCID of a Retry).</summary>
    public byte[] KeysDcid = Array.Empty<byte>();
    /// <summary>Initial keys per direction (0 = client, 1 = server), made when first needed.</summary>
    public readonly QuicInitialKeys?[] Keys = new QuicInitialKeys?[2];
    public readonly ulong[] NextPn = new ulong[2];
    public readonly QuicCryptoStream[] Crypto = { new(), new() };
    /// <summary>The cipher suite of the ServerHello seen on the first pass (0 = none yet): with it tshark can tell
    /// which keys the Handshake and 1-RTT packets need (tls_get_cipher_info), without it it cannot.</summary>
    public ushort CipherSuite;
    /// <summary>tshark's skip_decryption: the 1-RTT secrets were looked up once and are not available.</summary>
    public bool SkipDecryption;
    /// <summary>Length of the first Source Connection ID each side sent (0 = client, 1 = server); -1 before.</summary>
    public readonly sbyte[] CidLength = { -1, -1 };
}

/// <summary>Why tshark 4.0 could not make the keys of a packet ("Failed to create decryption context: …").</summary>
public enum QuicKeyError : byte
{
    None,
    /// <summary>The cipher is known but no TLS secrets were given (no key log).</summary>
    SecretsNotAvailable,
    /// <summary>Handshake packet before any ServerHello (quic_create_decoders).</summary>
    NoCipherInfo,
    /// <summary>1-RTT packet before any ServerHello (quic_get_1rtt_hp_cipher).</summary>
    MissingHandshake,
}

/// <summary>What the first pass decided for one QUIC packet of a frame, so a later re-dissection repeats it.</summary>
public struct QuicPacketRecord
{
    public QuicConnection? Conn;
    public QuicInitialKeys? Keys;
    public bool FromServer;
    public byte ShortDcidLength;
    public ulong PacketNumber;
    public int TlsStart, TlsEnd;
    /// <summary>Decided on the first pass, as tshark stores quic_packet->decryption.error.</summary>
    public QuicKeyError KeyError;
}

/// <summary>
/// Per-capture QUIC state: connections found by connection ID (and by address/port pair for zero-length IDs), and
/// the per-packet records of the first pass. Held per <see cref="DissectContext"/> (one sequential pass), since the
/// core contract has no per-capture slot for application dissectors.
/// </summary>
public sealed class QuicState
{
    static readonly ConditionalWeakTable<DissectContext, QuicState> States = new();

    public static QuicState For(DissectContext ctx) => States.GetValue(ctx, static _ => new QuicState());
    public static bool TryGet(DissectContext ctx, out QuicState state) => States.TryGetValue(ctx, out state!);

    public readonly List<QuicConnection> Connections = new();
    readonly Dictionary<QuicCid, (QuicConnection Conn, bool SentByClient)> _byCid = new();
    readonly Dictionary<(Address, ushort, Address, ushort), QuicConnection> _byTuple = new();
    uint _cidLengths;   // bit n: a tracked CID of length n exists

    // ---- first-pass records, by frame ----
    readonly List<QuicPacketRecord> _records = new();
    int[] _frameFirst = new int[64];   // index of the frame's first record
    int[] _frameCount = new int[64];   // records of the frame
    public long LastFrame { get; private set; }

    // ---- plaintext scratch (owned memory handed to PacketFields.AddSource for the current packet) ----
    byte[] _scratch = new byte[4096];
    int _scratchUsed;

    public bool BeginFrame(long number)
    {
        if (number <= LastFrame) return false;
        LastFrame = number;
        return true;
    }

    public void ResetScratch() => _scratchUsed = 0;

    public Memory<byte> Rent(int n)
    {
        if (_scratchUsed + n > _scratch.Length)
        {
            // Earlier slices keep the old array alive for this packet; new work goes to a fresh one.
            _scratch = new byte[Math.Max(_scratch.Length * 2, n)];
            _scratchUsed = 0;
        }
        var m = _scratch.AsMemory(_scratchUsed, n);
        _scratchUsed += n;
        return m;
    }

    public void Record(long frame, int packetIndex, in QuicPacketRecord rec)
    {
        if (frame <= 0 || frame > int.MaxValue / 2) return;
        if (frame >= _frameFirst.Length)
        {
            int n = (int)Math.Max(frame + 1, _frameFirst.Length * 2L);
            Array.Resize(ref _frameFirst, n); Array.Resize(ref _frameCount, n);
        }
        if (packetIndex == 0) { _frameFirst[frame] = _records.Count; _frameCount[frame] = 0; }
        if (packetIndex != _frameCount[frame] || _frameFirst[frame] + packetIndex != _records.Count) return;
        _records.Add(rec);
        _frameCount[frame]++;
    }

    public bool TryGetRecord(long frame, int packetIndex, out QuicPacketRecord rec)
    {
        rec = default;
        if (frame <= 0 || frame >= _frameFirst.Length || packetIndex >= _frameCount[frame]) return false;
        rec = _records[_frameFirst[frame] + packetIndex];
        return true;
    }

    // ---- connection tracking ----

    public QuicConnection NewConnection() { var c = new QuicConnection(Connections.Count); Connections.Add(c); return c; }

    public void AddCid(ReadOnlySpan<byte> cid, QuicConnection conn, bool sentByClient)
    {
        if (cid.IsEmpty || !QuicCid.TryFrom(cid, out var key)) return;
        if (_byCid.ContainsKey(key)) return;
        _byCid[key] = (conn, sentByClient);
        _cidLengths |= 1u << cid.Length;
    }

    public bool TryFindCid(ReadOnlySpan<byte> cid, out QuicConnection conn, out bool sentByClient)
    {
        conn = null!; sentByClient = false;
        if (cid.IsEmpty || !QuicCid.TryFrom(cid, out var key) || !_byCid.TryGetValue(key, out var v)) return false;
        conn = v.Conn; sentByClient = v.SentByClient;
        return true;
    }

    public void AddTuple(QuicConnection conn, in Address client, ushort cport, in Address server, ushort sport)
    {
        if (conn.HasTuple) return;
        conn.ClientAddress = client; conn.ClientPort = cport; conn.ServerAddress = server; conn.ServerPort = sport;
        conn.HasTuple = true;
        _byTuple.TryAdd((client, cport, server, sport), conn);
    }

    public bool TryFindTuple(in Address src, ushort sport, in Address dst, ushort dport, out QuicConnection conn, out bool fromClient)
    {
        if (_byTuple.TryGetValue((src, sport, dst, dport), out conn!)) { fromClient = true; return true; }
        if (_byTuple.TryGetValue((dst, dport, src, sport), out conn!)) { fromClient = false; return true; }
        fromClient = false;
        return false;
    }

    /// <summary>Short header: does a tracked CID start at <paramref name="afterFirstByte"/>? Longest match wins.</summary>
    public bool MatchShort(ReadOnlySpan<byte> afterFirstByte, out QuicConnection conn, out int length, out bool sentByClient)
    {
        conn = null!; length = 0; sentByClient = false;
        for (int n = QuicCid.MaxLength; n >= 1; n--)
        {
            if ((_cidLengths & (1u << n)) == 0 || n > afterFirstByte.Length) continue;
            if (TryFindCid(afterFirstByte.Slice(0, n), out conn, out sentByClient)) { length = n; return true; }
        }
        return false;
    }
}
