"""Reading a file's bytes into text the way a user expects, or saying plainly why not."""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from podlint.findings import Span, Violation

MAX_BYTES = 64 * 1024 * 1024
_BOM = "\ufeff"
LINE_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")  # as YAML counts lines
_NEWLINE = re.compile("\n")
_RARE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
# Go template actions that only Helm charts use; a ConfigMap holding a Prometheus alert
# (`{{ $labels.pod }}`) is a real manifest and is checked, and so is a manifest whose YAML
# comments only mention a chart (`# set by {{ .Values.image }}`).
_HELM_ACTION = re.compile(
    r"^(?![ \t]*#)[^\n]*?\{\{-?\s*(\.Values|\.Release|\.Chart|\.Capabilities|\.Template|\.Files"
    r"|include\b|template\b|toYaml\b|tpl\b|required\b|default\b)",
    re.MULTILINE,
)
_TEMPLATE_LINE = re.compile(r"^[ \t]*\{\{", re.MULTILINE)
# A line that opens a block scalar (`key: |`, `- >-`), whose more indented lines are its text.
_BLOCK_SCALAR_HEADER = re.compile(r"(?:^|[:-])[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")


@dataclass
class Source:
    """A file's text, with its lines split as the YAML parser counts them."""

    path: str
    text: str

    @functools.cached_property
    def lines(self) -> Lines:
        """Indexed when first asked for: only files with findings or comments to read need it."""
        return Lines(self.text)


class Lines:
    """The lines of a text as YAML counts them (also at CR, NEL, LS and PS), without their line
    breaks. Only where each line starts is kept: a list of a million short strings would weigh
    three times the text of a big file."""

    def __init__(self, text: str) -> None:
        self.text = text
        breaks = LINE_BREAK if any(rare in text for rare in _RARE_BREAKS) else _NEWLINE
        self.starts = array("q", [0])
        self.starts.extend(map(re.Match.end, breaks.finditer(text)))

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> str:
        count = len(self.starts)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("line index out of range")
        start = self.starts[index]
        if index + 1 == count:
            return self.text[start:]
        end = self.starts[index + 1]
        return self.text[start : end - (2 if self.text.startswith("\r\n", end - 2) else 1)]

    def __iter__(self) -> Iterator[str]:
        return map(self.__getitem__, range(len(self.starts)))

    def start(self, index: int) -> int:
        """The offset in the text where line `index` (0-based) starts."""
        return self.starts[index]

    def index_at(self, offset: int) -> int:
        """The 0-based line of the character at `offset`."""
        return bisect.bisect_right(self.starts, offset) - 1


class SourceError(Exception):
    """A file that cannot be read as text: carries a positioned violation."""

    def __init__(self, violation: Violation) -> None:
        super().__init__(violation.message)
        self.violation = violation


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # little-endian, big-endian


def decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM), and UTF-16 with a BOM, which kubectl reads too; binary and
    other encodings are refused with the position of the first offending byte."""
    if len(data) > MAX_BYTES:
        raise SourceError(_violation(1, 1, f"file is larger than {MAX_BYTES // 2**20} MiB"))
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")  # the BOM tells the byte order, and is dropped
        except UnicodeDecodeError:
            raise SourceError(_violation(1, 1, "file starts like UTF-16 but is not valid UTF-16")) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(_violation_at_offset(data, nul, "binary file (NUL byte); not a YAML manifest"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise SourceError(_violation_at_offset(data, error.start, f"invalid UTF-8 byte 0x{bad:02x}")) from None
    return text[1:] if text.startswith(_BOM) else text


def lossy_decode(data: bytes) -> str:
    """Text good enough to tell what a file that `decode` refuses was meant to be: UTF-16 by its
    byte-order mark, anything else as UTF-8 with the bytes it cannot read replaced."""
    data = data[:MAX_BYTES]
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8", errors="replace")


_MANIFEST_KEY = re.compile(r"""(?:^|[\s{,])["']?(apiVersion|kind)["']?\s*:""", re.MULTILINE)


def looks_like_manifest(text: str) -> bool:
    """Whether unparsable text was meant as a Kubernetes manifest (it names both `apiVersion` and
    `kind`); other broken YAML and JSON (a tsconfig.json with comments) is not podlint's business."""
    named: set[str] = set()
    for match in _MANIFEST_KEY.finditer(text):
        named.add(match.group(1))
        if len(named) == 2:
            return True  # both near the top of a manifest: the rest of a big file is not read
    return False


def is_helm_template(text: str) -> bool:
    return "{{" in text and (_HELM_ACTION.search(text) is not None or _has_template_line(text))


def _has_template_line(text: str) -> bool:
    """Whether a line starts with a template action (`{{- if ... }}`, `{{- end }}`) where YAML
    structure is: in the text of a block scalar, such lines are data (a Vault agent template in
    an annotation, a config file in a ConfigMap)."""
    if _TEMPLATE_LINE.search(text) is None:  # most text with `{{` has it inside lines: no need to look closer
        return False
    block_indent = -1  # the indentation of the open block scalar's header line; -1: none
    for line in text.splitlines():
        content = line.lstrip(" \t")
        indent = len(line) - len(content)
        if block_indent >= 0:
            if not content or indent > block_indent:
                continue
            block_indent = -1
        if content.startswith("{{"):
            return True
        if _BLOCK_SCALAR_HEADER.search(line):
            block_indent = indent
    return False


def _violation_at_offset(data: bytes, offset: int, message: str) -> Violation:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
    return _violation(line, column, message)


def _violation(line: int, column: int, message: str) -> Violation:
    return Violation((), message, rule="yaml-syntax", span=Span(line, column, line, column + 1))
