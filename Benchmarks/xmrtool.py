"""Shared by the benchmark scripts that drive the xmr command line: find or build the binary, run it."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
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


def arguments(doc: str) -> argparse.ArgumentParser:
    """A parser described by `doc`'s first line, with the options every such script has: --xmr
    (a binary; default: the release build), --threads (2), --seed (0) and --work (a folder)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--xmr")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path)
    return parser


def start(args: argparse.Namespace, prefix: str) -> tuple[str, Path]:
    """The xmr binary (`xmr_binary(args.xmr)`) and the work folder: --work, made if missing, or
    a new temporary folder named with `prefix`."""
    work = args.work or Path(tempfile.mkdtemp(prefix=prefix))
    work.mkdir(parents=True, exist_ok=True)
    return xmr_binary(args.xmr), work


def train(xmr: str, dataset: Path, model: Path, threads: int, *options) -> str:
    """`xmr train DATASET --model MODEL --threads N OPTIONS…`; its standard output."""
    return run(xmr, "train", dataset, "--model", model, "--threads", threads, *options)
