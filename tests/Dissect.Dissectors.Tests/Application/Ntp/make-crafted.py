#!/usr/bin/env python3
"""Writes ntp-crafted.pcap: hand-built NTP messages (client/server, era 1, NULL timestamps, kiss code, symmetric and
broadcast modes, control and private messages, key id + MAC, a message shorter than its header). Its tshark
reference is refs/ntp-crafted.pcap.tsv (regen-refs.sh)."""
import struct
def pcap(frames, fn):
    with open(fn,'wb') as f:
        f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,1))
        for i,fr in enumerate(frames):
            f.write(struct.pack('<IIII',1700000000+i,0,len(fr),len(fr))); f.write(fr)
def udp(sp,dp,p):
    u=struct.pack('!HHHH',sp,dp,8+len(p),0)+p
    ip=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(u),1,0,64,17,0,bytes([10,0,0,1]),bytes([10,0,0,2]))
    return bytes.fromhex('0200000000020200000000010800')+ip+u
fr=[]
# client v4 with zero timestamps except xmt
fr.append(udp(50000,123,bytes([0x23,0,6,0xec])+bytes(8)+bytes(4)+bytes(24)+struct.pack('!II',0xe8b2c5a1,0x80000000)))
# server v4 stratum 2 refid ip, precision -24
fr.append(udp(123,50000,bytes([0x24,2,6,0xe8])+struct.pack('!II',0x00000a3d,0x000012f0)+bytes([192,168,1,1])+struct.pack('!IIIIIIII',0xe8b2c500,0x12345678,0xe8b2c5a1,0x80000000,0xe8b2c5a1,0x81000000,0xe8b2c5a1,0x82000000)))
# stratum 1 refid GPS, leap 1, v3 server
fr.append(udp(123,50000,bytes([0x5c,1,10,0xec])+bytes(8)+b'GPS\0'+bytes(32)))
# stratum 0 kiss code RATE, mode 4
fr.append(udp(123,50000,bytes([0x24,0,0,0])+bytes(8)+b'RATE'+bytes(32)))
# symmetric active mode 1, broadcast mode 5
fr.append(udp(123,123,bytes([0x21,3,6,0xec])+bytes(8)+bytes([127,127,1,0])+bytes(32)))
fr.append(udp(123,123,bytes([0x25,3,6,0xec])+bytes(8)+bytes([127,127,1,0])+bytes(32)))
# control mode 6: read status request
fr.append(udp(50001,123,bytes([0x16,0x01,0,1, 0,0, 0,0, 0,0, 0,0])))
# private mode 7 request
fr.append(udp(50001,123,bytes([0x17,0x00,0x03,0x2a, 0,0, 0,0])+bytes(40)))
# with key id + MAC (NTPv4 authenticator 20 bytes)
fr.append(udp(50000,123,bytes([0x23,0,6,0xec])+bytes(44)+struct.pack('!I',1)+bytes(range(16))))
# truncated 20 bytes
fr.append(udp(50000,123,bytes([0x23,0,6,0xec])+bytes(16)))
# mode 0 reserved, v4
fr.append(udp(50000,123,bytes([0x20,0,0,0])+bytes(44)))

fr += [udp(50000,123,bytes([0x23,0,6,0xec])+bytes(36)+struct.pack('!II',0x00000001,0x00000001)),
    udp(50000,123,bytes([0x23,0,6,0xec])+bytes(36)+struct.pack('!II',0x7fffffff,0xffffffff)),
    udp(50000,123,bytes([0x23,0,6,0xec])+bytes(36)+struct.pack('!II',0,1)),
    udp(123,123,bytes([0x26,0,0,0])+bytes([0x82,0x01,0,1, 0,0, 0,0, 0,0, 0,4])+b'ab=1'),
    udp(123,123,bytes([0x27,0,0,0])+bytes(44))]
pcap(fr,'ntp-crafted.pcap')
