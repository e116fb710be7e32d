"""The bundled JSON Schemas: one file per Kubernetes version, loaded only when a run needs it,
and one compiled validator per (version, kind)."""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend

SUPPORTED_VERSIONS = tuple(f"1.{minor}" for minor in range(28, 37))
DEFAULT_VERSION = SUPPORTED_VERSIONS[-1]
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)
_BASE64 = re.compile(r"[A-Za-z0-9+/\s]*={0,2}\s*")


_DRAFT7_PROPERTIES = Draft7Validator.VALIDATORS["properties"]
_DRAFT7_ENUM = Draft7Validator.VALIDATORS["enum"]


class UnknownVersionError(ValueError):
    pass


def _required_not_null(validator: Any, required: list[str], instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`required`, where an explicit null counts as absent (the API server decodes it to the
    zero value, then finds the field empty)."""
    if not isinstance(instance, dict):
        return
    for name in required:
        if instance.get(name) is None:
            yield ValidationError(f"{name!r} is a required property")


def _properties_null_is_absent(validator: Any, properties: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`properties`, where an explicit null for a field is accepted as the API server does."""
    if isinstance(instance, dict) and None in instance.values():
        instance = {key: value for key, value in instance.items() if value is not None}
    yield from _DRAFT7_PROPERTIES(validator, properties, instance, schema)


def _enum_or_unset(validator: Any, enums: list[Any], instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`enum`, where the empty string is accepted: the API server reads "" as unset and fills in
    the default (`imagePullPolicy: ""` becomes `IfNotPresent`)."""
    if instance != "":
        yield from _DRAFT7_ENUM(validator, enums, instance, schema)


_formats = FormatChecker(formats=())


@_formats.checks("date-time")
def _is_date_time(value: object) -> bool:
    return not isinstance(value, str) or _DATE_TIME.fullmatch(value) is not None


@_formats.checks("byte")
def _is_base64(value: object) -> bool:
    return not isinstance(value, str) or _BASE64.fullmatch(value) is not None


KubernetesValidator = extend(
    Draft7Validator,
    validators={
        "required": _required_not_null,
        "properties": _properties_null_is_absent,
        "enum": _enum_or_unset,
    },
)


class SchemaSet:
    """The schemas of one Kubernetes version."""

    def __init__(self, version: str, document: dict[str, Any]) -> None:
        self.version = version
        self.kinds: dict[str, str] = document["kinds"]
        self.definitions: dict[str, Any] = document["definitions"]
        self._root = {"definitions": self.definitions}
        self._names_by_id = {id(schema): name for name, schema in self.definitions.items()}

    def definition_for(self, api_version: str, kind: str) -> str | None:
        return self.kinds.get(f"{api_version}/{kind}")

    def definition_name(self, schema: Any) -> str | None:
        """The definition a schema object belongs to (for messages), when it is one."""
        return self._names_by_id.get(id(schema))

    @functools.cache
    def validator(self, definition: str) -> Any:
        schema = {"$ref": f"#/definitions/{definition}", "definitions": self.definitions}
        return KubernetesValidator(schema, format_checker=_formats)

    @functools.cached_property
    def groups(self) -> frozenset[str]:
        return frozenset(key.rsplit("/", 2)[0] if key.count("/") == 2 else "" for key in self.kinds)

    @functools.cached_property
    def kinds_by_name(self) -> dict[str, list[str]]:
        """Kind -> the apiVersions that serve it."""
        found: dict[str, list[str]] = {}
        for key in self.kinds:
            api_version, _, kind = key.rpartition("/")
            found.setdefault(kind, []).append(api_version)
        return found


def check_version(version: str) -> str:
    version = version.removeprefix("v")
    parts = version.split(".")
    if len(parts) == 3:  # 1.31.2: the schema is the minor version's
        version = ".".join(parts[:2])
    if version not in SUPPORTED_VERSIONS:
        raise UnknownVersionError(
            f"no bundled schema for Kubernetes {version}; supported: {', '.join(SUPPORTED_VERSIONS)}"
        )
    return version


@functools.cache
def schema_set(version: str) -> SchemaSet:
    version = check_version(version)
    path = resources.files("podlint.schemas").joinpath(f"v{version}.json")
    with path.open("rb") as handle:
        return SchemaSet(version, json.load(handle))
