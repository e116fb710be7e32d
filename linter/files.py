"""Which files a run checks: explicit files as given, directories searched for manifests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")
STDIN = "-"


class MissingPathError(FileNotFoundError):
    pass


def discover(paths: tuple[str, ...]) -> Iterator[str]:
    """Files in the order given; each directory walked in sorted order, skipping hidden folders."""
    for given in paths:
        if given == STDIN:
            yield given
        elif os.path.isdir(given):
            yield from _walk(Path(given))
        elif os.path.exists(given):
            yield given
        else:
            raise MissingPathError(given)


def _walk(root: Path) -> Iterator[str]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.endswith(MANIFEST_SUFFIXES):
                yield str(Path(folder, name))
