"""Checking many files: read each, run the engine, never let one bad file stop the others."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from podlint.engine import Report, Settings, check_source
from podlint.files import STDIN
from podlint.findings import Finding, Severity
from podlint.loader import gc_paused
from podlint.source import Source, SourceError, decode, looks_like_manifest, lossy_decode
from podlint.workers import Task, check_tasks

if TYPE_CHECKING:
    from podlint.cache import ReportCache

# podlint.fixer (and its tempfile) is imported only where fixes are asked for: a plain check,
# pre-commit's usual call, starts without it.

# Runs of more files than this use several processes and the cache; smaller ones (pre-commit,
# editors) are done before a worker process would have started.
PARALLEL_FROM = 50


@dataclass
class RunResult:
    reports: list[Report] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    read_from: list[str] = field(default_factory=list)  # the path of each report's input (`-`: stdin)
    fix_problems: list[str] = field(default_factory=list)  # `path: why its fixes were not applied`
    stdin_fixed: bytes | None = None  # with fixes on: standard input, fixed (what `--fix -` prints)

    @property
    def findings(self) -> list[Finding]:
        return [finding for report in self.reports for finding in report.findings]

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


def read_bytes(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()


def check_bytes(display_path: str, data: bytes, settings: Settings) -> Report:
    try:
        text = decode(data)
    except SourceError as error:
        report = Report(display_path, fail_on=settings.fail_on)
        violation = error.violation
        assert violation.span is not None
        # like a syntax error, only in a file meant as a manifest: pre-commit passes every YAML file
        if violation.rule in settings.rules and looks_like_manifest(lossy_decode(data)):
            report.findings.append(
                Finding(display_path, violation.span, violation.rule, Severity.ERROR, violation.message)
            )
        return report
    source = Source(display_path, text)
    try:
        with gc_paused():
            if not settings.fix:
                return check_source(source, settings)
            from podlint.fixer import fix_source

            return fix_source(source, settings)
    except Exception as error:  # a defect of podlint's own must not stop the other files
        crashed = Report(display_path, fail_on=settings.fail_on)
        crashed.crash = f"{type(error).__name__}: {error}"
        return crashed


def check_paths(
    paths: Iterable[str],
    settings_for: Callable[[str], Settings],
    stdin_filename: str | None = None,
    jobs: int = 1,
    cache: ReportCache | None = None,
    on_report: Callable[[Report], None] | None = None,
) -> RunResult:
    """Check each file with its own settings (`settings_for(path)`; for `-`, of `--stdin-filename`
    when given). With fixes on, reports hold the fixed text; `write_fixes` writes it. Runs of
    more than `PARALLEL_FROM` files use `jobs` processes and the `cache`; reports keep the
    order of `paths` either way."""
    result = RunResult()
    paths = list(paths)
    stdin: list[tuple[bytes, Settings]] = []

    def tasks() -> Iterator[Task]:
        for path in paths:
            display = (stdin_filename or "<stdin>") if path == STDIN else path
            try:
                data = read_bytes(path)
            except OSError as error:
                result.unreadable.append(f"{display}: {error.strerror or error}")
                continue
            settings = settings_for((stdin_filename or STDIN) if path == STDIN else path)
            result.read_from.append(path)
            if path == STDIN:
                stdin.append((data, settings))
            yield Task(display, data, settings)

    large = len(paths) > PARALLEL_FROM
    for report in check_tasks(tasks(), check_bytes, jobs if large else 1, cache if large else None):
        result.reports.append(report)
        if on_report is not None:
            on_report(report)
    if stdin and stdin[0][1].fix:
        from podlint.fixer import encoded_like

        data, fixed = stdin[0][0], result.reports[result.read_from.index(STDIN)].fix
        result.stdin_fixed = encoded_like(data, fixed.text) if fixed else data
    return result


def write_fixes(result: RunResult) -> int:
    """Write every fixed file (standard input is printed by the caller, from `stdin_fixed`); a
    file that cannot be written keeps the findings of its original text. The number of fixes
    applied."""
    from podlint.fixer import write_fixed

    applied = 0
    for index, (report, path) in enumerate(zip(result.reports, result.read_from, strict=True)):
        outcome = report.fix
        if outcome is None:
            continue
        problem = outcome.refused
        if outcome.changed and path != STDIN:
            problem = write_fixed(path, outcome) or ""
            if problem:
                result.reports[index] = replace(report, findings=list(outcome.before), fix=None)
        if problem:
            result.fix_problems.append(f"{report.path}: {problem}")
        else:
            applied += outcome.applied
    return applied
