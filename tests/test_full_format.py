"""The `full` format: the source line and a caret, a window of long lines, and the summary (which
the JSON format shares)."""

from __future__ import annotations

import json

from podlint.engine import Report
from podlint.findings import Finding, Severity, Span
from podlint.output import OutputContext
from podlint.output.full_format import render
from podlint.output.json_format import render as render_json
from podlint.run import RunResult


def finding(line: str, column: int, width: int, severity: Severity = Severity.ERROR) -> Finding:
    span = Span(3, column, 3, column + width)
    return Finding("pod.yaml", span, "some-rule", severity, "what is wrong", source_line=line)


def rendered(*findings: Finding) -> str:
    return render(RunResult([Report("pod.yaml", list(findings))]), OutputContext())


def test_info_findings_are_counted_in_the_summary() -> None:
    out = rendered(finding("a: 1", 1, 1, Severity.INFO), finding("b: 2", 1, 1, Severity.INFO))
    assert out.endswith("\nFound 0 error(s), 0 warning(s) and 2 info(s) in 1 file(s).\n")


def test_the_summary_leaves_out_infos_when_there_are_none() -> None:
    out = rendered(finding("a: 1", 1, 1), finding("b: 2", 1, 1, Severity.WARNING))
    assert out.endswith("\nFound 1 error(s) and 1 warning(s) in 1 file(s).\n")


def test_a_short_line_is_shown_whole() -> None:
    assert rendered(finding("  image: nginx", 10, 5)) == (
        "pod.yaml:3:10: error[some-rule] what is wrong\n"
        "  |\n"
        "3 |   image: nginx\n"
        "  |          ^^^^^\n"
        "\nFound 1 error(s) and 0 warning(s) in 1 file(s).\n"
    )


def test_a_long_line_is_cut_around_the_span_with_the_caret_under_it() -> None:
    line = "a" * 1_000_000 + "XYZ" + "b" * 1_000_000
    out = rendered(finding(line, 1_000_001, 3))
    assert out.splitlines()[2:4] == [
        "3 | ..." + "a" * 40 + "XYZ" + "b" * 77 + "...",
        "  | " + " " * 43 + "^^^",
    ]


def test_a_long_line_is_cut_on_the_side_away_from_the_span_only() -> None:
    line = "key: " + "v" * 500
    start = rendered(finding(line, 1, 3)).splitlines()[2:4]
    assert start == ["3 | " + line[:120] + "...", "  | ^^^"]
    end = rendered(finding(line, 505, 2)).splitlines()[2:4]  # the last character; the caret stops at the end
    assert end == ["3 | ..." + line[-120:], "  | " + " " * 122 + "^"]


def test_the_json_summary_counts_infos_too() -> None:
    findings = [finding("a: 1", 1, 1, Severity.INFO), finding("b: 2", 1, 1, Severity.WARNING)]
    summary = json.loads(render_json(RunResult([Report("pod.yaml", findings)]), OutputContext()))["summary"]
    assert summary == {"files": 1, "documents": 0, "errors": 0, "warnings": 1, "infos": 1}
