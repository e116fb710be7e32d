"""For people at a terminal: each finding with its source line and a caret under the span."""

from __future__ import annotations

from podlint.findings import Finding, Severity
from podlint.output import OutputContext
from podlint.run import RunResult

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, context: OutputContext) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if context.color else text


def _one(finding: Finding, context: OutputContext) -> str:
    severity = _paint(finding.severity.value, "1;" + _COLORS[finding.severity], context)
    where = f"{_paint(finding.path, '1', context)}:{finding.line}:{finding.column}"
    head = f"{where}: {severity}[{finding.rule}] {finding.message}"
    if not finding.source_line:
        return head + "\n"
    number = str(finding.line)
    gutter = " " * len(number)
    source = finding.source_line.expandtabs(1)
    width = max(1, finding.span.end_column - finding.column) if finding.span.end_line == finding.line else 1
    caret = " " * (finding.column - 1) + _paint("^" * width, _COLORS[finding.severity], context)
    return f"{head}\n{gutter} |\n{number} | {source}\n{gutter} | {caret}\n"


def render(result: RunResult, context: OutputContext) -> str:
    parts = [_one(finding, context) for finding in result.findings]
    errors, warnings = result.count(Severity.ERROR), result.count(Severity.WARNING)
    files = len(result.reports)
    if parts:
        parts.append(f"\nFound {errors} error(s) and {warnings} warning(s) in {files} file(s).\n")
    return "\n".join(parts[:-1]) + parts[-1] if parts else ""
