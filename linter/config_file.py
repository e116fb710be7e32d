"""Reading one configuration file: `.podlint.yaml`, or the `[tool.podlint]` table of a
`pyproject.toml`, into plain data that remembers where each key is written."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from podlint.document import Document
from podlint.findings import Target
from podlint.loader import load
from podlint.source import SourceError, decode

PODLINT_YAML = ".podlint.yaml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = ("tool", "podlint")

KeyPath = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


class ConfigError(Exception):
    """A configuration problem, shown as one line: `file:line:col: message`."""

    def __init__(self, path: str, position: Position | None, message: str) -> None:
        super().__init__(message)
        self.path, self.position, self.message = path, position, message

    def __str__(self) -> str:
        where = shown_path(self.path)
        if self.position is not None:
            where += f":{self.position[0]}:{self.position[1]}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RawConfig:
    """The settings of one file as plain data; `position` finds where a key or value is written."""

    path: str
    data: dict[str, Any]
    position: Callable[[KeyPath, Target], Position | None]

    def error(self, key_path: KeyPath, message: str, target: Target = "key") -> ConfigError:
        return ConfigError(self.path, self.position(key_path, target), message)


def shown_path(path: str) -> str:
    """A path as the user knows it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def read_config(path: str) -> RawConfig | None:
    """The settings in `path`; None for a `pyproject.toml` without a `[tool.podlint]` table."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ConfigError(path, None, f"cannot read the configuration: {error.strerror or error}") from None
    try:
        text = decode(data)
    except SourceError as error:
        span = error.violation.span
        raise ConfigError(path, (span.line, span.column) if span else None, str(error)) from None
    if os.path.basename(path) == PYPROJECT or path.endswith(".toml"):
        return _read_toml(path, text)
    return _read_yaml(path, text)


def _read_yaml(path: str, text: str) -> RawConfig:
    loaded = load(text)
    for violation in loaded.violations:
        span = violation.span
        raise ConfigError(path, (span.line, span.column) if span else None, violation.message)
    document = next((doc for doc in loaded.documents if doc.data is not None), None)
    if document is None:
        return RawConfig(path, {}, lambda key_path, target: None)
    if not isinstance(document.data, dict):
        raise ConfigError(
            path,
            (document.node.start_mark.line + 1, document.node.start_mark.column + 1),
            "expected a mapping of settings",
        )
    return RawConfig(path, document.data, _yaml_positions(document))


def _yaml_positions(document: Document) -> Callable[[KeyPath, Target], Position | None]:
    def position(key_path: KeyPath, target: Target) -> Position | None:
        key, value, _ = document.walk(key_path)
        node = key if target == "key" and key is not None else value
        return node.start_mark.line + 1, node.start_mark.column + 1

    return position


# The TOML patterns are compiled on first use (re caches them): most runs read no TOML file.
_TOML_AT = r"\s*\(at line (\d+), column (\d+)\)$"


def _read_toml(path: str, text: str) -> RawConfig | None:
    # Imported here, not at the top: most runs read no TOML file, and start-up time counts.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(_TOML_AT, message)
        position = (int(found.group(1)), int(found.group(2))) if found else None
        raise ConfigError(path, position, f"invalid TOML: {re.sub(_TOML_AT, '', message)}") from None
    table: Any = document
    for name in TOOL_TABLE:
        if not isinstance(table, dict) or name not in table:
            return None
        table = table[name]
    if not isinstance(table, dict):
        raise ConfigError(path, None, "[tool.podlint] must be a table")
    lines = TomlKeyLines(text)
    return RawConfig(path, table, lambda key_path, target: lines.find(TOOL_TABLE + key_path))


_TOML_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_TOML_HEADER = rf"^\s*\[\s*({_TOML_KEY_PART}(?:\s*\.\s*{_TOML_KEY_PART})*)\s*\]"
_TOML_KEY = rf"^(\s*)({_TOML_KEY_PART}(?:\s*\.\s*{_TOML_KEY_PART})*)\s*="


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in re.findall(_TOML_KEY_PART, text))


class TomlKeyLines:
    """Where keys are written in TOML text. tomllib keeps no positions, and a configuration file
    is small and regular: scanning its table headers and `key =` lines is enough."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.keys: dict[tuple[str, ...], Position] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(self.lines, start=1):
            if line.lstrip().startswith("[["):
                table = ("[[",)  # arrays of tables hold nothing of podlint's
                continue
            header = re.match(_TOML_HEADER, line)
            if header:
                table = _dotted(header.group(1))
                self.keys.setdefault(table, (number, line.index("[") + 1))
                continue
            key = re.match(_TOML_KEY, line)
            if key:
                self.keys.setdefault(table + _dotted(key.group(2)), (number, len(key.group(1)) + 1))

    def find(self, key_path: KeyPath) -> Position | None:
        """The line and column of the key at `key_path` (list indexes point at their list's
        key); a key inside an inline table is searched for after its table's key."""
        names = tuple(part for part in key_path if isinstance(part, str))
        for length in range(len(names), 0, -1):
            found = self.keys.get(names[:length])
            if found is not None:
                return found if length == len(names) else self._inline(found, names[length:]) or found
        return None

    def _inline(self, start: Position, names: tuple[str, ...]) -> Position | None:
        pattern = re.compile(
            rf"""(?<![\w"'-])(?:{re.escape(names[-1])}|"{re.escape(names[-1])}"|'{re.escape(names[-1])}')\s*="""
        )
        for number in range(start[0], len(self.lines) + 1):
            line = self.lines[number - 1]
            if number > start[0] and re.match(_TOML_HEADER, line):
                return None
            found = pattern.search(line, start[1] if number == start[0] else 0)
            if found:
                return number, found.start() + 1
        return None
