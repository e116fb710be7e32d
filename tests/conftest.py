from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import podlint.engine
import podlint.schema_errors
import podlint.schema_validator
from podlint.cli import main
from podlint.engine import Settings, _FastPath, check_source
from podlint.findings import Finding
from podlint.registry import all_rules
from podlint.schema import DEFAULT_VERSION
from podlint.selection import enabled_rules
from podlint.source import Source

Lint = Callable[..., list[Finding]]

# The rules that come from reading and schema-checking a document.
SCHEMA_RULES = (
    "yaml-syntax",
    "duplicate-key",
    "unknown-field",
    "invalid-type",
    "missing-field",
    "invalid-value",
    "unknown-kind",
)


def lint_text(
    text: str, select: tuple[str, ...] | None = None, kube_version: str = DEFAULT_VERSION, path: str = "test.yaml"
) -> list[Finding]:
    """Findings for `text`; with `select`, only those rules run."""
    rules = frozenset(select) if select is not None else enabled_rules(None, [], [])
    assert rules <= set(all_rules()), f"unknown rule in {select}"
    return check_source(Source(path, text), Settings(kube_version, rules)).findings


@pytest.fixture
def lint() -> Lint:
    return lint_text


def without_fast_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema validates every object, and every rule's `check` runs on every object: no
    compiled validity check in front of jsonschema or inside it, no quick checks."""
    monkeypatch.setattr(podlint.schema_errors, "is_valid", lambda *args: False)
    monkeypatch.setattr(podlint.schema_validator, "valid_part", lambda schema, value: False)
    monkeypatch.setattr(podlint.engine, "_fast_path", _no_fast_path)


def _no_fast_path(rule_ids: frozenset[str], configured: frozenset[str]) -> _FastPath:
    return _FastPath(is_clean=lambda version, definition, data: False, remaining=rule_ids)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr)."""
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def where(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """(rule, line, column) of each finding, in order: what tests assert."""
    return [(f.rule, f.line, f.column) for f in findings]


@pytest.fixture(scope="session")
def corpus_generator() -> ModuleType:
    """`benchmarks/make_corpus.py`, the benchmark's deterministic manifest generator."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
