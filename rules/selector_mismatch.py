"""A workload selector that does not select the pods of its own template.

## What it does
Reports `spec.selector` of a Deployment, StatefulSet, DaemonSet or ReplicaSet (`apps/v1`), a Job
and a ReplicationController when it does not match the labels of `spec.template`, at the first
requirement that fails: the value of a `matchLabels` entry whose label the template has with
another value, the key of one the template lacks, or the `matchExpressions` item. Selectors are
evaluated as the API server evaluates them (`LabelSelectorAsSelector`): every `matchLabels`
entry must be a label of the template, and every `matchExpressions` requirement must hold (`In`:
the label has one of the values; `NotIn`: the label is absent or has none of them; `Exists`;
`DoesNotExist`).

It also reports what keeps a selector from being evaluated or from meaning anything:

- an empty selector (`selector: {}`, or `matchLabels: {}` alone) of an `apps/v1` workload,
  which would select every pod of the namespace;
- a ReplicationController with no selector whose template has no labels either, so that the
  selector the API server defaults from them is empty;
- a `matchExpressions` operator other than `In`, `NotIn`, `Exists` and `DoesNotExist`, `In` or
  `NotIn` without values, and `Exists` or `DoesNotExist` with values.

A Job without a selector gets one generated and is not reported; a ReplicationController's
`selector` is a plain map of labels, defaulted from the template when empty. A workload with no
template is left to `missing-field`.

## Why is this bad?
The API server rejects the workload ("`selector` does not match template `labels`", "empty
selector is invalid for deployment"): the controller would create pods it does not own and
create more forever. The two usually drift apart when a label is renamed in one place only.

## Example
```yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
    matchExpressions:
      - key: tier
        operator: In
        values: [frontend]
  template:
    metadata:
      labels:
        app: web
        tier: backend
    spec:
      containers:
        - name: nginx
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
    matchExpressions:
      - key: tier
        operator: In
        values: [frontend]
  template:
    metadata:
      labels:
        app: web
        tier: frontend
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
```

## Options
None.

## Fix
None: whether the selector or the labels are right cannot be known (and a Deployment's
selector cannot be changed after it is created).

## References
- [Deployment selector](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector)
- [Label selectors](https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from podlint.findings import Path, Severity, Violation
from podlint.objects import KubeObject, field_in, get_in, mappings
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._definitions import APPS_WORKLOAD_SPECS, JOB_SPEC, REPLICATION_CONTROLLER_SPEC
from podlint.schema_errors import did_you_mean
from podlint.yaml11 import value_text

RULE = Rule(
    id="selector-mismatch",
    summary="A workload selector that does not select the pods of its own template",
    severity=Severity.ERROR,
    scope=Scope.OBJECT,
    kinds=frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"}),
    needs_whole_object=True,
)

Options = NoOptions

OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")
_LABEL_SELECTOR_KINDS = {
    ("apps", "Deployment"),
    ("apps", "StatefulSet"),
    ("apps", "DaemonSet"),
    ("apps", "ReplicaSet"),
    ("batch", "Job"),
}


class Requirement(NamedTuple):
    """One requirement of a selector: a `matchLabels` entry (`=`) or a `matchExpressions` one."""

    key: str
    operator: str
    values: frozenset[str]
    path: Path  # where it is written: the matchLabels entry, or the matchExpressions item

    def matches(self, labels: dict[str, str]) -> bool:
        present = self.key in labels
        if self.operator in ("=", "In"):
            return present and labels[self.key] in self.values
        if self.operator == "NotIn":
            return not present or labels[self.key] not in self.values
        return present if self.operator == "Exists" else not present

    def describe(self) -> str:
        if self.operator == "=":
            return f"`{self.key}: {next(iter(self.values))}`"
        if self.operator in ("Exists", "DoesNotExist"):
            return f"`{self.key} {self.operator}`"
        return f"`{self.key} {self.operator} ({', '.join(sorted(self.values))})`"


def _selects_template(spec: dict[str, Any]) -> bool:
    """A workload's LabelSelector: expressions and empty selectors are for `check` to evaluate."""
    selector = spec.get("selector")
    if selector is None:
        return True
    match_labels = selector.get("matchLabels")
    return not selector.get("matchExpressions") and bool(match_labels) and _template_has(spec, match_labels)


def _controller_selects_template(spec: dict[str, Any]) -> bool:
    """A ReplicationController's selector, defaulted from the template's labels."""
    selector = spec.get("selector")
    return _template_has(spec, selector) if selector else bool(field_in(spec, _TEMPLATE_LABELS))


_TEMPLATE_LABELS = ("template", "metadata", "labels")


