"""Finds, in an object's data, every value whose schema is a given definition (every Quantity,
every ObjectMeta, every LabelSelector...), by walking the data alongside the bundled schema of
the object's kind. Rules use it to check a type wherever the API has it, without listing paths."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NamedTuple

from podlint.findings import Path
from podlint.schema import SchemaSet

_REF_PREFIX = "#/definitions/"


class Reference(NamedTuple):
    """A value whose schema is `definition`; `owner` is the definition holding the field (the
    `ResourceRequirements` of a `limits.cpu` quantity), `path` is relative to the walked data."""

    path: Path
    value: Any
    definition: str
    owner: str


def references(schemas: SchemaSet, definition: str, data: Any, targets: frozenset[str]) -> list[Reference]:
    """Every non-null value under `data` (an instance of `definition`) whose schema refers to one
    of `targets`, in document order. Parts of the data the schema does not describe are skipped:
    unknown fields are the schema validation's business."""
    found: list[Reference] = []
    walk = _walker(schemas, definition, targets)
    if walk is not None and data is not None:
        walk(data, (), found)
    return found


# Says whether a value found (value, definition, owner) is as it should be.
Accept = Callable[[Any, str, str], bool]


def all_accepted(schemas: SchemaSet, definition: str, data: Any, targets: frozenset[str], accept: Accept) -> bool:
    """Whether `accept` is true of every value `references` would find. It walks without
    building paths, so that a rule can look closer only at data where something is wrong:
    most objects are right, and for them this is all the walking there is."""
    check = _checker(schemas, definition, targets, accept)
    return check is None or data is None or check(data)


# Walks data alongside one schema, appending what it finds: (data, path, found).
_Walk = Callable[[Any, Path, list[Reference]], None]
# Walks data alongside one schema, true when every value found is accepted.
_Check = Callable[[Any], bool]


@functools.cache
def _walker(schemas: SchemaSet, definition: str, targets: frozenset[str]) -> _Walk | None:
    walk: _Walk | None = _WalkCompiler(schemas, targets, _Collecting()).compile(definition)
    return walk


@functools.cache
def _checker(schemas: SchemaSet, definition: str, targets: frozenset[str], accept: Accept) -> _Check | None:
    check: _Check | None = _WalkCompiler(schemas, targets, _Checking(accept)).compile(definition)
    return check


class _Collecting:
    """Builds walks that collect every value found, with its path."""

    @staticmethod
    def chain(keys: tuple[str, ...], then: _Walk) -> _Walk:
        """The walk of mappings where only the field `keys[0]` can hold a target, in it only
        `keys[1]`, and so on: the value at the end of the chain is walked with `then`."""

        def walk(data: Any, path: Path, found: list[Reference]) -> None:
            for key in keys:
                if not isinstance(data, dict):
                    return
                data = data.get(key)
                if data is None:
                    return
            then(data, path + keys, found)

        return walk

    @staticmethod
    def items(items: _Walk) -> _Walk:
        """The walk of a list whose items are walked by `items`."""

        def walk(data: Any, path: Path, found: list[Reference]) -> None:
            if isinstance(data, list):
                for index, item in enumerate(data):
                    if item is not None:
                        items(item, path + (index,), found)

        return walk

    @staticmethod
    def target_map(definition: str, owner: str) -> _Walk:
        """The walk of a mapping whose values are all of the target `definition`."""

        def walk(data: Any, path: Path, found: list[Reference]) -> None:
            if isinstance(data, dict):
                for key, value in data.items():
                    if value is not None:
                        found.append(Reference(path + (key,), value, definition, owner))

        return walk

    @staticmethod
    def mapping(fields: dict[str, _Walk | None], extra: _Walk | None, items: _Walk | None) -> _Walk:
        """The walk of a mapping (`fields`, and `extra` for the others) or a list (`items`)."""

        def walk(data: Any, path: Path, found: list[Reference]) -> None:
            if isinstance(data, dict):
                for key, value in data.items():
                    child = fields.get(key, extra)
                    if child is not None and value is not None:
                        child(value, path + (key,), found)
            elif isinstance(data, list) and items is not None:
                for index, item in enumerate(data):
                    if item is not None:
                        items(item, path + (index,), found)

        return walk

    @staticmethod
    def target(definition: str, owner: str, inner: _Walk | None) -> _Walk:
        """The walk of a target, which may hold other targets (`inner`)."""

        def walk(data: Any, path: Path, found: list[Reference]) -> None:
            found.append(Reference(path, data, definition, owner))
            if inner is not None:
                inner(data, path, found)

        return walk

    @staticmethod
    def recursive(cell: list[_Walk | None]) -> _Walk:
        """The walk of a definition that holds itself, through the `cell` its walk will fill."""
        return lambda data, path, found: cell[0](data, path, found) if cell[0] else None


