#!/usr/bin/env python3
"""New labels without retraining: `xmr add-labels` against a full retrain on all labels.

usage: add_labels.py DATASET_DIR [--xmr PATH] [--threads 2] [--fraction 0.1] [--seed 0]
                     [--rounds 1] [--top-k 20] [--matcher linear|hnsw] [--given new|sample|all]
                     [--sample 0.1] [--unweighted] [--tolerance T] [--work DIR]

In one run, on a dataset folder with train.txt and test.txt (XC text format):
1. a seeded `fraction` of the labels that have training points is held out; label ids are
   renumbered so the kept labels come first (0..K-1, in their order) and the held-out ones after
   (K..L-1), and three folders are written: `base` (every training point, held-out labels
   removed: K labels), `new` (the training points that have a held-out label, with all their
   labels: L labels), `sample` (those of `new` plus a seeded `--sample` fraction of the other
   training points, which have old labels only and serve as the new labels' negatives) and
   `full` (every training point and the test split with all labels);
2. `xmr train base` (feature vectors, the `--matcher` given) gives the base model;
3. rounds, interleaved: `xmr train full` (timed) and `xmr add-labels` on a fresh copy of the
   base model with `new` (or with `--given sample`, `sample`; with `--given all`, every
   training point: `full`) (timed; the wall time of the whole command: load, add, save); with
   `sample`, add-labels is told the fraction (`--sample-fraction`) unless `--unweighted`, and
   `--tolerance` when given (else the command's default);
4. every model ranks the test split (top-k, `--format xc`), and the script scores:
   - the new labels, on the test points that have one: P@5 and R@5 counting only new labels
     among the top 5 of the whole ranking, and the same among the new labels ranked alone;
   - the old labels, on every test point, against the old labels only: P@1/3/5 of the ranking
     with the new labels the point has removed and the others kept (a new label ranked on a
     point that does not have it is a miss: what a user of the old labels sees, "did adding
     labels hurt my labels"), and of the ranking with every new label removed (what the old
     labels' own scores give), for the base model (it has no new labels, so both are its P@k)
     and the extended one;
   - every model's P@1/3/5 on all labels (the full test truth; the base model cannot rank
     the new labels).
Builds xmr in release mode unless --xmr is given. Prints the numbers as measured.
"""
from __future__ import annotations

import random
import shutil
import statistics
import time
from pathlib import Path

from xmrtool import arguments, run, run_json, start, train


def read_xc(path: Path) -> tuple[list[str], list[list[int]], list[str]]:
    """Header fields, each point's label ids, and each point's feature part (kept verbatim)."""
    lines = path.read_text().splitlines()
    header = lines[0].split()
    labels, features = [], []
    for line in lines[1:1 + int(header[0])]:
        first, _, rest = line.partition(" ")
        if ":" in first:  # a point without labels whose first token is a feature
            labels.append([])
            features.append(line.strip())
        else:
            labels.append([int(l) for l in first.split(",") if l])
            features.append(rest.strip())
    return header, labels, features


def write_xc(path: Path, features: int, label_count: int, labels: list[list[int]], rows: list[str]) -> None:
    text = [f"{len(rows)} {features} {label_count}"]
    for ls, fs in zip(labels, rows):
        text.append(",".join(map(str, sorted(ls))) + " " + fs)
    path.write_text("\n".join(text) + "\n")


