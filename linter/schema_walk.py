"""Finds, in an object's data, every value whose schema is a given definition (every Quantity,
every ObjectMeta, every LabelSelector...), by walking the data alongside the bundled schema of
the object's kind. Rules use it to check a type wherever the API has it, without listing paths."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
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


def references(schemas: SchemaSet, definition: str, data: Any, targets: frozenset[str]) -> Iterator[Reference]:
    """Every non-null value under `data` (an instance of `definition`) whose schema refers to one
    of `targets`, in document order. Parts of the data the schema does not describe are skipped:
    unknown fields are the schema validation's business."""
    walk = _walker(schemas, definition, targets)
    if walk is not None and data is not None:
        found: list[Reference] = []
        walk(data, (), "", found)
        yield from found


# Walks data alongside one schema, appending what it finds: (data, path, owner, found).
_Walk = Callable[[Any, Path, str, list[Reference]], None]


@functools.cache
def _walker(schemas: SchemaSet, definition: str, targets: frozenset[str]) -> _Walk | None:
    return _compiler(schemas, targets).schema({"$ref": _REF_PREFIX + definition})


@functools.cache
def _compiler(schemas: SchemaSet, targets: frozenset[str]) -> _WalkCompiler:
    return _WalkCompiler(schemas, targets)


class _WalkCompiler:
    """Compiles a schema into a walk once; subschemas that cannot reach a target compile to
    None, so the walk never enters data that cannot hold one."""

    def __init__(self, schemas: SchemaSet, targets: frozenset[str]) -> None:
        self.definitions = schemas.definitions
        self.targets = targets
        self.done: dict[str, _Walk | None] = {}
        self.pending: dict[str, list[_Walk | None]] = {}

    def definition(self, name: str) -> _Walk | None:
        if name in self.done:
            return self.done[name]
        if name in self.pending:  # recursive: call through a cell filled below
            cell = self.pending[name]
            return lambda data, path, owner, found: cell[0](data, path, owner, found) if cell[0] else None
        self.pending[name] = cell = []
        walk = self.schema(self.definitions[name])
        del self.pending[name]
        cell.append(walk)
        self.done[name] = walk
        return walk

    def schema(self, schema: dict[str, Any]) -> _Walk | None:
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._ref(ref.removeprefix(_REF_PREFIX))
        properties = {
            key: self.schema(child) for key, child in schema.get("properties", {}).items() if isinstance(child, dict)
        }
        extra_schema = schema.get("additionalProperties")
        extra = self.schema(extra_schema) if isinstance(extra_schema, dict) else None
        items_schema = schema.get("items")
        items = self.schema(items_schema) if isinstance(items_schema, dict) else None
        if extra is None and items is None and not any(properties.values()):
            return None
        known = properties.keys() | schema.get("properties", {}).keys()

        def walk(data: Any, path: Path, owner: str, found: list[Reference]) -> None:
            if isinstance(data, dict):
                for key, value in data.items():
                    child = properties.get(key) if key in known else extra
                    if child is not None and value is not None:
                        child(value, path + (key,), owner, found)
            elif isinstance(data, list) and items is not None:
                for index, item in enumerate(data):
                    if item is not None:
                        items(item, path + (index,), owner, found)

        return walk

    def _ref(self, name: str) -> _Walk | None:
        is_target = name in self.targets
        inner = self.definition(name)
        if not is_target and inner is None:
            return None

        def walk(data: Any, path: Path, owner: str, found: list[Reference]) -> None:
            if is_target:
                found.append(Reference(path, data, name, owner))
            if inner is not None:
                inner(data, path, name, found)

        return walk
