"""Generate podlint's bundled JSON Schemas from the upstream Kubernetes OpenAPI documents.

Usage::

    python -m podlint.schemas.generate OPENAPI_DIR [--out DIR]

``OPENAPI_DIR`` holds one folder per Kubernetes minor version (``v1.28`` ... ``v1.36``), each with
the upstream Swagger 2.0 document ``swagger.json.gz`` (every API group) and, for recent versions,
``swagger.enums-enabled.json.gz`` (the same document with enums switched on). One compact file
``v<version>.json`` is written per version::

    {"version": "1.36",
     "kinds": {"v1/Pod": "io.k8s.api.core.v1.Pod", ...},
     "definitions": {"io.k8s.api.core.v1.Pod": {...}, ...}}

The output is byte-deterministic, so a test can regenerate it and compare.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

Schema = dict[str, Any]
# One step into a schema: ("properties", name), ("items", "") or ("additionalProperties", "").
Step = tuple[str, str]
# (definition name, steps from the definition to the enum-carrying schema) -> enum values.
EnumTable = dict[tuple[str, tuple[Step, ...]], list[Any]]

SWAGGER_FILE = "swagger.json.gz"
ENUMS_SWAGGER_FILE = "swagger.enums-enabled.json.gz"
REF_PREFIX = "#/definitions/"
VERSION_DIR = re.compile(r"v(\d+)\.(\d+)")

INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
DATE_TIME: Schema = {"type": "string", "format": "date-time"}

# Definitions whose Swagger shape does not describe what the API server accepts:
# v2 says IntOrString and Quantity are plain strings, but both also accept numbers.
SPECIAL_DEFINITIONS: dict[str, Schema] = {
    INT_OR_STRING: {"type": ["integer", "string"]},
    QUANTITY: {"type": ["number", "string"]},
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time": DATE_TIME,
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": DATE_TIME,
}

INT_RANGES: dict[str, tuple[int, int]] = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}
# Bounds the API server puts on integer fields beyond their type: a port number is 1-65535
# (IsValidPortNum in validateContainerPorts, validateServicePort, validateEndpointPort); an
# optional one is 0 when unset (a hostPort; a nodePort or healthCheckNodePort, which must
# otherwise come from the node port range or may not be set at all; an Ingress backend's port
# given by name).
PORT_NUMBER = (1, 65535)
OPTIONAL_PORT_NUMBER = (0, 65535)
FIELD_BOUNDS: dict[tuple[str, str], tuple[int, int]] = {
    ("io.k8s.api.core.v1.ContainerPort", "containerPort"): PORT_NUMBER,
    ("io.k8s.api.core.v1.ContainerPort", "hostPort"): OPTIONAL_PORT_NUMBER,
    ("io.k8s.api.core.v1.ServicePort", "port"): PORT_NUMBER,
    ("io.k8s.api.core.v1.ServicePort", "nodePort"): OPTIONAL_PORT_NUMBER,
    ("io.k8s.api.core.v1.ServiceSpec", "healthCheckNodePort"): OPTIONAL_PORT_NUMBER,
    ("io.k8s.api.core.v1.EndpointPort", "port"): PORT_NUMBER,
    ("io.k8s.api.networking.v1.ServiceBackendPort", "number"): OPTIONAL_PORT_NUMBER,  # 0: `name` is set
    # a projected token lives 10 minutes to 2^32 seconds (`validateProjectionSources`)
    ("io.k8s.api.core.v1.ServiceAccountTokenProjection", "expirationSeconds"): (600, 2**32),
}
# Required fields as the API server's validation has them, where upstream's `required` (every Go
# field without `omitempty`) says otherwise. Upstream marks required fields whose absence
# validation accepts, here with the first version that accepts it: `validateSysctls` and
# `validateHTTPGetAction` never look at a value, and a zero `sleep.seconds` is allowed since
# 1.33 (PodLifecycleSleepActionAllowZero, beta and on by default).
NOT_REQUIRED: dict[tuple[str, str], str] = {
    ("io.k8s.api.core.v1.Sysctl", "value"): "1.0",
    ("io.k8s.api.core.v1.HTTPHeader", "value"): "1.0",
    ("io.k8s.api.core.v1.SleepAction", "seconds"): "1.33",
}
# And it leaves out fields validation requires: every container's `image` (`validateContainerCommon`,
# for pods and pod templates alike), a ReplicationController's `template`
# (`ValidatePodTemplateSpecForRC`), and the specs of pods, pod templates and workloads, which
# hold required fields of their own (a pod spec its containers, a Deployment spec its selector).
ALSO_REQUIRED: frozenset[tuple[str, str]] = frozenset(
    {
        ("io.k8s.api.core.v1.Container", "image"),
        ("io.k8s.api.core.v1.EphemeralContainer", "image"),
        ("io.k8s.api.core.v1.ReplicationControllerSpec", "template"),
        ("io.k8s.api.core.v1.EphemeralVolumeSource", "volumeClaimTemplate"),
        ("io.k8s.api.core.v1.ExecAction", "command"),
        ("io.k8s.api.core.v1.Pod", "spec"),
        ("io.k8s.api.core.v1.PodTemplate", "template"),
        ("io.k8s.api.core.v1.PodTemplateSpec", "spec"),
        ("io.k8s.api.core.v1.ReplicationController", "spec"),
        *(("io.k8s.api.apps.v1." + kind, "spec") for kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet")),
        ("io.k8s.api.batch.v1.Job", "spec"),
        ("io.k8s.api.batch.v1.CronJob", "spec"),
        ("io.k8s.api.batch.v1.JobTemplateSpec", "spec"),
    }
)
# Lists and strings validation requires to be non-empty: a pod's `containers` (`validateContainers`),
# a container's `image` (`validateContainerCommon`), an exec action's `command`
# (`validateExecAction`) and a node selector's terms (`ValidateNodeSelector`).
NON_EMPTY: frozenset[tuple[str, str]] = frozenset(
    {
        ("io.k8s.api.core.v1.PodSpec", "containers"),
        ("io.k8s.api.core.v1.Container", "image"),
        ("io.k8s.api.core.v1.EphemeralContainer", "image"),
        ("io.k8s.api.core.v1.ExecAction", "command"),
        ("io.k8s.api.core.v1.NodeSelector", "nodeSelectorTerms"),
    }
)
# Enums validation enforces where upstream's documents list none: a StatefulSet's claim retention
# (`ValidatePersistentVolumeClaimRetentionPolicyType`), a container's resize policy
# (`validateResizePolicy`), a HorizontalPodAutoscaler's metrics and scaling rules
# (autoscaling `validateMetricSpec`, `validateMetricTarget`, `validateScalingRules`) and a
# CustomResourceDefinition's scope (`validateEnumStrings` in apiextensions).
_HPA = "io.k8s.api.autoscaling.v2."
EXTRA_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy", "whenDeleted"): ("Delete", "Retain"),
    ("io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy", "whenScaled"): ("Delete", "Retain"),
    ("io.k8s.api.core.v1.ContainerResizePolicy", "resourceName"): ("cpu", "memory"),
    ("io.k8s.api.core.v1.ContainerResizePolicy", "restartPolicy"): ("NotRequired", "RestartContainer"),
    (_HPA + "MetricSpec", "type"): ("ContainerResource", "External", "Object", "Pods", "Resource"),
    (_HPA + "MetricTarget", "type"): ("AverageValue", "Utilization", "Value"),
    (_HPA + "HPAScalingRules", "selectPolicy"): ("Disabled", "Max", "Min"),
    (_HPA + "HPAScalingPolicy", "type"): ("Percent", "Pods"),
    ("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec", "scope"): (
        "Cluster",
        "Namespaced",
    ),
}
# An env var's name has the syntax of `IsEnvVarName` before 1.32, and of `IsRelaxedEnvVarName`
# since (RelaxedEnvironmentVariableValidation, beta and on by default): podlint's own formats.
ENV_VAR_NAME = ("io.k8s.api.core.v1.EnvVar", "name")
RELAXED_ENV_VAR_NAMES_SINCE = "1.32"
KEPT_STRING_FORMATS = frozenset({"date-time", "byte"})
STEP_TEXT = {"properties": ".{}", "items": "[]", "additionalProperties": "{{}}"}
LIST_KEYS = ("x-kubernetes-list-type", "x-kubernetes-list-map-keys")
PRESERVE_UNKNOWN = "x-kubernetes-preserve-unknown-fields"

HANDLED_KEYS = frozenset(
    {
        "$ref",
        "allOf",
        "type",
        "format",
        "enum",
        "properties",
        "required",
        "items",
        "additionalProperties",
        PRESERVE_UNKNOWN,
        *LIST_KEYS,
    }
)
DROPPED_KEYS = frozenset(
    {
        "description",
        "default",
        "x-kubernetes-patch-strategy",
        "x-kubernetes-patch-merge-key",
        "x-kubernetes-group-version-kind",
        "x-kubernetes-unions",
        "x-kubernetes-map-type",
    }
)


# ---------------------------------------------------------------------------------------------
# Input


def find_versions(openapi_dir: Path) -> list[str]:
    """Return the minor versions (``"1.28"``) that have a Swagger document, oldest first."""
    found: list[tuple[int, int]] = []
    for child in openapi_dir.iterdir():
        match = VERSION_DIR.fullmatch(child.name)
        if match and (child / SWAGGER_FILE).is_file():
            found.append((int(match[1]), int(match[2])))
    return [f"{major}.{minor}" for major, minor in sorted(found)]


def load_definitions(path: Path) -> dict[str, Schema]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        document = json.load(stream)
    definitions: dict[str, Schema] = document["definitions"]
    return definitions


# ---------------------------------------------------------------------------------------------
# Kinds


def kind_key(gvk: dict[str, str]) -> str:
    """``v1/Pod`` for the core ("") group, ``apps/v1/Deployment`` otherwise."""
    api_version = f"{gvk['group']}/{gvk['version']}" if gvk["group"] else gvk["version"]
    return f"{api_version}/{gvk['kind']}"


def select_kinds(definitions: dict[str, Schema]) -> dict[str, str]:
    """Map every group/version/kind to the definition that describes it.

    Meta types such as DeleteOptions and WatchEvent list one GVK per API group; a definition
    that carries exactly one GVK wins over them, and names break any remaining tie.
    """
    candidates: dict[str, list[tuple[int, str]]] = {}
    for name, schema in definitions.items():
        gvks = schema.get("x-kubernetes-group-version-kind") or []
        for gvk in gvks:
            candidates.setdefault(kind_key(gvk), []).append((len(gvks), name))
    return {key: min(options)[1] for key, options in sorted(candidates.items())}


# ---------------------------------------------------------------------------------------------
# Schema conversion


def ref_target(schema: Schema, where: str) -> str | None:
    """The definition name a ``$ref`` (bare or wrapped in a one-element ``allOf``) points to."""
    if "$ref" in schema:
        ref = schema["$ref"]
    elif "allOf" in schema:
        wrapped = schema["allOf"]
        if not (len(wrapped) == 1 and set(wrapped[0]) == {"$ref"}):
            raise ValueError(f"{where}: only allOf wrappers of a single $ref are supported")
        ref = wrapped[0]["$ref"]
    else:
        return None
    if not isinstance(ref, str) or not ref.startswith(REF_PREFIX):
        raise ValueError(f"{where}: unsupported $ref {ref!r}")
    return ref[len(REF_PREFIX) :]


def convert(schema: Schema, where: str) -> Schema:
    """Convert one Swagger schema to the compact, strict JSON Schema podlint validates with."""
    unknown = set(schema) - HANDLED_KEYS - DROPPED_KEYS
    if unknown:
        # Fail loudly: a new upstream keyword needs a decision, not a silent drop.
        raise ValueError(f"{where}: unsupported schema keys {sorted(unknown)}")
    target = ref_target(schema, where)
    if target is not None:
        return {"$ref": REF_PREFIX + target}
    if schema.get("format") == "int-or-string":
        return {"type": ["integer", "string"]}
    kind = schema.get("type")
    if kind == "object" or "properties" in schema or "additionalProperties" in schema:
        result = convert_object(schema, where)
    elif kind == "array":
        result = convert_array(schema, where)
    elif kind == "integer":
        result = convert_integer(schema)
    elif kind == "string":
        result = convert_string(schema)
    elif kind in ("number", "boolean"):
        result = {"type": kind}  # the only number format upstream is "double"
    elif kind is None:
        result = {}  # any JSON value: JSON, JSONSchemaPropsOrBool, ...
    else:
        raise ValueError(f"{where}: unsupported type {kind!r}")
    if "enum" in schema:
        if result.get("type") != "string":
            raise ValueError(f"{where}: enum on a non-string schema")
        result["enum"] = list(schema["enum"])
    return result


def convert_object(schema: Schema, where: str) -> Schema:
    result: Schema = {"type": "object"}
    properties = schema.get("properties") or {}
    if properties:
        # Walk properties as a map of field names: JSONSchemaProps has fields named
        # "enum", "default", "type", "items", "$ref"... that are not keywords here.
        result["properties"] = {name: convert(value, f"{where}.{name}") for name, value in properties.items()}
    if schema.get("required"):
        result["required"] = sorted(schema["required"])
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        result["additionalProperties"] = convert(extra, f"{where}{{}}")
    elif extra is False or (properties and extra is None and not schema.get(PRESERVE_UNKNOWN)):
        # Strict, like `kubectl --validate=strict`: unknown fields are errors.
        result["additionalProperties"] = False
    return result


def convert_array(schema: Schema, where: str) -> Schema:
    result: Schema = {"type": "array"}
    items = schema.get("items")
    if isinstance(items, dict):
        result["items"] = convert(items, f"{where}[]")
    elif items is not None:
        raise ValueError(f"{where}: unsupported items {items!r}")
    for key in LIST_KEYS:
        if key in schema:
            result[key] = copy.deepcopy(schema[key])
    return result


def convert_integer(schema: Schema) -> Schema:
    result: Schema = {"type": "integer"}
    bounds = INT_RANGES.get(schema.get("format", ""))
    if bounds:
        result["minimum"], result["maximum"] = bounds
    return result


def convert_string(schema: Schema) -> Schema:
    result: Schema = {"type": "string"}
    if schema.get("format") in KEPT_STRING_FORMATS:
        result["format"] = schema["format"]
    return result


def apply_field_bounds(definitions: dict[str, Schema]) -> None:
    """Narrow the integer fields of ``FIELD_BOUNDS`` to what the API server accepts
    (definitions the input does not have are skipped; a field gone from one is an error)."""
    for (name, field), (low, high) in FIELD_BOUNDS.items():
        if name not in definitions:
            continue
        target = locate(definitions[name], [("properties", field)])
        if target is None or target.get("type") != "integer":
            raise ValueError(f"{name}.{field}: bounds have no integer field to go on")
        target["minimum"], target["maximum"] = low, high


def apply_validation_rules(definitions: dict[str, Schema], version: str) -> None:
    """Make the schemas say what the API server's validation says where upstream's differ: which
    fields are required (``NOT_REQUIRED``, ``ALSO_REQUIRED``), which lists and strings must not be
    empty (``NON_EMPTY``), enums upstream does not list (``EXTRA_ENUMS``), and the syntax of env
    var names (``ENV_VAR_NAME``)."""
    _apply_required(definitions, version)
    for (name, field), values in EXTRA_ENUMS.items():
        target = definitions.get(name, {}).get("properties", {}).get(field)
        if target is not None and target.get("type") == "string" and "enum" not in target:
            target["enum"] = list(values)
    for name, field in NON_EMPTY:
        if name in definitions:
            target = definitions[name]["properties"][field]
            target["minItems" if target.get("type") == "array" else "minLength"] = 1
    name, field = ENV_VAR_NAME
    if name in definitions:
        relaxed = version_tuple(version) >= version_tuple(RELAXED_ENV_VAR_NAMES_SINCE)
        definitions[name]["properties"][field]["format"] = "relaxed-env-var-name" if relaxed else "env-var-name"


def _apply_required(definitions: dict[str, Schema], version: str) -> None:
    for (name, field), since in NOT_REQUIRED.items():
        schema = definitions.get(name)
        if (
            schema is not None
            and version_tuple(version) >= version_tuple(since)
            and field in schema.get("required", ())
        ):
            schema["required"].remove(field)
            if not schema["required"]:
                del schema["required"]
    for name, field in ALSO_REQUIRED:
        schema = definitions.get(name)
        if schema is None:
            continue
        if field not in schema.get("properties", {}):
            raise ValueError(f"{name}.{field}: a required field the definition does not have")
        schema["required"] = sorted({*schema.get("required", ()), field})


def convert_definitions(definitions: dict[str, Schema]) -> dict[str, Schema]:
    converted: dict[str, Schema] = {}
    for name, schema in definitions.items():
        special = SPECIAL_DEFINITIONS.get(name)
        converted[name] = copy.deepcopy(special) if special else convert(schema, name)
    return converted


# ---------------------------------------------------------------------------------------------
# Enums


def child_steps(schema: Schema) -> Iterator[tuple[Step, Schema]]:
    """The sub-schemas of a schema that can carry an enum, with the step that reaches each."""
    for name, value in (schema.get("properties") or {}).items():
        yield ("properties", name), value
    for keyword in ("items", "additionalProperties"):
        value = schema.get(keyword)
        if isinstance(value, dict):
            yield (keyword, ""), value


def iter_enums(schema: Schema, steps: tuple[Step, ...]) -> Iterator[tuple[tuple[Step, ...], list[Any]]]:
    if "enum" in schema:
        yield steps, schema["enum"]
    for step, child in child_steps(schema):
        yield from iter_enums(child, (*steps, step))


def load_enum_table(path: Path) -> EnumTable:
    table: EnumTable = {}
    for name, schema in load_definitions(path).items():
        for steps, values in iter_enums(schema, ()):
            table[name, steps] = list(values)
    return table


def locate(schema: Schema | None, steps: Iterable[Step]) -> Schema | None:
    for keyword, name in steps:
        if schema is None:
            return None
        child = schema.get(keyword)
        if keyword == "properties":
            child = child.get(name) if isinstance(child, dict) else None
        schema = child if isinstance(child, dict) else None
    return schema


def apply_enums(definitions: dict[str, Schema], table: EnumTable, *, strict: bool) -> None:
    """Put each enum on the same definition and field path, where that is a plain string.

    ``strict`` (the table comes from this very version) makes a missing target an error;
    otherwise (enums carried to another version) fields that do not exist there are skipped.
    """
    for (name, steps), values in sorted(table.items()):
        target = locate(definitions.get(name), steps)
        if target is None or target.get("type") != "string" or "format" in target:
            if strict:
                path = "".join(STEP_TEXT[kind].format(field) for kind, field in steps)
                raise ValueError(f"{name}{path}: enum has no string field to go on")
            continue
        target["enum"] = list(values)


def nearest_enum_version(version: str, candidates: Iterable[str]) -> str | None:
    """The version with an enums-enabled document closest to ``version`` (newer on a tie)."""

    def distance(other: str) -> tuple[int, int]:
        gap = abs(version_tuple(other)[1] - version_tuple(version)[1])
        return (gap, -version_tuple(other)[1])

    same_major = [c for c in candidates if version_tuple(c)[0] == version_tuple(version)[0]]
    return min(same_major, key=distance) if same_major else None


def version_tuple(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


# ---------------------------------------------------------------------------------------------
# Reachability and output


def iter_refs(schema: Schema) -> Iterator[str]:
    """Definition names referenced by a converted schema (walked structurally)."""
    if "$ref" in schema:
        yield schema["$ref"][len(REF_PREFIX) :]
    for _, child in child_steps(schema):
        yield from iter_refs(child)


def reachable(definitions: dict[str, Schema], roots: Iterable[str]) -> dict[str, Schema]:
    seen: set[str] = set()
    queue = deque(roots)
    while queue:
        name = queue.popleft()
        if name in seen:
            continue
        if name not in definitions:
            raise ValueError(f"reference to missing definition {name!r}")
        seen.add(name)
        queue.extend(iter_refs(definitions[name]))
    return {name: definitions[name] for name in sorted(seen)}


def build_version(version: str, swagger: Path, enums: EnumTable, *, strict_enums: bool) -> Schema:
    raw = load_definitions(swagger)
    kinds = select_kinds(raw)
    definitions = convert_definitions(raw)
    apply_enums(definitions, enums, strict=strict_enums)
    apply_field_bounds(definitions)
    return {
        "version": version,
        "kinds": kinds,
        "definitions": reachable(definitions, kinds.values()),
    }


def relax_required(definitions: dict[str, Schema], newest: dict[str, Schema]) -> None:
    """Drop from ``required`` the fields that the newest version has but no longer requires.

    Upstream corrects its optional markers over time (``StatefulSetSpec.serviceName``,
    ``NetworkPolicySpec.podSelector``, ``PriorityClass.value``, ``RoleRef.apiGroup``...); the
    API servers of older versions did not require these fields either: they default them or
    accept the zero value.
    """
    for name, schema in definitions.items():
        latest = newest.get(name)
        required = schema.get("required")
        if latest is None or not required:
            continue
        still = set(latest.get("required", ())) | (set(required) - set(latest.get("properties", {})))
        kept = [field for field in required if field in still]
        if kept:
            schema["required"] = kept
        else:
            del schema["required"]


def serialize(document: Schema) -> bytes:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def generate(openapi_dir: Path, out_dir: Path) -> list[Path]:
    """Write ``v<version>.json`` into ``out_dir`` for every version in ``openapi_dir``."""
    versions = find_versions(openapi_dir)
    if not versions:
        raise FileNotFoundError(f"no v<major>.<minor>/{SWAGGER_FILE} under {openapi_dir}")
    enum_tables = {
        version: load_enum_table(openapi_dir / f"v{version}" / ENUMS_SWAGGER_FILE)
        for version in versions
        if (openapi_dir / f"v{version}" / ENUMS_SWAGGER_FILE).is_file()
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    newest: Schema | None = None
    for version in reversed(versions):
        # Versions before 1.34 have no enums-enabled document; their enum sets are stable,
        # so borrow the nearest version's enums for the fields that exist there.
        source = nearest_enum_version(version, enum_tables)
        document = build_version(
            version,
            openapi_dir / f"v{version}" / SWAGGER_FILE,
            enum_tables[source] if source else {},
            strict_enums=source == version,
        )
        if newest is None:
            newest = copy.deepcopy(document)  # upstream's markers: relaxing compares with them
        else:
            relax_required(document["definitions"], newest["definitions"])
        apply_validation_rules(document["definitions"], version)
        path = out_dir / f"v{version}.json"
        path.write_bytes(serialize(document))
        written.append(path)
    return written[::-1]  # oldest first


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m podlint.schemas.generate",
        description="Generate podlint's JSON Schemas from the Kubernetes OpenAPI documents.",
    )
    parser.add_argument("openapi_dir", type=Path, metavar="OPENAPI_DIR")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        metavar="DIR",
        help="output folder (default: the folder of this module)",
    )
    args = parser.parse_args(argv)
    if not args.openapi_dir.is_dir():
        print(f"error: {args.openapi_dir} is not a folder", file=sys.stderr)
        return 2
    try:
        written = generate(args.openapi_dir, args.out)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
