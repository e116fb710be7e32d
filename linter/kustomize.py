"""Kustomize patches. A file that a kustomization names as a patch holds only the fields it
changes, the rest coming from the base it patches; the checks that need a whole object (every
required field, a selector with its template, a mount with its volume) do not apply to it."""

from __future__ import annotations

import functools
import os
from typing import Any

from podlint.loader import DocumentStream
from podlint.registry import all_rules

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
# Where a kustomization names its patch files: lists of paths, or of entries with a `path`.
_PATCH_LISTS = ("patches", "patchesStrategicMerge", "patchesJson6902")


def patches_near(folder: str) -> frozenset[str]:
    """The absolute paths of the files that a kustomization in `folder` (absolute) or the folder
    above names as patches."""
    return _patches_named_in(folder) | _patches_named_in(os.path.dirname(folder))


@functools.cache
def whole_object_rules() -> frozenset[str]:
    """The rules that do not apply to a patch."""
    return frozenset(rule_id for rule_id, module in all_rules().items() if module.rule.needs_whole_object)


def _patches_named_in(directory: str) -> frozenset[str]:
    for name in KUSTOMIZATION_FILES:
        try:
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            continue
        return frozenset(os.path.normpath(os.path.join(directory, patch)) for patch in _patch_paths(text))
    return frozenset()


def _patch_paths(text: str) -> list[str]:
    kustomization: Any = next((document.data for document in DocumentStream(text)), None)
    if not isinstance(kustomization, dict):
        return []
    entries = [entry for key in _PATCH_LISTS for entry in _list(kustomization, key)]
    # a path, or an entry with a `path` (people write a bare path under `patches` too)
    paths = [entry.get("path") if isinstance(entry, dict) else entry for entry in entries]
    return [path for path in paths if isinstance(path, str)]


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []
