"""A resource request greater than its limit.

## What it does
Reports a container whose `resources.requests` asks for more of a resource than its
`resources.limits` allows, at the request. Quantities are compared exactly, units and all:
`500m` is less than `1`, `1Gi` is more than `1G`, `0.5` equals `500m`. It covers `cpu`,
`memory`, `ephemeral-storage`, hugepages and extended resources, in containers, init containers
and the pod-level `resources` (Kubernetes 1.32 and later).

Extended resources (`nvidia.com/gpu`) and hugepages cannot be overcommitted: their request must
equal their limit, and a request needs a limit. Those are reported too.

A request without a limit, or a limit without a request, is not reported for other resources:
the missing request defaults to the limit, and no limit means no cap.

## Why is this bad?
The API server rejects the object ("must be less than or equal to memory limit of 1Gi"). A
request is what the scheduler reserves and a limit is the most the container may use; a
reservation larger than the cap cannot be honoured. Such values usually come from editing one of
the two and forgetting the other, or from mixing `G` and `Gi`.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
    - name: worker
      image: ghcr.io/example/worker:2.0.1
      resources:
        requests:
          cpu: "2"
          memory: 1Gi
        limits:
          cpu: 1500m
          memory: 1G
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
    - name: worker
      image: ghcr.io/example/worker:2.0.1
      resources:
        requests:
          cpu: 1500m
          memory: 1G
        limits:
          cpu: "2"
          memory: 1Gi
```

## Options
None.

## Fix
None: whether the request or the limit is wrong cannot be known.

## References
- [Requests and limits](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits)
- [Extended resources](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources)
- [Pod-level resources](https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/)
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from podlint.findings import Path, Severity, Violation
from podlint.objects import PodSpec
from podlint.quantity import QuantityError, quantity_value
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._definitions import RESOURCE_REQUIREMENTS
from podlint.yaml11 import value_text

RULE = Rule(
    id="resource-limits",
    summary="A resource request greater than its limit",
    severity=Severity.ERROR,
    scope=Scope.POD,
    needs_whole_object=True,
)

Options = NoOptions


def _within_limits(resources: dict[str, Any]) -> bool:
    requests, limits = resources.get("requests"), resources.get("limits")
    return not requests or _fit(tuple(requests.items()), tuple(limits.items()) if limits else ())


@functools.lru_cache(maxsize=4096)  # the same few resource blocks fill a repository
def _fit(requests: tuple[tuple[str, Any], ...], limits: tuple[tuple[str, Any], ...]) -> bool:
    resources = {"requests": dict(requests), "limits": dict(limits)}
    return next(_requests_within_limits((), resources, ""), None) is None


QUICK_CHECKS: QuickChecks = {RESOURCE_REQUIREMENTS: (_within_limits,)}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for container in pod.containers():
        resources = container.data.get("resources")
        if isinstance(resources, dict):
            yield from _requests_within_limits(container.at("resources"), resources, f"container `{container.name}`")
    yield from _requests_within_limits(pod.at("resources"), pod.spec.get("resources"), "the pod")


def _requests_within_limits(path: Path, resources: Any, owner: str) -> Iterator[Violation]:
    if not isinstance(resources, dict):
        return
    requests, limits = resources.get("requests"), resources.get("limits")
    if not isinstance(requests, dict):
        return
    limits = limits if isinstance(limits, dict) else {}
    for name, requested in requests.items():
        request = _amount(requested)
        if request is None:
            continue
        if name not in limits:
            if not _overcommit_allowed(name):
                yield Violation(
                    path + ("requests", name),
                    f"{owner} requests `{name}` without a limit; it cannot be "
                    "overcommitted, so it needs a limit equal to the request",
                )
            continue
        limit = _amount(limits[name])
        if limit is None:
            continue
        if not _overcommit_allowed(name) and request != limit:
            yield Violation(
                path + ("requests", name),
                f"{_shown(name, requested)} of {owner} differs from its limit `{value_text(limits[name])}`; "
                "it cannot be overcommitted, so the request must equal the limit",
            )
        elif request > limit:
            yield Violation(
                path + ("requests", name),
                f"{_shown(name, requested)} of {owner} is more than its limit `{value_text(limits[name])}`; "
                "the API server rejects it",
            )


def _shown(name: str, requested: Any) -> str:
    return f"`{name}` request `{value_text(requested)}`"


def _amount(value: Any) -> Decimal | None:
    """A quantity's value, or None when it is not one (`resource-quantity` reports those)."""
    try:
        return quantity_value(value)
    except QuantityError:
        return None


def _overcommit_allowed(name: str) -> bool:
    """Upstream `IsOvercommitAllowed`: native resources (no domain, or a kubernetes.io one) except
    hugepages; extended resources (`nvidia.com/gpu`) cannot be overcommitted."""
    native = "/" not in name or "kubernetes.io/" in name
    return native and not name.startswith("hugepages-")
