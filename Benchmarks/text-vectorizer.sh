#!/usr/bin/env bash
# Builds the XMR library sources with the text benchmark as an optimized executable and runs it.
# Usage: Benchmarks/text-vectorizer.sh DATASET_DIR [--bigrams] [--chars] [--threads N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${TMPDIR:-/tmp}/xmr-text-bench"
mkdir -p "$out"
swiftc -O -wmo -module-name XMRBench -o "$out/bench" \
    $(find "$root/Sources/XMR" -name '*.swift') "$root/Benchmarks/TextVectorizerBench/main.swift"
"$out/bench" "$@"
