#!/bin/sh
# Makes samples-pcap/rpc-rpcbind.pcap: ONC RPC on the loopback of a throw-away network namespace (nothing leaves the
# machine). rpcbind answers rpcinfo (portmap v2 DUMP over TCP, rpcbind v3/v4 DUMP, NULL calls over UDP and TCP) and
# a small Python client (GETPORT over UDP, found and not found; a GETPORT call sent over TCP as two record-marking
# fragments). A Python UDP server on port 40049 plays an NFS server that loses the first call (the client
# retransmits it), answers one call twice (duplicate reply) and denies one (AUTH_ERROR).
# Usage: sudo ./capture-rpc.sh   (then ./regen-refs.sh rpc-rpcbind.pcap)
set -eu
cd "$(dirname "$0")"
OUT=rpc-rpcbind.pcap
NS=dissect-rpc
command -v rpcbind >/dev/null || apt-get install -y rpcbind
command -v tcpdump >/dev/null || apt-get install -y tcpdump
command -v python3 >/dev/null || apt-get install -y python3

cleanup() {
    [ -n "${TD:-}" ] && kill -INT "$TD" 2>/dev/null && wait "$TD" 2>/dev/null || true
    [ -n "${SRV:-}" ] && kill "$SRV" 2>/dev/null || true
    [ -n "${RPCB:-}" ] && kill "$RPCB" 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT
ip netns del "$NS" 2>/dev/null || true
ip netns add "$NS"
ip netns exec "$NS" ip link set lo up

ip netns exec "$NS" tcpdump -Z root --immediate-mode -U -i lo -w "$OUT" 'host 127.0.0.1 and (port 111 or port 40049)' 2>/dev/null &
TD=$!
sleep 1
# rpcbind in the namespace (-f: foreground, -w: warm start off is fine; its state files are per run).
ip netns exec "$NS" rpcbind -f &
RPCB=$!
sleep 1

# A fake NFS server on UDP 40049: drops the first copy of xid 0x1001, answers xid 0x1002 twice, denies xid 0x1003.
ip netns exec "$NS" python3 - <<'PY' &
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 40049))
seen = set()
for _ in range(6):
    data, peer = s.recvfrom(65535)
    xid = struct.unpack(">I", data[:4])[0]
    if xid == 0x1001 and xid not in seen:
        seen.add(xid); continue                                  # lost: the client retransmits
    if xid == 0x1003:                                            # MSG_DENIED, AUTH_ERROR, AUTH_TOOWEAK
        s.sendto(struct.pack(">IIIII", xid, 1, 1, 1, 5), peer); continue
    reply = struct.pack(">IIIIII", xid, 1, 0, 0, 0, 0)           # accepted, AUTH_NULL verifier, SUCCESS
    s.sendto(reply, peer)
    if xid == 0x1002: s.sendto(reply, peer)                      # duplicate reply
    if xid == 0x1003 or len(seen) > 3: break
PY
SRV=$!
sleep 0.5

ip netns exec "$NS" rpcinfo -p 127.0.0.1 >/dev/null            # portmap v2 DUMP over TCP
ip netns exec "$NS" rpcinfo -u 127.0.0.1 100000 >/dev/null     # NULL over UDP, v2..v4
ip netns exec "$NS" rpcinfo -t 127.0.0.1 100000 >/dev/null     # NULL over TCP, v2..v4
ip netns exec "$NS" rpcinfo -T tcp 127.0.0.1 100000 4 >/dev/null || true

ip netns exec "$NS" python3 - <<'PY'
import socket, struct, time
AUTH_SYS = struct.pack(">II", 1, 28) + struct.pack(">I", 0x12345678) + struct.pack(">I", 6) + b"dissec\0\0" + struct.pack(">III", 0, 0, 0)
def call(xid, prog, vers, proc, args=b"", cred=None):
    cred = cred or struct.pack(">II", 0, 0)
    return struct.pack(">IIIIII", xid, 0, 2, prog, vers, proc) + cred + struct.pack(">II", 0, 0) + args
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(2)
# GETPORT over UDP: rpcbind itself (found) and NFS v3 (not registered: port 0)
u.sendto(call(0x2001, 100000, 2, 3, struct.pack(">IIII", 100000, 2, 17, 0), AUTH_SYS), ("127.0.0.1", 111)); u.recv(100)
u.sendto(call(0x2002, 100000, 2, 3, struct.pack(">IIII", 100003, 3, 6, 0)), ("127.0.0.1", 111)); u.recv(100)
# GETPORT over TCP in two record-marking fragments (16 + rest)
m = call(0x2003, 100000, 2, 3, struct.pack(">IIII", 100005, 3, 17, 0))
t = socket.create_connection(("127.0.0.1", 111)); t.settimeout(2)
t.sendall(struct.pack(">I", 16) + m[:16]); time.sleep(0.05)
t.sendall(struct.pack(">I", 0x80000000 | (len(m) - 16)) + m[16:]); t.recv(100); t.close()
# NFS v3 NULL to the fake server on 40049: lost then retransmitted, duplicate reply, denied
n = ("127.0.0.1", 40049)
u.sendto(call(0x1001, 100003, 3, 0), n); time.sleep(0.3)
u.sendto(call(0x1001, 100003, 3, 0), n); u.recv(100)
u.sendto(call(0x1002, 100003, 3, 0), n); u.recv(100); u.recv(100)
u.sendto(call(0x1003, 100003, 3, 0, cred=AUTH_SYS), n); u.recv(100)
PY
sleep 0.5
kill -INT "$TD"; wait "$TD" || true; TD=
echo "wrote $OUT ($(stat -c %s "$OUT") bytes)"
