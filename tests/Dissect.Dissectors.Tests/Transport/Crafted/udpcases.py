from pk import *
fr=[]
d=b'hello world'
fr.append(eth(ipv4(udp(1234,5555,d),17)))                       #1 ok
fr.append(eth(ipv4(udp(1234,5555,d,length=5,ck=0),17)))         #2 len<8
fr.append(eth(ipv4(udp(1234,5555,d,length=40,ck=0),17)))        #3 len>ip payload
fr.append(eth(ipv4(udp(1234,5555,d,length=12,ck=0),17)))        #4 len<payload
fr.append(eth(ipv6(udp(1234,5555,d,ck=0,src='fe80::1',dst='fe80::2',v6=True),17),et=0x86dd))  #5 v6 zero csum
fr.append(eth(ipv6(udp(1234,5555,d,length=0,src='fe80::1',dst='fe80::2',v6=True),17),et=0x86dd))  #6 v6 len 0
fr.append(eth(ipv4(udp(1234,33434,d),17)))                    #7 traceroute port
fr.append(eth(ipv4(udp(1234,5555,d,ck=0x1234),17)))             #8 bad csum
fr.append(eth(ipv4(udp(1234,5555,b''),17)))                     #9 empty payload
fr.append((eth(ipv4(udp(1234,5555,d),17))[:14+20+8+3], 14+20+8+len(d)))   #10 snaplen cut payload
fr.append((eth(ipv4(udp(1234,5555,d),17))[:14+20+6], 14+20+8+len(d)))     #11 snaplen cut header
fr.append(eth(ipv4(udp(1234,5555,d,ck=0),17)))                  #12 v4 zero csum
pcap('udp.pcap',fr)
