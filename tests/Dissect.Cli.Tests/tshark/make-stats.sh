#!/usr/bin/env bash
# Regenerates tshark's -z conv outputs for the shipped samples (expected results of StatsTests).
# Made with TShark 4.0.17 (Debian 12); HOME points nowhere so no preferences leak in.
set -eu
cd "$(dirname "$0")"
for f in http-curl.pcap dns-udp-tcp.pcap ping-netns.pcapng tcp-nano-sll.pcap; do
  for k in tcp udp ip ipv6; do
    HOME=/nonexistent tshark -r "../../../samples-pcap/$f" -qz conv,$k 2>/dev/null > "$f.conv-$k.txt"
  done
done
