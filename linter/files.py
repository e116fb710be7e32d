"""Which files a run checks: explicit files as given, directories searched for manifests."""

from __future__ import annotations

import os
from collections.abc import Iterator

MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")
STDIN = "-"


class MissingPathError(FileNotFoundError):
    pass


def discover(paths: tuple[str, ...], unreadable: list[str]) -> Iterator[str]:
    """Files in the order given; each directory walked in sorted order, skipping hidden folders.
    A folder that cannot be listed is added to `unreadable` ("path: reason") and skipped."""
    for given in paths:
        if given == STDIN:
            yield given
        elif os.path.isdir(given):
            yield from _walk(given, unreadable)
        elif os.path.exists(given):
            yield given
        else:
            raise MissingPathError(given)


def _walk(root: str, unreadable: list[str]) -> Iterator[str]:
    def skipped(error: OSError) -> None:
        unreadable.append(f"{os.path.normpath(error.filename)}: {error.strerror or error}")

    for folder, subfolders, files in os.walk(root, onerror=skipped):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.endswith(MANIFEST_SUFFIXES):
                yield os.path.normpath(os.path.join(folder, name))  # `./k8s/` lists `k8s/pod.yaml`
