import sys, subprocess, struct, tempfile, os
f, n = sys.argv[1], sys.argv[2]
tmp = tempfile.mktemp(suffix='.pcap')
subprocess.run(['editcap','-F','pcap','-r',f,tmp,n],check=True,capture_output=True)
d=open(tmp,'rb').read(); os.unlink(tmp)
magic=d[:4]
e='<' if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
lt=struct.unpack(e+'I',d[20:24])[0]
caplen,orig=struct.unpack(e+'II',d[24+8:24+16])
pkt=d[40:40+caplen]
print(f"// {os.path.basename(f)} frame {n}: linktype {lt}, caplen {caplen}, len {orig}")
h=pkt.hex()
for i in range(0,len(h),96): print('"'+h[i:i+96]+'" +')
