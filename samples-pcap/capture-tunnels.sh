#!/bin/bash
# Re-create the tunnel sample captures in this directory:
#
#   tunnel-ipip.pcap    IPv4-in-IPv4 (ip.proto 4): ping, DNS over UDP, a TCP echo exchange
#   tunnel-sit.pcap     IPv6-in-IPv4 (6in4/SIT, ip.proto 41): ping -6, DNS over UDP, a TCP echo exchange
#   tunnel-gre.pcap     GRE (ip.proto 47, gre.proto 0x0800): ping, DNS over UDP, a TCP echo exchange
#   tunnel-vxlan.pcap   VXLAN (udp.port 4789, VNI 42) carrying Ethernet: ARP, ping, DNS, a TCP echo exchange
#
# Two network namespaces (dissect-tun1 / dissect-tun2) joined by a veth pair
# (10.98.0.1 / 10.98.0.2); every capture is taken on tun1's veth end, so it shows the
# outer headers as they cross the "wire". Nothing leaves the two namespaces, which are
# deleted again on exit.
#
# VXLAN is the kernel's own (`ip link add vx0 type vxlan id 42 dstport 4789 ...`).
# The kernel this was made on (6.18, Firecracker VM) has no ipip, sit or ip_gre
# support (`ip tunnel add t0 mode ipip` fails with "No such device", `ip link add type
# ipip|sit|gre` with "Unknown device type", and there is no modprobe), so IPIP, SIT and
# GRE are done by a small user-space tunnel (tunnel.py below, written here): a TUN
# device per namespace carries the kernel's own inner packets; the program wraps each
# one in an outer IPv4 header (protocol 4, 41 or 47 with a 4-byte GRE header) by sending
# it on a raw socket, and unwraps what arrives on that raw socket into the TUN device.
# That is the encapsulation `ip tunnel add ... mode ipip|sit|gre` does: outer IPv4
# header from the raw socket (TTL 64, DF set, the kernel's IP ID), the inner packet
# unchanged. Inner traffic (ping, dig, TCP) is the kernel's own.
#
# Must run as root. Needs ip, tcpdump, python3, ping, dig, dnsmasq.
# Usage: ./capture-tunnels.sh                 # all four
#        ./capture-tunnels.sh ipip vxlan      # some of them (ipip, sit, gre, vxlan)
set -euo pipefail

OUT=$(cd "$(dirname "$0")" && pwd)
NS1=dissect-tun1
NS2=dissect-tun2

[ "$(id -u)" -eq 0 ] || { echo "must run as root" >&2; exit 1; }

need() {   # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 (for $1)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null
}
need tcpdump tcpdump
need python3 python3
need dig bind9-dnsutils
need dnsmasq dnsmasq-base
need ping iputils-ping
need ip iproute2
PY=$(command -v python3)

TMP=$(mktemp -d /tmp/dissect-tunnels.XXXXXX)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  ip netns del "$NS1" 2>/dev/null || true
  ip netns del "$NS2" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

wait_for() {   # wait_for <file> <regex>: wait (max 10 s) until <file> contains <regex>
  local i
  for i in $(seq 100); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; return 1
}

wait_port() {   # wait_port <addr> <udp port>: wait (max 10 s) until ns2 listens there
  local i
  for i in $(seq 100); do
    ip netns exec "$NS2" ss -Hlun "sport = :$2" | grep -qF "$1" && return 0
    sleep 0.1
  done
  echo "nothing listening on udp $1:$2" >&2; return 1
}

