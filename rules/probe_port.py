"""A probe or lifecycle hook on a port the container does not declare.

## What it does
Checks the `port` of every `httpGet`, `tcpSocket` and `grpc` action of the liveness, readiness
and startup probes, and of the `httpGet` and `tcpSocket` actions of `lifecycle.postStart` and
`lifecycle.preStop`, in app containers and sidecars. It reports, at the port:

- an error for a port *name* that the same container does not declare in `ports[].name`;
- an error for a string that is not a valid port name; a quoted number such as `port: "8080"`
  is one: the field is an int-or-string, a string is always read as a name, and a name needs a
  letter;
- an error for a number outside 1-65535;
- a warning for a port *number* that the container does not declare as a `containerPort`, when
  the container declares ports at all. Declared ports are informational (a process may listen on
  any port), so a container without `ports` gives no warning, nor does a probe whose `host` is
  set, nor a number another container of the pod declares (the probe reaches the pod's shared
  network namespace).

## Why is this bad?
The kubelet resolves a named port in the probed container's own `ports` list only: when the name
is missing, the probe fails every time, so a liveness probe restarts the container in a loop and
a readiness probe keeps the pod out of its Services. An invalid name or number is rejected by
the API server ("must contain at least one letter (a-z)"). A number the container does not declare
usually means the port changed in one place and not in the other.

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
      livenessProbe:
        httpGet:
          path: /healthz
          port: web
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
      livenessProbe:
        httpGet:
          path: /healthz
          port: http
```

## Options
None.

## Fix
Safe, for a quoted number only: unquotes it (`port: "8080"` -> `port: 8080`), the port the author
wrote. A missing name has no fix: whether the probe or the port list is wrong is the author's call.

## References
- [Configure liveness, readiness and startup probes](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/)
- [Container ports](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from podlint.findings import Fix, PathEdit, Severity, Violation
from podlint.objects import PodSpec
from podlint.rule import FixKind, NoOptions, QuickChecks, Rule, Scope
from podlint.rules._containers import describe
from podlint.rules._definitions import CONTAINER
from podlint.rules._handlers import Handler, handlers, handlers_in
from podlint.rules._ports import PORT_NAMES, is_int, port_name_problems, ports_of
from podlint.schema_errors import did_you_mean

RULE = Rule(
    id="probe-port",
    summary="A probe or lifecycle hook on a port the container does not declare",
    severity=Severity.ERROR,
    scope=Scope.POD,
    fix=FixKind.SOMETIMES,
    needs_whole_object=True,
)

Options = NoOptions

PORT_ACTIONS = ("httpGet", "tcpSocket", "grpc")
_DIGITS = re.compile(r"[0-9]+")


def _ports_declared(container: dict[str, Any]) -> bool:
    """Each probe and hook uses a port this container declares, by name or number, or a number
    when it declares none (the pod's other containers are for `check` to look at)."""
    numbers: set[Any] | None = None  # read when a handler uses a port
    for handler in handlers_in(container):
        if handler is None:
            continue
        for action in (handler.get("httpGet"), handler.get("tcpSocket"), handler.get("grpc")):  # PORT_ACTIONS
            if action is None:
                continue
            port = action.get("port")
            if port is None:
                continue
            if numbers is None:
                ports = container.get("ports") or ()
                numbers = {declared.get("containerPort") for declared in ports}
                names = {declared.get("name") for declared in ports}
            if port.__class__ is int:
                if not (1 <= port <= 65535 and (port in numbers or not numbers or action.get("host"))):
                    return False
            elif port not in names or not PORT_NAMES.accepts(port):
                return False
    return True


QUICK_CHECKS: QuickChecks = {CONTAINER: (_ports_declared,)}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for handler in handlers(pod):
        for kind in PORT_ACTIONS:
            action = handler.data.get(kind)
            if not isinstance(action, dict) or kind not in handler.action_kinds:
                continue
            port = action.get("port")
            violation = None
            if isinstance(port, str) and kind != "grpc":  # grpc.port is an int32: a string is a type error
                violation = _named(handler, kind, port)
            elif is_int(port):
                violation = _numbered(handler, kind, action, port, pod.derived(_pod_numbers))
            if violation is not None:
                yield violation


def _pod_numbers(pod: PodSpec) -> frozenset[int]:
    """The port numbers declared by the containers that share the pod's network namespace."""
    return frozenset(
        port.number
        for container in pod.containers()
        if container.runs_with_app
        for port in ports_of(container)
        if port.number is not None
    )


def _named(handler: Handler, kind: str, name: str) -> Violation | None:
    names = [port.name for port in ports_of(handler.container) if port.name]
    if name in names and not port_name_problems(name):
        return None
    path = handler.at(kind, "port")
    if _DIGITS.fullmatch(name):
        number = str(int(name))
        return Violation(
            path,
            f'{handler.described} gives its port as the string "{name}": the API server reads a string as a '
            f"port name, and a port name needs a letter; write the number unquoted (`port: {number}`)",
            fix=Fix("Write the port as a number", (PathEdit(path, number, keep_quotes=False),)),
        )
    guess = did_you_mean(name, names)
    hint = f"; did you mean `{guess}`?" if guess else ""
    problems = port_name_problems(name)
    if problems:
        return Violation(
            path, f"{handler.described} uses port `{name}`, which is not a valid port name: {'; '.join(problems)}{hint}"
        )
    declared = f"it declares {_listed(names)}" if names else "it declares no named port"
    return Violation(
        path,
        f"{handler.described} uses port `{name}`, but the container declares no port of that name ({declared}), "
        f"so the kubelet cannot resolve it{hint}",
    )


def _numbered(
    handler: Handler, kind: str, action: dict[str, Any], number: int, pod_numbers: frozenset[int]
) -> Violation | None:
    if not 1 <= number <= 65535:
        return Violation(
            handler.at(kind, "port"), f"{handler.described} uses port {number}, which is not a port number (1-65535)"
        )
    if number in pod_numbers:
        return None
    host = action.get("host")
    if isinstance(host, str) and host:
        return None  # another host's port, not the container's
    declared = [port.number for port in ports_of(handler.container) if port.number is not None]
    if not declared:
        return None
    return Violation(
        handler.at(kind, "port"),
        f"{handler.described} uses port {number}, which no container of the pod declares "
        f"({describe(handler.container)} declares {_listed(declared)}); check the port",
        severity=Severity.WARNING,
    )


def _listed(values: list[Any]) -> str:
    return ", ".join(f"`{value}`" for value in dict.fromkeys(values))
