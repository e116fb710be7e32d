"""The same env var name twice in one container.

## What it does
Reports an `env` entry whose `name` an earlier entry of the same container already set, at the
later name, in every container, init container and ephemeral container of a pod spec.

A later entry that builds on the earlier value (`PATH` set to `$(PATH):/opt/bin`) is not
reported: the kubelet expands `$(PATH)` from the earlier definition, so both entries matter.
Names imported by `envFrom` are not compared with `env`: an `env` entry overriding a key of a
ConfigMap or Secret is the documented way to override it (and podlint cannot see their keys).

## Why is this bad?
Only the last definition reaches the process, so the earlier one is dead text that readers
believe. `env` is merged by name, so `kubectl apply` can drop one of the two on a later apply;
the API server warns "hides previous definition", and the value that wins can change between
applies.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ghcr.io/example/api:1.4.2
          env:
            - name: LOG_LEVEL
              value: info
            - name: LOG_LEVEL
              value: debug
```

## Use instead
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ghcr.io/example/api:1.4.2
          env:
            - name: LOG_LEVEL
              value: debug
```

## Options
None.

## Fix
None: which of the two values is meant cannot be known.

## References
- [Define environment variables for a container](https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/)
- [Dependent environment variables](https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import PodSpec, mappings, name_of
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._definitions import CONTAINERS

RULE = Rule(
    id="duplicate-env",
    summary="The same env var name twice in one container",
    severity=Severity.WARNING,
    scope=Scope.POD,
)

Options = NoOptions


def _names_unique(container: dict[str, Any]) -> bool:
    env = container.get("env")
    return not env or len(set(map(name_of, env))) == len(env)


QUICK_CHECKS: QuickChecks = {definition: (_names_unique,) for definition in CONTAINERS}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for container in pod.containers():
        first_index: dict[str, int] = {}
        for index, var in mappings(container.data.get("env")):
            name = var.get("name")
            if not isinstance(name, str):
                continue
            if name not in first_index:
                first_index[name] = index
            elif not _extends_earlier(name, var):
                yield Violation(
                    container.at("env", index, "name"),
                    f"env var `{name}` of container `{container.name}` is already set by "
                    f"env[{first_index[name]}]; only the last definition is used, and `kubectl apply` "
                    "may drop one of them",
                )


def _extends_earlier(name: str, var: dict[str, Any]) -> bool:
    """`PATH=$(PATH):/opt/bin` uses the earlier definition (the API server does not warn)."""
    value = var.get("value")
    reference = f"$({name})"
    return var.get("valueFrom") is None and isinstance(value, str) and reference in value and value != reference
