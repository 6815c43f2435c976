#!/usr/bin/env bash
# Live-capture benchmark (issue 6): a bounded UDP burst on loopback, captured in turn by
#   dissect capture -q -w FILE   and   tcpdump -w FILE
# with the same snaplen, kernel buffer and BPF filter; reports packets captured and dropped for each.
# Usage (as root): bench/live-capture.sh [PACKETS] [RATE_PPS] [SNAPLEN] [BUFFER_MiB]
#   PACKETS  datagrams to send (default 1000000); RATE_PPS 0 = as fast as python3 can (default 0);
#   e.g. bench/live-capture.sh 1000000 200000   checks the "zero drops at 200,000 packets/s" target.
# Traffic goes to 127.0.0.1 only. Uses out/dissect when its `capture` command exists, else the live harness
# (tests/Dissect.Live.Tests/Harness), which calls the same LiveCapture.Run.
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${1:-1000000}
rate=${2:-0}
snap=${3:-262144}
bufmib=${4:-16}
data=bench/data/live
mkdir -p "$data"
port=$(( 40000 + RANDOM % 20000 ))
filter="udp dst port $port"

if [ -x out/dissect ] && out/dissect capture --help >/dev/null 2>&1; then
  dissect=(out/dissect capture)
else
  dotnet publish tests/Dissect.Live.Tests/Harness -c Release -o "$data/harness" >/dev/null
  dissect=("$data/harness/Dissect.Live.Harness" capture)
fi

senders=${SENDERS:-4}   # parallel python3 senders (one reaches ~120k packets/s); PACKETS and RATE are split
send() {
  local i pids=()
  for i in $(seq 1 "$senders"); do send_one $(( packets / senders )) $(( rate / senders )) & pids+=($!); done
  wait "${pids[@]}"   # only the senders: a bare `wait` would also wait for the capture
}
send_one() { # a bound receiver (so no ICMP unreachable) and a tight sendto loop, optionally paced
  python3 - "$port" "$1" "$2" <<'PY'
import socket, sys, time
port, n, rate = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rx.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1); rx.bind(("127.0.0.1", port))
tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
payload = b"dissect-bench-" + b"x" * 50
dst = ("127.0.0.1", port)
t0 = time.perf_counter(); sent = 0; batch = 1000
while sent < n:
    k = min(batch, n - sent)
    for _ in range(k):
        tx.sendto(payload, dst)
    sent += k
    if rate > 0:
        ahead = sent / rate - (time.perf_counter() - t0)
        if ahead > 0: time.sleep(ahead)
dt = time.perf_counter() - t0
print(f"sent {sent} datagrams in {dt:.2f} s ({sent/dt:,.0f} packets/s)", file=sys.stderr)
PY
}

run() { # name, file, ready-pattern, command...
  local name=$1 file=$2 ready=$3; shift 3
  rm -f "$file"
  "$@" 2> "$data/$name.err" &
  local pid=$!
  for _ in $(seq 1 100); do grep -q "$ready" "$data/$name.err" 2>/dev/null && break; sleep 0.1; done
  send 2> "$data/$name.send"
  sleep 1
  kill -TERM "$pid"; wait "$pid" || true   # background jobs of a script ignore SIGINT
  echo "== $name: $(cat "$data/$name.send")"
  grep -E "captured|dropped|received" "$data/$name.err" | sed 's/^/   /'
  echo "   file: $(stat -c %s "$file") bytes"
}

echo "burst: $packets datagrams to 127.0.0.1:$port, rate ${rate:-max} (0 = max), snaplen $snap, buffer $bufmib MiB"
run dissect "$data/dissect.pcapng" "Capturing on" "${dissect[@]}" -i lo -q -s "$snap" -B "$bufmib" -f "$filter" -w "$data/dissect.pcapng"
run tcpdump "$data/tcpdump.pcap" "listening on" tcpdump -i lo -n -s "$snap" -B $(( bufmib * 1024 )) -w "$data/tcpdump.pcap" "$filter"
