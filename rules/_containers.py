"""How messages name a container: its kind and its name. Private to the rules package."""

from __future__ import annotations

from podlint.objects import Container

_KINDS = {"containers": "container", "initContainers": "init container", "ephemeralContainers": "ephemeral container"}


def kind_of(container: Container) -> str:
    return "sidecar" if container.is_sidecar else _KINDS.get(container.list_name, "container")


def describe(container: Container) -> str:
    """container `app`, sidecar `proxy`, init container `migrate`"""
    return f"{kind_of(container)} `{container.name}`"


def describe_pair(first: Container, second: Container) -> str:
    """containers `app` and `proxy`; sidecar `proxy` and container `app`; two containers named `app`"""
    if kind_of(first) == kind_of(second):
        if first.name == second.name:
            return f"two {kind_of(first)}s named `{first.name}`"
        return f"{kind_of(first)}s `{first.name}` and `{second.name}`"
    return f"{describe(first)} and {describe(second)}"
