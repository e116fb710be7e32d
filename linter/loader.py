"""The only place that parses: text -> documents with positions, plus parse-level violations.

libyaml (through ruamel.yaml.clib) composes the node tree with marks; podlint types the scalars
itself the way the API server does (see `yaml11`) while turning nodes into plain JSON-like data.
"""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from _ruamel_yaml import CParser  # type: ignore[import-not-found]
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.tag import Tag

from podlint.document import MERGE_KEY, Document, key_text, plain_key_text
from podlint.findings import Span, Violation
from podlint.goyaml import Rewrite
from podlint.source import Source
from podlint.yaml11 import STR_TAG, TagError, resolve_plain, resolve_tagged

MAX_DEPTH = 1000
MAX_EXPANDED_NODES = 2_000_000
# libyaml's composer recurses in C: deep enough nesting overflows its stack. Below this bound
# of possible depth the composer is safe; above it, events are scanned first.
_SAFE_COMPOSE_BOUND = 3000
# The tag of every untagged node: one shared object, so that `node.ctag is _IMPLICIT` is the
# test, and the composer builds no Tag per node.
_IMPLICIT = Tag(suffix="?")
# Scalars repeat (keys, `TCP`, `IfNotPresent`...): their typing is memoized, with a bound.
_plain_value = functools.lru_cache(maxsize=8192)(resolve_plain)


class _Parser(CParser):  # type: ignore[misc]
    """libyaml's composer with tag resolution left to podlint."""

    def resolve(self, kind: object, value: object, implicit: object) -> Tag:
        return _IMPLICIT

    # The composer calls these around every node; path resolution is not used. Builtins that
    # take the same arguments cost a fraction of a Python function call (7% of composing).
    descend_resolver = slice  # (parent, index)
    ascend_resolver = tuple  # ()


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)


