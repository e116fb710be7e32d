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

import _ruamel_yaml  # type: ignore[import-not-found]
from ruamel.yaml import nodes
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.tag import Tag

from podlint.document import MERGE_KEY, Document, is_merge_key, key_text, plain_key_text
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


class _ScalarNode(ScalarNode):
    """ruamel's nodes, built in one call instead of two with keywords: libyaml's composer makes
    one per value, and making them is most of its time (a fifth less with these)."""

    __slots__ = ()

    def __init__(self, tag: Any, value: Any, start_mark: Any, end_mark: Any, style: Any) -> None:
        self.ctag = tag if tag.__class__ is Tag else Tag(suffix=tag)
        self.value, self.start_mark, self.end_mark, self.style = value, start_mark, end_mark, style
        self.comment = self.anchor = None


def _collection_init(self: Any, tag: Any, value: Any, start_mark: Any, end_mark: Any, flow_style: Any) -> None:
    self.ctag = tag if tag.__class__ is Tag else Tag(suffix=tag)
    self.value, self.start_mark, self.end_mark, self.flow_style = value, start_mark, end_mark, flow_style
    self.comment = self.anchor = None


class _SequenceNode(SequenceNode):
    __slots__ = ()
    __init__ = _collection_init


class _MappingNode(MappingNode):
    __slots__ = ()
    __init__ = _collection_init  # `merge` is left unset: ruamel reads it with getattr(..., None)


# libyaml's composer builds nodes with the classes its module imported from ruamel.yaml.nodes:
# it gets the subclasses above, which anyone else composing with it can use the same way.
for _name, _fast in (("ScalarNode", _ScalarNode), ("SequenceNode", _SequenceNode), ("MappingNode", _MappingNode)):
    if getattr(_ruamel_yaml, _name, None) is getattr(nodes, _name):
        setattr(_ruamel_yaml, _name, _fast)


class _Parser(_ruamel_yaml.CParser):  # type: ignore[misc]
    """libyaml's composer with tag resolution left to podlint."""

    def resolve(self, kind: object, value: object, implicit: object) -> Tag:
        return _IMPLICIT

    # The composer calls these around every node; path resolution is not used. Builtins that
    # take the same arguments cost a fraction of a Python function call (7% of composing).
    descend_resolver = slice  # (parent, index)
    ascend_resolver = tuple  # ()


class _Reader:
    """The text handed to libyaml piece by piece as it asks for it: handed whole, the parser would
    keep a UTF-8 copy of all of it for as long as it parses."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0

    def read(self, size: int) -> str:
        start, self.position = self.position, self.position + size
        return self.text[start : self.position]


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)


class _ParseProblem(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class DocumentStream:
    """The documents of a text, each parsed and converted when it is asked for: once checked, a
    document's node tree and data can go, and a big multi-document file needs the memory of its
    biggest document rather than of all of them. A syntax error ends the documents; `error` then
    says where (the documents before it were given). What kubectl reads but libyaml refuses is
    rewritten (see `goyaml`) and parsed again from the start, skipping the documents given."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.error: Violation | None = None
        self.violations: list[Violation] = []  # those of the documents given, then `error`

    def __iter__(self) -> Iterator[Document]:
        rewrite = Rewrite.of(self.text)
        given = 0
        while True:
            try:
                for document in _documents(rewrite, skip=given):
                    given += 1
                    self.violations += document.violations
                    yield document
            except MarkedYAMLError as error:
                if rewrite.accept(error):
                    continue
                self.error = _syntax_violation(error, rewrite.text)
            except ReaderError as error:
                self.error = _refused_character(rewrite.text, error)
            except _ParseProblem as problem:
                self.error = _at(problem.line, problem.column, problem.message)
            if self.error is not None:
                self.violations.append(self.error)
            return


def load(text: str) -> LoadResult:
    """Every document of `text` at once, and the parse violations: duplicate keys, then the
    syntax error that ended parsing."""
    stream = DocumentStream(text)
    documents = list(stream)
    return LoadResult(documents, stream.violations)


