"""The instructions of the compiled schema check and of the rules' quick checks, apart.

One process reads the first documents of the corpus, compiles the checks, and then runs over
the documents either nothing, or the compiled schema check (`podlint.fastcheck.is_valid`), or
that check fused with every default rule's quick checks (the engine's fast path). callgrind
counts each of the three runs; their differences are what each step costs per document. A
second pass sees the names and labels the first one remembered (`podlint.naming.Accepted`).

    python benchmarks/make_corpus.py
    python benchmarks/check_steps.py             # --documents 300 --passes 2; needs valgrind
"""

from __future__ import annotations

import argparse
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from instructions import counted

HERE = Path(__file__).resolve().parent
STEPS = ("nothing", "schema", "schema and quick checks")


def run_step(step: str, documents: int, passes: int, version: str) -> None:
    """The child process that callgrind counts."""
    from podlint.engine import _fast_path
    from podlint.fastcheck import is_valid
    from podlint.loader import load
    from podlint.objects import objects_in
    from podlint.schema import schema_set
    from podlint.selection import enabled_rules

    schemas = schema_set(version)
    found = []
    for path in sorted((HERE / "corpus" / "single").glob("*.yaml"))[:documents]:
        for document in load(path.read_text(encoding="utf-8")).documents:
            for obj in objects_in(document, version):
                definition = schemas.definition_for(obj.api_version, obj.kind)
                if definition is not None:
                    found.append((definition, obj.data))
    fused = _fast_path(enabled_rules(None, [], []), frozenset()).is_clean
    for definition in {definition for definition, _ in found}:  # compiled alike in every step
        fused(version, definition, {})
        is_valid(version, definition, {})
    if step == "nothing":
        return
    check = is_valid if step == "schema" else fused
    for _ in range(passes):
        for definition, data in found:
            check(version, definition, data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300, help="the first N files' documents")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--kube-version", default="1.36")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        run_step(args.step, args.documents, args.passes, args.kube_version)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not on PATH (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    if not any((HERE / "corpus" / "single").glob("*.yaml")):
        print("no corpus: run benchmarks/make_corpus.py first", file=sys.stderr)
        return 2
    common = ["--documents", str(args.documents), "--passes", str(args.passes), "--kube-version", args.kube_version]
    programs = [[sys.executable, __file__, *common, "--step", step] for step in STEPS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        nothing, schema, fused = pool.map(counted, programs)
    checks = args.documents * args.passes
    print(f"instructions (callgrind) per document, {args.documents} files, {args.passes} passes:")
    print(f"- the compiled schema check: {(schema - nothing) / checks / 1e6:.3f} M")
    print(f"- the rules' quick checks, fused into it: {(fused - schema) / checks / 1e6:.3f} M")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