cat >"$TMP/tunnel.py" <<'EOF'
# tunnel.py MODE TUN LOCAL REMOTE: a point-to-point IPv4 tunnel in user space.
# MODE ipip: outer IPv4 protocol 4; sit: protocol 41 (IPv6 inside); gre: protocol 47
# with a 4-byte GRE header (no flags, version 0, protocol type 0x0800 / 0x86dd).
import fcntl, os, select, socket, struct, sys
mode, name, local, remote = sys.argv[1:5]
proto = {"ipip": 4, "sit": 41, "gre": 47}[mode]
TUNSETIFF, IFF_TUN, IFF_NO_PI = 0x400454CA, 0x0001, 0x1000
tun = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(tun, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, proto)
raw.bind((local, 0))
print("ready", flush=True)
while True:
    r, _, _ = select.select([tun, raw], [], [])
    if tun in r:
        inner = os.read(tun, 65535)
        if (mode == "ipip" and inner[0] >> 4 != 4) or (mode == "sit" and inner[0] >> 4 != 6):
            continue                                  # as the kernel: ipip carries IPv4 only, sit IPv6
        if mode == "gre":
            inner = struct.pack("!HH", 0, 0x86DD if inner[0] >> 4 == 6 else 0x0800) + inner
        raw.sendto(inner, (remote, 0))
    if raw in r:
        pkt, (src, _) = raw.recvfrom(65535)
        if src != remote:
            continue
        payload = pkt[(pkt[0] & 0x0F) * 4:]           # strip the outer IPv4 header
        if mode == "gre":
            flags = payload[0]
            payload = payload[4 + 4 * bin(flags & 0xB0).count("1"):]   # C, K, S words
        os.write(tun, payload)
EOF

cat >"$TMP/tcpecho.py" <<'EOF'
# tcpecho.py ADDR PORT: echo one connection line by line, then exit.
import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen(1)
print("ready", flush=True)
c, _ = s.accept()
f = c.makefile("rb")
for line in f:
    c.sendall(b"echo: " + line)
c.close()
EOF

cat >"$TMP/tcpclient.py" <<'EOF'
# tcpclient.py ADDR PORT: send two lines, read each echo, close.
import socket, sys, time
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
c = socket.socket(fam, socket.SOCK_STREAM)
c.connect((sys.argv[1], int(sys.argv[2])))
f = c.makefile("rb")
for line in (b"hello through the tunnel\n", b"bye\n"):
    c.sendall(line)
    f.readline()
    time.sleep(0.05)
c.shutdown(socket.SHUT_WR)
f.read()
c.close()
EOF

setup_ns() {
  ip netns del "$NS1" 2>/dev/null || true
  ip netns del "$NS2" 2>/dev/null || true
  ip netns add "$NS1"
  ip netns add "$NS2"
  ip link add veth1 netns "$NS1" type veth peer name veth2 netns "$NS2"
  local n ns
  for n in 1 2; do
    ns=dissect-tun$n
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0
    ip netns exec "$ns" sysctl -qw "net.ipv6.conf.veth$n.disable_ipv6=1"   # no NDP/MLD noise on the wire
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" ip link set "veth$n" address "02:00:00:00:98:0$n"
    ip netns exec "$ns" ip addr add "10.98.0.$n/24" dev "veth$n"
    ip netns exec "$ns" ip link set "veth$n" up
  done
  # static neighbours: no ARP for the outer addresses in the captures
  ip netns exec "$NS1" ip neigh replace 10.98.0.2 lladdr 02:00:00:00:98:02 dev veth1
  ip netns exec "$NS2" ip neigh replace 10.98.0.1 lladdr 02:00:00:00:98:01 dev veth2
}

# user_tunnel <mode> <mtu> <inner prefix>: tunnel.py in both namespaces on TUN device tnl0
user_tunnel() {
  local mode=$1 mtu=$2 prefix=$3 n ns peer
  for n in 1 2; do
    ns=dissect-tun$n; peer=$((3 - n))
    ip netns exec "$ns" "$PY" "$TMP/tunnel.py" "$mode" tnl0 "10.98.0.$n" "10.98.0.$peer" >"$TMP/tunnel$n.out" 2>&1 &
    PIDS+=($!)
    wait_for "$TMP/tunnel$n.out" ready
    if [ "$mode" = sit ]; then
      ip netns exec "$ns" sysctl -qw net.ipv6.conf.tnl0.router_solicitations=0
    else
      ip netns exec "$ns" sysctl -qw net.ipv6.conf.tnl0.disable_ipv6=1
    fi
    ip netns exec "$ns" ip link set tnl0 mtu "$mtu" up
    if [ "$mode" = sit ]; then
      ip netns exec "$ns" ip -6 addr add "$prefix:$n/128" peer "$prefix:$peer/128" dev tnl0 nodad
    else
      ip netns exec "$ns" ip addr add "$prefix.$n" peer "$prefix.$peer" dev tnl0
    fi
  done
}