def _template_has(spec: dict[str, Any], labels: dict[str, Any]) -> bool:
    """Every label is the template's too; a null one is for `check` to weigh."""
    template_labels = field_in(spec, _TEMPLATE_LABELS) or {}
    return labels.items() <= template_labels.items() and None not in labels.values()


QUICK_CHECKS: QuickChecks = {
    **{definition: (_selects_template,) for definition in (*APPS_WORKLOAD_SPECS, JOB_SPEC)},
    REPLICATION_CONTROLLER_SPEC: (_controller_selects_template,),
}


def check(obj: KubeObject, options: Options) -> Iterator[Violation]:
    selector = obj.get("spec", "selector")
    template = obj.get("spec", "template")
    if not isinstance(template, dict):
        return  # no pods to select: a missing template is `missing-field`'s
    requirements: list[Requirement] | None = None
    if (obj.group, obj.kind) == ("", "ReplicationController"):
        requirements = _match_labels(selector, obj.at("spec", "selector"))
        if not requirements and not _labels(get_in(template, ("metadata", "labels"))):
            # Without a selector, the API server takes the template's labels as one.
            yield Violation(
                obj.at("spec", "selector") if selector is not None else obj.at("spec", "template"),
                "the ReplicationController has no selector and its template no labels to default "
                "one from; the API server requires a non-empty selector: label the template",
                target="key",
            )
    elif (obj.group, obj.kind) in _LABEL_SELECTOR_KINDS and isinstance(selector, dict):
        expressions = selector.get("matchExpressions")
        problems = list(_malformed(obj, expressions)) if expressions else []
        yield from problems
        requirements = None if problems else _requirements(selector, obj.at("spec", "selector"))
        if requirements == [] and obj.group == "apps":
            yield Violation(
                obj.at("spec", "selector"),
                f"an empty selector is invalid for a {obj.kind}: it would "
                "select every pod of the namespace; select the template's labels",
                target="key",
            )
    if not requirements:
        return
    labels = _labels(get_in(template, ("metadata", "labels")))
    failed = next((requirement for requirement in requirements if not requirement.matches(labels)), None)
    if failed is not None:
        # a label whose value differs is reported at the value; a label the template lacks, at its key
        differs = failed.operator == "=" and failed.key in labels
        yield Violation(failed.path, _mismatch(failed, labels), target="value" if differs else "key")


def _mismatch(requirement: Requirement, labels: dict[str, str]) -> str:
    if requirement.key in labels:
        found = f"the template's label is `{requirement.key}: {labels[requirement.key]}`"
    else:
        found = f"the template has no label `{requirement.key}`"
    return f"spec.selector does not select the pods of spec.template: {requirement.describe()} does not match, {found}"


def _requirements(selector: dict[str, Any], path: Path) -> list[Requirement] | None:
    """The selector's requirements, or None when one cannot be read (a missing key or operator,
    which the schema reports)."""
    found = _match_labels(selector.get("matchLabels"), path + ("matchLabels",))
    for index, expression in mappings(selector.get("matchExpressions")):
        key, operator, values = expression.get("key"), expression.get("operator"), expression.get("values")
        if not isinstance(key, str) or operator not in OPERATORS:
            return None
        texts = frozenset(_text(value) for value in values) if isinstance(values, list) else frozenset()
        found.append(Requirement(key, operator, texts, path + ("matchExpressions", index)))
    return found


def _malformed(obj: KubeObject, expressions: Any) -> Iterator[Violation]:
    """Requirements `LabelSelectorAsSelector` refuses, so the selector cannot be evaluated."""
    for index, expression in mappings(expressions):
        path = obj.at("spec", "selector", "matchExpressions", index)
        operator, values = expression.get("operator"), expression.get("values")
        has_values = isinstance(values, list) and bool(values)
        if not isinstance(operator, str):
            continue  # missing or mistyped: the schema reports it
        if operator not in OPERATORS:
            suggestion = did_you_mean(operator, list(OPERATORS))
            hint = f"; did you mean `{suggestion}`?" if suggestion else f"; use {', '.join(OPERATORS)}"
            yield Violation(path + ("operator",), f"`{operator}` is not a label selector operator{hint}")
        elif operator in ("In", "NotIn") and not has_values:
            yield Violation(path + ("operator",), f"operator `{operator}` needs at least one value in `values`")
        elif operator in ("Exists", "DoesNotExist") and has_values:
            yield Violation(path + ("values",), f"operator `{operator}` takes no `values`", target="key")


def _match_labels(value: Any, path: Path) -> list[Requirement]:
    return [Requirement(key, "=", frozenset({text}), path + (key,)) for key, text in _labels(value).items()]


def _labels(value: Any) -> dict[str, str]:
    """A label map as the API decodes it (it is a map of strings; other types are schema errors)."""
    return {key: _text(item) for key, item in value.items()} if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else value_text(value)
