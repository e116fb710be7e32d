"""What a rule module declares. Rules live in `podlint.rules`, one module each, with:

- `RULE`: a `Rule` (metadata);
- `Options`: a frozen dataclass of typed options (may have no fields);
- `check(view, options)`: a generator of `Violation`s; `view` is a `PodSpec` for pod rules and a
  `KubeObject` for object rules. Engine-run rules (parse and schema) have no `check`.
- optionally `QUICK_CHECKS`: a `QuickChecks`, what lets the engine skip `check` on the objects
  most manifests are made of (see `QuickChecks`).
- a docstring with the sections What it does / Why is this bad? / Example / Use instead /
  Options / Fix / References.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from podlint.findings import Severity, Violation


class Scope(str, enum.Enum):
    PARSE = "parse"  # reported by the loader
    SCHEMA = "schema"  # reported by schema validation
    OBJECT = "object"  # check(KubeObject, options), for every object of the listed kinds
    POD = "pod"  # check(PodSpec, options), for every pod spec


class FixKind(str, enum.Enum):
    NONE = "none"
    SAFE = "safe"  # applied by --fix
    UNSAFE = "unsafe"  # applied by --fix --unsafe-fixes
    SOMETIMES = "sometimes"  # some findings carry a fix


@dataclass(frozen=True)
class NoOptions:
    """The options of a rule that has none (one class for all: each dataclass costs start-up time)."""


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    severity: Severity
    scope: Scope
    fix: FixKind = FixKind.NONE
    enabled: bool = True
    # Object rules: the kinds they apply to; empty means every object.
    kinds: frozenset[str] = frozenset()
    # Schema rule ids this rule replaces at the paths it reports (env-value-type replaces the
    # schema's invalid-type at env[].value, so the user sees one finding, not two).
    supersedes: frozenset[str] = frozenset()
    # Whether it needs a whole object, and so does not apply to a kustomize patch, which holds
    # only the fields it changes.
    needs_whole_object: bool = False


Check = Callable[[Any, Any], Iterator[Violation]]

# A rule's `QUICK_CHECKS` maps the name of a schema definition (`io.k8s.api.core.v1.Probe`), or
# OBJECT for the checked object itself, to yes/no predicates: each is true when a value of that
# definition certainly holds nothing the rule reports with its default options.
#
# The engine fuses them into the compiled schema check (`podlint.fastcheck`), which visits every
# value of an object alongside its schema: when the object is valid and every quick check of a
# rule is true wherever its definition occurs, the rule's `check` is skipped for that object.
# So a quick check sees only schema-valid values (never an explicit null), may answer no when
# unsure (`check` then decides), and must never answer yes about a value `check` would report.
# An empty mapping says that the schema check alone is enough.
#
# They run on nearly every object, so they are written for speed: schema-valid data needs no
# type checks (`objects.field_in`, `containers_in`, `name_of`), names and labels repeat
# (`naming.Accepted` remembers those a pattern accepted), and on a handful of items a plain
# loop costs less than `map` and `filter`.
OBJECT = "*"
QuickCheck = Callable[[Any], bool]
QuickChecks = Mapping[str, tuple[QuickCheck, ...]]


@dataclass(frozen=True)
class RuleModule:
    rule: Rule
    options_type: type
    check: Check | None
    doc: str
    module: ModuleType
    quick_checks: QuickChecks | None = None  # None: `check` runs on every object

    @property
    def id(self) -> str:
        return self.rule.id
