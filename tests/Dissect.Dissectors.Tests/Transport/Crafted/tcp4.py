from pk import *
import struct
fr=[]
S,A,F,R,P,U=2,16,1,4,8,32
sack=lambda *bl: bytes([5,2+8*len(bl)])+b''.join(struct.pack('!II',a,b) for a,b in bl)
i=[0]
def T(seq,ack,fl,win,**k):
    i[0]+=1
    return eth(ipv4(tcp(4000+i[0],80,seq,ack,fl,win,**k),6))
fr.append(T(100,5000,A,100,doff=4))                                            #1 bogus doff 16
fr.append(T(100,5000,A,100,doff=15))                                           #2 short segment (hdr 60 > 20)
fr.append(T(100,5000,A,100,opts=b'\x02\x00\x00\x00'))                          #3 opt len 0
fr.append(T(100,5000,A,100,opts=b'\x08\x0c\x00\x00'))                          #4 opt past end
fr.append(T(100,5000,A,100,opts=b'\x01'*8))                                    #5 8 NOPs
fr.append(T(100,5000,A,100,opts=b'\x00\x01\x00\x00'))                          #6 EOL then non-zero
fr.append(T(100,5000,A|0xe00|0x100|0x80|0x40,100))                             #7 odd flags
fr.append(T(100,0,0,100))                                                      #8 no flags
fr.append(T(100,5000,A|U|P,100,urg=3,data=b'abcdef'))                          #9 URG
fr.append(T(100,0,S,100,opts=b'\x01\x01\x04\x02'))                             #10 SYN no MSS
fr.append(T(100,5000,A,100,opts=b'\x02\x04\x05\xb4'))                          #11 MSS non-SYN
fr.append(T(100,0,S,100,opts=b'\x03\x03\x0f\x00'))                             #12 WS 15 + EOL
fr.append(T(100,5000,A,100,opts=b'\x01\x01'+sack((4000,4500),(3000,6000))))    #13 dsack
fr.append(T(100,5000,A,100,opts=b'\x08\x08\x00\x00\x00\x01\x00\x00'))          #14 TS len 8
fr.append(T(100,5000,A,100,opts=b'\x04\x03\x00\x00'))                          #15 SACK_PERM len 3
fr.append(T(100,0,S,100,opts=b'\x22\x02\x01\x01'))                             #16 TFO request kind 34
fr.append(T(100,5000,A,100,opts=b'\x22\x0a'+b'\x09'*8+b'\0\0'))                #17 TFO cookie kind 34
fr.append(T(100,0,S,100,opts=b'\xfe\x04\xf9\x89'))                             #18 exp TFO request
fr.append(T(100,5000,A,100,opts=b'\xfe\x06\x12\x34\xaa\xbb\0\0'))              #19 exp other
fr.append(T(100,5000,A,100,opts=b'\xac\x0b\x00\x00\x01\x00\x00\x02\x00\x00\x03\x00'))  #20 AccECN0
fr.append(T(100,5000,A,100,opts=b'\x1c\x04\x80\x10'))                          #21 user timeout
fr.append(T(100,5000,A,100,opts=b'\x13\x12'+b'\x11'*16+b'\0\0'))               #22 MD5
fr.append(T(100,5000,A,100,opts=b'\x63\x04\xaa\xbb'))                          #23 unknown 99
fr.append(T(100,5000,R,100))                                                   #24 RST w/ ack nonzero
fr.append(T(100,5000,A,100,urg=7))                                             #25 urg ptr w/o URG
fr.append(T(100,5000,A,100,opts=b'\x05\x0b'+struct.pack('!II',1,2)+b'\x07'+b'\0'))  #26 sack len 11
fr.append(T(100,5000,A|F,100))                                                 #27 FIN ACK
fr.append(T(100,5000,A,100,opts=b'\xfd\x03\x12\x00'))                          #28 exp len 3
fr.append(T(100,5000,A,100,opts=b'\xae\x08\x00\x00\x01\x00\x00\x02'))          #29 AccECN1 2 counters
fr.append(T(100,5000,A,100,opts=b'\x01\x01\x01\x01\x02'))                      #30 4 nops + kind w/o length (in 8 bytes? no: pad)
pcap('tcp4.pcap',fr)
