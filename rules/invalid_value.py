"""A value outside what the field accepts.

## What it does
Reports an enum value the API does not know (`restartPolicy: Onfailure`, with "did you mean
`OnFailure`?"), an integer outside its int32/int64 range, a port number outside 1-65535 (0 too
where it means "none": `hostPort`, `nodePort`), a malformed date-time or base64 value, and
an env var name the API server refuses (empty, or with `=`; before 1.32 also one that is not
letters, digits, `_`, `-` and `.`, or that starts with a digit), at the value.

## Why is this bad?
The API server rejects the object ("Unsupported value").

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: job
spec:
  restartPolicy: Onfailure
  containers:
    - name: job
      image: busybox:1.36
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: job
spec:
  restartPolicy: OnFailure
  containers:
    - name: job
      image: busybox:1.36
```

## Options
None.

## Fix
Safe when the value differs from a valid one only in case or by one edit (`Onfailure` ->
`OnFailure`, `ifnotpresent` -> `IfNotPresent`, `tcp` -> `TCP`); unsafe for other close spellings.

## References
- [Pod restart policy](https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy)
"""

from __future__ import annotations

from podlint.findings import Severity
from podlint.rule import FixKind, NoOptions, Rule, Scope

RULE = Rule(
    id="invalid-value",
    summary="An enum, range or format violation",
    severity=Severity.ERROR,
    scope=Scope.SCHEMA,
    fix=FixKind.SOMETIMES,
)

Options = NoOptions
