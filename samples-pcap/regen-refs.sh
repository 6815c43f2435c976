#!/bin/bash
# Regenerate the tshark reference files (<capture>.fields.tsv) for the self-made
# sample captures in this directory (or for the files given as arguments).
# Same command and the same 100 fields as /work/shared/corpus/regen-refs.sh (field
# list copied from there). Produced with TShark 4.0.17 (Debian 12, wireshark-common
# 4.0.17-0+deb12u3), default preferences, single pass. Other tshark versions may
# differ in _ws.col.Info text and in heuristic protocol detection.
set -u
cd "$(dirname "$0")"
FIELDS=(frame.number frame.time_epoch frame.time_relative frame.cap_len frame.len eth.src eth.dst ip.src ip.dst ipv6.src ipv6.dst ip.proto ip.ttl ip.id ip.flags.mf ip.frag_offset
  tcp.srcport tcp.dstport tcp.seq_raw tcp.ack_raw tcp.flags tcp.window_size_value tcp.window_size tcp.stream tcp.seq tcp.ack tcp.len tcp.nxtseq
  tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num
  tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment tcp.analysis.zero_window tcp.analysis.zero_window_probe
  tcp.analysis.window_full tcp.analysis.window_update tcp.analysis.keep_alive tcp.analysis.keep_alive_ack tcp.analysis.acks_frame tcp.analysis.ack_rtt
  tcp.analysis.initial_rtt tcp.analysis.bytes_in_flight tcp.completeness
  udp.srcport udp.dstport udp.length udp.stream arp.opcode arp.src.proto_ipv4 arp.dst.proto_ipv4 icmp.type icmp.code icmpv6.type
  dns.id dns.flags.response dns.flags.rcode dns.qry.name dns.qry.type dns.count.answers dns.a dns.aaaa dns.cname dns.resp.ttl dns.time dns.response_in dns.response_to
  http.request.method http.request.uri http.request.version http.response.code http.host http.user_agent http.content_length http.time http.response_in
  tls.record.content_type tls.handshake.type tls.handshake.extensions_server_name tls.handshake.extensions_alpn_str
  quic.version quic.dcid quic.scid quic.long.packet_type quic.header_form
  rpc.xid rpc.msgtyp rpc.program rpc.programversion rpc.procedure rpc.time rpc.repframe rpc.reqframe
  vxlan.vni dhcp.option.dhcp _ws.col.Protocol _ws.col.Info)
args=(); for f in "${FIELDS[@]}"; do args+=(-e "$f"); done
if [ $# -gt 0 ]; then files=("$@"); else
  mapfile -t files < <(find . -type f \( -name '*.pcap' -o -name '*.pcapng' \) | sed 's#^\./##' | sort)
fi
for f in "${files[@]}"; do
  # HOME is pointed at an empty dir so no personal Wireshark preferences leak in.
  HOME=/nonexistent tshark -r "$f" -T fields -E header=y -E separator=/t "${args[@]}" \
      > "$f.fields.tsv" 2>/dev/null
  echo "rc=$? $f"
done
