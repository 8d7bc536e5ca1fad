#!/usr/bin/env python3
"""Side-by-side benchmark of the `xmr` engine against libpecos, Omikuji and napkinXC.

usage: compare.py DATASET_DIR [--threads 2] [--systems xmr,pecos,omikuji,napkinxc]
                  [--venv PATH] [--no-build | --xmr PATH] [--beam 10] [--latency-sample 1000]
                  [--timeout SECONDS] [--repeat 1] [--work DIR]
                  [--results Benchmarks/RESULTS.md | --no-results] [--skip-xmr-predict]

DATASET_DIR holds train.txt and test.txt in the Extreme Classification Repository text format.
Everything runs in one invocation on one machine, so the ratios it prints are comparable:

* xmr is built in release mode (`swift build -c release --product xmr`) unless --no-build/--xmr,
  then driven through its command line: `xmr train --json`, `xmr eval --json` (metrics, batch
  predict time, single-query latency p50/p99 measured in process on one thread) and
  `xmr predict --top-k 5 --json` (whose top-5 labels this script scores itself).
* Each peer runs in its own Python subprocess inside a virtual environment that this script
  creates or reuses (libpecos is installed with --no-deps: its XR-Linear part needs only numpy,
  scipy and scikit-learn). The subprocess trains, saves the model (for its size), predicts the
  test split in one batch, then times single queries one at a time.
* Peak RSS is per system: every process is reaped with os.wait4, whose rusage belongs to that
  process alone.
* P@1/3/5 are computed by this script, identically for every system, from each system's top-5
  labels per test point (every test point counts, also those without labels).

The parent process needs only the Python standard library; numpy/scipy live in the venv.
A system that fails to install, crashes or times out becomes a table row carrying its error.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = BENCH_DIR.parent
PEERS = ("pecos", "omikuji", "napkinxc")
ALL_SYSTEMS = ("xmr",) + PEERS
TOP_K = 5

# What each peer's worker imports; a venv where these import is ready for that peer.
PEER_IMPORTS = {
    "pecos": "pecos.xmc.xlinear.model",
    "omikuji": "omikuji",
    "napkinxc": "napkinxc.models",
}
BASE_PACKAGES = ["numpy<2", "scipy<1.14", "scikit-learn"]
PEER_PACKAGES = {
    "pecos": ["--no-deps", "libpecos"],  # its declared deps pull torch/transformers, unused by XR-Linear
    "omikuji": ["omikuji"],
    "napkinxc": ["napkinxc"],
}
PEER_SETTINGS = {
    "xmr": "XR-Linear: PIFA, B=16, leaf 100, tfn, L2-loss SVM (C=1), threshold 0.1, beam 10",
    "pecos": "libpecos XR-Linear: PIFA, hierarchical k-means B=16, leaf 100, tfn, L2-loss SVM, beam 10",
    "omikuji": "Omikuji: 1 tree, default hyper-parameters, beam 10",
    "napkinxc": "napkinXC PLT: arity 2, max leaves 100, other defaults (exact top-k search)",
}


# ----------------------------------------------------------------------------------------------
# Small utilities shared by the parent and scale.py


def log(message: str) -> None:
    """Progress on stderr, so stdout stays the table."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def folder_bytes(path: Path) -> int:
    """Total size of the regular files under `path` (a file's own size if it is one)."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def source_commit(xmr: Path | None) -> str:
    """The commit of the checkout that holds the xmr binary (this package when unknown), "-dirty"
    when its tracked files have uncommitted changes, or "unknown" outside git."""
    where = Path(xmr).resolve().parent if xmr else PACKAGE_DIR
    head = subprocess.run(["git", "-C", str(where), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True)
    if head.returncode != 0 or not head.stdout.strip():
        return "unknown"
    status = subprocess.run(["git", "-C", str(where), "status", "--porcelain", "--untracked-files=no"],
                            capture_output=True, text=True).stdout.strip()
    return head.stdout.strip() + ("-dirty" if status else "")


def machine_info(xmr: Path | None = None) -> dict:
    """nproc, memory and CPU model of this machine, for the results file."""
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gb = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                    break
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count()
    commit = source_commit(xmr)
    return {"nproc": nproc, "memory_gb": mem_gb, "cpu": cpu, "kernel": platform.release(),
            "python": platform.python_version(), "commit": commit,
            "date_utc": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def read_label_sets(path: Path) -> list[set[int]]:
    """The label ids of every point of an XMC text file (standard library only)."""
    sets = []
    with open(path, "rb") as f:
        f.readline()  # header: points features labels
        for line in f:
            line = line.rstrip(b"\r\n")
            if not line or line[:1] == b" ":
                sets.append(set())
                continue
            first = line.split(b" ", 1)[0]
            if b":" in first:
                sets.append(set())
            else:
                sets.append({int(t) for t in first.split(b",") if t})
    return sets


def precision_at_k(truth: list[set[int]], rankings: list[list[int]], ks=(1, 3, 5)) -> dict:
    """P@k over all points: hits among the first k predictions divided by k, averaged."""
    if len(truth) != len(rankings):
        raise ValueError(f"{len(rankings)} rankings for {len(truth)} test points")
    out = {}
    n = max(1, len(truth))
    for k in ks:
        hits = sum(sum(1 for label in ranked[:k] if label in labels) for labels, ranked in zip(truth, rankings))
        out[f"P@{k}"] = hits / (k * n)
    return out


def read_rankings(path: Path) -> list[list[int]]:
    """One ranking a line, label ids separated by spaces (what the peer workers write)."""
    with open(path) as f:
        return [[int(t) for t in line.split()] for line in f]


# ----------------------------------------------------------------------------------------------
# Running one measured subprocess


def run_measured(cmd: list[str], log_dir: Path, name: str, timeout: float | None = None,
                 env: dict | None = None, cwd: Path | None = None) -> dict:
    """Runs `cmd` with stdout/stderr to files and returns rc, wall seconds and its own peak RSS.

    The child is reaped with os.wait4, so ru_maxrss is this child's peak resident set (and its
    waited-for descendants'), not the maximum over every child this script ever ran.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{name}.stdout", log_dir / f"{name}.stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd, start_new_session=True)
        except OSError as e:
            return {"rc": -1, "wall_s": 0.0, "rss_mb": None, "timed_out": False, "stdout": "",
                    "error": f"cannot start {cmd[0]}: {e}"}
        timed_out = threading.Event()

        def kill_on_timeout():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the group this child leads (start_new_session)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill_on_timeout) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = out_path.read_text(errors="replace")
    stderr = err_path.read_text(errors="replace")
    result = {"rc": proc.returncode, "wall_s": wall, "rss_mb": usage.ru_maxrss / 1024,
              "timed_out": timed_out.is_set(), "stdout": stdout}
    if timed_out.is_set():
        result["error"] = f"timed out after {timeout:g} s"
    elif proc.returncode != 0:
        tail = [l for l in stderr.strip().splitlines() if l.strip()][-3:]
        result["error"] = f"exit {proc.returncode}: " + (" | ".join(tail) if tail else "no message")
    return result


