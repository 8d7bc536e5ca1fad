#!/bin/sh
# The framework issue's measurements (release builds, 2 threads):
#   accuracy: P@1/3/5 per indexer (spherical-kmeans, kmeans; debtags also a facet --label-tree);
#   speed: `xmr train` and batch `xmr eval` on debtags, interleaved round by round with a
#   baseline binary (BASE_XMR, built from the commit before the stages), medians and spreads.
# usage: Benchmarks/framework.sh XMR BASE_XMR [DATA_DIR] [ROUNDS]
#   SPEED_ONLY=1 skips the accuracy table.
set -eu
xmr=$1
base=$2
data=${3:-/work/shared/data}
rounds=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/facet_tree.py" "$data/debtags/label_names.txt" > "$work/facets.txt"

metric() { python3 -c "import json,sys; d=json.load(sys.stdin); print(' '.join('%.4f' % d[k] for k in sys.argv[1:]))" "$@"; }

if [ "${SPEED_ONLY:-0}" != 1 ]; then
echo "## accuracy (threads 2)"
echo "| dataset | indexer | P@1 | P@3 | P@5 |"
echo "|---|---|---|---|---|"
for dataset in debtags delicious bibtex; do
  for indexer in spherical-kmeans kmeans facets; do
    if [ "$indexer" = facets ]; then
      [ "$dataset" = debtags ] || continue
      option="--label-tree $work/facets.txt"
    else
      option="--indexer $indexer"
    fi
    # shellcheck disable=SC2086
    "$xmr" train "$data/$dataset" --model "$work/m" --features vectors --threads 2 $option --json > /dev/null
    p=$("$xmr" eval --model "$work/m" "$data/$dataset" --threads 2 --latency-sample 0 --json | metric P@1 P@3 P@5)
    echo "| $dataset | $indexer | $(echo "$p" | sed 's/ / | /g') |"
  done
done
fi

echo
echo "## speed on debtags, $rounds interleaved rounds (threads 2)"
: > "$work/times"
for round in $(seq "$rounds"); do
  for which in base new; do
    if [ "$which" = base ]; then bin=$base; flags=""; else bin=$xmr; flags="--features vectors"; fi
    # shellcheck disable=SC2086
    train=$("$bin" train "$data/debtags" --model "$work/$which" $flags --threads 2 --json | metric train_seconds)
    predict=$("$bin" eval --model "$work/$which" "$data/debtags" --threads 2 --latency-sample 0 --json | metric predict_seconds)
    echo "$which $round $train $predict" | tee -a "$work/times"
  done
done
python3 - "$work/times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for which in ("base", "new"):
    for column, name in ((2, "train s"), (3, "batch predict s")):
        values = sorted(float(r[column]) for r in rows if r[0] == which)
        print(f"{which:4} {name:16} median {statistics.median(values):.3f}  min {values[0]:.3f}  max {values[-1]:.3f}  all {' '.join(f'{v:.3f}' for v in values)}")
for column, name in ((2, "train"), (3, "batch predict")):
    b = statistics.median(float(r[column]) for r in rows if r[0] == "base")
    n = statistics.median(float(r[column]) for r in rows if r[0] == "new")
    print(f"{name}: new/base median ratio {n / b:.3f}")
PY
