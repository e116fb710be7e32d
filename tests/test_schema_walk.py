"""Finding every value of a definition's type by walking data alongside the schema."""

from __future__ import annotations

from podlint.schema import QUANTITY, schema_set
from podlint.schema_walk import all_accepted, references

POD = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "p", "labels": {"a": "b"}},
    "spec": {
        "overhead": {"cpu": "1"},
        "containers": [
            {
                "name": "c",
                "resources": {"limits": {"cpu": 1, "memory": None}, "requests": {"cpu": "x"}},
                "unknownField": {"cpu": "1"},
            },
        ],
        "volumes": [{"name": "v", "emptyDir": {"sizeLimit": "1Gi"}}],
    },
}


def test_finds_every_quantity_with_its_path_and_owner() -> None:
    found = [
        (r.path, r.value, r.owner.rsplit(".", 1)[1])
        for r in references(schema_set("1.36"), "io.k8s.api.core.v1.Pod", POD, frozenset({QUANTITY}))
    ]
    assert found == [
        (("spec", "overhead", "cpu"), "1", "PodSpec"),
        (("spec", "containers", 0, "resources", "limits", "cpu"), 1, "ResourceRequirements"),
        (("spec", "containers", 0, "resources", "requests", "cpu"), "x", "ResourceRequirements"),
        (("spec", "volumes", 0, "emptyDir", "sizeLimit"), "1Gi", "EmptyDirVolumeSource"),
    ]


def test_finds_nested_definitions_and_skips_data_that_cannot_hold_them() -> None:
    schemas = schema_set("1.36")
    meta = frozenset({"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"})
    assert [r.path for r in references(schemas, "io.k8s.api.core.v1.Pod", POD, meta)] == [("metadata",)]
    config_map = {"data": {"metadata": {"labels": {}}}}
    assert list(references(schemas, "io.k8s.api.core.v1.ConfigMap", config_map, frozenset({QUANTITY}))) == []


def test_all_accepted_judges_what_references_finds() -> None:
    schemas, quantities = schema_set("1.36"), frozenset({QUANTITY})
    found = {r.value for r in references(schemas, "io.k8s.api.core.v1.Pod", POD, quantities)}
    for value in ("1", 1, "x", "1Gi", "2", None):
        accept = lambda v, definition, owner, bad=value: v != bad  # noqa: E731
        assert all_accepted(schemas, "io.k8s.api.core.v1.Pod", POD, quantities, accept) is (value not in found)


def test_all_accepted_skips_fields_the_schema_does_not_describe() -> None:
    pod = {"spec": {"containers": [{"name": "c", "image": "i", "unknownField": {"cpu": "bad"}}]}}
    reject_bad = lambda v, definition, owner: v != "bad"  # noqa: E731
    assert all_accepted(schema_set("1.36"), "io.k8s.api.core.v1.Pod", pod, frozenset({QUANTITY}), reject_bad)