def last_json_object(text: str) -> dict:
    """The JSON object printed on stdout (the whole text, or else its last line that parses)."""
    text = text.strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    raise ValueError("no JSON object on stdout")


# ----------------------------------------------------------------------------------------------
# xmr


def build_xmr(log_dir: Path) -> tuple[Path | None, str | None]:
    """Builds the release `xmr` binary; returns (path, None) or (None, error)."""
    log("building xmr (swift build -c release --product xmr)")
    run = run_measured(["swift", "build", "-c", "release", "--product", "xmr"], log_dir, "swift-build",
                       cwd=PACKAGE_DIR)
    if run["rc"] != 0:
        return None, "release build failed: " + run.get("error", "")
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=PACKAGE_DIR,
                             capture_output=True, text=True).stdout.strip()
    path = Path(bin_dir) / "xmr"
    if not path.exists():
        return None, f"release build finished but {path} is missing"
    log(f"built {path} in {run['wall_s']:.0f} s")
    return path, None


def run_xmr(xmr: Path, dataset: Path, work: Path, threads: int, beam: int, latency_sample: int,
            timeout: float | None, score_predictions: bool = True) -> dict:
    """Trains and evaluates xmr through its command line; returns one result row."""
    row = {"system": "xmr", "settings": PEER_SETTINGS["xmr"]}
    model = work / "model-xmr"
    logs = work / "logs"
    # The peers read train.txt, so xmr does too (its default would vectorize texts where a folder has them).
    train = run_measured([str(xmr), "train", str(dataset), "--model", str(model), "--features", "vectors",
                          "--threads", str(threads), "--json"], logs, "xmr-train", timeout)
    row["train_wall_s"], row["train_rss_mb"] = train["wall_s"], train["rss_mb"]
    if train.get("error"):
        row["error"] = "train: " + train["error"]
        return row
    try:
        t = last_json_object(train["stdout"])
        row["train_s"] = float(t["train_seconds"])
        row["model_mb"] = float(t.get("model_bytes", folder_bytes(model))) / 1e6
        row["nonzeros"] = t.get("nonzeros")
        levels = t.get("levels")
        row["levels"] = len(levels) if isinstance(levels, list) else levels
    except (ValueError, KeyError, TypeError) as e:
        row["error"] = f"train: unreadable --json output ({e})"
        return row

    evaluation = run_measured([str(xmr), "eval", "--model", str(model), str(dataset), "--beam-width", str(beam),
                               "--top-k", str(TOP_K), "--threads", str(threads),
                               "--latency-sample", str(latency_sample), "--json"], logs, "xmr-eval", timeout)
    row["eval_wall_s"], row["eval_rss_mb"] = evaluation["wall_s"], evaluation["rss_mb"]
    row["rss_mb"] = max(v for v in (train["rss_mb"], evaluation["rss_mb"]) if v is not None)
    if evaluation.get("error"):
        row["error"] = "eval: " + evaluation["error"]
        return row
    try:
        e = last_json_object(evaluation["stdout"])
        row["predict_s"] = float(e["predict_seconds"])
        row["latency_p50_ms"] = float(e["latency_p50_ms"])
        row["latency_p99_ms"] = float(e["latency_p99_ms"])
        # xmr eval --json names metrics in snake_case: p_at_1 for P@1, ndcg_at_5 for nDCG@5.
        row["eval_metrics"] = {k: float(e[k.lower().replace("@", "_at_")])
                               for k in ("P@1", "P@3", "P@5", "R@5", "nDCG@5", "PSP@5") if k.lower().replace("@", "_at_") in e}
        row["beam_recall"] = e.get("beam_recall")
        row["latency_source"] = f"xmr eval: first {latency_sample} test points, one thread, in process"
    except (ValueError, KeyError, TypeError) as e:
        row["error"] = f"eval: unreadable --json output ({e})"
        return row
    row.update({k: row["eval_metrics"][k] for k in ("P@1", "P@3", "P@5") if k in row["eval_metrics"]})
    row["pk_source"] = "xmr eval"

    if score_predictions:
        predict = run_measured([str(xmr), "predict", "--model", str(model), str(dataset), "--beam-width", str(beam),
                                "--top-k", str(TOP_K), "--threads", str(threads), "--json"], logs, "xmr-predict",
                               timeout)
        if predict.get("error"):
            row["note"] = "predict for cross-check failed: " + predict["error"]
            return row
        try:
            p = last_json_object(predict["stdout"])
            rankings = [[int(item["label"]) for item in point["labels"]] for point in p["predictions"]]
            (work / "pred-xmr.txt").write_text("".join(" ".join(map(str, r)) + "\n" for r in rankings))
            scored = precision_at_k(read_label_sets(dataset / "test.txt"), rankings)
        except (ValueError, KeyError, TypeError) as e:
            row["note"] = f"predict output not scored ({e}); P@k from xmr eval"
            return row
        differences = {k: abs(scored[k] - row["eval_metrics"].get(k, scored[k])) for k in scored}
        row.update(scored)
        row["pk_source"] = "this script, from xmr predict top-5"
        row["pk_crosscheck"] = "agrees with xmr eval" if max(differences.values()) < 5e-4 else \
            "differs from xmr eval: " + ", ".join(f"{k} {row['eval_metrics'].get(k, float('nan')):.4f}" for k in scored)
    return row


