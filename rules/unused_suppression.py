"""A suppression that suppresses nothing.

## What it does
Reports a `# podlint: disable=...` or `# podlint: disable-file=...` comment, or a
`podlint.io/ignore` annotation, that names a rule which has no finding where the suppression
applies, at the rule id (for an annotation, at its value). `disable=all` is reported when the
line, file or object has no finding at all. Only rules that run are judged: a suppression of a
rule that is not selected for the file is left alone.

Not enabled by default: `podlint check --report-unused-suppressions` turns it on (as does
`--extend-select unused-suppression` or `extend-select` in the configuration).

## Why is this bad?
A suppression outlives the problem it hid: once the manifest is fixed, the comment stays and
will silently hide the next, unrelated finding of that rule on that line.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27  # podlint: disable=all
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
None: delete the suppression, or the rule ids in it that are reported.

## References
- [ruff: unused-noqa (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/)
"""

from __future__ import annotations

from podlint.findings import Severity
from podlint.rule import NoOptions, Rule, Scope

RULE = Rule(
    id="unused-suppression",
    summary="A suppression comment or annotation that suppresses nothing",
    severity=Severity.WARNING,
    scope=Scope.PARSE,
    enabled=False,
)

Options = NoOptions
