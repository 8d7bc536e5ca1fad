#!/usr/bin/env python3
"""Distributed training with xmr-mpi against one process, on one machine (issue 16).

usage: distributed.py DATASET [DATASET ...] [--configs 1x2,2x1,4x1] [--rounds 1] [--baseline]
                      [--bin .build/release] [--work /tmp/xmr-distributed] [--train-options "..."]

For every dataset and round it runs, one after the other (interleaved, since the machine is
noisy), `mpirun -np R xmr-mpi train DATASET --threads T --json` for every R x T of --configs,
and with --baseline also `xmr train --threads 2 --json` (one process, no MPI). Per run it
reports the wall time (measured here, process start to exit, so dataset loading and MPI start
included), xmr-mpi's own training seconds, every rank's peak RSS, the bytes exchanged between
rank 0 and the others, and whether the weight files and tree equal the first run's byte for
byte (model.json differs: it records --threads). Open MPI runs as root and oversubscribed here
(OMPI_ALLOW_RUN_AS_ROOT, OMPI_MCA_rmaps_base_oversubscribe), so 4 ranks on 2 cores run.
Prints a Markdown table; --json-out FILE also writes every run as JSON.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def model_digest(folder: Path) -> str:
    """SHA-256 over the tree and weight files of a model folder (not model.json)."""
    digest = hashlib.sha256()
    for name in sorted(os.listdir(folder)):
        if name == "tree.bin" or name.startswith("weights-"):
            digest.update(name.encode())
            digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


def run(command: list[str], env: dict) -> tuple[float, dict | None, str]:
    """Runs a command; (wall seconds, its one-line JSON or None, stderr tail)."""
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.monotonic() - start
    parsed = None
    if done.returncode == 0:
        # xmr prints one object, possibly over several lines; xmr-mpi one line.
        text = done.stdout[done.stdout.find("{"):]
        parsed = json.loads(text) if text else None
    return wall, parsed, "\n".join(done.stderr.strip().splitlines()[-3:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("datasets", nargs="+")
    ap.add_argument("--configs", default="1x2,2x1,4x1", help="ranks x threads, comma-separated (empty: none)")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--baseline", action="store_true", help="also run xmr train --threads 2")
    ap.add_argument("--bin", default=str(PACKAGE_DIR / ".build" / "release"))
    ap.add_argument("--work", default="/tmp/xmr-distributed")
    ap.add_argument("--train-options", default="", help="extra pipeline options for both")
    ap.add_argument("--json-out")
    a = ap.parse_args()

    binaries = Path(a.bin)
    mpirun = shutil.which("mpirun")
    if mpirun is None or not (binaries / "xmr-mpi").exists():
        print("distributed.py: needs mpirun and xmr-mpi (swift build -c release --product xmr-mpi)", file=sys.stderr)
        return 1
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    configs = [tuple(int(x) for x in c.split("x")) for c in a.configs.split(",") if c]
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    extra = a.train_options.split()
    rows = []
    for dataset in a.datasets:
        name = Path(dataset).name
        reference = None
        for round_number in range(1, a.rounds + 1):
            plan = [("xmr-mpi", r, t) for r, t in configs] + ([("xmr", 1, 2)] if a.baseline else [])
            for system, ranks, threads in plan:
                model = work / f"{name}-{system}-{ranks}x{threads}"
                if system == "xmr":
                    command = [str(binaries / "xmr"), "train", dataset, "--model", str(model), "--threads", str(threads), "--json"]
                else:
                    command = [mpirun, "-np", str(ranks), str(binaries / "xmr-mpi"), "train", dataset, "--model", str(model),
                               "--threads", str(threads), "--json"]
                wall, out, err = run(command + extra, env)
                row = {"dataset": name, "round": round_number, "system": system, "ranks": ranks, "threads": threads,
                       "wall_seconds": round(wall, 2)}
                if out is None:
                    row["error"] = err
                else:
                    digest = model_digest(model)
                    reference = reference or digest
                    row.update(identical=digest == reference, model_bytes=out.get("model_bytes"))
                    if system == "xmr-mpi":
                        row.update(train_seconds=out["seconds"], bytes_exchanged=out["bytes_exchanged"],
                                   peak_rss_mb=[round(r["peak_rss_bytes"] / 1e6) for r in out["rank_reports"]],
                                   points=[r["points"] for r in out["rank_reports"]])
                    else:
                        row.update(train_seconds=out.get("train_seconds"))
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
    print("| dataset | system | ranks × threads | wall s | train s | peak RSS MB per rank | points per rank | bytes exchanged | weights = first run |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "error" in r:
            print(f"| {r['dataset']} | {r['system']} | {r['ranks']} × {r['threads']} | failed: {r['error']} | | | | | |")
            continue
        rss = " / ".join(str(x) for x in r.get("peak_rss_mb", [])) or "–"
        points = " / ".join(str(x) for x in r.get("points", [])) or "–"
        exchanged = f"{r['bytes_exchanged']:,}" if "bytes_exchanged" in r else "–"
        train = f"{r['train_seconds']:.2f}" if r.get("train_seconds") is not None else "–"
        print(f"| {r['dataset']} | {r['system']} | {r['ranks']} × {r['threads']} | {r['wall_seconds']:.2f} | {train} | {rss} | "
              f"{points} | {exchanged} | {'yes' if r['identical'] else 'NO'} |")
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
