#!/usr/bin/env bash
# Analysis and statistics benchmark (issue 3). Builds dissect and bench/ReadBench (Release), makes the two captures
# if missing, and times with GNU time (wall, CPU, peak RSS), REPEAT times each (default 2):
#   - the 5M-packet capture of read-bench.sh (bench/data/big-5000000.pcap, from the shipped samples):
#       ReadBench plain    = dissection + -T fields output without TCP/UDP conversation state (the "plain read")
#       ReadBench flows    = plain + the conversation analysis (stream indexes, TCP sequence analysis), no reassembly
#       ReadBench analysis = the same with the flow analysis (what `dissect read -T fields` does)
#       dissect read -T fields, stats conv,tcp, stats tcp (written as connections end), stats conv,udp
#   - 1,000,000 short TCP connections (bench/data/short-1000000.pcap, MakeCapture --short-connections, 7 packets
#     each, 1000 connections/s): dissect read -T fields, stats conv,tcp, stats tcp, ReadBench plain
#   - tshark -qz conv,tcp on the 5M capture once with WITH_TSHARK=1 (minutes; tshark -o
#     tcp.analyze_sequence_numbers:FALSE too with WITH_TSHARK=2).
# Usage: bench/analysis-bench.sh [REPEAT]   (OUT=dir for the binaries, default /tmp/dissect-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=${1:-2}
out=${OUT:-/tmp/dissect-bench}
data=bench/data
mkdir -p "$data"
big=$data/big-5000000.pcap
short=$data/short-1000000.pcap
fields=(-e frame.number -e ip.src -e tcp.srcport)

dotnet publish bench/ReadBench -c Release -o "$out" >/dev/null   # also publishes dissect (same GC settings)
[ -f "$big" ] || dotnet run --project bench/MakeCapture -c Release -- "$big" 5000000 samples-pcap/http-curl.pcap samples-pcap/dns-udp-tcp.pcap
[ -f "$short" ] || dotnet run --project bench/MakeCapture -c Release -- --short-connections "$short" 1000000 1000

run() { # name, command...
  local name=$1; shift
  for i in $(seq "$repeat"); do
    /usr/bin/time -f '%e %U %S %M' -o "$data/time.txt" "$@" > /dev/null 2> "$data/err.txt" || { echo "$name: failed: $(tail -2 "$data/err.txt")"; return; }
    read -r wall user sys rss < <(tail -1 "$data/time.txt")
    printf '%-34s wall %7.2f s  cpu %7.2f s  peak RSS %7.1f MiB\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "scale=1; $rss / 1024" | bc)"
  done
}

echo "== $big ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
run "ReadBench plain -T fields"      "$out/ReadBench" plain "$big" frame.number ip.src tcp.srcport
run "ReadBench flows -T fields"      "$out/ReadBench" flows "$big" frame.number ip.src tcp.srcport
run "ReadBench analysis -T fields"   "$out/ReadBench" analysis "$big" frame.number ip.src tcp.srcport
run "dissect read -T fields"         "$out/dissect" read "$big" -T fields "${fields[@]}"
run "dissect stats conv,tcp"         "$out/dissect" stats conv,tcp "$big"
run "dissect stats tcp"              "$out/dissect" stats tcp "$big"
run "dissect stats conv,udp"         "$out/dissect" stats conv,udp "$big"
if [ -n "${WITH_TSHARK:-}" ] && command -v tshark >/dev/null; then
  repeat=1 run "tshark -qz conv,tcp" env HOME=/nonexistent tshark -r "$big" -qz conv,tcp
  [ "${WITH_TSHARK}" = 2 ] && repeat=1 run "tshark -T fields (no seq analysis)" env HOME=/nonexistent tshark -r "$big" -o tcp.analyze_sequence_numbers:FALSE -T fields "${fields[@]}"
fi
echo "== $short"
run "ReadBench plain -T fields"      "$out/ReadBench" plain "$short" frame.number ip.src tcp.srcport
run "dissect read -T fields"         "$out/dissect" read "$short" -T fields "${fields[@]}"
run "dissect stats conv,tcp"         "$out/dissect" stats conv,tcp "$short"
run "dissect stats tcp"              "$out/dissect" stats tcp "$short"
exit 0
