"""What the rules add to schema checking, counted in instructions rather than timed.

CPU time on a shared machine varies by a quarter between two runs of the same command, more
than the difference this measures. valgrind's callgrind counts the instructions a run executes,
the same each time: podlint checks the corpus's files with every default rule and with the
schema rules only (`--jobs 1`, `--no-cache`), and once with one file each, to separate the
start-up from the cost per document. The whole corpus takes about 15 minutes (callgrind runs
programs some 50 times slower); `--files` takes the first N files for a quicker look.

    python benchmarks/make_corpus.py
    python benchmarks/instructions.py            # --files N; needs valgrind on PATH

It prints what the rules add: over the files checked (start-up included) and per document.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from run import PODLINT_CHECK, SCHEMA_RULES

HERE = Path(__file__).resolve().parent
_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(arguments: list[str]) -> int:
    """The instructions a podlint run executes, start-up included."""
    return counted([*PODLINT_CHECK, "--no-cache", "--jobs", "1", *arguments])


def counted(program: list[str]) -> int:
    """The instructions `program` executes, counted by callgrind."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *program]
    environment = {**os.environ, "PYTHONHASHSEED": "0"}  # the same sets and dicts every run
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    match = _COLLECTED.search(done.stderr)
    if match is None:
        raise SystemExit(f"callgrind counted nothing:\n{done.stderr[-2000:]}")
    return int(match.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=0, help="the first N files (default: all)")
    parser.add_argument("--kube-version", default="1.36")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not on PATH (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    corpus = sorted((HERE / "corpus" / "single").glob("*.yaml"))
    if not corpus:
        print("no corpus: run benchmarks/make_corpus.py first", file=sys.stderr)
        return 2
    files = [str(path) for path in corpus[: args.files or len(corpus)]]
    version = ["--kube-version", args.kube_version]
    schema_only = ["--select", SCHEMA_RULES]
    runs = {
        "rules, 1 file": [*version, files[0]],
        "schema, 1 file": [*version, *schema_only, files[0]],
        "rules": [*version, *files],
        "schema": [*version, *schema_only, *files],
    }
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counted = dict(zip(runs, pool.map(instructions, runs.values()), strict=True))
    documents = len(files) - 1
    per_document = {name: (counted[name] - counted[f"{name}, 1 file"]) / documents for name in ("rules", "schema")}
    print(f"instructions (callgrind), {len(files):,} files of the corpus, one process:")
    for name in ("rules", "schema"):
        label = "every default rule" if name == "rules" else "schema rules only"
        print(
            f"- {label}: start-up and one file {counted[f'{name}, 1 file'] / 1e9:.3f} G, "
            f"then {per_document[name] / 1e6:.3f} M per document; {counted[name] / 1e9:.2f} G in all"
        )
    print(f"- rules add {counted['rules'] / counted['schema'] - 1:.1%} to schema checking, start-up included")
    print(f"- rules add {per_document['rules'] / per_document['schema'] - 1:.1%} per document")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
