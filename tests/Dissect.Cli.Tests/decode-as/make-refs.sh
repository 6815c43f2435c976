#!/bin/bash
# Regenerate the tshark references for DecodeAsTests: for every line of cases.tsv,
# <name>.fields.tsv = tshark -r ../../../samples-pcap/<capture> -d RULE... -T fields (the FIELDS below).
# Made with TShark 4.0.17 (Debian 12, 4.0.17-0+deb12u3), default preferences (HOME=/nonexistent), single pass.
set -eu
cd "$(dirname "$0")"
FIELDS=(frame.number ip.src ip.proto udp.srcport udp.dstport tcp.srcport tcp.dstport tcp.len vxlan.vni
  dns.id dns.flags.response dns.qry.name dns.qry.type dns.count.answers dns.a data.len _ws.col.Protocol _ws.col.Info)
args=(); for f in "${FIELDS[@]}"; do args+=(-e "$f"); done
grep -v '^#' cases.tsv | while IFS=$'\t' read -r name capture rules; do
  d=(); for r in $rules; do d+=(-d "$r"); done
  HOME=/nonexistent tshark -r "../../../samples-pcap/$capture" "${d[@]}" -T fields -E header=y -E separator=/t \
    "${args[@]}" > "$name.fields.tsv" 2>/dev/null
  echo "rc=$? $name"
done
