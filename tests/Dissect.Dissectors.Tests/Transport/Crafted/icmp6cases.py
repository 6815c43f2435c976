from pk import *
import struct, ipaddress
A=lambda s: ipaddress.IPv6Address(s).packed
fr=[]
def I6(t,c,body,src='fe80::1',dst='fe80::2',ck=None,hlim=255):
    return eth(ipv6(icmp6(t,c,body,src,dst,ck),58,src=src,dst=dst,hlim=hlim),et=0x86dd)
mac1=bytes.fromhex('020000000001'); mac2=bytes.fromhex('020000000002')
sll=b'\x01\x01'+mac1; tll=b'\x02\x01'+mac2
inner=ipv6(udp(5000,6000,b'hello',src='2001:db8::1',dst='2001:db8::2',v6=True),17,src='2001:db8::1',dst='2001:db8::2')
fr.append(I6(128,0,struct.pack('!HH',0x1234,7)+b'abcdefgh',hlim=64))                      #1 echo req
fr.append(I6(129,0,struct.pack('!HH',0x1234,7)+b'abcdefgh',src='fe80::2',dst='fe80::1',hlim=63))  #2 echo reply
fr.append(I6(1,4,b'\0\0\0\0'+inner,src='2001:db8::2',dst='2001:db8::1'))                  #3 port unreach
fr.append(I6(2,0,struct.pack('!I',1280)+inner,src='2001:db8::99',dst='2001:db8::1'))     #4 too big
fr.append(I6(3,0,b'\0\0\0\0'+inner,src='2001:db8::99',dst='2001:db8::1'))                 #5 time exceeded
fr.append(I6(4,1,struct.pack('!I',40)+inner,src='2001:db8::99',dst='2001:db8::1'))       #6 param problem
fr.append(I6(133,0,b'\0\0\0\0'+sll,dst='ff02::2'))                                          #7 RS w/ sll
pfx=struct.pack('!BBBBIII',3,4,64,0xc0,2592000,604800,0)+A('2001:db8:1::')
mtu=struct.pack('!BBHI',5,1,0,1500)
rdnss=struct.pack('!BBHI',25,3,0,600)+A('2001:db8::53')
fr.append(I6(134,0,struct.pack('!BBHII',64,0x80|0x40|0x08,1800,30000,1000)+sll+mtu+pfx+rdnss,dst='ff02::1'))  #8 RA
fr.append(I6(135,0,b'\0\0\0\0'+A('fe80::2')+sll,dst='ff02::1:ff00:2'))                     #9 NS
fr.append(I6(135,0,b'\0\0\0\0'+A('fe80::2'),src='::',dst='ff02::1:ff00:2'))                #10 NS DAD
fr.append(I6(136,0,struct.pack('!I',0xe0000000)+A('fe80::2')+tll,src='fe80::2',dst='fe80::1'))  #11 NA r,s,o
fr.append(I6(136,0,struct.pack('!I',0)+A('fe80::2'),src='fe80::2',dst='ff02::1'))          #12 NA no flags
rh=struct.pack('!BBHI',4,7,0,0)+inner[:48]
fr.append(I6(137,0,b'\0\0\0\0'+A('2001:db8::1')+A('2001:db8::5')+tll+rh))                   #13 redirect
fr.append(I6(130,0,struct.pack('!HH',1000,0)+A('::'),dst='ff02::1'))                       #14 MLD query
fr.append(I6(131,0,struct.pack('!HH',0,0)+A('ff02::fb'),dst='ff02::fb'))                   #15 MLD report
fr.append(I6(132,0,struct.pack('!HH',0,0)+A('ff02::fb'),dst='ff02::2'))                    #16 MLD done
fr.append(I6(130,0,struct.pack('!HH',1000,0)+A('ff02::fb')+struct.pack('!BBH',2,125,1)+A('2001:db8::7'),dst='ff02::1'))  #17 MLDv2 query
rec=struct.pack('!BBH',4,0,1)+A('ff02::fb')+A('2001:db8::9')
fr.append(I6(143,0,struct.pack('!HH',0,2)+rec+struct.pack('!BBH',3,0,0)+A('ff02::1:3'),dst='ff02::16'))  #18 MLDv2 report
fr.append(I6(200,0,b'\1\2\3\4'))                                                             #19 unknown
fr.append(I6(128,0,struct.pack('!HH',0x1234,7),ck=0x1111))                                  #20 bad csum
fr.append(I6(135,0,b'\0\0\0\0'+A('fe80::2')+b'\x01\x00'+mac1))                             #21 opt len 0
fr.append(I6(135,0,b'\0\0\0\0'+A('fe80::2')+b'\x01\x02'+mac1))                             #22 opt len too long
fr.append(I6(1,0,b'\0\0\0\0'+inner[:48],src='2001:db8::2',dst='2001:db8::1'))             #23 no route, 8 bytes udp
fr.append(I6(136,0,struct.pack('!I',0x40000000)+A('fe80::2')+tll,src='fe80::2',dst='fe80::1'))  #24 NA sol only
fr.append(I6(135,0,b'\0\0\0\0'+A('fe80::2')+struct.pack('!BB',14,1)+b'\1\2\3\4\5\6'))    #25 NS nonce option
pcap('icmp6.pcap',fr)
