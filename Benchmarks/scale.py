#!/usr/bin/env python3
"""Scale sweep: xmr (and libpecos where feasible) on synthetic datasets of growing label count.

usage: scale.py [--labels 10000,100000,1000000] [--systems xmr,pecos] [--threads 2]
                [--peers-up-to L] [--points-per-label 2] [--max-test-points 10000] [--timeout SECONDS]
                [--data-root .build/bench-data] [--venv PATH] [--no-build | --xmr PATH]
                [--results Benchmarks/RESULTS.md | --no-results]

For every L it generates (or reuses) a seeded synthetic dataset with `synthetic.py` (N = 2 L
training points by default, D = clip(10 L, 20k, 1M)), then trains and evaluates each system as
`compare.py` does (same subprocesses, same peak-RSS measurement), and records training time,
model size, peak memory, batch predict time and single-query latency. The table, the measured
growth exponents between consecutive sizes and what theory predicts are appended to RESULTS.md.
A system that crashes or passes --timeout becomes a row with its error; the sweep goes on.
"""
from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402  (the runners and report helpers live there)

EXPECTATIONS = """\
What to expect (XR-Linear, B = 16, leaves of at most 100 labels, beam b = 10, N = 2 L):

- **Depth.** Balanced 2-means halves the labels ceil(log2(L / 100)) times; every 4 binary levels
  collapse into one 16-ary level, and the labels form one more level: d = 3 levels at L = 10k,
  4 at 100k, 5 at 1M (libpecos builds the same shape).
- **Training** ~ clustering + rankers. Clustering makes ~log2(L / 100) passes over the PIFA label
  vectors: ~ nnz(PIFA) · log L. Rankers: at every level, each point is a positive or a
  teacher-forced negative in the B child problems of the parents of its labels, so a level costs
  ~ nnz(X) · B · labels-per-point and the model ~ N · d ~ N log L. With N = 2 L that is
  ~ L log L: 100x more labels should take about 100 · 5/3 ≈ 170x longer (a growth exponent a
  little above 1, e.g. L^1.1).
- **Latency** ~ b · (B · (d − 1) + leaf size) sparse dot products of the query with child weight
  vectors, plus a top-k: it grows only with the depth, so from 10k to 1M labels expect roughly
  flat to 1.5x, unless the model outgrows the caches (then p99 climbs first).
- **Model size** ~ number of kept weights, dominated by the label level (one weight vector per
  label): roughly linear in L (exponent ~ 1).
- **Peak memory** ~ the training data (N · nonzeros per point) + the model + per-thread scratch:
  roughly linear in L here, since N grows with L.
"""


def log(message: str) -> None:
    compare.log(message)