# traffic <inner peer address>: ping, one DNS query, one TCP echo exchange from ns1 to ns2
traffic() {
  local peer=$1 six=()
  [[ $peer == *:* ]] && six=(-6)
  ip netns exec "$NS2" dnsmasq -k --conf-file=/dev/null --no-resolv --no-hosts --no-poll \
    --bind-interfaces --listen-address="$peer" --port=53 --local=/tunnel.test/ \
    --host-record=www.tunnel.test,192.0.2.42,2001:db8::42 --pid-file= 2>"$TMP/dnsmasq.err" &
  PIDS+=($!)
  ip netns exec "$NS2" "$PY" "$TMP/tcpecho.py" "$peer" 7007 >"$TMP/tcpecho.out" 2>&1 &
  PIDS+=($!)
  wait_for "$TMP/tcpecho.out" ready
  wait_port "$peer" 53
  ip netns exec "$NS1" ping "${six[@]}" -c 2 -i 0.2 "$peer" >/dev/null
  ip netns exec "$NS1" dig @"$peer" +tries=1 +time=2 +noedns www.tunnel.test "$([ ${#six[@]} -gt 0 ] && echo AAAA || echo A)" >/dev/null
  ip netns exec "$NS1" "$PY" "$TMP/tcpclient.py" "$peer" 7007
  sleep 0.3
}

# capture <name> <tcpdump filter> <commands...>: run the commands while capturing on veth1
capture() {
  local name=$1 filter=$2; shift 2
  local out=$OUT/tunnel-$name.pcap
  echo "== tunnel-$name.pcap" >&2
  ip netns exec "$NS1" tcpdump -Z root --immediate-mode -U -i veth1 -w "$out" "$filter" 2>"$TMP/$name.tcpdump.err" &
  local pid=$!
  wait_for "$TMP/$name.tcpdump.err" 'listening on'
  "$@"
  sleep 0.3
  kill -INT "$pid"; wait "$pid" || true
  grep -E 'packets (captured|received)' "$TMP/$name.tcpdump.err" >&2 || true
}

stop_all() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}

cap_user() {   # cap_user <mode> <ip proto> <mtu> <inner prefix>: inner addresses PREFIX.1/.2 (IPv6: PREFIX:1/:2)
  setup_ns
  user_tunnel "$1" "$3" "$4"
  local peer=$4.2; [ "$1" = sit ] && peer=$4:2
  capture "$1" "ip proto $2" traffic "$peer"
  stop_all
}

cap_vxlan() {
  setup_ns
  local n ns peer
  for n in 1 2; do
    ns=dissect-tun$n; peer=$((3 - n))
    ip netns exec "$ns" ip link add vx0 type vxlan id 42 dstport 4789 local "10.98.0.$n" remote "10.98.0.$peer" dev "veth$n"
    ip netns exec "$ns" ip link set vx0 address "02:00:00:00:42:0$n"
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.vx0.disable_ipv6=1
    ip netns exec "$ns" ip addr add "192.168.42.$n/24" dev vx0
    ip netns exec "$ns" ip link set vx0 up
  done
  capture vxlan "udp port 4789" traffic 192.168.42.2
  stop_all
}

[ $# -gt 0 ] || set -- ipip sit gre vxlan
for what in "$@"; do
  case $what in
    ipip) cap_user ipip 4 1480 172.16.4 ;;
    sit) cap_user sit 41 1480 fd64: ;;
    gre) cap_user gre 47 1476 172.16.47 ;;
    vxlan) cap_vxlan ;;
    *) echo "unknown capture '$what' (ipip, sit, gre, vxlan)" >&2; exit 2 ;;
  esac
done
for what in "$@"; do
  "$OUT/regen-refs.sh" "tunnel-$what.pcap"
done
