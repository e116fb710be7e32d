"""What the rules add to schema checking, in CPU time, with the machine's drifts cancelled out.

One process reads the corpus's files, then checks each file twice in a row: with every default
rule and with the schema rules only, in alternating order (ABBA), summing the CPU time of each.
A shared machine's speed drifts over seconds; two checks of the same file a millisecond apart
see the same speed, so the ratio holds where two separate runs differ by a quarter. Start-up is
left out (`run.py` measures it).

    python benchmarks/make_corpus.py
    python benchmarks/interleaved.py             # --passes 2
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from run import SCHEMA_RULES

from podlint.engine import Settings
from podlint.run import check_bytes
from podlint.selection import enabled_rules

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--kube-version", default="1.36")
    args = parser.parse_args()
    files = sorted((HERE / "corpus" / "single").glob("*.yaml"))
    if not files:
        print("no corpus: run benchmarks/make_corpus.py first", file=sys.stderr)
        return 2
    texts = [(str(path), path.read_bytes()) for path in files]
    every_rule = Settings(args.kube_version, enabled_rules(None, [], []))
    schema_only = Settings(args.kube_version, frozenset(SCHEMA_RULES.split(",")))
    for path, data in texts[:50]:  # compile the checks and fill the caches first
        check_bytes(path, data, every_rule)
        check_bytes(path, data, schema_only)
    for number in range(args.passes):
        spent = {"rules": 0.0, "schema": 0.0}
        runs = {"rules": every_rule, "schema": schema_only}
        for index, (path, data) in enumerate(texts):
            for name in ("rules", "schema") if (index + number) % 2 == 0 else ("schema", "rules"):
                start = time.process_time()
                check_bytes(path, data, runs[name])
                spent[name] += time.process_time() - start
        rules, schema = spent["rules"], spent["schema"]
        print(
            f"pass {number + 1}: {len(texts):,} files, every default rule {rules:.2f} s, schema rules only "
            f"{schema:.2f} s of CPU: rules add {rules / schema - 1:.1%}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
