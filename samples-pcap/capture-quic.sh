#!/bin/bash
# QUIC (HTTP/3) on loopback with Debian's ngtcp2 example server and client (packages ngtcp2-server,
# ngtcp2-client: gtlsserver / gtlsclient, GnuTLS backend). One request for a small file; captured with
# tcpdump on lo. Port 443 so that tshark's QUIC dissector is chosen by port as well as by heuristic.
# Usage (root): samples-pcap/capture-quic.sh  → samples-pcap/quic-ngtcp2.pcap (+ its tshark reference)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -subj /CN=quic.example.test \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
mkdir -p "$work/htdocs"; printf 'hello over QUIC\n' > "$work/htdocs/hello.txt"
gtlsserver -q -d "$work/htdocs" 127.0.0.1 443 "$work/key.pem" "$work/cert.pem" > /dev/null 2>&1 &
sleep 1
tcpdump -i lo -U -s 0 -w "$work/q.pcap" 'udp port 443' 2>/dev/null &
sleep 1
timeout 10 gtlsclient -q --exit-on-all-streams-close 127.0.0.1 443 https://quic.example.test/hello.txt > /dev/null 2>&1 || true
sleep 1
kill %2; wait %2 2>/dev/null || true
cp "$work/q.pcap" "$here/quic-ngtcp2.pcap"
"$here/regen-refs.sh" quic-ngtcp2.pcap
echo "wrote $here/quic-ngtcp2.pcap ($(stat -c %s "$here/quic-ngtcp2.pcap") bytes)"
