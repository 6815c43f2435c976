#!/bin/bash
# Re-creates dhcp-dora.pcap: a DHCP exchange between two network namespaces joined by a veth pair.
#   server: dnsmasq (DHCP only, no DNS) on 10.98.0.1/24 in dissect-dhcp-srv, pool 10.98.0.50-10.98.0.60
#   client: busybox udhcpc in dissect-dhcp-cli: Discover (sent twice: dnsmasq answers the first one only after
#           its ~3 s ping check of the address) / Offer / Request / ACK, then a second run asking for the same
#           address again (-r, with -R; no Release reaches the wire when udhcpc quits with -q)
# Captured with tcpdump on the server's veth (pcap, µs, Ethernet). Must run as root; installs tcpdump,
# dnsmasq-base and busybox with apt-get when missing. The namespaces are deleted on exit.
set -euo pipefail
OUT=$(cd "$(dirname "$0")" && pwd)
SRV=dissect-dhcp-srv
CLI=dissect-dhcp-cli
PCAP="$OUT/dhcp-dora.pcap"
[ "$(id -u)" -eq 0 ] || { echo "must run as root" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }
need tcpdump tcpdump; need dnsmasq dnsmasq-base; need busybox busybox
TMP=$(mktemp -d)
cleanup() {
  for p in "$TMP"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
  ip netns del "$SRV" 2>/dev/null || true
  ip netns del "$CLI" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
cleanup; TMP=$(mktemp -d)
ip netns add "$SRV"; ip netns add "$CLI"
ip link add dhcp-s type veth peer name dhcp-c
ip link set dhcp-s netns "$SRV"; ip link set dhcp-c netns "$CLI"
ip -n "$SRV" link set lo up; ip -n "$CLI" link set lo up
ip -n "$SRV" link set dhcp-s address 02:00:00:98:00:01
ip -n "$CLI" link set dhcp-c address 02:00:00:98:00:02
ip -n "$SRV" addr add 10.98.0.1/24 dev dhcp-s
ip -n "$SRV" link set dhcp-s up; ip -n "$CLI" link set dhcp-c up
# IPv6 off on the veth so the capture holds only the DHCP exchange (and ARP).
ip netns exec "$SRV" sysctl -qw net.ipv6.conf.dhcp-s.disable_ipv6=1
ip netns exec "$CLI" sysctl -qw net.ipv6.conf.dhcp-c.disable_ipv6=1
sleep 1
ip netns exec "$SRV" tcpdump -Z root --immediate-mode -U -i dhcp-s -w "$PCAP" 'udp port 67 or udp port 68' \
  2>"$TMP/tcpdump.log" & echo $! > "$TMP/tcpdump.pid"
sleep 1
ip netns exec "$SRV" dnsmasq --keep-in-foreground --port=0 --interface=dhcp-s --bind-interfaces \
  --dhcp-range=10.98.0.50,10.98.0.60,255.255.255.0,1h --dhcp-option=option:router,10.98.0.1 \
  --dhcp-option=option:dns-server,10.98.0.1 --domain=dissect.test --dhcp-authoritative \
  --dhcp-leasefile="$TMP/leases" --pid-file="$TMP/dnsmasq.pid2" --log-facility="$TMP/dnsmasq.log" &
echo $! > "$TMP/dnsmasq.pid"
sleep 1
# udhcpc: -q quit after the lease, -f foreground, -n fail if none, -R release on exit, -x hostname, -V vendor class.
cat > "$TMP/script" <<'S'
#!/bin/sh
[ "$1" = bound ] || [ "$1" = renew ] || exit 0
ip addr flush dev "$interface"; ip addr add "$ip/${mask:-24}" dev "$interface"
S
chmod +x "$TMP/script"
ip netns exec "$CLI" busybox udhcpc -i dhcp-c -f -q -n -x hostname:dissect-client -V dissect-test -s "$TMP/script" -t 3
# A second lease for the same address (-r).
ip netns exec "$CLI" busybox udhcpc -i dhcp-c -f -q -n -R -r "$(ip -n "$CLI" -4 -o addr show dev dhcp-c | awk '{print $4}' | cut -d/ -f1)" \
  -x hostname:dissect-client -V dissect-test -s "$TMP/script" -t 3
sleep 1
kill -INT "$(cat "$TMP/tcpdump.pid")"; wait "$(cat "$TMP/tcpdump.pid")" 2>/dev/null || true
rm -f "$TMP/tcpdump.pid"
echo "wrote $PCAP ($(stat -c %s "$PCAP") bytes)" >&2
