"""A probe timing or threshold the API server rejects.

## What it does
Reports, on the liveness, readiness and startup probes of app containers and sidecars:

- a negative `initialDelaySeconds`, `timeoutSeconds`, `periodSeconds`, `successThreshold` or
  `failureThreshold`;
- a `successThreshold` other than 1 on a liveness or startup probe;
- a probe-level `terminationGracePeriodSeconds` that is 0 or negative, or that is set at all on
  a readiness probe.

Zero is not reported where the API server accepts it: it fills in the defaults first, so
`periodSeconds: 0` becomes 10, `timeoutSeconds: 0` becomes 1, `successThreshold: 0` becomes 1
and `failureThreshold: 0` becomes 3. Each value is reported at the value.

## Why is this bad?
The API server rejects the pod ("must be greater than or equal to 0", "must be 1", "must be
greater than 0", "must not be set for readinessProbes"). A liveness or startup probe counts
failures: one success resets a liveness probe and ends a startup probe, so a `successThreshold`
above 1 has no meaning there, and the server refuses it rather than ignore it.

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
        successThreshold: 3
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
        failureThreshold: 3
      readinessProbe:
        httpGet:
          path: /healthz
          port: 80
        successThreshold: 3
```

## Options
None.

## Fix
None.

## References
- [Configure probes](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes)
- [Probe-level terminationGracePeriodSeconds](https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#probe-level-terminationgraceperiodseconds)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import PodSpec
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._definitions import PROBE
from podlint.rules._handlers import Handler, probes
from podlint.rules._ports import is_int

RULE = Rule(
    id="probe-threshold",
    summary="A probe timing or threshold the API server rejects",
    severity=Severity.ERROR,
    scope=Scope.POD,
)

Options = NoOptions

NON_NEGATIVE = ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold")
SINGLE_SUCCESS = ("livenessProbe", "startupProbe")


def _thresholds_valid(probe: dict[str, Any]) -> bool:
    # a successThreshold above 1 is wrong in a liveness or startup probe only: `check` knows which this is
    if (probe.get("successThreshold") or 1) != 1 or probe.get("terminationGracePeriodSeconds") is not None:
        return False
    for field in NON_NEGATIVE:
        value = probe.get(field)
        if value is not None and value < 0:
            return False
    return True


QUICK_CHECKS: QuickChecks = {PROBE: (_thresholds_valid,)}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for probe in probes(pod):
        for field in NON_NEGATIVE:
            value = probe.data.get(field)
            if not is_int(value):
                continue
            if value < 0:
                yield Violation(
                    probe.at(field), f"{probe.described} has a negative `{field}` ({value}); it must be 0 or more"
                )
            elif field == "successThreshold" and probe.field in SINGLE_SUCCESS and value > 1:
                yield Violation(
                    probe.at(field),
                    f"{probe.described} has `successThreshold: {value}`, but a {probe.field} must have 1 "
                    "(tune `failureThreshold` instead)",
                )
        grace_period = probe.data.get("terminationGracePeriodSeconds")
        if grace_period is not None:
            violation = _grace_period(probe, grace_period)
            if violation is not None:
                yield violation


def _grace_period(probe: Handler, value: object) -> Violation | None:
    path = probe.at("terminationGracePeriodSeconds")
    if probe.field == "readinessProbe":
        return Violation(
            path,
            f"{probe.described} sets `terminationGracePeriodSeconds`, which only liveness and startup probes "
            "may set (a failed readiness probe never kills the container)",
            target="key",
        )
    if is_int(value) and value <= 0:
        return Violation(
            path, f"{probe.described} has `terminationGracePeriodSeconds: {value}`; it must be greater than 0"
        )
    return None
