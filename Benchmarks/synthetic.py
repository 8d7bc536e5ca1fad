#!/usr/bin/env python3
"""Seeded generator of synthetic XMC datasets for scale benchmarks (numpy only).

usage: synthetic.py OUT_DIR --labels L [--points-per-label 2 | --train-points N] [--test-points M]
                    [--features D] [--seed 0] [more shape options, see --help]

Writes OUT_DIR/train.txt and test.txt in the Extreme Classification Repository text format,
label_names.txt ("label-<i>") and synthetic.json (the parameters and measured statistics).

The model behind the data, all drawn from one seed:
* Labels 0..L-1 are grouped into topics of `--topic-size` consecutive ids. Label popularity is
  Zipf-like: a random permutation gives every label a rank r, weight (r + 1)^-alpha.
* Every label has `--label-features` characteristic feature ids (uniform over D), every topic
  `--topic-features` shared ones. Features have a background Zipf popularity (exponent 1) over
  another random ranking, and an idf-like weight 1 + ln(1 + rank / 20): frequent background
  features weigh little, rare ones a lot.
* A point has k labels, k in 1..`--max-labels-per-point` with P(k) ~ k^-beta. Its first label is
  Zipf-distributed; each further label comes with probability `--same-topic` from the first
  label's topic (uniformly), otherwise from the Zipf distribution again (duplicates merge).
  In the train split the first labels of the first min(N, L) points run through a random
  permutation of all labels, so every label has at least one training point (as in the XMC
  repository datasets, whose labels are those that occur); the same share of test points draws
  its first label uniformly, so both splits follow the same mixture.
* Its features: each characteristic feature of each of its labels with probability `--keep`,
  each feature of their topics with probability `--topic-keep`, plus Poisson(`--noise`) background
  features. Value = idf x (1 + ln tf) with tf in 1..3 (topic features x 0.7); duplicates add up;
  rows are l2-normalized and written with 4 decimals.

Default size rule: N = 2 L training points, N / 4 test points, D = clip(10 L, 20k, 1M) features.
Generation and writing are vectorized in chunks of 65,536 points (fixed, so the output depends
only on the seed and the options): 33k-57k points a second measured at L = 50k-100k, so
L = 1M with 2.5M points should take one to two minutes and ~1.2 GB of disk.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

CHUNK = 65536
VALUE_SCALE = 10000  # 4 decimals


def default_features(labels: int) -> int:
    return int(min(1_000_000, max(20_000, 10 * labels)))


class LabelModel:
    """The seeded label, topic and feature structure shared by the train and test splits."""

    def __init__(self, labels: int, features: int, seed: int, alpha: float, topic_size: int,
                 label_features: int, topic_features: int):
        rng = np.random.default_rng([seed, 0])
        self.L, self.D, self.topic_size = labels, features, topic_size
        self.topics = (labels + topic_size - 1) // topic_size
        rank = rng.permutation(labels)
        weight = (rank + 1.0) ** -alpha
        self.label_cdf = np.cumsum(weight / weight.sum())
        self.coverage = rng.permutation(labels)  # train first labels of the first L points
        self.label_features = rng.integers(0, features, size=(labels, label_features), dtype=np.int64)
        self.topic_features = rng.integers(0, features, size=(self.topics, topic_features), dtype=np.int64)
        feature_rank = rng.permutation(features)
        fweight = 1.0 / (feature_rank + 1.0)
        self.feature_cdf = np.cumsum(fweight / fweight.sum())
        self.idf = (1.0 + np.log1p(feature_rank / 20.0)).astype(np.float64)

    def zipf_labels(self, rng, n: int) -> np.ndarray:
        return np.minimum(np.searchsorted(self.label_cdf, rng.random(n)), self.L - 1)

    def topic_of(self, labels: np.ndarray) -> np.ndarray:
        return labels // self.topic_size

    def uniform_in_topic(self, rng, topics: np.ndarray) -> np.ndarray:
        start = topics * self.topic_size
        size = np.minimum(self.topic_size, self.L - start)
        return start + np.floor(rng.random(topics.size) * size).astype(np.int64)


def generate_chunk(model: LabelModel, a, rng, n: int, first_index: int, train: bool, uniform_share: float):
    """Labels (y_ptr, labels) and l2-normalized features (x_ptr, ids, quantized values) of n points."""
    L, D = model.L, model.D
    kmax = a.max_labels_per_point
    pk = np.arange(1, kmax + 1, dtype=np.float64) ** -a.labels_per_point_exponent
    k = rng.choice(kmax, size=n, p=pk / pk.sum()) + 1

    first = model.zipf_labels(rng, n)
    if train:
        covered = np.arange(first_index, first_index + n) < L
        first[covered] = model.coverage[np.arange(first_index, first_index + n)[covered]]
    else:
        uniform = rng.random(n) < uniform_share
        first[uniform] = rng.integers(0, L, size=int(uniform.sum()))
    owner = np.repeat(np.arange(n), k - 1)
    extra = model.zipf_labels(rng, owner.size)
    same = rng.random(owner.size) < a.same_topic
    extra[same] = model.uniform_in_topic(rng, model.topic_of(first[owner[same]]))
    keys = np.unique(np.concatenate([np.arange(n, dtype=np.int64) * L + first, owner.astype(np.int64) * L + extra]))
    label_rows, labels = keys // L, keys % L
    y_ptr = np.concatenate([[0], np.cumsum(np.bincount(label_rows, minlength=n))])

    rows, feats, vals = [], [], []
    # characteristic features of each (point, label) pair
    keep = rng.random((labels.size, model.label_features.shape[1])) < a.keep
    pair, slot = np.nonzero(keep)
    f = model.label_features[labels[pair], slot]
    rows.append(label_rows[pair]); feats.append(f)
    vals.append(model.idf[f] * (1.0 + np.log(rng.integers(1, 4, size=f.size))))
    # topic features
    keep = rng.random((labels.size, model.topic_features.shape[1])) < a.topic_keep
    pair, slot = np.nonzero(keep)
    f = model.topic_features[model.topic_of(labels[pair]), slot]
    rows.append(label_rows[pair]); feats.append(f)
    vals.append(0.7 * model.idf[f] * (1.0 + np.log(rng.integers(1, 4, size=f.size))))
    # background noise
    m = rng.poisson(a.noise, size=n)
    r = np.repeat(np.arange(n), m)
    f = np.minimum(np.searchsorted(model.feature_cdf, rng.random(r.size)), D - 1)
    rows.append(r); feats.append(f)
    vals.append(model.idf[f] * (1.0 + np.log(rng.integers(1, 4, size=f.size))))

    keys = np.concatenate(rows).astype(np.int64) * D + np.concatenate(feats)
    uniq, inverse = np.unique(keys, return_inverse=True)
    values = np.bincount(inverse.ravel(), weights=np.concatenate(vals))
    x_rows, x_ids = uniq // D, uniq % D
    norms = np.sqrt(np.bincount(x_rows, weights=values * values, minlength=n))
    values = values / norms[x_rows]
    q = np.maximum(1, np.rint(values * VALUE_SCALE)).astype(np.int64)
    x_ptr = np.concatenate([[0], np.cumsum(np.bincount(x_rows, minlength=n))])
    return y_ptr, labels, x_ptr, x_ids, q


def digit_count(a: np.ndarray, width: int) -> np.ndarray:
    nd = np.ones(a.shape, dtype=np.int64)
    for j in range(1, width):
        nd += a >= 10 ** j
    return nd


def put_number(block: np.ndarray, mask: np.ndarray, col: int, a: np.ndarray, width: int) -> None:
    """Writes a right-aligned in columns col..col+width-1; leading columns are masked out."""
    nd = digit_count(a, width)
    for c in range(width):
        power = width - 1 - c
        block[:, col + c] = (a // 10 ** power) % 10 + 48
        mask[:, col + c] = power < nd


def format_chunk(y_ptr, labels, x_ptr, x_ids, q, label_width: int, feature_width: int) -> bytes:
    """The XMC text lines of a chunk, built as one masked byte matrix (one field a row)."""
    n = y_ptr.size - 1
    ny, nx = labels.size, x_ids.size
    label_counts, feature_counts = np.diff(y_ptr), np.diff(x_ptr)
    width = max(label_width + 1, feature_width + 8)  # id + ':' + 'd.dddd' + separator
    block = np.zeros((ny + nx, width), dtype=np.uint8)
    mask = np.zeros((ny + nx, width), dtype=bool)
    label_row = np.repeat(np.arange(n), label_counts)
    feature_row = np.repeat(np.arange(n), feature_counts)
    label_pos = np.arange(ny) + x_ptr[label_row]          # row r's fields: its labels, then features
    feature_pos = np.arange(nx) + y_ptr[feature_row + 1]

    lb, lm = np.zeros((ny, width), np.uint8), np.zeros((ny, width), bool)
    put_number(lb, lm, 0, labels, label_width)
    last_label = (np.arange(ny) + 1) == y_ptr[label_row + 1]
    sep = np.where(last_label, np.where(feature_counts[label_row] > 0, ord(" "), ord("\n")), ord(","))
    lb[:, label_width], lm[:, label_width] = sep, True
    block[label_pos], mask[label_pos] = lb, lm

    fb, fm = np.zeros((nx, width), np.uint8), np.zeros((nx, width), bool)
    put_number(fb, fm, 0, x_ids, feature_width)
    c = feature_width
    fb[:, c] = ord(":")
    fb[:, c + 1] = q // VALUE_SCALE + 48
    fb[:, c + 2] = ord(".")
    frac = q % VALUE_SCALE
    for j in range(4):
        fb[:, c + 3 + j] = (frac // 10 ** (3 - j)) % 10 + 48
    fm[:, c:c + 7] = True
    last_feature = (np.arange(nx) + 1) == x_ptr[feature_row + 1]
    fb[:, c + 7] = np.where(last_feature, ord("\n"), ord(" "))
    fm[:, c + 7] = True
    block[feature_pos], mask[feature_pos] = fb, fm
    return block[mask].tobytes()


def write_split(path: Path, model: LabelModel, a, n: int, train: bool, seed: int, uniform_share: float) -> dict:
    label_width = len(str(model.L - 1))
    feature_width = len(str(model.D - 1))
    tmp = path.with_name(path.name + ".tmp")
    nnz = label_total = 0
    with open(tmp, "wb") as f:
        f.write(f"{n} {model.D} {model.L}\n".encode())
        for index, start in enumerate(range(0, n, CHUNK)):
            size = min(CHUNK, n - start)
            rng = np.random.default_rng([seed, 1 if train else 2, index])
            y_ptr, labels, x_ptr, x_ids, q = generate_chunk(model, a, rng, size, start, train, uniform_share)
            f.write(format_chunk(y_ptr, labels, x_ptr, x_ids, q, label_width, feature_width))
            nnz += x_ids.size
            label_total += labels.size
    os.replace(tmp, path)
    return {"points": n, "nonzeros_per_point": nnz / max(1, n), "labels_per_point": label_total / max(1, n)}


def label_frequencies(path: Path, labels: int) -> np.ndarray:
    """How many points of an XMC file carry each label (reads the label column only)."""
    counts = np.zeros(labels, dtype=np.int64)
    with open(path, "rb") as f:
        f.readline()
        while True:
            lines = f.readlines(1 << 26)
            if not lines:
                break
            first = b",".join(line.split(b" ", 1)[0] for line in lines if line[:1] != b" ")
            ids = np.array(first.split(b","), dtype=np.int64)
            counts += np.bincount(ids, minlength=labels)
    return counts


def generate(out: Path, labels: int, train_points: int | None = None, test_points: int | None = None,
             features: int | None = None, seed: int = 0, **options) -> dict:
    """Writes one synthetic dataset folder; returns its description (also in synthetic.json)."""
    a = parse_args([str(out), "--labels", str(labels)])
    for key, value in options.items():
        setattr(a, key, value)
    a.train_points, a.test_points, a.features, a.seed = train_points, test_points, features, seed
    return run(a)


def run(a) -> dict:
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    L = a.labels
    N = a.train_points if a.train_points is not None else int(round(a.points_per_label * L))
    M = a.test_points if a.test_points is not None else max(1, N // 4)
    D = a.features if a.features is not None else default_features(L)
    if L < 1 or N < 1 or M < 1 or D < 1:
        raise SystemExit("synthetic.py: --labels, points and --features must be positive")
    start = time.perf_counter()
    model = LabelModel(L, D, a.seed, a.alpha, a.topic_size, a.label_features, a.topic_features)
    uniform_share = min(1.0, L / N)
    stats = {"train": write_split(out / "train.txt", model, a, N, True, a.seed, uniform_share),
             "test": write_split(out / "test.txt", model, a, M, False, a.seed, uniform_share)}
    with open(out / "label_names.txt.tmp", "w") as f:
        f.write("".join(f"label-{i}\n" for i in range(L)))
    os.replace(out / "label_names.txt.tmp", out / "label_names.txt")
    freq = label_frequencies(out / "train.txt", L)
    description = {
        "generator": "Benchmarks/synthetic.py", "labels": L, "features": D, "train_points": N, "test_points": M,
        "seed": a.seed, "alpha": a.alpha, "max_labels_per_point": a.max_labels_per_point,
        "labels_per_point_exponent": a.labels_per_point_exponent, "same_topic": a.same_topic,
        "topic_size": a.topic_size, "label_features": a.label_features, "topic_features": a.topic_features,
        "keep": a.keep, "topic_keep": a.topic_keep, "noise": a.noise, "splits": stats,
        "train_label_frequency": {"min": int(freq.min()), "median": float(np.median(freq)), "max": int(freq.max()),
                                  "labels_without_points": int((freq == 0).sum())},
        "seconds": round(time.perf_counter() - start, 1),
        "bytes": sum((out / n).stat().st_size for n in ("train.txt", "test.txt")),
    }
    (out / "synthetic.json").write_text(json.dumps(description, indent=1) + "\n")
    return description


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("out", help="dataset folder to write")
    ap.add_argument("--labels", type=int, required=True, help="number of labels L")
    ap.add_argument("--points-per-label", type=float, default=2.0, help="training points per label (default 2)")
    ap.add_argument("--train-points", type=int, help="training points N (overrides --points-per-label)")
    ap.add_argument("--test-points", type=int, help="test points (default N / 4)")
    ap.add_argument("--features", type=int, help="feature dimension D (default clip(10 L, 20k, 1M))")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--alpha", type=float, default=1.0, help="Zipf exponent of label popularity (default 1)")
    ap.add_argument("--max-labels-per-point", type=int, default=5)
    ap.add_argument("--labels-per-point-exponent", type=float, default=1.5, help="P(k) ~ k^-beta (default 1.5)")
    ap.add_argument("--same-topic", type=float, default=0.5, help="chance a further label shares the first's topic")
    ap.add_argument("--topic-size", type=int, default=64, help="labels per topic (default 64)")
    ap.add_argument("--label-features", type=int, default=10, help="characteristic features per label")
    ap.add_argument("--topic-features", type=int, default=20, help="shared features per topic")
    ap.add_argument("--keep", type=float, default=0.4, help="chance a label's characteristic feature appears")
    ap.add_argument("--topic-keep", type=float, default=0.2, help="chance a topic feature appears")
    ap.add_argument("--noise", type=float, default=20.0, help="mean number of background features a point")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    a = parse_args(argv)
    description = run(a)
    print(json.dumps(description, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
