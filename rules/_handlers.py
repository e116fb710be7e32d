"""Probes and lifecycle hooks of a pod's containers, shared by the probe rules. Private to the
rules package: the registry skips modules starting with `_`."""

from __future__ import annotations

from typing import Any, NamedTuple

from podlint.findings import Path
from podlint.objects import Container, PodSpec
from podlint.rules._containers import describe

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
PROBE_ACTIONS = ("exec", "httpGet", "tcpSocket", "grpc")
HOOKS = ("postStart", "preStop")
HOOK_ACTIONS = ("exec", "httpGet", "tcpSocket", "sleep")


class Handler(NamedTuple):
    """A probe (`livenessProbe`, ...) or a lifecycle hook (`postStart`, `preStop`) of a container;
    `action_kinds` are the actions it may have."""

    container: Container
    field: str
    data: dict[str, Any]
    path: Path
    is_probe: bool
    action_kinds: tuple[str, ...]

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


def written_handlers(container: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The probes and hooks written in a container's data, as (field, mapping): the field is a
    probe's (`livenessProbe`) or a hook's under `lifecycle` (`preStop`)."""
    found = [(field, probe) for field in PROBES if isinstance(probe := container.get(field), dict)]
    lifecycle = container.get("lifecycle")
    if isinstance(lifecycle, dict):
        found += [(field, hook) for field in HOOKS if isinstance(hook := lifecycle.get(field), dict)]
    return found


def handlers_in(container: dict[str, Any]) -> list[dict[str, Any] | None]:
    """The probes and hooks in a container's schema-valid data (for quick checks): a mapping or
    None for each field."""
    # PROBES and HOOKS, written out: a call less each
    found = [container.get("livenessProbe"), container.get("readinessProbe"), container.get("startupProbe")]
    lifecycle = container.get("lifecycle")
    if lifecycle is not None:
        found += lifecycle.get("postStart"), lifecycle.get("preStop")
    return found


def handlers(pod: PodSpec) -> tuple[Handler, ...]:
    """Every probe and hook the API server validates: those of app containers and sidecars.
    Regular init and ephemeral containers may not have any (another error), so they are skipped.
    Read once per pod for all the rules that check them."""
    return pod.derived(_read_handlers)


def probes(pod: PodSpec) -> tuple[Handler, ...]:
    return pod.derived(_read_probes)


def _read_handlers(pod: PodSpec) -> tuple[Handler, ...]:
    found = []
    for container in pod.containers():
        if not container.runs_with_app:
            continue
        for field, data in written_handlers(container.data):
            if field in PROBES:
                found.append(Handler(container, field, data, container.at(field), True, PROBE_ACTIONS))
            else:
                found.append(Handler(container, field, data, container.at("lifecycle", field), False, HOOK_ACTIONS))
    return tuple(found)


def _read_probes(pod: PodSpec) -> tuple[Handler, ...]:
    return tuple(handler for handler in handlers(pod) if handler.is_probe)
