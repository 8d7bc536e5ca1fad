#!/bin/sh
# The neural matcher's acceptance rows on one text dataset: P@1/3/5 and training time of
#   1. linear on TF-IDF of the texts,
#   2. frozen tfidf+dense (the encoder's embeddings, not fine-tuned),
#   3. --matcher neural (the encoder fine-tuned on the label tree), with the fine-tuning options given.
#
# usage: Benchmarks/neural_matcher.sh DATASET ENCODER_DIR [extra options for row 3 ...]
# environment: XMR (default .build/release/xmr), THREADS (2), MAX_LENGTH (32: the encoder's
#   --max-length in rows 2 and 3), WORK (/tmp/xmr-neural-bench), ROWS (123: which rows to run).
# Embeddings go to WORK/cache, so the base encoder's pass over the texts is paid once (row 2)
# and read back in row 3; each row's training time excludes that encode.
set -eu
dataset=$1; encoder=$2; shift 2
xmr=${XMR:-.build/release/xmr}
threads=${THREADS:-2}
length=${MAX_LENGTH:-32}
work=${WORK:-/tmp/xmr-neural-bench}
rows=${ROWS:-123}
mkdir -p "$work"
export XMR_EMBEDDING_CACHE="$work/cache"

run() {
    name=$1; shift
    model="$work/model-$name"
    echo "== $name: xmr train $dataset $* (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    "$xmr" train "$dataset" --model "$model" --force --threads "$threads" --json "$@" > "$work/$name-train.json"
    "$xmr" eval "$dataset" --model "$model" --threads "$threads" --json > "$work/$name-eval.json"
    python3 - "$name" "$work/$name-train.json" "$work/$name-eval.json" <<'EOF'
import json, sys
name, t, e = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
ft = t.get("fine_tuning")
extra = f" (fine-tuning {ft['seconds']:.1f} s, {ft['examples_per_second']:.1f} texts/s, losses {ft['epoch_losses']})" if ft else ""
print(f"| {name} | {e['p_at_1']:.4f} | {e['p_at_3']:.4f} | {e['p_at_5']:.4f} | {t['train_seconds']:.1f}{extra} |", flush=True)
EOF
}

echo "| run | P@1 | P@3 | P@5 | train s |"
echo "|---|---|---|---|---|"
case $rows in *1*) run linear --features texts ;; esac
case $rows in *2*) run frozen --encoder "$encoder" --max-length "$length" --features tfidf+dense ;; esac
case $rows in *3*) run neural --encoder "$encoder" --max-length "$length" --features tfidf+dense --matcher neural "$@" ;; esac
