"""The rules' quick checks (`QUICK_CHECKS`) only ever skip work: with them or without, podlint
finds the same things; they say no to what their rule reports, and yes to ordinary objects."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from test_rule_docs import yaml_block

from conftest import lint_text, without_fast_paths
from podlint.engine import _fast_path
from podlint.fastcheck import is_valid
from podlint.findings import Finding
from podlint.loader import load
from podlint.objects import POD_TEMPLATE_PATHS, objects_in, pod_spec_in
from podlint.registry import all_rules
from podlint.rule import OBJECT
from podlint.rules._handlers import HOOK_ACTIONS, HOOKS, PROBES
from podlint.rules.probe_port import PORT_ACTIONS
from podlint.schema import DEFAULT_VERSION, SUPPORTED_VERSIONS, schema_set

ROOT = Path(__file__).resolve().parents[1]
RULE_FIXTURES = ROOT / "tests" / "rules"
QUICK_RULES = sorted(rule_id for rule_id, module in all_rules().items() if module.quick_checks is not None)


def sample_texts(corpus_generator: ModuleType) -> list[str]:
    files = [*ROOT.glob("tests/**/*.yaml"), *ROOT.glob("examples/**/*.yaml")]
    texts = [path.read_bytes().decode("utf-8", errors="replace") for path in sorted(files)]
    texts += [
        yaml_block(module.doc, section) for module in all_rules().values() for section in ("Example", "Use instead")
    ]
    texts += [text for text, _ in corpus_generator.documents(200, seed=11, defect_rate=0.3)]
    return texts


def findings_of(texts: list[str]) -> list[list[tuple[str, int, int, str]]]:
    return [[(f.rule, f.line, f.column, f.message) for f in lint_text(text)] for text in texts]


def test_findings_identical_without_quick_checks(corpus_generator: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = sample_texts(corpus_generator)
    fast = findings_of(texts)
    without_fast_paths(monkeypatch)
    assert findings_of(texts) == fast
    assert {rule for findings in fast for rule, *_ in findings} >= set(QUICK_RULES)


def objects(text: str) -> list[tuple[str, dict[str, Any]]]:
    """The objects of `text` (the items of a `kind: List`) that have a schema, with its definition."""
    schemas = schema_set(DEFAULT_VERSION)
    found = []
    for document in load(text).documents:
        for obj in objects_in(document, DEFAULT_VERSION):
            definition = schemas.definition_for(obj.api_version, obj.kind)
            if definition is not None:
                found.append((definition, obj.data))
    return found


def passes_quick_checks(rule_ids: str | tuple[str, ...], text: str) -> bool | None:
    """Whether every object of `text` passes the quick checks of the rules; None when an object
    is not valid, so that the quick checks never see it."""
    clean = _fast_path(frozenset({rule_ids} if isinstance(rule_ids, str) else rule_ids), frozenset()).is_clean
    found = objects(text)
    if not all(is_valid(DEFAULT_VERSION, definition, data) for definition, data in found):
        return None
    return all(clean(DEFAULT_VERSION, definition, data) for definition, data in found)


def reported(rule_id: str, text: str) -> list[Finding]:
    return lint_text(text, select=(rule_id,))


@pytest.mark.parametrize("rule_id", QUICK_RULES)
def test_quick_checks_refuse_what_their_rule_reports(rule_id: str) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted((RULE_FIXTURES / rule_id).glob("fail_*.yaml"))]
    texts.append(yaml_block(all_rules()[rule_id].doc, "Example"))
    verdicts = [passes_quick_checks(rule_id, text) for text in texts if reported(rule_id, text)]
    assert True not in verdicts
    if all_rules()[rule_id].quick_checks:  # else the schema check refuses them all
        assert False in verdicts, "no valid object the rule reports: the quick checks are not tested"


def test_ordinary_valid_objects_pass_every_quick_check(corpus_generator: ModuleType) -> None:
    """The benchmark corpus's objects without defects: what most manifests look like, and what
    the quick checks exist for (edge cases that a rule accepts may still be left to `check`)."""
    texts = [text for text, _ in corpus_generator.documents(300, seed=5, defect_rate=0)]
    assert all(passes_quick_checks(tuple(QUICK_RULES), text) for text in texts)


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
def test_quick_checks_name_definitions_of_every_version(version: str) -> None:
    """A quick check keyed by a definition a version lacks would never run, and its rule would be
    skipped unchecked."""
    definitions = schema_set(version).definitions
    named = {name for rule_id in QUICK_RULES for name in all_rules()[rule_id].quick_checks or {}}
    assert named - {OBJECT} <= set(definitions)


@pytest.mark.parametrize(
    ("handler", "action"),
    [
        *((probe, action) for probe in PROBES for action in PORT_ACTIONS),
        *((f"lifecycle.{hook}", action) for hook in HOOKS for action in set(PORT_ACTIONS) & set(HOOK_ACTIONS)),
    ],
)
def test_probe_port_quick_check_sees_every_handler_and_action(handler: str, action: str) -> None:
    """probe-port's quick check writes the probe, hook and action fields out: none is missed."""
    field, _, hook = handler.partition(".")
    port = "9090" if action == "grpc" else "metrics"  # a grpc port is a number
    written = f"{{{action}: {{port: {port}}}}}"  # {httpGet: {port: metrics}}
    if hook:
        written = f"{{{hook}: {written}}}"  # {preStop: {...}}
    text = f"""\
apiVersion: v1
kind: Pod
metadata: {{name: web}}
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports: [{{containerPort: 8080, name: http}}]
      {field}: {written}
"""
    assert reported("probe-port", text)
    assert passes_quick_checks("probe-port", text) is False


@pytest.mark.parametrize(("group_kind", "path"), sorted(POD_TEMPLATE_PATHS.items()))
def test_pod_spec_in_finds_the_pod_spec_of_each_kind_in_its_group(
    group_kind: tuple[str, str], path: tuple[str, ...]
) -> None:
    group, kind = group_kind
    spec: dict[str, Any] = {"containers": []}
    data: dict[str, Any] = spec
    for key in reversed((*path, "spec")):
        data = {key: data}
    assert pod_spec_in({**data, "apiVersion": f"{group}/v1" if group else "v1", "kind": kind}) is spec
    assert pod_spec_in({**data, "apiVersion": "example.com/v1", "kind": kind}) is None
