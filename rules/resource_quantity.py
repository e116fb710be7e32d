"""A resource quantity the API server cannot parse, or a negative resource amount.

## What it does
Reports, in every object, each value the API types as a quantity that does not parse the way
upstream `resource.ParseQuantity` parses it: `12 GB`, `1GB`, `1gi`, `1K`, `1.5.0`. Quantities
are found through the bundled schema, so every place the API has one is covered: container and
pod-level `resources`, `overhead`, `emptyDir.sizeLimit`, `resourceFieldRef.divisor`,
PersistentVolumeClaims and `volumeClaimTemplates`, LimitRanges, ResourceQuotas,
HorizontalPodAutoscaler targets, and the rest.

A quantity is a signed decimal number (`0.5`, `.5`, `1.`, `1e3`, `1.5E-3`) with an optional
suffix: binary `Ki Mi Gi Ti Pi Ei` (powers of 1024), decimal `n u m k M G T P E`, or none. A
YAML number is fine (`cpu: 0.5`, `cpu: 2`); a value of another type is reported by
`invalid-type`.

It also reports a negative amount where the API server rejects one: container, pod-level and
volume claim `requests`/`limits`, pod `overhead`, RuntimeClass `overhead.podFixed`,
`emptyDir.sizeLimit` and ResourceQuota `hard`.

## Why is this bad?
The API server rejects the whole object ("quantities must match the regular expression ..."),
so nothing in it is applied. The mistakes are easy to make because other tools accept them:
`GB` and `gi` are not Kubernetes units, and `K` is not `k`.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
    - name: redis
      image: redis:7.4
      resources:
        requests:
          cpu: 250m
          memory: 1GB
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
    - name: redis
      image: redis:7.4
      resources:
        requests:
          cpu: 0.25
          memory: 1Gi
```

## Options
None.

## Fix
Sometimes, unsafe: when only spaces or the case of a binary suffix are wrong (`12 Gi` ->
`12Gi`, `1gi` -> `1Gi`), the fix writes the one quantity that was meant. When the unit is
ambiguous (`1GB` could be `1G` or `1Gi`) the message offers both and there is no fix.

## References
- [Resource units in Kubernetes](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#resource-units-in-kubernetes)
- [Quantity](https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from podlint.findings import Fix, Path, PathEdit, Severity, Violation
from podlint.objects import KubeObject
from podlint.quantity import QuantityError, parse_quantity, quantity_value
from podlint.rule import FixKind, NoOptions, QuickChecks, Rule, Scope
from podlint.schema import QUANTITY, schema_set
from podlint.schema_walk import all_accepted, references
from podlint.yaml11 import value_text

RULE = Rule(
    id="resource-quantity",
    summary="A resource quantity that does not parse, or a negative resource amount",
    severity=Severity.ERROR,
    scope=Scope.OBJECT,
    fix=FixKind.SOMETIMES,
)

Options = NoOptions

# Definitions whose quantities the API server requires to be >= 0.
_NON_NEGATIVE_OWNERS = frozenset(
    {
        "io.k8s.api.core.v1.ResourceRequirements",
        "io.k8s.api.core.v1.VolumeResourceRequirements",
        "io.k8s.api.core.v1.PodSpec",  # overhead
        "io.k8s.api.node.v1.Overhead",
        "io.k8s.api.core.v1.EmptyDirVolumeSource",
        "io.k8s.api.core.v1.ResourceQuotaSpec",
    }
)
_QUANTITIES = frozenset({QUANTITY})
_NUMBER_AND_UNIT = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+))(.*?)\s*")
_PREFIXES = "kmgtpe"  # kilo to exa, in order


def check(obj: KubeObject, options: Options) -> Iterator[Violation]:
    schemas = schema_set(obj.kube_version)
    definition = schemas.definition_for(obj.api_version, obj.kind)
    if definition is None or all_accepted(schemas, definition, obj.data, _QUANTITIES, _acceptable):
        return
    for found in references(schemas, definition, obj.data, _QUANTITIES):
        if _acceptable(found.value, found.definition, found.owner):
            continue
        try:
            quantity_value(found.value)
        except QuantityError as error:
            yield _unparsable(obj.at(*found.path), found.value, str(error))
        else:
            yield Violation(
                obj.at(*found.path),
                f"`{value_text(found.value)}` is negative; the API server rejects negative resource amounts",
            )


def _acceptable(value: Any, definition: str, owner: str) -> bool:
    return _valid_amount(value, negative_allowed=owner not in _NON_NEGATIVE_OWNERS)


def _valid_amount(value: Any, negative_allowed: bool = False) -> bool:
    try:
        amount = quantity_value(value)
    except QuantityError:
        return False
    return amount is None or amount >= 0 or negative_allowed


# The same few quantities (`100m`, `128Mi`) fill every manifest. Negative amounts are refused
# wherever a quantity is: where they are allowed, `check` decides. Values equal across types
# (`1`, `1.0`, `True`) are equally valid, so the cache need not tell them apart, which spares it
# making a key of each string.
QUICK_CHECKS: QuickChecks = {QUANTITY: (functools.lru_cache(maxsize=4096)(_valid_amount),)}


def _unparsable(path: Path, value: Any, reason: str) -> Violation:
    text = value if isinstance(value, str) else value_text(value)
    meant = _meant(text) if isinstance(value, str) else []
    message = f"`{text}` is not a quantity: {reason}"
    fix = None
    if len(meant) == 1:
        quantity = meant[0][0]
        message += f"; did you mean `{quantity}`?"
        fix = Fix(f"Replace `{text}` with `{quantity}`", (PathEdit(path, quantity),), safe=False)
    elif meant:
        message += "; did you mean " + " or ".join(f"`{quantity}` ({size})" for quantity, size in meant) + "?"
    return Violation(path, message, fix=fix)


def _meant(text: str) -> list[tuple[str, str]]:
    """The quantities a mistyped one most likely meant, with their size when there is a choice:
    itself without spaces, a binary suffix in the right case, or for a decimal-looking unit
    (`GB`, `K`) both its decimal and its binary form."""
    match = _NUMBER_AND_UNIT.fullmatch(text)
    if match is None:
        return []
    number, unit = match.group(1), match.group(2).replace(" ", "")
    if _parses(number + unit):
        return [(number + unit, "")]
    letters = unit.lower().removesuffix("b")
    if len(letters) == 2 and letters[1] == "i" and letters[0] in _PREFIXES:
        return [(f"{number}{letters[0].upper()}i", "")]
    if len(letters) == 1 and letters in _PREFIXES:
        power = _PREFIXES.index(letters) + 1
        decimal = "k" if letters == "k" else letters.upper()
        return [(f"{number}{decimal}", f"10^{3 * power}"), (f"{number}{letters.upper()}i", f"2^{10 * power}")]
    return []


def _parses(text: str) -> bool:
    try:
        parse_quantity(text)
    except QuantityError:
        return False
    return True
