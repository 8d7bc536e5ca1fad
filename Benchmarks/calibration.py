#!/usr/bin/env python3
"""Calibration and thresholds of xmr on real datasets: ECE and Brier before and after, and the
micro-F1 of a tuned threshold against the best fixed top-k.

usage: calibration.py DATASET_DIR [DATASET_DIR ...] [--xmr PATH] [--threads 2] [--valid-share 0.1]
                      [--seed 0] [--work DIR]

For each dataset (train.txt/test.txt in the XC text format), in one run:
1. the training split is split by a seeded shuffle into a fitting part (1 − share) and a
   validation part (share), written as two dataset folders;
2. xmr trains on the fitting part only, so the validation points are unseen, like the test split;
3. `xmr calibrate --valid` fits Platt scaling and isotonic regression on the validation points
   and reports ECE (15 bins) and Brier on the test split over every ranked label (top-k of
   each point, the model's k = 10), before (raw score as the probability) and after each;
4. `xmr tune-thresholds --valid` tunes a global probability threshold for micro-F1 and reports
   its test micro-F1 against the best fixed top-k;
5. for comparison, a model trained on the whole training split is calibrated the way
   `xmr calibrate` does without --valid: on 20% of the training split ranked by a copy of the
   model trained on the other 80%.
Builds xmr in release mode unless --xmr is given. Prints a markdown table.
"""
from __future__ import annotations

import random
from pathlib import Path

from xmrtool import arguments, run_json, start, train


def split_training(dataset: Path, work: Path, share: float, seed: int) -> tuple[Path, Path]:
    """Writes work/fit (1 − share of train.txt, all of test.txt) and work/valid (share of train.txt)."""
    lines = (dataset / "train.txt").read_text().splitlines()
    header, points = lines[0].split(), [l for l in lines[1:1 + int(lines[0].split()[0])]]
    order = list(range(len(points)))
    random.Random(seed).shuffle(order)
    cut = int(round(share * len(points)))
    valid_rows, fit_rows = sorted(order[:cut]), sorted(order[cut:])
    folders = []
    for name, rows in (("fit", fit_rows), ("valid", valid_rows)):
        folder = work / name
        folder.mkdir(parents=True, exist_ok=True)
        text = f"{len(rows)} {header[1]} {header[2]}\n" + "".join(points[r] + "\n" for r in rows)
        (folder / "train.txt").write_text(text)
        if name == "fit":
            (folder / "test.txt").write_text((dataset / "test.txt").read_text())
        for extra in ("label_names.txt", "feature_names.txt"):
            if (dataset / extra).exists():
                (folder / extra).write_text((dataset / extra).read_text())
        folders.append(folder)
    return folders[0], folders[1]


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("datasets", type=Path, nargs="+")
    parser.add_argument("--valid-share", type=float, default=0.1)
    args = parser.parse_args()
    xmr, work_root = start(args, "xmr-calibration-")
    rows = []
    for dataset in args.datasets:
        work = work_root / dataset.name
        fit, valid = split_training(dataset, work, args.valid_share, args.seed)
        model = work / "model"
        train(xmr, fit, model, args.threads)
        results = {}
        for method in ("platt", "isotonic"):
            results[method] = run_json(xmr, "calibrate", "--model", model, fit, "--valid", valid, "--method", method,
                                  "--threads", args.threads, "--json")
        thresholds = run_json(xmr, "tune-thresholds", "--model", model, fit, "--valid", valid, "--threads", args.threads, "--json")
        full = work / "model-full"
        train(xmr, dataset, full, args.threads)
        biased = run_json(xmr, "calibrate", "--model", full, dataset, "--method", "isotonic", "--threads", args.threads, "--json")
        rows.append((dataset.name, results, thresholds, biased))
    print(f"work folder {work_root}; validation share {args.valid_share}, seed {args.seed}")
    print("| dataset | fitted on | test predictions | ECE before | Brier before | ECE Platt | Brier Platt | ECE isotonic | Brier isotonic |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, results, _, biased in rows:
        p, i = results["platt"], results["isotonic"]
        print(f"| {name} | unseen validation ({p['fit_predictions']} predictions) | {p['test_predictions']} | {p['ece_before']:.4f} | "
              f"{p['brier_before']:.4f} | {p['ece_after']:.4f} | {p['brier_after']:.4f} | {i['ece_after']:.4f} | {i['brier_after']:.4f} |")
        print(f"| {name} | 20% held out from a copy, full model ({biased['fit_predictions']}) | {biased['test_predictions']} | "
              f"{biased['ece_before']:.4f} | {biased['brier_before']:.4f} | – | – | {biased['ece_after']:.4f} | {biased['brier_after']:.4f} |")
    print()
    print("| dataset | threshold on | threshold | test micro-F1 tuned | best fixed top-k | its micro-F1 | gain |")
    print("|---|---|---|---|---|---|---|")
    for name, _, t, _ in rows:
        print(f"| {name} | {t['threshold_on']} | {t['threshold']:.4f} | {t['test_f1']:.4f} | {t['best_fixed_top_k']} | "
              f"{t['test_f1_best_top_k']:.4f} | {t['test_f1'] - t['test_f1_best_top_k']:+.4f} |")


if __name__ == "__main__":
    main()
