#!/bin/bash
# Re-creates ssh-netns.pcap: two short SSH sessions on the loopback of a throw-away network namespace.
#   server: OpenSSH sshd on 127.0.0.1:22 inside dissect-ssh (fresh ed25519 host key, public-key login only)
#   client: ssh -o BatchMode=yes with a fresh ed25519 key, KexAlgorithms=curve25519-sha256 (a method tshark 4.0
#           names), running `true`: 1) default cipher (chacha20-poly1305), 2) -c aes128-ctr -m hmac-sha2-256
# Port 22 (not a high port) so that tshark 4.0, which has no SSH heuristic, decodes it for the references.
# Captured with tcpdump on the namespace's lo (pcap, µs, Ethernet with zero MACs). Must run as root; installs
# tcpdump, openssh-server and openssh-client with apt-get when missing. The namespace is deleted on exit.
set -euo pipefail
OUT=$(cd "$(dirname "$0")" && pwd)
NS=dissect-ssh
PCAP="$OUT/ssh-netns.pcap"
[ "$(id -u)" -eq 0 ] || { echo "must run as root" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }
need tcpdump tcpdump; need /usr/sbin/sshd openssh-server; need ssh openssh-client
TMP=$(mktemp -d)
cleanup() {
  for p in "$TMP"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
ip netns del "$NS" 2>/dev/null || true
ip netns add "$NS"; ip -n "$NS" link set lo up
ssh-keygen -q -t ed25519 -N '' -f "$TMP/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$TMP/client_key"
cp "$TMP/client_key.pub" "$TMP/authorized_keys"
mkdir -p /run/sshd
cat > "$TMP/sshd_config" <<C
ListenAddress 127.0.0.1:22
HostKey $TMP/host_key
PidFile $TMP/sshd.pid2
AuthorizedKeysFile $TMP/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
C
ip netns exec "$NS" tcpdump -Z root --immediate-mode -U -i lo -w "$PCAP" 'tcp port 22' 2>"$TMP/tcpdump.log" &
echo $! > "$TMP/tcpdump.pid"
ip netns exec "$NS" /usr/sbin/sshd -D -e -f "$TMP/sshd_config" 2>"$TMP/sshd.log" &
echo $! > "$TMP/sshd.pid"
sleep 1
opts=(-i "$TMP/client_key" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
      -o KexAlgorithms=curve25519-sha256 -o LogLevel=ERROR)
ip netns exec "$NS" ssh "${opts[@]}" root@127.0.0.1 true
ip netns exec "$NS" ssh "${opts[@]}" -c aes128-ctr -m hmac-sha2-256 root@127.0.0.1 true
sleep 1
kill -INT "$(cat "$TMP/tcpdump.pid")"; wait "$(cat "$TMP/tcpdump.pid")" 2>/dev/null || true
rm -f "$TMP/tcpdump.pid"
echo "wrote $PCAP ($(stat -c %s "$PCAP") bytes)" >&2
