#!/bin/bash
# Re-create samples-pcap/http-server.pcap: HTTP/1.1 on loopback port 8000 (not one of
# tshark's HTTP ports, so both tshark and Dissect find it by their heuristics), made
# with a small python http.server and curl:
#   - keep-alive: 5 GETs on one connection (html, two files both named a.txt, a PNG, JSON)
#   - HEAD followed by a GET on the same connection (curl --next)
#   - a chunked response written in pieces, chunk-size lines split from their data
#   - a response without Content-Length that ends when the server closes
#   - POST with a body (JSON echo), POST with "Expect: 100-continue" (100 Continue first)
#   - a 404, and two pipelined requests sent in one TCP segment by a raw socket client
# Must run as root (tcpdump). All traffic stays on 127.0.0.1. Re-runnable: overwrites
# the capture; then run ./regen-refs.sh http-server.pcap for the tshark reference.
set -euo pipefail
OUT=$(cd "$(dirname "$0")" && pwd)
PORT=${HTTP_PORT:-8000}
[ "$(id -u)" -eq 0 ] || { echo "must run as root" >&2; exit 1; }
for c in tcpdump python3 curl ss; do command -v $c >/dev/null || { echo "needs $c" >&2; exit 1; }; done
TMP=$(mktemp -d /tmp/dissect-http.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

www=$TMP/www
mkdir -p "$www/docs" "$www/other" "$www/img"
printf '<!DOCTYPE html>\n<html><body><h1>Dissect HTTP sample</h1></body></html>\n' >"$www/index.html"
printf 'docs a.txt\n' >"$www/docs/a.txt"
printf 'other a.txt, same name in another folder\n' >"$www/other/a.txt"
# 1x1 PNG
python3 -c 'import struct,sys,zlib
def ch(t,d): return struct.pack(">I",len(d))+t+d+struct.pack(">I",zlib.crc32(t+d))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n"+ch(b"IHDR",struct.pack(">IIBBBBB",1,1,8,6,0,0,0))+ch(b"IDAT",zlib.compress(b"\x00\x00\x00\x00\x00"))+ch(b"IEND",b""))' >"$www/img/dot.png"
printf '{"sample": "dissect", "n": 1}\n' >"$www/data.json"

cat >"$TMP/httpd.py" <<'EOF'
import functools, http.server, sys, time, json
class H(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".json": "application/json"}
    def do_GET(self):
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"first chunk\n", b"second chunk, a little longer\n", b"3rd\n"):
                # the chunk-size line and the data go out in separate segments
                self.wfile.write(b"%x\r\n" % len(part)); self.wfile.flush(); time.sleep(0.02)
                self.wfile.write(part + b"\r\n"); self.wfile.flush(); time.sleep(0.02)
            self.wfile.write(b"0\r\n\r\n")
            return
        if self.path == "/nolength":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers(); self.wfile.flush(); time.sleep(0.02)
            self.wfile.write(b"no Content-Length: the body ends when\n"); self.wfile.flush(); time.sleep(0.02)
            self.wfile.write(b"the server closes the connection\n")
            self.close_connection = True
            return
        return super().do_GET()
    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        out = json.dumps({"got": len(body)}).encode() + b"\n"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    def log_message(self, *a):
        pass
port, root = int(sys.argv[1]), sys.argv[2]
http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(H, directory=root)).serve_forever()
EOF
cat >"$TMP/pipeline.py" <<'EOF'
import socket, sys
port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port))
host = "127.0.0.1:%d" % port
s.sendall(("GET /docs/a.txt HTTP/1.1\r\nHost: %s\r\nUser-Agent: pipeline.py\r\n\r\n"
           "GET /other/a.txt HTTP/1.1\r\nHost: %s\r\nUser-Agent: pipeline.py\r\nConnection: close\r\n\r\n" % (host, host)).encode())
while s.recv(65536):
    pass
s.close()
EOF
python3 "$TMP/httpd.py" "$PORT" "$www" &
PIDS+=($!)
for i in $(seq 100); do ss -Hltn "sport = :$PORT" | grep -q . && break; sleep 0.1; done

rm -f "$OUT/http-server.pcap"
tcpdump -Z root --immediate-mode -U -i lo -w "$OUT/http-server.pcap" "host 127.0.0.1 and tcp port $PORT" 2>"$TMP/tcpdump.err" &
CAP=$!; PIDS+=($CAP)
for i in $(seq 100); do grep -q 'listening on' "$TMP/tcpdump.err" && break; sleep 0.1; done
sleep 0.5
u=http://127.0.0.1:$PORT
c=(curl -sS -o /dev/null)
curl -sS -o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null \
  "$u/" "$u/docs/a.txt" "$u/other/a.txt" "$u/img/dot.png" "$u/data.json"; sleep 0.2
curl -sS -o /dev/null -I "$u/docs/a.txt" --next -sS -o /dev/null "$u/docs/a.txt"; sleep 0.2
"${c[@]}" "$u/chunked"; sleep 0.2
"${c[@]}" "$u/nolength"; sleep 0.2
"${c[@]}" -H 'Content-Type: application/x-www-form-urlencoded' -d 'name=dissect&x=1' "$u/echo"; sleep 0.2
"${c[@]}" -H 'Expect: 100-continue' -H 'Content-Type: text/plain' --data-binary 'a body sent after 100 Continue' "$u/upload"; sleep 0.2
"${c[@]}" "$u/missing.html"; sleep 0.2
python3 "$TMP/pipeline.py" "$PORT"
sleep 0.5
kill -INT $CAP; wait $CAP || true
ls -l "$OUT/http-server.pcap"
