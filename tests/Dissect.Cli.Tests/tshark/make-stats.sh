#!/usr/bin/env bash
# Regenerates tshark's -q -z outputs for the shipped samples (expected results of StatsTests and
# StatsLayoutTests): conv,TYPE / endpoints,TYPE for eth ip ipv6 tcp udp, io,phs, io,stat,1 and
# io,stat,0.5, expert. Made with TShark 4.0.17 (Debian 12); HOME points nowhere so no preferences
# leak in.
set -eu
cd "$(dirname "$0")"
S=../../../samples-pcap
t() { HOME=/nonexistent tshark -r "$S/$1" -q "${@:2}" 2>/dev/null; }
for f in http-curl.pcap dns-udp-tcp.pcap ping-netns.pcapng tcp-nano-sll.pcap \
         tcp-lossy-sender.pcap tcp-lossy-receiver.pcap tcp-zero-window.pcap; do
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
done
