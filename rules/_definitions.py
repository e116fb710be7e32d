"""The names of the schema definitions that rules' quick checks attach to (see
`podlint.rule.QuickChecks`); the same in every supported Kubernetes version."""

from __future__ import annotations

_CORE = "io.k8s.api.core.v1."
_APPS = "io.k8s.api.apps.v1."

CONTAINER = _CORE + "Container"
EPHEMERAL_CONTAINER = _CORE + "EphemeralContainer"
CONTAINERS = (CONTAINER, EPHEMERAL_CONTAINER)
CONTAINER_PORT = _CORE + "ContainerPort"
LIFECYCLE_HANDLER = _CORE + "LifecycleHandler"
POD_SPEC = _CORE + "PodSpec"
PROBE = _CORE + "Probe"
REPLICATION_CONTROLLER_SPEC = _CORE + "ReplicationControllerSpec"
RESOURCE_REQUIREMENTS = _CORE + "ResourceRequirements"
VOLUME = _CORE + "Volume"
JOB_SPEC = "io.k8s.api.batch.v1.JobSpec"
STATEFUL_SET_SPEC = _APPS + "StatefulSetSpec"
# The specs of the workloads that keep their pods running, and select them with a LabelSelector.
APPS_WORKLOAD_SPECS = tuple(
    _APPS + kind for kind in ("DeploymentSpec", "StatefulSetSpec", "DaemonSetSpec", "ReplicaSetSpec")
)
