"""Two containers of one pod with the same name.

## What it does
Reports a container name used twice across `containers`, `initContainers` and
`ephemeralContainers` of one pod, at the second name (app containers count first, then init
containers, then ephemeral ones, as the API server counts them). A container reused through a
YAML alias (`- *app`) repeats its name too. Empty and missing names are left to the schema.

## Why is this bad?
The API server rejects the pod ("Duplicate value"): logs, `kubectl exec -c`, status and
restarts all address a container by name within its pod.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: web
      image: busybox:1.36
      command: ["sh", "-c", "until nslookup db; do sleep 2; done"]
  containers:
    - name: web
      image: nginx:1.27
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: wait-for-db
      image: busybox:1.36
      command: ["sh", "-c", "until nslookup db; do sleep 2; done"]
  containers:
    - name: web
      image: nginx:1.27
```

## Options
None.

## Fix
None.

## References
- [Pod spec: containers](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#containers)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import Container, PodSpec, containers_in, name_of
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._containers import describe, kind_of
from podlint.rules._definitions import POD_SPEC

RULE = Rule(
    id="duplicate-container-name",
    summary="Two containers of one pod with the same name",
    severity=Severity.ERROR,
    scope=Scope.POD,
)

Options = NoOptions


def _names_unique(spec: dict[str, Any]) -> bool:
    names = list(map(name_of, containers_in(spec)))
    return len(set(names)) == len(names)


QUICK_CHECKS: QuickChecks = {POD_SPEC: (_names_unique,)}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    seen: dict[str, Container] = {}
    for container in pod.containers():
        name = container.data.get("name")
        if not isinstance(name, str) or not name:
            continue
        first = seen.setdefault(name, container)
        if first is container:
            continue
        if kind_of(first) == kind_of(container):
            clash = f"two {kind_of(container)}s are named `{name}`"
        else:
            clash = f"{describe(container)} has the same name as {describe(first)}"
        yield Violation(
            container.at("name"),
            f"{clash}; names must be unique across the containers, init containers and ephemeral containers of a pod",
        )
