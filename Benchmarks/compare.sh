#!/bin/sh
# Thin wrapper: ./Benchmarks/compare.sh DATASET_DIR [compare.py options]
# The parent script needs only python3's standard library; the peers get their own venv.
set -e
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/compare.py" "$@"
