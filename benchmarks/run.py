"""Runs podlint and its peers on the same generated corpus and prints one Markdown table.

Each command runs in a fresh subprocess started by a small measuring process, which reports the
wall time, the CPU time of all the processes the command started and the peak resident memory of
the largest of them (`getrusage(RUSAGE_CHILDREN)`). Every command runs `--repeat` times; the
median wall time counts, the lowest CPU time (the run least disturbed by other work on the
machine) and the highest memory.

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
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import make_corpus  # next to this script

HERE = Path(__file__).resolve().parent
PODLINT_CHECK = [sys.executable, "-m", "podlint", "check", "--format", "concise"]
SCHEMA_RULES = "yaml-syntax,duplicate-key,unknown-field,invalid-type,missing-field,invalid-value,unknown-kind"
STARTUP_REPEAT = 15
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


@dataclass(frozen=True)
class Measurement:
    tool: str
    documents: int
    wall: float
    cpu: float
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.documents / self.wall


class ToolFailed(Exception):
    pass


def measure(
    tool: str, documents: int, command: Sequence[str], repeat: int, extra_env: Mapping[str, str] | None = None
) -> Measurement:
    """The median wall time of `repeat` runs, their lowest CPU time and their highest peak memory."""
    # Bytecode is written, as an installed package has it (some shells turn that off).
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment.update(extra_env or {})
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True, env=environment
        )
        code, wall, cpu, rss_kb = out.stdout.split()
        if int(code) not in (0, 1):  # 1: findings, as the corpus has defects
            raise ToolFailed(f"{tool}: exit code {code} from {' '.join(command)[:200]}")
        runs.append((float(wall), float(cpu), int(rss_kb) / 1024))
    walls, cpus, rss = zip(*runs, strict=True)
    return Measurement(tool, documents, statistics.median(walls), min(cpus), max(rss))


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
        "| tool | documents | wall s | CPU s | docs/s | peak RSS MB | podlint's docs/s ÷ this |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.tool} | {row.documents:,} | {row.wall:.2f} | {row.cpu:.2f} | {row.rate:,.0f} "
            f"| {row.peak_rss_mb:.0f} | {reference.rate / row.rate:.1f} |"
        )
    return "\n".join(lines)


SMALL_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
      ports:
        - containerPort: 80
"""


def podlint_rows(corpus: Path, few: list[str], version: str, repeat: int) -> list[Measurement]:
    single, multi = str(corpus / "single"), str(corpus / "multi")
    documents = len(list((corpus / "single").glob("*.yaml")))
    files = sorted((corpus / "multi").glob("*.yaml"))
    check = [*PODLINT_CHECK, "--kube-version", version]
    cold = [*check, "--no-cache"]
    rows = [
        measure("podlint", documents, [*cold, single], repeat),
        measure(f"podlint, {len(files)} multi-document files", documents, [*cold, multi], repeat),
        measure("podlint --jobs 1", documents, [*cold, "--jobs", "1", single], repeat),
        measure(
            "podlint --jobs 1, schema rules only",
            documents,
            [*cold, "--jobs", "1", "--select", SCHEMA_RULES, single],
            repeat,
        ),
        measure(f"podlint, the first {len(few):,} files", len(few), [*cold, *few], repeat),
    ]
    with tempfile.TemporaryDirectory() as scratch:
        environment = {"PODLINT_CACHE_DIR": str(Path(scratch) / "cache")}
        measure("podlint, filling the cache", documents, [*check, single], 1, environment)
        rows.append(
            measure("podlint, again: unchanged files (cache)", documents, [*check, single], repeat, environment)
        )
        # The corpus's documents without syntax errors (one would end the stream), in one file.
        texts = [text for text, defect in make_corpus.documents(documents) if defect != "yaml-syntax"]
        for share in (texts[: len(texts) // 2], texts):
            big = Path(scratch) / f"big-{len(share)}.yaml"
            big.write_text("---\n".join(share))
            size = big.stat().st_size / 2**20
            rows.append(measure(f"podlint, one {size:.0f} MB file", len(share), [*cold, str(big)], repeat))
        pod = Path(scratch) / "pod.yaml"
        pod.write_text(SMALL_POD)
        rows.append(measure("podlint, one small Pod (start-up)", 1, [*cold, str(pod)], STARTUP_REPEAT))
    return rows


def peer_rows(corpus: Path, few: list[str], version: str, repeat: int) -> tuple[list[Measurement], list[str]]:
    rows, missing = [], []
    kubernetes_validate = find_tool("kubernetes-validate")
    if kubernetes_validate:
        command = [kubernetes_validate, "--strict", "--quiet", "-k", f"{version}.0", *few]
        rows.append(measure(f"kubernetes-validate --strict, the first {len(few):,} files", len(few), command, 1))
    else:
        missing.append("kubernetes-validate")
    documents = len(list((corpus / "single").glob("*.yaml")))
    kubeconform = find_tool("kubeconform")
    if kubeconform:
        command = [kubeconform, "-strict", "-summary", "-kubernetes-version", f"{version}.0", str(corpus / "single")]
        rows.append(measure("kubeconform -strict", documents, command, repeat))
    else:
        missing.append("kubeconform")
    kube_linter = find_tool("kube-linter")
    if kube_linter:
        rows.append(measure("kube-linter lint", documents, [kube_linter, "lint", str(corpus / "single")], repeat))
    else:
        missing.append("kube-linter")
    return rows, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus", help="made by make_corpus.py")
    parser.add_argument("--peer-files", type=int, default=1000, help="files given to kubernetes-validate")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kube-version", default="1.36")
    args = parser.parse_args(argv)
    few = sorted(str(path) for path in (args.corpus / "single").glob("*.yaml"))[: args.peer_files]
    if not few or not (args.corpus / "multi").is_dir():
        print(f"no corpus in {args.corpus}: run benchmarks/make_corpus.py first", file=sys.stderr)
        return 2
    rows = podlint_rows(args.corpus, few, args.kube_version, args.repeat)
    peers, missing = peer_rows(args.corpus, few, args.kube_version, args.repeat)
    print(f"Machine: {machine()}\n")
    print(table(rows + peers, rows[0]))
    print()
    print(summary(rows, peers))
    if missing:
        print(f"\nNot installed, skipped: {', '.join(missing)}.")
    return 0


def summary(rows: list[Measurement], peers: list[Measurement]) -> str:
    """The ratios the targets are stated in."""
    by_tool = {row.tool: row for row in rows + peers}
    everything, schema_only = by_tool["podlint --jobs 1"], by_tool["podlint --jobs 1, schema rules only"]
    few = next(row for row in rows if row.tool.startswith("podlint, the first"))
    half, whole = (row for row in rows if row.tool.endswith(" MB file"))
    lines = [
        f"- rules add {everything.cpu / schema_only.cpu - 1:.0%} to schema checking (CPU time, one process; "
        "too noisy for a few percent: instructions.py counts it)",
        f"- the big file: {whole.wall / half.wall:.2f}x the time of its first half for "
        f"{whole.documents / half.documents:.2f}x the documents",
    ]
    for peer in peers:
        if peer.documents == few.documents:
            lines.append(f"- podlint checks {few.rate / peer.rate:.0f}x as many documents per second as {peer.tool}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
