from pk import *
import struct
fr=[]
def I(t,c,rest,data=b'',ck=None,**k): return eth(ipv4(icmp(t,c,rest,data,ck),1,**k))
payload=bytes(range(0x10,0x38))
tv=struct.pack('<QQ',1600000003,123456)
fr.append(I(8,0,struct.pack('!HH',0x1234,1),tv+payload))                 #1 echo req
fr.append(I(0,0,struct.pack('!HH',0x1234,1),tv+payload,src='10.0.0.2',dst='10.0.0.1',ttl=57))  #2 echo reply
inner_udp=ipv4(udp(5353,33434,b'abcdefgh'*4),17,src='10.0.0.1',dst='10.9.9.9',ttl=1)
fr.append(I(11,0,b'\0\0\0\0',inner_udp[:28],src='10.0.0.254',dst='10.0.0.1'))   #3 time exceeded, 8 bytes quoted
fr.append(I(3,3,b'\0\0\0\0',inner_udp,src='10.9.9.9',dst='10.0.0.1'))             #4 port unreach, full
inner_tcp=ipv4(tcp(40000,80,1000,0,2,65535,opts=b'\x02\x04\x05\xb4'),6,src='10.0.0.1',dst='10.9.9.9')
fr.append(I(3,1,b'\0\0\0\0',inner_tcp[:28],src='10.0.0.254',dst='10.0.0.1'))     #5 host unreach quoting 8 bytes tcp
fr.append(I(3,4,struct.pack('!HH',0,1400),inner_tcp,src='10.0.0.254',dst='10.0.0.1'))     #6 frag needed full tcp
fr.append(I(5,1,bytes([10,0,0,1]),inner_tcp[:28],src='10.0.0.254',dst='10.0.0.1'))        #7 redirect host
fr.append(I(4,0,b'\0\0\0\0',inner_tcp[:28]))                                                #8 source quench
fr.append(I(12,0,b'\x14\0\0\0',inner_tcp[:28]))                                             #9 param problem
fr.append(I(13,0,struct.pack('!HH',7,9),struct.pack('!III',1000,0,0)))                      #10 timestamp req
fr.append(I(14,0,struct.pack('!HH',7,9),struct.pack('!III',1000,2000,3000)))                #11 timestamp reply
fr.append(I(17,0,struct.pack('!HH',7,9),bytes([0,0,0,0])))                                  #12 addr mask req
fr.append(I(9,0,struct.pack('!BBH',1,2,1800),bytes([10,0,0,254,0,0,0,5])))                 #13 router adv
fr.append(I(10,0,b'\0\0\0\0'))                                                              #14 router sol
fr.append(I(42,0,b'\x01\x02\x03\x04',b'xyz'))                                               #15 unknown type
fr.append(I(8,0,struct.pack('!HH',0x1234,1),payload,ck=0x1111))                            #16 bad csum
fr.append((I(8,0,struct.pack('!HH',0x1234,1),payload)[:14+20+10], 14+20+8+len(payload)))  #17 snaplen cut
fr.append(I(8,0,struct.pack('!HH',0x1234,1),b''))                                           #18 no data
fr.append(I(3,13,b'\0\0\0\0',inner_udp[:28]))                                               #19 admin prohibited
fr.append(I(3,3,b'\0\0\0\0',b''))                                                           #20 unreach nothing quoted
fr.append(I(3,3,b'\0\0\0\0',inner_udp[:10]))                                                #21 unreach short quote
fr.append(I(0,0,struct.pack('!HH',0x1234,1),tv+payload,ttl=128))                           #22 reply, no req
pcap('icmp.pcap',fr)
