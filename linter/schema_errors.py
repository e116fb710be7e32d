"""jsonschema errors -> one violation per real problem, with podlint's rule ids and a message a
person understands ("did you mean ..."). Paths only: the engine finds the positions."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from podlint.fastcheck import is_valid
from podlint.findings import Fix, Path, PathEdit, Violation
from podlint.schema import FORMATS, SUPPORTED_VERSIONS, SchemaSet, schema_set
from podlint.yaml11 import value_text

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}
_INT_RANGES = {2**31 - 1: "int32", 2**63 - 1: "int64"}
_PORT_MAX = 65535  # the schemas bound port numbers to 1-65535, or 0-65535 where 0 is none
_DIGITS = re.compile(r"[0-9]+")


def schema_violations(schemas: SchemaSet, definition: str, data: Any, base: Path) -> Iterator[Violation]:
    if is_valid(schemas.version, definition, data):
        return
    validator = schemas.validator(definition)
    for error in validator.iter_errors(data):
        yield from _translate(schemas, error, base + tuple(error.absolute_path))


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def did_you_mean(word: str, choices: list[str]) -> str | None:
    """The one choice `word` most likely meant: same letters in another case, else a close spelling."""
    folded = [choice for choice in choices if choice.lower() == word.lower()]
    if len(folded) == 1:
        return folded[0]
    close = difflib.get_close_matches(word.lower(), [choice.lower() for choice in choices], n=1, cutoff=0.75)
    if not close:
        return None
    return next(choice for choice in choices if choice.lower() == close[0])


def _short(definition: str | None) -> str:
    return definition.rsplit(".", 1)[-1] if definition else "this object"


def _show(value: Any) -> str:
    """A value as the manifest's JSON reads it: `true`, `null`, `8080`, `{...}`."""
    if isinstance(value, (dict, list)):
        text = json.dumps(value, default=str)
    else:
        text = value if isinstance(value, str) else value_text(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _translate(schemas: SchemaSet, error: ValidationError, path: Path) -> Iterator[Violation]:
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    owner = _short(schemas.definition_name(schema))
    instance = error.instance
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        for key in instance:
            if key not in schema.get("properties", {}) and not _is_patch_directive(key):
                yield _unknown_field(schemas, key, schemas.definition_name(schema), allowed, path + (key,), instance)
    elif keyword == "required":
        misspelt = _misspelt_fields(schema, instance) if isinstance(instance, dict) else set()
        for name in error.validator_value:
            if isinstance(instance, dict) and instance.get(name) is None and name not in misspelt:
                yield Violation(path, f"missing required field `{name}` in {owner}", "key", "missing-field")
    elif keyword == "type":
        expected = error.validator_value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        yield Violation(
            path,
            f"expected {expected_text}, found {json_type(instance)} `{_show(instance)}`",
            "value",
            "invalid-type",
            fix=_digits_as_integer(instance, expected, schema, path),
        )
    elif keyword == "enum":
        # A value of the wrong type is `invalid-type`'s alone: the API server fails to decode it
        # before it looks at the choices.
        if schema.get("type") != "string" or isinstance(instance, str):
            yield _invalid_enum(instance, list(error.validator_value), path)
    elif keyword in ("minItems", "minLength"):  # an empty list or string where validation requires one
        needed = "at least one item is required" if keyword == "minItems" else "the API server requires a value"
        yield Violation(path, f"`{path[-1]}` is empty; {needed}", "value", "missing-field")
    elif keyword in ("minimum", "maximum"):
        yield Violation(path, _out_of_range(schema, instance), "value", "invalid-value")
    elif keyword == "format":
        known = FORMATS.get(error.validator_value)
        described = known.description if known else f"a valid {error.validator_value} value"
        yield Violation(path, f"`{_show(instance)}` is not {described}", "value", "invalid-value")
    else:
        yield Violation(path, error.message, "value", "invalid-value")


# Strategic merge patch directives, which only patches hold (kustomize's, `kubectl patch`'s): not fields.
_PATCH_DIRECTIVES = ("$patch", "$retainKeys")
_PATCH_DIRECTIVE_PREFIXES = ("$setElementOrder/", "$deleteFromPrimitiveList/")


def _is_patch_directive(key: str) -> bool:
    return key in _PATCH_DIRECTIVES or key.startswith(_PATCH_DIRECTIVE_PREFIXES)


def _out_of_range(schema: dict[str, Any], value: Any) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if high == _PORT_MAX:
        unset = ", or 0 for none" if low == 0 else ""
        return f"`{_show(value)}` is not a port number: it must be from 1 to {_PORT_MAX}{unset}"
    if high in _INT_RANGES:
        return f"`{_show(value)}` is out of range for {_INT_RANGES[high]}"
    return f"`{_show(value)}` is out of range: the API server accepts {low} to {high}"


def _unknown_field(
    schemas: SchemaSet, key: str, definition: str | None, allowed: list[str], path: Path, siblings: dict[str, Any]
) -> Violation:
    message = f"unknown field `{key}` in {_short(definition)}"
    suggestion = did_you_mean(key, allowed)
    newer = _version_adding(schemas, definition, key) if definition else None
    if newer is not None:
        message += f" of Kubernetes {schemas.version}; it was added in {newer} (see --kube-version)"
    elif suggestion is not None:
        message += f"; did you mean `{suggestion}`?"
    fix = None
    if suggestion is not None and newer is None and suggestion not in siblings:  # never make a duplicate key
        fix = Fix(f"Rename `{key}` to `{suggestion}`", (PathEdit(path, suggestion, "key"),), safe=False)
    return Violation(path, message, "key", "unknown-field", fix=fix)


def _misspelt_fields(schema: dict[str, Any], instance: dict[str, Any]) -> set[str]:
    """The fields that unknown keys of `instance` most likely meant (`containerport` ->
    `containerPort`): the unknown-field finding already names them, so they are not also missing."""
    known = schema.get("properties", {})
    allowed = sorted(known)
    guesses = (did_you_mean(key, allowed) for key in instance if isinstance(key, str) and key not in known)
    return {guess for guess in guesses if guess is not None}


def _digits_as_integer(value: Any, expected: Any, schema: dict[str, Any], path: Path) -> Fix | None:
    """A quoted number where the API wants an integer (`containerPort: "80"`): write the number."""
    wanted = expected if isinstance(expected, list) else [expected]
    if "integer" not in wanted or "string" in wanted or not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    if not schema.get("minimum", number) <= number <= schema.get("maximum", number):
        return None
    return Fix(f"Write `{value}` as the integer {number}", (PathEdit(path, str(number), keep_quotes=False),))


def _version_adding(schemas: SchemaSet, definition: str, key: str) -> str | None:
    """The first newer bundled Kubernetes version whose `definition` has the field `key`."""
    for version in SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.index(schemas.version) + 1 :]:
        newer = schema_set(version).definitions.get(definition, {})
        if key in newer.get("properties", {}):
            return version
    return None


def _invalid_enum(value: Any, allowed: list[str], path: Path) -> Violation:
    message = f"`{_show(value)}` is not one of {', '.join(str(choice) for choice in allowed)}"
    suggestion = did_you_mean(value, [str(choice) for choice in allowed]) if isinstance(value, str) else None
    fix = None
    if suggestion is not None:
        message += f"; did you mean `{suggestion}`?"
        safe = _one_edit_apart(value.lower(), suggestion.lower())
        fix = Fix(f"Replace `{value}` with `{suggestion}`", (PathEdit(path, suggestion),), safe=safe)
    return Violation(path, message, "value", "invalid-value", fix=fix)


def _one_edit_apart(a: str, b: str) -> bool:
    """At most one insertion, deletion or substitution turns `a` into `b`."""
    if abs(len(a) - len(b)) > 1:
        return False
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    return a[prefix + 1 :] == b[prefix + 1 :] or a[prefix:] == b[prefix + 1 :] or a[prefix + 1 :] == b[prefix:]
