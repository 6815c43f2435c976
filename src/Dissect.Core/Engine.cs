namespace Dissect.Core;

/// <summary>
/// The dissection loop: frame → link-type table → … each dissector returns a handoff and the engine resolves the
/// next one (rule 4: decode-as override → low port → high port → heuristics → data). Dissectors never call each
/// other. One engine serves one sequential pass; it keeps the capture's first and previous timestamps.
/// </summary>
public sealed class Engine
{
    // tshark follows long chains (ipv6/ipv6_ext_headers.pcap has 100 IPv6 extension headers); this only stops loops.
    const int MaxLayers = 256;

    public Engine(DissectorTables tables) { Tables = tables; }

    public DissectorTables Tables { get; }
    public FieldRegistry Registry => Tables.Registry;

    Timestamp _first, _prev;
    bool _haveFirst;

    /// <summary>Reference time for frame.time_relative (the first frame of the capture, as tshark does).</summary>
    public Timestamp? FirstTime => _haveFirst ? _first : null;

    /// <summary>Sets the reference times explicitly (re-dissecting frame N alone: first frame, previous frame).</summary>
    public void SetReference(Timestamp first, Timestamp previous) { _first = first; _prev = previous; _haveFirst = true; }

    public DissectContext CreateContext() => new(Registry);

    public void Dissect(in Frame frame, DissectContext ctx)
    {
        // tshark takes the first frame as the reference even when it has no timestamp (time 0).
        if (!_haveFirst) { _first = frame.Time; _prev = frame.Time; _haveFirst = true; }
        ctx.Begin(frame);
        var f = ctx.Fields;
        var bytes = frame.Data.Span;

        int frameTree = f.BeginTree(FrameFields.Protocol, 0, bytes.Length);
        ctx.PushProtocol(FrameFields.Protocol);
        int protocolsEntry = -1;
        // (a pass that wants no frame field, e.g. a conversation table, skips them all)
        if (f.WantsProtocol(FrameFields.Protocol))
        {
            f.AddInt(FrameFields.EncapType, -1, 0, frame.LinkType);
            if (frame.HasTimestamp)
            {
                f.AddTime(FrameFields.Time, -1, 0, frame.Time);
                f.AddTime(FrameFields.TimeEpoch, -1, 0, frame.Time);
                f.AddRelativeTime(FrameFields.TimeDelta, -1, 0, frame.Time.NanosecondsSince(_prev));
                f.AddRelativeTime(FrameFields.TimeRelative, -1, 0, frame.Time.NanosecondsSince(_first));
            }
            f.AddUInt(FrameFields.Number, -1, 0, (ulong)frame.Number);
            f.AddUInt(FrameFields.InterfaceId, -1, 0, (ulong)frame.InterfaceId);
            f.AddUInt(FrameFields.Len, -1, 0, (ulong)frame.OriginalLength);
            f.AddUInt(FrameFields.CapLen, -1, 0, (ulong)frame.CapturedLength);
            if (f.Wants(FrameFields.Protocols))
            {
                f.AddString(FrameFields.Protocols, -1, 0, "");  // text filled in at the end
                protocolsEntry = f.Count - 1;
            }
        }
        f.EndTree(frameTree);
        // tshark takes a frame without a timestamp (a Simple Packet Block: time 0) as the next frame's reference too.
        _prev = frame.Time;

        DissectLayers(ctx, bytes, Tables.LinkType, (uint)frame.LinkType, 0, Math.Max(frame.OriginalLength, bytes.Length));

        if (protocolsEntry >= 0)
        {
            f.ReplaceString(protocolsEntry, ctx.ProtocolsText());
        }
    }

    /// <summary>Runs the layer loop from a table and key over <paramref name="bytes"/> (the frame, or a
    /// reassembled/decrypted data source), starting at <paramref name="offset"/>.</summary>
    public void DissectLayers(DissectContext ctx, ReadOnlySpan<byte> bytes, DissectorTable? table, uint key, int offset, int reported, int source = 0, uint? altKey = null, IDissector? first = null)
    {
        var f = ctx.Fields;
        Handoff next = first is not null ? Handoff.ToDissector(first, offset, reported)
            : altKey is { } alt ? Handoff.ToPorts(table!, key, alt, offset, reported) : Handoff.To(table!, key, offset, reported);
        IDissector? forced = null;
        for (int layer = 0; layer < MaxLayers; layer++)
        {
            int off = next.PayloadOffset;
            int rep = next.PayloadReported;
            var tvb = new Tvb(bytes, off, rep, source);
            if (tvb.Reported <= 0 && next.Table is null && next.Next is null && forced is null) return;

            Handoff h = default;
            IDissector? used = null;
            if (forced is not null) { used = forced; h = Run(forced, tvb, ctx); }
            else if (next.Next is not null) { used = next.Next; h = Run(next.Next, tvb, ctx); }
            else if (next.Table is { } t) Resolve(t, next, tvb, ctx, out used, out h);
            forced = null;

            if (used is null || h.Status == LayerStatus.Reject)
            {
                if (tvb.Reported > 0) AddData(ctx, tvb);
                return;
            }
            if (h.Status is LayerStatus.Truncated or LayerStatus.Malformed) return;
            if (h.PduCount > 0 && h.Table is not null)
            {
                DissectPdus(ctx, h);
                return;
            }
            if (h.Table is null && h.Next is null)
            {
                // Payload without a known dissector (or none at all).
                if (h.PayloadReported > 0)
                    AddData(ctx, new Tvb(bytes, h.PayloadOffset, h.PayloadReported, source));
                return;
            }
            if (h.PayloadOffset < 0 || h.PayloadReported < 0) return;
            if (h.SwitchToSource > 0 && h.SwitchToSource < f.SourceCount)
            {
                source = h.SwitchToSource;
                bytes = f.SourceBytes(source).Span;
            }
            next = h;
        }
        f.AddFlag(FrameFields.Malformed, offset, 0, "too many layers");
    }

