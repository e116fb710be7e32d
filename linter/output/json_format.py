"""Machine-readable JSON: `{"version", "findings", "summary"}`."""

from __future__ import annotations

import json
from typing import Any

from podlint import __version__
from podlint.findings import Finding, Severity
from podlint.output import OutputContext
from podlint.run import RunResult


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": finding.path,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "object": finding.object,
        "document": finding.document,
        "json_path": finding.json_path,
        "fix": None,
    }
    if finding.fix is not None:
        data["fix"] = {
            "title": finding.fix.title,
            "safe": finding.fix.safe,
            "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in finding.fix.edits],
        }
    return data


def render(result: RunResult, context: OutputContext) -> str:
    document = {
        "version": __version__,
        "findings": [finding_to_dict(finding) for finding in result.findings],
        "summary": {
            "files": len(result.reports),
            "documents": sum(report.documents for report in result.reports),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
        },
    }
    return json.dumps(document, indent=2) + "\n"
