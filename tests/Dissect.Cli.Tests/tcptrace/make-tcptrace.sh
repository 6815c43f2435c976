#!/usr/bin/env bash
# Regenerates tcptrace's long reports (`tcptrace -lr -n`) for the TCP samples and the corpus tcp/ captures:
# the expected per-connection figures of TcptraceTests. tcptrace 6.6.7 (Debian 12 package `tcptrace`).
# Outputs: samples/<file>.txt and corpus/<file>.txt (the first line, which names the file, is dropped).
set -u
cd "$(dirname "$0")"
ROOT=../../..
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
command -v tcptrace >/dev/null || { echo "apt-get install -y tcptrace" >&2; exit 1; }
mkdir -p samples corpus
# tcp-nano-sll.pcap is left out: tcptrace 6.6.7 cannot read LINKTYPE_LINUX_SLL2 (276).
for f in http-curl.pcap dns-udp-tcp.pcap tcp-lossy-sender.pcap tcp-lossy-receiver.pcap tcp-zero-window.pcap; do
  tcptrace -lr -n "$ROOT/samples-pcap/$f" 2>&1 | grep -v -e '^1 arg remaining' -e 'elapsed wallclock' -e '^	filename:' > "samples/$f.txt"
done
if [ -d "$CORPUS/tcp" ]; then
  for p in "$CORPUS"/tcp/*.pcap "$CORPUS"/tcp/*.pcapng; do
    [ -f "$p" ] || continue
    tcptrace -lr -n "$p" 2>&1 | grep -v -e '^1 arg remaining' -e 'elapsed wallclock' -e '^	filename:' > "corpus/$(basename "$p").txt"
  done
fi
