#!/usr/bin/env bash
# Trains and evaluates xmr with default settings on each dataset folder under a data root and
# prints a markdown table (P@1/3/5, train time, batch predict time, single-query latency).
#
# usage: Benchmarks/accuracy.sh DATA_ROOT [DATASET ...]
#   env: XMR (path of the xmr binary; default .build/release/xmr), THREADS (default 2),
#        MODELS (folder for the trained models; default a temporary folder)
set -euo pipefail
root=${1:?usage: accuracy.sh DATA_ROOT [DATASET ...]}
shift
datasets=("$@")
if [ ${#datasets[@]} -eq 0 ]; then datasets=(bibtex delicious debtags reuters21578 rcv1sub1); fi
xmr=${XMR:-.build/release/xmr}
threads=${THREADS:-2}
models=${MODELS:-$(mktemp -d)}
[ -x "$xmr" ] || { echo "accuracy.sh: $xmr not found; run 'swift build -c release' first" >&2; exit 1; }

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(d$1)"; }

echo "| dataset | P@1 | P@3 | P@5 | R@5 | nDCG@5 | PSP@5 | train s | predict s | latency p50 ms | latency p99 ms | model MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for name in "${datasets[@]}"; do
  dir="$root/$name"
  model="$models/$name"
  train=$("$xmr" train "$dir" --model "$model" --features vectors --threads "$threads" --json)
  eval=$("$xmr" eval --model "$model" "$dir" --threads "$threads" --json)
  printf "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.2f | %.3f | %.3f | %.3f | %.1f |\n" "$name" \
    X \
    "$(echo "$eval" | json '["r_at_5"]')" "$(echo "$eval" | json '["ndcg_at_5"]')" "$(echo "$eval" | json '["psp_at_5"]')" \
    "$(echo "$train" | json '["train_seconds"]')" "$(echo "$eval" | json '["predict_seconds"]')" \
    "$(echo "$eval" | json '["latency_p50_ms"]')" "$(echo "$eval" | json '["latency_p99_ms"]')" \
    "$(echo "$train" | json '["model_bytes"]/1e6')"
done
