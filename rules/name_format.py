"""An object, container or volume name the API server does not accept.

## What it does
Reports `metadata.name` when it breaks the name syntax of the object's kind, and the `name` of
every container, init container, ephemeral container and volume of a pod spec when it is not a
DNS-1123 label. Only built-in kinds whose rule is known are checked, each with the most
lenient rule any supported Kubernetes version applies, so a name the API server accepts is
never reported:

| kinds | a name must be |
|---|---|
| Pod, ConfigMap, Secret, ServiceAccount, PersistentVolume(Claim), Node, Endpoints, LimitRange, ResourceQuota, PodTemplate, ReplicationController, Deployment, ReplicaSet, DaemonSet, StatefulSet, ControllerRevision, Job, CronJob, Ingress, IngressClass, NetworkPolicy, HorizontalPodAutoscaler, PodDisruptionBudget, PriorityClass, StorageClass | a DNS-1123 subdomain: at most 253 characters of `a-z`, `0-9`, `-` and `.`, each dot-separated part starting and ending with a letter or digit |
| Namespace, Service | a DNS-1123 label: at most 63 characters of `a-z`, `0-9` and `-`, starting and ending with a letter or digit |
| Role, ClusterRole, RoleBinding, ClusterRoleBinding | a path segment: anything but `.` and `..`, without `/` or `%` (`system:controller:foo` is fine) |

A CronJob name may also have at most 52 characters: its Jobs are named after it plus an
11-character suffix. Container and volume names must be DNS-1123 labels. An object of these
kinds with neither `name` nor `generateName` is reported at its `metadata`. An object with
`generateName` and no `name` is not checked, nor is a name holding a shell placeholder
(`process-$ITEM`, `web-${ENV}`): the file is a template that envsubst or sed fills in.

## Why is this bad?
The API server rejects the object ("a lowercase RFC 1123 subdomain must consist of ..."), so
nothing in it is applied. Names become DNS names, hostnames, label values and file names, which
is why the rules are strict; uppercase letters and underscores are the usual mistake.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: Web_Frontend
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
```

## Use instead
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-frontend
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
```

## Options
None.

## Fix
None: renaming an object changes what it is called everywhere else.

## References
- [Object names and IDs](https://kubernetes.io/docs/concepts/overview/working-with-objects/names/)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from podlint.findings import Severity, Violation
from podlint.naming import (
    DNS1123_LABEL,
    Accepted,
    dns1123_label_problem,
    dns1123_subdomain_problem,
    has_placeholder,
    path_segment_problem,
)
from podlint.objects import KubeObject, group_and_kind, mappings, pod_spec_of
from podlint.rule import OBJECT, NoOptions, QuickChecks, Rule, Scope
from podlint.rules._definitions import CONTAINERS, VOLUME

RULE = Rule(
    id="name-format",
    summary="An object, container or volume name the API server does not accept",
    severity=Severity.ERROR,
    scope=Scope.OBJECT,
)

Options = NoOptions


@dataclass(frozen=True)
class NameSyntax:
    description: str
    problem: Callable[[str], str | None]


SUBDOMAIN = NameSyntax("a DNS-1123 subdomain", dns1123_subdomain_problem)
LABEL = NameSyntax("a DNS-1123 label", dns1123_label_problem)
PATH_SEGMENT = NameSyntax("a path segment name", path_segment_problem)

# (API group, kind) -> the syntax of its names, the most lenient across supported versions:
# Service names must also start with a letter (DNS-1035) where the relaxed Service name
# validation is off, and recent versions require StatefulSet names to be DNS labels.
NAME_SYNTAX: dict[tuple[str, str], NameSyntax] = {
    **{
        ("", kind): SUBDOMAIN
        for kind in (
            "ConfigMap",
            "Endpoints",
            "LimitRange",
            "Node",
            "PersistentVolume",
            "PersistentVolumeClaim",
            "Pod",
            "PodTemplate",
            "ReplicationController",
            "ResourceQuota",
            "Secret",
            "ServiceAccount",
        )
    },
    ("", "Namespace"): LABEL,
    ("", "Service"): LABEL,
    **{
        ("apps", kind): SUBDOMAIN
        for kind in ("ControllerRevision", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet")
    },
    ("batch", "Job"): SUBDOMAIN,
    ("batch", "CronJob"): SUBDOMAIN,
    ("autoscaling", "HorizontalPodAutoscaler"): SUBDOMAIN,
    **{("networking.k8s.io", kind): SUBDOMAIN for kind in ("Ingress", "IngressClass", "NetworkPolicy")},
    ("policy", "PodDisruptionBudget"): SUBDOMAIN,
    ("scheduling.k8s.io", "PriorityClass"): SUBDOMAIN,
    ("storage.k8s.io", "StorageClass"): SUBDOMAIN,
    **{
        ("rbac.authorization.k8s.io", kind): PATH_SEGMENT
        for kind in ("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")
    },
}
CRONJOB_NAME_MAX = 52  # 63 for the Job's name, minus the controller's 11-character suffix


def _object_named(data: dict[str, Any]) -> bool:
    group_kind = group_and_kind(data)
    if group_kind is None:
        return False
    syntax = NAME_SYNTAX.get(group_kind)
    if syntax is None:
        return True
    metadata = data.get("metadata") or {}
    name = metadata.get("name")
    if not name:
        return bool(metadata.get("generateName"))
    return _name_problem(group_kind[1], syntax, name) is None


_LABELS = Accepted(DNS1123_LABEL)


def _item_named(item: dict[str, Any]) -> bool:
    """A container or a volume."""
    return _LABELS.accepts(item.get("name"))


QUICK_CHECKS: QuickChecks = {
    OBJECT: (_object_named,),
    **{definition: (_item_named,) for definition in (*CONTAINERS, VOLUME)},
}


def check(obj: KubeObject, options: Options) -> Iterator[Violation]:
    # absent, null or empty; a name of another type (`name: n`, a YAML 1.1 boolean) is `invalid-type`'s
    if (
        (obj.group, obj.kind) in NAME_SYNTAX
        and obj.get("metadata", "name") in (None, "")
        and obj.get("metadata", "generateName") in (None, "")
    ):
        yield Violation(
            obj.at("metadata", "name"),
            f"{obj.kind} has no name; the API server requires `metadata.name` (or `metadata.generateName`)",
            target="key",
        )
    problem = _name_problem(obj.kind, NAME_SYNTAX.get((obj.group, obj.kind)), obj.get("metadata", "name"))
    if problem is not None:
        yield Violation(obj.at("metadata", "name"), problem)
    pod = pod_spec_of(obj)
    if pod is None:
        return
    for container in pod.containers():
        name = container.data.get("name")
        problem = _label_problem(name)
        if problem is not None:
            yield Violation(container.at("name"), f"container name `{name}` {problem}")
    for index, volume in mappings(pod.spec.get("volumes")):
        name = volume.get("name")
        problem = _label_problem(name)
        if problem is not None:
            yield Violation(pod.at("volumes", index, "name"), f"volume name `{name}` {problem}")


def _name_problem(kind: str, syntax: NameSyntax | None, name: object) -> str | None:
    """Why `name` is not a name of a `kind` object; None when it is one (or no string)."""
    if syntax is None or not isinstance(name, str) or not name or has_placeholder(name):
        return None
    problem = syntax.problem(name)
    if problem is not None:
        return f"{kind} name `{name}` {problem} ({syntax.description})"
    if kind == "CronJob" and len(name) > CRONJOB_NAME_MAX:
        return (
            f"CronJob name `{name}` has {len(name)} characters; at most {CRONJOB_NAME_MAX} leave "
            "room for the suffix of the Jobs it creates"
        )
    return None


def _label_problem(name: object) -> str | None:
    """Why a container or volume name is not a DNS-1123 label; None when it is one (or no string)."""
    if not isinstance(name, str) or has_placeholder(name):
        return None
    problem = dns1123_label_problem(name)
    return None if problem is None else f"{problem} (a DNS-1123 label)"
