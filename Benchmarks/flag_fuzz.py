#!/usr/bin/env python3
"""Hostile values for every option of every xmr command, against the real binary.

Reads each command's options from `xmr help COMMAND` (swift-argument-parser's help), then runs
the command with a working base invocation plus one option set to each hostile value (0, -1,
2^31, 2^63, 10^20, 1e309, nan, inf, the empty string, a word, a control byte, a NUL-free path
that does not exist). A crash is a signal, "Fatal error", a backtrace or a stack dump; a hang is
a timeout; a refusal must be one line. Flags without a value are skipped.

Usage: Benchmarks/flag_fuzz.py [--xmr PATH] [--timeout 30] [--commands 'embed,ann build']
Prints one line per command and exits non-zero on any crash, hang or multi-line refusal.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BAD_MARKERS = ("Fatal error", "Stack dump", "backtrace", "Current stack trace", "SIGABRT", "SIGSEGV",
               "NSCocoaErrorDomain")
VALUES = ["0", "-1", "2147483648", "9223372036854775807", "100000000000000000000", "1e309", "nan", "inf",
          "", "banana", "\x1b[31m", "/nonexistent/xmr-flag-fuzz"]


def tiny_dataset(path):
    """A 40-point, 36-feature, 12-label dataset with label names."""
    os.makedirs(path, exist_ok=True)
    def split(n, offset):
        lines = [f"{n} 36 12"]
        for i in range(n):
            label = (i * 7 + offset) % 12
            lines.append(f"{label},{(label + 1) % 12} " + " ".join(f"{label * 3 + k}:1" for k in range(3)))
        return "\n".join(lines) + "\n"
    open(os.path.join(path, "train.txt"), "w").write(split(40, 0))
    open(os.path.join(path, "test.txt"), "w").write(split(12, 5))
    open(os.path.join(path, "label_names.txt"), "w").write("".join(f"label{i}\n" for i in range(12)))


def options(xmr, command):
    """The value-taking options of `xmr COMMAND`, from its help text."""
    text = subprocess.run([xmr, "help", *command.split()], capture_output=True, text=True).stdout
    found = []
    for m in re.finditer(r"^\s+(?:-\w, )?(--[a-z0-9-]+) <([^>]+)>", text, re.M):
        if m.group(1) not in found:
            found.append(m.group(1))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xmr", default=os.path.join(ROOT, ".build/release/xmr"))
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--commands", default="", help="comma-separated subset, e.g. 'embed,ann search'")
    args = ap.parse_args()
    args.xmr = os.path.abspath(args.xmr)
    work = tempfile.mkdtemp(prefix="xmr-flag-fuzz-")
    data = os.path.join(work, "data")
    tiny_dataset(data)
    model = os.path.join(work, "model")
    subprocess.run([args.xmr, "train", data, "--model", model, "--threads", "1"], check=True, capture_output=True)
    texts = os.path.join(work, "texts.txt")
    open(texts, "w").write("label1 words\nmore words\n")
    vectors = os.path.join(work, "vectors.txt")
    shutil.copy(os.path.join(data, "train.txt"), vectors)
    encoder = os.path.join(ROOT, "Tests/XMRTests/Fixtures/tiny-bert/model")
    index = os.path.join(work, "index.hnsw")
    subprocess.run([args.xmr, "ann", "build", "--input", vectors, "--index", index], capture_output=True)
    out = lambda name: os.path.join(work, "out", name)
    # A working invocation per command; the fuzzed option is appended (a later value wins).
    bases = {
        "train": ["train", data, "--model", out("m"), "--threads", "1"],
        "predict": ["predict", "--model", model, "--point", "0", "--dataset", data],
        "eval": ["eval", "--model", model, data, "--threads", "1"],
        "tree": ["tree", "--model", model],
        "info": ["info", data],
        "calibrate": ["calibrate", "--model", out("cm"), data],
        "tune-thresholds": ["tune-thresholds", "--model", model, data],
        "embed": ["embed", "--encoder", encoder, "--input", texts, "--output", out("e.npy")],
        "ann build": ["ann", "build", "--input", vectors, "--index", out("i.hnsw")],
        "ann search": ["ann", "search", "--index", index, "--queries", vectors, "--output", out("n.tsv")],
        "sessions list": ["sessions", "list", "--sessions", out("s")],
        "import-pecos": ["import-pecos", out("nothing"), "--model", out("pm")],
    }
    failures = 0
    chosen = [c.strip() for c in args.commands.split(",") if c.strip()]
    for command, base in bases.items():
        if chosen and command not in chosen:
            continue
        flags = options(args.xmr, command)
        runs = crashes = hangs = multiline = 0
        for flag in flags:
            for value in VALUES:
                shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)
                os.makedirs(os.path.join(work, "out"))
                if command == "calibrate":
                    shutil.copytree(model, out("cm"))
                runs += 1
                try:
                    # In the scratch folder: a relative value (`--model nan`) writes there, not here.
                    p = subprocess.run([args.xmr, *base, flag, value], capture_output=True, text=True, cwd=work,
                                       errors="replace", timeout=args.timeout, stdin=subprocess.DEVNULL)
                except subprocess.TimeoutExpired:
                    hangs += 1
                    print(f"  HANG {command} {flag} {value!r}")
                    continue
                text = p.stdout + p.stderr
                if p.returncode < 0 or p.returncode >= 128 or any(m in text for m in BAD_MARKERS):
                    crashes += 1
                    print(f"  CRASH {command} {flag} {value!r}: rc {p.returncode}: {text[-300:]!r}")
                elif p.returncode != 0 and len([l for l in p.stderr.splitlines() if l.strip()]) > 1 \
                        and "Usage:" not in p.stderr:
                    multiline += 1
                    print(f"  MULTI-LINE {command} {flag} {value!r}: {p.stderr[:300]!r}")
        failures += crashes + hangs + multiline
        print(f"{command}: {len(flags)} options, {runs} runs, {crashes} crashes, {hangs} hangs, {multiline} multi-line refusals")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
