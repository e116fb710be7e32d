"""A pod template restart policy its workload cannot use.

## What it does
Checks the `restartPolicy` of a workload's pod template against what its controller accepts:

- Job and CronJob templates must say `OnFailure` or `Never`. `Always` is reported at the value;
  a missing `restartPolicy` is reported at the template's `spec` key (a null one at its key),
  because the API server fills in `Always` and then rejects it. With a `podFailurePolicy` or a
  `backoffLimitPerIndex`, only `Never` is accepted.
- Deployment, StatefulSet, DaemonSet, ReplicaSet and ReplicationController templates must
  restart `Always` (the default): `OnFailure` and `Never` are reported.

Pods and PodTemplates may use any policy. Values that are no restart policy at all (`Onfailure`)
are reported by the schema check (`invalid-value`), not here.

## Why is this bad?
The API server rejects the workload: "spec.template.spec.restartPolicy: Required value: valid
values: "OnFailure", "Never"" for a Job, "Unsupported value: "Never": supported values:
"Always"" for a Deployment. A Job's pods must be allowed to finish; a Deployment's pods must
never finish.

## Example
```yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      containers:
        - name: migrate
          image: ghcr.io/example/migrate:3.2.0
```

## Use instead
```yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
        - name: migrate
          image: ghcr.io/example/migrate:3.2.0
```

## Options
None.

## Fix
None: `OnFailure` and `Never` behave differently (retry in place, or a new pod per retry).

## References
- [Jobs: pod template](https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template)
- [Jobs: pod failure policy](https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy)
- [Deployments: pod template](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#pod-template)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import PodSpec, field_in
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._definitions import APPS_WORKLOAD_SPECS, JOB_SPEC, REPLICATION_CONTROLLER_SPEC

RULE = Rule(
    id="restart-policy",
    summary="A pod template restart policy its workload cannot use",
    severity=Severity.ERROR,
    scope=Scope.POD,
    needs_whole_object=True,
)

Options = NoOptions

JOB_KINDS = frozenset({"Job", "CronJob"})
LONG_RUNNING_KINDS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"})


# Job fields that count failed pods, which a restart in place would hide.
_NEEDS_NEVER = ("podFailurePolicy", "backoffLimitPerIndex")


_POLICY = ("template", "spec", "restartPolicy")


def _job_policy_fits(spec: dict[str, Any]) -> bool:
    policy = field_in(spec, _POLICY)
    return policy == "Never" or (policy == "OnFailure" and all(spec.get(field) is None for field in _NEEDS_NEVER))


def _long_running_policy_fits(spec: dict[str, Any]) -> bool:
    return field_in(spec, _POLICY) not in ("OnFailure", "Never")


QUICK_CHECKS: QuickChecks = {
    JOB_SPEC: (_job_policy_fits,),
    **{definition: (_long_running_policy_fits,) for definition in (*APPS_WORKLOAD_SPECS, REPLICATION_CONTROLLER_SPEC)},
}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    kind = pod.object.kind
    if not pod.is_template or not isinstance(pod.template.get("spec"), dict):
        return
    policy = pod.spec.get("restartPolicy")
    if kind in JOB_KINDS:
        yield from _job(pod, kind, policy)
    elif kind in LONG_RUNNING_KINDS and policy in ("OnFailure", "Never"):
        yield Violation(
            pod.at("restartPolicy"),
            f"a {kind} keeps its pods running, so its template must restart `Always` (the default), not `{policy}`",
        )


def _job(pod: PodSpec, kind: str, policy: object) -> Iterator[Violation]:
    job_spec = pod.template_path[:-1]  # the template sits in the Job's spec (a CronJob's jobTemplate.spec)
    if policy is None:  # absent or null: defaulted to Always
        yield Violation(
            pod.at("restartPolicy") if "restartPolicy" in pod.spec else pod.path,
            f"the {kind}'s pod template sets no `restartPolicy`, so it gets the default `Always`, which a Job "
            "cannot use; set `restartPolicy: OnFailure` or `Never`",
            target="key",
        )
    elif policy == "Always":
        yield Violation(
            pod.at("restartPolicy"),
            f"a {kind}'s pods must be able to finish: use `OnFailure` or `Never`, not `Always`",
        )
    elif policy == "OnFailure":
        needing_never = next((field for field in _NEEDS_NEVER if pod.object.get(*job_spec, field) is not None), None)
        if needing_never is not None:
            yield Violation(
                pod.at("restartPolicy"),
                f"a {kind} with a `{needing_never}` must use `restartPolicy: Never`, so that every failure is "
                "a failed pod it can count",
            )