# ----------------------------------------------------------------------------------------------
# The peers' virtual environment


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def probe_imports(python: Path) -> dict:
    """Which peers import in this interpreter ({peer: None} when fine, else the error).

    The key "numpy" says whether the base packages (numpy, scipy) import.
    """
    code = ("import importlib, json\n"
            "out = {}\n"
            f"for name, module in {dict(numpy='scipy.sparse', **PEER_IMPORTS)!r}.items():\n"
            "    try:\n"
            "        importlib.import_module('numpy'); importlib.import_module(module); out[name] = None\n"
            "    except Exception as e:\n"
            "        out[name] = f'{type(e).__name__}: {e}'\n"
            "print(json.dumps(out))\n")
    run = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    if run.returncode != 0:
        error = "python in the venv does not run: " + run.stderr.strip()[-200:]
        return {name: error for name in ("numpy",) + PEERS}
    return json.loads(run.stdout.strip().splitlines()[-1])


def ensure_venv(venv: Path, peers: list[str], log_dir: Path) -> tuple[Path, dict]:
    """Creates or reuses `venv` with numpy/scipy and the peers' packages.

    Returns (python, {peer: error or None}); the key "numpy" reports the base packages.
    """
    python = venv_python(venv)
    log_dir.mkdir(parents=True, exist_ok=True)
    if not python.exists():
        log(f"creating venv {venv}")
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
        if made.returncode != 0:
            error = "venv creation failed: " + made.stderr.strip()[-300:]
            return python, {name: error for name in ["numpy"] + peers}
    status = probe_imports(python)
    missing = [p for p in peers if status.get(p)]
    if not missing and not status.get("numpy"):
        return python, {name: None for name in ["numpy"] + peers}
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]

    def pip_install(args: list[str], name: str) -> str | None:
        log(f"pip install {' '.join(args)}")
        run = subprocess.run(pip + args, capture_output=True, text=True)
        (log_dir / f"pip-{name}.log").write_text(run.stdout + run.stderr)
        if run.returncode != 0:
            return "pip install failed: " + (run.stderr.strip().splitlines() or ["?"])[-1][:300]
        return None

    base_error = pip_install(BASE_PACKAGES, "base") if status.get("numpy") else None
    errors = {}
    for peer in missing:
        errors[peer] = pip_install(PEER_PACKAGES[peer], peer) or base_error
    status = probe_imports(python)
    result = {p: (None if not status.get(p) else (errors.get(p) or status[p])) for p in peers}
    result["numpy"] = None if not status.get("numpy") else (base_error or status["numpy"])
    return python, result


