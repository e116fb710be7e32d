"""Kubernetes objects found in documents (a `kind: List` holds several) and the pod specs
inside them, found through one table from kind to pod-spec path."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.document import Document
from podlint.findings import Path

# (API group, kind) -> path from the object to its pod template's metadata and spec parent.
# The empty path means the object itself is the pod.
POD_TEMPLATE_PATHS: dict[tuple[str, str], Path] = {
    ("", "Pod"): (),
    ("", "PodTemplate"): ("template",),
    ("", "ReplicationController"): ("spec", "template"),
    **{
        (group, kind): ("spec", "template")
        for group in ("apps", "extensions")
        for kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet")
    },
    ("batch", "Job"): ("spec", "template"),
    ("batch", "CronJob"): ("spec", "jobTemplate", "spec", "template"),
}
CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")


@dataclass(frozen=True)
class KubeObject:
    """One object: `base` is its path inside the document (`()` or `("items", 3)`);
    `kube_version` is the Kubernetes version the run checks it against."""

    document: Document
    base: Path
    data: dict[str, Any]
    kube_version: str

    @property
    def api_version(self) -> str:
        value = self.data.get("apiVersion")
        return value if isinstance(value, str) else ""

    @property
    def kind(self) -> str:
        value = self.data.get("kind")
        return value if isinstance(value, str) else ""

    @property
    def group(self) -> str:
        return self.api_version.rpartition("/")[0]

    @property
    def name(self) -> str:
        metadata = self.data.get("metadata")
        name = metadata.get("name") if isinstance(metadata, dict) else None
        if not isinstance(name, str):
            name = metadata.get("generateName") if isinstance(metadata, dict) else None
        return name if isinstance(name, str) else ""

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.name}" if self.name else self.kind

    def at(self, *relative: str | int) -> Path:
        return self.base + relative

    def get(self, *relative: str | int) -> Any:
        return get_in(self.data, relative)


@dataclass(frozen=True)
class Container:
    """A container of a pod spec. `list_name` is containers, initContainers or
    ephemeralContainers; `path` is absolute in the document."""

    list_name: str
    index: int
    data: dict[str, Any]
    path: Path

    @property
    def name(self) -> str:
        name = self.data.get("name")
        return name if isinstance(name, str) else f"{self.list_name}[{self.index}]"

    @property
    def is_sidecar(self) -> bool:
        """An init container with `restartPolicy: Always` runs beside the app containers."""
        return self.list_name == "initContainers" and self.data.get("restartPolicy") == "Always"

    @property
    def runs_with_app(self) -> bool:
        """Regular containers and sidecars share the pod's lifetime (and its ports)."""
        return self.list_name == "containers" or self.is_sidecar

    def at(self, *relative: str | int) -> Path:
        return self.path + relative

    def get(self, *relative: str | int) -> Any:
        return get_in(self.data, relative)


@dataclass(frozen=True)
class PodSpec:
    """A pod spec with its metadata: a Pod's own, or a workload's template."""

    object: KubeObject
    template_path: Path  # relative to the object: where `metadata` and `spec` live

    # Cached: every pod rule asks for the spec, its path and its containers again.
    @functools.cached_property
    def path(self) -> Path:
        return self.object.at(*self.template_path, "spec")

    @property
    def metadata_path(self) -> Path:
        return self.object.at(*self.template_path, "metadata")

    @functools.cached_property
    def spec(self) -> dict[str, Any]:
        spec = self.object.get(*self.template_path, "spec")
        return spec if isinstance(spec, dict) else {}

    @functools.cached_property
    def metadata(self) -> dict[str, Any]:
        metadata = self.object.get(*self.template_path, "metadata")
        return metadata if isinstance(metadata, dict) else {}

    @property
    def is_template(self) -> bool:
        return bool(self.template_path)

    def at(self, *relative: str | int) -> Path:
        return self.path + relative

    def get(self, *relative: str | int) -> Any:
        return get_in(self.spec, relative)

    def containers(self, lists: tuple[str, ...] = CONTAINER_LISTS) -> Iterator[Container]:
        for list_name in lists:
            yield from self._containers.get(list_name, ())

    @functools.cached_property
    def _containers(self) -> dict[str, tuple[Container, ...]]:
        return {
            list_name: tuple(
                Container(list_name, index, item, self.at(list_name, index)) for index, item in mappings(items)
            )
            for list_name in CONTAINER_LISTS
            if isinstance(items := self.spec.get(list_name), list)
        }


def get_in(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at `path`, or None when any step is missing or of the wrong type."""
    for element in path:
        if isinstance(element, int):
            if not isinstance(data, list) or not 0 <= element < len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data.get(element) if isinstance(element, str) else data[element]
    return data


def mappings(items: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """The entries of a list that are mappings, with their indices (others are schema errors)."""
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def objects_in(document: Document, kube_version: str) -> Iterator[KubeObject]:
    """The objects of a document: itself, or the items of a `kind: List` (any `*List` kind)."""
    data = document.data
    if not isinstance(data, dict):
        return
    items = data.get("items")
    kind = data.get("kind")
    if isinstance(kind, str) and kind.endswith("List") and isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield KubeObject(document, ("items", index), item, kube_version)
        return
    yield KubeObject(document, (), data, kube_version)


def pod_spec_of(obj: KubeObject) -> PodSpec | None:
    template_path = POD_TEMPLATE_PATHS.get((obj.group, obj.kind))
    if template_path is None:
        return None
    if template_path and not isinstance(obj.get(*template_path), dict):
        return None
    return PodSpec(obj, template_path)
