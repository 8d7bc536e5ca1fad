#!/usr/bin/env python3
# Size of each array of weight files of file version 3: python3 Benchmarks/weight-breakdown.py MODEL/weights-*.bin
import sys, struct, numpy as np
def al(n): return (n+7)&~7
tot = {}
for path in sys.argv[1:]:
    b = open(path,'rb').read()
    ver, lvl = struct.unpack_from('<II', b, 8)
    D, P, R, E, S = struct.unpack_from('<5q', b, 16)
    o = 64
    cp = np.frombuffer(b, '<i8', P+1, o); o += 8*(P+1)
    bp = np.frombuffer(b, '<i8', P+1, o); o += 8*(P+1)
    o = al(o + 4*P); dirb = o
    rf = np.frombuffer(b, '<i4', R, o); o = al(o+4*R)
    bs = o; o = al(o+4*S)
    rp = np.frombuffer(b, '<u4', R+1, o); o = al(o+4*(R+1))
    ev = o; o = al(o+4*E)
    ec = np.frombuffer(b, '<u2', E, o)
    parts = {'directory': dirb, 'features': 4*R, 'buckets': 4*S, 'rowptr': 4*(R+1), 'values': 4*E, 'children': 2*E}
    nrows = np.diff(cp)
    # children per parent: max child index+1 approx
    maxc = []
    for k in range(P):
        a,z = rp[cp[k]], rp[cp[k+1]]
        maxc.append(int(ec[a:z].max())+1 if z>a else 0)
    maxc = np.array(maxc)
    print(f"{path}: v{ver} level {lvl} D={D} parents={P} rows={R} entries={E} slots={S} size={len(b)/1e6:.2f}MB")
    print("   " + ", ".join(f"{k} {v/1e6:.2f}MB" for k,v in parts.items()))
    print(f"   entries/row {E/max(R,1):.2f}; rows/chunk median {np.median(nrows):.0f} max {nrows.max()}; max child idx+1: max {maxc.max()} ; chunks with >256 children {int((maxc>256).sum())}")
    epr = np.diff(rp)
    print(f"   rows with n entries: " + ", ".join(f"{n}:{int((epr==n).sum())}" for n in range(1,6)) + f", >5: {int((epr>5).sum())}, max {epr.max()}")
    for k,v in parts.items(): tot[k] = tot.get(k,0)+v
print("total", ", ".join(f"{k} {v/1e6:.2f}MB" for k,v in tot.items()), f"sum {sum(tot.values())/1e6:.2f}MB")
