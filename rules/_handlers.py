"""Probes and lifecycle hooks of a pod's containers, shared by the probe rules. Private to the
rules package: the registry skips modules starting with `_`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.findings import Path
from podlint.objects import Container, PodSpec
from podlint.rules._containers import describe

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
PROBE_ACTIONS = ("exec", "httpGet", "tcpSocket", "grpc")
HOOKS = ("postStart", "preStop")
HOOK_ACTIONS = ("exec", "httpGet", "tcpSocket", "sleep")


@dataclass(frozen=True)
class Handler:
    """A probe (`livenessProbe`, ...) or a lifecycle hook (`postStart`, `preStop`) of a container."""

    container: Container
    field: str
    data: dict[str, Any]
    path: Path

    @property
    def is_probe(self) -> bool:
        return self.field in PROBES

    @property
    def action_kinds(self) -> tuple[str, ...]:
        return PROBE_ACTIONS if self.is_probe else HOOK_ACTIONS

    @property
    def label(self) -> str:
        """How messages name it: `livenessProbe` or `lifecycle.preStop`."""
        return self.field if self.is_probe else f"lifecycle.{self.field}"

    @property
    def described(self) -> str:
        """`livenessProbe` of container `web`"""
        return f"`{self.label}` of {describe(self.container)}"

    def actions(self) -> list[str]:
        """The action kinds that are set, in the order written. An explicit null is unset, as in
        the API server's decoding; an empty mapping is set."""
        return [key for key, value in self.data.items() if key in self.action_kinds and value is not None]

    def at(self, *relative: str | int) -> Path:
        return self.path + relative


def handlers(pod: PodSpec) -> Iterator[Handler]:
    """Every probe and hook the API server validates: those of app containers and sidecars.
    Regular init and ephemeral containers may not have any (another error), so they are skipped."""
    for container in pod.containers():
        if not container.runs_with_app:
            continue
        for field in PROBES:
            probe = container.get(field)
            if isinstance(probe, dict):
                yield Handler(container, field, probe, container.at(field))
        for field in HOOKS:
            hook = container.get("lifecycle", field)
            if isinstance(hook, dict):
                yield Handler(container, field, hook, container.at("lifecycle", field))


def probes(pod: PodSpec) -> Iterator[Handler]:
    return (handler for handler in handlers(pod) if handler.is_probe)
