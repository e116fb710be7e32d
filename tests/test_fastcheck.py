"""The fast validity check must accept exactly what jsonschema (the validator of record)
accepts, so that skipping jsonschema for valid documents never changes a finding."""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import podlint.schema_validator
from conftest import lint_text, without_fast_paths
from podlint.fastcheck import is_valid
from podlint.loader import load
from podlint.schema import DEFAULT_VERSION, schema_set

VALID_MANIFESTS = Path(__file__).parent / "manifests" / "valid"
POD: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "web", "labels": {"app": "web"}},
    "spec": {
        "containers": [
            {
                "name": "web",
                "image": "nginx:1.27",
                "imagePullPolicy": "IfNotPresent",
                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                "livenessProbe": {"httpGet": {"port": 80}},
                "resources": {"limits": {"cpu": "500m"}},
            }
        ]
    },
}


@pytest.fixture(autouse=True)
def pure_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema as the validator of record, without skipping parts the fast check finds valid
    (which would make comparing the two circular)."""
    monkeypatch.setattr(podlint.schema_validator, "valid_part", lambda schema, value: False)


def verdicts(data: dict[str, Any], version: str = DEFAULT_VERSION) -> tuple[bool, bool]:
    """(fast check says valid, jsonschema finds no error)."""
    schemas = schema_set(version)
    definition = schemas.definition_for(data["apiVersion"], data["kind"])
    assert definition is not None
    record = not any(schemas.validator(definition).iter_errors(data))
    return is_valid(version, definition, data), record


def with_value(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    parent = changed
    for element in path[:-1]:
        parent = parent[element]
    parent[path[-1]] = value
    return changed


DEPLOYMENT: dict[str, Any] = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web"},
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "web"}},
        "template": {"metadata": POD["metadata"], "spec": POD["spec"]},
    },
}
REPLICAS = ("spec", "replicas")
CONTAINER = ("spec", "containers", 0)
PORT = (*CONTAINER, "ports", 0, "containerPort")
HOST_PORT = (*CONTAINER, "ports", 0, "hostPort")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        (3, True),
        (3.0, True),  # an integral float is a Draft 7 integer
        (3.5, False),
        (True, False),  # a boolean is not an integer
        ("3", False),
        (2**31 - 1, True),
        (-(2**31), True),
        (2**31, False),
        (2**100, False),
        (1e300, False),  # integral, but out of int32
        (math.nan, False),
        (math.inf, False),
    ],
)
def test_int32_values(value: Any, valid: bool) -> None:
    assert verdicts(with_value(DEPLOYMENT, REPLICAS, value)) == (valid, valid)


@pytest.mark.parametrize(
    ("path", "value", "valid"),
    [
        (PORT, 80, True),
        (PORT, 1, True),
        (PORT, 65535, True),
        (PORT, 65535.0, True),
        (PORT, 0, False),  # a port number is 1-65535
        (PORT, 65536, False),
        (PORT, -1, False),
        (PORT, None, False),  # required: null counts as absent
        (HOST_PORT, 0, True),  # 0 is no host port
        (HOST_PORT, 65535, True),
        (HOST_PORT, 70000, False),
        (HOST_PORT, -1, False),
        ((*CONTAINER, "imagePullPolicy"), "", True),  # "" is unset to the API server
        ((*CONTAINER, "imagePullPolicy"), None, True),  # an optional null is absent
        ((*CONTAINER, "imagePullPolicy"), "Never", True),
        ((*CONTAINER, "imagePullPolicy"), "never", False),
        ((*CONTAINER, "imagePullPolicy"), 1, False),
        ((*CONTAINER, "imagePullPolicy"), ["Always"], False),
        ((*CONTAINER, "ports", 0, "protocol"), False, False),
        ((*CONTAINER, "name"), None, False),
        ((*CONTAINER, "image"), None, False),  # null is absent, and every container needs an image
        ((*CONTAINER, "imagePulPolicy"), "Always", False),  # unknown field
        ((*CONTAINER, "imagePulPolicy"), None, False),  # unknown even when null
        (("metadata", "labels", "tier"), None, True),  # a null map value is the zero value
        (("metadata", "labels", "tier"), 1, False),
        (("metadata", "labels", "tier"), "web", True),
        (("metadata", "creationTimestamp"), "2024-05-01T10:00:00Z", True),
        (("metadata", "creationTimestamp"), "yesterday", False),
        (("metadata", "creationTimestamp"), None, True),
        ((*CONTAINER, "livenessProbe", "httpGet", "port"), "http", True),  # int-or-string
        ((*CONTAINER, "livenessProbe", "httpGet", "port"), 1.5, False),
        ((*CONTAINER, "livenessProbe", "httpGet", "port"), True, False),
        ((*CONTAINER, "resources", "limits", "cpu"), 0.5, True),  # quantity: number or string
        ((*CONTAINER, "resources", "limits", "cpu"), math.nan, True),
        ((*CONTAINER, "resources", "limits", "cpu"), False, False),
        (("spec", "containers"), [], False),  # a pod needs a container
        (("spec", "containers"), None, False),
        (("spec", "containers"), {}, False),
        (("spec", "containers", 0), "web", False),
        (("spec",), None, False),  # a null spec is absent, and a pod needs one
        (("spec", "volumes"), [{"name": "v", "emptyDir": {}}], True),
        (("spec", "volumes"), [{"name": "v", "emptyDir": {"medium": 1}}], False),
    ],
)
def test_targeted_values(path: tuple[str | int, ...], value: Any, valid: bool) -> None:
    assert verdicts(with_value(POD, path, value)) == (valid, valid)


@pytest.mark.parametrize(
    ("data", "valid"),
    [
        ({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": "aGVsbG8="}}, True),
        ({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": "not base64!"}}, False),
        (
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": "d"},
                "spec": {
                    "selector": {},
                    "template": {"spec": {"containers": [{"name": "c", "ports": [{"containerPort": "x"}]}]}},
                },
            },
            False,
        ),
        (
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": "d"},
                "spec": {"selector": {}, "template": {"spec": {"containers": [{"name": "c", "image": "i"}]}}},
            },
            True,
        ),
    ],
)
def test_other_kinds(data: dict[str, Any], valid: bool) -> None:
    assert verdicts(data) == (valid, valid)


def crd(leaf_type: Any) -> dict[str, Any]:
    """A CRD whose schema nests the recursive JSONSchemaProps definition three levels deep."""
    leaf = {"type": leaf_type}
    schema = {"type": "object", "properties": {"spec": {"type": "object", "properties": {"size": leaf}}}}
    version = {"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": schema}}
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.example.com"},
        "spec": {
            "group": "example.com",
            "scope": "Namespaced",
            "versions": [version],
            "names": {"plural": "widgets", "kind": "Widget"},
        },
    }


def test_recursive_definitions() -> None:
    assert verdicts(crd("integer")) == (True, True)
    assert verdicts(crd(7)) == (False, False)


def test_findings_identical_without_fast_check(corpus_generator: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = corpus_generator.documents(150, seed=7, defect_rate=0.4)
    monkeypatch.undo()  # the fast check in front of jsonschema and inside it, as podlint runs
    fast = [lint_text(text) for text, _ in documents]
    without_fast_paths(monkeypatch)
    slow = [lint_text(text) for text, _ in documents]
    assert fast == slow
    found = {finding.rule for findings in fast for finding in findings}
    assert {"unknown-field", "invalid-value", "invalid-type", "missing-field", "env-value-type"} <= found


def seed_objects(corpus_generator: ModuleType) -> list[dict[str, Any]]:
    texts = [text for text, _ in corpus_generator.documents(20, seed=3, defect_rate=0)]
    texts += [path.read_text() for path in sorted(VALID_MANIFESTS.glob("*.yaml"))]
    objects = [doc.data for text in texts for doc in load(text).documents if isinstance(doc.data, dict)]
    known = [data for data in objects if schema_set("1.28").definition_for(data["apiVersion"], data["kind"])]
    return [data for data in known if verdicts(data) == (True, True)]


REPLACEMENTS: list[Any] = [
    None,
    "",
    "x",
    "Always",
    "TCP",
    True,
    False,
    0,
    1,
    -1,
    1.0,
    2.5,
    2**31,
    2**63,
    math.nan,
    math.inf,
    [],
    {},
    [None],
    ["x"],
    [{}],
    {"name": "x"},
    {"unknownField": 1},
    "2024-05-01T10:00:00Z",
    "100Mi",
]


def paths(data: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*prefix, index)
            yield from paths(value, (*prefix, index))


def mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    path = rng.choice([p for p in paths(changed) if p[0] not in ("apiVersion", "kind")])
    parent: Any = changed
    for element in path[:-1]:
        parent = parent[element]
    last = path[-1]
    action = rng.randrange(4)
    if action == 0 and isinstance(parent, dict):
        del parent[last]
    elif action == 1 and isinstance(parent, dict):
        parent[rng.choice(["unknownField", "Name", "image", "ports", "value", "spec"])] = rng.choice(REPLACEMENTS)
    else:
        parent[last] = rng.choice(REPLACEMENTS)
    return changed


@pytest.mark.parametrize("version", [DEFAULT_VERSION, "1.28"])
def test_random_mutations_agree_with_jsonschema(corpus_generator: ModuleType, version: str) -> None:
    rng = random.Random(2024)
    seeds = seed_objects(corpus_generator)
    assert len(seeds) > 20
    outcomes = []
    for _ in range(800):
        data = mutate(rng.choice(seeds), rng)
        fast, record = verdicts(data, version)
        assert fast == record, data
        outcomes.append(record)
    assert 100 < outcomes.count(False) < 700  # both verdicts are exercised
