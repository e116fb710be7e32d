"""The progress line: on a terminal only, never in CI, and erased when the run ends."""

from __future__ import annotations

import io

import pytest

import podlint.progress
from podlint.engine import Report
from podlint.findings import Finding, Severity, Span
from podlint.progress import Progress, wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wanted_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(Terminal())
    assert not wanted(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wanted(Terminal())


def test_counts_files_documents_and_findings_then_erases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(podlint.progress, "DELAY", 0.0)
    monkeypatch.setattr(podlint.progress, "INTERVAL", 0.0)
    stream = Terminal()
    progress = Progress(4, stream)
    finding = Finding("a.yaml", Span(1, 1, 1, 2), "yaml-syntax", Severity.ERROR, "bad")
    progress.update(Report("a.yaml", findings=[finding], document_labels={0: "Pod/a", 1: "Pod/b"}))
    progress.update(Report("b.yaml"))
    assert stream.getvalue().endswith("[============            ] 2/4 files, 2 documents, 1 findings")
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_nothing_drawn_for_a_short_run() -> None:
    stream = Terminal()
    progress = Progress(1, stream)
    progress.update(Report("a.yaml"))
    progress.close()
    assert stream.getvalue() == ""
