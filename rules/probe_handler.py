"""A probe or lifecycle hook with no action, with more than one, or on a container that may not have one.

## What it does
Reports a liveness, readiness or startup probe that sets none of `exec`, `httpGet`, `tcpSocket`
and `grpc`, or more than one of them; and a `lifecycle.postStart` or `lifecycle.preStop` hook
that sets none of `exec`, `httpGet`, `tcpSocket` and `sleep`, or more than one. The probe or hook
is reported at its key, with the actions it sets: `livenessProbe: {}` and a probe holding only
thresholds have none. An action set to an explicit null counts as absent, as it does for the API
server; an empty one (`exec: {}`) counts as set. Actions that a merge key (`<<: *probe`) brings
in count like the others.

Probes and hooks are checked on app containers and on sidecars (init containers with
`restartPolicy: Always`). Other init containers, which run to completion before the app starts,
and ephemeral containers may not have them at all: any probe or `lifecycle` they set is
reported at its key.

## Why is this bad?
The API server rejects the pod: "must specify a handler type" when there is none, "may not
specify more than 1 handler type" when there are several, "may not be set for init containers
without restartPolicy=Always" on an init container. A probe that only tunes
`periodSeconds` or `failureThreshold` usually lost its action to an indentation mistake.

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
      livenessProbe:
        httpGet:
          path: /healthz
          port: 80
        tcpSocket:
          port: 80
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
      livenessProbe:
        httpGet:
          path: /healthz
          port: 80
```

## Options
None.

## Fix
None: which action was meant is the author's choice.

## References
- [Configure liveness, readiness and startup probes](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/)
- [Container lifecycle hooks](https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import Container, PodSpec
from podlint.rule import NoOptions, QuickCheck, QuickChecks, Rule, Scope
from podlint.rules._containers import describe
from podlint.rules._definitions import LIFECYCLE_HANDLER, POD_SPEC, PROBE
from podlint.rules._handlers import HOOK_ACTIONS, PROBE_ACTIONS, PROBES, handlers

RULE = Rule(
    id="probe-handler",
    summary="A probe or lifecycle hook with no action, with more than one, or on a container that may not have one",
    severity=Severity.ERROR,
    scope=Scope.POD,
)

Options = NoOptions

_HANDLER_FIELDS = (*PROBES, "lifecycle")


def _one_action(kinds: tuple[str, ...]) -> QuickCheck:
    def one_action(handler: dict[str, Any]) -> bool:
        # exactly one action that is not null (a null action is unset)
        return list(map(handler.get, kinds)).count(None) == len(kinds) - 1

    return one_action


def _handlers_where_allowed(spec: dict[str, Any]) -> bool:
    """Only app containers and sidecars have probes and hooks."""
    if not spec.get("initContainers") and not spec.get("ephemeralContainers"):
        return True
    others = [container for container in spec.get("initContainers") or () if container.get("restartPolicy") != "Always"]
    others += spec.get("ephemeralContainers") or ()
    return not any(container.get(field) is not None for container in others for field in _HANDLER_FIELDS)


QUICK_CHECKS: QuickChecks = {
    PROBE: (_one_action(PROBE_ACTIONS),),
    LIFECYCLE_HANDLER: (_one_action(HOOK_ACTIONS),),
    POD_SPEC: (_handlers_where_allowed,),
}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for container in pod.containers():
        if not container.runs_with_app:
            yield from _not_allowed(container)
    for handler in handlers(pod):
        actions = handler.actions()
        if len(actions) == 1:
            continue
        choices = ", ".join(f"`{kind}`" for kind in handler.action_kinds)
        if not actions:
            yield Violation(
                handler.path,
                f"{handler.described} has no action, and the API server requires exactly one of {choices}",
                target="key",
            )
        else:
            *rest, last = (f"`{kind}`" for kind in actions)
            listed = f"{', '.join(rest)} and {last}"
            yield Violation(
                handler.path,
                f"{handler.described} sets {listed}, and the API server allows exactly one of {choices}",
                target="key",
            )


def _not_allowed(container: Container) -> Iterator[Violation]:
    """The probes and the lifecycle of a regular init container or an ephemeral container."""
    for field in _HANDLER_FIELDS:
        if container.data.get(field) is not None:
            yield Violation(
                container.at(field),
                f"{describe(container)} sets `{field}`, which only app containers and sidecars (init containers "
                "with `restartPolicy: Always`) may set",
                target="key",
            )
