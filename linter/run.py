"""Checking many files: read each, run the engine, never let one bad file stop the others."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from podlint.engine import Report, Settings, check_source
from podlint.findings import Finding, Severity
from podlint.files import STDIN
from podlint.source import Source, SourceError, decode


@dataclass
class RunResult:
    reports: list[Report] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

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
        report = Report(display_path)
        violation = error.violation
        assert violation.span is not None
        report.findings.append(
            Finding(display_path, violation.span, violation.rule, Severity.ERROR, violation.message)
        )
        return report
    return check_source(Source(display_path, text), settings)


def check_paths(paths: Iterable[str], settings: Settings, stdin_filename: str | None = None) -> RunResult:
    result = RunResult()
    for path in paths:
        display = (stdin_filename or "<stdin>") if path == STDIN else path
        try:
            data = read_bytes(path)
        except OSError as error:
            result.unreadable.append(f"{display}: {error.strerror or error}")
            continue
        result.reports.append(check_bytes(display, data, settings))
    return result
