"""Shared by the benchmark scripts that drive the xmr command line: find or build the binary, run it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def xmr_binary(given: str | None) -> str:
    """`given`, or the release build's xmr (built first with `swift build -c release --product xmr`)."""
    if given:
        return given
    subprocess.run(["swift", "build", "-c", "release", "--product", "xmr"], cwd=PACKAGE_DIR, check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=PACKAGE_DIR,
                             check=True, capture_output=True, text=True).stdout.strip()
    return str(Path(bin_dir) / "xmr")


def run(*command) -> str:
    """The standard output of `command`; exits with its error when it fails."""
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))}: exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def run_json(*command) -> dict:
    """The JSON object `command` prints."""
    return json.loads(run(*command))
