"""What a rule module declares. Rules live in `podlint.rules`, one module each, with:

- `RULE`: a `Rule` (metadata);
- `Options`: a frozen dataclass of typed options (may have no fields);
- `check(view, options)`: a generator of `Violation`s; `view` is a `PodSpec` for pod rules and a
  `KubeObject` for object rules. Engine-run rules (parse and schema) have no `check`.
- a docstring with the sections What it does / Why is this bad? / Example / Use instead /
  Options / Fix / References.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
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


@dataclass(frozen=True)
class RuleModule:
    rule: Rule
    options_type: type
    check: Check | None
    doc: str
    module: ModuleType

    @property
    def id(self) -> str:
        return self.rule.id
