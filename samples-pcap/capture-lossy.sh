#!/bin/bash
# Re-create the lossy and zero-window TCP samples:
#
#   tcp-lossy-sender.pcap     one 80 KiB upload through a lossy, delaying, reordering link,
#   tcp-lossy-receiver.pcap   captured at the same time at both ends (sender's and receiver's TAP)
#   tcp-zero-window.pcap      a receiver with a tiny SO_RCVBUF that sleeps before reading:
#                             zero windows, zero-window probes, window updates
#
# sch_netem is not available on this machine's kernel (no /lib/modules, no modprobe, and
# `tc qdisc add dev lo root netem ...` answers "Specified qdisc kind is unknown"), so the two
# namespaces are joined by two TAP devices and netem-relay.py, a small userspace relay that
# drops, delays and reorders TCP frames with a seeded generator. Both TCP stacks are the kernel's.
#
# Must run as root; needs tcpdump, python3, ip (apt-get installs what is missing).
# All traffic stays inside the two namespaces this script creates (dissect-lossy1 10.98.0.1,
# dissect-lossy2 10.98.0.2); they are deleted on exit. Existing outputs are overwritten.
# Usage: ./capture-lossy.sh            # all three
#        ./capture-lossy.sh lossy|zero # one of them
set -euo pipefail
OUT=$(cd "$(dirname "$0")" && pwd)
NS1=dissect-lossy1
NS2=dissect-lossy2
PORT=5001
LOSS=${LOSS:-2} DELAY=${DELAY:-20} REORDER=${REORDER:-10} SEED=${SEED:-7}
[ "$(id -u)" -eq 0 ] || { echo "must run as root" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }
need tcpdump tcpdump; need python3 python3; need ip iproute2
PY=$(command -v python3)
TMP=$(mktemp -d /tmp/dissect-lossy.XXXXXX)
PIDS=()
RELAY=
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  ip netns del "$NS1" 2>/dev/null || true
  ip netns del "$NS2" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

wait_for() {  # wait_for FILE REGEX (max 10 s)
  local i; for i in $(seq 100); do grep -qE "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timeout waiting for '$2' in $1" >&2; cat "$1" >&2; return 1
}

# link_up LOSS DELAY REORDER: fresh namespaces joined by the relay with those impairments
link_up() {
  ip netns del "$NS1" 2>/dev/null || true
  ip netns del "$NS2" 2>/dev/null || true
  ip netns add "$NS1"; ip netns add "$NS2"
  "$PY" "$OUT/netem-relay.py" "$NS1" ltap1 "$NS2" ltap2 --loss "$1" --delay "$2" --reorder "$3" --seed "$SEED" \
    >"$TMP/relay.out" 2>"$TMP/relay.err" &
  RELAY=$!; PIDS+=("$RELAY")
  wait_for "$TMP/relay.out" ready
  local n
  for n in 1 2; do
    local ns=dissect-lossy$n
    ip -n "$ns" link set lo up
    # IPv4 only, so the captures hold no ND/MLD chatter
    ip netns exec "$ns" sysctl -qw "net.ipv6.conf.ltap$n.disable_ipv6=1"
    ip -n "$ns" link set "ltap$n" address "02:00:00:00:98:0$n"
    ip -n "$ns" addr add "10.98.0.$n/24" dev "ltap$n"
    ip -n "$ns" link set "ltap$n" up
    # static neighbours: no ARP through the relay
    ip -n "$ns" neigh replace "10.98.0.$((3 - n))" lladdr "02:00:00:00:98:0$((3 - n))" dev "ltap$n" nud permanent
  done
}

link_down() {
  kill -INT "$RELAY"; wait "$RELAY" || true
  cat "$TMP/relay.err" >&2
}

# start_cap NS IFACE FILE: tcpdump in the background, pid appended to CAPS
CAPS=()
start_cap() {
  rm -f "$3"
  ip netns exec "$1" tcpdump -Z root --immediate-mode -U -i "$2" -w "$3" tcp 2>"$TMP/$2.err" &
  CAPS+=($!); PIDS+=($!)
  wait_for "$TMP/$2.err" 'listening on'
}
stop_caps() {
  sleep 0.5
  local p; for p in "${CAPS[@]}"; do kill -INT "$p"; wait "$p" || true; done
  CAPS=()
}

cat >"$TMP/bulk.py" <<'EOF'
import socket, sys, time
mode, port = sys.argv[1], int(sys.argv[2])
if mode == "server":          # receives everything, answers "ok", closes
    l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind(("10.98.0.2", port)); l.listen(1)
    c, _ = l.accept(); n = 0
    while True:
        d = c.recv(65536)
        if not d: break
        n += len(d)
    c.sendall(b"ok %d\n" % n); c.close()
elif mode == "slow":          # tiny receive buffer, sleeps, then reads slowly: zero windows
    l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)   # inherited by the accepted socket
    l.bind(("10.98.0.2", port)); l.listen(1)
    c, _ = l.accept(); n = 0
    time.sleep(1.5)
    while True:
        d = c.recv(1024)
        if not d: break
        n += len(d); time.sleep(0.03)
    c.sendall(b"ok %d\n" % n); c.close()
else:                         # client: upload N bytes, half-close, read the answer
    size = int(sys.argv[3])
    c = socket.create_connection(("10.98.0.2", port))
    c.sendall(bytes(i % 251 for i in range(size)))
    c.shutdown(socket.SHUT_WR)
    print(c.recv(100).decode().strip())
    c.close()
EOF

wait_listen() {
  local i; for i in $(seq 100); do ip netns exec "$NS2" ss -Hltn "sport = :$PORT" | grep -q . && return 0; sleep 0.1; done
  echo "server did not start" >&2; return 1
}

cap_lossy() {
  echo "== tcp-lossy-sender.pcap / tcp-lossy-receiver.pcap (loss $LOSS% delay ${DELAY}ms reorder $REORDER% seed $SEED)" >&2
  link_up "$LOSS" "$DELAY" "$REORDER"
  ip netns exec "$NS2" "$PY" "$TMP/bulk.py" server $PORT & PIDS+=($!); local srv=$!
  wait_listen
  start_cap "$NS1" ltap1 "$OUT/tcp-lossy-sender.pcap"
  start_cap "$NS2" ltap2 "$OUT/tcp-lossy-receiver.pcap"
  ip netns exec "$NS1" "$PY" "$TMP/bulk.py" client $PORT 81920
  wait "$srv" || true
  stop_caps
  link_down
}

cap_zero() {
  echo "== tcp-zero-window.pcap" >&2
  link_up 0 2 0
  ip netns exec "$NS2" "$PY" "$TMP/bulk.py" slow $PORT & PIDS+=($!); local srv=$!
  wait_listen
  start_cap "$NS1" ltap1 "$OUT/tcp-zero-window.pcap"
  ip netns exec "$NS1" "$PY" "$TMP/bulk.py" client $PORT 24576
  wait "$srv" || true
  stop_caps
  link_down
}

[ $# -gt 0 ] || set -- lossy zero
for what in "$@"; do
  case $what in
    lossy) cap_lossy ;;
    zero) cap_zero ;;
    *) echo "unknown capture '$what' (lossy, zero)" >&2; exit 2 ;;
  esac
done
for f in tcp-lossy-sender.pcap tcp-lossy-receiver.pcap tcp-zero-window.pcap; do
  [ -f "$OUT/$f" ] && chmod 644 "$OUT/$f" && capinfos -c -s "$OUT/$f" | sed -n '2,$p' >&2 || true
done
