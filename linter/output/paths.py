"""File paths as CI systems want them: relative to the checkout, with forward slashes."""

from __future__ import annotations

import os
from pathlib import PurePath


def source_root() -> str:
    """The checkout the paths are relative to: GitHub's workspace in a workflow (steps may run
    in a subfolder), else the working directory."""
    return os.environ.get("GITHUB_WORKSPACE") or os.getcwd()


def relative_to_root(path: str) -> str | None:
    """`path` relative to `source_root()` with `/` separators, or None when it lies outside."""
    try:
        relative = os.path.relpath(path, source_root())
    except ValueError:  # another drive on Windows
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return PurePath(relative).as_posix()
