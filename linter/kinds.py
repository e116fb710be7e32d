"""unknown-kind: which apiVersion/kind pairs the bundled schemas do not know, and why."""

from __future__ import annotations

from podlint.findings import Violation
from podlint.objects import KubeObject
from podlint.schema import SUPPORTED_VERSIONS, SchemaSet, schema_set
from podlint.schema_errors import did_you_mean

_POD_SECURITY_ADMISSION = (
    "Pod Security Admission (`pod-security.kubernetes.io/*` namespace labels); PodSecurityPolicy was removed in 1.25"
)
# Removed beta APIs people still find in old manifests: (apiVersion, kind) -> replacement.
REPLACED_APIS: dict[tuple[str, str], str] = {
    **{("extensions/v1beta1", kind): "apps/v1" for kind in ("Deployment", "DaemonSet", "ReplicaSet")},
    ("extensions/v1beta1", "Ingress"): "networking.k8s.io/v1",
    ("extensions/v1beta1", "NetworkPolicy"): "networking.k8s.io/v1",
    ("extensions/v1beta1", "PodSecurityPolicy"): _POD_SECURITY_ADMISSION,
    **{
        (f"apps/{v}", kind): "apps/v1"
        for v in ("v1beta1", "v1beta2")
        for kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision")
    },
    ("batch/v1beta1", "CronJob"): "batch/v1",
    ("batch/v2alpha1", "CronJob"): "batch/v1",
    ("policy/v1beta1", "PodDisruptionBudget"): "policy/v1",
    ("policy/v1beta1", "PodSecurityPolicy"): _POD_SECURITY_ADMISSION,
    ("networking.k8s.io/v1beta1", "Ingress"): "networking.k8s.io/v1",
    ("networking.k8s.io/v1beta1", "IngressClass"): "networking.k8s.io/v1",
    **{(f"autoscaling/{v}", "HorizontalPodAutoscaler"): "autoscaling/v2" for v in ("v2beta1", "v2beta2")},
    **{
        ("rbac.authorization.k8s.io/v1beta1", kind): "rbac.authorization.k8s.io/v1"
        for kind in ("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")
    },
    ("scheduling.k8s.io/v1beta1", "PriorityClass"): "scheduling.k8s.io/v1",
    ("storage.k8s.io/v1beta1", "StorageClass"): "storage.k8s.io/v1",
    ("storage.k8s.io/v1beta1", "CSIDriver"): "storage.k8s.io/v1",
    ("storage.k8s.io/v1beta1", "CSINode"): "storage.k8s.io/v1",
    ("storage.k8s.io/v1beta1", "CSIStorageCapacity"): "storage.k8s.io/v1",
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"): "apiextensions.k8s.io/v1",
    ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"): "admissionregistration.k8s.io/v1",
    ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"): "admissionregistration.k8s.io/v1",
    ("discovery.k8s.io/v1beta1", "EndpointSlice"): "discovery.k8s.io/v1",
    ("events.k8s.io/v1beta1", "Event"): "events.k8s.io/v1",
    ("coordination.k8s.io/v1beta1", "Lease"): "coordination.k8s.io/v1",
    ("node.k8s.io/v1beta1", "RuntimeClass"): "node.k8s.io/v1",
}
_REMOVED_GROUPS = frozenset(api.rpartition("/")[0] for api, _ in REPLACED_APIS)
# Files that carry a core apiVersion but are no API objects: kubectl's kubeconfig.
NOT_API_OBJECTS = frozenset({("v1", "Config")})


def is_builtin_group(schemas: SchemaSet, group: str) -> bool:
    return group in schemas.groups or group in _REMOVED_GROUPS


def unknown_kind(schemas: SchemaSet, obj: KubeObject) -> Violation | None:
    """Why `obj`'s apiVersion/kind has no schema, or None for custom resources, which podlint
    cannot know and does not report."""
    api_version, kind = obj.api_version, obj.kind
    replacement = REPLACED_APIS.get((api_version, kind))
    if replacement is not None:
        return _violation(
            obj, f"`{api_version}` {kind} is no longer served by Kubernetes; use {replacement}", target="apiVersion"
        )
    if not is_builtin_group(schemas, obj.group) or (api_version, kind) in NOT_API_OBJECTS:
        return None
    served_by = schemas.kinds_by_name.get(kind)
    if served_by:
        return _violation(
            obj,
            f"`{api_version}` does not serve {kind} in Kubernetes {schemas.version}; "
            f"use apiVersion {' or '.join(f'`{v}`' for v in sorted(served_by))}",
            target="apiVersion",
        )
    newer = _first_version_serving(schemas, api_version, kind)
    if newer is not None:
        return _violation(obj, f"{api_version} {kind} needs Kubernetes {newer} or newer (see --kube-version)")
    in_group = [k for key in schemas.kinds for k in [key.rpartition("/")[2]] if key.startswith(f"{api_version}/")]
    suggestion = did_you_mean(kind, in_group)
    hint = f"; did you mean `{suggestion}`?" if suggestion else ""
    return _violation(obj, f"`{api_version}` has no kind `{kind}`{hint}")


def missing_type_field(schemas: SchemaSet, obj: KubeObject) -> Violation | None:
    """A document meant as an object (it has `metadata` or `spec`) with a built-in kind and no
    apiVersion, or a served apiVersion and no kind: kubectl and the API server reject it ("Object
    'Kind' is missing"). Other YAML with a `kind` or an `apiVersion` key (a Helm Chart.yaml has
    `apiVersion: v1`) is not podlint's business."""
    data = obj.data
    if not any(isinstance(data.get(key), dict) for key in ("metadata", "spec")):
        return None
    if data.get("apiVersion") is None and obj.kind in schemas.kinds_by_name:
        served = " or ".join(f"`{version}`" for version in sorted(schemas.kinds_by_name[obj.kind]))
        message = f"missing required field `apiVersion`; {obj.kind} is served by apiVersion {served}"
    elif data.get("kind") is None and obj.api_version in schemas.api_versions:
        message = "missing required field `kind`"
    else:
        return None
    return Violation(obj.base, message, "value", "missing-field")


def _first_version_serving(schemas: SchemaSet, api_version: str, kind: str) -> str | None:
    for version in SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.index(schemas.version) + 1 :]:
        if schema_set(version).definition_for(api_version, kind):
            return version
    return None


def _violation(obj: KubeObject, message: str, target: str = "kind") -> Violation:
    return Violation(obj.at(target), message, "value", "unknown-kind")
