"""An apiVersion/kind that Kubernetes does not serve.

## What it does
Reports, at `kind` or `apiVersion`, a built-in API that the checked Kubernetes version does not
serve: a removed beta API (with the API that replaced it, e.g. `extensions/v1beta1` Deployment ->
`apps/v1`), a kind under the wrong apiVersion (`v1` Deployment), a kind that only newer versions
serve, or a misspelled kind. Custom resources (API groups that are not built in) are not
reported: podlint has no schema for them and checks only what it knows.

## Why is this bad?
`kubectl apply` fails with "no matches for kind" and nothing in the object is applied.

## Example
```yaml
apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
```

## Use instead
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
        - name: web
          image: nginx:1.27
```

## Options
None.

## Fix
None: a new apiVersion often needs other changes (apps/v1 requires a selector).

## References
- [Deprecated API migration guide](https://kubernetes.io/docs/reference/using-api/deprecation-guide/)
"""

from __future__ import annotations

from podlint.findings import Severity
from podlint.rule import NoOptions, Rule, Scope

RULE = Rule(
    id="unknown-kind",
    summary="An apiVersion/kind the Kubernetes version does not serve",
    severity=Severity.WARNING,
    scope=Scope.SCHEMA,
)

Options = NoOptions
