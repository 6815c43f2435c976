from pk import *
import struct
fr=[]
for t in range(0,46):
    fr.append(eth(ipv4(icmp(t,0,b'\0\0\0\0',b''),1)))
for t,n in ((3,16),(5,4),(11,2),(12,3),(9,17),(40,6),(42,5),(43,5)):
    for c in range(n+1):
        fr.append(eth(ipv4(icmp(t,c,b'\0\0\0\0',b''),1)))
pcap('names4.pcap',fr)
fr=[]
for t,n in ((1,9),(2,1),(3,2),(4,4),(138,3),(139,3),(140,3),(160,1),(161,5)):
    for c in range(n+1):
        fr.append(eth(ipv6(icmp6(t,c,b'\0\0\0\0'),58),et=0x86dd))
pcap('names6.pcap',fr)
