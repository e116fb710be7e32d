"""Output formats: each module renders a run's findings as text for one audience."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from podlint.run import RunResult

FORMATS = ("full", "concise", "json", "sarif", "github", "junit")
# Whole documents: nothing else may be printed after them on the same stream.
DOCUMENT_FORMATS = frozenset({"json", "sarif", "junit"})


@dataclass(frozen=True)
class OutputContext:
    color: bool = False
    kube_version: str = ""


Renderer = Callable[[RunResult, OutputContext], str]


def default_format(to_terminal: bool) -> str:
    """Annotations in a GitHub Actions workflow, source excerpts for a person at a terminal,
    one line per finding for everything else (editors, pipes, files)."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full" if to_terminal else "concise"


def renderer(name: str) -> Renderer:
    """The `render` function of `podlint.output.<name>`; only the chosen format is imported."""
    module = importlib.import_module(f"podlint.output.{name}_format")
    render: Renderer = module.render
    return render
