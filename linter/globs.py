"""Path globs as configuration files use them (`exclude`, `per-file-ignores`).

A pattern with a `/` is anchored at the configuration file's folder and matches a file or any
folder above it (`charts/**/*.yaml`, `vendor/`); a pattern without one matches a file or folder
name at any depth (`*.generated.yaml`, `templates`). `*` and `?` stop at `/`, `**` crosses it.
"""

from __future__ import annotations

import functools
import re


@functools.cache
def _compile(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 1 :]:
            end = pattern.index("]", i + 1)
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            out.append("[^" + body[1:] + "]" if body.startswith("!") else "[" + body + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def matches(pattern: str, relative: str) -> bool:
    """Whether `relative` (a normalized `/`-separated path from the configuration folder) or one
    of the folders it is in matches `pattern`."""
    anchored = "/" in pattern.rstrip("/")
    regex = _compile(pattern.strip("/") if anchored else pattern.rstrip("/"))
    parts = relative.split("/")
    if anchored:  # the path, then each folder above it: `a/b/c.yaml`, `a/b`, `a`
        return any(regex.fullmatch("/".join(parts[:end])) for end in range(len(parts), 0, -1))
    return any(regex.fullmatch(part) for part in parts)
