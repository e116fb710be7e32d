"""probe-port unquotes a quoted port number, the one case with a certain fix."""

from __future__ import annotations

from conftest import lint_text

TEXT = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports: [{containerPort: 8080}]
      livenessProbe:
        tcpSocket: {port: "8080"}
      readinessProbe:
        httpGet: {path: /, port: 'http'}
"""


def apply(text: str) -> str:
    findings = lint_text(text, select=("probe-port",))
    edits = sorted((edit for f in findings if f.fix for edit in f.fix.edits), key=lambda e: -e.start)
    for edit in edits:
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def test_quoted_number_is_unquoted_and_nothing_else_changes() -> None:
    fixed = apply(TEXT)
    assert fixed == TEXT.replace('{port: "8080"}', "{port: 8080}")
    assert [f.line for f in lint_text(fixed, select=("probe-port",))] == [13]


def test_missing_name_has_no_fix() -> None:
    findings = lint_text(TEXT, select=("probe-port",))
    assert [(f.line, f.fix is not None) for f in findings] == [(11, True), (13, False)]