    /// <summary>Reassembled TCP PDUs of this frame: each from its own bytes (the frame or a reassembled data
    /// source), resolved through the port pair; the Info column is fenced between PDUs.</summary>
    void DissectPdus(DissectContext ctx, in Handoff h)
    {
        var f = ctx.Fields;
        int outer = ctx.TcpPduIndex;
        int end = Math.Min(h.PduStart + h.PduCount, ctx.TcpPdus.Count);
        for (int i = h.PduStart; i < end; i++)
        {
            var pdu = ctx.TcpPdus[i];
            if (i > h.PduStart && ctx.WantColumns) ctx.Columns.Info.Fence();
            ctx.TcpPduIndex = i;
            var bytes = f.SourceBytes(pdu.Source).Span;
            DissectLayers(ctx, bytes, h.Table, h.Key, pdu.Offset, pdu.Length, pdu.Source, h.AltKey, h.Next);
        }
        ctx.TcpPduIndex = outer;
    }

    void Resolve(DissectorTable t, in Handoff hint, in Tvb tvb, DissectContext ctx, out IDissector? used, out Handoff h)
    {
        used = null; h = default;
        if (t.HasOverrides)
        {
            if (t.TryGetOverride(hint.Key, out var o) || (hint.HasAltKey && t.TryGetOverride(hint.AltKey, out o)))
                if (TryRun(o, tvb, ctx, ref used, ref h)) return;
        }
        if (t.TryGet(hint.Key, out var d) && TryRun(d, tvb, ctx, ref used, ref h)) return;
        if (hint.HasAltKey && hint.AltKey != hint.Key && t.TryGet(hint.AltKey, out d) && TryRun(d, tvb, ctx, ref used, ref h)) return;
        var heur = t.Heuristics;
        if (heur.Count > 0)
        {
            var span = tvb.Span;
            for (int i = 0; i < heur.Count; i++)
                if (heur[i].Accepts(span, ctx) && TryRun(heur[i], tvb, ctx, ref used, ref h)) return;
        }
    }

    bool TryRun(IDissector d, in Tvb tvb, DissectContext ctx, ref IDissector? used, ref Handoff h)
    {
        var r = Run(d, tvb, ctx);
        if (r.Status == LayerStatus.Reject) return false;
        used = d; h = r;
        return true;
    }

    /// <summary>Runs one dissector inside its protocol tree; on Reject the fields it added are rolled back.</summary>
    static Handoff Run(IDissector d, in Tvb tvb, DissectContext ctx)
    {
        var f = ctx.Fields;
        int mark = f.Count;
        string prevProto = ctx.Columns.Protocol;
        int depth = ctx.LayerCount;
        f.CurrentSource = tvb.Source;
        int tree = f.BeginTree(d.Protocol, tvb.Offset, tvb.Captured);
        ctx.PushProtocol(d.Protocol);
        ctx.Columns.Protocol = d.Protocol.ShortName;
        Handoff h;
        try
        {
            h = d.Dissect(tvb, ctx);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException)
        {
            // A dissector bug must not take the packet down: mark the layer and keep every layer before it.
            h = Handoff.Malformed($"dissector error: {ex.GetType().Name}");
        }
        if (h.Status == LayerStatus.Reject)
        {
            f.Truncate(mark);
            ctx.Columns.Protocol = prevProto;
            ctx.PopProtocolsTo(depth);
            return h;
        }
        if (tree >= 0 && h.Status == LayerStatus.Ok && h.PduCount > 0)
            f.SetLength(tree, Math.Clamp(h.PayloadOffset - tvb.Offset, 0, tvb.Captured));
        else if (tree >= 0 && h.Status == LayerStatus.Ok && (h.Table is not null || h.Next is not null || h.PayloadReported > 0) && h.PayloadOffset >= tvb.Offset)
            f.SetLength(tree, Math.Min(h.PayloadOffset - tvb.Offset, tvb.Captured));
        // tshark appends these to the Info column without a separator ("Boot Reply[Packet size limited during capture]").
        if (h.Status == LayerStatus.Truncated)
        {
            f.AddFlag(FrameFields.Short, tvb.Offset, tvb.Captured, h.Reason);
            if (ctx.WantColumns) ctx.Columns.Info.Append("[Packet size limited during capture]");
        }
        else if (h.Status == LayerStatus.Malformed)
        {
            f.AddFlag(FrameFields.Malformed, tvb.Offset, tvb.Captured, h.Reason);
            if (ctx.WantColumns) ctx.Columns.Info.Append("[Malformed Packet]");
        }
        f.EndTree(tree);
        return h;
    }

    static void AddData(DissectContext ctx, in Tvb tvb)
    {
        var f = ctx.Fields;
        f.CurrentSource = tvb.Source;
        int tree = f.BeginTree(FrameFields.Data, tvb.Offset, tvb.Captured);
        ctx.PushProtocol(FrameFields.Data);
        f.AddBytes(FrameFields.DataData, tvb.Offset, tvb.Captured);
        f.AddUInt(FrameFields.DataLen, tvb.Offset, tvb.Captured, (ulong)tvb.Reported);
        f.EndTree(tree);
    }
}