def run_peer(peer: str, python: Path, dataset: Path, work: Path, threads: int, beam: int, latency_sample: int,
             timeout: float | None) -> dict:
    """Runs one peer's worker in its own process; returns its result row."""
    row = {"system": peer, "settings": PEER_SETTINGS[peer]}
    run = run_measured([str(python), str(Path(__file__).resolve()), "--worker", peer, str(dataset),
                        "--work", str(work), "--threads", str(threads), "--beam", str(beam),
                        "--latency-sample", str(latency_sample)], work / "logs", f"{peer}-worker", timeout,
                       env={**os.environ, "OMP_NUM_THREADS": str(threads), "PYTHONUNBUFFERED": "1"})
    row["rss_mb"], row["wall_s"] = run["rss_mb"], run["wall_s"]
    if run.get("error"):
        row["error"] = run["error"]
        return row
    try:
        result = json.loads((work / f"result-{peer}.json").read_text())
        row.update(result)
        row.update(precision_at_k(read_label_sets(dataset / "test.txt"), read_rankings(work / f"pred-{peer}.txt")))
        row["pk_source"] = "this script, from the peer's top-5"
    except (OSError, ValueError, KeyError) as e:
        row["error"] = f"worker output unreadable: {e}"
    return row


# ----------------------------------------------------------------------------------------------
# Worker side: runs inside the venv, one peer per process


def worker_read_xmc(path: Path):
    """Reads an XMC text file into CSR features and labels (numpy parses the numbers in bulk)."""
    import numpy as np
    import scipy.sparse as sp

    feat_ids, feat_vals, label_ids = [], [], []
    feat_counts, label_counts = [], []
    with open(path, "rb") as f:
        header = f.readline().split()
        declared_features, declared_labels = int(header[1]), int(header[2])
        while True:
            lines = f.readlines(1 << 26)
            if not lines:
                break
            feats_parts, label_parts = [], []
            for line in lines:
                line = line.rstrip(b"\r\n")
                if line[:1] == b" ":
                    labels, feats = b"", line.strip()
                else:
                    labels, _, feats = line.partition(b" ")
                    if b":" in labels:  # no labels and no leading space
                        labels, feats = b"", line
                feats_parts.append(feats)
                feat_counts.append(feats.count(b":"))
                if labels:
                    label_parts.append(labels)
                    label_counts.append(labels.count(b",") + 1)
                else:
                    label_counts.append(0)
            text = b" ".join(p for p in feats_parts if p).replace(b":", b" ")
            if text.strip():
                pairs = np.array(text.split(), dtype=np.float64)
                feat_ids.append(pairs[0::2].astype(np.int64))
                feat_vals.append(pairs[1::2].astype(np.float32))
            if label_parts:
                label_ids.append(np.array(b",".join(label_parts).split(b","), dtype=np.int64))
    n = len(feat_counts)
    ids = np.concatenate(feat_ids) if feat_ids else np.zeros(0, np.int64)
    vals = np.concatenate(feat_vals) if feat_vals else np.zeros(0, np.float32)
    labs = np.concatenate(label_ids) if label_ids else np.zeros(0, np.int64)
    x_ptr = np.concatenate([[0], np.cumsum(feat_counts)]).astype(np.int64)
    y_ptr = np.concatenate([[0], np.cumsum(label_counts)]).astype(np.int64)
    d = max(declared_features, int(ids.max()) + 1 if ids.size else 0)
    L = max(declared_labels, int(labs.max()) + 1 if labs.size else 0)
    X = sp.csr_matrix((vals, ids, x_ptr), shape=(n, d), dtype=np.float32)
    Y = sp.csr_matrix((np.ones(labs.size, np.float32), labs, y_ptr), shape=(n, L), dtype=np.float32)
    X.sum_duplicates()
    Y.sum_duplicates()
    Y.data[:] = 1
    return X, Y


def worker_l2_rows(X):
    """Rows scaled to unit l2 norm (empty rows stay empty), sorted indices, float32."""
    import numpy as np
    import scipy.sparse as sp

    X = X.tocsr().astype(np.float32)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    Z = sp.csr_matrix(sp.diags((1 / norms).astype(np.float32)) @ X, dtype=np.float32)
    Z.sort_indices()
    return Z


def worker_latencies(predict_one, queries, warmup: int = 20) -> list[float]:
    """Milliseconds per call of predict_one(query), one at a time, after a short warm-up."""
    for q in queries[:warmup]:
        predict_one(q)
    times = []
    for q in queries:
        start = time.perf_counter()
        predict_one(q)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def percentile(sorted_values: list[float], q: float) -> float | None:
    """Nearest-rank quantile (the same rule as `xmr eval`)."""
    if not sorted_values:
        return None
    import math
    rank = math.ceil(q * len(sorted_values)) - 1
    return sorted_values[max(0, min(len(sorted_values) - 1, rank))]