def prepare(dataset: Path, work: Path, fraction: float, seed: int, sample: float) -> dict:
    header, train_labels, train_rows = read_xc(dataset / "train.txt")
    _, test_labels, test_rows = read_xc(dataset / "test.txt")
    features, label_count = int(header[1]), int(header[2])
    names_file = dataset / "label_names.txt"
    names = names_file.read_text().splitlines() if names_file.exists() else [f"label{i}" for i in range(label_count)]
    used = sorted({l for ls in train_labels for l in ls})
    held = sorted(random.Random(seed).sample(used, int(round(fraction * len(used)))))
    held_set = set(held)
    kept = [l for l in range(label_count) if l not in held_set]
    new_id = {old: i for i, old in enumerate(kept + held)}
    k = len(kept)
    names_new = [names[l] for l in kept + held]
    remap = lambda ls: [new_id[l] for l in ls]
    train_all = [remap(ls) for ls in train_labels]
    test_all = [remap(ls) for ls in test_labels]
    folders = {name: work / name for name in ("base", "new", "sample", "full")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    write_xc(folders["base"] / "train.txt", features, k, [[l for l in ls if l < k] for ls in train_all], train_rows)
    (folders["base"] / "label_names.txt").write_text("\n".join(names_new[:k]) + "\n")
    rows = [i for i, ls in enumerate(train_all) if any(l >= k for l in ls)]
    write_xc(folders["new"] / "train.txt", features, label_count, [train_all[i] for i in rows], [train_rows[i] for i in rows])
    (folders["new"] / "label_names.txt").write_text("\n".join(names_new) + "\n")
    others = [i for i, ls in enumerate(train_all) if not any(l >= k for l in ls)]
    extra = random.Random(seed + 1).sample(others, int(round(sample * len(others))))
    sampled = sorted(rows + extra)
    write_xc(folders["sample"] / "train.txt", features, label_count, [train_all[i] for i in sampled],
             [train_rows[i] for i in sampled])
    (folders["sample"] / "label_names.txt").write_text("\n".join(names_new) + "\n")
    write_xc(folders["full"] / "train.txt", features, label_count, train_all, train_rows)
    write_xc(folders["full"] / "test.txt", features, label_count, test_all, test_rows)
    (folders["full"] / "label_names.txt").write_text("\n".join(names_new) + "\n")
    return {"folders": folders, "kept": k, "labels": label_count, "held": len(held), "new_points": len(rows),
            "test": test_all, "train_points": len(train_all), "sample_points": len(extra),
            "sample_fraction": len(extra) / len(others) if others else 1.0}


def rankings(xmr: str, model: Path, data: Path, top_k: int, out: Path) -> list[list[int]]:
    """Each test point's ranked label ids (by descending score, ties by ascending id)."""
    text = run(xmr, "predict", "--model", model, data, "--split", "test", "--format", "xc", "--top-k", top_k)
    out.write_text(text)
    ranked = []
    for line in text.splitlines()[1:]:
        pairs = [(int(a), float(b)) for a, b in (p.split(":") for p in line.split())]
        ranked.append([l for l, _ in sorted(pairs, key=lambda p: (-p[1], p[0]))])
    return ranked


def new_label_scores(ranked: list[list[int]], truth: list[list[int]], k: int, alone: bool) -> tuple[float, float, int]:
    """P@5 and R@5 of the new labels (ids ≥ k) on the test points that have one."""
    p = r = 0.0
    count = 0
    for ranking, labels in zip(ranked, truth):
        true_new = {l for l in labels if l >= k}
        if not true_new:
            continue
        top = [l for l in ranking if l >= k][:5] if alone else ranking[:5]
        hits = sum(1 for l in top if l in true_new)
        p += hits / 5
        r += hits / len(true_new)
        count += 1
    return p / count, r / count, count


def precision(ranked: list[list[int]], truth: list[list[int]], ks=(1, 3, 5), keep=None, rank_all=False) -> list[float]:
    """P@k over every test point; with `keep`, the truth is restricted to ids < keep, and so is
    the ranking, unless `rank_all`: then only the ids ≥ keep that the point has are removed from
    the ranking, and one it does not have stays in it as a miss."""
    result = []
    for k in ks:
        total = 0.0
        for ranking, labels in zip(ranked, truth):
            if keep is not None:
                ranking = [l for l in ranking if l < keep or (rank_all and l not in labels)]
                labels = [l for l in labels if l < keep]
            total += sum(1 for l in ranking[:k] if l in set(labels)) / k
        result.append(total / len(ranked))
    return result


def timed(function, *arguments) -> tuple[float, str]:
    """Seconds `function(*arguments)` took, and what it returned."""
    began = time.monotonic()
    out = function(*arguments)
    return time.monotonic() - began, out


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--top-k", type=int, default=20)
    parser.add_argument("--matcher", default="linear", help="the matcher of both models (xmr train --matcher)")
    parser.add_argument("--given", choices=("new", "sample", "all"), default="new",
                        help="what add-labels is given: the training points with a held-out label, those plus a "
                             "--sample of the others, or all of them")
    parser.add_argument("--sample", type=float, default=0.1,
                        help="with --given sample: the fraction of the training points without a held-out label given too")
    parser.add_argument("--unweighted", action="store_true",
                        help="with --given sample: do not pass --sample-fraction (every given point counts once)")
    parser.add_argument("--tolerance", type=float,
                        help="add-labels --tolerance (the solver's eps for what it trains; default: the command's)")
    args = parser.parse_args()
    xmr, work = start(args, "xmr-add-labels-")
    data = prepare(args.dataset, work, args.fraction, args.seed, args.sample)
    folders, k = data["folders"], data["kept"]
    print(f"{args.dataset.name}: {data['train_points']} training points, {data['labels']} labels; held out "
          f"{data['held']} ({args.fraction:.0%} of the labels with training points), kept {k}; "
          f"`new` has the {data['new_points']} training points with a held-out label, `sample` those and "
          f"{data['sample_points']} others ({args.sample:.0%}); given: {args.given}; work folder {work}")
    base = work / "model-base"
    base_seconds, _ = timed(train, xmr, folders["base"], base, args.threads, "--features", "vectors", "--matcher", args.matcher)
    full_times, add_times, add_reports = [], [], []
    full, added = work / "model-full", work / "model-added"
    for r in range(args.rounds):
        seconds, _ = timed(train, xmr, folders["full"], full, args.threads, "--features", "vectors", "--matcher", args.matcher)
        full_times.append(seconds)
        shutil.rmtree(added, ignore_errors=True)
        shutil.copytree(base, added)
        began = time.monotonic()
        given = folders[{"new": "new", "sample": "sample", "all": "full"}[args.given]]
        weighting = ["--sample-fraction", f"{data['sample_fraction']:.6f}"] if args.given == "sample" and not args.unweighted else []
        tolerance = ["--tolerance", args.tolerance] if args.tolerance is not None else []
        report = run_json(xmr, "add-labels", "--model", added, "--dataset", given, "--threads", args.threads, "--json",
                          *weighting, *tolerance)
        add_times.append(time.monotonic() - began)
        add_reports.append(report)
        print(f"round {r + 1}: full retrain {full_times[-1]:.2f} s, add-labels {add_times[-1]:.2f} s "
              f"(training part {report['add_seconds']:.2f} s, load {report['load_seconds']:.2f} s, save {report['save_seconds']:.2f} s)")
    report = add_reports[-1]
    new_clusters = len({l['cluster'] for l in report['added_labels'] if l['new_cluster']})
    copied = sum(1 for n in report['trained_nodes'] if not n['is_new'])
    print(f"base model trained in {base_seconds:.2f} s; add-labels placed {len(report['added_labels'])} labels "
          f"({new_clusters} new clusters, {report['over_capacity']} over capacity), copied {copied} matcher nodes "
          f"(trained on from the originals' weights), made {len(report['trained_nodes']) - copied}, "
          f"left {report['unchanged_path_nodes']} unchanged")
    truth = data["test"]
    ranked = {name: rankings(xmr, model, folders["full"], args.top_k, work / f"{name}.xc")
              for name, model in (("base", base), ("added", added), ("full", full))}
    print("")
    print("| model | new P@5 | new R@5 | new P@5 (new labels alone) | new R@5 (alone) | test points |")
    print("|---|---|---|---|---|---|")
    scores = {}
    for name in ("added", "full"):
        p, r_, count = new_label_scores(ranked[name], truth, k, alone=False)
        pa, ra, _ = new_label_scores(ranked[name], truth, k, alone=True)
        scores[name] = (p, r_, pa, ra)
        print(f"| {name} | {p:.4f} | {r_:.4f} | {pa:.4f} | {ra:.4f} | {count} |")
    print("")
    print("| model | old labels P@1 | P@3 | P@5 (wrong new labels kept: a miss) | old labels P@1 | P@3 | P@5 (new labels removed) "
          "| all labels P@1 | P@3 | P@5 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    old, kept = {}, {}
    for name in ("base", "added", "full"):
        old[name] = precision(ranked[name], truth, keep=k)
        kept[name] = precision(ranked[name], truth, keep=k, rank_all=True)
        plain = precision(ranked[name], truth)
        print(f"| {name} | " + " | ".join(f"{v:.4f}" for v in kept[name] + old[name] + plain) + " |")
    full_median, add_median = statistics.median(full_times), statistics.median(add_times)
    print("")
    print(f"time: full retrain median {full_median:.2f} s, add-labels median {add_median:.2f} s, ratio {add_median / full_median:.3f} "
          f"(goal ≤ 0.2); {args.rounds} interleaved round(s), {args.threads} threads")
    ratio = scores["added"][1] / scores["full"][1] if scores["full"][1] else float("nan")
    print(f"new labels' R@5: added / full = {ratio:.3f} (goal ≥ 0.8); alone: "
          f"{scores['added'][3] / scores['full'][3] if scores['full'][3] else float('nan'):.3f}")
    drops = [b - a for b, a in zip(kept["base"], kept["added"])]
    print("old labels' P@1/3/5 drop, base − added, wrong new labels kept in the ranking: "
          + ", ".join(f"{d:+.4f}" for d in drops) + " (goal ≤ 0.005)")
    drops = [b - a for b, a in zip(old["base"], old["added"])]
    print("old labels' P@1/3/5 drop, base − added, new labels removed: " + ", ".join(f"{d:+.4f}" for d in drops))


if __name__ == "__main__":
    main()
