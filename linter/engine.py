"""Runs every check on one source and turns violations into located, sorted findings."""

from __future__ import annotations

import functools
import gc
import re
from collections import defaultdict
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from typing import Any

from podlint.document import Document
from podlint.fastcheck import Validity
from podlint.findings import Finding, LocatedFix, Path, PathEdit, Severity, TextEdit, Violation, json_path
from podlint.kinds import missing_type_field, unknown_kind
from podlint.loader import DocumentStream
from podlint.objects import KubeObject, objects_in, pod_spec_of
from podlint.registry import all_rules
from podlint.rule import Check, QuickCheck, RuleModule, Scope
from podlint.schema import SchemaSet, schema_set
from podlint.schema_errors import schema_violations
from podlint.source import Source, is_helm_template, looks_like_manifest
from podlint.suppression import Suppressions


@dataclass(frozen=True)
class Settings:
    """What to check: the Kubernetes version, the enabled rules, their severities and options."""

    kube_version: str
    rules: frozenset[str]
    severities: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR  # findings at or above it fail the run
    fix: bool = False  # apply fixes (`--fix`, `--diff`), the unsafe ones too with `unsafe_fixes`
    unsafe_fixes: bool = False

    def options_for(self, module: RuleModule) -> Any:
        return self.options.get(module.id) or _default_options(module.options_type)


@functools.cache
def _default_options(options_type: type) -> Any:
    return options_type()  # frozen: one instance serves every object


@dataclass(frozen=True)
class _FastPath:
    """How the rules of a run take the fast path: `is_clean` is the compiled schema check fused
    with their quick checks; when it passes, only the rules in `remaining` still run."""

    is_clean: Validity
    remaining: frozenset[str]


@functools.lru_cache(maxsize=64)
def _fast_path(rule_ids: frozenset[str], configured: frozenset[str]) -> _FastPath:
    """Rules with options set (`configured`) keep their check: quick checks stand for the defaults."""
    extra: list[tuple[str, QuickCheck]] = []
    remaining = set()
    for rule_id in sorted(rule_ids):
        module = all_rules()[rule_id]
        if module.check is None:  # parse and schema rules: the engine reports those itself
            continue
        if module.quick_checks is None or rule_id in configured:
            remaining.add(rule_id)
            continue
        extra += [(name, check) for name, checks in module.quick_checks.items() for check in checks]
    return _FastPath(Validity(tuple(extra)), frozenset(remaining))


@functools.lru_cache(maxsize=256)
def _checks(rule_ids: frozenset[str], kind: str, has_pod: bool) -> tuple[tuple[str, bool, Check, Any], ...]:
    """The enabled checks that apply to an object of `kind` (with a pod spec or not), in id
    order: rule id, whether it checks the pod spec (else the object), check, default options."""
    checks = []
    for rule_id in sorted(rule_ids):
        module = all_rules()[rule_id]
        scope, kinds = module.rule.scope, module.rule.kinds
        if module.check is not None and (
            (scope is Scope.POD and has_pod) or (scope is Scope.OBJECT and (not kinds or kind in kinds))
        ):
            checks.append((rule_id, scope is Scope.POD, module.check, _default_options(module.options_type)))
    return tuple(checks)


@dataclass(frozen=True)
class FixOutcome:
    """What fixing did to a source: `text` is the fixed text (the original when nothing was
    applied), `before` the findings of the original text, `refused` why the fixes were not
    applied ("" when they were)."""

    original: str
    text: str
    applied: int = 0
    before: tuple[Finding, ...] = ()
    refused: str = ""

    @property
    def changed(self) -> bool:
        return self.text != self.original