def csr_topk_rankings(P, k: int) -> list[list[int]]:
    """Best-first label ids of every row of a sparse score matrix."""
    import numpy as np

    P = P.tocsr()
    out = []
    for i in range(P.shape[0]):
        s, e = P.indptr[i], P.indptr[i + 1]
        order = np.argsort(-P.data[s:e], kind="stable")[:k]
        out.append(P.indices[s:e][order].tolist())
    return out


def worker_pecos(Xtr, Ytr, Xte, a, model_dir: Path) -> dict:
    from pecos.xmc import Indexer, LabelEmbeddingFactory
    from pecos.xmc.xlinear.model import XLinearModel

    start = time.perf_counter()
    label_features = LabelEmbeddingFactory.create(Ytr, Xtr, method="pifa")
    chain = Indexer.gen(label_features, indexer_type="hierarchicalkmeans", nr_splits=16, max_leaf_size=100,
                        threads=a.threads, seed=0)
    model = XLinearModel.train(Xtr, Ytr, C=chain, threads=a.threads, negative_sampling_scheme="tfn",
                               solver_type="L2R_L2LOSS_SVC_DUAL", Cp=1.0, Cn=1.0, threshold=0.1)
    train_s = time.perf_counter() - start
    try:
        chain = model.model.model_chain
        shape = {"levels": len(chain), "nonzeros": int(sum(layer.W.nnz for layer in chain))}
    except AttributeError:
        shape = {}
    model.save(str(model_dir))
    del model
    # Predict-only mode is libpecos' fast inference path (chunked C++ weights); use it for both
    # the batch and the single queries.
    fast = XLinearModel.load(str(model_dir), is_predict_only=True)
    start = time.perf_counter()
    scores = fast.predict(Xte, beam_size=a.beam, only_topk=TOP_K, threads=a.threads)
    predict_s = time.perf_counter() - start
    rankings = csr_topk_rankings(scores, TOP_K)
    queries = [Xte[i] for i in range(min(a.latency_sample, Xte.shape[0]))]
    lat = worker_latencies(lambda q: fast.predict(q, beam_size=a.beam, only_topk=TOP_K, threads=1), queries)
    return {"train_s": train_s, "predict_s": predict_s, "latencies": lat, "rankings": rankings,
            "model_mb": folder_bytes(model_dir) / 1e6, **shape,
            "latency_source": "XLinearModel.predict on a 1-row csr_matrix, predict-only model, threads=1"}


def worker_omikuji(Xtr, Ytr, Xte, a, model_dir: Path) -> dict:
    import omikuji

    # Omikuji trains from a file only. Rows without features are rejected by its reader.
    train_path = model_dir.parent / "omikuji-train.txt"
    with open(train_path, "w") as f:
        keep = [i for i in range(Xtr.shape[0]) if Xtr.indptr[i + 1] > Xtr.indptr[i]]
        f.write(f"{len(keep)} {Xtr.shape[1]} {Ytr.shape[1]}\n")
        for i in keep:
            labels = ",".join(map(str, Ytr.indices[Ytr.indptr[i]:Ytr.indptr[i + 1]]))
            s, e = Xtr.indptr[i], Xtr.indptr[i + 1]
            feats = " ".join(f"{j}:{v:.6g}" for j, v in zip(Xtr.indices[s:e].tolist(), Xtr.data[s:e].tolist()))
            f.write(labels + " " + feats + "\n")
    hyper = omikuji.Model.default_hyper_param()
    hyper.n_trees = 1
    note = None
    try:
        # Time training alone, as for the other systems: the public train_on_data also parses the
        # file. These are the two C calls it makes, in the same order.
        from omikuji import _ThreadPoolHandle, ffi, lib
        pool = _ThreadPoolHandle(a.threads)
        data = lib.load_omikuji_data_set(ffi.new("char[]", str(train_path).encode()), pool.ptr)
        if data == ffi.NULL:
            raise RuntimeError(f"omikuji could not load {train_path}")
        data = ffi.gc(data, lib.free_omikuji_data_set)
        start = time.perf_counter()
        model_ptr = lib.train_omikuji_model(data, hyper, pool.ptr)
        train_s = time.perf_counter() - start
        if model_ptr == ffi.NULL:
            raise RuntimeError("omikuji training failed")
        model = omikuji.Model(model_ptr, pool)
        del data
    except ImportError:
        start = time.perf_counter()
        model = omikuji.Model.train_on_data(str(train_path), hyper, n_threads=a.threads)
        train_s = time.perf_counter() - start
        note = "train time includes omikuji's parsing of the train file"
    model.save(str(model_dir))
    queries = []
    for i in range(Xte.shape[0]):
        s, e = Xte.indptr[i], Xte.indptr[i + 1]
        queries.append(list(zip(Xte.indices[s:e].tolist(), Xte.data[s:e].tolist())))
    # The Python binding has no batch call: the batch is a loop of single queries on one thread.
    start = time.perf_counter()
    rankings = [[label for label, _ in model.predict(q, beam_size=a.beam, top_k=TOP_K)] for q in queries]
    predict_s = time.perf_counter() - start
    lat = worker_latencies(lambda q: model.predict(q, beam_size=a.beam, top_k=TOP_K), queries[:a.latency_sample])
    result = {"train_s": train_s, "predict_s": predict_s, "latencies": lat, "rankings": rankings,
              "model_mb": folder_bytes(model_dir) / 1e6,
              "latency_source": "Model.predict on a list of (feature, value) pairs",
              "predict_note": "batch = Python loop of single queries, one thread (no batch API)"}
    if note:
        result["note"] = note
    return result


