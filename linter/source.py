"""Reading a file's bytes into text the way a user expects, or saying plainly why not."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from podlint.findings import Span, Violation

MAX_BYTES = 64 * 1024 * 1024
_BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")
# Go template actions that only Helm charts use; a ConfigMap holding a Prometheus alert
# (`{{ $labels.pod }}`) is a real manifest and is checked.
_HELM_ACTION = re.compile(
    r"^\s*\{\{|\{\{-?\s*(\.Values|\.Release|\.Chart|\.Capabilities|\.Template|\.Files"
    r"|include\b|template\b|toYaml\b|tpl\b|required\b|default\b)",
    re.MULTILINE,
)


@dataclass
class Source:
    """A file's text, with its lines split as the YAML parser counts them."""

    path: str
    text: str

    @functools.cached_property
    def lines(self) -> list[str]:
        """Split when first asked for: only files with findings or comments to read need it."""
        return _LINE_BREAK.split(self.text)


class SourceError(Exception):
    """A file that cannot be read as text: carries a positioned violation."""

    def __init__(self, violation: Violation) -> None:
        super().__init__(violation.message)
        self.violation = violation


def decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM) as the API server accepts; binary and other encodings are
    refused with the position of the first offending byte."""
    if len(data) > MAX_BYTES:
        raise SourceError(_violation(1, 1, f"file is larger than {MAX_BYTES // 2**20} MiB"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(_violation(1, 1, "file is UTF-16; Kubernetes manifests must be UTF-8"))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(_violation_at_offset(data, nul, "binary file (NUL byte); not a YAML manifest"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise SourceError(_violation_at_offset(data, error.start, f"invalid UTF-8 byte 0x{bad:02x}")) from None
    return text[1:] if text.startswith(_BOM) else text


_MANIFEST_KEY = re.compile(r"""(?:^|[\s{,])["']?(apiVersion|kind)["']?\s*:""", re.MULTILINE)


def looks_like_manifest(text: str) -> bool:
    """Whether unparsable text was meant as a Kubernetes manifest (it names both `apiVersion` and
    `kind`); other broken YAML and JSON (a tsconfig.json with comments) is not podlint's business."""
    return {match.group(1) for match in _MANIFEST_KEY.finditer(text)} == {"apiVersion", "kind"}


def is_helm_template(text: str) -> bool:
    return "{{" in text and _HELM_ACTION.search(text) is not None


def _violation_at_offset(data: bytes, offset: int, message: str) -> Violation:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
    return _violation(line, column, message)


def _violation(line: int, column: int, message: str) -> Violation:
    return Violation((), message, rule="yaml-syntax", span=Span(line, column, line, column + 1))
