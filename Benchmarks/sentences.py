#!/usr/bin/env python3
"""Distinct sentences of dataset texts, shuffled: the text side of ann.py's minilm set.

usage: sentences.py OUT.txt TEXTS.txt [TEXTS.txt ...] [--count 110000] [--seed 0]

Splits every line of the given text files (one text a line, e.g. a dataset's train_texts.txt)
after `.`, `!` or `?`, keeps sentences of at least four words whose lowercase form was not seen
before, shuffles them with --seed and writes the first --count, one a line. Embed them with
`xmr embed --encoder DIR --input OUT.txt --output E.npy`, then run `ann.py --sets minilm --minilm
E.npy`.
"""
import argparse
import random
import re


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("texts", nargs="+")
    ap.add_argument("--count", type=int, default=110_000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    seen, sentences = set(), []
    for path in a.texts:
        with open(path, encoding="utf-8") as f:
            for line in f:
                for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                    sentence = sentence.strip()
                    if len(sentence.split()) >= 4 and sentence.lower() not in seen:
                        seen.add(sentence.lower())
                        sentences.append(sentence)
    random.seed(a.seed)
    random.shuffle(sentences)
    with open(a.output, "w", encoding="utf-8") as f:
        f.write("\n".join(sentences[:a.count]) + "\n")
    print(f"{min(a.count, len(sentences))} of {len(sentences)} distinct sentences written to {a.output}")


if __name__ == "__main__":
    main()
