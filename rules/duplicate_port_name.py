"""One container with two ports of the same name.

## What it does
Reports a `ports[].name` used twice in one container, at the second name. Names that are not
valid port names are left to `port-name`, as the API server reports them once, as invalid.

## Why is this bad?
The API server rejects the pod ("Duplicate value"). A Service `targetPort` and a probe name a
port to reach it, and a name that means two ports means neither.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 80
        - name: http
          containerPort: 443
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 80
        - name: https
          containerPort: 443
```

## Options
None.

## Fix
None.

## References
- [Container ports](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import PodSpec
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._containers import describe
from podlint.rules._definitions import CONTAINERS
from podlint.rules._ports import Port, port_name_problems, ports_of

RULE = Rule(
    id="duplicate-port-name",
    summary="One container with two ports of the same name",
    severity=Severity.ERROR,
    scope=Scope.POD,
)

Options = NoOptions


def _names_unique(container: dict[str, Any]) -> bool:
    ports = container.get("ports")
    if not ports or len(ports) == 1:
        return True
    names = [port.get("name") for port in ports if port.get("name")]
    return len(set(names)) == len(names)


QUICK_CHECKS: QuickChecks = {definition: (_names_unique,) for definition in CONTAINERS}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for container in pod.containers():
        ports = ports_of(container)
        if len(ports) < 2:
            continue
        seen: dict[str, Port] = {}
        for port in ports:
            if port.name is None or port_name_problems(port.name):
                continue
            first = seen.setdefault(port.name, port)
            if first is not port:
                yield Violation(
                    port.at("name"),
                    f"{describe(container)} names two ports `{port.name}` (ports {first.position + 1} and "
                    f"{port.position + 1}); port names must be unique in a container",
                )
