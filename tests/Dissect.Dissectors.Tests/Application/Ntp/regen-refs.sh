#!/bin/sh
# Regenerates the tshark references of the NTP differential (NtpDifferentialTests) in refs/: tshark 4.0.17,
# default preferences. Corpus from ../shared/corpus or $DISSECT_CORPUS.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
corpus=${DISSECT_CORPUS:-$root/../shared/corpus}
mkdir -p "$here/refs"
fields="frame.number ntp.flags ntp.flags.li ntp.flags.vn ntp.flags.mode ntp.stratum ntp.ppoll ntp.precision
 ntp.rootdelay ntp.rootdispersion ntp.refid ntp.reftime ntp.org ntp.rec ntp.xmt ntp.keyid ntp.mac ntp.ctrl.flags2
 ntp.ctrl.flags2.opcode ntp.ctrl.sequence ntp.ctrl.count ntp.priv.reqcode ntp.priv.impl _ws.col.Protocol _ws.col.Info"
args=""; for f in $fields; do args="$args -e $f"; done
ref() { [ -f "$1" ] && HOME=/nonexistent tshark -r "$1" -T fields -E header=y -E separator=/t $args > "$here/refs/$(basename "$1").tsv" 2>/dev/null || true; }
ref "$here/ntp-crafted.pcap"
for f in "$root"/samples-pcap/ntp-*.pcap; do ref "$f"; done
for f in tunnels/gre-sample.pcap ipv4/fragmented-1.pcap; do ref "$corpus/$f"; done