def dataset_for(a, labels: int, python: Path) -> tuple[Path | None, dict | str]:
    """The synthetic dataset folder for L = labels (generated if missing); (path, description) or (None, error)."""
    train_points = int(round(a.points_per_label * labels))
    test_points = max(1, min(train_points // 4, a.max_test_points))
    folder = Path(a.data_root) / f"synthetic-L{labels}-N{train_points}-T{test_points}-s{a.seed}"
    description_path = folder / "synthetic.json"
    if description_path.exists():
        return folder, json.loads(description_path.read_text())
    log(f"generating {folder.name}")
    run = subprocess.run([str(python), str(Path(__file__).resolve().parent / "synthetic.py"), str(folder),
                          "--labels", str(labels), "--train-points", str(train_points),
                          "--test-points", str(test_points), "--seed", str(a.seed)],
                         capture_output=True, text=True)
    if run.returncode != 0 or not description_path.exists():
        return None, "generation failed: " + (run.stderr.strip().splitlines() or ["?"])[-1]
    return folder, json.loads(description_path.read_text())


def growth(rows: list[dict], system: str, key: str) -> str:
    """Measured exponents e in value ~ L^e between consecutive sizes of one system."""
    points = [(r["L"], r.get(key)) for r in rows if r["system"] == system and r.get(key)]
    parts = []
    for (l1, v1), (l2, v2) in zip(points, points[1:]):
        parts.append(f"{l1:,}→{l2:,}: ×{v2 / v1:.1f} (L^{math.log(v2 / v1) / math.log(l2 / l1):.2f})")
    return "; ".join(parts) if parts else "–"


def scale_table(rows: list[dict]) -> str:
    head = ["L", "train N", "D", "nnz/point", "system", "train s", "model MB", "peak RSS MB", "predict s",
            "latency p50 ms", "latency p99 ms", "levels", "P@1"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    f = compare.fmt
    for r in rows:
        lead = [f"{r['L']:,}", f"{r['N']:,}", f"{r['D']:,}", f(r.get("nnz_per_point"), 1), r["system"]]
        if r.get("error") and r.get("train_s") is None:
            text = r["error"] if r["error"].startswith("not run") else f"failed: {r['error']}"
            lines.append("| " + " | ".join(lead + [text.replace("|", "/")] + [""] * 7) + " |")
            continue
        lines.append("| " + " | ".join(lead + [f(r.get("train_s")), f(r.get("model_mb"), 1), f(r.get("rss_mb"), 0),
                                               f(r.get("predict_s")), f(r.get("latency_p50_ms"), 3),
                                               f(r.get("latency_p99_ms"), 3), f(r.get("levels")),
                                               f(r.get("P@1"), 4)]) + " |")
    return "\n".join(lines)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", default="10000,100000,1000000", help="comma-separated label counts")
    ap.add_argument("--systems", default="xmr,pecos", help="xmr and/or peers (pecos, omikuji, napkinxc)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--peers-up-to", type=int, default=None,
                    help="run the peers only up to this many labels (libpecos needs hours at 1M on 2 cores)")
    ap.add_argument("--points-per-label", type=float, default=2.0, help="training points per label (default 2)")
    ap.add_argument("--max-test-points", type=int, default=10000, help="test points: min(N / 4, this)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--beam", type=int, default=10)
    ap.add_argument("--latency-sample", type=int, default=1000)
    ap.add_argument("--timeout", type=float, default=None, help="seconds before one system's process is killed")
    ap.add_argument("--data-root", default=str(compare.PACKAGE_DIR / ".build" / "bench-data"))
    ap.add_argument("--work", default=None, help="models and logs (default .build/bench-runs/scale-TIME)")
    ap.add_argument("--venv", default=str(compare.PACKAGE_DIR / ".build" / "bench-venv"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--xmr", help="path of an xmr binary to use (implies --no-build)")
    ap.add_argument("--keep-models", action="store_true", help="keep the trained models (large at 1M labels)")
    ap.add_argument("--results", default=str(compare.BENCH_DIR / "RESULTS.md"))
    ap.add_argument("--no-results", action="store_true")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    a = parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in a.labels.split(",") if s.strip()]
    systems = [s.strip() for s in a.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in compare.ALL_SYSTEMS]
    if unknown or not sizes:
        print(f"scale.py: unknown systems {unknown} or no --labels", file=sys.stderr)
        return 2
    work_root = Path(a.work) if a.work else compare.PACKAGE_DIR / ".build" / "bench-runs" / f"scale-{time.strftime('%Y%m%d-%H%M%S')}"
    work_root.mkdir(parents=True, exist_ok=True)
    peers = [s for s in systems if s in compare.PEERS]
    # numpy for the generator comes from the same venv as the peers.
    python, install = compare.ensure_venv(Path(a.venv), peers, work_root / "logs")
    if install.get("numpy"):
        print(f"scale.py: the generator needs numpy from {a.venv}: {install['numpy']}", file=sys.stderr)
        return 1
    xmr, xmr_error = (None, None)
    if "xmr" in systems:
        xmr, xmr_error = compare.locate_xmr(a, work_root / "logs")
    machine = compare.machine_info(xmr)

    rows = []
    for labels in sizes:
        folder, description = dataset_for(a, labels, python)
        base = {"L": labels}
        if folder is None:
            for system in systems:
                rows.append({**base, "N": 0, "D": 0, "system": system, "error": description})
            continue
        base.update({"N": description["train_points"], "D": description["features"],
                     "nnz_per_point": description["splits"]["train"]["nonzeros_per_point"],
                     "generation_s": description.get("seconds")})
        for system in systems:
            work = work_root / f"L{labels}"
            log(f"{system}: L = {labels:,}")
            if system == "xmr":
                row = {"system": "xmr", "error": xmr_error} if xmr_error else \
                    compare.run_xmr(xmr, folder, work, a.threads, a.beam, a.latency_sample, a.timeout,
                                    score_predictions=False)
            elif a.peers_up_to is not None and labels > a.peers_up_to:
                row = {"system": system, "error": f"not run: L above --peers-up-to {a.peers_up_to:,}"}
            elif install.get(system):
                row = {"system": system, "error": install[system]}
            else:
                row = compare.run_peer(system, python, folder, work, a.threads, a.beam, a.latency_sample, a.timeout)
            if row.get("error"):
                log(f"{system}: {row['error']}")
            rows.append({**base, **row})
            if not a.keep_models:
                for model in work.glob("model-*"):
                    subprocess.run(["rm", "-rf", str(model)])
            (work_root / "results.json").write_text(json.dumps({"machine": machine, "rows": rows}, indent=1, default=str))

    growth_lines = []
    for system in systems:
        for key, name in (("train_s", "train time"), ("model_mb", "model size"), ("rss_mb", "peak RSS"),
                          ("latency_p50_ms", "latency p50")):
            growth_lines.append(f"- {system} {name}: {growth(rows, system, key)}")
    body = "\n\n".join([
        compare.machine_line(machine),
        f"Synthetic datasets from `Benchmarks/synthetic.py` (seed {a.seed}, N = {a.points_per_label:g} L training "
        f"points, test points min(N/4, {a.max_test_points})); {a.threads} threads for training and batch "
        f"prediction; beam {a.beam}; latency = one query at a time on one thread over the first "
        f"{a.latency_sample} test points. P@1 is a sanity check, not the point of this table.",
        scale_table(rows),
        "Measured growth (value ratio between consecutive sizes, and the exponent e in value ~ L^e):\n\n"
        + "\n".join(growth_lines),
        EXPECTATIONS])
    print(body)
    if not a.no_results:
        compare.append_results(Path(a.results), f"Scale sweep L = {', '.join(f'{s:,}' for s in sizes)}, "
                                                f"{machine['date_utc']}", body)
        log(f"appended to {a.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
