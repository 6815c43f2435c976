#!/bin/sh
# Regenerates the tshark references of the DHCP differential (DhcpDifferentialTests): one <capture>.tsv per capture
# in refs/, with the DHCP fields compared, made by tshark 4.0.17 with default preferences.
# Usage: ./regen-refs.sh   (corpus from ../shared/corpus or $DISSECT_CORPUS)
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
corpus=${DISSECT_CORPUS:-$root/../shared/corpus}
mkdir -p "$here/refs"
fields="frame.number dhcp.type dhcp.hw.type dhcp.hw.len dhcp.hops dhcp.id dhcp.secs dhcp.flags dhcp.flags.bc
 dhcp.ip.client dhcp.ip.your dhcp.ip.server dhcp.ip.relay dhcp.hw.mac_addr dhcp.hw.addr dhcp.hw.addr_padding
 dhcp.server dhcp.file dhcp.cookie dhcp.bootp dhcp.option.type dhcp.option.length dhcp.option.value
 dhcp.option.padding dhcp.option.end dhcp.option.dhcp dhcp.option.requested_ip_address dhcp.option.dhcp_server_id
 dhcp.option.ip_address_lease_time dhcp.option.renewal_time_value dhcp.option.rebinding_time_value
 dhcp.option.subnet_mask dhcp.option.router dhcp.option.domain_name_server dhcp.option.domain_name
 dhcp.option.hostname dhcp.option.request_list_item dhcp.option.vendor_class_id dhcp.option.dhcp_max_message_size
 dhcp.option.broadcast_address dhcp.option.option_overload dhcp.client_id.type dhcp.client_id.iaid
 dhcp.client_id.duid_type dhcp.fqdn.flags dhcp.fqdn.name dhcp.option.message _ws.col.Protocol _ws.col.Info"
args=""; for f in $fields; do args="$args -e $f"; done
ref() {   # ref CAPTURE
  [ -f "$1" ] || { echo "missing $1" >&2; return; }
  HOME=/nonexistent tshark -r "$1" -T fields -E header=y -E separator=/t $args > "$here/refs/$(basename "$1").tsv" 2>/dev/null || true
}
ref "$here/dhcp-crafted.pcap"
for f in "$root"/samples-pcap/dhcp-*.pcap; do ref "$f"; done
for f in dhcp/dhcp.pcap malformed/gopacket-le-test901.pcapng pcapng/be-test001.pcapng pcapng/be-test006.pcapng \
         pcapng/be-test202.pcapng pcapng/le-test001.pcapng pcapng/le-test004.pcapng pcapng/le-test006.pcapng \
         pcapng/le-test009.pcapng pcapng/le-test010.pcapng pcapng/le-test012.pcapng pcapng/le-test016.pcapng \
         pcapng/le-test018.pcapng pcapng/le-test100.pcapng pcapng/le-test101.pcapng pcapng/le-test102.pcapng \
         pcapng/le-test201.pcapng pcapng/le-test202.pcapng; do
  ref "$corpus/$f"
done
