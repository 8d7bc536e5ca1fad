#!/bin/sh
# Issue 14's accuracy: P@1/3/5 of the spectral representations, the hnsw matcher and the
# hnsw-graph indexer next to the default pipeline, on the shipped feature vectors
# (release build, 2 threads). Each row trains once and evaluates on the test split.
# usage: Benchmarks/ann-stages.sh XMR [DATA_DIR] [DATASETS]
set -eu
xmr=$1
data=${2:-/work/shared/data}
datasets=${3:-"debtags delicious bibtex"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

metric() { python3 -c "import json,sys; d=json.load(sys.stdin); print(' | '.join('%.4f' % d[k] for k in sys.argv[1:]))" "$@"; }
seconds() { python3 -c "import json,sys; d=json.load(sys.stdin); print('%.1f' % d['train_seconds'])"; }

echo "| dataset | pipeline | P@1 | P@3 | P@5 | train s | tree |"
echo "|---|---|---|---|---|---|---|"
for dataset in $datasets; do
  while IFS='|' read -r name options; do
    [ -n "$name" ] || continue
    rm -rf "$work/m"
    # shellcheck disable=SC2086
    train=$("$xmr" train "$data/$dataset" --model "$work/m" --features vectors --threads 2 $options --json | seconds)
    p=$("$xmr" eval --model "$work/m" "$data/$dataset" --threads 2 --latency-sample 0 --json | metric p_at_1 p_at_3 p_at_5)
    shape=$("$xmr" tree --model "$work/m" --depth-limit 0 | head -1 | sed 's/.*nodes per level //')
    echo "| $dataset | $name | $p | $train | $shape |"
  done <<ROWS
default (pifa, spherical-kmeans, linear, tfn)|
spectral|--representation spectral
pifa+spectral|--representation pifa+spectral
matcher hnsw (tfn+man, its default)|--matcher hnsw
matcher hnsw, tfn|--matcher hnsw --negatives tfn
indexer hnsw-graph|--indexer hnsw-graph
leaf 20: linear, tfn|--max-leaf-size 20
leaf 20: linear, tfn+man|--max-leaf-size 20 --negatives tfn+man
leaf 20: matcher hnsw, tfn+man|--max-leaf-size 20 --matcher hnsw --negatives tfn+man
leaf 20: indexer hnsw-graph|--max-leaf-size 20 --indexer hnsw-graph
ROWS
done