def worker_napkinxc(Xtr, Ytr, Xte, a, model_dir: Path) -> dict:
    from napkinxc.models import PLT

    label_lists = [Ytr.indices[Ytr.indptr[i]:Ytr.indptr[i + 1]].tolist() for i in range(Ytr.shape[0])]
    if model_dir.exists():
        shutil.rmtree(model_dir)
    start = time.perf_counter()
    model = PLT(str(model_dir), arity=2, max_leaves=100, threads=a.threads, seed=0)
    model.fit(Xtr, label_lists)  # also writes the model to model_dir
    train_s = time.perf_counter() - start
    start = time.perf_counter()
    predicted = model.predict(Xte, top_k=TOP_K)
    predict_s = time.perf_counter() - start
    rankings = [list(map(int, p)) for p in predicted]
    model.set_params(threads=1)
    queries = [Xte[i] for i in range(min(a.latency_sample, Xte.shape[0]))]
    lat = worker_latencies(lambda q: model.predict(q, top_k=TOP_K), queries)
    return {"train_s": train_s, "predict_s": predict_s, "latencies": lat, "rankings": rankings,
            "model_mb": folder_bytes(model_dir) / 1e6,
            "latency_source": "PLT.predict on a 1-row csr_matrix, threads=1"}


def worker_main(a) -> None:
    """Trains, saves, predicts and times one peer; writes result-PEER.json and pred-PEER.txt."""
    from importlib import metadata

    dataset, work = Path(a.dataset), Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    Xtr, Ytr = worker_read_xmc(dataset / "train.txt")
    Xte, _ = worker_read_xmc(dataset / "test.txt")
    d = max(Xtr.shape[1], Xte.shape[1])
    Xtr.resize(Xtr.shape[0], d)
    Xte.resize(Xte.shape[0], d)
    Xtr, Xte = worker_l2_rows(Xtr), worker_l2_rows(Xte)  # xmr l2-normalizes rows by default; same input for all
    load_s = time.perf_counter() - start
    run = {"pecos": worker_pecos, "omikuji": worker_omikuji, "napkinxc": worker_napkinxc}[a.worker]
    out = run(Xtr, Ytr, Xte, a, work / f"model-{a.worker}")
    with open(work / f"pred-{a.worker}.txt", "w") as f:
        for ranking in out.pop("rankings"):
            f.write(" ".join(map(str, ranking)) + "\n")
    lat = out.pop("latencies")
    package = {"pecos": "libpecos", "omikuji": "omikuji", "napkinxc": "napkinxc"}[a.worker]
    out.update({"load_s": load_s, "latency_p50_ms": percentile(lat, 0.50), "latency_p99_ms": percentile(lat, 0.99),
                "latency_mean_ms": sum(lat) / len(lat) if lat else None, "latency_queries": len(lat),
                "version": metadata.version(package)})
    (work / f"result-{a.worker}.json").write_text(json.dumps(out, indent=1))


# ----------------------------------------------------------------------------------------------
# Report


def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if value != 0 and abs(value) < 10 ** -digits:
            return f"{value:.{digits}g}"
        return f"{value:.{digits}f}"
    return str(value)


