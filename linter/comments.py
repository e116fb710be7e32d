"""The comments of a YAML source. The parser drops them, so they are found in the lines, but only
where YAML has a comment: a `#` at the start of a line or after whitespace, and outside every
quoted and block scalar (a `#` inside a `|` block or a quoted string is text)."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from podlint.document import Document
from podlint.source import Source

_TEXT_STYLES = frozenset({'"', "'", "|", ">"})


@dataclass(frozen=True)
class Comment:
    line: int  # 1-based
    column: int  # 1-based, of the `#`
    text: str  # from the `#` to the end of the line
    alone: bool  # nothing but whitespace before it on its line


class Comments:
    def __init__(self, source: Source, documents: list[Document]) -> None:
        self.lines = source.lines
        self.documents = documents
        self.starts: list[int] = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line)
            offset += 2 if source.text.startswith("\r\n", offset) else 1

    def containing(self, marker: str) -> Iterator[Comment]:
        """The comments whose text contains `marker`, in line order."""
        for number, line in enumerate(self.lines, start=1):
            if marker in line:
                comment = self.on_line(number)
                if comment is not None and marker in comment.text:
                    yield comment

    def on_line(self, number: int) -> Comment | None:
        line = self.lines[number - 1]
        column = line.find("#")
        while column >= 0:
            if (column == 0 or line[column - 1] in " \t") and not self._in_text(self.starts[number - 1] + column):
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
        starts, ends = self._text_scalars
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < ends[index]

    @functools.cached_property
    def _text_scalars(self) -> tuple[list[int], list[int]]:
        """Start and end offsets of the quoted and block scalars, sorted (scalars never nest)."""
        ranges = sorted(
            (node.start_mark.index, node.end_mark.index)
            for document in self.documents
            for node in _scalars(document.node)
            if node.style in _TEXT_STYLES
        )
        return [start for start, _ in ranges], [end for _, end in ranges]


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
