"""JUnit XML for CI test reports: a test suite per file and a test case per document.

A document fails when it has a finding at or above the fail level; findings below it are kept
in the test case's output. Problems that belong to no document (the file cannot be read as YAML)
and files without documents get one test case named `file`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from podlint.engine import Report
from podlint.findings import Finding
from podlint.output import OutputContext
from podlint.run import RunResult

FILE_CASE = "file"


def _line(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value}[{finding.rule}] {finding.message}"


def _cases(report: Report) -> list[tuple[str, list[Finding]]]:
    """(test case name, its findings) in file order."""
    by_document: dict[int | None, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        # Parse problems carry no json_path: they belong to the file, not to a document.
        by_document[finding.document if finding.json_path else None].append(finding)
    cases = [
        (label or f"document {index + 1}", by_document[index])
        for index, label in sorted(report.document_labels.items())
    ]
    if None in by_document or not cases:
        cases.insert(0, (FILE_CASE, by_document[None]))
    return cases


def _testcase(suite: ET.Element, report: Report, name: str, findings: list[Finding]) -> bool:
    """Adds one test case; True when it fails."""
    case = ET.SubElement(suite, "testcase", name=name, classname=report.path, file=report.path)
    fail_rank = report.fail_on.rank
    failing = [finding for finding in findings if finding.severity.rank >= fail_rank]
    if failing:
        rules = ", ".join(sorted({finding.rule for finding in failing}))
        noun = "finding" if len(failing) == 1 else "findings"
        failure = ET.SubElement(case, "failure", message=f"{len(failing)} {noun}: {rules}", type="podlint")
        failure.text = "".join(_line(finding) + "\n" for finding in failing)
    passing = [finding for finding in findings if finding.severity.rank < fail_rank]
    if passing:
        ET.SubElement(case, "system-out").text = "".join(_line(finding) + "\n" for finding in passing)
    return bool(failing)


def render(result: RunResult, context: OutputContext) -> str:
    root = ET.Element("testsuites", name="podlint")
    total = failed = 0
    for report in result.reports:
        suite = ET.SubElement(root, "testsuite", name=report.path)
        cases = _cases(report)
        failures = sum(_testcase(suite, report, name, findings) for name, findings in cases)
        suite.attrib.update(tests=str(len(cases)), failures=str(failures), errors="0", skipped="0")
        total, failed = total + len(cases), failed + failures
    root.attrib.update(tests=str(total), failures=str(failed), errors="0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
