"""A required field is absent.

## What it does
Reports a field that the schema requires and the object lacks (or sets to null), at the key of
the object that should hold it. Fields the API server fills in with a default are not required.
Required means what the API server's validation requires, which is not always what the
OpenAPI document marks: every container needs an `image`, and a ReplicationController a
`template`, while a sysctl or an HTTP header may leave out its `value`. An empty list or string
where validation needs one is reported too: `containers: []`, `image: ""`, an exec action's
`command: []`.

A document that has `metadata` or `spec` and a built-in `kind` but no `apiVersion` (or a served
`apiVersion` but no `kind`) is reported too, at its first key: kubectl rejects it ("Object
'Kind' is missing"). Other YAML files with such keys are left alone.

## Why is this bad?
The API server rejects the object ("Required value").

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - image: nginx:1.27
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
```

## Options
None.

## Fix
None: the value cannot be guessed.

## References
- [Pod API](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/)
"""

from __future__ import annotations

from podlint.findings import Severity
from podlint.rule import NoOptions, Rule, Scope

RULE = Rule(
    id="missing-field",
    summary="A required field is absent",
    severity=Severity.ERROR,
    scope=Scope.SCHEMA,
    needs_whole_object=True,
)

Options = NoOptions
