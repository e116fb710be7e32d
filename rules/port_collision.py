"""Two containers that run at the same time declare one port, or one container declares it twice.

## What it does
Compares `containerPort` and `protocol` (TCP when absent) of the containers that run at the same
time in one pod:

- app containers and sidecars (init containers with `restartPolicy: Always`) all run together;
- a regular init container runs alone before the app, but beside the sidecars declared before
  it, which have already started;
- ephemeral containers have no ports.

It reports the second declaration's `containerPort` (sidecars start first, so an app
container's port is the second). The same number with different protocols (DNS on 53/UDP and
53/TCP) is no collision.

It also warns about one container declaring the same `containerPort`/`protocol` twice, except
when the two entries publish it on different host ports or host IPs (`hostPort: 8080` and
`hostPort: 8081`), which is how one container port is exposed twice on the node. That is a
warning, not an error: the API server accepts it, and nothing fails until an apply merges the
ports.

## Why is this bad?
The containers of a pod share one network namespace: only one process can bind a port in it, and
the other container fails at start or crash-loops with "address already in use". The API server
accepts the pod with no more than a warning ("duplicate port definition"). A port declared twice
in one container is ambiguous to `kubectl apply`, which merges container ports by number and
protocol: a server-side apply fails ("duplicate entries for key
[containerPort=8080,protocol="TCP"]"), and later client-side applies may drop entries.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: ghcr.io/example/web:2.1.0
      ports:
        - containerPort: 8080
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      ports:
        - containerPort: 8080
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: ghcr.io/example/web:2.1.0
      ports:
        - containerPort: 8080
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      ports:
        - containerPort: 8443
```

## Options
None.

## Fix
None: which container should move is the author's call.

## References
- [Pod networking](https://kubernetes.io/docs/concepts/workloads/pods/#pod-networking)
- [Sidecar containers](https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/)
- [kubernetes/kubernetes#113482: server-side apply and duplicate container ports](https://github.com/kubernetes/kubernetes/issues/113482)
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import Container, PodSpec
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._containers import describe, describe_pair
from podlint.rules._definitions import POD_SPEC
from podlint.rules._ports import DEFAULT_PROTOCOL, Port, ports_of, written_ports

RULE = Rule(
    id="port-collision",
    summary="Two containers that run at the same time declare one port, or one container declares it twice",
    severity=Severity.ERROR,
    scope=Scope.POD,
)

Options = NoOptions


_NUMBER = itemgetter("containerPort")  # required: a schema-valid port has it


def _ports_unique(spec: dict[str, Any]) -> bool:
    """No port is declared twice among the containers and init containers (whether or not they
    run at the same time: that is for `check` to tell)."""
    ports = written_ports(spec)
    if len(set(map(_NUMBER, ports))) == len(ports):  # most pods: no number twice, whatever the protocols
        return True
    keys = [(port["containerPort"], port.get("protocol") or DEFAULT_PROTOCOL) for port in ports]
    return len(set(keys)) == len(keys)


QUICK_CHECKS: QuickChecks = {POD_SPEC: (_ports_unique,)}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    init_containers = pod.containers(("initContainers",))
    app_containers = pod.containers(("containers",))
    for container in init_containers + app_containers:
        if len(ports_of(container)) > 1:
            yield from _repeated_within(container)
    sidecars = [container for container in init_containers if container.is_sidecar]
    running: dict[tuple[int, str], Container] = {}
    for container in sidecars + list(app_containers):
        if running:
            yield from _collisions(running, container)
        _declare(running, container)
    for container in init_containers:
        if not container.is_sidecar:
            started: dict[tuple[int, str], Container] = {}
            for sidecar in sidecars:
                if sidecar.index < container.index:
                    _declare(started, sidecar)
            yield from _collisions(started, container)


def _declare(owners: dict[tuple[int, str], Container], container: Container) -> None:
    """Records the ports of `container`, keeping the first container to declare each."""
    for port in ports_of(container):
        if port.number is not None:
            owners.setdefault((port.number, port.protocol), container)


def _collisions(owners: dict[tuple[int, str], Container], newcomer: Container) -> Iterator[Violation]:
    """The ports of `newcomer` that a container already running (in `owners`) has declared, once per port."""
    reported: set[tuple[int, str]] = set()
    for port in ports_of(newcomer):
        if port.number is None:
            continue
        key = (port.number, port.protocol)
        owner = owners.get(key)
        if owner is None or key in reported:
            continue
        reported.add(key)
        yield Violation(
            port.at("containerPort"),
            f"{describe_pair(owner, newcomer)} both declare port {port.label}; they share the pod's network "
            "namespace, so only one can bind it",
        )


def _repeated_within(container: Container) -> Iterator[Violation]:
    earlier: list[Port] = []
    for port in ports_of(container):
        if port.number is None:
            continue
        clashing = [
            other
            for other in earlier
            if (other.number, other.protocol) == (port.number, port.protocol)
            and not _distinct_host_mappings(other, port)
        ]
        if clashing:
            # A warning: the API server accepts it, and released manifests do it (ingress-nginx
            # names port 80 both `http` and `https`).
            yield Violation(
                port.at("containerPort"),
                f"{describe(container)} declares port {port.label} twice (ports {clashing[0].position + 1} and "
                f"{port.position + 1}); `kubectl apply` merges ports by number and protocol, so a server-side "
                "apply fails and later client-side applies may lose an entry",
                severity=Severity.WARNING,
            )
        earlier.append(port)


def _distinct_host_mappings(first: Port, second: Port) -> bool:
    """One container port published on two host ports, or on one host port of two host IPs: the
    legitimate reason to declare it twice (the API server does not even warn)."""
    if not first.host_port or not second.host_port:
        return False
    if first.host_port != second.host_port:
        return True
    return bool(first.host_ip and second.host_ip and first.host_ip != second.host_ip)
