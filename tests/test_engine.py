"""The engine checks a multi-document file one document at a time and keeps only findings."""

from __future__ import annotations

import weakref
from collections.abc import Iterator

import pytest

from podlint import engine
from podlint.document import Document
from podlint.engine import Settings, check_source
from podlint.loader import DocumentStream, gc_paused
from podlint.schema import DEFAULT_VERSION
from podlint.selection import enabled_rules
from podlint.source import Source

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web-{index}
spec:
  containers:
    - name: app
      image: nginx:1.27
      env:
        - name: PORT
          value: 8080
"""


@pytest.mark.parametrize("cyclic_garbage", [False, True])
def test_documents_are_let_go_as_a_big_file_is_checked(monkeypatch: pytest.MonkeyPatch, cyclic_garbage: bool) -> None:
    documents = 3 * engine._COLLECT_EVERY
    given: list[weakref.ref[Document]] = []
    most_alive = 0

    class WatchedStream(DocumentStream):
        def __iter__(self) -> Iterator[Document]:
            nonlocal most_alive
            for document in super().__iter__():
                given.append(weakref.ref(document))
                most_alive = max(most_alive, [ref() is not None for ref in given].count(True))
                if cyclic_garbage:
                    _leave_cyclic_garbage(document)
                yield document

    monkeypatch.setattr(engine, "DocumentStream", WatchedStream)
    text = "---\n".join(POD.format(index=index) for index in range(documents))
    # a suppression makes the engine read what suppressions need from every document
    text = text.replace("value: 8080", "value: 8080  # podlint: disable=env-value-type", 1)
    with gc_paused():  # as the runner checks a file
        report = check_source(Source("big.yaml", text), Settings(DEFAULT_VERSION, enabled_rules(None, [], [])))
    assert len(given) == documents
    # the one being checked and the stream's next one; cyclic garbage waits for a collection
    assert most_alive <= (engine._COLLECT_EVERY + 1 if cyclic_garbage else 2)
    # located, and their fixes too, while their documents were alive
    assert [(f.rule, f.line, f.column) for f in report.findings] == [
        ("env-value-type", 11 + 12 * index, 18) for index in range(1, documents)
    ]
    fix = report.findings[-1].fix
    last = text.rindex("8080")
    assert fix is not None and [(e.start, e.end, e.text) for e in fix.edits] == [(last, last + 4, '"8080"')]


def _leave_cyclic_garbage(document: Document) -> None:
    """As a view that caches something pointing back at it would."""
    loop: list[object] = [document]
    loop.append(loop)
