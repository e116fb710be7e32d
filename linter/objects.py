"""Kubernetes objects found in documents (a `kind: List` holds several) and the pod specs
inside them, found through one table from kind to pod-spec path."""

from __future__ import annotations

import operator
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

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
# The name of an entry that requires one (a container, volume, env var or mount), for quick
# checks: they see schema-valid data only, where it is there.
name_of = operator.itemgetter("name")

_View = TypeVar("_View", bound="Derived")
_Fact = TypeVar("_Fact")


class _lazy(Generic[_Fact]):  # a decorator, named like `property`
    """`functools.cached_property` without its lock: before Python 3.12 it takes one on every
    first read, which costs more than most of what a view computes. Works on frozen dataclasses
    (it writes the instance's `__dict__`)."""

    def __init__(self, compute: Callable[[Any], _Fact]) -> None:
        self.compute = compute
        self.name = compute.__name__

    @overload
    def __get__(self, instance: None, owner: type) -> _lazy[_Fact]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> _Fact: ...
    def __get__(self, instance: object, owner: type) -> _Fact | _lazy[_Fact]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


_UNKNOWN = object()


class Derived:
    """A view that keeps the facts rules derive from it (a container's ports, a pod's probes):
    the first rule that asks computes one, the others reuse it. Views are read-only, so a fact
    never goes stale. A fact must not refer back to its view: reference counting alone frees a
    document's views (the cyclic collector is held off while a file is checked)."""

    @_lazy
    def _facts(self) -> dict[Callable[[Any], Any], Any]:
        return {}

    def derived(self: _View, compute: Callable[[_View], _Fact]) -> _Fact:
        """`compute(self)`, computed once per view; `compute` must be a pure module-level function."""
        facts = self._facts
        fact = facts.get(compute, _UNKNOWN)
        if fact is _UNKNOWN:
            fact = facts[compute] = compute(self)
        return fact  # type: ignore[no-any-return]


# Views keep what every check asks for: the engine runs some twenty rules on each object.
@dataclass(frozen=True)
class KubeObject:
    """One object: `base` is its path inside the document (`()` or `("items", 3)`);
    `kube_version` is the Kubernetes version the run checks it against."""

    document: Document
    base: Path
    data: dict[str, Any]
    kube_version: str

    @_lazy
    def api_version(self) -> str:
        value = self.data.get("apiVersion")
        return value if isinstance(value, str) else ""

    @_lazy
    def kind(self) -> str:
        value = self.data.get("kind")
        return value if isinstance(value, str) else ""

    @_lazy
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
class Container(Derived):
    """A container of a pod spec. `list_name` is containers, initContainers or
    ephemeralContainers; `path` is absolute in the document."""

    list_name: str
    index: int
    data: dict[str, Any]
    path: Path

    @_lazy
    def name(self) -> str:
        name = self.data.get("name")
        return name if isinstance(name, str) else f"{self.list_name}[{self.index}]"

    @_lazy
    def is_sidecar(self) -> bool:
        """An init container with `restartPolicy: Always` runs beside the app containers."""
        return self.list_name == "initContainers" and self.data.get("restartPolicy") == "Always"

    @_lazy
    def runs_with_app(self) -> bool:
        """Regular containers and sidecars share the pod's lifetime (and its ports)."""
        return self.list_name == "containers" or self.is_sidecar

    def at(self, *relative: str | int) -> Path:
        return self.path + relative

    def get(self, *relative: str | int) -> Any:
        return get_in(self.data, relative)


