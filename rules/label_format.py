"""A label key or value the API server does not accept.

## What it does
Reports label keys and values with a syntax the API server rejects, wherever labels are written:
the `metadata.labels` of every object and of every template inside one (pod templates, job
templates, volume claim templates), the `matchLabels` and `matchExpressions` of every label
selector, the `selector` of Services and ReplicationControllers, and pod `nodeSelector`s. A bad
key is reported at the key, a bad value at the value. A value holding a shell placeholder
(`${VERSION}`) is not checked: the file is a template that envsubst or sed fills in.

- A key is an optional prefix and `/`, then a name. The prefix is a DNS-1123 subdomain
  (`app.kubernetes.io`), at most 253 characters; the name is at most 63 characters of letters,
  digits, `-`, `_` and `.`, starting and ending with a letter or digit.
- A value is empty, or at most 63 characters with the same rule as a key's name.

A value that YAML reads as a number or a boolean (`version: 1.0`, `enabled: true`) is
`invalid-type`'s finding, not this rule's.

## Why is this bad?
The API server rejects the object ("metadata.labels: Invalid value"), so nothing in it is
applied. Values copied from elsewhere are the usual cause: a version string with `+`, a URL, a
name longer than 63 characters, a trailing `-` left by truncation in a template.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    version: v1.4.2+build.7
    Example.com/owner: platform
spec:
  containers:
    - name: nginx
      image: nginx:1.27
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    version: v1.4.2-build.7
    example.com/owner: platform
spec:
  containers:
    - name: nginx
      image: nginx:1.27
```

## Options
None.

## Fix
None: the right replacement depends on what reads the label.

## References
- [Labels: syntax and character set](https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from podlint.findings import Path, Severity, Target, Violation
from podlint.naming import (
    LABEL_KEY,
    LABEL_VALUE,
    Accepted,
    has_placeholder,
    label_value_problem,
    qualified_name_problem,
)
from podlint.objects import KubeObject, mappings
from podlint.rule import NoOptions, QuickCheck, QuickChecks, Rule, Scope
from podlint.schema import schema_set
from podlint.schema_walk import all_accepted, references

RULE = Rule(
    id="label-format",
    summary="A label key or value the API server does not accept",
    severity=Severity.ERROR,
    scope=Scope.OBJECT,
)

Options = NoOptions

_META = "io.k8s.apimachinery.pkg.apis.meta.v1."
_CORE = "io.k8s.api.core.v1."
# Definition -> its field holding a label map.
LABEL_MAPS = {
    _META + "ObjectMeta": "labels",
    _META + "LabelSelector": "matchLabels",
    _CORE + "ServiceSpec": "selector",
    _CORE + "ReplicationControllerSpec": "selector",
    _CORE + "PodSpec": "nodeSelector",
}
_LABEL_SELECTOR = _META + "LabelSelector"
_HOLDERS = frozenset(LABEL_MAPS)


_KEYS, _VALUES = Accepted(LABEL_KEY), Accepted(LABEL_VALUE)


def _labels_valid_in(definition: str) -> QuickCheck:
    field = LABEL_MAPS[definition]
    selects = definition == _LABEL_SELECTOR

    def valid(holder: dict[str, Any]) -> bool:
        labels = holder.get(field)
        # not accepted: a problem, or what takes a closer look (a placeholder, a null value)
        if labels and not (_KEYS.accepts_all(labels) and _VALUES.accepts_all(labels.values())):
            return False
        expressions = holder.get("matchExpressions") if selects else None
        return not expressions or next(_expressions((), expressions), None) is None

    return valid


QUICK_CHECKS: QuickChecks = {definition: (_labels_valid_in(definition),) for definition in LABEL_MAPS}


def check(obj: KubeObject, options: Options) -> Iterator[Violation]:
    schemas = schema_set(obj.kube_version)
    definition = schemas.definition_for(obj.api_version, obj.kind)
    if definition is None or all_accepted(schemas, definition, obj.data, _HOLDERS, _acceptable):
        return
    for found in references(schemas, definition, obj.data, _HOLDERS):
        yield from _holder_problems(obj.at(*found.path), found.value, found.definition)


def _acceptable(holder: Any, definition: str, owner: str) -> bool:
    return next(_holder_problems((), holder, definition), None) is None


def _holder_problems(path: Path, holder: Any, definition: str) -> Iterator[Violation]:
    """The problems of the label map (and selector expressions) of `holder`, a `definition`."""
    if not isinstance(holder, dict):
        return
    field = LABEL_MAPS[definition]
    labels = holder.get(field)
    if isinstance(labels, dict):
        yield from _label_map(path + (field,), labels)
    if definition == _LABEL_SELECTOR:
        expressions = holder.get("matchExpressions")
        if expressions is not None:
            yield from _expressions(path + ("matchExpressions",), expressions)


def _label_map(path: Path, labels: dict[str, Any]) -> Iterator[Violation]:
    for key, value in labels.items():
        problem = qualified_name_problem(key)
        if problem is not None:
            yield _bad_key(path + (key,), key, problem, "key")
        problem = label_value_problem(value) if isinstance(value, str) and not has_placeholder(value) else None
        if problem is not None:
            yield _bad_value(path + (key,), key, value, problem)


def _expressions(path: Path, expressions: Any) -> Iterator[Violation]:
    for index, expression in mappings(expressions):
        key = expression.get("key")
        if isinstance(key, str) and (problem := qualified_name_problem(key)) is not None:
            yield _bad_key(path + (index, "key"), key, problem, "value")
        values = expression.get("values")
        for value_index, value in enumerate(values if isinstance(values, list) else []):
            problem = label_value_problem(value) if isinstance(value, str) else None
            if problem is not None:
                yield _bad_value(path + (index, "values", value_index), str(key), value, problem)


def _bad_key(path: Path, key: str, problem: str, target: Target) -> Violation:
    return Violation(path, f"label key `{key}` {problem}", target=target)


def _bad_value(path: Path, key: str, value: str, problem: str) -> Violation:
    return Violation(path, f"value `{value}` of label `{key}` {problem}")
