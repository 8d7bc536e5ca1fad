#!/usr/bin/env python3
"""Mutation fuzz of the real xmr binary: train.txt, model.json and a session file.

Each run mutates one input (byte flips, insertions, deletions, truncation, huge/negative/odd
numbers, control bytes, NUL, a BOM, path tricks in session files), runs xmr on it with a
timeout and classifies the outcome. A crash is a signal, "Fatal error", a backtrace or a stack
dump; a hang is a timeout; a message that is not one line is counted too. Session runs also
check that nothing outside the sessions folder was deleted.

Usage: Benchmarks/mutation_fuzz.py [--xmr PATH] [--runs 4000] [--seed 1] [--timeout 20]
Prints a summary line per input kind and exits non-zero on any crash, hang or escaped write.
"""
import argparse, json, os, random, re, shutil, subprocess, sys, tempfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BAD_MARKERS = ("Fatal error", "Stack dump", "backtrace", "Current stack trace", "SIGABRT", "SIGSEGV", "NSCocoaErrorDomain")


def tiny_dataset(path, rng):
    """A 40-point, 36-feature, 12-label dataset like the end-to-end tests'."""
    os.makedirs(path, exist_ok=True)
    def split(n, offset):
        lines = [f"{n} 36 12"]
        for i in range(n):
            label = (i * 7 + offset) % 12
            feats = [f"{label * 3 + k}:1" for k in range(3)]
            lines.append(f"{label},{(label + 1) % 12} " + " ".join(feats))
        return "\n".join(lines) + "\n"
    open(os.path.join(path, "train.txt"), "w").write(split(40, 0))
    open(os.path.join(path, "test.txt"), "w").write(split(12, 5))


NUMBERS = [b"0", b"-1", b"1000000000", b"100000000", b"2147483648", b"9223372036854775807",
           b"99999999999999999999", b"1e309", b"nan", b"-0", b"4294967296", b"65536", b"1.5", b"\x00"]
BYTES = [b"\x00", b"\x1b[31m", b"\xef\xbb\xbf", b"\r", b"\n", b"\n\n", b",", b":", b" ", b"\t", b"\xff", b"-", b"../"]


def mutate(data, rng, rounds=None):
    data = bytearray(data)
    for _ in range(rounds or rng.randint(1, 4)):
        op = rng.randrange(8)
        pos = rng.randrange(len(data) + 1) if data else 0
        if op == 0 and data:                                  # flip a bit
            p = rng.randrange(len(data)); data[p] ^= 1 << rng.randrange(8)
        elif op == 1:                                         # insert an odd byte sequence
            data[pos:pos] = rng.choice(BYTES)
        elif op == 2 and data:                                # delete a run
            data[pos:pos + rng.randint(1, 16)] = b""
        elif op == 3:                                         # truncate
            data = data[:pos]
        elif op == 4:                                         # replace a number by a hostile one
            spans = [m.span() for m in re.finditer(rb"-?\d+(\.\d+)?", bytes(data))]
            if spans:
                a, b = rng.choice(spans); data[a:b] = rng.choice(NUMBERS)
        elif op == 5 and data:                                # duplicate a line
            lines = bytes(data).split(b"\n"); k = rng.randrange(len(lines))
            lines.insert(k, lines[k]); data = bytearray(b"\n".join(lines))
        elif op == 6 and data:                                # swap two bytes
            a, b = rng.randrange(len(data)), rng.randrange(len(data)); data[a], data[b] = data[b], data[a]
        else:                                                 # random byte
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def reseal(manifest):
    """Recompute model.json's manifestCRC32 line so that the mutation reaches the fields."""
    lines = manifest.split(b"\n")
    body = b"\n".join(l for l in lines if b'"manifestCRC32"' not in l)
    if not body.startswith(b"{\n"):
        return manifest
    crc = zlib.crc32(body) & 0xFFFFFFFF
    return b"{\n" + b'  "manifestCRC32" : "%08x",\n' % crc + body[2:]


