"""An env var value that is not a string.

## What it does
Reports `env[].value` given as a number or a boolean, in every container of a pod spec, at the
value. Values are typed the way the API server types them (YAML 1.1): `value: 8080` is a number,
`value: yes` and `value: on` are booleans, `value: 0755` is the number 493. A null value
(`value:` with nothing after it) is not reported: the API server reads it as an empty string.

## Why is this bad?
Environment variable values are strings, and the API server does not convert: it rejects the
whole object with "cannot unmarshal number into Go struct field EnvVar.value of type string".

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: mysql
spec:
  containers:
    - name: mysql
      image: mysql:8.4
      env:
        - name: MYSQL_PORT
          value: 3306
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: mysql
spec:
  containers:
    - name: mysql
      image: mysql:8.4
      env:
        - name: MYSQL_PORT
          value: "3306"
```

## Options
None.

## Fix
Safe: quotes the value exactly as written (`value: 3306` -> `value: "3306"`, `value: yes` ->
`value: "yes"`), so the variable gets the text the author typed.

## References
- [Define environment variables for a container](https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/)
"""

from __future__ import annotations

from collections.abc import Iterator

from podlint.findings import Fix, PathEdit, Severity, Violation
from podlint.objects import PodSpec
from podlint.rule import FixKind, NoOptions, QuickChecks, Rule, Scope
from podlint.yaml11 import value_text

RULE = Rule(
    id="env-value-type",
    summary="An env var value that is not a string",
    severity=Severity.ERROR,
    scope=Scope.POD,
    fix=FixKind.SAFE,
    supersedes=frozenset({"invalid-type"}),
)

Options = NoOptions

# The schema types `EnvVar.value` as a string: a valid object holds nothing this rule reports.
QUICK_CHECKS: QuickChecks = {}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for container in pod.containers():
        env = container.data.get("env")
        if not isinstance(env, list):
            continue
        for index, var in enumerate(env):
            value = var.get("value") if isinstance(var, dict) else None
            if not isinstance(value, (bool, int, float)):
                continue  # a string; null, which the API server reads as empty; or a list or map (`invalid-type`)
            path = container.at("env", index, "value")
            name = var.get("name", "?")
            kind = "boolean" if isinstance(value, bool) else "number"
            yield Violation(
                path,
                f"env var `{name}` of container `{container.name}` is the {kind} `{value_text(value)}` "
                "under YAML 1.1, not a string, and the API server rejects it; quote it",
                fix=Fix("Quote the value", (PathEdit(path, "", quote=True),)),
            )
