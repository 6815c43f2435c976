#!/bin/bash
# Re-creates ntp-chrony.pcap: NTPv4 client/server exchanges between two network namespaces joined by a veth pair.
#   server: chronyd in dissect-ntp-srv (10.97.0.1), serving its local clock ("local stratum 8", "allow")
#   client: chronyd -Q in dissect-ntp-cli (10.97.0.2): one-shot measurement, iburst, 4 samples, clock untouched
# Captured with tcpdump on the server's veth (pcap, µs, Ethernet). Must run as root; installs tcpdump and chrony
# with apt-get when missing. The namespaces are deleted on exit.
set -euo pipefail
OUT=$(cd "$(dirname "$0")" && pwd)
SRV=dissect-ntp-srv
CLI=dissect-ntp-cli
PCAP="$OUT/ntp-chrony.pcap"
[ "$(id -u)" -eq 0 ] || { echo "must run as root" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }
need tcpdump tcpdump; need chronyd chrony
TMP=$(mktemp -d)
cleanup() {
  for p in "$TMP"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
  ip netns del "$SRV" 2>/dev/null || true
  ip netns del "$CLI" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
ip netns del "$SRV" 2>/dev/null || true; ip netns del "$CLI" 2>/dev/null || true
ip netns add "$SRV"; ip netns add "$CLI"
ip link add ntp-s type veth peer name ntp-c
ip link set ntp-s netns "$SRV"; ip link set ntp-c netns "$CLI"
ip -n "$SRV" link set lo up; ip -n "$CLI" link set lo up
ip netns exec "$SRV" sysctl -qw net.ipv6.conf.ntp-s.disable_ipv6=1
ip netns exec "$CLI" sysctl -qw net.ipv6.conf.ntp-c.disable_ipv6=1
ip -n "$SRV" addr add 10.97.0.1/24 dev ntp-s; ip -n "$CLI" addr add 10.97.0.2/24 dev ntp-c
ip -n "$SRV" link set ntp-s up; ip -n "$CLI" link set ntp-c up
cat > "$TMP/server.conf" <<C
local stratum 8
allow 10.97.0.0/24
cmdport 0
pidfile $TMP/chronyd-server.pid2
driftfile $TMP/drift
C
cat > "$TMP/client.conf" <<C
server 10.97.0.1 iburst maxsamples 4
cmdport 0
pidfile $TMP/chronyd-client.pid2
C
sleep 1
ip netns exec "$SRV" tcpdump -Z root --immediate-mode -U -i ntp-s -w "$PCAP" 'udp port 123' 2>"$TMP/tcpdump.log" &
echo $! > "$TMP/tcpdump.pid"
# -x: never touch the system clock (the server only reads it).
ip netns exec "$SRV" chronyd -d -x -f "$TMP/server.conf" >"$TMP/server.log" 2>&1 &
echo $! > "$TMP/server.pid"
sleep 2
ip netns exec "$CLI" timeout 30 chronyd -Q -f "$TMP/client.conf" 2>&1 | tail -2
sleep 1
kill -INT "$(cat "$TMP/tcpdump.pid")"; wait "$(cat "$TMP/tcpdump.pid")" 2>/dev/null || true
rm -f "$TMP/tcpdump.pid"
echo "wrote $PCAP ($(stat -c %s "$PCAP") bytes)" >&2
