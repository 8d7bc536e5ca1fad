#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 30) on a copy of its committed seed corpus,
# one target at a time, and prints libFuzzer's final line (executions, cov, ft) for each.
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]
# Exits non-zero when a target crashes, leaks or times out; the reproducer is left in
# .build-fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in Fuzz/Targets/*.swift; do targets+=("$(basename "$f" .swift)"); done
fi
Fuzz/build.sh "${targets[@]}"
status=0
for t in "${targets[@]}"; do
    work=.build-fuzz/corpus/$t
    artifacts=.build-fuzz/artifacts/$t
    mkdir -p "$work" "$artifacts"
    cp -n Fuzz/Corpus/$t/* "$work/" 2>/dev/null || true
    log=.build-fuzz/$t.log
    echo "fuzz: running $t for $seconds s"
    if ! ASAN_OPTIONS=detect_leaks=0 ".build-fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "Fuzz/Corpus/$t" >"$log" 2>&1; then
        echo "fuzz: $t FAILED (see $log):"
        grep -E "ERROR|Fatal error|SUMMARY|Test unit written" "$log" | head -10 || true
        status=1
    fi
    grep -E "^#[0-9]+.*(DONE|pulse|NEW|REDUCE)" "$log" | tail -1 || true
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" || true
done
exit $status
