#!/bin/sh
# Regenerates the tshark references of MiscDifferentialTests in refs/: tshark 4.0.17, default preferences, one TSV
# per corpus capture with the fields of the small dissectors (STP, LOOP, CDP, DTP, IGMP, PIM, DHCPv6, NBNS, RIP,
# TELNET, PPTP, PPP LCP, SIP, SDP, DB-LSP-DISC, JSON). Corpus from ../shared/corpus or $DISSECT_CORPUS.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
corpus=${DISSECT_CORPUS:-$root/../shared/corpus}
mkdir -p "$here/refs"
fields="frame.number
 stp.protocol stp.version stp.type stp.flags stp.flags.tcack stp.flags.agreement stp.flags.forwarding stp.flags.learning
 stp.flags.port_role stp.flags.proposal stp.flags.tc stp.root.prio stp.root.ext stp.root.hw stp.root.cost stp.bridge.prio
 stp.bridge.ext stp.bridge.hw stp.port stp.msg_age stp.max_age stp.hello stp.forward stp.version_1_length
 stp.pvst.tlvtype stp.pvst.tlvlen stp.pvst.origvlan
 loop.skipcount loop.relevant_function loop.function loop.receipt_number loop.forwarding_address
 cdp.version cdp.ttl cdp.checksum cdp.tlv.type cdp.tlv.len cdp.deviceid cdp.software_version cdp.platform cdp.portid
 cdp.capabilities cdp.native_vlan cdp.duplex cdp.number_of_addresses
 dtp.version dtp.tlv_type dtp.tlv_len dtp.domain dtp.tos dtp.tas dtp.tot dtp.tat dtp.senderid
 igmp.version igmp.type igmp.max_resp igmp.checksum igmp.maddr igmp.num_grp_recs igmp.record_type igmp.aux_data_len
 igmp.num_src igmp.saddr igmp.s igmp.qrv igmp.qqic
 pim.version pim.type pim.cksum pim.optiontype pim.optionlength pim.holdtime pim.dr_priority pim.generation_id
 dhcpv6.msgtype dhcpv6.xid dhcpv6.hopcount dhcpv6.linkaddr dhcpv6.peeraddr dhcpv6.option.type dhcpv6.option.length
 dhcpv6.duid.bytes dhcpv6.duid.type dhcpv6.iaid dhcpv6.iaid.t1 dhcpv6.iaid.t2 dhcpv6.iaaddr.ip
 dhcpv6.iaaddr.pref_lifetime dhcpv6.iaaddr.valid_lifetime dhcpv6.elapsed_time dhcpv6.requested_option_code
 nbns.id nbns.flags nbns.flags.response nbns.flags.opcode nbns.flags.truncated nbns.flags.recdesired
 nbns.flags.broadcast nbns.count.queries nbns.count.answers nbns.count.auth_rr nbns.count.add_rr nbns.name nbns.type
 nbns.class nbns.ttl nbns.addr
 rip.command rip.version rip.family rip.route_tag rip.ip rip.netmask rip.next_hop rip.metric rip.auth.type
 telnet.cmd telnet.subcmd telnet.data
 pptp.length pptp.type pptp.magic_cookie pptp.control_message_type pptp.protocol_version pptp.maximum_channels
 pptp.firmware_revision pptp.host_name pptp.vendor_name pptp.call_id pptp.peer_call_id pptp.call_serial_number
 ppp.code ppp.identifier ppp.length lcp.opt.type lcp.opt.length lcp.opt.magic_number lcp.opt.mru lcp.opt.mrru
 sip.Method sip.Request-Line sip.r-uri sip.Status-Code sip.Status-Line sip.Call-ID sip.CSeq sip.CSeq.seq
 sip.CSeq.method sip.Via sip.From sip.To sip.Contact sip.Max-Forwards sip.User-Agent sip.Content-Type
 sip.Content-Length
 sdp.version sdp.owner sdp.session_name sdp.connection_info sdp.time sdp.media sdp.media_attr
 json.object json.array json.member json.key json.value.string json.value.number
 _ws.col.Protocol _ws.col.Info"
args=""; for f in $fields; do args="$args -e $f"; done
# Only the header and the frames where one of these protocols has a field are kept (the Protocol column of every
# frame is compared against the corpus' own *.fields.tsv).
ref() { [ -f "$1" ] && HOME=/nonexistent tshark -r "$1" -T fields -E header=y -E separator=/t $args 2>/dev/null |
  awk -F'\t' 'NR == 1 { print; next } { for (i = 2; i < NF - 1; i++) if ($i != "") { print; next } }' > "$here/refs/$(basename "$1").tsv" || true; }
for f in rpc/nfs_write.pcap tunnels/various_gre.pcap http/wikipedia.pcap tcp/telnet-cooked.pcap tcp/mptcp-v1.pcap \
         ipv4/udp-ip-fragmented.pcap tunnels/pptp.pcap dhcp/dhcpv6-ia-na.pcap tunnels/gre-within-gre.pcap dns/mdns.pcap \
         pcapng/le-test100.pcapng pcapng/be-test202.pcapng; do
  ref "$corpus/$f"
done
