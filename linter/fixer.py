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
from collections.abc import Iterable, Iterator

from podlint.engine import FixOutcome, Report, Settings, check_source
from podlint.findings import LocatedFix, TextEdit
from podlint.loader import parse_violations
from podlint.source import UTF16_BOMS, Source

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
    problems_before: int | None = None  # the original's parse problems, counted once if there is a fix
    for _ in range(MAX_ROUNDS):
        fixed, count = apply_fixes(text, [f.fix for f in report.findings if f.fix and applies(f.fix, settings)])
        if count == 0 or fixed == text:
            break
        if problems_before is None:
            problems_before = len(parse_violations(source.text))
        damage = _new_parse_problem(problems_before, fixed)
        if damage:
            first.fix = FixOutcome(source.text, source.text, 0, tuple(first.findings), damage)
            return first
        text, applied = fixed, applied + count
        report = check_source(Source(source.path, text), settings)
    report.fix = FixOutcome(source.text, text, applied, tuple(first.findings))
    return report


def _new_parse_problem(problems_before: int, fixed: str) -> str:
    """Why the fixed text reads worse than the original, which had `problems_before` parse
    problems ("" when it does not)."""
    after = parse_violations(fixed)
    if len(after) <= problems_before:
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
    original, fixed = outcome.original, outcome.text
    if _line_count(original) == _line_count(fixed):
        lines: Iterable[str] = _line_by_line_diff(original, fixed, path)
    else:  # a fix joined or split lines; difflib takes minutes on a big file, so only then
        lines = difflib.unified_diff(_LINE.findall(original), _LINE.findall(fixed), path, path)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _line_count(text: str) -> int:
    return text.count("\n") + (not text.endswith("\n") and bool(text))


def _line_pairs(original: str, fixed: str) -> Iterator[tuple[int, tuple[str, str]]]:
    """Line i of both texts, read as they go (a big file's lines would weigh more than it)."""
    lines = map(re.Match.group, _LINE.finditer(original)), map(re.Match.group, _LINE.finditer(fixed))
    return enumerate(zip(*lines, strict=True))


def _line_by_line_diff(original: str, fixed: str, path: str, context: int = 3) -> Iterator[str]:
    """The unified diff of two texts of as many lines, where line i became line i (as fixes
    that edit within lines leave them), hunk for hunk as `difflib.unified_diff` writes it."""
    hunks: list[list[int]] = []  # the changed lines of each hunk
    for index, (old, new) in _line_pairs(original, fixed):
        if old == new:
            continue
        if hunks and index - hunks[-1][-1] - 1 <= 2 * context:
            hunks[-1].append(index)
        else:
            hunks.append([index])
    if not hunks:
        return
    count = _line_count(original)
    ranges = [(max(hunk[0] - context, 0), min(hunk[-1] + 1 + context, count)) for hunk in hunks]
    shown = {index for start, stop in ranges for index in range(start, stop)}
    lines = {index: pair for index, pair in _line_pairs(original, fixed) if index in shown}
    yield f"--- {path}\n"
    yield f"+++ {path}\n"
    for start, stop in ranges:
        span = _hunk_range(start, stop)
        yield f"@@ -{span} +{span} @@\n"
        index = start
        while index < stop:
            old, new = lines[index]
            if old == new:
                yield " " + old
                index += 1
                continue
            run = range(index, next((i for i in range(index, stop) if lines[i][0] == lines[i][1]), stop))
            yield from ("-" + lines[i][0] for i in run)
            yield from ("+" + lines[i][1] for i in run)
            index = run.stop


def _hunk_range(start: int, stop: int) -> str:
    """A hunk's `start,length` as difflib writes it (1-based; the length left out when 1)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def encoded_like(original: bytes, text: str) -> bytes:
    """`text` in the encoding of `original`, with the byte-order mark it began with (the decoder
    drops it): UTF-8, or UTF-16 in its byte order."""
    if original.startswith(UTF16_BOMS):
        encoding = "utf-16-le" if original.startswith(UTF16_BOMS[0]) else "utf-16-be"
        return original[:2] + text.encode(encoding)
    return (_BOM if original.startswith(_BOM) else b"") + text.encode("utf-8")
