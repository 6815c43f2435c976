#!/usr/bin/env python3
# gen2.py FILE PREFIXES FRAMES(comma) [tshark opts] -> C# object[] rows: frame, hex, info, "k=v\n..."
import sys, subprocess, json, os
f, prefixes, frames = sys.argv[1], sys.argv[2].split(','), sys.argv[3].split(',')
extra = sys.argv[4:]
EXCL = ('tcp.analysis','tcp.completeness','tcp.time_','udp.time_','icmp.resp','icmpv6.resp','icmp.no_resp','icmpv6.no_resp','tcp.connection.fin_','tcp.segment','tcp.reassembled','tcp.pdu','tcp.flags.ace','icmp.ext')
def run(args): return subprocess.run(['tshark','-r',f]+extra+args, capture_output=True, text=True).stdout
def esc(v): return v.replace('\\','\\\\').replace('"','\\"')
for n in frames:
    js = json.loads(run(['-T','json','-Y','frame.number==%s'%n]))
    keys=[]
    def walk(o):
        if isinstance(o, dict):
            for k,v in o.items():
                if any(k.startswith(p+'.') for p in prefixes) and not k.endswith('_tree') and k not in keys and not k.startswith(EXCL):
                    keys.append(k)
                walk(v)
        elif isinstance(o, list):
            for v in o: walk(v)
    walk(js[0]['_source']['layers'])
    args=['-T','fields','-Y','frame.number==%s'%n]
    for k in keys: args += ['-e',k]
    args += ['-e','_ws.col.Info']
    vals = run(args).rstrip('\n').split('\t')
    hx = subprocess.run(['python3',os.path.join(os.path.dirname(os.path.abspath(__file__)),'frame.py'),f,n],capture_output=True,text=True).stdout.splitlines()
    hexs=''.join(l.strip().strip('+').strip().strip('"') for l in hx[1:])
    pairs='|'.join('%s=%s'%(k,v) for k,v in zip(keys,vals))
    orig = hx[0].split('len ')[-1]
    print('        new object[] { %s, "%s",\n            "%s",\n            "%s", %s },' % (n, hexs, esc(vals[-1]), esc(pairs), orig))
