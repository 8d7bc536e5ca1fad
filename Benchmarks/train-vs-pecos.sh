#!/usr/bin/env bash
# Alternates libpecos (through /work/shared/tools/peers.py) and xmr training on one dataset so both
# see the same machine load, and prints each round plus the medians and their ratio.
#
# usage: Benchmarks/train-vs-pecos.sh DATASET_DIR [ROUNDS]
#   env: XMR (xmr binary; default .build/release/xmr), THREADS (default 2),
#        PYTHON (a Python with libpecos; default /tmp/peers/bin/python), PEERS (peers.py path)
set -euo pipefail
dataset=${1:?usage: train-vs-pecos.sh DATASET_DIR [ROUNDS]}
rounds=${2:-5}
xmr=${XMR:-.build/release/xmr}
threads=${THREADS:-2}
python=${PYTHON:-/tmp/peers/bin/python}
peers=${PEERS:-/work/shared/tools/peers.py}
model=$(mktemp -d)/model
pecos_times=()
xmr_times=()
for ((r = 1; r <= rounds; r++)); do
  p=$("$python" "$peers" "$dataset" pecos --threads "$threads" | python3 -c "import json,sys; print(json.load(sys.stdin)['train_s'])")
  x=$("$xmr" train "$dataset" --model "$model" --features vectors --threads "$threads" --json | python3 -c "import json,sys; print(round(json.load(sys.stdin)['train_seconds'], 2))")
  echo "round $r: pecos ${p}s  xmr ${x}s"
  pecos_times+=("$p")
  xmr_times+=("$x")
done
python3 - "${pecos_times[*]}" "${xmr_times[*]}" <<'PY'
import statistics, sys
p = [float(v) for v in sys.argv[1].split()]
x = [float(v) for v in sys.argv[2].split()]
mp, mx = statistics.median(p), statistics.median(x)
print(f"median: pecos {mp:.2f}s  xmr {mx:.2f}s  ratio xmr/pecos {mx / mp:.2f}")
PY
