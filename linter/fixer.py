"""Fixes: located text edits applied round after round until nothing fixable is left, shown as a
unified diff or written back. The one place that writes files: atomically, keeping the file's
mode and byte-order mark, and never over a file that changed since it was read."""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Iterable

from podlint.engine import FixOutcome, Report, Settings, check_source
from podlint.findings import LocatedFix, TextEdit
from podlint.loader import load
from podlint.source import Source

MAX_ROUNDS = 5
_BOM = "\ufeff".encode()
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def applies(fix: LocatedFix | None, settings: Settings) -> bool:
    return fix is not None and bool(fix.edits) and (fix.safe or settings.unsafe_fixes)


def apply_fixes(text: str, fixes: Iterable[LocatedFix]) -> tuple[str, int]:
    """`text` with every fix whose edits overlap no edit of an earlier fix (in text order), and
    how many fixes that is. Fixes left out are found again on the next round."""
    accepted: list[TextEdit] = []
    chosen: set[tuple[TextEdit, ...]] = set()
    for fix in sorted(fixes, key=lambda fix: min(edit.start for edit in fix.edits)):
        if fix.edits in chosen or any(_overlap(edit, other) for edit in fix.edits for other in accepted):
            continue
        chosen.add(fix.edits)
        accepted.extend(fix.edits)
    pieces, position = [], 0
    for edit in sorted(accepted, key=lambda edit: edit.start):
        pieces += [text[position : edit.start], edit.text]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), len(chosen)


def _overlap(a: TextEdit, b: TextEdit) -> bool:
    return (a.start < b.end and b.start < a.end) or a.start == b.start


def fix_source(source: Source, settings: Settings) -> Report:
    """The report of the fixed text, with `fix` telling what changed. A round that would make
    the YAML unreadable (or create a duplicate key) cancels every fix: the text stays as it was."""
    first = check_source(source, settings)
    report, text, applied = first, source.text, 0
    for _ in range(MAX_ROUNDS):
        fixed, count = apply_fixes(text, [f.fix for f in report.findings if f.fix and applies(f.fix, settings)])
        if count == 0 or fixed == text:
            break
        damage = _new_parse_problem(source.text, fixed)
        if damage:
            first.fix = FixOutcome(source.text, source.text, 0, tuple(first.findings), damage)
            return first
        text, applied = fixed, applied + count
        report = check_source(Source(source.path, text), settings)
    report.fix = FixOutcome(source.text, text, applied, tuple(first.findings))
    return report


def _new_parse_problem(original: str, fixed: str) -> str:
    """Why the fixed text reads worse than the original ("" when it does not)."""
    before, after = load(original).violations, load(fixed).violations
    if len(after) <= len(before):
        return ""
    problem = after[-1]
    line = f" at line {problem.span.line}" if problem.span else ""
    return f"the fixes would give invalid YAML ({problem.message}{line}); nothing was fixed"


def write_fixed(path: str, outcome: FixOutcome) -> str | None:
    """Write the fixed text over `path`; the reason it was not written, or None."""
    target = os.path.realpath(path)
    try:
        with open(target, "rb") as handle:
            current = handle.read()
        if current != encoded_like(current, outcome.original):
            return "the file changed while it was checked; nothing was fixed"
        _replace_atomically(target, encoded_like(current, outcome.text))
    except OSError as error:
        return f"cannot write the fixes: {error.strerror or error}"
    return None


def _replace_atomically(target: str, data: bytes) -> None:
    """A temporary file in the same folder, renamed over the target: readers see the old or the
    new content, never half of it, and an error leaves the old file."""
    folder, name = os.path.split(target)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".podlint", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def unified_diff(path: str, outcome: FixOutcome) -> str:
    """The change as a unified diff; lines keep their own endings (CRLF shows as CRLF)."""
    lines = difflib.unified_diff(_LINE.findall(outcome.original), _LINE.findall(outcome.text), path, path)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def encoded_like(original: bytes, text: str) -> bytes:
    """`text` as UTF-8, with the byte-order mark `original` began with (the decoder drops it)."""
    return (_BOM if original.startswith(_BOM) else b"") + text.encode("utf-8")
