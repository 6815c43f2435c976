#!/bin/sh
# Regenerates the tshark references of the SSH differential (SshDifferentialTests) in refs/: tshark 4.0.17,
# default preferences. Corpus from ../shared/corpus or $DISSECT_CORPUS.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
corpus=${DISSECT_CORPUS:-$root/../shared/corpus}
mkdir -p "$here/refs"
fields="frame.number tcp.len ssh.protocol ssh.packet_length ssh.padding_length ssh.message_code ssh.cookie
 ssh.kex_algorithms ssh.server_host_key_algorithms ssh.encryption_algorithms_client_to_server
 ssh.encryption_algorithms_server_to_client ssh.mac_algorithms_client_to_server ssh.mac_algorithms_server_to_client
 ssh.compression_algorithms_client_to_server ssh.compression_algorithms_server_to_client ssh.kex_algorithms_length
 ssh.first_kex_packet_follows ssh.host_key.type ssh.host_key.length ssh.ecdh.q_c ssh.ecdh.q_s ssh.host_sig.type
 ssh.dh_gex.min ssh.dh_gex.nbits ssh.dh_gex.max ssh.dh.e ssh.dh.f ssh.padding_string ssh.direction
 ssh.packet_length_encrypted ssh.encrypted_packet _ws.col.Protocol _ws.col.Info"
args=""; for f in $fields; do args="$args -e $f"; done
ref() { [ -f "$1" ] && HOME=/nonexistent tshark -r "$1" -T fields -E header=y -E separator=/t $args > "$here/refs/$(basename "$1").tsv" 2>/dev/null || true; }
for f in "$root"/samples-pcap/ssh-*.pcap; do ref "$f"; done
for f in tcp/ssh-dups.pcap pcap/get-to-ssh-server.pcap tunnels/gre-sample.pcap; do ref "$corpus/$f"; done
