"""A suppression comment or annotation that names an unknown rule.

## What it does
Reports a rule id in a `# podlint: disable=...` or `# podlint: disable-file=...` comment, or in
a `podlint.io/ignore` annotation, that is not a podlint rule (with the rule it most likely
meant), a `# podlint:` comment with an unknown directive, and a suppression that names no rule.
A comment is only a comment where YAML has one: a `#` inside a quoted string or a `|` block is
text and is never read as a suppression.

## Why is this bad?
A misspelled rule id suppresses nothing: the finding it was meant to hide is still reported,
and the suppression looks as if it worked.

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
      env:
        - name: PORT
          value: 8080  # podlint: disable=env-value-typ
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
      env:
        - name: PORT
          value: 8080  # podlint: disable=env-value-type
```

## Options
None.

## Fix
None: `podlint rules` lists the rule ids.

## References
- [podlint rules](https://github.com/podlint/podlint/blob/main/docs/rules.md)
"""

from __future__ import annotations

from podlint.findings import Severity
from podlint.rule import NoOptions, Rule, Scope

RULE = Rule(
    id="invalid-suppression",
    summary="A suppression that names an unknown rule or directive",
    severity=Severity.WARNING,
    scope=Scope.PARSE,
)

Options = NoOptions
