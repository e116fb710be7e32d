"""Container ports as the API server reads them after defaulting (`protocol` -> TCP), shared by
the port rules. Private to the rules package: the registry skips modules starting with `_`."""

from __future__ import annotations

import re
from typing import Any, NamedTuple, TypeGuard

from podlint.findings import Path
from podlint.naming import Accepted
from podlint.objects import Container

DEFAULT_PROTOCOL = "TCP"
_NAME_CHARS = re.compile(r"[-a-z0-9]+")
# A valid name, all rules at once: at most 15 lowercase letters, digits and single inner
# hyphens, one of them a letter.
_VALID_NAME = re.compile(r"(?=[-a-z0-9]{1,15}\Z)(?=[-0-9]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*")
PORT_NAMES = Accepted(_VALID_NAME)  # for quick checks


def is_int(value: Any) -> TypeGuard[int]:
    """A JSON integer (YAML booleans are Python ints too, and are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def port_name_problems(name: str) -> list[str]:
    """Why `name` is not an IANA service name, as `IsValidPortName` in
    k8s.io/apimachinery/pkg/util/validation says it; empty when it is one."""
    if _VALID_NAME.fullmatch(name):
        return []
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


class Port(NamedTuple):
    """One `ports[]` entry of a container, read as the API server reads it after defaulting:
    `number` and `name` are None when absent or not of their type, `host_port` 0 when none is
    published. `position` is the entry's index in `ports`, `path` its absolute path."""

    position: int
    path: Path
    number: int | None
    protocol: str
    host_port: int
    host_ip: str
    name: str | None

    @property
    def label(self) -> str:
        """`8080/TCP`"""
        return f"{self.number}/{self.protocol}"

    def at(self, *relative: str | int) -> Path:
        return self.path + relative


def written_ports(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The `ports` entries of a pod spec's containers and init containers, from its data (for
    quick checks); ephemeral containers have none."""
    return [
        port
        for field in ("containers", "initContainers")
        for container in spec.get(field) or ()
        for port in container.get("ports") or ()
    ]


def ports_of(container: Container) -> tuple[Port, ...]:
    """The container's ports, read once for all the rules that look at them."""
    return container.derived(_read_ports)


def _read_ports(container: Container) -> tuple[Port, ...]:
    ports = container.data.get("ports")
    if not isinstance(ports, list):
        return ()
    path = container.at("ports")
    return tuple(_port(path + (index,), index, data) for index, data in enumerate(ports) if isinstance(data, dict))


def _port(path: Path, index: int, data: dict[str, Any]) -> Port:
    number, protocol, host_port = data.get("containerPort"), data.get("protocol"), data.get("hostPort")
    host_ip, name = data.get("hostIP"), data.get("name")
    return Port(
        index,
        path,
        number if is_int(number) else None,
        protocol if isinstance(protocol, str) and protocol else DEFAULT_PROTOCOL,
        host_port if is_int(host_port) else 0,
        host_ip if isinstance(host_ip, str) else "",
        name if isinstance(name, str) and name else None,
    )
