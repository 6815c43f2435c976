# names6b.pcap (unnamed ICMPv6 types), udplite.pcap (UDP-Lite coverage cases), icmp_tcpcut.pcap (quote ending
# inside the TCP options).
from pk import *
import struct
pcap('names6b.pcap', [eth(ipv6(icmp6(t, 0, b'\0\0\0\0'), 58), et=0x86dd) for t in (0, 5, 99, 127, 150, 200, 255)])
d = b'hello world'
def lite(cov, ck=0x1234): return struct.pack('!HHHH', 1234, 5555, cov, ck) + d
pcap('udplite.pcap', [eth(ipv4(lite(0), 136)), eth(ipv4(lite(12), 136)), eth(ipv4(lite(5), 136)), eth(ipv4(lite(40), 136)),
                      eth(ipv4(lite(8, 0), 136))])
inner = ipv4(tcp(40000, 80, 1000, 0, 2, 65535, opts=b'\x02\x04\x05\xb4\x01\x03\x03\x07\x04\x02\x00\x00' + b'\x08\x0a' + b'\0' * 8 + b'\x01\x01'),
             6, src='10.0.0.1', dst='10.9.9.9')
pcap('icmp_tcpcut.pcap', [eth(ipv4(icmp(11, 0, b'\0\0\0\0', inner[:20 + 24]), 1, src='10.0.0.254', dst='10.0.0.1'))])
