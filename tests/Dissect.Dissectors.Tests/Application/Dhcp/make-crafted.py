#!/usr/bin/env python3
"""Writes dhcp-crafted.pcap: hand-built DHCP/BOOTP frames exercising option shapes the captures do not have
(pads between options, overload, client-id kinds, FQDN both encodings, no cookie, unknown types, a length
running past the datagram). Its tshark reference is dhcp-crafted.pcap.tsv (see DhcpDifferentialTests)."""
import struct

def pcap(frames, fn):
    with open(fn, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack('<IIII', 1700000000 + i, 0, len(fr), len(fr)))
            f.write(fr)

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return (~s) & 0xffff

def udp(sp, dp, payload, src=(0, 0, 0, 0), dst=(255, 255, 255, 255)):
    u = struct.pack('!HHHH', sp, dp, 8 + len(payload), 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(u), 1, 0, 64, 17, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    return bytes.fromhex('ffffffffffff' + '020000000001' + '0800') + ip + u

def bootp(op, opts, cookie=True, htype=1, hlen=6, chaddr=bytes.fromhex('020000000001'), sname=b'', file=b'',
          xid=0x1234abcd, flags=0x8000, secs=3, ciaddr=(0,0,0,0), yiaddr=(0,0,0,0)):
    b = struct.pack('!BBBBIHH4s4s4s4s', op, htype, hlen, 0, xid, secs, flags, bytes(ciaddr), bytes(yiaddr),
                    bytes([10, 0, 0, 1]), bytes(4))
    b += chaddr.ljust(16, b'\0') + sname.ljust(64, b'\0') + file.ljust(128, b'\0')
    if cookie: b += bytes([99, 130, 83, 99])
    return b + opts

def opt(code, data): return bytes([code, len(data)]) + data

frames = []
# 1 Discover: pads between options, client id (Ethernet), PRL, max size, vendor class, host name with a NUL,
#   FQDN in ASCII, end, trailing padding
frames.append(udp(68, 67, bootp(1,
    opt(53, b'\x01') + b'\0\0' + opt(61, b'\x01\x02\x00\x00\x00\x00\x01') + opt(55, bytes([1, 3, 6, 15, 28, 51, 58, 59, 119, 121, 252])) +
    opt(57, struct.pack('!H', 1500)) + opt(60, b'udhcp 1.35.0') + opt(12, b'box\0') +
    opt(81, b'\x01\x00\x00' + b'box.example') + b'\xff' + bytes(7))))
# 2 Offer: the usual server answer
frames.append(udp(67, 68, bootp(2,
    opt(53, b'\x02') + opt(54, bytes([10, 0, 0, 1])) + opt(51, struct.pack('!I', 3600)) + opt(58, struct.pack('!I', 1800)) +
    opt(59, struct.pack('!I', 3150)) + opt(1, bytes([255, 255, 255, 0])) + opt(28, bytes([10, 0, 0, 255])) +
    opt(3, bytes([10, 0, 0, 1])) + opt(6, bytes([10, 0, 0, 1, 10, 0, 0, 2])) + opt(15, b'example.test') +
    opt(2, struct.pack('!i', -3600)) + opt(19, b'\x00') + opt(46, b'\x08') + opt(26, struct.pack('!H', 1400)) +
    opt(33, bytes([10, 1, 0, 0, 10, 0, 0, 1])) + opt(56, b'hello') + b'\xff',
    yiaddr=(10, 0, 0, 50)), src=(10, 0, 0, 1), dst=(10, 0, 0, 50)))
# 3 Request with client id type 255 (IAID + DUID) and an FQDN in wire encoding
frames.append(udp(68, 67, bootp(1,
    opt(53, b'\x03') + opt(61, b'\xff\x00\x00\x00\x01\x00\x01\x00\x01\x02\x03\x04\x05\x06\x07') + opt(50, bytes([10, 0, 0, 50])) +
    opt(81, b'\x05\x00\x00\x03box\x07example\x00') + b'\xff')))
# 4 BOOTP request without the magic cookie (vendor area)
frames.append(udp(68, 67, bootp(1, bytes(64), cookie=False, flags=0)))
# 5 BOOTP reply with cookie but no message type, sname and file set
frames.append(udp(67, 68, bootp(2, opt(1, bytes([255, 255, 0, 0])) + b'\xff', sname=b'tftp-host', file=b'pxelinux.0',
                                flags=0), src=(10, 0, 0, 1)))
# 6 Overload (3): options in file and sname
frames.append(udp(67, 68, bootp(2, opt(53, b'\x05') + opt(52, b'\x03') + b'\xff',
    file=opt(51, struct.pack('!I', 600)) + b'\xff', sname=opt(54, bytes([10, 0, 0, 1])) + b'\xff'), src=(10, 0, 0, 1)))
# 7 Unknown message type, client id type 0 (text), non-Ethernet hardware (hlen 8)
frames.append(udp(68, 67, bootp(1, opt(53, b'\x63') + opt(61, b'\x00client-7') + b'\xff', htype=6, hlen=8,
                                chaddr=bytes(range(1, 9)))))
# 8 Option length running past the end of the datagram
frames.append(udp(68, 67, bootp(1, opt(53, b'\x08') + bytes([12, 40]) + b'short')))
# 9 Release with a trailing option but no End
frames.append(udp(68, 67, bootp(1, opt(53, b'\x07') + opt(54, bytes([10, 0, 0, 1])), ciaddr=(10, 0, 0, 50))))
pcap(frames, 'dhcp-crafted.pcap')
