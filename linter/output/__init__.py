"""Output formats: each module renders a run's findings as text for one audience."""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from podlint.run import RunResult

FORMATS = ("full", "concise", "json", "sarif", "github", "junit")


@dataclass(frozen=True)
class OutputContext:
    color: bool = False
    kube_version: str = ""


Renderer = Callable[[RunResult, OutputContext], str]


def renderer(name: str) -> Renderer:
    """The `render` function of `podlint.output.<name>`; only the chosen format is imported."""
    module = importlib.import_module(f"podlint.output.{name}_format")
    render: Renderer = module.render
    return render
