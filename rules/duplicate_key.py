"""The same key appears twice in one mapping.

## What it does
Reports the second (and any later) occurrence of a key in a YAML mapping, at that key.

## Why is this bad?
YAML forbids it, and Kubernetes keeps only the last value: the first one is silently lost.
Server-side field validation rejects the object ("duplicate field").

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
      image: nginx:1.26
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
None: which value was meant cannot be known.

## References
- [Field validation](https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation)
"""

from __future__ import annotations

from podlint.findings import Severity
from podlint.rule import NoOptions, Rule, Scope

RULE = Rule(
    id="duplicate-key",
    summary="The same key twice in one mapping",
    severity=Severity.ERROR,
    scope=Scope.PARSE,
)

Options = NoOptions
