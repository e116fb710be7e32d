"""A parsed YAML document: its JSON-like data and the node tree that remembers positions.

This is the one place that turns a path (`spec.containers[1].ports[0]`) into a line and column.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from podlint.findings import Path, Span, Target, Violation
from podlint.source import Lines
from podlint.yaml11 import resolve_plain

MERGE_KEY = "<<"


def key_text(node: Node) -> str:
    """The JSON object key a YAML key becomes (sigs.k8s.io/yaml stringifies non-string keys)."""
    if not isinstance(node, ScalarNode):
        return str(node.value)
    if node.style or node.tag != "?":
        return str(node.value)
    return plain_key_text(node.value)


@functools.lru_cache(maxsize=4096)
def plain_key_text(text: str) -> str:
    """The JSON object key an untagged plain YAML key becomes."""
    value = resolve_plain(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return text if isinstance(value, float) else str(value)


@dataclass
class Document:
    """One YAML document of a file. `index` counts documents from 0 as they appear;
    `violations` are the parse problems inside it (duplicate keys); `aliases` is false when its
    text has no `*`, so that no node is reached by more than one path."""

    index: int
    data: Any
    node: Node
    violations: list[Violation] = field(default_factory=list)
    aliases: bool = True

    def walk(self, path: Path) -> tuple[Node | None, Node, bool]:
        """The key node and value node at `path`, and whether the whole path exists; when it
        does not, the deepest existing ancestor."""
        key: Node | None = None
        node: Node = self.node
        for element in path:
            found = _child(node, element)
            if found is None:
                return key, node, False
            key, node = found
        return key, node, True

    def locate(self, path: Path, target: Target, lines: Lines) -> Span:
        alias = self._alias_on(path, lines) if self.aliases else None
        if alias is not None:
            return alias
        key, value, _ = self.walk(path)
        node = key if target == "key" and key is not None else value
        return clamp_to_first_line(
            node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column, lines
        )

    def _alias_on(self, path: Path, lines: Lines) -> Span | None:
        """The `*name` through which `path` reaches a shared node, when it does: the place of
        this use, where a comment can suppress it (the node's own marks are the anchor's). None
        when the path crosses no alias, or when the alias cannot be told from the text."""
        node = self.node
        for element in path:
            found = _child(node, element)
            if found is None:
                return None
            key, child = found
            if key is None:  # a sequence item
                assert isinstance(element, int)
                if _aliased_item(node, element):
                    return None  # its `*name` is not tied to a node to start from: the anchor's place
                node = child
                continue
            if not any(member is key for member, _ in node.value):
                key = _merge_key(node)  # found through `<<: *base`
                return _alias_after(key, lines) if key is not None else None
            if _before(child, key):  # an anchor comes before its aliases
                return _alias_after(key, lines)
            node = child
        return None

    def node_at(self, path: Path, target: Target) -> Node | None:
        """The exact key or value node at `path`, or None when it is absent."""
        key, value, complete = self.walk(path)
        return (key if target == "key" else value) if complete else None

    @functools.cached_property
    def uses(self) -> Counter[int]:
        """How many paths reach each node (by `id`): more than one for a node that aliases share,
        through `*name` or a merge key `<<`, so that editing its text changes every use."""
        counts: Counter[int] = Counter()
        pending = [self.node]
        while pending:
            node = pending.pop()
            counts[id(node)] += 1
            if isinstance(node, SequenceNode):
                pending.extend(node.value)
            elif isinstance(node, MappingNode):
                for key, value in _members(node).values():
                    pending += (key, value)
        return counts


def _child(node: Node, element: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, SequenceNode):
        if isinstance(element, int) and 0 <= element < len(node.value):
            return None, node.value[element]
        return None
    if isinstance(node, MappingNode) and isinstance(element, str):
        found: tuple[Node | None, Node] | None = None
        for key, value in node.value:
            if key_text(key) == element:
                found = (key, value)  # the last one wins, as in go-yaml
        if found is None:
            for key, value in node.value:
                if key_text(key) == MERGE_KEY:
                    for source in value.value if isinstance(value, SequenceNode) else [value]:
                        found = _child(source, element) or found
        return found
    return None


def _before(node: Node, key: Node) -> bool:
    """Whether `node` was written before `key`: it is not the value written after `key:`."""
    return bool(node.start_mark.index < key.end_mark.index)


def _aliased_item(sequence: SequenceNode, index: int) -> bool:
    """Whether item `index` was brought into `sequence` by an alias: written before the sequence
    or before the item ahead of it."""
    items = sequence.value
    ahead = max(sequence.start_mark.index, items[index - 1].end_mark.index if index else 0)
    return bool(items[index].start_mark.index < ahead)


def _merge_key(node: MappingNode) -> Node | None:
    return next((key for key, _ in node.value if key_text(key) == MERGE_KEY), None)


_ALIAS_VALUE = re.compile(r"[ \t]*:[ \t]*(\*[^\s,\[\]{}]+)")


def _alias_after(key: Node, lines: Lines) -> Span | None:
    """The span of the `*name` right after `key:`, when that is what follows it."""
    offset = lines.start(key.end_mark.line) + key.end_mark.column
    match = _ALIAS_VALUE.match(lines.text, offset)
    if match is None:
        return None
    line = lines.index_at(match.start(1))
    column = match.start(1) - lines.start(line)
    return Span(line + 1, column + 1, line + 1, column + 1 + len(match.group(1)))


def _members(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    """The keys of a mapping as `_child` finds them: its own (the last of equal keys wins), else
    those of its merge sources (the last source wins)."""
    own: dict[str, tuple[Node, Node]] = {}
    merged: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        name = key_text(key)
        if name != MERGE_KEY:
            own[name] = (key, value)
            continue
        for source in value.value if isinstance(value, SequenceNode) else [value]:
            if isinstance(source, MappingNode):
                merged.update(_members(source))
    return merged | own


def clamp_to_first_line(line: int, column: int, end_line: int, end_column: int, lines: Lines) -> Span:
    """A 1-based span from 0-based marks, cut at the end of its first line so that a caret or an
    editor underline stays on one line even for a whole mapping."""
    if end_line != line:
        text = lines[line] if line < len(lines) else ""
        end_column = max(len(text.rstrip()), column + 1)
    elif end_column <= column:
        text = lines[line] if line < len(lines) else ""
        before = text[:column].rstrip()
        if before.endswith("-") and not text[column:].strip():  # an empty item: shown at its dash
            column = len(before) - 1
        end_column = column + 1
    return Span(line + 1, column + 1, line + 1, end_column + 1)
