#!/usr/bin/env python3
"""Writes a tiny PECOS-style dataset folder (scipy CSR in .npz) and the same data as XC text.

Run from this folder: python3 make_fixture.py  (needs numpy and scipy; deterministic).
`dataset/` is what DatasetLoader reads: X.trn.npz and Y.trn.npz saved compressed (scipy's
default), X.tst.npz and Y.tst.npz saved uncompressed with other dtypes. The training features
have unsorted indices and one repeated entry in a row (scipy allows both; the repeat means the
sum). `expected/` holds the same splits in the Extreme Classification Repository text format,
with the repeat summed, so the test compares the two loaders.
"""
import os

import numpy as np
import scipy.sparse as sp

here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(here, "dataset"), exist_ok=True)
os.makedirs(os.path.join(here, "expected"), exist_ok=True)

# Training features: 4 points x 5 features. Row 0 lists 3 before 1; row 2 has feature 4 twice.
x_train = sp.csr_matrix(
    (np.array([0.5, 0.25, 1.0, 0.75, 0.125, 2.0, 1.0], dtype=np.float32),
     np.array([3, 1, 0, 4, 4, 2, 0], dtype=np.int32),
     np.array([0, 2, 3, 6, 7], dtype=np.int32)),
    shape=(4, 5))
assert not x_train.has_sorted_indices
# Training labels: 4 points x 3 labels, the last point has none (its XC line starts with a space).
y_train = sp.csr_matrix(np.array([[1, 0, 1], [0, 1, 0], [1, 1, 1], [0, 0, 0]], dtype=np.float32))
# Test features as float64, labels as int64 with 64-bit indices.
x_test = sp.csr_matrix(np.array([[0, 1.5, 0, 0, 0], [0.5, 0, 0, 0, 3]], dtype=np.float64))
y_test = sp.csr_matrix(np.array([[0, 0, 1], [1, 0, 0]], dtype=np.int64))
y_test.indices = y_test.indices.astype(np.int64)
y_test.indptr = y_test.indptr.astype(np.int64)

sp.save_npz(os.path.join(here, "dataset", "X.trn.npz"), x_train)  # compressed (DEFLATE), the default
sp.save_npz(os.path.join(here, "dataset", "Y.trn.npz"), y_train)
sp.save_npz(os.path.join(here, "dataset", "X.tst.npz"), x_test, compressed=False)
sp.save_npz(os.path.join(here, "dataset", "Y.tst.npz"), y_test, compressed=False)
with open(os.path.join(here, "dataset", "label_names.txt"), "w") as f:
    f.write("alpha\nbeta\ngamma\n")


def write_xc(path, x, y):
    x = x.tocsr().copy()
    x.sum_duplicates()  # sorts indices and sums the repeat
    y = y.tocsr()
    with open(path, "w") as f:
        f.write(f"{x.shape[0]} {x.shape[1]} {y.shape[1]}\n")
        for i in range(x.shape[0]):
            labels = ",".join(str(j) for j in sorted(y.indices[y.indptr[i]:y.indptr[i + 1]]))
            feats = " ".join(f"{j}:{float(v):g}" for j, v in zip(x.indices[x.indptr[i]:x.indptr[i + 1]],
                                                                 x.data[x.indptr[i]:x.indptr[i + 1]]))
            f.write(labels + (" " + feats if feats else "") + "\n")


write_xc(os.path.join(here, "expected", "train.txt"), x_train, y_train)
write_xc(os.path.join(here, "expected", "test.txt"), x_test, y_test)
with open(os.path.join(here, "expected", "label_names.txt"), "w") as f:
    f.write("alpha\nbeta\ngamma\n")