def parse_violations(text: str) -> list[Violation]:
    """The parse violations of `text`, whose documents are let go as they are read."""
    stream = DocumentStream(text)
    for _ in stream:
        pass
    return stream.violations


def _documents(rewrite: Rewrite, skip: int) -> Iterator[Document]:
    """The documents of `rewrite.text` after the first `skip` (which are not converted)."""
    text = rewrite.text
    if _may_nest_too_deep(text):
        _check_depth_by_events(text)
    parser = _Parser(_Reader(text))
    index = 0
    while parser.check_node():
        with _composing():
            node = parser.get_node()
            if node is None:
                continue
            document = _document(index, node, rewrite) if index >= skip else None
        index += 1
        if document is not None:
            yield document


def _document(index: int, node: Node, rewrite: Rewrite) -> Document:
    if rewrite.offsets:
        rewrite.restore(node)
    violations: list[Violation] = []
    aliases = rewrite.text.find("*", node.start_mark.index, node.end_mark.index) >= 0  # `*name`
    data = _Converter(violations, aliases).convert(node, 0)
    return Document(index, data, node, violations, aliases)


def _syntax_violation(error: MarkedYAMLError, text: str) -> Violation:
    if error.problem_mark is not None and _indenting_tab(text, error.problem_mark.index):
        # libyaml: "found character that cannot start any token", or a tab that "violates indentation"
        message = "a tab indents this line; YAML indentation must use spaces"
    else:
        message = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
    return _at(*_error_position(error, text), f"YAML syntax error: {message}")


def _indenting_tab(text: str, index: int) -> bool:
    """Whether the character at `index` is a tab in the indentation of its line."""
    if text[index : index + 1] != "\t":
        return False
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return not text[line_start:index].strip(" \t")


