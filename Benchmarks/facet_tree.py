#!/usr/bin/env python3
"""Writes a label tree file for `xmr train --label-tree` from debtags-style label names.

Line i of the output is label i's group path: the facet of a `facet::tag` name (`devel::lang:c`
gives `devel`). Labels without `::` form their own group. Facets wider than the model's max leaf
size are split by xmr's indexer.

    python3 Benchmarks/facet_tree.py DATASET/label_names.txt > facets.txt
"""
import sys


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: facet_tree.py LABEL_NAMES_FILE > TREE_FILE")
    with open(sys.argv[1], encoding="utf-8") as names:
        for line in names:
            name = line.rstrip("\n").rstrip("\r").strip()
            facet = name.split("::", 1)[0].strip() if "::" in name else (name or "unnamed")
            print(facet.replace("/", "-") or "unnamed")


if __name__ == "__main__":
    main()
