"""A port name that is not a valid IANA service name.

## What it does
Reports a container's `ports[].name` that the API server rejects: a port name has 1 to 15
characters, only lowercase letters, digits and hyphens, at least one letter, and no hyphen at
the start, at the end or next to another (`IsValidPortName`, after RFC 6335). The message says
which of these the name breaks. An empty name is no name and is accepted. Port names used by
probes and lifecycle hooks are checked by `probe-port`.

## Why is this bad?
The API server rejects the pod ("must contain only alpha-numeric characters (a-z, 0-9), and
hyphens (-)", "must be no more than 15 characters"). Typical slips are capitals (`HTTP`),
underscores (`grpc_port`) and long names (`prometheus-metrics`).

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
        - name: http_metrics
          containerPort: 9113
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
        - name: http-metrics
          containerPort: 9113
```

## Options
None.

## Fix
None: a Service or probe may refer to the name, so renaming it is the author's change.

## References
- [Container ports](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports)
- [RFC 6335, section 5.1: service names](https://www.rfc-editor.org/rfc/rfc6335#section-5.1)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import PodSpec
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._containers import describe
from podlint.rules._definitions import CONTAINER_PORT
from podlint.rules._ports import PORT_NAMES, port_name_problems, ports_of, suggested_port_name

RULE = Rule(
    id="port-name",
    summary="A port name that is not a valid IANA service name",
    severity=Severity.ERROR,
    scope=Scope.POD,
)

Options = NoOptions


def _name_valid(port: dict[str, Any]) -> bool:
    name = port.get("name")
    return not name or PORT_NAMES.accepts(name)


QUICK_CHECKS: QuickChecks = {CONTAINER_PORT: (_name_valid,)}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for container in pod.containers():
        for port in ports_of(container):
            if port.name is None:
                continue
            problems = port_name_problems(port.name)
            if not problems:
                continue
            suggestion = suggested_port_name(port.name)
            hint = f"; did you mean `{suggestion}`?" if suggestion else ""
            yield Violation(
                port.at("name"),
                f"{describe(container)} names a port `{port.name}`, which is not a valid port name: "
                f"{'; '.join(problems)}{hint}",
            )
