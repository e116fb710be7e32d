"""`path:line:col: severity[rule] message`: one line per finding, parsed by every editor."""

from __future__ import annotations

from podlint.output import OutputContext
from podlint.run import RunResult


def render(result: RunResult, context: OutputContext) -> str:
    return "".join(f"{f.path}:{f.line}:{f.column}: {f.severity.value}[{f.rule}] {f.message}\n" for f in result.findings)
