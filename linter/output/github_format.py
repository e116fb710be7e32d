"""GitHub Actions workflow commands: each finding becomes an annotation on its file and line.

GitHub shows only the first few annotations of a step, so each message also carries
`path:line:col` for the rest, which appear only in the log.
"""

from __future__ import annotations

from podlint.findings import Finding, Severity
from podlint.output import OutputContext
from podlint.output.paths import relative_to_root
from podlint.run import RunResult

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(finding: Finding) -> str:
    span = finding.span
    path = relative_to_root(finding.path) or finding.path
    properties = {
        "file": path,
        "line": span.line,
        "col": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "title": f"podlint[{finding.rule}]",
    }
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    message = f"{path}:{span.line}:{span.column}: {finding.message}"
    return f"::{_COMMANDS[finding.severity]} {joined}::{escape_data(message)}\n"


def render(result: RunResult, context: OutputContext) -> str:
    return "".join(_command(finding) for finding in result.findings)
