"""Every built-in kind of every bundled version accepts a minimal object built from its own
schema's required fields: no kind is made unusable by the generated schemas or the engine."""

from __future__ import annotations

import json
from typing import Any

import pytest

from podlint.engine import Settings, check_source
from podlint.schema import SUPPORTED_VERSIONS, schema_set
from podlint.source import Source

SCALARS: dict[str, Any] = {"string": "example", "integer": 1, "number": 1, "boolean": True}


def minimal(definitions: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> Any:
    if "$ref" in schema:
        return minimal(definitions, definitions[schema["$ref"].rsplit("/", 1)[1]], depth)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "object" or "properties" in schema:
        return {
            name: minimal(definitions, schema["properties"][name], depth + 1)
            for name in schema.get("required", [])
            if depth < 12
        }
    if kind == "array":
        return [minimal(definitions, schema["items"], depth + 1)] if "items" in schema else []
    if schema.get("format") == "date-time":
        return "2024-01-01T00:00:00Z"
    return SCALARS.get(kind, "example")


def as_json(key: str, kind: str, data: dict[str, Any], has_metadata: bool) -> str:
    body = {**data, "apiVersion": key.rsplit("/", 1)[0], "kind": kind}
    if has_metadata:
        body["metadata"] = {"name": "example"}
    return json.dumps(body)


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
def test_minimal_object_of_every_kind_is_valid(version: str) -> None:
    schemas = schema_set(version)
    schema_rules = frozenset({"unknown-field", "invalid-type", "missing-field", "invalid-value", "unknown-kind"})
    failures = []
    for key, definition in sorted(schemas.kinds.items()):
        kind = key.rsplit("/", 1)[1]
        schema = schemas.definitions[definition]
        if not {"apiVersion", "kind"} <= set(schema.get("properties", {})):
            continue  # meta types listed under every group (WatchEvent, DeleteOptions) are not objects
        text = as_json(
            key,
            kind,
            minimal(schemas.definitions, schema),
            schema["properties"].get("metadata", {}).get("$ref", "").endswith(".ObjectMeta"),
        )
        report = check_source(Source(f"{kind}.json", text), Settings(version, schema_rules))
        failures += [f"{key}: {f.rule} {f.json_path} {f.message}" for f in report.findings]
    assert failures == []
    assert len(schemas.kinds) > 250
