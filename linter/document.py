"""A parsed YAML document: its JSON-like data and the node tree that remembers positions.

This is the one place that turns a path (`spec.containers[1].ports[0]`) into a line and column.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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
            if isinstance(node, MappingNode) and isinstance(element, str):
                member = _members(node).get(element)
                if member is None:
                    return None
                if member.via is not None:  # found through `<<: *base`
                    return _alias_after(member.via, lines)
                if _before(member.value, member.key):  # an anchor comes before its aliases
                    return _alias_after(member.key, lines)
                node = member.value
                continue
            if not (isinstance(node, SequenceNode) and isinstance(element, int) and 0 <= element < len(node.value)):
                return None
            if _aliased_item(node, element):
                return None  # its `*name` is not tied to a node to start from: the anchor's place
            node = node.value[element]
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
                for member in _members(node).values():
                    pending += (member.key, member.value)
        return counts


def _child(node: Node, element: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, SequenceNode):
        if isinstance(element, int) and 0 <= element < len(node.value):
            return None, node.value[element]
        return None
    if isinstance(node, MappingNode) and isinstance(element, str):
        member = _members(node).get(element)
        return (member.key, member.value) if member is not None else None
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


class _Member(NamedTuple):
    key: Node
    value: Node
    via: Node | None  # the merge key `<<` that brought it in; None for the mapping's own key


def is_merge_key(node: Node) -> bool:
    """A plain `<<` key merges mappings into its mapping; quoted, it is an ordinary key."""
    return isinstance(node, ScalarNode) and not node.style and node.value == MERGE_KEY


def _members(node: MappingNode) -> dict[str, _Member]:
    """The keys of a mapping as go-yaml v2, which kubectl uses, reads them: in the order
    written, each key and each merge `<<` overriding what came before it (the last of equal
    keys wins; a key written before a `<<` loses to a merged one); of a merge's list of
    sources, the first that has a key wins."""
    members: dict[str, _Member] = {}
    for key, value in node.value:
        if not is_merge_key(key):
            members[key_text(key)] = _Member(key, value, None)
            continue
        for source in reversed(value.value) if isinstance(value, SequenceNode) else [value]:
            if isinstance(source, MappingNode):
                members.update({name: _Member(m.key, m.value, key) for name, m in _members(source).items()})
    return members


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
