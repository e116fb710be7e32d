"""The bundled JSON Schemas: one file per Kubernetes version, loaded only when a run needs it,
and one compiled validator per (version, kind)."""

from __future__ import annotations

import functools
import json
import pkgutil
import re
from collections.abc import Callable
from typing import Any, NamedTuple

SUPPORTED_VERSIONS = tuple(f"1.{minor}" for minor in range(28, 37))
DEFAULT_VERSION = SUPPORTED_VERSIONS[-1]
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
_BASE64 = re.compile(r"[A-Za-z0-9+/\s]*={0,2}\s*")


# Every API group lists these; a group listing nothing else (admission.k8s.io,
# imagepolicy.k8s.io) serves no objects: its types (AdmissionReview...) only travel to webhooks.
_META_KINDS = frozenset({"DeleteOptions", "WatchEvent"})


class UnknownVersionError(ValueError):
    pass


def _is_date_time(value: object) -> bool:
    return not isinstance(value, str) or _DATE_TIME.fullmatch(value) is not None


def _is_base64(value: object) -> bool:
    return not isinstance(value, str) or _BASE64.fullmatch(value) is not None


# `IsEnvVarName`: before 1.32, and a relaxed one since (RelaxedEnvironmentVariableValidation):
# any printable ASCII character but `=`.
_ENV_VAR_NAME = re.compile(r"(?!\.\.)[-._a-zA-Z][-._a-zA-Z0-9]*")
_RELAXED_ENV_VAR_NAME = re.compile(r"[ -<>-~]+")


def _is_env_var_name(value: object) -> bool:
    return not isinstance(value, str) or (value != "." and _ENV_VAR_NAME.fullmatch(value) is not None)


def _is_relaxed_env_var_name(value: object) -> bool:
    return not isinstance(value, str) or _RELAXED_ENV_VAR_NAME.fullmatch(value) is not None


class Format(NamedTuple):
    """A `format` podlint checks: whether a value has it, and what such a value is."""

    check: Callable[[object], bool]
    description: str


# The `format`s podlint checks; the schemas keep no others.
FORMATS: dict[str, Format] = {
    "date-time": Format(_is_date_time, "an RFC 3339 date and time"),
    "byte": Format(_is_base64, "base64 data"),
    "env-var-name": Format(
        _is_env_var_name,
        "an environment variable name: letters, digits, `_`, `-` and `.`, not starting with a digit",
    ),
    "relaxed-env-var-name": Format(
        _is_relaxed_env_var_name, "an environment variable name: printable ASCII characters other than `=`"
    ),
}


class SchemaSet:
    """The schemas of one Kubernetes version."""

    def __init__(self, version: str, document: dict[str, Any]) -> None:
        self.version = version
        self.kinds: dict[str, str] = document["kinds"]
        self.definitions: dict[str, Any] = document["definitions"]
        self._names_by_id = {id(schema): name for name, schema in self.definitions.items()}
        self._validators: dict[str, Any] = {}

    def definition_for(self, api_version: str, kind: str) -> str | None:
        return self.kinds.get(f"{api_version}/{kind}")

    def definition_name(self, schema: Any) -> str | None:
        """The definition a schema object belongs to (for messages), when it is one."""
        return self._names_by_id.get(id(schema))

    def validator(self, definition: str) -> Any:
        """The jsonschema validator of one definition, compiled once."""
        if definition not in self._validators:
            from podlint.schema_validator import kubernetes_validator  # jsonschema only when needed

            root = {"$ref": f"#/definitions/{definition}", "definitions": self.definitions}
            self._validators[definition] = kubernetes_validator(root)
        return self._validators[definition]

    @functools.cached_property
    def groups(self) -> frozenset[str]:
        """The API groups that serve objects (not those listing only the meta kinds)."""
        return frozenset(
            key.rsplit("/", 2)[0] if key.count("/") == 2 else ""
            for key in self.kinds
            if key.rpartition("/")[2] not in _META_KINDS
        )

    @functools.cached_property
    def api_versions(self) -> frozenset[str]:
        """The apiVersions that serve kinds (`v1`, `apps/v1`...)."""
        return frozenset(key.rpartition("/")[0] for key in self.kinds)

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
    data = pkgutil.get_data("podlint.schemas", f"v{version}.json")  # importlib.resources costs 7 ms
    assert data is not None, "podlint.schemas is a regular package"
    return SchemaSet(version, json.loads(data))
