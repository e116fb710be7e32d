"""Finds, in an object's data, every value whose schema is a given definition (every Quantity,
every ObjectMeta, every LabelSelector...), by walking the data alongside the bundled schema of
the object's kind. Rules use it to check a type wherever the API has it, without listing paths."""
from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.findings import Path
from podlint.schema import SchemaSet

_REF_PREFIX = "#/definitions/"


@dataclass(frozen=True)
class Reference:
    """A value whose schema is `definition`; `owner` is the definition holding the field (the
    `ResourceRequirements` of a `limits.cpu` quantity), `path` is relative to the walked data."""

    path: Path
    value: Any
    definition: str
    owner: str


def references(
    schemas: SchemaSet, definition: str, data: Any, targets: frozenset[str]
) -> Iterator[Reference]:
    """Every non-null value under `data` (an instance of `definition`) whose schema refers to one
    of `targets`, in document order. Parts of the data the schema does not describe are skipped:
    unknown fields are the schema validation's business."""
    reaching = _definitions_reaching(schemas, targets)
    if definition in targets or definition in reaching:
        yield from _walk(schemas, {"$ref": _REF_PREFIX + definition}, data, (), "", targets, reaching)


def _walk(
    schemas: SchemaSet,
    schema: dict[str, Any],
    data: Any,
    path: Path,
    owner: str,
    targets: frozenset[str],
    reaching: frozenset[str],
) -> Iterator[Reference]:
    if data is None:
        return
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = ref.removeprefix(_REF_PREFIX)
        if name in targets:
            yield Reference(path, data, name, owner)
        if name in reaching:
            yield from _walk(schemas, schemas.definitions[name], data, path, name, targets, reaching)
        return
    if isinstance(data, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, value in data.items():
            child = properties.get(key, extra)
            if isinstance(child, dict):
                yield from _walk(schemas, child, value, path + (key,), owner, targets, reaching)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(data):
            yield from _walk(schemas, schema["items"], item, path + (index,), owner, targets, reaching)


@functools.cache
def _definitions_reaching(schemas: SchemaSet, targets: frozenset[str]) -> frozenset[str]:
    """The definitions from which some target can be reached through `$ref`s, so that the walk
    never descends into data that cannot hold one (a ConfigMap's `data`, a CRD's schema...)."""
    referenced_by: dict[str, set[str]] = {}
    for name, schema in schemas.definitions.items():
        for ref in _refs_in(schema):
            referenced_by.setdefault(ref, set()).add(name)
    found: set[str] = set()
    pending = list(targets)
    while pending:
        for parent in referenced_by.get(pending.pop(), ()):
            if parent not in found:
                found.add(parent)
                pending.append(parent)
    return frozenset(found)


def _refs_in(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            yield ref.removeprefix(_REF_PREFIX)
        for value in schema.values():
            yield from _refs_in(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _refs_in(value)
