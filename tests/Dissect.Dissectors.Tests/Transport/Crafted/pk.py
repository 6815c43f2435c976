import struct, subprocess, sys, json
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b))
    while s>>16: s=(s&0xffff)+(s>>16)
    return (~s)&0xffff
def ip4(src,dst): return bytes(map(int,src.split('.'))), bytes(map(int,dst.split('.')))
def ipv4(payload, proto, src='10.0.0.1', dst='10.0.0.2', ttl=64, total=None, ident=1, flags=0x4000, ihl=5, opts=b''):
    s,d=ip4(src,dst)
    tl = total if total is not None else 20+len(opts)+len(payload)
    h=struct.pack('!BBHHHBBH4s4s',0x40|ihl,0,tl,ident,flags,ttl,proto,0,s,d)+opts
    h=h[:10]+struct.pack('!H',csum(h))+h[12:]
    return h+payload
def ipv6(payload, nh, src='fe80::1', dst='fe80::2', hlim=64, plen=None):
    import ipaddress
    s=ipaddress.IPv6Address(src).packed; d=ipaddress.IPv6Address(dst).packed
    pl = plen if plen is not None else len(payload)
    return struct.pack('!IHBB',0x60000000,pl,nh,hlim)+s+d+payload
def eth(payload, et=0x0800, src=b'\x02\0\0\0\0\x01', dst=b'\x02\0\0\0\0\x02'):
    return dst+src+struct.pack('!H',et)+payload
def pseudo4(src,dst,proto,ln):
    s,d=ip4(src,dst); return s+d+struct.pack('!BBH',0,proto,ln)
def pseudo6(src,dst,nh,ln):
    import ipaddress
    return ipaddress.IPv6Address(src).packed+ipaddress.IPv6Address(dst).packed+struct.pack('!IxxxB',ln,nh)
def udp(sp,dp,data,length=None,ck=None,src='10.0.0.1',dst='10.0.0.2',v6=False):
    ln=length if length is not None else 8+len(data)
    h=struct.pack('!HHHH',sp,dp,ln,0)
    if ck is None:
        ph = pseudo6(src,dst,17,8+len(data)) if v6 else pseudo4(src,dst,17,8+len(data))
        ck=csum(ph+h+data) or 0xffff
    return struct.pack('!HHHH',sp,dp,ln,ck)+data
def tcp(sp,dp,seq,ack,flags,win,opts=b'',data=b'',doff=None,urg=0,src='10.0.0.1',dst='10.0.0.2',ck=None,v6=False):
    d = doff if doff is not None else (20+len(opts))//4
    h=struct.pack('!HHIIHHHH',sp,dp,seq,ack,(d<<12)|flags,win,0,urg)+opts
    if ck is None:
        ph = pseudo6(src,dst,6,len(h)+len(data)) if v6 else pseudo4(src,dst,6,len(h)+len(data))
        ck=csum(ph+h+data)
    return h[:16]+struct.pack('!H',ck)+h[18:]+data
def icmp(t,c,rest,data=b'',ck=None):
    h=struct.pack('!BBH',t,c,0)+rest+data
    if ck is None: ck=csum(h)
    return h[:2]+struct.pack('!H',ck)+h[4:]
def icmp6(t,c,body,src='fe80::1',dst='fe80::2',ck=None):
    h=struct.pack('!BBH',t,c,0)+body
    if ck is None: ck=csum(pseudo6(src,dst,58,len(h))+h)
    return h[:2]+struct.pack('!H',ck)+h[4:]
def pcap(path, frames, linktype=1):
    with open(path,'wb') as f:
        f.write(struct.pack('<IHHiIII',0xa1b2c3d4,2,4,0,0,65535,linktype))
        for i,fr in enumerate(frames):
            if isinstance(fr,tuple): data,orig=fr
            else: data,orig=fr,len(fr)
            f.write(struct.pack('<IIII',1600000000+i,0,len(data),orig)); f.write(data)
