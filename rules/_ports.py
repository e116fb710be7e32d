"""Container ports as the API server reads them after defaulting (`protocol` -> TCP), shared by
the port rules. Private to the rules package: the registry skips modules starting with `_`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeGuard

from podlint.findings import Path
from podlint.objects import Container

DEFAULT_PROTOCOL = "TCP"
_NAME_CHARS = re.compile(r"[-a-z0-9]+")


def is_int(value: Any) -> TypeGuard[int]:
    """A JSON integer (YAML booleans are Python ints too, and are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def port_name_problems(name: str) -> list[str]:
    """Why `name` is not an IANA service name, as `IsValidPortName` in
    k8s.io/apimachinery/pkg/util/validation says it; empty when it is one."""
    problems = []
    if len(name) > 15:
        problems.append("must be no more than 15 characters")
    if not _NAME_CHARS.fullmatch(name):
        problems.append("must contain only lowercase letters, digits and hyphens (a-z, 0-9, -)")
    if not re.search("[a-zA-Z]", name):  # capitals are reported above as not lowercase
        problems.append("must contain at least one letter (a-z)")
    if "--" in name:
        problems.append("must not contain consecutive hyphens")
    if name.startswith("-") or name.endswith("-"):
        problems.append("must not begin or end with a hyphen")
    return problems


def suggested_port_name(name: str) -> str | None:
    """The valid name a slip most likely meant: `HTTP` -> `http`, `grpc_port` -> `grpc-port`."""
    candidate = name.lower().replace("_", "-")
    return candidate if candidate != name and not port_name_problems(candidate) else None


@dataclass(frozen=True)
class Port:
    """One `ports[]` entry of a container."""

    container: Container
    index: int
    data: dict[str, Any]

    @property
    def number(self) -> int | None:
        value = self.data.get("containerPort")
        return value if is_int(value) else None

    @property
    def protocol(self) -> str:
        value = self.data.get("protocol")
        return value if isinstance(value, str) and value else DEFAULT_PROTOCOL

    @property
    def host_port(self) -> int:
        value = self.data.get("hostPort")
        return value if is_int(value) else 0

    @property
    def host_ip(self) -> str:
        value = self.data.get("hostIP")
        return value if isinstance(value, str) else ""

    @property
    def name(self) -> str | None:
        value = self.data.get("name")
        return value if isinstance(value, str) and value else None

    @property
    def label(self) -> str:
        """`8080/TCP`"""
        return f"{self.number}/{self.protocol}"

    def at(self, *relative: str | int) -> Path:
        return self.container.at("ports", self.index, *relative)


def ports_of(container: Container) -> Iterator[Port]:
    ports = container.get("ports")
    if not isinstance(ports, list):
        return
    for index, port in enumerate(ports):
        if isinstance(port, dict):
            yield Port(container, index, port)
