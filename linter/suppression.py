"""Suppressions: `# podlint: disable=...` comments (a line), `# podlint: disable-file=...` (the
file), and the `podlint.io/ignore` annotation (an object, or one pod template), which survives
Helm and Kustomize rendering. Applied by the engine to located findings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from podlint.comments import Comment, Comments, hiding_places
from podlint.document import Document
from podlint.findings import Finding, Span, Violation, json_path
from podlint.objects import get_in, objects_in, pod_spec_of
from podlint.registry import all_rules
from podlint.schema_errors import did_you_mean
from podlint.selection import ALL
from podlint.source import Source

ANNOTATION = "podlint.io/ignore"
MARKER = "podlint:"
UNUSED, INVALID = "unused-suppression", "invalid-suppression"
_DIRECTIVE = re.compile(r"#\s*podlint:\s*(?P<name>[\w-]*)\s*(?:=\s*(?P<ids>[\w-]+(?:\s*,\s*[\w-]+)*))?")
_ID = re.compile(r"[\w-]+")


class Region(Protocol):
    def covers(self, finding: Finding) -> bool: ...

    @property
    def where(self) -> str: ...


@dataclass(frozen=True)
class OnLine:
    line: int

    def covers(self, finding: Finding) -> bool:
        return finding.span.line == self.line

    @property
    def where(self) -> str:
        return f"on line {self.line}"


@dataclass(frozen=True)
class InFile:
    def covers(self, finding: Finding) -> bool:
        return True

    @property
    def where(self) -> str:
        return "in this file"


@dataclass(frozen=True)
class InSubtree:
    """Findings of one document whose path is at or under `prefix` (a JSON path)."""

    document: int
    prefix: str
    label: str

    def covers(self, finding: Finding) -> bool:
        path = finding.json_path
        return (
            finding.document == self.document
            and path.startswith(self.prefix)
            and path[len(self.prefix) : len(self.prefix) + 1] in ("", ".", "[")
        )

    @property
    def where(self) -> str:
        return f"in {self.label}"


@dataclass(frozen=True)
class RuleRef:
    """A rule id as written in a suppression, and where."""

    id: str
    span: Span


@dataclass(frozen=True)
class Suppression:
    refs: tuple[RuleRef, ...]
    region: Region

    def suppresses(self, ref: RuleRef, finding: Finding) -> bool:
        return ref.id in (ALL, finding.rule) and self.region.covers(finding)


class Suppressions:
    """The suppressions of one source. What they need from a document is read while the document
    is alive (`read`, each in turn: its annotations, and where a `#` in it is text rather than a
    comment); `apply` then filters the findings of them all."""

    def __init__(self, source: Source, kube_version: str) -> None:
        self.source = source
        self.kube_version = kube_version
        self.active = "podlint" in source.text
        self.has_directives = MARKER in source.text
        self.annotations: list[Suppression] = []
        self.annotation_problems: list[Violation] = []
        self.hiding_places: list[tuple[int, int]] = []

    def read(self, document: Document) -> None:
        if not self.active:
            return
        self.annotations += _annotation_suppressions(self.source, document, self.kube_version, self.annotation_problems)
        if self.has_directives:
            self.hiding_places += hiding_places(document, self.source.text)

    def apply(self, findings: list[Finding], rules: frozenset[str]) -> tuple[list[Finding], list[Violation]]:
        """The findings no suppression covers, and violations about the suppressions themselves
        (never suppressed): unknown rule ids and malformed directives (`invalid-suppression`),
        and suppressions of enabled rules that suppress nothing (`unused-suppression`)."""
        if not self.active:
            return findings, []
        problems: list[Violation] = []
        comments = Comments(self.source, sorted(self.hiding_places))
        suppressions = [*_comment_suppressions(comments, problems), *self.annotations]
        problems += self.annotation_problems
        problems += _unknown_ids(suppressions)
        used: set[tuple[int, int]] = set()
        kept: list[Finding] = []
        for finding in findings:
            hits = {
                (index, ref_index)
                for index, suppression in enumerate(suppressions)
                for ref_index, ref in enumerate(suppression.refs)
                if suppression.suppresses(ref, finding)
            }
            used |= hits
            if not hits:
                kept.append(finding)
        for index, suppression in enumerate(suppressions):
            for ref_index, ref in enumerate(suppression.refs):
                if (index, ref_index) not in used and (ref.id == ALL or ref.id in rules):
                    what = "finding" if ref.id == ALL else f"`{ref.id}` finding"
                    message = f"unused suppression: no {what} {suppression.region.where}"
                    problems.append(_violation(UNUSED, ref.span, message))
        return kept, problems


def _violation(rule: str, span: Span, message: str) -> Violation:
    return Violation((), message, rule=rule, span=span)


def _comment_suppressions(comments: Comments, problems: list[Violation]) -> Iterator[Suppression]:
    for comment in comments.containing(MARKER):
        directive = _DIRECTIVE.match(comment.text)
        if directive is None:
            continue  # `podlint:` later in an ordinary comment
        name = directive.group("name")
        start = comment.column - 1 + directive.start("name")
        span = Span(comment.line, start + 1, comment.line, start + 1 + max(len(name), 1))
        if name not in ("disable", "disable-file"):
            problems.append(
                _violation(
                    INVALID, span, f"unknown podlint directive `{name}`: use `disable=RULES` or `disable-file=RULES`"
                )
            )
            continue
        if directive.group("ids") is None:
            problems.append(
                _violation(INVALID, span, f"`{name}` names no rule: `# podlint: {name}=rule-a,rule-b` or `{name}=all`")
            )
            continue
        refs = tuple(
            RuleRef(found.group(), Span(comment.line, column, comment.line, column + len(found.group())))
            for found in _ID.finditer(directive.group("ids"))
            for column in [comment.column + directive.start("ids") + found.start()]
        )
        yield Suppression(refs, _comment_region(comment, name, comments))


def _comment_region(comment: Comment, name: str, comments: Comments) -> Region:
    if name == "disable-file":
        return InFile()
    if not comment.alone:
        return OnLine(comment.line)
    # alone on the last line, it covers its own line, where there is nothing to suppress
    return OnLine(comments.next_content_line(comment.line) or comment.line)


def _annotation_suppressions(
    source: Source, document: Document, kube_version: str, problems: list[Violation]
) -> Iterator[Suppression]:
    for obj in objects_in(document, kube_version):
        places = [(obj.at("metadata"), obj.base, obj.label)]
        pod = pod_spec_of(obj)
        if pod is not None and pod.is_template:
            template = obj.at(*pod.template_path)
            places.append((pod.metadata_path, template, f"the pod template of {obj.label}"))
        for metadata, subtree, label in places:
            path = metadata + ("annotations", ANNOTATION)
            value = get_in(document.data, path)
            if not isinstance(value, str):
                continue
            span = document.locate(path, "value", source.lines)
            refs = tuple(RuleRef(part.strip(), span) for part in value.split(",") if part.strip())
            if not refs:
                message = f"`{ANNOTATION}` names no rule: `rule-a,rule-b` or `all`"
                problems.append(_violation(INVALID, span, message))
                continue
            yield Suppression(refs, InSubtree(document.index, json_path(subtree), label))


def _unknown_ids(suppressions: list[Suppression]) -> Iterator[Violation]:
    for suppression in suppressions:
        for ref in suppression.refs:
            if ref.id == ALL or ref.id in all_rules():
                continue
            suggestion = did_you_mean(ref.id, list(all_rules()))
            hint = f"; did you mean `{suggestion}`?" if suggestion else " (see `podlint rules`)"
            yield _violation(INVALID, ref.span, f"unknown rule id `{ref.id}` in a suppression{hint}")