def table(rows: list[dict], dataset_name: str | None = None) -> str:
    """One markdown table of the rows (a failed system shows its error)."""
    head = ["system", "P@1", "P@3", "P@5", "train s", "predict s", "latency p50 ms", "latency p99 ms",
            "peak RSS MB", "model MB"]
    if dataset_name:
        head = ["dataset"] + head
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        if r.get("error") and r.get("P@1") is None:
            cells = [r["system"], f"failed: {r['error']}"] + [""] * (len(head) - 2 - (1 if dataset_name else 0))
        else:
            cells = [r["system"], fmt(r.get("P@1"), 4), fmt(r.get("P@3"), 4), fmt(r.get("P@5"), 4),
                     fmt(r.get("train_s")), fmt(r.get("predict_s")), fmt(r.get("latency_p50_ms"), 3),
                     fmt(r.get("latency_p99_ms"), 3), fmt(r.get("rss_mb"), 0), fmt(r.get("model_mb"), 1)]
        if dataset_name:
            cells = [dataset_name] + cells
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def ratios(rows: list[dict]) -> str:
    """xmr divided by each peer (time, latency, memory) and xmr minus peer (P@k, in points)."""
    xmr = next((r for r in rows if r["system"] == "xmr" and r.get("P@1") is not None), None)
    if xmr is None:
        return "No xmr result, so no ratios."
    head = ["xmr vs", "train time", "predict time", "latency p50", "latency p99", "peak RSS", "model size",
            "ΔP@1", "ΔP@3", "ΔP@5"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def ratio(key):
        a, b = xmr.get(key), peer.get(key)
        return f"{a / b:.2f}x" if a is not None and b else "–"

    def delta(key):
        a, b = xmr.get(key), peer.get(key)
        return f"{round((a - b) * 100, 1) + 0.0:+.1f}" if a is not None and b is not None else "–"

    for peer in rows:
        if peer["system"] == "xmr" or peer.get("P@1") is None:
            continue
        lines.append("| " + " | ".join([peer["system"], ratio("train_s"), ratio("predict_s"), ratio("latency_p50_ms"),
                                        ratio("latency_p99_ms"), ratio("rss_mb"), ratio("model_mb"), delta("P@1"),
                                        delta("P@3"), delta("P@5")]) + " |")
    return "\n".join(lines) + "\n\nRatios are xmr / peer (below 1 means xmr is faster or smaller); ΔP@k is " \
                               "xmr − peer in percentage points."


def notes(rows: list[dict]) -> str:
    out = []
    for r in rows:
        parts = [r.get("settings", "")]
        if r.get("version"):
            parts.append(f"version {r['version']}")
        if r.get("train_rss_mb") is not None and r.get("eval_rss_mb") is not None:
            parts.append(f"peak RSS train {r['train_rss_mb']:.0f} MB, eval {r['eval_rss_mb']:.0f} MB")
        if r.get("levels"):
            parts.append(f"{r['levels']} levels, {r.get('nonzeros') or '?'} weights")
        for key in ("latency_source", "predict_note", "pk_source", "pk_crosscheck", "note"):
            if r.get(key):
                parts.append(f"{key.replace('_', ' ')}: {r[key]}")
        if r.get("error") and r.get("P@1") is not None:
            parts.append(f"error: {r['error']}")
        out.append(f"- **{r['system']}**: " + "; ".join(p for p in parts if p))
    return "\n".join(out)


def machine_line(m: dict) -> str:
    return (f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB RAM, Linux {m['kernel']}, "
            f"Python {m['python']}; xmr at commit {m['commit']}; run {m['date_utc']}.")


def append_results(path: Path, title: str, body: str) -> None:
    """Appends one dated section to RESULTS.md (creating it with a short header)."""
    if not path.exists():
        path.write_text("# Benchmark results\n\nWritten by `Benchmarks/compare.py` and `Benchmarks/scale.py`; "
                        "newest sections at the bottom. Each section is one run on one machine: compare "
                        "systems only within a section.\n")
    with open(path, "a") as f:
        f.write(f"\n## {title}\n\n{body.rstrip()}\n")


# ----------------------------------------------------------------------------------------------
# Main


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", help="dataset folder with train.txt and test.txt")
    ap.add_argument("--threads", type=int, default=2, help="threads for training and batch prediction (default 2)")
    ap.add_argument("--systems", default=",".join(ALL_SYSTEMS), help="comma-separated subset of " + ",".join(ALL_SYSTEMS))
    ap.add_argument("--venv", default=str(PACKAGE_DIR / ".build" / "bench-venv"),
                    help="virtual environment for the peers, created if missing (default .build/bench-venv)")
    ap.add_argument("--no-build", action="store_true", help="do not run swift build; use the existing release binary")
    ap.add_argument("--xmr", help="path of an xmr binary to use (implies --no-build)")
    ap.add_argument("--beam", type=int, default=10, help="beam width for every system that has one (default 10)")
    ap.add_argument("--latency-sample", type=int, default=1000,
                    help="single-query latency over the first N test points (default 1000)")
    ap.add_argument("--timeout", type=float, default=None, help="seconds before a system's process is killed")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds per system, interleaved; times are medians, peak RSS the largest (default 1)")
    ap.add_argument("--work", help="folder for models, predictions and logs (default .build/bench-runs/NAME-TIME)")
    ap.add_argument("--results", default=str(BENCH_DIR / "RESULTS.md"), help="markdown file the section is appended to")
    ap.add_argument("--no-results", action="store_true", help="print only; do not append to the results file")
    ap.add_argument("--skip-xmr-predict", action="store_true",
                    help="take xmr's P@k from `xmr eval` instead of scoring `xmr predict` output")
    ap.add_argument("--worker", choices=PEERS, help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def locate_xmr(a, log_dir: Path) -> tuple[Path | None, str | None]:
    """The xmr binary to run: --xmr, the existing release build, or a fresh build."""
    if a.xmr:
        path = Path(a.xmr)
        return (path, None) if path.exists() else (None, f"{path} does not exist")
    if a.no_build:
        bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=PACKAGE_DIR,
                                 capture_output=True, text=True).stdout.strip()
        path = Path(bin_dir or PACKAGE_DIR / ".build" / "release") / "xmr"
        return (path, None) if path.exists() else (None, f"--no-build but {path} is missing")
    return build_xmr(log_dir)


TIMING_KEYS = ("train_s", "predict_s", "latency_p50_ms", "latency_p99_ms")


def merge_rounds(runs: list[dict]) -> dict:
    """One row from repeated runs of a system: median times, largest peak RSS, per-round values kept."""
    good = [r for r in runs if not r.get("error")]
    if not good:
        return runs[0]
    row = dict(good[0])
    if len(runs) > 1:
        for key in TIMING_KEYS:
            values = sorted(r[key] for r in good if r.get(key) is not None)
            if values:
                mid = len(values) // 2
                row[key] = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
        row["rss_mb"] = max(r["rss_mb"] for r in good if r.get("rss_mb") is not None)
        row["rounds"] = [{k: r.get(k) for k in TIMING_KEYS + ("rss_mb", "P@1", "error")} for r in runs]
        failed = [r for r in runs if r.get("error")]
        note = f"median of {len(good)} rounds"
        if failed:
            note += f" ({len(failed)} failed, first: {failed[0]['error']})"
        row["note"] = f"{row['note']}; {note}" if row.get("note") else note
    return row


def compare(dataset: Path, a, work: Path) -> tuple[list[dict], dict]:
    """Runs every selected system on `dataset`; returns the rows and the machine description."""
    systems = [s.strip() for s in a.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in ALL_SYSTEMS]
    if unknown:
        raise SystemExit(f"--systems: unknown {', '.join(unknown)} (known: {', '.join(ALL_SYSTEMS)})")
    work.mkdir(parents=True, exist_ok=True)
    peers = [s for s in systems if s in PEERS]
    install = {}
    python = None
    if peers:
        python, install = ensure_venv(Path(a.venv), peers, work / "logs")
    xmr, xmr_error = (None, None)
    if "xmr" in systems:
        xmr, xmr_error = locate_xmr(a, work / "logs")
    machine = machine_info(xmr)
    rounds = max(1, a.repeat)
    runs: dict[str, list[dict]] = {s: [] for s in systems}
    # Rounds interleave the systems, so slow drifts of the machine's load hit all of them alike.
    for index in range(rounds):
        round_work = work if rounds == 1 else work / f"round{index + 1}"
        for system in systems:
            suffix = f" (round {index + 1}/{rounds})" if rounds > 1 else ""
            if system == "xmr":
                if xmr_error:
                    runs[system].append({"system": "xmr", "error": xmr_error})
                    continue
                log(f"xmr: train and eval on {dataset.name}{suffix}")
                runs[system].append(run_xmr(xmr, dataset, round_work, a.threads, a.beam, a.latency_sample,
                                            a.timeout, score_predictions=not a.skip_xmr_predict))
            elif install.get(system):
                runs[system].append({"system": system, "settings": PEER_SETTINGS[system], "error": install[system]})
            else:
                log(f"{system}: train and eval on {dataset.name}{suffix}")
                runs[system].append(run_peer(system, python, dataset, round_work, a.threads, a.beam,
                                             a.latency_sample, a.timeout))
            if runs[system][-1].get("error"):
                log(f"{system}: {runs[system][-1]['error']}")
    return [merge_rounds(runs[s]) for s in systems], machine


def main(argv=None) -> int:
    a = parse_args(argv)
    if a.worker:
        worker_main(a)
        return 0
    dataset = Path(a.dataset).resolve()
    for name in ("train.txt", "test.txt"):
        if not (dataset / name).is_file():
            print(f"compare.py: {dataset / name} is missing (need an XMC-format dataset folder)", file=sys.stderr)
            return 1
    stamp = time.strftime("%Y%m%d-%H%M%S")
    work = Path(a.work) if a.work else PACKAGE_DIR / ".build" / "bench-runs" / f"{dataset.name}-{stamp}"
    rows, machine = compare(dataset, a, work)
    (work / "results.json").write_text(json.dumps({"dataset": str(dataset), "machine": machine, "threads": a.threads,
                                                   "beam": a.beam, "rows": rows}, indent=1, default=str))
    body = "\n\n".join([
        machine_line(machine),
        f"Dataset `{dataset.name}`; {a.threads} threads for training and batch prediction; beam {a.beam}; "
        f"latency = one query at a time on one thread over the first {a.latency_sample} test points"
        + (f"; times are medians of {a.repeat} interleaved rounds" if a.repeat > 1 else "") + ".\n"
        f"Command: `Benchmarks/compare.py {' '.join(sys.argv[1:] if argv is None else argv)}`",
        table(rows), ratios(rows), notes(rows)])
    print(f"# {dataset.name}\n\n{body}")
    if not a.no_results:
        append_results(Path(a.results), f"{dataset.name}, {machine['date_utc']}", body)
        log(f"appended to {a.results}")
    log(f"models, predictions and logs in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
