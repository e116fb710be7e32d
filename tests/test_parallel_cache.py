"""Worker processes, the report cache and the fast schema check change how fast podlint is,
never what it finds: every combination gives the same JSON as one process, no cache and
jsonschema on every document."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import podlint.run
import podlint.workers
from conftest import without_fast_paths
from podlint.cache import FILE_NAME
from podlint.cli import main


@pytest.fixture
def corpus(tmp_path: Path, corpus_generator: ModuleType, monkeypatch: pytest.MonkeyPatch) -> Path:
    """60 generated files, about a third with a defect, and a cache folder of their own."""
    corpus_generator.write_corpus(tmp_path / "corpus", count=60, per_file=20, seed=5, defect_rate=0.3)
    monkeypatch.setenv("PODLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(podlint.workers, "CHUNK_FILES", 4)  # many chunks, so order is at stake
    return tmp_path / "corpus" / "single"


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    assert code == 1, out
    result: dict[str, Any] = json.loads(out)
    return result


@pytest.fixture
def baseline(corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """One process, no cache, jsonschema and every rule's check for every document."""
    with monkeypatch.context() as patch:
        without_fast_paths(patch)
        result = run_json(capsys, "--jobs", "1", "--no-cache", str(corpus))
    rules = {finding["rule"] for finding in result["findings"]}
    assert {"unknown-field", "invalid-value", "duplicate-key", "yaml-syntax"} <= rules
    assert result["summary"]["files"] == 60
    return result


def test_jobs_cache_and_fast_check_change_nothing(
    corpus: Path, baseline: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_json(capsys, "--jobs", "2", "--no-cache", str(corpus)) == baseline
    assert run_json(capsys, "--jobs", "2", str(corpus)) == baseline  # fills the cache
    assert run_json(capsys, "--jobs", "2", str(corpus)) == baseline  # reads it
    monkeypatch.setattr(podlint.run, "check_bytes", _never_called)
    assert run_json(capsys, "--jobs", "1", str(corpus)) == baseline  # every report from the cache


def _never_called(*args: object) -> None:
    raise AssertionError("a file was checked although its report is cached")


def test_changed_file_or_settings_are_checked_again(
    corpus: Path, baseline: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(capsys, "--jobs", "2", str(corpus))
    changed = sorted(corpus.iterdir())[3]
    changed.write_text(changed.read_text().replace("imagePullPolicy:", "imagePulPolicy:", 1))
    fresh = run_json(capsys, "--jobs", "1", "--no-cache", str(corpus))
    assert fresh != baseline
    assert run_json(capsys, "--jobs", "2", str(corpus)) == fresh
    selected = run_json(capsys, "--jobs", "1", "--no-cache", "--select", "unknown-field", str(corpus))
    assert run_json(capsys, "--jobs", "2", "--select", "unknown-field", str(corpus)) == selected


class _Planted:
    """What a hostile repository could commit as a cache file: unpickling it opens a file."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.target), "w"))


def test_foreign_cache_file_is_ignored_not_run(
    corpus: Path, baseline: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    planted = tmp_path / "planted"
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / FILE_NAME).write_bytes(pickle.dumps({"key": _Planted(planted)}))
    assert run_json(capsys, "--jobs", "2", str(corpus)) == baseline
    assert not planted.exists()
    assert run_json(capsys, "--jobs", "2", str(corpus)) == baseline  # the cache was rewritten


def test_multi_document_files_in_parallel(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    multi = corpus.parent / "multi"
    first = sorted(multi.iterdir())[0].read_bytes()
    for index in range(60):  # more files than PARALLEL_FROM: the pool is used
        (multi / f"copy-{index:02d}.yaml").write_bytes(first)
    serial = run_json(capsys, "--jobs", "1", "--no-cache", str(multi))
    assert serial["summary"]["files"] == 63
    assert serial["summary"]["documents"] > 60 * 5
    assert run_json(capsys, "--jobs", "2", "--no-cache", str(multi)) == serial
