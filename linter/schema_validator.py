"""The validator of record: jsonschema's Draft 7 with the API server's reading of nulls and of
empty enums. Imported only when a document needs its errors (`podlint.fastcheck` says yes to
valid documents without it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend

from podlint.fastcheck import valid_part
from podlint.schema import FORMATS

_DRAFT7_ADDITIONAL = Draft7Validator.VALIDATORS["additionalProperties"]
_DRAFT7_ENUM = Draft7Validator.VALIDATORS["enum"]


def _required_not_null(validator: Any, required: list[str], instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`required`, where an explicit null counts as absent (the API server decodes it to the
    zero value, then finds the field empty)."""
    if not isinstance(instance, dict):
        return
    for name in required:
        if instance.get(name) is None:
            yield ValidationError(f"{name!r} is a required property")


def _properties_null_is_absent(
    validator: Any, properties: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    """`properties`, where an explicit null for a field is accepted as the API server does.
    Fields the compiled check finds valid are not descended into: they hold no error."""
    if not isinstance(instance, dict):
        return
    for name, subschema in properties.items():
        value = instance.get(name)
        if value is not None and not valid_part(subschema, value):
            yield from validator.descend(value, subschema, path=name, schema_path=name)


def _map_values_null_is_zero(validator: Any, extra: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`additionalProperties`, where a null map value is accepted (`labels: {tier: }`): the API
    server decodes it to the zero value. Unknown fields of a closed object stay errors."""
    if isinstance(extra, dict) and isinstance(instance, dict) and None in instance.values():
        instance = {key: value for key, value in instance.items() if value is not None}
    yield from _DRAFT7_ADDITIONAL(validator, extra, instance, schema)


def _enum_or_unset(validator: Any, enums: list[Any], instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`enum`, where the empty string is accepted: the API server reads "" as unset and fills in
    the default (`imagePullPolicy: ""` becomes `IfNotPresent`)."""
    if instance != "":
        yield from _DRAFT7_ENUM(validator, enums, instance, schema)


_formats = FormatChecker(formats=())
for _name, _format in FORMATS.items():
    _formats.checks(_name)(_format.check)

KubernetesValidator = extend(
    Draft7Validator,
    validators={
        "required": _required_not_null,
        "properties": _properties_null_is_absent,
        "additionalProperties": _map_values_null_is_zero,
        "enum": _enum_or_unset,
    },
)


def kubernetes_validator(schema: dict[str, Any]) -> Any:
    return KubernetesValidator(schema, format_checker=_formats)
