"""The file cannot be read as YAML.

## What it does
Reports a file that is not valid YAML, not UTF-8, binary, nested deeper than 1,000 levels, or
whose aliases expand to more than two million values, at the position where reading failed.

## Why is this bad?
`kubectl apply` and the API server refuse the whole file; nothing in it is applied.

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
      args: [--port, 80
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
      args: [--port, "80"]
```

## Options
None.

## Fix
None: the intent of broken syntax cannot be known.

## References
- [YAML 1.1](https://yaml.org/spec/1.1/)
"""

from __future__ import annotations

from podlint.findings import Severity
from podlint.rule import NoOptions, Rule, Scope

RULE = Rule(
    id="yaml-syntax",
    summary="The file cannot be parsed as YAML",
    severity=Severity.ERROR,
    scope=Scope.PARSE,
)

Options = NoOptions
