from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import podlint.schemas
from podlint.schemas.generate import REF_PREFIX, apply_field_bounds, apply_validation_rules, generate, main

SCHEMA_DIR = Path(podlint.schemas.__file__).resolve().parent
REPO_ROOT = Path(__file__).resolve().parents[1]
VERSIONS = [f"1.{minor}" for minor in range(28, 37)]
MAX_TOTAL_BYTES = 8_000_000  # the wheel must stay well under 10 MB

INT32 = {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1}
INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"


def openapi_dir() -> Path:
    configured = os.environ.get("PODLINT_OPENAPI_DIR")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "k8s-openapi"


def bundled(version: str) -> dict[str, Any]:
    with open(SCHEMA_DIR / f"v{version}.json", encoding="utf-8") as stream:
        document: dict[str, Any] = json.load(stream)
    return document


def definition(version: str, name: str) -> dict[str, Any]:
    schema: dict[str, Any] = bundled(version)["definitions"][f"io.k8s.api.core.v1.{name}"]
    return schema


def subschemas(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every schema nested in ``schema`` (itself included), walked by keyword, not by key."""
    yield schema
    for value in schema.get("properties", {}).values():
        yield from subschemas(value)
    for keyword in ("items", "additionalProperties"):
        if isinstance(schema.get(keyword), dict):
            yield from subschemas(schema[keyword])


# --- regeneration ------------------------------------------------------------------------------


def test_regenerated_files_are_byte_identical(tmp_path: Path) -> None:
    source = openapi_dir()
    if not source.is_dir():
        pytest.skip(f"Kubernetes OpenAPI input not found at {source}; set PODLINT_OPENAPI_DIR")
    written = generate(source, tmp_path)
    assert sorted(path.name for path in written) == sorted(path.name for path in SCHEMA_DIR.glob("v*.json"))
    for path in written:
        assert path.read_bytes() == (SCHEMA_DIR / path.name).read_bytes(), path.name


# --- the bundled files ---------------------------------------------------------------------------


def test_every_version_is_bundled() -> None:
    assert sorted(path.name for path in SCHEMA_DIR.glob("v*.json")) == sorted(
        f"v{version}.json" for version in VERSIONS
    )


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    "kind",
    [
        "v1/Pod",
        "v1/Service",
        "v1/ConfigMap",
        "apps/v1/Deployment",
        "batch/v1/CronJob",
        "networking.k8s.io/v1/Ingress",
        "apiextensions.k8s.io/v1/CustomResourceDefinition",
        "rbac.authorization.k8s.io/v1/ClusterRole",
        "v1/PodList",
    ],
)
def test_kind_is_present(version: str, kind: str) -> None:
    document = bundled(version)
    assert document["version"] == version
    assert document["kinds"][kind] in document["definitions"]


def test_kinds_prefer_single_gvk_definitions() -> None:
    kinds = bundled("1.36")["kinds"]
    assert kinds["v1/Pod"] == "io.k8s.api.core.v1.Pod"
    assert kinds["apps/v1/Deployment"] == "io.k8s.api.apps.v1.Deployment"
    assert kinds["v1/Status"] == "io.k8s.apimachinery.pkg.apis.meta.v1.Status"


@pytest.mark.parametrize("version", VERSIONS)
def test_int32_field_has_the_int32_range(version: str) -> None:
    replicas = bundled(version)["definitions"]["io.k8s.api.apps.v1.DeploymentSpec"]["properties"]["replicas"]
    assert replicas == INT32


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("name", "field", "low"),
    [
        ("ContainerPort", "containerPort", 1),
        ("ContainerPort", "hostPort", 0),
        ("ServicePort", "port", 1),
        ("ServicePort", "nodePort", 0),
        ("ServiceSpec", "healthCheckNodePort", 0),
        ("EndpointPort", "port", 1),
    ],
)
def test_port_numbers_have_the_api_server_bounds(version: str, name: str, field: str, low: int) -> None:
    assert definition(version, name)["properties"][field] == {"type": "integer", "minimum": low, "maximum": 65535}


def test_field_bounds_need_an_integer_field() -> None:
    definitions: dict[str, Any] = {
        "io.k8s.api.core.v1.ContainerPort": {"type": "object", "properties": {"containerPort": {"type": "string"}}}
    }
    with pytest.raises(ValueError, match="ContainerPort.containerPort"):
        apply_field_bounds(definitions)


@pytest.mark.parametrize("version", VERSIONS)
def test_required_is_what_validation_requires(version: str) -> None:
    required = {name: set(definition(version, name).get("required", ())) for name in ("Sysctl", "HTTPHeader")}
    assert required == {"Sysctl": {"name"}, "HTTPHeader": {"name"}}
    assert "image" in definition(version, "Container")["required"]
    assert "image" in definition(version, "EphemeralContainer")["required"]
    assert "template" in definition(version, "ReplicationControllerSpec")["required"]
    assert "spec" in definition(version, "Pod")["required"]
    assert "spec" in definition(version, "PodTemplateSpec")["required"]


@pytest.mark.parametrize("version", VERSIONS[1:])  # sleep hooks came in 1.29
def test_zero_sleep_is_accepted_since_1_33(version: str) -> None:
    required = definition(version, "SleepAction").get("required", ())
    assert ("seconds" in required) is (version in ("1.29", "1.30", "1.31", "1.32"))


def test_also_required_needs_the_field() -> None:
    definitions: dict[str, Any] = {"io.k8s.api.core.v1.Container": {"type": "object", "properties": {"name": {}}}}
    with pytest.raises(ValueError, match="Container.image"):
        apply_validation_rules(definitions, "1.36")


@pytest.mark.parametrize("version", ["1.28", "1.36"])
def test_restart_policy_enum(version: str) -> None:
    policy = definition(version, "PodSpec")["properties"]["restartPolicy"]
    assert policy == {"type": "string", "enum": ["Always", "Never", "OnFailure"]}


def test_container_is_strict() -> None:
    for version in VERSIONS:
        assert definition(version, "Container")["additionalProperties"] is False


def test_pod_spec_resources_added_in_1_32() -> None:
    assert "resources" not in definition("1.31", "PodSpec")["properties"]
    assert "resources" in definition("1.32", "PodSpec")["properties"]


def test_container_restart_policy_rules_added_in_1_34() -> None:
    assert "restartPolicyRules" not in definition("1.33", "Container")["properties"]
    assert "restartPolicyRules" in definition("1.34", "Container")["properties"]


@pytest.mark.parametrize("version", VERSIONS)
def test_http_get_port_is_int_or_string(version: str) -> None:
    document = bundled(version)
    port = document["definitions"]["io.k8s.api.core.v1.HTTPGetAction"]["properties"]["port"]
    assert port == {"$ref": REF_PREFIX + INT_OR_STRING}
    assert document["definitions"][INT_OR_STRING] == {"type": ["integer", "string"]}


@pytest.mark.parametrize("version", VERSIONS)
def test_every_ref_resolves_and_no_description_is_left(version: str) -> None:
    definitions = bundled(version)["definitions"]
    for name, schema in definitions.items():
        for sub in subschemas(schema):
            assert "description" not in sub, name
            assert "default" not in sub, name
            if "$ref" in sub:
                assert set(sub) == {"$ref"}, name
                assert sub["$ref"].removeprefix(REF_PREFIX) in definitions, name


def test_total_size_stays_small() -> None:
    total = sum(path.stat().st_size for path in SCHEMA_DIR.glob("v*.json"))
    assert total < MAX_TOTAL_BYTES, f"bundled schemas are {total} bytes"


# --- the generator on a small synthetic input -------------------------------------------------


def write_swagger(folder: Path, name: str, definitions: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(folder / name, "wt", encoding="utf-8") as stream:
        json.dump({"swagger": "2.0", "definitions": definitions}, stream)


def sample_definitions(*, with_enum: bool) -> dict[str, Any]:
    policy: dict[str, Any] = {"type": "string", "description": "One of A, B."}
    if with_enum:
        policy["enum"] = ["A", "B"]
    return {
        "x.Thing": {
            "type": "object",
            "description": "a thing",
            "required": ["size", "name"],
            "x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": "Thing"}],
            "properties": {
                "name": {"type": "string", "default": ""},
                "size": {"type": "integer", "format": "int32"},
                "policy": policy,
                "port": {"allOf": [{"$ref": "#/definitions/x.Port"}], "default": {}},
                "tags": {
                    "type": "array",
                    "items": {"type": "string"},
                    "x-kubernetes-list-type": "set",
                    "x-kubernetes-patch-strategy": "merge",
                },
                "description": {"type": "string"},
                "enum": {"type": "array", "items": {"$ref": "#/definitions/x.Any"}},
            },
        },
        "x.Port": {"type": "string", "format": "int-or-string"},
        "x.Any": {},
        "x.Unused": {"type": "object", "properties": {"a": {"type": "string"}}},
        "x.Options": {
            "type": "object",
            "properties": {"dryRun": {"type": "boolean"}},
            "x-kubernetes-group-version-kind": [
                {"group": "", "version": "v1", "kind": "Thing"},
                {"group": "g", "version": "v1", "kind": "Options"},
            ],
        },
    }


def test_generator_converts_a_small_input(tmp_path: Path) -> None:
    source = tmp_path / "openapi"
    write_swagger(source / "v1.2", "swagger.json.gz", sample_definitions(with_enum=False))
    write_swagger(source / "v1.3", "swagger.json.gz", sample_definitions(with_enum=False))
    write_swagger(
        source / "v1.3",
        "swagger.enums-enabled.json.gz",
        sample_definitions(with_enum=True),
    )
    out = tmp_path / "out"
    assert main([str(source), "--out", str(out)]) == 0

    old = json.loads((out / "v1.2.json").read_text(encoding="utf-8"))
    assert old["version"] == "1.2"
    # The one-GVK definition wins; the multi-GVK one keeps the GVK nobody else has.
    assert old["kinds"] == {"g/v1/Options": "x.Options", "v1/Thing": "x.Thing"}
    assert "x.Unused" not in old["definitions"]
    thing = old["definitions"]["x.Thing"]
    assert thing["additionalProperties"] is False
    assert thing["required"] == ["name", "size"]
    properties = thing["properties"]
    assert properties["size"] == INT32
    assert properties["policy"] == {
        "type": "string",
        "enum": ["A", "B"],
    }  # carried back
    assert properties["port"] == {"$ref": "#/definitions/x.Port"}
    assert properties["tags"] == {
        "type": "array",
        "items": {"type": "string"},
        "x-kubernetes-list-type": "set",
    }
    assert properties["description"] == {"type": "string"}
    assert properties["enum"] == {
        "type": "array",
        "items": {"$ref": "#/definitions/x.Any"},
    }
    assert old["definitions"]["x.Port"] == {"type": ["integer", "string"]}
    assert old["definitions"]["x.Any"] == {}
    assert (out / "v1.2.json").read_bytes().endswith(b"}\n")


def test_generator_rejects_unknown_keywords(tmp_path: Path) -> None:
    definitions = sample_definitions(with_enum=False)
    definitions["x.Thing"]["properties"]["name"]["pattern"] = "^a$"
    write_swagger(tmp_path / "v1.2", "swagger.json.gz", definitions)
    with pytest.raises(ValueError, match="pattern"):
        generate(tmp_path, tmp_path / "out")


@pytest.mark.parametrize("version", VERSIONS)
def test_enums_upstream_does_not_list(version: str) -> None:
    definitions = bundled(version)["definitions"]
    retention = definitions["io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy"]["properties"]
    assert retention["whenDeleted"] == {"type": "string", "enum": ["Delete", "Retain"]}
    metric = definitions["io.k8s.api.autoscaling.v2.MetricTarget"]["properties"]["type"]
    assert metric["enum"] == ["AverageValue", "Utilization", "Value"]
    crd = definitions["io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec"]
    assert crd["properties"]["scope"]["enum"] == ["Cluster", "Namespaced"]
