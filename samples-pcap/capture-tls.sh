#!/bin/bash
# Re-create the TLS sample captures (see README.md, section TLS):
#
#   tls-13.pcap   TLS 1.3 on port 443: ClientHello with SNI "dissect.test" and ALPN h2,http/1.1, encrypted server
#                 flight, one line of application data each way (s_server -rev), close_notify (encrypted alert)
#   tls-12.pcap   TLS 1.2 on port 4433 (not a TLS port: found by the heuristic): a full ECDHE handshake with the
#                 self-signed certificate in clear, application data both ways, close_notify; then a second
#                 connection whose client rejects the certificate (-verify_return_error): a plaintext fatal alert
#
# Must run as root. Needs openssl, tcpdump, ip (installed with apt-get when missing). Everything runs inside a
# throw-away network namespace (dissect-tls) on its loopback; the namespace is deleted on exit. The certificate is
# a fresh self-signed P-256 one (CN=dissect.test, O=Dissect Samples, C=NL), so bytes differ from run to run.
# Afterwards: ./regen-refs.sh tls-13.pcap tls-12.pcap
set -euo pipefail

OUT=$(cd "$(dirname "$0")" && pwd)
NS=dissect-tls
[ "$(id -u)" -eq 0 ] || { echo "must run as root" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }
need openssl openssl
need tcpdump tcpdump
need ip iproute2

TMP=$(mktemp -d)
cleanup() {
  ip netns pids "$NS" 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
ip netns del "$NS" 2>/dev/null || true
ip netns add "$NS"
ip -n "$NS" link set lo up
run() { ip netns exec "$NS" "$@"; }

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
  -subj "/C=NL/O=Dissect Samples/CN=dissect.test" -keyout "$TMP/key.pem" -out "$TMP/cert.pem" 2>/dev/null

# capture <file> <port> <server options> -- <client runs...>
capture() {
  local file=$1 port=$2; shift 2
  run tcpdump -i lo -U -s 0 -w "$OUT/$file" "tcp port $port" 2>/dev/null &
  local dump=$!
  sleep 1
  "$@"
  sleep 1
  kill "$dump"; wait "$dump" 2>/dev/null || true
}

server() {   # server <port> <extra options>: one s_server that reverses each line it gets
  local port=$1; shift
  run openssl s_server -quiet -rev -accept "$port" -cert "$TMP/cert.pem" -key "$TMP/key.pem" "$@" >/dev/null 2>&1 &
  echo $! > "$TMP/server.pid"
  sleep 1
}

client() {   # client <port> <options>: one line of application data, then EOF (close_notify)
  local port=$1; shift
  (printf 'hello dissect\n'; sleep 1) | run openssl s_client -connect 127.0.0.1:"$port" -quiet -no_ign_eof "$@" >/dev/null 2>&1 || true
}

tls13() {
  server 443 -tls1_3 -alpn h2,http/1.1 -num_tickets 1
  client 443 -tls1_3 -servername dissect.test -alpn h2,http/1.1
  kill "$(cat "$TMP/server.pid")" 2>/dev/null || true
}
tls12() {
  server 4433 -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -no_ticket
  client 4433 -tls1_2 -servername dissect.test
  # The second client does not trust the self-signed certificate: it aborts with a fatal alert (unknown CA).
  client 4433 -tls1_2 -servername dissect.test -verify_return_error -no-CAfile -no-CApath -no-CAstore
  kill "$(cat "$TMP/server.pid")" 2>/dev/null || true
}

capture tls-13.pcap 443 tls13
capture tls-12.pcap 4433 tls12
ls -l "$OUT"/tls-13.pcap "$OUT"/tls-12.pcap
