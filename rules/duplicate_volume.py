"""Two volumes of one pod with the same name.

## What it does
Reports a `volumes[].name` that an earlier volume of the same pod spec already uses, at the
later name.

In a StatefulSet it also reports, as a warning, a volume of the template named like one of the
`volumeClaimTemplates` (at the volume), and two claim templates with one name (at the later).
The API server accepts those, but the StatefulSet controller silently replaces the template's
volume with the claim, and keeps only one claim template per name: part of what is written is
ignored.

## Why is this bad?
The API server rejects the pod, and a workload's template with it ("volumes[1].name: Duplicate
value"), so nothing is created; a StatefulSet is accepted but every pod it creates is rejected.
Even where nothing is rejected, a mount can only refer to one volume by name, so one of the two
definitions is dead and the reader cannot tell which.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: nginx
      image: nginx:1.27
      volumeMounts:
        - name: content
          mountPath: /usr/share/nginx/html
  volumes:
    - name: content
      emptyDir: {}
    - name: content
      configMap:
        name: web-content
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: nginx
      image: nginx:1.27
      volumeMounts:
        - name: content
          mountPath: /usr/share/nginx/html
        - name: cache
          mountPath: /var/cache/nginx
  volumes:
    - name: content
      configMap:
        name: web-content
    - name: cache
      emptyDir: {}
```

## Options
None.

## Fix
None: which of the two volumes is meant cannot be known.

## References
- [Volumes](https://kubernetes.io/docs/concepts/storage/volumes/)
- [StatefulSet volume claim templates](https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import PodSpec, field_in, get_in, mappings, name_of
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._definitions import POD_SPEC, STATEFUL_SET_SPEC

RULE = Rule(
    id="duplicate-volume",
    summary="Two volumes of one pod with the same name",
    severity=Severity.ERROR,
    scope=Scope.POD,
)

Options = NoOptions


def _volume_names_unique(spec: dict[str, Any]) -> bool:
    volumes = spec.get("volumes")
    return not volumes or len(set(map(name_of, volumes))) == len(volumes)


def _claims_apart(spec: dict[str, Any]) -> bool:
    """A StatefulSet's claim templates have distinct names, none of them a volume's."""
    claims = spec.get("volumeClaimTemplates")
    if not claims:
        return True
    names = [field_in(claim, ("metadata", "name")) for claim in claims]
    volumes = field_in(spec, ("template", "spec", "volumes")) or ()
    return len(set(names)) == len(names) and set(map(name_of, volumes)).isdisjoint(names)


QUICK_CHECKS: QuickChecks = {POD_SPEC: (_volume_names_unique,), STATEFUL_SET_SPEC: (_claims_apart,)}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    claims: dict[str, int] = {}
    if pod.object.kind == "StatefulSet":
        for index, claim in mappings(pod.object.get("spec", "volumeClaimTemplates")):
            name = get_in(claim, ("metadata", "name"))
            if not isinstance(name, str):
                continue
            if name in claims:
                yield Violation(
                    pod.object.at("spec", "volumeClaimTemplates", index, "metadata", "name"),
                    f"volume claim template `{name}` is already defined by volumeClaimTemplates[{claims[name]}]; "
                    "the StatefulSet controller keeps only one of them",
                    severity=Severity.WARNING,
                )
            else:
                claims[name] = index
    volumes: dict[str, int] = {}
    for index, volume in mappings(pod.spec.get("volumes")):
        name = volume.get("name")
        if not isinstance(name, str):
            continue
        if name in volumes:
            yield Violation(
                pod.at("volumes", index, "name"),
                f"volume `{name}` is already defined by volumes[{volumes[name]}]; volume names must be unique in a pod",
            )
            continue
        volumes[name] = index
        if name in claims:
            yield Violation(
                pod.at("volumes", index, "name"),
                f"volume `{name}` has the name of volumeClaimTemplates[{claims[name]}]; the StatefulSet "
                "controller replaces this volume with the claim, so this definition is ignored",
                severity=Severity.WARNING,
            )
