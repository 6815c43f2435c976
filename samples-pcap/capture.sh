#!/bin/bash
# Re-create the self-made sample captures in this directory:
#
#   http-curl.pcap      HTTP/1.1 over loopback (python http.server + curl), pcap/usec, Ethernet
#   ping-netns.pcapng   ARP, ICMP, ICMPv6 + NDP, UDP, TCP RST between two network
#                       namespaces joined by a veth pair, pcapng, Ethernet
#   dns-udp-tcp.pcap    DNS over UDP and TCP (dnsmasq on 127.0.0.2 + dig), pcap/usec, Ethernet
#   tcp-nano-sll.pcap   small TCP echo exchange captured with `tcpdump -i any`
#                       (Linux cooked header) and nanosecond timestamps
#
# Must run as root. Needs tcpdump, dumpcap (wireshark-common / tshark), python3, curl,
# dig, dnsmasq, ping, ip; missing Debian packages are installed with apt-get.
# All generated traffic stays on loopback (127.0.0.0/8) or inside the two network
# namespaces this script creates (dissect-ns1/dissect-ns2, 10.99.0.0/24, fd99::/64);
# the namespaces are deleted again on exit. Idempotent: existing outputs are overwritten.
#
# Usage: ./capture.sh            # all four captures
#        ./capture.sh http dns   # only some of them (http, netns, dns, nano)
set -euo pipefail

OUT=$(cd "$(dirname "$0")" && pwd)
HTTP_PORT=${HTTP_PORT:-8080}
ECHO_PORT=${ECHO_PORT:-9009}
DNS_ADDR=127.0.0.2
NS1=dissect-ns1
NS2=dissect-ns2

[ "$(id -u)" -eq 0 ] || { echo "must run as root" >&2; exit 1; }

need() {   # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 (for $1)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null
}
need tcpdump tcpdump
need dumpcap tshark
need python3 python3
need curl curl
need dig bind9-dnsutils
need dnsmasq dnsmasq-base
need ping iputils-ping
need ip iproute2
PY=$(command -v python3)

TMP=$(mktemp -d /tmp/dissect-capture.XXXXXX)
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

# wait_for <file> <regex>: wait (max 10 s) until <file> contains <regex>
wait_for() {
  local i
  for i in $(seq 100); do
    grep -qE "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "timeout waiting for '$2' in $1:" >&2; cat "$1" >&2; return 1
}

