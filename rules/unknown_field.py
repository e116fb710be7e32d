"""A field that the Kubernetes API does not have.

## What it does
Reports a key that the object's schema does not define, at the key, and suggests the field that
was probably meant (`imagePulPolicy` -> `imagePullPolicy`, `gRPC` -> `grpc`). When the field
exists in a newer Kubernetes version than the one checked, it says which.

## Why is this bad?
With strict field validation the API server rejects the object; without it, the field is
silently dropped, so a misspelled probe or limit simply does not exist in the cluster.

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
      imagePulPolicy: Always
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
      imagePullPolicy: Always
```

## Options
None.

## Fix
Unsafe: renames the key to the suggested field when the suggestion is unambiguous
(`--fix --unsafe-fixes`). A wrong guess would change meaning, so it is never applied by `--fix` alone.
No fix when the suggested field is already there: renaming would make a duplicate key.

## References
- [kubectl --validate=strict](https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation)
"""

from __future__ import annotations

from podlint.findings import Severity
from podlint.rule import FixKind, NoOptions, Rule, Scope

RULE = Rule(
    id="unknown-field",
    summary="A field the Kubernetes schema does not have",
    severity=Severity.ERROR,
    scope=Scope.SCHEMA,
    fix=FixKind.UNSAFE,
)

Options = NoOptions
