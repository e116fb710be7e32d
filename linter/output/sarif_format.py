"""SARIF 2.1.0 for code scanning: rule metadata from each rule's documentation, real regions,
and fingerprints that survive edits elsewhere in the file."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from podlint import HOMEPAGE, __version__, rule_docs_url
from podlint.findings import Finding, LocatedFix, Severity
from podlint.output import OutputContext
from podlint.output.paths import relative_to_root, source_root
from podlint.registry import get_rule
from podlint.rule import RuleModule
from podlint.run import RunResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT = "%SRCROOT%"
FINGERPRINT = "podlint/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _first_paragraph(doc: str, section: str) -> str:
    match = re.search(rf"^## {re.escape(section)}\n(.*?)(?:\n\n|\n##|\Z)", doc, re.MULTILINE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""


def _plain_text(markdown: str) -> str:
    """The documentation without markdown syntax: no fences, heading marks, backticks or link
    brackets."""
    text = re.sub(r"^```\w*\n", "", markdown, flags=re.MULTILINE)
    text = re.sub(r"^#+ ", "", text, flags=re.MULTILINE)
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1 (\2)", text)
    return text.replace("`", "")


def _rule_descriptor(module: RuleModule) -> dict[str, Any]:
    rule = module.rule
    description = _first_paragraph(module.doc, "What it does") or rule.summary
    return {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _plain_text(description), "markdown": description},
        "help": {"text": _plain_text(module.doc), "markdown": module.doc},
        "helpUri": rule_docs_url(rule.id),
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _artifact_location(path: str) -> dict[str, str]:
    relative = relative_to_root(path)
    if relative is None:
        return {"uri": Path(path).absolute().as_uri()}
    return {"uri": quote(relative), "uriBaseId": ROOT}


def _directory_uri(path: str) -> str:
    uri = Path(path).absolute().as_uri()
    return uri if uri.endswith("/") else uri + "/"  # SARIF base URIs end with a slash


def _fingerprint(finding: Finding, artifact_uri: str) -> str:
    """What identifies a finding across commits: its rule, file, object, place in the object and
    the text of its line; never the line number, which moves when lines are added above."""
    parts = (finding.rule, artifact_uri, finding.object, finding.json_path, finding.source_line.strip())
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _fix(fix: LocatedFix, location: dict[str, str]) -> dict[str, Any]:
    replacements = [
        {
            "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
            "insertedContent": {"text": edit.text},
        }
        for edit in fix.edits
    ]
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
    }


def _result(finding: Finding, rule_index: int, seen: Counter[str]) -> dict[str, Any]:
    span = finding.span
    location = _artifact_location(finding.path)
    fingerprint = _fingerprint(finding, location["uri"])
    seen[fingerprint] += 1
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": {
                        "startLine": span.line,
                        "startColumn": span.column,
                        "endLine": span.end_line,
                        "endColumn": span.end_column,
                    },
                },
            }
        ],
        # The occurrence count tells apart identical findings, as GitHub's own line hash does.
        "partialFingerprints": {FINGERPRINT: f"{fingerprint}:{seen[fingerprint]}"},
    }
    if finding.fix is not None:
        result["fixes"] = [_fix(finding.fix, location)]
    return result


def render(result: RunResult, context: OutputContext) -> str:
    rule_ids = sorted({finding.rule for finding in result.findings})
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    seen: Counter[str] = Counter()
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "podlint",
                "version": __version__,
                "informationUri": HOMEPAGE,
                "rules": [_rule_descriptor(get_rule(rule_id)) for rule_id in rule_ids],
            }
        },
        "originalUriBaseIds": {ROOT: {"uri": _directory_uri(source_root())}},
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {
                "executionSuccessful": not result.unreadable,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": f"cannot read {problem}"}} for problem in result.unreadable
                ],
            }
        ],
        "results": [_result(finding, index[finding.rule], seen) for finding in result.findings],
    }
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2) + "\n"
