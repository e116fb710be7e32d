"""Runs podlint and its peers on the same generated corpus and prints one Markdown table.

Each tool runs in a fresh subprocess started by a small measuring process, which reports the
wall time and the peak resident memory of the largest process the tool started
(`getrusage(RUSAGE_CHILDREN)`). Every command runs `--repeat` times; the fastest run counts.

    python benchmarks/make_corpus.py            # once: writes benchmarks/corpus/
    python benchmarks/run.py

Peers are used when installed: kubernetes-validate (`benchmarks/.venv/bin/` or PATH; see
benchmarks/README.md), kubeconform and kube-linter (PATH). Missing ones are listed and skipped.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMA_RULES = "yaml-syntax,duplicate-key,unknown-field,invalid-type,missing-field,invalid-value,unknown-kind"
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(code, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@dataclass(frozen=True)
class Measurement:
    tool: str
    documents: int
    wall: float
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.documents / self.wall


class ToolFailed(Exception):
    pass


def measure(tool: str, documents: int, command: Sequence[str], repeat: int, ok_codes: Sequence[int]) -> Measurement:
    best: Measurement | None = None
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
        code, wall, rss_kb = out.stdout.split()
        if int(code) not in ok_codes:
            raise ToolFailed(f"{tool}: exit code {code} from {' '.join(command[:4])} ...")
        run = Measurement(tool, documents, float(wall), int(rss_kb) / 1024)
        if best is None or run.wall < best.wall:
            best = Measurement(tool, documents, run.wall, max(run.peak_rss_mb, best.peak_rss_mb if best else 0))
    assert best is not None
    return best


def find_tool(name: str) -> str | None:
    local = HERE / ".venv" / "bin" / name
    return str(local) if local.exists() else shutil.which(name)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores (`nproc`), {model}, Python {platform.python_version()}, {platform.system()}"


def table(rows: list[Measurement], reference: Measurement) -> str:
    lines = [
        "| tool | documents | wall s | docs/s | peak RSS MB | podlint is ... times faster |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = reference.rate / row.rate
        lines.append(
            f"| {row.tool} | {row.documents:,} | {row.wall:.2f} | {row.rate:,.0f} | {row.peak_rss_mb:.0f} | {ratio:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus", help="made by make_corpus.py")
    parser.add_argument("--peer-documents", type=int, default=1000,
                        help="documents given to the slow peers (kubernetes-validate)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kube-version", default="1.36")
    args = parser.parse_args(argv)
    single = sorted(str(path) for path in (args.corpus / "single").glob("*.yaml"))
    multi = sorted(str(path) for path in (args.corpus / "multi").glob("*.yaml"))
    if not single or not multi:
        print(f"no corpus in {args.corpus}: run benchmarks/make_corpus.py first", file=sys.stderr)
        return 2
    podlint = [sys.executable, "-m", "podlint", "check", "--format", "concise", "--no-cache",
               "--kube-version", args.kube_version]
    few = single[: args.peer_documents]
    findings = (0, 1)
    rows = [
        measure("podlint", len(single), [*podlint, str(args.corpus / "single")], args.repeat, findings),
        measure(f"podlint, {len(multi)} multi-document files", len(single), [*podlint, str(args.corpus / "multi")],
                args.repeat, findings),
        measure("podlint --jobs 1", len(single), [*podlint, "--jobs", "1", str(args.corpus / "single")],
                args.repeat, findings),
        measure("podlint --jobs 1, schema rules only", len(single),
                [*podlint, "--jobs", "1", "--select", SCHEMA_RULES, str(args.corpus / "single")], args.repeat, findings),
        measure(f"podlint, first {len(few):,}", len(few), [*podlint, *few], args.repeat, findings),
    ]
    missing = []
    kubernetes_validate = find_tool("kubernetes-validate")
    if kubernetes_validate:
        command = [kubernetes_validate, "--strict", "--quiet", "-k", f"{args.kube_version}.0", *few]
        rows.append(measure("kubernetes-validate --strict", len(few), command, 1, findings))
    else:
        missing.append("kubernetes-validate")
    kubeconform = find_tool("kubeconform")
    if kubeconform:
        command = [kubeconform, "-strict", "-summary", "-kubernetes-version", f"{args.kube_version}.0",
                   str(args.corpus / "single")]
        rows.append(measure("kubeconform -strict", len(single), command, args.repeat, findings))
    else:
        missing.append("kubeconform")
    kube_linter = find_tool("kube-linter")
    if kube_linter:
        command = [kube_linter, "lint", str(args.corpus / "single")]
        rows.append(measure("kube-linter lint", len(single), command, args.repeat, findings))
    else:
        missing.append("kube-linter")
    print(f"Machine: {machine()}\n")
    print(table(rows, rows[0]))
    if missing:
        print(f"\nNot installed, skipped: {', '.join(missing)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
