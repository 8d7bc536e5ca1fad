#!/usr/bin/env python3
"""Does an `xmr predict --format xc` file score the same outside xmr as inside?

usage: xc-predictions.py DATASET_DIR [--xmr PATH] [--top-k 5] [--threads 2] [--work DIR]

Trains xmr on DATASET_DIR (train.txt/test.txt, or a PECOS X/Y .npz folder is not read here:
the truth comes from test.txt), writes the test split's predictions in the Extreme
Classification Repository sparse format, then computes P@1/3/5 three ways and prints them side
by side:

* `xmr eval` on the model (its own rankings, in process);
* `xmr eval --predictions FILE` (the file read back by xmr's XC reader);
* this script reading FILE with pyxclib (`xclib.data.data_utils.read_sparse_file` and
  `xclib.evaluation.xc_metrics.precision`) when `import xclib` works, else with its own reader
  that follows pyxclib's rules (a `rows cols` header; `id:value` pairs with sorted, unique ids;
  an empty line is a row without entries) and ranks by score, ties by ascending label id.

pyxclib is not on PyPI. It installs from its source repository (github.com/kunaldahiya/pyxclib):
`pip install cython numba scikit-learn six wheel`, then `pip install --no-deps
--no-build-isolation ./pyxclib` (nmslib and fasttext are only needed by parts this script does
not use). The script says which reader it used.
Needs numpy and scipy. Builds xmr in release mode unless --xmr is given.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from xmrtool import arguments, run, run_json, start, train


def read_truth(path: Path) -> sp.csr_matrix:
    """The label matrix of an XC text file (`points features labels`, then `l1,l2 f:v ...`)."""
    with open(path) as f:
        points, _, labels = map(int, f.readline().split())
        rows, cols = [], []
        for i, line in enumerate(f):
            if i >= points:
                break
            first = line.split(" ", 1)[0].strip()
            if first and ":" not in first:
                for label in first.split(","):
                    rows.append(i)
                    cols.append(int(label))
    return sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(points, labels))


def read_xc_file(path: Path) -> sp.csr_matrix:
    """An XC sparse file by pyxclib's rules (header, sorted unique ids per line)."""
    data, indices, indptr = [], [], [0]
    with open(path) as f:
        rows, cols = map(int, f.readline().split())
        for number, line in enumerate(f, start=2):
            previous = -1
            for token in line.split():
                idx, value = token.split(":", 1)
                idx = int(idx)
                if idx <= previous:
                    sys.exit(f"{path}:{number}: ids are not sorted and unique (pyxclib would refuse the line)")
                previous = idx
                indices.append(idx)
                data.append(float(value))
            indptr.append(len(data))
    assert len(indptr) - 1 <= rows, "more lines than the header's rows"
    indptr += [len(data)] * (rows + 1 - len(indptr))
    return sp.csr_matrix((np.array(data, dtype=np.float32), np.array(indices), np.array(indptr)), shape=(rows, cols))


def precision_own(scores: sp.csr_matrix, truth: sp.csr_matrix, k: int) -> list[float]:
    hits = np.zeros(k)
    for i in range(scores.shape[0]):
        start, end = scores.indptr[i], scores.indptr[i + 1]
        ids, values = scores.indices[start:end], scores.data[start:end]
        order = np.lexsort((ids, -values))[:k]
        true = set(truth.indices[truth.indptr[i]:truth.indptr[i + 1]])
        found = np.cumsum([1 if ids[j] in true else 0 for j in order] + [0] * (k - len(order)))
        hits += found[:k]
    n = max(1, scores.shape[0])
    return [hits[j] / (n * (j + 1)) for j in range(k)]


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--top-k", type=int, default=5)
    args = parser.parse_args()
    xmr, work = start(args, "xmr-xc-")
    model = work / "model"
    train(xmr, args.dataset, model, args.threads)
    predictions = work / "predictions.txt"
    predictions.write_text(run(xmr, "predict", "--model", model, args.dataset, "--format", "xc",
                               "--top-k", args.top_k, "--threads", args.threads))
    own = run_json(xmr, "eval", "--model", model, args.dataset, "--top-k", args.top_k,
                   "--threads", args.threads, "--latency-sample", 0, "--json")
    from_file = run_json(xmr, "eval", args.dataset, "--predictions", predictions, "--top-k", args.top_k, "--json")
    truth = read_truth(args.dataset / "test.txt")
    try:
        from xclib.data.data_utils import read_sparse_file
        from xclib.evaluation.xc_metrics import precision
        scores = read_sparse_file(str(predictions))
        outside = list(precision(scores, truth, k=args.top_k))
        reader = "pyxclib"
    except ImportError:
        outside = precision_own(read_xc_file(predictions), truth, args.top_k)
        reader = "this script's reader (pyxclib does not import; it is not on PyPI, see above)"
    print(f"dataset {args.dataset}, {truth.shape[0]} test points, predictions in {predictions}")
    print(f"outside reader: {reader}")
    print("| k | xmr eval (model) | xmr eval --predictions | outside reader | largest difference |")
    print("|---|---|---|---|---|")
    for k in (1, 3, 5):
        if k > args.top_k:
            break
        values = [own[f"p_at_{k}"], from_file[f"p_at_{k}"], outside[k - 1]]
        print(f"| P@{k} | {values[0]:.6f} | {values[1]:.6f} | {values[2]:.6f} | {max(values) - min(values):.2e} |")


if __name__ == "__main__":
    main()