@dataclass
class Report:
    """The findings of one source and what was checked; `fix` is set when fixes were asked for."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    fail_on: Severity = Severity.ERROR
    fix: FixOutcome | None = None
    # index -> `Kind/name` of each non-empty document ("" when it is not a Kubernetes object)
    document_labels: dict[int, str] = field(default_factory=dict)
    # why the source could not be checked ("" when it was): a defect in podlint, not in the file
    crash: str = ""

    @property
    def documents(self) -> int:
        return len(self.document_labels)


# Garbage that references itself (a view caching something that points back at it) is freed by
# the cyclic collector alone, which `gc_paused` holds off while a file is checked: its youngest
# generation is collected now and then, so such garbage is bounded by documents, not files.
# Reference counting frees the rest; collecting after each document would cost 8% of the time.
_COLLECT_EVERY = 100


def check_source(source: Source, settings: Settings) -> Report:
    """Documents are taken one at a time, checked and located while their node trees are alive,
    and let go: a file keeps only its findings (and what suppressions need)."""
    report = Report(source.path, fail_on=settings.fail_on)
    if is_helm_template(source.text):
        return report
    stream = DocumentStream(source.text)
    suppressions = Suppressions(source, settings.kube_version)
    parse_problems: list[Finding] = []
    located: list[Finding] = []
    for document in stream:
        suppressions.read(document)
        if document.data is not None:
            report.document_labels[document.index] = _document_label(document, settings)
            parse_problems += [_finding(source, None, v, settings) for v in _parse_violations(document)]
            located += _document_findings(source, document, settings)
        if document.index % _COLLECT_EVERY == _COLLECT_EVERY - 1:
            gc.collect(0)
    # like any parse problem, only in what is meant as a manifest
    if stream.error is not None and looks_like_manifest(source.text):
        parse_problems.append(_finding(source, None, stream.error, settings))
    enabled = [finding for finding in parse_problems + located if finding.rule in settings.rules]
    kept, problems = suppressions.apply(enabled, settings.rules)
    kept += [_finding(source, None, v, settings) for v in problems if v.rule in settings.rules]
    report.findings = sorted({(f.span, f.rule, f.message): f for f in kept}.values(), key=Finding.sort_key)
    return report


def _document_findings(source: Source, document: Document, settings: Settings) -> list[Finding]:
    found = [(v, obj) for v, obj in _document_violations(document, settings) if v.rule in settings.rules]
    partial = _partial_shared_edits(document, [v for v, _ in found]) if document.aliases else frozenset()
    return [_finding(source, (document, obj), violation, settings, partial) for violation, obj in found]


# An edit of a node (by `id`), whatever the path that reached it.
_NodeEdit = tuple[int, PathEdit]


def _partial_shared_edits(document: Document, violations: list[Violation]) -> set[_NodeEdit]:
    """The edits of a node that aliases share (`value: &port 8080` ... `value: *port`) that not
    every use asks for: editing its text would change the uses that are right as they are."""
    asked: defaultdict[_NodeEdit, set[Path]] = defaultdict(set)
    for violation in violations:
        for edit in violation.fix.edits if violation.fix else ():
            node = document.node_at(edit.path, edit.target)
            if node is not None and document.uses[id(node)] > 1:
                asked[(id(node), replace(edit, path=()))].add(edit.path)
    return {key for key, paths in asked.items() if len(paths) < document.uses[key[0]]}


def _parse_violations(document: Document) -> list[Violation]:
    """Parse problems of Kubernetes manifests only: a duplicate key inside a document that holds
    an object (a syntax error, in text that looks like a manifest). pre-commit hands podlint
    every YAML and JSON file, and the others are not its business."""
    data = document.data
    return document.violations if isinstance(data, dict) and data.get("apiVersion") and data.get("kind") else []


def _document_label(document: Document, settings: Settings) -> str:
    return ", ".join(obj.label for obj in objects_in(document, settings.kube_version) if obj.kind)


def _document_violations(document: Document, settings: Settings) -> Iterator[tuple[Violation, KubeObject]]:
    schemas = schema_set(settings.kube_version)
    fast_path = _fast_path(settings.rules, frozenset(settings.options))
    for obj in objects_in(document, settings.kube_version):
        if not obj.api_version or not obj.kind:
            problem = missing_type_field(schemas, obj)
            if problem is not None:
                yield problem, obj
            continue
        violations = list(_object_violations(obj, schemas, settings, fast_path))
        superseded = {(rule_id, v.path) for v in violations for rule_id in all_rules()[v.rule].rule.supersedes}
        for violation in violations:
            if (violation.rule, violation.path) not in superseded:
                yield violation, obj


def _object_violations(
    obj: KubeObject, schemas: SchemaSet, settings: Settings, fast_path: _FastPath
) -> Iterator[Violation]:
    definition = schemas.definition_for(obj.api_version, obj.kind)
    rule_ids = settings.rules
    if definition is None:
        problem = unknown_kind(schemas, obj)
        if problem is not None:
            yield problem
    elif fast_path.is_clean(schemas.version, definition, obj.data):
        rule_ids = fast_path.remaining  # most objects: valid, and nothing for most rules to say
        if not rule_ids:
            return
    else:
        yield from schema_violations(schemas, definition, obj.data, obj.base)
    pod = pod_spec_of(obj)
    options = settings.options
    for rule_id, checks_pod, check, default_options in _checks(rule_ids, obj.kind, pod is not None):
        # `Settings.options_for`, without a call per rule and object
        for violation in check(pod if checks_pod else obj, options.get(rule_id) or default_options):
            yield replace(violation, rule=rule_id)  # stamped: rule modules leave `rule` empty


def _finding(
    source: Source,
    where: tuple[Document, KubeObject] | None,
    violation: Violation,
    settings: Settings,
    partial: AbstractSet[_NodeEdit] = frozenset(),
) -> Finding:
    rule = all_rules()[violation.rule].rule
    severity = settings.severities.get(rule.id) or violation.severity or rule.severity
    if where is None:
        assert violation.span is not None
        return Finding(
            source.path,
            violation.span,
            rule.id,
            severity,
            violation.message,
            source_line=_line(source, violation.span.line),
        )
    document, obj = where
    span = violation.span or document.locate(violation.path, violation.target, source.lines)
    return Finding(
        path=source.path,
        span=span,
        rule=rule.id,
        severity=severity,
        message=violation.message,
        object=obj.label,
        document=document.index,
        json_path=json_path(violation.path),
        fix=_locate_fix(source, document, violation, partial),
        source_line=_line(source, span.line),
    )


def _line(source: Source, line: int) -> str:
    return source.lines[line - 1] if 0 < line <= len(source.lines) else ""


# The anchor (`&name`) and tag (`!!int`) written before a node's content, with the spaces after.
_PROPERTIES = re.compile(r"(?:[&!][^ \t\r\n]*[ \t\r\n]+)+")


def _locate_fix(
    source: Source, document: Document, violation: Violation, partial: AbstractSet[_NodeEdit]
) -> LocatedFix | None:
    """The fix of `violation` as text edits; None when an edit could change what the text means
    elsewhere than where it was asked for."""
    fix = violation.fix
    if fix is None:
        return None
    edits = []
    for edit in fix.edits:
        node = document.node_at(edit.path, edit.target)
        if node is None or (partial and (id(node), replace(edit, path=())) in partial):
            return None
        start, end = node.start_mark.index, node.end_mark.index
        original = source.text[start:end]
        properties = _PROPERTIES.match(original)
        if properties is not None:
            # A tag decides the type itself: under `!!int "12"` a quoted or replaced text keeps
            # the tag's type, and dropping the tag would override what the author wrote on
            # purpose, so a tagged node gets no fix. An anchor stays, and only the content after
            # it is edited: its aliases, each of which asked for the same edit, see the change.
            if any(token.startswith("!") for token in properties.group().split()):
                return None
            start += properties.end()
            original = original[properties.end() :]
        if not original or original.startswith(("|", ">", "#")):
            # a block scalar's span ends on a later line: replacing it would join lines; nor is
            # an edit put at a comment between an anchor and its content
            return None
        if edit.quote:
            text = _double_quoted(original)
        else:
            text = _keep_quotes(original, edit.text) if edit.keep_quotes else edit.text
        edits.append(TextEdit(start, end, text))
    return LocatedFix(fix.title, tuple(edits), fix.safe)


def _double_quoted(plain: str) -> str:
    """A plain scalar as a double-quoted YAML string with the same characters."""
    return '"' + plain.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _keep_quotes(original: str, replacement: str) -> str:
    """A replacement word keeps the quotes the user wrote around the original."""
    quote = original[:1]
    if quote in ("'", '"') and original.endswith(quote) and not replacement.startswith(quote):
        return f"{quote}{replacement}{quote}"
    return replacement