# wait_port <tcp|udp> <addr> <port> [netns]: wait until something listens there
wait_port() {
  local i pre=()
  [ $# -ge 4 ] && pre=(ip netns exec "$4")
  for i in $(seq 100); do
    if [ "$1" = tcp ]; then
      "${pre[@]}" ss -Hltn "sport = :$3" | grep -q . && return 0
    else
      "${pre[@]}" ss -Hlun "sport = :$3" | grep -q . && return 0
    fi
    sleep 0.1
  done
  echo "nothing listening on $1 $2:$3" >&2; return 1
}

# start_tcpdump <name> <outfile> <tcpdump args...>: start tcpdump in the background,
# wait until it is capturing; its pid goes to $CAP_PID
start_tcpdump() {
  local name=$1 out=$2; shift 2
  rm -f "$out"
  # -Z root: do not drop to the 'tcpdump' user (it could not write here)
  tcpdump -Z root --immediate-mode -U -w "$out" "$@" 2>"$TMP/$name.tcpdump.err" &
  CAP_PID=$!
  PIDS+=("$CAP_PID")
  wait_for "$TMP/$name.tcpdump.err" 'listening on'
  sleep 0.5
}

# stop_capture <pid>: SIGINT, then wait so the file is flushed and closed
stop_capture() {
  sleep 0.5
  kill -INT "$1"
  wait "$1" || true
}

stop_bg() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

###########################################################################
cap_http() {
  echo "== http-curl.pcap" >&2
  local www=$TMP/www
  mkdir -p "$www/docs"
  cat >"$www/index.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>Dissect sample</title></head>
<body><h1>Dissect sample page</h1><p>See <a href="docs/a.txt">a.txt</a>.</p></body></html>
EOF
  printf 'first text file\n' >"$www/docs/a.txt"
  printf 'second text file, fetched on the same connection\n' >"$www/docs/b.txt"
  # http.server's default handler speaks HTTP/1.0 and closes every connection, so
  # keep-alive would never show. This is the stock SimpleHTTPRequestHandler with
  # protocol_version HTTP/1.1 plus one extra path (/chunked) that answers with
  # Transfer-Encoding: chunked.
  cat >"$TMP/httpd.py" <<'EOF'
import functools, http.server, sys
class H(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        if self.path != "/chunked":
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for part in (b"chunk one\n", b"chunk two, a bit longer\n", b"three\n"):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
    def log_message(self, *a):
        pass
port, root = int(sys.argv[1]), sys.argv[2]
http.server.ThreadingHTTPServer(("127.0.0.1", port),
    functools.partial(H, directory=root)).serve_forever()
EOF
  "$PY" "$TMP/httpd.py" "$HTTP_PORT" "$www" &
  local srv=$!; PIDS+=("$srv")
  wait_port tcp 127.0.0.1 "$HTTP_PORT"

  start_tcpdump http "$OUT/http-curl.pcap" -i lo "host 127.0.0.1 and tcp port $HTTP_PORT"
  local c=(curl -sS -o /dev/null)
  local u=http://127.0.0.1:$HTTP_PORT
  "${c[@]}" "$u/"                                  # simple GET, one connection
  sleep 0.2
  "${c[@]}" -o /dev/null "$u/docs/a.txt" "$u/docs/b.txt"   # keep-alive: 2 requests, 1 connection
  sleep 0.2
  "${c[@]}" -I "$u/docs/a.txt"                     # HEAD
  sleep 0.2
  "${c[@]}" "$u/chunked"                           # chunked response
  sleep 0.2
  "${c[@]}" "$u/missing.html"                      # 404 (server closes: Connection: close)
  sleep 0.2
  "${c[@]}" -d 'name=dissect&x=1' "$u/form"        # POST with a body -> 501
  stop_capture "$CAP_PID"
  stop_bg "$srv"
}

###########################################################################
cap_netns() {
  echo "== ping-netns.pcapng" >&2
  ip netns del "$NS1" 2>/dev/null || true
  ip netns del "$NS2" 2>/dev/null || true
  ip netns add "$NS1"
  ip netns add "$NS2"
  ip link add veth1 netns "$NS1" type veth peer name veth2 netns "$NS2"
  local n
  for n in 1 2; do
    local ns=dissect-ns$n
    ip -n "$ns" link set lo up
    ip -n "$ns" link set "veth$n" address "02:00:00:00:00:0$n"
    # no router solicitations, so the capture holds only what we send below
    ip netns exec "$ns" sysctl -qw "net.ipv6.conf.veth$n.router_solicitations=0"
    ip -n "$ns" addr add "10.99.0.$n/24" dev "veth$n"
    ip -n "$ns" addr add "fd99::$n/64" dev "veth$n" nodad
    ip -n "$ns" link set "veth$n" up
  done
  # let link-local DAD and the initial MLD reports finish before capturing
  sleep 3

  local out=$OUT/ping-netns.pcapng
  rm -f "$out"
  # dumpcap writes pcapng by default
  ip netns exec "$NS1" dumpcap -q -i veth1 -w "$out" 2>"$TMP/dumpcap.err" &
  CAP_PID=$!; PIDS+=("$CAP_PID")
  wait_for "$TMP/dumpcap.err" 'Capturing on'
  sleep 0.5

  # UDP echo server in ns2 (dual stack, port 5555); answers 4 datagrams, then exits
  cat >"$TMP/udpecho.py" <<'EOF'
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(("::", 5555))
for _ in range(4):
    data, peer = s.recvfrom(2048)
    s.sendto(b"echo: " + data, peer)
EOF
  ip netns exec "$NS2" "$PY" "$TMP/udpecho.py" &
  local echo_pid=$!; PIDS+=("$echo_pid")
  wait_port udp '*' 5555 "$NS2"

  ip netns exec "$NS1" ping -c 3 -i 0.2 10.99.0.2             # ARP + ICMP echo
  ip netns exec "$NS1" ping -6 -c 3 -i 0.2 fd99::2            # NDP NS/NA + ICMPv6 echo
  ip netns exec "$NS1" ping -6 -c 2 -i 0.2 fe80::ff:fe00:2%veth1   # link-local
  cat >"$TMP/udpsend.py" <<'EOF'
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(2)
for i in range(3):
    s.sendto(b"dissect udp datagram %d" % i, ("10.99.0.2", 5555))
    print(s.recvfrom(2048)[0])
    time.sleep(0.1)
s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s6.settimeout(2)
s6.sendto(b"dissect udp over ipv6", ("fd99::2", 5555))
print(s6.recvfrom(2048)[0])
# closed UDP port -> ICMP port unreachable
s.sendto(b"nobody listens here", ("10.99.0.2", 5556))
time.sleep(0.2)
# closed TCP port -> SYN answered by RST/ACK
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
t.settimeout(2)
try:
    t.connect(("10.99.0.2", 7))
except OSError as e:
    print("tcp:", e)
EOF
  ip netns exec "$NS1" "$PY" "$TMP/udpsend.py"
  wait "$echo_pid" || true
  stop_capture "$CAP_PID"
  ip netns del "$NS1"
  ip netns del "$NS2"
}

###########################################################################
cap_dns() {
  echo "== dns-udp-tcp.pcap" >&2
  dnsmasq -k --conf-file=/dev/null --no-resolv --no-hosts --no-poll \
    --bind-interfaces --listen-address="$DNS_ADDR" --port=53 \
    --pid-file="$TMP/dnsmasq.pid" --user=root --log-facility="$TMP/dnsmasq.log" \
    --local=/example.test/ \
    --address=/wild.example.test/192.0.2.10 \
    --host-record=www.example.test,192.0.2.20,2001:db8::20 \
    --host-record=mail.example.test,192.0.2.25 \
    --cname=alias.example.test,www.example.test \
    --mx-host=example.test,mail.example.test,10 \
    --txt-record=example.test,"v=spf1 -all","dissect sample record" &
  local dns=$!; PIDS+=("$dns")
  wait_port udp "$DNS_ADDR" 53

  start_tcpdump dns "$OUT/dns-udp-tcp.pcap" -i lo "host $DNS_ADDR and port 53"
  local d=(dig @"$DNS_ADDR" +tries=1 +time=2)
  "${d[@]}" www.example.test A
  "${d[@]}" www.example.test AAAA
  "${d[@]}" alias.example.test A                 # CNAME + A
  "${d[@]}" example.test MX
  "${d[@]}" example.test TXT
  "${d[@]}" foo.wild.example.test A              # --address wildcard
  "${d[@]}" nonexistent.example.test A           # NXDOMAIN
  "${d[@]}" +noedns mail.example.test A          # no OPT record
  "${d[@]}" +tcp www.example.test A              # DNS over TCP, one query
  # two queries on one TCP connection (two length-prefixed messages)
  "${d[@]}" +tcp +keepopen alias.example.test A example.test TXT
  stop_capture "$CAP_PID"
  stop_bg "$dns"
}

###########################################################################
cap_nano() {
  echo "== tcp-nano-sll.pcap" >&2
  cat >"$TMP/echo.py" <<'EOF'
import socket, sys, time
port = int(sys.argv[2])
if sys.argv[1] == "server":
    l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind(("127.0.0.1", port)); l.listen(1)
    c, _ = l.accept()
    f = c.makefile("rb")
    for line in f:
        c.sendall(b"echo: " + line)
    c.close()
else:
    c = socket.create_connection(("127.0.0.1", port))
    f = c.makefile("rb")
    for line in (b"hello\n", b"dissect nanosecond sample\n", b"bye\n"):
        c.sendall(line)
        print(f.readline())
        time.sleep(0.05)
    c.shutdown(socket.SHUT_WR)
    f.read()
    c.close()
EOF
  "$PY" "$TMP/echo.py" server "$ECHO_PORT" &
  local srv=$!; PIDS+=("$srv")
  wait_port tcp 127.0.0.1 "$ECHO_PORT"
  start_tcpdump nano "$OUT/tcp-nano-sll.pcap" -i any --time-stamp-precision=nano \
    "host 127.0.0.1 and tcp port $ECHO_PORT"
  "$PY" "$TMP/echo.py" client "$ECHO_PORT"
  wait "$srv" || true
  stop_capture "$CAP_PID"
  grep 'listening on' "$TMP/nano.tcpdump.err" >&2
}

###########################################################################
[ $# -gt 0 ] || set -- http netns dns nano
for what in "$@"; do
  case $what in
    http) cap_http ;;
    netns) cap_netns ;;
    dns) cap_dns ;;
    nano) cap_nano ;;
    *) echo "unknown capture '$what' (http, netns, dns, nano)" >&2; exit 2 ;;
  esac
done
for f in http-curl.pcap ping-netns.pcapng dns-udp-tcp.pcap tcp-nano-sll.pcap; do
  [ -f "$OUT/$f" ] && chmod 644 "$OUT/$f"
  [ -f "$OUT/$f" ] && capinfos -t -E -c -i "$OUT/$f" | sed -n '2,$p' >&2 || true
done
