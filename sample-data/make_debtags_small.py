#!/usr/bin/env python3
"""Make sample-data/debtags-small: a deterministic subset of the project's debtags dataset.

Usage: python3 make_debtags_small.py SOURCE_DIR [OUTPUT_DIR]
  SOURCE_DIR  the full debtags folder (e.g. ../../shared/data/debtags)
  OUTPUT_DIR  where to write (default: debtags-small beside this script)

Points are chosen by hashing their package id: within each split, the points whose
md5("debtags-small:" + id) is smallest are kept (TRAIN_POINTS and TEST_POINTS of them), in
their original order. Every kept line is copied byte for byte, so label and feature ids keep
the original id spaces (598 labels, all features) and label_names.txt / feature_names.txt
are copied whole. Standard library only.
"""
import hashlib
import os
import shutil
import sys

TRAIN_POINTS = 3000
TEST_POINTS = 800
SALT = "debtags-small:"


def read_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def chosen(ids, count):
    """Indices of the `count` ids with the smallest salted md5, in original order."""
    ranked = sorted(range(len(ids)), key=lambda i: hashlib.md5(SALT.encode() + ids[i]).hexdigest())
    return sorted(ranked[:count])


def subset_split(source, output, split, count):
    ids = read_lines(os.path.join(source, f"{split}_ids.txt"))
    keep = chosen(ids, count)
    xmc = read_lines(os.path.join(source, f"{split}.txt"))
    header = xmc[0].split()
    points, features, labels = int(header[0]), header[1].decode(), header[2].decode()
    if points != len(ids) or len(xmc) - 1 != points:
        sys.exit(f"{split}.txt: {len(xmc) - 1} points, header says {points}, ids file has {len(ids)}")
    with open(os.path.join(output, f"{split}.txt"), "wb") as f:
        f.write(f"{len(keep)} {features} {labels}\n".encode())
        for i in keep:
            f.write(xmc[i + 1] + b"\n")
    for name in (f"{split}_ids.txt", f"{split}_texts.txt", f"{split}_labels.txt"):
        lines = read_lines(os.path.join(source, name))
        if len(lines) != points:
            sys.exit(f"{name}: {len(lines)} lines, expected {points}")
        with open(os.path.join(output, name), "wb") as f:
            for i in keep:
                f.write(lines[i] + b"\n")
    return len(keep)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    source = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    output = sys.argv[2] if len(sys.argv) == 3 else os.path.join(here, "debtags-small")
    os.makedirs(output, exist_ok=True)
    train = subset_split(source, output, "train", TRAIN_POINTS)
    test = subset_split(source, output, "test", TEST_POINTS)
    for name in ("label_names.txt", "feature_names.txt"):
        shutil.copyfile(os.path.join(source, name), os.path.join(output, name))
    total = sum(os.path.getsize(os.path.join(output, n)) for n in os.listdir(output))
    print(f"wrote {output}: {train} train and {test} test points, {total} bytes")


if __name__ == "__main__":
    main()
