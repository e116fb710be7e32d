"""The comments of a YAML source. The parser drops them, so they are found in the lines, but only
where YAML has a comment: a `#` at the start of a line or after whitespace, and outside every
quoted and block scalar (a `#` inside a `|` block or a quoted string is text)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from podlint.document import Document
from podlint.source import LINE_BREAK, Source

_TEXT_STYLES = frozenset({'"', "'", "|", ">"})
_BLOCK_STYLES = frozenset({"|", ">"})


@dataclass(frozen=True)
class Comment:
    line: int  # 1-based
    column: int  # 1-based, of the `#`
    text: str  # from the `#` to the end of the line
    alone: bool  # nothing but whitespace before it on its line


class Comments:
    """The comments of `source`; `hiding_places` are those of all its documents, sorted."""

    def __init__(self, source: Source, hiding_places: list[tuple[int, int]]) -> None:
        self.text = source.text
        self.lines = source.lines
        self.text_starts = [start for start, _ in hiding_places]
        self.text_ends = [end for _, end in hiding_places]

    def containing(self, marker: str) -> Iterator[Comment]:
        """The comments whose text contains `marker`, in line order."""
        at = self.text.find(marker)
        while at >= 0:
            index = self.lines.index_at(at)
            comment = self.on_line(index + 1)
            if comment is not None and marker in comment.text:
                yield comment
            at = self.text.find(marker, self.lines.start(index + 1)) if index + 1 < len(self.lines) else -1

    def on_line(self, number: int) -> Comment | None:
        line = self.lines[number - 1]
        column = line.find("#")
        while column >= 0:
            if (column == 0 or line[column - 1] in " \t") and not self._in_text(self.lines.start(number - 1) + column):
                return Comment(number, column + 1, line[column:], not line[:column].strip())
            column = line.find("#", column + 1)
        return None

    def next_content_line(self, number: int) -> int | None:
        """The first line after `number` with something other than whitespace and comments."""
        for following in range(number + 1, len(self.lines) + 1):
            text = self.lines[following - 1].strip()
            if not text:
                continue
            comment = self.on_line(following) if text.startswith("#") else None
            if comment is None or not comment.alone:
                return following
        return None

    def _in_text(self, offset: int) -> bool:
        index = bisect.bisect_right(self.text_starts, offset) - 1
        return index >= 0 and offset < self.text_ends[index]


def hiding_places(document: Document, text: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of the quoted and block scalars of `document` that hold a `#`:
    there it is text, not a comment. Scalars never nest."""
    for node in _scalars(document.node):
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in _TEXT_STYLES and text.find("#", start, end) >= 0:
            if node.style in _BLOCK_STYLES:  # a comment may follow `|` or `>`: the text starts below
                start = _line_after(text, start, end)
            yield start, end


def _line_after(text: str, start: int, end: int) -> int:
    line_break = LINE_BREAK.search(text, start, end)
    return line_break.end() if line_break else end


def _scalars(root: Node) -> Iterator[ScalarNode]:
    """Every scalar node once, aliases followed once (a shared node is visited one time)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            yield node
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
