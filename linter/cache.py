"""Reports of files checked before, so that unchanged files cost nothing on the next run.

A report is reused only when everything that decides it is the same: the file's bytes, the path
shown in its findings, its settings (Kubernetes version, rules, severities, options) and
podlint itself (its version and the size and time of every file of its code and schemas). Any
doubt is a miss: a cache can make podlint slower, never different.

The cache lives in `.podlint_cache/` of the working directory, or in `$PODLINT_CACHE_DIR`: one
file, read once at the start and written once at the end, atomically. Reading it admits only
podlint's own report records, so a cache file planted in a repository cannot run code.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import importlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from podlint import __version__
from podlint.engine import Report, Settings

CACHE_DIR_VARIABLE = "PODLINT_CACHE_DIR"
DEFAULT_DIR = ".podlint_cache"
FILE_NAME = "reports.pickle"
MAX_KEPT = 50_000  # reports of earlier runs kept beyond this run's
_ALLOWED_CLASSES = {
    ("podlint.engine", "Report"),
    ("podlint.findings", "Finding"),
    ("podlint.findings", "Span"),
    ("podlint.findings", "LocatedFix"),
    ("podlint.findings", "TextEdit"),
    ("podlint.findings", "Severity"),
}


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_DIR_VARIABLE) or DEFAULT_DIR)


class ReportCache:
    """Read on first use: a run too small to use the cache never touches it."""

    def __init__(self, directory: Path) -> None:
        self.file = directory / FILE_NAME
        self.now: dict[str, Report] = {}
        self.added = 0
        self._fingerprints: dict[int, tuple[Settings, bytes | None]] = {}

    @functools.cached_property
    def earlier(self) -> dict[str, Report]:
        return _read(self.file)

    @functools.cached_property
    def _code(self) -> bytes:
        return _code_fingerprint()

    def key(self, display_path: str, data: bytes, settings: Settings) -> str | None:
        """What decides the report; None when it must not be cached (fixes write files)."""
        fingerprint = self._fingerprint(settings)
        if fingerprint is None:
            return None
        digest = hashlib.blake2b(self._code, digest_size=20)
        digest.update(display_path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(fingerprint)
        digest.update(data)
        return digest.hexdigest()

    def _fingerprint(self, settings: Settings) -> bytes | None:
        """Memoized per settings object: files of one configuration share theirs."""
        known = self._fingerprints.get(id(settings))
        if known is None or known[0] is not settings:
            try:
                fingerprint = None if settings.fix else repr(_canonical(settings)).encode() + b"\0"
            except _Uncacheable:
                fingerprint = None
            known = self._fingerprints[id(settings)] = (settings, fingerprint)
        return known[1]

    def get(self, key: str) -> Report | None:
        report = self.now.get(key) or self.earlier.get(key)
        if report is not None:
            self.now[key] = report
        return report

    def put(self, key: str, report: Report) -> None:
        self.now[key] = report
        self.added += 1

    def save(self) -> None:
        """Writes this run's reports and the most recent earlier ones; nothing when every report
        came from the cache. A cache that cannot be written is skipped silently."""
        if not self.added:
            return
        kept = {key: report for key, report in self.earlier.items() if key not in self.now}
        recent = dict(list(kept.items())[-MAX_KEPT:])
        recent.update(self.now)
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            _mark_as_cache(self.file.parent)
            import tempfile  # only runs that add reports pay for it

            with tempfile.NamedTemporaryFile("wb", dir=self.file.parent, delete=False) as handle:
                pickle.dump(recent, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, self.file)
        except OSError:
            pass


class _ReportUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not a podlint report record")
        return super().find_class(module, name)


def _read(file: Path) -> dict[str, Report]:
    try:
        data = file.read_bytes()
    except OSError:
        return {}
    try:
        entries = _ReportUnpickler(io.BytesIO(data)).load()
    except Exception:  # anything unreadable or foreign is no cache at all
        return {}
    if not isinstance(entries, dict) or not all(isinstance(report, Report) for report in entries.values()):
        return {}
    return entries


def _mark_as_cache(directory: Path) -> None:
    """Keep the cache out of git and out of backups, as other tools' caches do."""
    ignore = directory / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by podlint automatically.\n*\n")
    tag = directory / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# This is a podlint cache directory.\n")


def _code_fingerprint() -> bytes:
    """podlint's version and the size and modification time of each of its files."""
    packages = [importlib.import_module(name) for name in ("podlint", "podlint.rules", "podlint.schemas")]
    parts = [__version__, sys.version]
    for folder in (folder for package in packages for folder in package.__path__):
        for root, folders, files in os.walk(folder):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json")):
                    stat = os.stat(os.path.join(root, name))
                    parts.append(
                        f"{os.path.relpath(os.path.join(root, name), folder)}:{stat.st_size}:{stat.st_mtime_ns}"
                    )
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=32).digest()


class _Uncacheable(Exception):
    pass


_PLAIN = (str, int, float, bool, bytes, type(None))


def _canonical(value: Any) -> Any:
    """`value` as nested tuples of plain values whose repr does not depend on set or dict order;
    a value of any other type is `_Uncacheable` (its repr may not say all it holds)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__qualname__,
            tuple((f.name, _canonical(getattr(value, f.name))) for f in dataclasses.fields(value)),
        )
    if isinstance(value, enum.Enum):
        return (type(value).__qualname__, value.value)
    if isinstance(value, dict):
        return ("dict", tuple(sorted(((_canonical(k), _canonical(v)) for k, v in value.items()), key=repr)))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted((_canonical(item) for item in value), key=repr)))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_canonical(item) for item in value))
    if isinstance(value, _PLAIN):
        return value
    raise _Uncacheable(type(value).__name__)
