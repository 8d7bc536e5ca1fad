#!/usr/bin/env python3
"""Make sample-data/delicious-small: a deterministic subset of the project's delicious dataset.

Usage: python3 make_delicious_small.py SOURCE_DIR [OUTPUT_DIR]
  SOURCE_DIR  the full delicious folder (e.g. ../../shared/data/delicious)
  OUTPUT_DIR  where to write (default: delicious-small beside this script)

delicious has feature names (500 words) but no raw texts and no point ids, so points are chosen
by hashing their split and line number: within each split, the points whose
md5("delicious-small:" + split + ":" + line number) is smallest are kept (TRAIN_POINTS and
TEST_POINTS of them), in their original order. Every kept line is copied byte for byte, so label
and feature ids keep the original id spaces (983 labels, 500 features) and label_names.txt /
feature_names.txt are copied whole. Standard library only.
"""
import hashlib
import os
import shutil
import sys

TRAIN_POINTS = 1500
TEST_POINTS = 400
SALT = "delicious-small:"


def read_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def chosen(split, points, count):
    """Line indices of the `count` points with the smallest salted md5, in original order."""
    key = lambda i: hashlib.md5(f"{SALT}{split}:{i}".encode()).hexdigest()
    return sorted(sorted(range(points), key=key)[:count])


def subset_split(source, output, split, count):
    xmc = read_lines(os.path.join(source, f"{split}.txt"))
    header = xmc[0].split()
    points, features, labels = int(header[0]), header[1].decode(), header[2].decode()
    if len(xmc) - 1 != points:
        sys.exit(f"{split}.txt: {len(xmc) - 1} points, header says {points}")
    keep = chosen(split, points, count)
    with open(os.path.join(output, f"{split}.txt"), "wb") as f:
        f.write(f"{len(keep)} {features} {labels}\n".encode())
        for i in keep:
            f.write(xmc[i + 1] + b"\n")
    return len(keep)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    source = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    output = sys.argv[2] if len(sys.argv) == 3 else os.path.join(here, "delicious-small")
    os.makedirs(output, exist_ok=True)
    train = subset_split(source, output, "train", TRAIN_POINTS)
    test = subset_split(source, output, "test", TEST_POINTS)
    for name in ("label_names.txt", "feature_names.txt"):
        shutil.copyfile(os.path.join(source, name), os.path.join(output, name))
    total = sum(os.path.getsize(os.path.join(output, n)) for n in os.listdir(output) if n.endswith(".txt"))
    print(f"wrote {output}: {train} train and {test} test points, {total} bytes")


if __name__ == "__main__":
    main()
