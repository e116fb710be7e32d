"""A value of the wrong JSON type.

## What it does
Reports a value whose type the schema does not allow (a string where an integer is required, a
mapping where a list is required, ...), at the value, with the expected and the found type.
Values are typed the way the API server types them (YAML 1.1: `on` is a boolean, `017` is 15).

## Why is this bad?
The API server cannot decode the object and rejects it ("cannot unmarshal string into Go struct
field ContainerPort.containerPort of type int32").

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
      ports:
        - containerPort: "80"
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
      ports:
        - containerPort: 80
```

## Options
None.

## Fix
Safe for a quoted number where the API wants an integer: `containerPort: "80"` -> `containerPort: 80`
(any integer field, when the string is only digits and the number is in the field's range).
Other type errors have no fix; `env-value-type` quotes env values.

## References
- [Kubernetes API conventions: primitive types](https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/api-conventions.md#primitive-types)
"""

from __future__ import annotations

from podlint.findings import Severity
from podlint.rule import FixKind, NoOptions, Rule, Scope

RULE = Rule(
    id="invalid-type",
    summary="A value of the wrong type",
    severity=Severity.ERROR,
    scope=Scope.SCHEMA,
    fix=FixKind.SOMETIMES,
)

Options = NoOptions