class _ParseProblem(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def load(text: str) -> LoadResult:
    """Parse every document of `text`; a syntax error ends parsing with a positioned violation,
    keeping the documents before it. What kubectl reads but libyaml refuses is rewritten (see
    `goyaml`) and parsed again."""
    rewrite = Rewrite.of(text)
    while True:
        result = LoadResult()
        try:
            _load_documents(rewrite, result)
        except MarkedYAMLError as error:
            if rewrite.accept(error):
                continue
            result.violations.append(_syntax_violation(error))
        except ReaderError as error:
            result.violations.append(_refused_character(rewrite.text, error))
        except _ParseProblem as problem:
            result.violations.append(_at(problem.line, problem.column, problem.message))
        return result


def _load_documents(rewrite: Rewrite, result: LoadResult) -> None:
    text = rewrite.text
    if _possible_depth(text) >= _SAFE_COMPOSE_BOUND:
        _check_depth_by_events(text)
    parser = _Parser(text)
    with _recursion_limit(_SAFE_COMPOSE_BOUND + 500), gc_paused():
        while parser.check_node():
            node = parser.get_node()
            if node is None:
                continue
            if rewrite.offsets:
                rewrite.restore(node)
            converter = _Converter(result.violations)
            data = converter.convert(node, 0)
            result.documents.append(Document(len(result.documents), data, node))


def _syntax_violation(error: MarkedYAMLError) -> Violation:
    mark = error.problem_mark or error.context_mark
    message = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    return _at(line, column, f"YAML syntax error: {message}")


def _refused_character(text: str, error: ReaderError) -> Violation:
    """libyaml refuses control characters; it gives their position as a UTF-8 byte offset."""
    before = Source("", text.encode("utf-8", "surrogatepass")[: error.position].decode("utf-8", "replace"))
    line, column = len(before.lines) - 1, len(before.lines[-1])
    return _at(line, column, f"YAML syntax error: unacceptable character #x{error.character:04x}: {error.reason}")


def _at(line: int, column: int, message: str, rule: str = "yaml-syntax") -> Violation:
    return Violation((), message, rule=rule, span=Span(line + 1, column + 1, line + 1, column + 2))


def _possible_depth(text: str) -> int:
    """An upper bound of the nesting depth: every flow bracket may open a level, and block
    levels need ever deeper indentation, so they are bounded by the longest line."""
    if len(text) < _SAFE_COMPOSE_BOUND:
        return 0
    flow = text.count("[") + text.count("{")
    if flow >= _SAFE_COMPOSE_BOUND:
        return flow
    return flow + max(map(len, text.splitlines()), default=0)


def _check_depth_by_events(text: str) -> None:
    """libyaml's event parser keeps its own stack: scan it to refuse hostile nesting safely."""
    parser = _Parser(text)
    depth = 0
    while True:
        event = parser.get_event()
        name = type(event).__name__
        if name in ("MappingStartEvent", "SequenceStartEvent"):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _ParseProblem(f"nesting deeper than {MAX_DEPTH} levels", mark.line, mark.column)
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            depth -= 1
        elif name == "StreamEndEvent":
            return


@contextmanager
def gc_paused() -> Iterator[None]:
    """Node trees are many objects and no garbage: the cyclic collector would walk the growing
    heap again and again while a big file loads and is checked (twice the time for a 20 MB
    file). Reference counting frees a file's objects when it is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _recursion_limit(limit: int) -> Iterator[None]:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


class _Converter:
    """Node tree -> JSON-like data, reporting duplicate keys and refusing alias bombs."""

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = violations
        self.expanded = 0
        self.shared: dict[int, tuple[Any, int]] = {}

    def convert(self, node: Node, depth: int) -> Any:
        if isinstance(node, ScalarNode):
            self.expanded += 1
            if node.ctag is _IMPLICIT:
                return node.value if node.style else _plain_value(node.value)
            return self._tagged(node)
        if depth >= MAX_DEPTH:
            raise _ParseProblem(f"nesting deeper than {MAX_DEPTH} levels", node.start_mark.line, node.start_mark.column)
        seen = self.shared.get(id(node))
        if seen is not None:  # an alias: its data is shared, but every use counts towards the limit
            data, size = seen
            self._count(size, node)
            return data
        before = self.expanded
        if isinstance(node, SequenceNode):
            data: Any = [self.convert(item, depth + 1) for item in node.value]
        else:
            assert isinstance(node, MappingNode)
            data = self._mapping(node, depth)
        self.shared[id(node)] = (data, self.expanded - before)
        self._count(1, node)
        return data

    def _count(self, size: int, node: Node) -> None:
        self.expanded += size
        if self.expanded > MAX_EXPANDED_NODES:
            raise _ParseProblem(
                f"aliases expand to more than {MAX_EXPANDED_NODES:,} values (a YAML bomb?)",
                node.start_mark.line,
                node.start_mark.column,
            )

    def _tagged(self, node: ScalarNode) -> Any:
        if node.tag == STR_TAG:
            return node.value
        try:
            return resolve_tagged(node.tag, node.value)
        except TagError as error:
            raise _ParseProblem(str(error), node.start_mark.line, node.start_mark.column) from None

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        data: dict[str, Any] = {}
        merged: list[dict[str, Any]] = []
        convert = self.convert
        for key_node, value_node in node.value:
            if key_node.__class__ is ScalarNode and key_node.ctag is _IMPLICIT and not key_node.style:
                key = plain_key_text(key_node.value)
            elif isinstance(key_node, ScalarNode):
                key = key_text(key_node)
            else:
                raise _ParseProblem(
                    "a mapping key must be a scalar, not a collection",
                    key_node.start_mark.line,
                    key_node.start_mark.column,
                )
            if value_node.__class__ is ScalarNode and value_node.ctag is _IMPLICIT:  # most values: inline
                self.expanded += 1
                value = value_node.value if value_node.style else _plain_value(value_node.value)
            else:
                value = convert(value_node, depth + 1)
            if key == MERGE_KEY and not key_node.style:
                merged.extend(self._merge_sources(value, value_node))
                continue
            if key in data:
                self.violations.append(
                    _at(
                        key_node.start_mark.line,
                        key_node.start_mark.column,
                        f"duplicate key `{key}`: the last value wins",
                        rule="duplicate-key",
                    )
                )
            data[key] = value
        for source in merged:
            for key, value in source.items():
                data.setdefault(key, value)
        return data

    @staticmethod
    def _merge_sources(value: Any, node: Node) -> list[dict[str, Any]]:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(source, dict) for source in sources):
            raise _ParseProblem(
                "a merge key `<<` takes a mapping or a list of mappings",
                node.start_mark.line,
                node.start_mark.column,
            )
        return sources