def run(xmr, args, timeout, env=None):
    try:
        p = subprocess.run([xmr] + args, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return "hang", ""
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0 or any(m in err for m in BAD_MARKERS) or p.returncode > 2:
        return "crash", err
    if p.returncode != 0 and err.count("\n") > 1 and not err.startswith("Error:") and "Usage:" not in err:
        return "multiline", err
    if any(ord(c) < 32 and c not in "\n\t" for c in err):
        return "raw-control", err
    return ("ok" if p.returncode == 0 else "rejected"), err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xmr", default=os.path.join(ROOT, ".build", "debug", "xmr"))
    ap.add_argument("--runs", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=20)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="xmr-mutation-")
    base = os.path.join(work, "base")
    tiny_dataset(base, rng)
    model = os.path.join(work, "model")
    quick = ["--max-leaf-size", "4", "--branching", "2", "--threads", "1"]
    out = subprocess.run([args.xmr, "train", base, "--model", model] + quick, capture_output=True)
    assert out.returncode == 0, out.stderr
    train = open(os.path.join(base, "train.txt"), "rb").read()
    manifest = open(os.path.join(model, "model.json"), "rb").read()
    session_seed = json.load(open(os.path.join(ROOT, "sessions", "example.json")))
    session_seed["name"] = "fuzz"
    session_seed["datasetPath"] = base
    canary = os.path.join(work, "canary")
    os.makedirs(canary)
    open(os.path.join(canary, "thesis.txt"), "w").write("keep me\n")
    session_seed["runs"][0]["modelFolder"] = canary
    session_bytes = json.dumps(session_seed, indent=2).encode()

    counts = {kind: {} for kind in ("train.txt", "model.json", "session")}
    failures = []
    for i in range(args.runs):
        kind = ("train.txt", "model.json", "session")[i % 3]
        case = os.path.join(work, "case")
        shutil.rmtree(case, ignore_errors=True)
        os.makedirs(case)
        if kind == "train.txt":
            shutil.copy(os.path.join(base, "test.txt"), case)
            open(os.path.join(case, "train.txt"), "wb").write(mutate(train, rng))
            outcome, err = run(args.xmr, ["train", case, "--model", os.path.join(case, "m")] + quick, args.timeout)
        elif kind == "model.json":
            m = os.path.join(case, "m")
            shutil.copytree(model, m)
            text = mutate(manifest, rng)
            if rng.random() < 0.7:
                text = reseal(text)
            open(os.path.join(m, "model.json"), "wb").write(text)
            command = rng.choice([["predict", "--model", m, base, "--point", "0"],
                                  ["eval", "--model", m, base, "--latency-sample", "2"],
                                  ["tree", "--model", m] if rng.random() < 0.5 else ["predict", "--model", m, base]])
            outcome, err = run(args.xmr, command, args.timeout)
        else:
            sessions = os.path.join(case, "sessions")
            os.makedirs(sessions)
            data = mutate(session_bytes, rng)
            if rng.random() < 0.3:   # path tricks on the model folder
                data = data.replace(b'"example/run-2"', rng.choice([b'"../canary"', b'"/"', b'"fuzz/../../canary"', b'""', b'"."']))
            open(os.path.join(sessions, "fuzz.json"), "wb").write(data)
            env = dict(os.environ, XMR_SESSIONS_DIR=sessions)
            command = rng.choice([["sessions", "show", "fuzz"], ["sessions", "list"], ["sessions", "show", "fuzz", "--json"],
                                  ["sessions", "delete", "fuzz"]])
            outcome, err = run(args.xmr, command, args.timeout, env=env)
            if not os.path.exists(os.path.join(canary, "thesis.txt")):
                outcome, err = "escaped-delete", "the canary outside the sessions folder was deleted"
                open(os.path.join(canary, "thesis.txt"), "w").write("keep me\n")
        counts[kind][outcome] = counts[kind].get(outcome, 0) + 1
        if outcome not in ("ok", "rejected"):
            keep = os.path.join(work, f"failure-{i}")
            shutil.copytree(case, keep)
            failures.append((i, kind, outcome, err.strip().splitlines()[:3], keep))
    for kind, c in counts.items():
        print(f"{kind}: {sum(c.values())} runs, " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    bad = {k: sum(c.get(k, 0) for c in counts.values()) for k in ("crash", "hang", "multiline", "raw-control", "escaped-delete")}
    print("crashes %(crash)d, hangs %(hang)d, multi-line messages %(multiline)d, raw control bytes %(raw-control)d, "
          "deletes outside %(escaped-delete)d" % bad)
    for f in failures[:20]:
        print("failure", f)
    if not failures:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