class _Checking:
    """Builds the walks of `_Collecting` as checks: what they would collect, `accept` judges."""

    def __init__(self, accept: Accept) -> None:
        self.accept = accept

    @staticmethod
    def chain(keys: tuple[str, ...], then: _Check) -> _Check:
        def check(data: Any) -> bool:
            for key in keys:
                if not isinstance(data, dict):
                    return True
                data = data.get(key)
                if data is None:
                    return True
            return then(data)

        return check

    @staticmethod
    def items(items: _Check) -> _Check:
        def check(data: Any) -> bool:
            if isinstance(data, list):
                for item in data:
                    if item is not None and not items(item):
                        return False
            return True

        return check

    def target_map(self, definition: str, owner: str) -> _Check:
        accept = self.accept

        def check(data: Any) -> bool:
            if isinstance(data, dict):
                for value in data.values():
                    if value is not None and not accept(value, definition, owner):
                        return False
            return True

        return check

    @staticmethod
    def mapping(fields: dict[str, _Check | None], extra: _Check | None, items: _Check | None) -> _Check:
        # Without `extra`, a mapping with more keys than the fields entered is checked by field.
        entered = tuple((key, child) for key, child in fields.items() if child is not None)

        def check(data: Any) -> bool:
            if isinstance(data, dict):
                if extra is None and len(data) > len(entered):
                    for key, entered_check in entered:
                        value = data.get(key)
                        if value is not None and not entered_check(value):
                            return False
                    return True
                for key, value in data.items():
                    child = fields.get(key, extra)
                    if child is not None and value is not None and not child(value):
                        return False
            elif isinstance(data, list) and items is not None:
                for item in data:
                    if item is not None and not items(item):
                        return False
            return True

        return check

    def target(self, definition: str, owner: str, inner: _Check | None) -> _Check:
        accept = self.accept

        def check(data: Any) -> bool:
            return accept(data, definition, owner) and (inner is None or inner(data))

        return check

    @staticmethod
    def recursive(cell: list[_Check | None]) -> _Check:
        return lambda data: cell[0](data) if cell[0] else True


class _WalkCompiler:
    """Compiles a schema into a walk once, with the walks `build` makes; subschemas that cannot
    reach a target compile to None, so the walk never enters data that cannot hold one.
    Everything a walk needs to know about the schema (which fields to enter, which definition
    owns a field) is settled here, so that walking a document only looks at its data."""

    def __init__(self, schemas: SchemaSet, targets: frozenset[str], build: Any) -> None:
        self.definitions = schemas.definitions
        self.targets = targets
        self.build = build
        self.done: dict[str, Any] = {}
        self.pending: dict[str, list[Any]] = {}
        self.chains: dict[Any, tuple[tuple[str, ...], Any]] = {}  # walks down single fields: (fields, then)

    def compile(self, definition: str) -> Any:
        return self.schema({"$ref": _REF_PREFIX + definition}, owner="")

    def definition(self, name: str) -> Any:
        if name in self.done:
            return self.done[name]
        if name in self.pending:  # recursive: call through a cell filled below
            cell = self.pending[name]
            return self.build.recursive(cell)
        self.pending[name] = cell = []
        walk = self.schema(self.definitions[name], owner=name)
        del self.pending[name]
        cell.append(walk)
        self.done[name] = walk
        return walk

    def schema(self, schema: dict[str, Any], owner: str) -> Any:
        """The walk of `schema`, a part of the definition `owner`."""
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._ref(ref.removeprefix(_REF_PREFIX), owner)
        # Every known field, None for those that cannot hold a target; unknown fields get `extra`.
        fields = {
            key: self.schema(child, owner) if isinstance(child, dict) else None
            for key, child in schema.get("properties", {}).items()
        }
        extra_schema = schema.get("additionalProperties")
        extra = self.schema(extra_schema, owner) if isinstance(extra_schema, dict) else None
        items_schema = schema.get("items")
        items = self.schema(items_schema, owner) if isinstance(items_schema, dict) else None
        entered = [key for key, walk in fields.items() if walk is not None]
        if items is None and not entered:
            if extra is None:
                return None
            target = self._plain_target(extra_schema)
            if target is not None and not fields:  # a map of targets (a ResourceList): no call per entry
                return self.build.target_map(target, owner)
        if extra is None and items is None and len(entered) == 1:
            # Most objects hold their targets under one field (spec, then template, then spec...):
            # one walk follows the whole chain of such fields.
            keys, then = self.chains.get(fields[entered[0]], ((), fields[entered[0]]))
            walk = self.build.chain((entered[0], *keys), then)
            self.chains[walk] = ((entered[0], *keys), then)
            return walk
        if items is not None and not fields and extra is None:
            return self.build.items(items)
        return self.build.mapping(fields, extra, items)

    def _plain_target(self, schema: Any) -> str | None:
        """The target that `schema` refers to, when that target holds no other target."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str):
            return None
        name = ref.removeprefix(_REF_PREFIX)
        return name if name in self.targets and self.definition(name) is None else None

    def _ref(self, name: str, owner: str) -> Any:
        inner = self.definition(name)
        return self.build.target(name, owner, inner) if name in self.targets else inner
