"""A fast yes/no check in front of jsonschema: is this object valid against its schema?

jsonschema (`KubernetesValidator` in `podlint.schema_validator`) stays the validator of record:
it runs whenever this check says no, and only its errors become findings. Most documents are
valid, and for them this check is all the schema validation there is, so it must accept exactly
what `KubernetesValidator` accepts: Draft 7 keywords with podlint's four departures (an
explicit null is an absent property, a null map value is accepted, `required` treats null as
absent, `enum` accepts "").

Each (Kubernetes version, definition) compiles once into nested closures returning a bool. A
schema using a keyword the compiler does not know compiles to None: such objects always go to
jsonschema, so an unknown construct can make podlint slower, never wrong.

The same compiler fuses the rules' quick checks (`podlint.rule.QuickChecks`) into a stricter
check, which says yes only when the schema and those rules have nothing to say about an object:
it costs one walk of the object for all of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from podlint.rule import OBJECT
from podlint.schema import FORMATS, schema_set

Check = Callable[[Any], bool]
# Checks to run besides the schema's: (definition name, or OBJECT for the object itself, check).
Extra = tuple[tuple[str, Check], ...]

_REF_PREFIX = "#/definitions/"
_IGNORED = frozenset({"x-kubernetes-list-type", "x-kubernetes-list-map-keys", "description"})
_MISSING = object()
# Each compiled schema object (kept, so that its id is not reused) and its check.
_BY_SCHEMA: dict[int, tuple[Any, Check]] = {}


class Unsupported(Exception):
    """A schema construct this compiler does not model; jsonschema decides instead."""


class Validity:
    """Answers whether objects are certainly valid, and pass the `extra` checks wherever their
    definitions occur in them; False when jsonschema (or the rules) must look."""

    def __init__(self, extra: Extra = ()) -> None:
        self.extra = extra
        self.checks: dict[tuple[str, str], Check | None] = {}  # (version, definition) -> its check

    def __call__(self, version: str, definition: str, data: Any) -> bool:
        key = (version, definition)
        if key not in self.checks:
            self.checks[key] = _compiled(version, definition, self.extra)
        check = self.checks[key]
        if check is None:
            return False
        try:
            return check(data)
        except RecursionError:  # absurdly deep data: let the validator of record decide
            return False


is_valid = Validity()  # the schema alone


def valid_part(schema: Any, value: Any) -> bool:
    """True when `value` is certainly valid against `schema`, one of the bundled schemas' objects
    (a property's schema, say); False when unsure. jsonschema skips the parts said valid here,
    so that a document with one wrong field costs little more than a valid one."""
    entry = _BY_SCHEMA.get(id(schema))
    if entry is None or entry[0] is not schema:
        return False
    try:
        return entry[1](value)
    except RecursionError:
        return False


def _compiled(version: str, definition: str, extra: Extra) -> Check | None:
    """Compiled once per `Validity` that asks; the compiler keeps each definition's check."""
    try:
        check = _compiler(version, extra).reference(definition)
    except Unsupported:
        return None
    return _all([check, *(each for name, each in extra if name == OBJECT)])


@functools.cache
def _compiler(version: str, extra: Extra) -> _Compiler:
    return _Compiler(schema_set(version).definitions, extra)


class _Compiler:
    """Turns the definitions of one schema file into checks, sharing each definition's check;
    the `extra` checks of a definition run after its schema's, on valid values only."""

    def __init__(self, definitions: dict[str, Any], extra: Extra) -> None:
        self.definitions = definitions
        self.extra: dict[str, list[Check]] = {}
        for name, check in extra:
            self.extra.setdefault(name, []).append(check)
        self.done: dict[str, Check] = {}
        self.pending: dict[str, list[Check]] = {}

    def reference(self, name: str) -> Check:
        done = self.done.get(name)
        if done is not None:
            return done
        if name in self.pending:  # a recursive definition: call through a cell filled below
            cell = self.pending[name]
            return lambda value: cell[0](value)
        if name not in self.definitions:
            raise Unsupported(f"unknown definition {name}")
        self.pending[name] = cell = []
        try:
            check = _all([self.schema(self.definitions[name]), *self.extra.get(name, ())])
        finally:
            del self.pending[name]
        cell.append(check)
        self.done[name] = check
        return check

    def schema(self, schema: Any) -> Check:
        check = self._compile(schema)
        if isinstance(schema, dict) and not self.extra:  # `valid_part` answers for the schema alone
            _BY_SCHEMA[id(schema)] = (schema, check)
        return check

    def _compile(self, schema: Any) -> Check:
        if schema is True or schema == {}:
            return _anything
        if schema is False:
            return _nothing
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        if "$ref" in schema:  # Draft 7: the siblings of $ref are ignored
            ref = schema["$ref"]
            if not isinstance(ref, str) or not ref.startswith(_REF_PREFIX):
                raise Unsupported(f"$ref {ref!r}")
            return self.reference(ref[len(_REF_PREFIX) :])
        unknown = set(schema) - _KEYWORDS - _IGNORED
        if unknown:
            raise Unsupported(f"keywords {sorted(unknown)}")
        types = schema.get("type")
        type_names = [types] if isinstance(types, str) else types
        if type_names is not None and (not isinstance(type_names, list) or not set(type_names) <= set(_TYPES)):
            raise Unsupported(f"type {types!r}")
        if type_names == ["object"]:
            return self._object(schema, typed=True)
        if type_names == ["array"] and set(schema) <= {"type", "items", *_IGNORED}:
            return _array(self.schema(schema.get("items", True)))
        scalar = _common_scalar(schema, type_names)
        if scalar is not None:
            return scalar
        checks = [_type_check(type_names)] if type_names is not None else []
        if set(schema) & {"properties", "additionalProperties", "required"}:
            checks.append(self._object(schema, typed=False))
        if "items" in schema:
            checks.append(_items(self.schema(schema["items"])))
        if "minItems" in schema:
            checks.append(_at_least(list, schema["minItems"]))
        if "minLength" in schema:
            checks.append(_at_least(str, schema["minLength"]))
        checks.extend(_scalar_checks(schema, type_names))
        return _all(checks)

    def _object(self, schema: dict[str, Any], typed: bool) -> Check:
        """properties, additionalProperties and required in one pass over the mapping; with
        `typed`, anything but a mapping fails (else it passes: these keywords skip it)."""
        properties = {key: self.schema(sub) for key, sub in schema.get("properties", {}).items()}
        extra_schema = schema.get("additionalProperties", True)
        extra: Check | None = None if extra_schema is True else self.schema(extra_schema)
        closed = extra is _nothing
        required = tuple(schema.get("required", ()))
        lookup = properties.get

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return not typed
            for key, item in value.items():
                sub = lookup(key, _MISSING)
                if sub is _MISSING:
                    if closed:
                        return False
                    if extra is not None and item is not None and not extra(item):  # null: the zero value
                        return False
                elif item is not None and not sub(item):  # type: ignore[operator]
                    return False
            for name in required:
                if value.get(name) is None:
                    return False
            return True

        if not typed and "properties" not in schema and extra is None and not required:
            return _anything
        return check


def _anything(value: Any) -> bool:
    return True


def _nothing(value: Any) -> bool:
    return False


def _is_integer(value: Any) -> bool:
    if isinstance(value, int):
        return value.__class__ is not bool
    return isinstance(value, float) and value.is_integer()


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and value.__class__ is not bool


_TYPES: dict[str, Check] = {
    "array": lambda value: isinstance(value, list),
    "boolean": lambda value: isinstance(value, bool),
    "integer": _is_integer,
    "null": lambda value: value is None,
    "number": _is_number,
    "object": lambda value: isinstance(value, dict),
    "string": lambda value: isinstance(value, str),
}
_KEYWORDS = frozenset(
    {
        "type",
        "properties",
        "additionalProperties",
        "required",
        "items",
        "minItems",
        "minLength",
        "enum",
        "minimum",
        "maximum",
        "format",
    }
)


def _type_check(names: list[str]) -> Check:
    if names == ["string"]:
        return lambda value: value.__class__ is str or isinstance(value, str)
    if names == ["integer"]:
        return lambda value: value.__class__ is int or _is_integer(value)
    checks = tuple(_TYPES[name] for name in names)
    if len(checks) == 2:  # int-or-string, quantities
        first, second = checks
        return lambda value: first(value) or second(value)
    return lambda value: any(check(value) for check in checks)


def _common_scalar(schema: dict[str, Any], type_names: list[str] | None) -> Check | None:
    """One closure for the shapes most fields have: a string, an enum, a bounded integer."""
    keys = set(schema) - _IGNORED
    if type_names == ["string"] and keys == {"type", "enum"} and all(isinstance(e, str) for e in schema["enum"]):
        allowed = frozenset(schema["enum"]) | {""}
        return lambda value: isinstance(value, str) and value in allowed
    if type_names == ["integer"] and keys == {"type", "minimum", "maximum"}:
        low, high = schema["minimum"], schema["maximum"]
        if _is_number(low) and _is_number(high):
            return lambda value: (
                low <= value <= high if value.__class__ is int else _is_integer(value) and low <= value <= high
            )
    return None


def _scalar_checks(schema: dict[str, Any], type_names: list[str] | None) -> list[Check]:
    checks: list[Check] = []
    if "enum" in schema:
        enums = schema["enum"]
        if not isinstance(enums, list) or not all(isinstance(each, str) for each in enums):
            raise Unsupported(f"enum {enums!r}")
        allowed = frozenset(enums) | {""}  # "" is unset to the API server
        checks.append(lambda value: isinstance(value, str) and value in allowed or value == "")
    low, high = schema.get("minimum"), schema.get("maximum")
    for bound in (low, high):
        if bound is not None and not _is_number(bound):
            raise Unsupported(f"bound {bound!r}")
    if low is not None or high is not None:
        checks.append(_bounds(low, high))
    if "format" in schema:
        known = FORMATS.get(schema["format"])
        if known is not None:  # jsonschema ignores formats its checker does not know
            checks.append(known.check)
    return checks


def _at_least(kind: type[list[Any]] | type[str], least: int) -> Check:
    """minItems (a list) or minLength (a string): other types pass."""
    return lambda value: not isinstance(value, kind) or len(value) >= least


def _bounds(low: float | None, high: float | None) -> Check:
    """minimum/maximum apply to numbers only; NaN passes both, as in jsonschema."""

    def check(value: Any) -> bool:
        if not _is_number(value):
            return True
        return not ((low is not None and value < low) or (high is not None and value > high))

    return check


def _array(item_check: Check) -> Check:
    if item_check is _anything:
        return lambda value: isinstance(value, list)

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return False
        for item in value:
            if not item_check(item):
                return False
        return True

    return check


def _items(item_check: Check) -> Check:
    array = _array(item_check)
    return lambda value: not isinstance(value, list) or array(value)


def _all(checks: list[Check]) -> Check:
    """One check that calls `checks` in turn while they pass: `c0(value) and c1(value) and ...`.
    A container's check calls seven (its schema's and the rules' quick checks), and such a chain,
    written out for their number, costs a third less than a loop over them."""
    if not checks:
        return _anything
    if len(checks) == 1:
        return checks[0]
    names = {f"c{index}": check for index, check in enumerate(checks)}
    chain: Check = eval(f"lambda value: {' and '.join(f'{name}(value)' for name in names)}", names)
    return chain