def _error_position(error: MarkedYAMLError, text: str) -> tuple[int, int]:
    """Where a syntax error is (0-based line and column). libyaml finds what is left open (a
    `[`, a quote) at the end of the stream, which it places on a line after the last: the error
    is put where the open construct started, else at the end of the last line."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return 0, 0
    if mark.index < len(text):
        return mark.line, mark.column
    context = error.context_mark
    if context is not None and context.index < len(text):
        return context.line, context.column
    lines = Source("", text).lines
    last = len(lines) - 1
    if last > 0 and not lines[last]:  # the empty "line" after a final line break
        last -= 1
    return last, len(lines[last])


def _refused_character(text: str, error: ReaderError) -> Violation:
    """libyaml refuses control characters; it gives their position as a UTF-8 byte offset."""
    before = Source("", text.encode("utf-8", "surrogatepass")[: error.position].decode("utf-8", "replace"))
    line, column = len(before.lines) - 1, len(before.lines[-1])
    return _at(line, column, f"YAML syntax error: unacceptable character #x{error.character:04x}: {error.reason}")


def _at(line: int, column: int, message: str, rule: str = "yaml-syntax") -> Violation:
    return Violation((), message, rule=rule, span=Span(line + 1, column + 1, line + 1, column + 2))


def _may_nest_too_deep(text: str) -> bool:
    """Whether nesting can reach the composer's bound: every flow bracket may open a level, and
    block levels need ever deeper indentation, so they are bounded by the longest line."""
    if len(text) < _SAFE_COMPOSE_BOUND:
        return False
    flow = text.count("[") + text.count("{")
    return flow >= _SAFE_COMPOSE_BOUND or _has_line_of(text, _SAFE_COMPOSE_BOUND - flow)


def _has_line_of(text: str, length: int) -> bool:
    """Whether a line (counted between newlines: never shorter than a YAML line) is `length`
    characters or longer. Each step jumps past the last newline within `length` characters: no
    line that starts before it can be that long."""
    start = 0
    while len(text) - start >= length:
        last = text.rfind("\n", start, start + length)
        if last < 0:
            return True
        start = last + 1
    return False


def _check_depth_by_events(text: str) -> None:
    """libyaml's event parser keeps its own stack: scan it to refuse hostile nesting safely."""
    parser = _Parser(_Reader(text))
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
def _composing() -> Iterator[None]:
    """The composer and the converter recurse once per level of nesting, and make many objects
    and no garbage (see `gc_paused`)."""
    with _recursion_limit(_SAFE_COMPOSE_BOUND + 500), gc_paused():
        yield


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
    """Node tree -> JSON-like data, reporting duplicate keys. Where there may be `aliases`, a
    node that several aliases share is converted once, and every use counts towards the limit
    that refuses alias bombs; elsewhere the data cannot outgrow the text, and nothing is kept."""

    def __init__(self, violations: list[Violation], aliases: bool) -> None:
        self.violations = violations
        self.expanded = 0
        self.shared: dict[int, tuple[Any, int]] | None = {} if aliases else None

    def convert(self, node: Node, depth: int) -> Any:
        if isinstance(node, ScalarNode):
            self.expanded += 1
            if node.ctag is _IMPLICIT:
                return node.value if node.style else _plain_value(node.value)
            return self._tagged(node)
        if depth >= MAX_DEPTH:
            raise _ParseProblem(f"nesting deeper than {MAX_DEPTH} levels", node.start_mark.line, node.start_mark.column)
        if self.shared is None:
            self.expanded += 1
            return self._collection(node, depth)
        seen = self.shared.get(id(node))
        if seen is not None:  # an alias: its data is shared, but every use counts towards the limit
            data, size = seen
            self._count(size, node)
            return data
        before = self.expanded
        data = self._collection(node, depth)
        self.shared[id(node)] = (data, self.expanded - before)
        self._count(1, node)
        return data

    def _collection(self, node: Node, depth: int) -> Any:
        if isinstance(node, SequenceNode):
            return [self.convert(item, depth + 1) for item in node.value]
        assert isinstance(node, MappingNode)
        return self._mapping(node, depth)

    def _count(self, size: int, node: Node) -> None:
        self.expanded += size
        if self.expanded > MAX_EXPANDED_NODES:
            raise _ParseProblem(
                f"aliases expand to more than {MAX_EXPANDED_NODES:,} values (a YAML bomb?)",
                node.start_mark.line,
                node.start_mark.column,
            )

    def _tagged(self, node: ScalarNode) -> Any:
        tag = str(node.ctag)
        if tag == STR_TAG:
            return node.value
        try:
            return resolve_tagged(tag, node.value)
        except TagError as error:
            raise _ParseProblem(str(error), node.start_mark.line, node.start_mark.column) from None

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        """Keys are applied in the order written, as go-yaml v2 (kubectl's parser) applies them:
        a merge `<<` overrides the keys before it, and the keys after it override it."""
        data: dict[str, Any] = {}
        merged: set[str] | None = None  # keys a merge set last, which a key written after it may override
        convert = self.convert
        inline = 0  # scalar values converted here, counted before anything nested is
        for key_node, value_node in node.value:
            if key_node.__class__ is _ScalarNode and key_node.ctag is _IMPLICIT and not key_node.style:
                key = plain_key_text(key_node.value)
            elif isinstance(key_node, ScalarNode):
                key = key_text(key_node)
            else:
                raise _ParseProblem(
                    "a mapping key must be a scalar, not a collection",
                    key_node.start_mark.line,
                    key_node.start_mark.column,
                )
            if value_node.__class__ is _ScalarNode and value_node.ctag is _IMPLICIT:  # most values: inline
                inline += 1
                value = value_node.value if value_node.style else _plain_value(value_node.value)
            else:
                self.expanded += inline
                inline = 0
                value = convert(value_node, depth + 1)
            if key == MERGE_KEY and is_merge_key(key_node):  # the string test first: it is the hot path
                merged = merged or set()
                for source in reversed(self._merge_sources(value, value_node)):  # the first source wins
                    merged.update(source.keys() - (data.keys() - merged))
                    data.update(source)
                continue
            if key in data:
                if merged and key in merged:
                    merged.discard(key)
                else:
                    self.violations.append(
                        _at(
                            key_node.start_mark.line,
                            key_node.start_mark.column,
                            f"duplicate key `{key}`: the last value wins",
                            rule="duplicate-key",
                        )
                    )
            data[key] = value
        self.expanded += inline
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
