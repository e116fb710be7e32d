"""For people at a terminal: each finding with its source line and a caret under the span."""

from __future__ import annotations

from podlint.findings import Finding, Severity
from podlint.output import OutputContext
from podlint.run import RunResult

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
# At most this many characters of a source line are shown (a minified JSON manifest is one line
# of megabytes); `_CUT` marks each side that was cut.
WINDOW = 120
_CUT = "..."


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
    width = max(1, finding.span.end_column - finding.column) if finding.span.end_line == finding.line else 1
    source, offset, width = _window(finding.source_line.expandtabs(1), finding.column - 1, width)
    caret = " " * offset + _paint("^" * width, _COLORS[finding.severity], context)
    return f"{head}\n{gutter} |\n{number} | {source}\n{gutter} | {caret}\n"


def _window(line: str, offset: int, width: int) -> tuple[str, int, int]:
    """At most `WINDOW` characters of `line` around the span at `offset` (0-based) of `width`
    characters, a third of them before it: the text, and the span's offset and width in it."""
    if len(line) <= WINDOW:
        return line, offset, width
    start = max(0, min(offset - WINDOW // 3, len(line) - WINDOW))
    end = start + WINDOW
    width = max(1, min(width, end - offset))
    head, tail = (_CUT if start else ""), (_CUT if end < len(line) else "")
    return head + line[start:end] + tail, len(head) + offset - start, width


def _counts(result: RunResult) -> str:
    """`1 error(s) and 2 warning(s)`, with the info findings when there are some."""
    counts = [f"{result.count(Severity.ERROR)} error(s)", f"{result.count(Severity.WARNING)} warning(s)"]
    infos = result.count(Severity.INFO)
    if infos:
        counts.append(f"{infos} info(s)")
    return ", ".join(counts[:-1]) + " and " + counts[-1]


def render(result: RunResult, context: OutputContext) -> str:
    parts = [_one(finding, context) for finding in result.findings]
    if parts:
        parts.append(f"\nFound {_counts(result)} in {len(result.reports)} file(s).\n")
    return "\n".join(parts[:-1]) + parts[-1] if parts else ""
