#!/usr/bin/env python3
"""Dense features on a text dataset: P@1/3/5 of xmr with --features tfidf, dense and tfidf+dense
(raw texts, a text encoder such as all-MiniLM-L6-v2), and xmr against libpecos trained on the
same concatenated features, training rounds interleaved in one run.

usage: Benchmarks/dense_features.py --encoder MODEL_DIR [--dataset /work/shared/data/debtags]
          [--xmr .build/release/xmr] [--threads 2] [--max-length 128] [--rounds 3] [--work DIR]
          [--skip-pipeline]

Run it with a Python that has libpecos, numpy and scipy (see /work/shared/tools/peers.py).

1. xmr's own pipeline on the raw texts: `xmr train --encoder MODEL_DIR --features F` and
   `xmr eval`, for F = tfidf, dense, tfidf+dense. Embeddings go to the cache WORK/cache, so the
   training and test texts are encoded once (the first `dense` run) and read back afterwards.
2. The same concatenated features for both systems: the dataset's own TF-IDF vectors (train.txt,
   test.txt) ⊕ xmr's cached embeddings, each part l2-normalized and the row renormalized, written
   as a dataset folder (float32 values printed exactly). Then, for each round: libpecos XR-Linear
   (PIFA, B 16, leaf 100, tfn, L2-SVM, as peers.py) and `xmr train --features vectors` on that
   folder, and both on the TF-IDF vectors alone; each timed on its training only; P@k on test.
"""
import argparse, glob, json, os, statistics, subprocess, sys, time
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ann import read_xmc  # noqa: E402  (the one XC text reader of the benchmarks)

p = argparse.ArgumentParser()
p.add_argument("--encoder", required=True)
p.add_argument("--dataset", default="/work/shared/data/debtags")
p.add_argument("--xmr", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "xmr"))
p.add_argument("--threads", type=int, default=2)
p.add_argument("--max-length", type=int, default=128, help="tokens per text given to the encoder")
p.add_argument("--rounds", type=int, default=3)
p.add_argument("--work", default="/tmp/xmr-dense-features")
p.add_argument("--skip-pipeline", action="store_true", help="only the same-features comparison")
a = p.parse_args()
os.makedirs(a.work, exist_ok=True)
cache = os.path.join(a.work, "cache")
env = dict(os.environ, XMR_EMBEDDING_CACHE=cache)


def xmr(*args):
    r = subprocess.run([a.xmr, *args, "--json"], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f"xmr {' '.join(args)} failed: {r.stderr.strip()}")
    return json.loads(r.stdout)


def xmr_train_eval(dataset, model, *options):
    t = xmr("train", dataset, "--model", model, "--threads", str(a.threads), "--force", *options)
    e = xmr("eval", dataset, "--model", model, "--threads", str(a.threads), "--latency-sample", "10")
    return t, {k: round(e[f"p_at_{k}"], 4) for k in (1, 3, 5)}


# 1. xmr's pipeline on the raw texts.
if not a.skip_pipeline:
    for features in ["dense", "tfidf", "tfidf+dense"]:
        t, prec = xmr_train_eval(a.dataset, os.path.join(a.work, f"model-{features}"),
                                 "--encoder", a.encoder, "--features", features, "--max-length", str(a.max_length))
        print(json.dumps({"run": "xmr pipeline (raw texts)", "features": features, "train_s": round(t["train_seconds"], 2),
                          "encode_s": round(t.get("encode_seconds") or 0, 2), "features_count": t["features"],
                          **{f"P@{k}": v for k, v in prec.items()}}), flush=True)


# 2. The same concatenated features for libpecos and xmr.
def l2rows(X):
    X = sp.csr_matrix(X, dtype=np.float32)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel()).astype(np.float32)
    norms[norms == 0] = 1
    Z = sp.csr_matrix(sp.diags(1 / norms) @ X, dtype=np.float32)
    Z.sort_indices()
    return Z


def cached_embeddings(count):
    files = [f for f in glob.glob(os.path.join(cache, "*.npy")) if os.path.basename(f).endswith(f"-{count}-{a.max_length}.npy")]
    if len(files) != 1:
        sys.exit(f"expected one cached embedding file for {count} texts in {cache}, found {files}; run without --skip-pipeline first")
    return np.load(files[0]).astype(np.float32)


def concatenate(X, E):
    """[l2(X) ⊕ l2(E)] / √2 per row, as xmr's FeatureConcatenation (rows are unit already in E)."""
    X = l2rows(X)
    E = E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-30)
    Z = sp.hstack([X, sp.csr_matrix(E)], format="csr", dtype=np.float32) * np.float32(1 / np.sqrt(2))
    Z = sp.csr_matrix(Z, dtype=np.float32)
    Z.eliminate_zeros()
    Z.sort_indices()
    return Z


