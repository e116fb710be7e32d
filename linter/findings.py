"""The records that flow from checks to output: violations (path-based) and findings (located)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Literal

PathElement = str | int
Path = tuple[PathElement, ...]
Target = Literal["key", "value"]


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Span:
    """1-based, end-exclusive source range."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class PathEdit:
    """A fix step expressed in document paths: replace the key or value at `path` with `text`,
    or, with `quote`, wrap the text the user wrote in double quotes (`text` is then unused).
    A replacement keeps the quotes the user wrote around the original unless `keep_quotes` is
    false (`"80"` -> `80`)."""

    path: Path
    text: str
    target: Target = "value"
    quote: bool = False
    keep_quotes: bool = True


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[PathEdit, ...]
    safe: bool = True


@dataclass(frozen=True)
class TextEdit:
    """A located replacement of the source text between two offsets (0-based, end-exclusive)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class LocatedFix:
    title: str
    edits: tuple[TextEdit, ...]
    safe: bool


@dataclass(frozen=True)
class Violation:
    """What a check reports: a path in the document, never a line number.

    `rule` is set by checks the engine runs itself (parse and schema); rule modules leave it
    empty and the engine stamps their id. `severity` overrides the rule's default for rules
    whose cases differ in gravity (probe-port).
    """

    path: Path
    message: str
    target: Target = "value"
    rule: str = ""
    severity: Severity | None = None
    fix: Fix | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Finding:
    path: str
    span: Span
    rule: str
    severity: Severity
    message: str
    object: str = ""
    document: int = 0
    json_path: str = ""
    fix: LocatedFix | None = None
    source_line: str = field(default="", compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.column, self.rule, self.message)


def json_path(path: Path) -> str:
    """`("spec", "containers", 0, "image")` -> `$.spec.containers[0].image`."""
    out = ["$"]
    for element in path:
        if isinstance(element, int):
            out.append(f"[{element}]")
        elif element.replace("_", "").replace("-", "").isalnum() and element[:1].isalpha():
            out.append(f".{element}")
        else:
            escaped = element.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)


def dotted_path(path: Path) -> str:
    """`("spec", "containers", 0, "image")` -> `spec.containers[0].image`."""
    return json_path(path)[1:].removeprefix(".")
