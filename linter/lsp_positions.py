"""Where podlint's locations are in an editor: LSP positions for spans and character offsets.

podlint counts lines as YAML does (also at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR) and
columns in characters, 1-based. The Language Server Protocol counts lines at CR, LF and CRLF only,
and columns in code units of the negotiated encoding (UTF-16 unless the client chooses another),
0-based. The two meet at character offsets into the text, so every conversion goes through one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from podlint.findings import Span
from podlint.source import Source

Position = tuple[int, int]
"""An LSP position: 0-based line and 0-based column in code units."""

_BOM = "\ufeff"
_LSP_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _utf8_units(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


UNIT_COUNTERS: dict[str, Callable[[str], int]] = {"utf-8": _utf8_units, "utf-16": _utf16_units, "utf-32": len}


class TextPositions:
    """Positions in one editor document.

    A leading byte order mark is not part of the manifest: `source` is the text podlint checks,
    and every offset taken or returned here is an offset into `source.text`.
    """

    def __init__(self, path: str, text: str, encoding: str = "utf-16") -> None:
        self._text = text
        self._skipped = 1 if text.startswith(_BOM) else 0
        self.source = Source(path, text[self._skipped :])
        self._units = UNIT_COUNTERS.get(encoding, _utf16_units)
        self._yaml_starts = _yaml_line_starts(self.source)
        breaks = list(_LSP_LINE_BREAK.finditer(text))
        self._lsp_starts = [0] + [found.end() for found in breaks]
        self._lsp_ends = [found.start() for found in breaks] + [len(text)]

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based podlint line and column, clamped to that line."""
        if line < 1:
            return 0
        if line > len(self._yaml_starts):
            return len(self.source.text)
        start = self._yaml_starts[line - 1]
        return start + min(max(column - 1, 0), len(self.source.lines[line - 1]))

    def span_offsets(self, span: Span) -> tuple[int, int]:
        start = self.offset(span.line, span.column)
        return start, max(start, self.offset(span.end_line, span.end_column))

    def position(self, offset: int) -> Position:
        """The LSP position of an offset; an offset inside a CRLF stays on its line."""
        full = min(max(offset, 0) + self._skipped, len(self._text))
        line = bisect.bisect_right(self._lsp_starts, full) - 1
        start = self._lsp_starts[line]
        return line, self._units(self._text[start : min(full, self._lsp_ends[line])])

    def offset_at(self, position: Position) -> int:
        """The offset of an LSP position; a column past the end of its line means the line's end,
        and one inside a character that takes several code units means the end of that character."""
        line, character = position
        if line >= len(self._lsp_starts):
            return len(self.source.text)
        start = self._lsp_starts[max(line, 0)]
        content = self._text[start : self._lsp_ends[max(line, 0)]]
        units = 0
        for index, char in enumerate(content):
            if units >= character:
                return max(start + index - self._skipped, 0)
            units += self._units(char)
        return max(start + len(content) - self._skipped, 0)


def _yaml_line_starts(source: Source) -> list[int]:
    """Where each of `source.lines` begins; the line breaks between them are one character
    except CRLF."""
    starts, offset = [], 0
    for line in source.lines:
        starts.append(offset)
        offset += len(line)
        offset += 2 if source.text.startswith("\r\n", offset) else 1
    return starts