@dataclass(frozen=True)
class PodSpec(Derived):
    """A pod spec with its metadata: a Pod's own, or a workload's template. `template` is the
    mapping that holds them (the object itself for a Pod) at `template_path` in the object."""

    object: KubeObject
    template_path: Path
    template: dict[str, Any]

    @_lazy
    def path(self) -> Path:
        return self.object.at(*self.template_path, "spec")

    @property
    def metadata_path(self) -> Path:
        return self.object.at(*self.template_path, "metadata")

    @_lazy
    def spec(self) -> dict[str, Any]:
        spec = self.template.get("spec")
        return spec if isinstance(spec, dict) else {}

    @_lazy
    def metadata(self) -> dict[str, Any]:
        metadata = self.template.get("metadata")
        return metadata if isinstance(metadata, dict) else {}

    @property
    def is_template(self) -> bool:
        return bool(self.template_path)

    def at(self, *relative: str | int) -> Path:
        return self.path + relative

    def get(self, *relative: str | int) -> Any:
        return get_in(self.spec, relative)

    def containers(self, lists: tuple[str, ...] = CONTAINER_LISTS) -> tuple[Container, ...]:
        """The containers of the lists named, in that order (all three by default)."""
        if lists is CONTAINER_LISTS:
            return self._all_containers
        if len(lists) == 1:
            return self._containers.get(lists[0], ())
        return tuple(container for list_name in lists for container in self._containers.get(list_name, ()))

    @_lazy
    def _all_containers(self) -> tuple[Container, ...]:
        spec, path = self.spec, self.path
        found = []
        for list_name in CONTAINER_LISTS:
            items = spec.get(list_name)
            if isinstance(items, list):
                for index, item in enumerate(items):
                    if isinstance(item, dict):
                        found.append(Container(list_name, index, item, path + (list_name, index)))
        return tuple(found)

    @_lazy
    def _containers(self) -> dict[str, tuple[Container, ...]]:
        by_list: dict[str, list[Container]] = {}
        for container in self._all_containers:
            by_list.setdefault(container.list_name, []).append(container)
        return {list_name: tuple(containers) for list_name, containers in by_list.items()}


def get_in(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at `path`, or None when any step is missing or of the wrong type."""
    for element in path:
        if isinstance(element, str):
            if not isinstance(data, dict):
                return None
            data = data.get(element)
        elif isinstance(data, list) and 0 <= element < len(data):
            data = data[element]
        else:
            return None
    return data


def mappings(items: Any) -> list[tuple[int, dict[str, Any]]]:
    """The entries of a list that are mappings, with their indices (others are schema errors)."""
    if not isinstance(items, list):
        return []
    return [(index, item) for index, item in enumerate(items) if isinstance(item, dict)]


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


_POD_SPEC_IN_USE = "_pod_spec_in_use"


def pod_spec_of(obj: KubeObject) -> PodSpec | None:
    """The pod spec of `obj`, found through `POD_TEMPLATE_PATHS`. While a view of it is in use
    (the engine keeps one while the rules run), that view is returned, with the facts rules have
    derived from it; the object refers to it weakly, as the view refers to the object."""
    in_use = obj.__dict__.get(_POD_SPEC_IN_USE)
    pod: PodSpec | None = in_use() if in_use is not None else None
    if pod is None:
        pod = _find_pod_spec(obj)
        if pod is not None:
            obj.__dict__[_POD_SPEC_IN_USE] = weakref.ref(pod)
    return pod


def _find_pod_spec(obj: KubeObject) -> PodSpec | None:
    template_path = POD_TEMPLATE_PATHS.get((obj.group, obj.kind))
    if template_path is None:
        return None
    template = obj.get(*template_path)
    return PodSpec(obj, template_path, template) if isinstance(template, dict) else None


def group_and_kind(data: dict[str, Any]) -> tuple[str, str] | None:
    """The API group and kind of an object's data, without a view (`("apps", "Deployment")`, `("",
    "Pod")`); None when `apiVersion` or `kind` is not a string."""
    api_version, kind = data.get("apiVersion"), data.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return None
    return api_version.rpartition("/")[0], kind


def pod_spec_in(data: dict[str, Any]) -> Any:
    """The pod spec in an object's schema-valid data, without a view (for quick checks); None for
    other kinds."""
    group_kind = group_and_kind(data)
    spec_path = _POD_SPEC_PATHS.get(group_kind) if group_kind else None
    return None if spec_path is None else field_in(data, spec_path)


def containers_in(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The containers, init containers and ephemeral containers in a pod spec's schema-valid data
    (for quick checks), where `containers` is required."""
    containers: list[dict[str, Any]] = spec["containers"]
    init, ephemeral = spec.get("initContainers"), spec.get("ephemeralContainers")
    if not init and not ephemeral:
        return containers  # most pods
    return [*containers, *(init or ()), *(ephemeral or ())]


_POD_SPEC_PATHS = {group_kind: (*path, "spec") for group_kind, path in POD_TEMPLATE_PATHS.items()}


def field_in(data: Any, path: Path) -> Any:
    """`get_in` for quick checks, which see schema-valid data only: there, each field on the way
    holds a mapping, or null (None is returned)."""
    for key in path:
        if data is None:
            return None
        data = data.get(key)
    return data
