"""`podlint config [PATH]`: the configuration that applies to a path, every key with its
effective value, as YAML a `.podlint.yaml` could hold."""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any

from podlint.config import Config
from podlint.config_file import shown_path
from podlint.engine import Settings
from podlint.registry import all_rules


def describe(path: str, config: Config, settings: Settings) -> str:
    origin = shown_path(config.path) if config.path else "built-in defaults (no configuration file found)"
    lines = [
        f"# configuration for {path}",
        f"# from {origin}",
        f"kube-version: {_value(settings.kube_version)}",
        f"select: {_value(list(config.select) if config.select else None)}",
        f"ignore: {_value(list(config.ignore))}",
        f"extend-select: {_value(list(config.extend_select))}",
        f"exclude: {_value(list(config.exclude))}",
        f"per-file-ignores: {_value({pattern: list(ids) for pattern, ids in config.per_file_ignores})}",
        f"fail-on: {_value(settings.fail_on)}",
        f"# excluded: {_value(config.path is not None and config.excludes(path))}",
        "severity:  # of every enabled rule" if settings.rules else "severity: {}  # no rule is enabled",
    ]
    for rule_id in sorted(settings.rules):
        severity = settings.severities.get(rule_id) or all_rules()[rule_id].rule.severity
        lines.append(f"  {rule_id}: {_value(severity)}")
    for rule_id, module in all_rules().items():
        if dataclasses.fields(module.options_type):
            options = dataclasses.asdict(settings.options_for(module))
            lines.append(f"{rule_id}: {_value(options)}")
    return "\n".join(lines) + "\n"


def _value(value: Any) -> str:
    """A value as YAML flow (JSON is YAML): lists, mappings, quoted strings."""
    return json.dumps(value, default=_plain, sort_keys=False)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (frozenset, set)):
        return sorted(value)
    raise TypeError(type(value).__name__)