def write_xmc(path, X, Y):
    """XC text with float32 values printed so they read back exactly."""
    with open(path, "w") as f:
        f.write(f"{X.shape[0]} {X.shape[1]} {Y.shape[1]}\n")
        for i in range(X.shape[0]):
            labels = ",".join(map(str, Y.indices[Y.indptr[i]:Y.indptr[i + 1]]))
            s, e = X.indptr[i], X.indptr[i + 1]
            feats = " ".join(f"{c}:{v!r}" for c, v in zip(X.indices[s:e].tolist(), X.data[s:e].astype(np.float32).tolist()))
            f.write(f"{labels} {feats}\n")


def precision(Y, P, ks=(1, 3, 5)):
    P = P.tocsr()
    out = {}
    for k in ks:
        hits = 0
        for i in range(Y.shape[0]):
            truth = set(Y.indices[Y.indptr[i]:Y.indptr[i + 1]].tolist())
            s, e = P.indptr[i], P.indptr[i + 1]
            top = P.indices[s:e][np.argsort(-P.data[s:e], kind="stable")][:k]
            hits += sum(1 for l in top.tolist() if l in truth)
        out[k] = round(hits / (k * Y.shape[0]), 4)
    return out


def run_pecos(Xtr, Ytr, Xte, Yte):
    from pecos.xmc.xlinear.model import XLinearModel
    from pecos.xmc import Indexer, LabelEmbeddingFactory
    t0 = time.time()
    feat = LabelEmbeddingFactory.create(Ytr, Xtr, method="pifa")
    cc = Indexer.gen(feat, indexer_type="hierarchicalkmeans", nr_splits=16, max_leaf_size=100, threads=a.threads, seed=0)
    m = XLinearModel.train(Xtr, Ytr, C=cc, threads=a.threads, negative_sampling_scheme="tfn")
    seconds = time.time() - t0
    return seconds, precision(Yte, m.predict(Xte, beam_size=10, only_topk=5, threads=a.threads))


Xtr, Ytr = read_xmc(os.path.join(a.dataset, "train.txt"))
Xte, Yte = read_xmc(os.path.join(a.dataset, "test.txt"))
Xte.resize(Xte.shape[0], Xtr.shape[1])
concat = os.path.join(a.work, f"concatenated-{a.max_length}")
if not os.path.exists(os.path.join(concat, "test.txt")):
    os.makedirs(concat, exist_ok=True)
    Etr, Ete = cached_embeddings(Xtr.shape[0]), cached_embeddings(Xte.shape[0])
    write_xmc(os.path.join(concat, "train.txt"), concatenate(Xtr, Etr), Ytr)
    write_xmc(os.path.join(concat, "test.txt"), concatenate(Xte, Ete), Yte)
inputs = {"tfidf": (a.dataset, l2rows(Xtr), l2rows(Xte))}
Ctr, _ = read_xmc(os.path.join(concat, "train.txt"))
Cte, _ = read_xmc(os.path.join(concat, "test.txt"))
inputs["tfidf+dense"] = (concat, l2rows(Ctr), l2rows(Cte))

times = {}
for r in range(1, a.rounds + 1):
    for name, (folder, Tr, Te) in inputs.items():
        ps, pp = run_pecos(Tr, Ytr, Te, Yte)
        t, xp = xmr_train_eval(folder, os.path.join(a.work, f"model-same-{name}"), "--features", "vectors")
        xs = t["train_seconds"]
        times.setdefault(name, []).append((ps, xs))
        print(json.dumps({"run": "same features", "round": r, "features": name, "nonzeros_per_row": round(Tr.nnz / Tr.shape[0], 1),
                          "pecos_train_s": round(ps, 2), "xmr_train_s": round(xs, 2), "ratio_xmr_pecos": round(xs / ps, 3),
                          **{f"pecos_P@{k}": v for k, v in pp.items()}, **{f"xmr_P@{k}": v for k, v in xp.items()}}), flush=True)
for name, pairs in times.items():
    mp, mx = statistics.median(p for p, _ in pairs), statistics.median(x for _, x in pairs)
    print(json.dumps({"summary": name, "pecos_median_s": round(mp, 2), "xmr_median_s": round(mx, 2),
                      "ratio_xmr_pecos": round(mx / mp, 3)}), flush=True)
if "tfidf" in times:
    base = statistics.median(x for _, x in times["tfidf"])
    both = statistics.median(x for _, x in times["tfidf+dense"])
    print(json.dumps({"summary": "xmr tfidf+dense / tfidf training time", "ratio": round(both / base, 2)}), flush=True)
