"""The same host port, protocol and host IP published twice in one pod.

## What it does
Follows the API server's own check (`checkHostPortConflicts`): among the app containers together,
and within each init container on its own (init containers run one at a time), no two ports may
publish the same `hostPort`, `protocol` (TCP when absent) and `hostIP`. Ports without a
`hostPort` (or with `hostPort: 0`) publish nothing and are ignored. The second declaration's
`hostPort` is reported. Sidecars are checked on their own too, as the API server checks every
init container.

`hostIP` is compared as written, as the API server compares it: an absent `hostIP` and
`hostIP: 0.0.0.0` are different keys to it, so that pair is not reported, and neither are two
different IPs on one port (binding one port on two node addresses is legitimate). Two containers
binding one `containerPort` are the business of `port-collision`.

In a pod with `hostNetwork: true` the containers listen on the node's own ports, so an app
container's `hostPort` must equal its `containerPort` (`validatePodHostNetworkDeps`, which checks
`containers` only); a different one is reported too (an absent `hostPort` is fine: the API
server sets it to the `containerPort`).

## Why is this bad?
The API server rejects the pod: "Duplicate value: "TCP//8080"". A node can forward one host
port to one destination only. With the host's network there is no forwarding at all, and the
API server says the `hostPort` "must match `containerPort` when `hostNetwork` is true".

## Example
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
        - name: agent
          image: ghcr.io/example/agent:1.2.0
          ports:
            - containerPort: 9100
              hostPort: 9100
        - name: exporter
          image: quay.io/prometheus/node-exporter:v1.8.2
          ports:
            - containerPort: 9101
              hostPort: 9100
```

## Use instead
```yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
        - name: agent
          image: ghcr.io/example/agent:1.2.0
          ports:
            - containerPort: 9100
              hostPort: 9100
        - name: exporter
          image: quay.io/prometheus/node-exporter:v1.8.2
          ports:
            - containerPort: 9101
              hostPort: 9101
```

## Options
None.

## Fix
None.

## References
- [Container ports: hostPort](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports)
- [Configuration best practices: services](https://kubernetes.io/docs/concepts/configuration/overview/#services)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import Container, PodSpec
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._containers import describe, describe_pair
from podlint.rules._definitions import CONTAINER_PORT
from podlint.rules._ports import ports_of

RULE = Rule(
    id="hostport-collision",
    summary="The same host port, protocol and host IP published twice in one pod",
    severity=Severity.ERROR,
    scope=Scope.POD,
)

Options = NoOptions


def _publishes_nothing(port: dict[str, Any]) -> bool:
    """Most pods publish no host port, and so have nothing to collide."""
    return not port.get("hostPort")


QUICK_CHECKS: QuickChecks = {CONTAINER_PORT: (_publishes_nothing,)}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    yield from _conflicts(pod.containers(("containers",)))
    for container in pod.containers(("initContainers",)):
        yield from _conflicts((container,))
    if pod.spec.get("hostNetwork") is True:
        yield from _host_network_mismatches(pod.containers(("containers",)))


def _host_network_mismatches(containers: tuple[Container, ...]) -> Iterator[Violation]:
    for container in containers:
        for port in ports_of(container):
            if port.host_port and port.number is not None and port.host_port != port.number:
                yield Violation(
                    port.at("hostPort"),
                    f"{describe(container)} publishes host port {port.host_port} for container port "
                    f"{port.number}, but the pod uses the host's network (`hostNetwork: true`), where the "
                    "two must be the same; the API server rejects the pod",
                )


def _conflicts(containers: tuple[Container, ...]) -> Iterator[Violation]:
    publishers: dict[tuple[str, str, int], Container] = {}  # the first container to publish each
    for container in containers:
        for port in ports_of(container):
            if not port.host_port:
                continue
            key = (port.protocol, port.host_ip, port.host_port)
            first = publishers.get(key)
            if first is None:
                publishers[key] = container
                continue
            on_ip = f" on {port.host_ip}" if port.host_ip else ""
            published_port = f"host port {port.host_port}/{port.protocol}{on_ip}"
            if first is container:
                what = f"{describe(container)} publishes {published_port} twice"
            else:
                what = f"{describe_pair(first, container)} both publish {published_port}"
            yield Violation(
                port.at("hostPort"),
                f"{what}; a node forwards a host port to one destination only, and the API server rejects the pod",
            )
