"""A volume mount naming a volume the pod does not define, or two mounts at one path.

## What it does
Reports, in every container, init container and ephemeral container of a pod spec:

- a `volumeMounts[].name` or `volumeDevices[].name` that no entry of the pod's `volumes`
  defines, at the name (in a StatefulSet, the names of `volumeClaimTemplates` are volumes too);
- a `volumeMounts[].mountPath` that an earlier mount of the same container already uses, at
  the later path.

## Why is this bad?
The API server rejects the pod ("volumeMounts[0].name: Not found") and a workload's template
with it, so nothing is created. A StatefulSet is accepted, because its template is not checked
the same way, but every pod it creates is rejected, so it never gets a replica. Two mounts at
one path cannot both be visible ("must be unique").

## Example
```yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
          volumeMounts:
            - name: pgdata
              mountPath: /var/lib/postgresql/data
            - name: config
              mountPath: /etc/postgresql
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 10Gi
```

## Use instead
```yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
            - name: config
              mountPath: /etc/postgresql
      volumes:
        - name: config
          configMap:
            name: db-config
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 10Gi
```

## Options
None.

## Fix
None: whether the mount or the volume is misnamed cannot be known; the message suggests a
close volume name when there is one.

## References
- [Volumes](https://kubernetes.io/docs/concepts/storage/volumes/)
- [StatefulSet volume claim templates](https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import Container, PodSpec, containers_in, get_in, mappings, name_of, pod_spec_in
from podlint.rule import OBJECT, NoOptions, QuickChecks, Rule, Scope
from podlint.schema_errors import did_you_mean

RULE = Rule(
    id="volume-mount",
    summary="A volume mount naming no volume of the pod, or two mounts at one path",
    severity=Severity.ERROR,
    scope=Scope.POD,
    needs_whole_object=True,
)

Options = NoOptions


_ENTRY = {"volumeMounts": "volume mount", "volumeDevices": "volume device"}


def _mounts_resolve(data: dict[str, Any]) -> bool:
    spec = pod_spec_in(data)
    if not isinstance(spec, dict):
        return True
    defined = set(map(name_of, spec.get("volumes") or ()))
    if data.get("kind") == "StatefulSet":
        defined.update(_claim_names(data))
    for container in containers_in(spec):
        paths = set()
        for mount in container.get("volumeMounts") or ():
            path = mount.get("mountPath")
            if mount.get("name") not in defined or path in paths:
                return False
            paths.add(path)
        for device in container.get("volumeDevices") or ():
            if device.get("name") not in defined:
                return False
    return True


QUICK_CHECKS: QuickChecks = {OBJECT: (_mounts_resolve,)}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    defined = _volume_names(pod.object.data, pod.spec)
    for container in pod.containers():
        mount_paths: dict[str, int] = {}  # the first mount at each path
        for index, mount in mappings(container.data.get("volumeMounts")):
            name, path = mount.get("name"), mount.get("mountPath")
            if isinstance(name, str) and name not in defined:
                yield _not_found(container, "volumeMounts", index, name, defined)
            if not isinstance(path, str):
                continue
            if path in mount_paths:
                yield Violation(
                    container.at("volumeMounts", index, "mountPath"),
                    f"container `{container.name}` already mounts volumeMounts[{mount_paths[path]}] at `{path}`; "
                    "mount paths must be unique",
                )
            else:
                mount_paths[path] = index
        for index, device in mappings(container.data.get("volumeDevices")):
            name = device.get("name")
            if isinstance(name, str) and name not in defined:
                yield _not_found(container, "volumeDevices", index, name, defined)


def _volume_names(data: dict[str, Any], spec: dict[str, Any]) -> set[str]:
    """The volumes of the pod spec `spec` in the object `data`, and in a StatefulSet its volume
    claim templates (the controller adds a volume for each to every pod)."""
    names = [volume.get("name") for _, volume in mappings(spec.get("volumes"))]
    if data.get("kind") == "StatefulSet":
        names += _claim_names(data)
    return {name for name in names if isinstance(name, str)}  # others are schema errors (and unhashable)


def _claim_names(data: dict[str, Any]) -> list[Any]:
    """The names of a StatefulSet's volume claim templates."""
    claims = mappings(get_in(data, ("spec", "volumeClaimTemplates")))
    return [get_in(claim, ("metadata", "name")) for _, claim in claims]


def _not_found(container: Container, list_name: str, index: int, name: str, defined: set[str]) -> Violation:
    message = f"{_ENTRY[list_name]} `{name}` of container `{container.name}` names no volume of the pod"
    suggestion = did_you_mean(name, sorted(defined))
    return Violation(
        container.at(list_name, index, "name"), message + (f"; did you mean `{suggestion}`?" if suggestion else "")
    )
