#!/usr/bin/env python3
# Size of each part of weight files (file version 4, or 3): python3 Benchmarks/weight-breakdown.py MODEL/weights-*.bin
import sys, struct, numpy as np
def al(n): return (n+7)&~7
tot = {}
def v3(b, P, R, E, S):
    o = 64
    cp = np.frombuffer(b, '<i8', P+1, o); o += 16*(P+1)
    o = al(o + 4*P); dirb = o
    o = al(o+4*R); o = al(o+4*S)
    rp = np.frombuffer(b, '<u4', R+1, o)
    parts = {'directory': dirb, 'features': 4*R, 'buckets': 4*S, 'rowptr': 4*(R+1), 'values': 4*E, 'children': 2*E}
    return parts, np.diff(cp), np.diff(rp)
def v4(b, P, R, E, I, D):
    o = 64
    cp = np.frombuffer(b, '<i8', P+1, o); o += 8*(P+1)
    ep = np.frombuffer(b, '<i8', P+1, o); o += 8*(P+1)
    ip = np.frombuffer(b, '<i8', P+1, o); o += 8*(P+1)
    o += 4*P
    shapes = np.frombuffer(b, 'u1', P, o); o = al(o + P); dirb = o
    index = al(o + 4*E)
    bits = max(1, int(D-1).bit_length())
    parts = {'directory': dirb, 'values': 4*E, 'slots': 0, 'lowbits': 0, 'counts': 0, 'children': 0, 'padding': 0}
    counts = []
    wide = [0, 0, 0]
    for k in range(P):
        n, m, f = int(cp[k+1]-cp[k]), int(ep[k+1]-ep[k]), int(shapes[k])
        if n == 0: continue
        sw = 4 if f & 0x20 else 2; lw = 4 if f & 0x80 else 2; ew = 2 if f & 0x40 else 1
        wide[0] += bool(f & 0x20); wide[1] += bool(f & 0x80); wide[2] += bool(f & 0x40)
        B = 1 << (f & 0x1f)
        s = 2*sw*(B+1); parts['slots'] += s; parts['lowbits'] += lw*n; parts['counts'] += ew*n; parts['children'] += ew*m
        parts['padding'] += int(ip[k+1]-ip[k]) - (s + lw*n + ew*n + ew*m)
        c = np.frombuffer(b, '<u2' if ew == 2 else 'u1', n, index + int(ip[k]) + s + lw*n).astype(np.int64) + 1
        counts.append(c)
    epr = np.concatenate(counts) if counts else np.zeros(1, np.int64)
    print(f"   chunks with 32-bit slots {wide[0]}, 32-bit low bits {wide[1]}, 16-bit children {wide[2]}")
    return parts, np.diff(cp), epr
for path in sys.argv[1:]:
    b = open(path,'rb').read()
    ver, lvl = struct.unpack_from('<II', b, 8)
    D, P, R, E, S = struct.unpack_from('<5q', b, 16)
    print(f"{path}: v{ver} level {lvl} D={D} parents={P} rows={R} entries={E} size={len(b)/1e6:.2f}MB")
    parts, nrows, epr = v3(b, P, R, E, S) if ver == 3 else v4(b, P, R, E, S, D)
    print("   " + ", ".join(f"{k} {v/1e6:.2f}MB" for k,v in parts.items()))
    print(f"   entries/row {E/max(R,1):.2f}; rows/chunk median {np.median(nrows):.0f} max {nrows.max()}")
    print(f"   rows with n entries: " + ", ".join(f"{n}:{int((epr==n).sum())}" for n in range(1,6)) + f", >5: {int((epr>5).sum())}, max {epr.max()}")
    for k,v in parts.items(): tot[k] = tot.get(k,0)+v
print("total", ", ".join(f"{k} {v/1e6:.2f}MB" for k,v in tot.items()), f"sum {sum(tot.values())/1e6:.2f}MB")
