#!/usr/bin/env python3
"""HNSW against its anchors in one run: xmr, hnswlib and pecos.ann.hnsw on the same vectors.

usage: ann.py [--sets dense,pifa,debtags,minilm] [--minilm E.npy] [--dense-count 100000] [--m 16] [--ef-construction 200] [--threads 2]
              [--efs 10,50,100,300] [--queries 1000] [--repeat 3] [--venv .build/bench-venv]
              [--xmr PATH | --no-build] [--work DIR] [--results Benchmarks/RESULTS.md | --no-results]

Every system builds an index over the same vectors with the same M and efConstruction and the
inner product as similarity, on --threads threads; then each searches the same queries for the
10 nearest on one thread, for every efSearch in --efs. Recall@10 is against exact search (numpy /
scipy products); queries per second are the searches' own time, without loading or parsing (xmr
reports its search time in `xmr ann search --json`; the Python peers are timed around the one
call into their C++). The searches of the three systems are interleaved per efSearch, each
repeated --repeat times (the median is reported), because the machine is shared and noisy.

Sets:
* dense: 100,000 (--dense-count) random unit vectors of dimension 384 (numpy, seed 0), 1,000
  random unit queries.
* minilm: the first --dense-count rows of --minilm (a float32 .npy, for example `xmr embed` of
  distinct sentences: see sentences.py for how the README's were made) as the index and the next
  --queries rows as queries, l2-normalized:
  real embeddings, which have the low intrinsic dimension that graph search relies on (random
  unit vectors in 384 dimensions have none, so every system's recall stays low on them).
* pifa: the PIFA label vectors of the 100k-label synthetic set (Benchmarks/synthetic.py
  --labels 100000, made in the work folder when missing; labels x 1M features, rows unit norm),
  queried with its first test points' features: the HNSW matcher's use.
* debtags: the debtags training feature rows (/work/shared/data/debtags or --debtags), queried
  with its first test rows.
hnswlib takes dense vectors only, so it runs on the dense set alone.

The script needs numpy, scipy, hnswlib and libpecos. When they do not import it creates (or
reuses) the virtual environment --venv, installs them there and runs itself again inside it.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))


def ensure_environment(venv: Path) -> None:
    """Re-runs this script inside `venv` (made and filled when needed) unless the imports work."""
    try:
        import numpy, scipy, hnswlib  # noqa: F401
        from pecos.ann.hnsw import HNSW  # noqa: F401
        return
    except ImportError:
        pass
    if Path(sys.prefix).resolve() == venv.resolve():
        sys.exit(f"ann.py: the packages do not import inside {venv}; see the messages above")
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "libpecos"], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "numpy<2", "scipy<1.14", "scikit-learn", "hnswlib"],
                   check=True)
    os.execv(str(python), [str(python), __file__] + sys.argv[1:])


# ----------------------------------------------------------------------------------------------
# Data


def read_xmc(path: Path):
    """Features and labels of an XMC text file as scipy CSR matrices (float32)."""
    import numpy as np
    import scipy.sparse as sp
    with open(path) as f:
        n, d, L = map(int, f.readline().split())
        indptr, cols, vals, ylab, yptr = [0], [], [], [], [0]
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() and len(indptr) > n:
                continue
            if line.startswith(" ") or ":" in line.split(" ", 1)[0]:
                lab, feats = "", line.strip()
            else:
                lab, _, feats = line.partition(" ")
            ylab.extend(int(x) for x in lab.split(",") if x)
            yptr.append(len(ylab))
            for tok in feats.split():
                k, v = tok.split(":")
                cols.append(int(k))
                vals.append(float(v))
            indptr.append(len(cols))
    X = sp.csr_matrix((np.array(vals, np.float32), np.array(cols, np.int32), np.array(indptr, np.int64)), shape=(n, d))
    Y = sp.csr_matrix((np.ones(len(ylab), np.float32), np.array(ylab, np.int32), np.array(yptr, np.int64)), shape=(n, L))
    X.sort_indices()
    return X, Y


def write_xmc_features(path: Path, X) -> None:
    """Writes the rows of CSR `X` as an XMC text file without labels."""
    X = X.tocsr()
    X.sort_indices()
    with open(path, "w") as f:
        f.write(f"{X.shape[0]} {X.shape[1]} 0\n")
        for i in range(X.shape[0]):
            s, e = X.indptr[i], X.indptr[i + 1]
            f.write(" " + " ".join(f"{c}:{v:.7g}" for c, v in zip(X.indices[s:e], X.data[s:e])) + "\n")


def l2_rows(X):
    import numpy as np
    import scipy.sparse as sp
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.diags(1 / norms).dot(X).tocsr().astype(np.float32)


def prepare_dense(work: Path, queries: int, count: int = 100_000) -> dict:
    import numpy as np
    folder = work / "dense"
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((count, 384)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    Q = rng.standard_normal((queries, 384)).astype(np.float32)
    Q /= np.linalg.norm(Q, axis=1, keepdims=True)
    np.save(folder / "x.npy", X)
    np.save(folder / "q.npy", Q)
    return {"name": f"dense: {count:,} random unit vectors, d = 384", "X": X, "Q": Q,
            "x_file": folder / "x.npy", "q_file": folder / "q.npy", "dense": True}


def prepare_minilm(work: Path, queries: int, npy: Path, count: int = 100_000) -> dict:
    """The first `count` rows of an embedding matrix (`xmr embed` output) as the index, the next
    `queries` rows as the queries; rows l2-normalized."""
    import numpy as np
    E = np.load(npy).astype(np.float32)
    if E.shape[0] < count + queries:
        sys.exit(f"ann.py: {npy} has {E.shape[0]} rows, fewer than {count} + {queries}")
    E /= np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)
    X, Q = np.ascontiguousarray(E[:count]), np.ascontiguousarray(E[count:count + queries])
    folder = work / "minilm"
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "x.npy", X)
    np.save(folder / "q.npy", Q)
    return {"name": f"dense: {count:,} MiniLM embeddings of distinct sentences ({npy.name}), d = {X.shape[1]}",
            "X": X, "Q": Q, "x_file": folder / "x.npy", "q_file": folder / "q.npy", "dense": True}


def prepare_pifa(work: Path, queries: int) -> dict:
    import scipy.sparse as sp
    data = work / "synthetic-100k"
    if not (data / "test.txt").exists():
        subprocess.run([sys.executable, str(BENCH_DIR / "synthetic.py"), str(data), "--labels", "100000"], check=True)
    Xtr, Ytr = read_xmc(data / "train.txt")
    Xte, _ = read_xmc(data / "test.txt")
    # PIFA as in xmr and libpecos: rows of (row-l2-normalized Y)^T X, l2-normalized.
    P = l2_rows(l2_rows(Ytr).T.tocsr().dot(l2_rows(Xtr)).tocsr())
    Q = l2_rows(Xte[:queries])
    folder = work / "pifa"
    folder.mkdir(parents=True, exist_ok=True)
    write_xmc_features(folder / "x.txt", P)
    write_xmc_features(folder / "q.txt", Q)
    return {"name": f"sparse: PIFA label vectors of the 100k-label synthetic set ({P.shape[0]} x {P.shape[1]}, "
                    f"{P.nnz / P.shape[0]:.0f} nonzeros a row)", "X": P, "Q": Q,
            "x_file": folder / "x.txt", "q_file": folder / "q.txt", "dense": False}


def prepare_debtags(work: Path, queries: int, dataset: Path) -> dict:
    Xtr, _ = read_xmc(dataset / "train.txt")
    Xte, _ = read_xmc(dataset / "test.txt")
    folder = work / "debtags"
    folder.mkdir(parents=True, exist_ok=True)
    X, Q = Xtr.astype("float32"), Xte[:queries].astype("float32")
    write_xmc_features(folder / "x.txt", X)
    write_xmc_features(folder / "q.txt", Q)
    return {"name": f"sparse: debtags training feature rows ({X.shape[0]} x {X.shape[1]}, "
                    f"{X.nnz / X.shape[0]:.0f} nonzeros a row)", "X": X, "Q": Q,
            "x_file": folder / "x.txt", "q_file": folder / "q.txt", "dense": False}


def exact_top(X, Q, k: int):
    """The exact k largest inner products of every query row (ids), in blocks."""
    import numpy as np
    out = []
    for s in range(0, Q.shape[0], 100):
        block = Q[s:s + 100] @ X.T
        block = block.toarray() if hasattr(block, "toarray") else np.asarray(block)
        out.extend(set(row) for row in np.argpartition(-block, k, axis=1)[:, :k])
    return out


def recall(found: list[set[int]], truth: list[set[int]]) -> float:
    return sum(len(f & t) for f, t in zip(found, truth)) / sum(len(t) for t in truth)


# ----------------------------------------------------------------------------------------------
# Systems


class Xmr:
    name = "xmr"

    def __init__(self, binary: Path, work: Path):
        self.binary, self.work = binary, work

    def build(self, data, m, efc, threads):
        self.index = self.work / f"{data['key']}.hnsw"
        out = subprocess.run([str(self.binary), "ann", "build", "--input", str(data["x_file"]), "--index", str(self.index),
                              "--m", str(m), "--ef-construction", str(efc), "--similarity", "ip",
                              "--threads", str(threads), "--json"], capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip())
        return json.loads(out.stdout)["build_seconds"]

    def search(self, data, ef, k):
        tsv = self.work / f"{data['key']}-{ef}.tsv"
        out = subprocess.run([str(self.binary), "ann", "search", "--index", str(self.index), "--queries", str(data["q_file"]),
                              "--k", str(k), "--ef", str(ef), "--threads", "1", "--output", str(tsv), "--json"],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip())
        seconds = json.loads(out.stdout)["search_seconds"]
        found = [set() for _ in range(data["Q"].shape[0])]
        with open(tsv) as f:
            for line in f:
                q, _, i, _ = line.split("\t")
                found[int(q)].add(int(i))
        return seconds, found


class Hnswlib:
    name = "hnswlib"

    def build(self, data, m, efc, threads):
        import hnswlib
        if not data["dense"]:
            return None
        X = data["X"]
        self.index = hnswlib.Index(space="ip", dim=X.shape[1])
        self.index.init_index(max_elements=X.shape[0], M=m, ef_construction=efc, random_seed=0)
        self.index.set_num_threads(threads)
        start = time.perf_counter()
        self.index.add_items(X)
        return time.perf_counter() - start

    def search(self, data, ef, k):
        self.index.set_num_threads(1)
        self.index.set_ef(ef)
        start = time.perf_counter()
        labels, _ = self.index.knn_query(data["Q"], k=k, num_threads=1)
        seconds = time.perf_counter() - start
        return seconds, [set(map(int, row)) for row in labels]


class Pecos:
    name = "pecos.ann.hnsw"

    def build(self, data, m, efc, threads):
        from pecos.ann.hnsw import HNSW
        params = HNSW.TrainParams(M=m, efC=efc, metric_type="ip", threads=threads)
        start = time.perf_counter()
        self.model = HNSW.train(data["X"], train_params=params)
        seconds = time.perf_counter() - start
        self.searchers = self.model.searchers_create(num_searcher=1)
        return seconds

    def search(self, data, ef, k):
        from pecos.ann.hnsw import HNSW
        params = HNSW.PredParams(efS=ef, topk=k)
        start = time.perf_counter()
        result = self.model.predict(data["Q"], pred_params=params, searchers=self.searchers)
        seconds = time.perf_counter() - start
        result = result.tocsr()
        return seconds, [set(map(int, result.indices[result.indptr[i]:result.indptr[i + 1]])) for i in range(result.shape[0])]


# ----------------------------------------------------------------------------------------------
# Run


def run_set(data, systems, a, truth) -> dict:
    import statistics
    rows = {}
    for system in systems:
        try:
            built = system.build(data, a.m, a.ef_construction, a.threads)
        except Exception as error:  # a peer that fails is reported, not fatal
            print(f"  {system.name}: build failed: {error}", file=sys.stderr)
            continue
        if built is None:
            continue
        rows[system.name] = {"build_seconds": built, "search": {}}
        print(f"  {system.name}: built in {built:.2f} s", file=sys.stderr)
    for ef in a.efs:
        for system in systems:
            if system.name not in rows:
                continue
            times, found = [], None
            for _ in range(a.repeat):
                seconds, found = system.search(data, ef, 10)
                times.append(seconds)
            median = statistics.median(times)
            rows[system.name]["search"][ef] = {"recall": recall(found, truth), "qps": data["Q"].shape[0] / median,
                                               "seconds": times}
            print(f"  {system.name} ef={ef}: recall@10 {recall(found, truth):.4f}, {data['Q'].shape[0] / median:.0f} q/s",
                  file=sys.stderr)
    return rows


def table(data, rows, efs) -> str:
    head = "| system | build s | " + " | ".join(f"ef {ef}: R@10 / q/s" for ef in efs) + " |"
    lines = [f"**{data['name']}**", "", head, "|" + "---|" * (2 + len(efs))]
    for name, row in rows.items():
        cells = [f"{row['search'][ef]['recall']:.4f} / {row['search'][ef]['qps']:,.0f}" for ef in efs]
        lines.append(f"| {name} | {row['build_seconds']:.1f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="dense,pifa,debtags")
    ap.add_argument("--dense-count", type=int, default=100_000, help="vectors of the dense set")
    ap.add_argument("--m", type=int, default=16)
    ap.add_argument("--ef-construction", type=int, default=200)
    ap.add_argument("--threads", type=int, default=2, help="threads for the builds (searches use one)")
    ap.add_argument("--efs", default="10,50,100,300")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3, help="searches per system and efSearch (median reported)")
    ap.add_argument("--venv", default=str(PACKAGE_DIR / ".build" / "bench-venv"))
    ap.add_argument("--xmr", help="an xmr binary (default: build and use .build/release/xmr)")
    ap.add_argument("--no-build", action="store_true", help="use the existing .build/release/xmr")
    ap.add_argument("--debtags", default="/work/shared/data/debtags")
    ap.add_argument("--minilm", help="embeddings (.npy, at least --dense-count + --queries rows) for the minilm set")
    ap.add_argument("--work", default=str(PACKAGE_DIR / ".build" / "ann-bench"))
    ap.add_argument("--results", default=str(BENCH_DIR / "RESULTS.md"))
    ap.add_argument("--no-results", action="store_true")
    a = ap.parse_args(argv)
    a.efs = [int(x) for x in a.efs.split(",")]
    a.sets = [s for s in a.sets.split(",") if s]
    return a


def main(argv=None) -> int:
    a = parse_args(argv)
    ensure_environment(Path(a.venv))
    from compare import append_results, machine_info, machine_line
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    if a.xmr:
        binary = Path(a.xmr)
    else:
        if not a.no_build:
            subprocess.run(["swift", "build", "-c", "release", "--product", "xmr"], cwd=PACKAGE_DIR, check=True)
        binary = PACKAGE_DIR / ".build" / "release" / "xmr"
    systems = [Xmr(binary, work), Hnswlib(), Pecos()]
    sections, everything = [], {}
    for key in a.sets:
        print(f"{key}: preparing", file=sys.stderr)
        if key == "dense":
            data = prepare_dense(work, a.queries, a.dense_count)
        elif key == "minilm":
            if not a.minilm:
                sys.exit("ann.py: the minilm set needs --minilm EMBEDDINGS.npy")
            data = prepare_minilm(work, a.queries, Path(a.minilm), a.dense_count)
        elif key == "pifa":
            data = prepare_pifa(work, a.queries)
        elif key == "debtags":
            data = prepare_debtags(work, a.queries, Path(a.debtags))
        else:
            sys.exit(f"ann.py: unknown set {key}")
        data["key"] = key
        truth = exact_top(data["X"], data["Q"], 10)
        rows = run_set(data, systems, a, truth)
        everything[key] = {"name": data["name"], "rows": rows}
        sections.append(table(data, rows, a.efs))
        print(sections[-1])
    m = machine_info(binary)
    body = (f"M {a.m}, efConstruction {a.ef_construction}, inner product; builds on {a.threads} threads, searches on "
            f"one thread, {a.queries} queries, k = 10, median of {a.repeat} searches, systems interleaved per "
            f"efSearch.\n{machine_line(m)}\n\n" + "\n\n".join(sections))
    (work / "results.json").write_text(json.dumps({"machine": m, "sets": everything}, indent=1, default=str))
    if not a.no_results:
        append_results(Path(a.results), f"HNSW: xmr, hnswlib, pecos.ann.hnsw ({m['date_utc']})", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
