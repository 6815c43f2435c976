#!/usr/bin/env bash
# Regenerates tshark's -q -z outputs for the shipped samples (expected results of StatsTests and
# StatsLayoutTests): conv,TYPE / endpoints,TYPE for eth ip ipv6 tcp udp, io,phs, io,stat,1 and
# io,stat,0.5, expert, and io,stat with filter and calc columns (IOSTAT_SPECS below, one file each,
# named io-stat-spec<n>). Made with TShark 4.0.17 (Debian 12); HOME points nowhere so no preferences leak in.
set -eu
cd "$(dirname "$0")"
S=../../../samples-pcap
t() { HOME=/nonexistent tshark -r "$S/$1" -q "${@:2}" 2>/dev/null; }
# Keep in step with StatsLayoutTests.IoStatSpecs.
IOSTAT_SPECS=(
  "0"
  "0.25,tcp,udp"
  "1,,tcp.flags.syn==1,COUNT(tcp.flags.syn)tcp.flags.syn==1,SUM(frame.len)frame.len,MIN(frame.len)frame.len,MAX(frame.len)frame.len,AVG(frame.len)frame.len"
  "0.1,FRAMES()tcp,BYTES()udp,AVG(frame.time_delta)frame.time_delta,MAX(frame.time_delta)frame.time_delta,COUNT(ip.ttl)"
  "2,ip.src==10.0.0.1 or ip.dst==10.0.0.1 or tcp.port==8080 or udp.port==53 or dns.flags.response==1 or tcp.flags.syn==1 or tcp.flags.fin==1"
)
for f in $(cd "$S" && ls *.pcap *.pcapng); do
  for k in tcp udp ip ipv6; do
    t "$f" -z conv,$k > "$f.conv-$k.txt"
  done
  for k in eth ip ipv6 tcp udp; do
    t "$f" -z endpoints,$k > "$f.endpoints-$k.txt"
  done
  t "$f" -z io,phs > "$f.phs.txt"
  t "$f" -z io,stat,1 > "$f.io-stat-1.txt"
  t "$f" -z io,stat,0.5 > "$f.io-stat-0.5.txt"
  t "$f" -z expert > "$f.expert.txt"
  i=0
  for spec in "${IOSTAT_SPECS[@]}"; do
    i=$((i+1))
    t "$f" -z "io,stat,$spec" > "$f.io-stat-spec$i.txt"
  done
done
