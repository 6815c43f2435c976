#!/usr/bin/env bash
# Read-path benchmark (issue 2): builds a large capture from the shipped samples, then times
#   dissect read big.pcap -T fields -e frame.number -e ip.src -e tcp.srcport > /dev/null
# against tshark (same -T fields command, and the plain summary) and `tcpdump -nr`, reporting packets/s
# and peak RSS (GNU time's "Maximum resident set size"). Usage: bench/read-bench.sh [PACKETS]
# Needs: the .NET SDK; optional tshark and tcpdump (apt-get install tshark tcpdump) for the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${1:-5000000}
data=bench/data
mkdir -p "$data"
big="$data/big-$packets.pcap"

dotnet publish src/Dissect.Cli -c Release -o out >/dev/null
if [ ! -f "$big" ]; then
  dotnet run --project bench/MakeCapture -c Release -- "$big" "$packets" \
    samples-pcap/http-curl.pcap samples-pcap/dns-udp-tcp.pcap
fi
ls -l "$big"

run() { # name, command...
  local name=$1; shift
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$data/rss.txt" "$@" > /dev/null 2> "$data/err.txt" || { echo "$name: failed: $(tail -1 "$data/err.txt")"; return; }
  t1=$(date +%s.%N)
  rss=$(tail -1 "$data/rss.txt")
  awk -v n="$name" -v a="$t0" -v b="$t1" -v p="$packets" -v r="$rss" \
    'BEGIN { s=b-a; printf "%-28s %8.2f s %12.0f packets/s  peak RSS %6.1f MiB\n", n, s, p/s, r/1024 }'
}

echo "packets: $packets  (one core each; $(nproc) cores on this machine)"
run "dissect -T fields"   out/dissect read "$big" -T fields -e frame.number -e ip.src -e tcp.srcport
run "dissect summary"     out/dissect read "$big"
run "dissect -Y (issue 5)" out/dissect read "$big" -Y "tcp.port == 443 && tcp.len > 0" -T fields -e frame.number -e ip.src -e tcp.srcport
run "dissect stats conv,tcp" out/dissect stats conv,tcp "$big"
command -v tcpdump >/dev/null && run "tcpdump -nr"        tcpdump -nr "$big"
command -v tshark  >/dev/null && run "tshark -T fields"   env HOME=/nonexistent tshark -r "$big" -T fields -e frame.number -e ip.src -e tcp.srcport
command -v tshark  >/dev/null && run "tshark summary"     env HOME=/nonexistent tshark -r "$big"
command -v tshark  >/dev/null && [ -n "${WITH_TSHARK_FILTER:-}" ] && run "tshark -Y"  env HOME=/nonexistent tshark -r "$big" -Y "tcp.port == 443 && tcp.len > 0" -T fields -e frame.number -e ip.src -e tcp.srcport
command -v tshark  >/dev/null && [ -n "${WITH_TSHARK_FILTER:-}" ] && run "tshark -qz conv,tcp" env HOME=/nonexistent tshark -r "$big" -qz conv,tcp
exit 0
