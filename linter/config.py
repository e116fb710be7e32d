"""Configuration: `[tool.podlint]` in `pyproject.toml` or `.podlint.yaml`, the nearest one above
each checked file (or `--config`), validated strictly, combined with the command line into the
`Settings` the engine uses for that file."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from podlint.config_file import PODLINT_YAML, PYPROJECT, ConfigError, KeyPath, RawConfig, read_config
from podlint.engine import Settings
from podlint.findings import Severity, Target
from podlint.globs import matches
from podlint.kustomize import patches_near, whole_object_rules
from podlint.registry import all_rules
from podlint.rule_options import OptionError, parse_options
from podlint.schema import DEFAULT_VERSION, UnknownVersionError, check_version
from podlint.schema_errors import did_you_mean, json_type
from podlint.selection import ALL, enabled_rules, expand

# The files that hold configuration, in the order they are looked for in each folder.
CONFIG_FILES = (PODLINT_YAML, PYPROJECT)
SEVERITIES = tuple(severity.value for severity in Severity)


@dataclass(frozen=True)
class Config:
    """The settings of one configuration file (`path` None: the built-in defaults). Globs are
    relative to `root`, the folder of the file."""

    path: str | None
    root: str
    kube_version: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def relative(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def excludes(self, path: str) -> bool:
        if not self.exclude:
            return False
        relative = self.relative(path)
        return any(matches(pattern, relative) for pattern in self.exclude)

    def ignored_for(self, path: str) -> frozenset[str]:
        if not self.per_file_ignores:
            return frozenset()
        relative = self.relative(path)
        return frozenset(
            rule_id for pattern, ids in self.per_file_ignores if matches(pattern, relative) for rule_id in expand(ids)
        )


@dataclass(frozen=True)
class Overrides:
    """What the command line says; it wins over the configuration file."""

    kube_version: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity | None = None
    fix: bool = False
    unsafe_fixes: bool = False


def load_config(path: str) -> Config:
    """The validated settings of the configuration file `path` (`--config`)."""
    raw = read_config(path)
    if raw is None:
        raise ConfigError(path, None, "no [tool.podlint] table")
    return parse_config(raw)


def parse_config(raw: RawConfig) -> Config:
    values: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in raw.data.items():
        parser = _KEYS.get(key)
        if parser is not None:
            values[key.replace("-", "_")] = parser(raw, (key,), value)
        elif key in all_rules():
            options[key] = _rule_options(raw, key, value)
        else:
            suggestion = did_you_mean(key, [*_KEYS, *all_rules()])
            hint = f'; did you mean "{suggestion}"?' if suggestion else ""
            raise raw.error((key,), f'unknown key "{key}"{hint}')
    return Config(raw.path, os.path.dirname(os.path.abspath(raw.path)), options=options, **values)


def _rule_options(raw: RawConfig, rule_id: str, value: Any) -> Any:
    try:
        return parse_options(rule_id, all_rules()[rule_id].options_type, value)
    except OptionError as error:
        raise raw.error((rule_id, *error.key_path), error.message, error.target) from None


def _wrong_type(raw: RawConfig, key_path: KeyPath, expected: str, value: Any) -> ConfigError:
    key = next(part for part in reversed(key_path) if isinstance(part, str))
    return raw.error(key_path, f'"{key}" must be {expected}, found {json_type(value)} `{value}`', "value")


def _version(raw: RawConfig, key_path: KeyPath, value: Any) -> str:
    if not isinstance(value, str):
        hint = " (quote it: 1.30 reads as the number 1.3)" if isinstance(value, float) else ""
        raise raw.error(key_path, f'"kube-version" must be a string like "1.31"{hint}', "value")
    try:
        return check_version(value)
    except UnknownVersionError as error:
        raise raw.error(key_path, str(error), "value") from None


def _strings(raw: RawConfig, key_path: KeyPath, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _wrong_type(raw, key_path, "a list of strings", value)
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise _wrong_type(raw, key_path + (index,), "a list of strings", item)
    return tuple(value)


def _rule_ids(raw: RawConfig, key_path: KeyPath, value: Any) -> tuple[str, ...]:
    ids = _strings(raw, key_path, value)
    for index, rule_id in enumerate(ids):
        _known_rule(raw, key_path + (index,), rule_id, allow_all=True)
    return ids


def _known_rule(
    raw: RawConfig, key_path: KeyPath, rule_id: str, allow_all: bool = False, target: Target = "value"
) -> None:
    if rule_id in all_rules() or (allow_all and rule_id == ALL):
        return
    suggestion = did_you_mean(rule_id, list(all_rules()))
    hint = f'; did you mean "{suggestion}"?' if suggestion else " (see `podlint rules`)"
    raise raw.error(key_path, f'unknown rule id "{rule_id}"{hint}', target)


def _severity(raw: RawConfig, key_path: KeyPath, value: Any) -> Severity:
    if value not in SEVERITIES:
        raise _wrong_type(raw, key_path, f"one of {', '.join(SEVERITIES)}", value)
    return Severity(value)


def _severities(raw: RawConfig, key_path: KeyPath, value: Any) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise _wrong_type(raw, key_path, "a table of rule ids to severities", value)
    for rule_id in value:
        _known_rule(raw, key_path + (rule_id,), rule_id, target="key")
    return {rule_id: _severity(raw, key_path + (rule_id,), level) for rule_id, level in value.items()}


def _per_file_ignores(raw: RawConfig, key_path: KeyPath, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise _wrong_type(raw, key_path, "a table of globs to lists of rule ids", value)
    return tuple((pattern, _rule_ids(raw, key_path + (pattern,), ids)) for pattern, ids in value.items())


_KEYS: dict[str, Callable[[RawConfig, KeyPath, Any], Any]] = {
    "kube-version": _version,
    "select": _rule_ids,
    "ignore": _rule_ids,
    "extend-select": _rule_ids,
    "severity": _severities,
    "exclude": _strings,
    "per-file-ignores": _per_file_ignores,
    "fail-on": _severity,
}


def find_config(folder: str) -> Config | None:
    """The configuration file in `folder` itself, if it has one."""
    for name in CONFIG_FILES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            raw = read_config(candidate)
            if raw is not None:
                return parse_config(raw)
    return None


class ConfigResolver:
    """The configuration and settings of each checked file: `--config`, else the nearest
    configuration file above the file; looked up once per folder."""

    def __init__(self, overrides: Overrides, config_path: str | None = None) -> None:
        self.overrides = overrides
        self.explicit = load_config(config_path) if config_path else None
        self.defaults = Config(None, os.getcwd())
        self._by_folder: dict[str, Config] = {}
        self._by_given_folder: dict[str, Config] = {}
        self._settings: dict[tuple[int, frozenset[str]], Settings] = {}
        self._patches_by_given_folder: dict[str, frozenset[str]] = {}  # kustomize patches near each folder

    def config_for(self, path: str) -> Config:
        """The configuration of a file (for `-`, of the working directory)."""
        if self.explicit is not None:
            return self.explicit
        folder = os.path.dirname(path)  # memoized as given: abspath costs a getcwd per file
        found = self._by_given_folder.get(folder)
        if found is None:
            found = self._by_given_folder[folder] = self.config_in(os.path.dirname(os.path.abspath(path)))
        return found

    def config_in(self, folder: str) -> Config:
        """The nearest configuration at or above `folder`."""
        visited: list[str] = []
        found: Config | None = None
        while found is None:
            found = self._by_folder.get(folder) or find_config(folder)
            visited.append(folder)
            parent = os.path.dirname(folder)
            if found is None and parent == folder:
                found = self.defaults
            folder = parent
        for seen in visited:
            self._by_folder[seen] = found
        return found

    def _not_for_patches(self, path: str) -> frozenset[str]:
        """The rules that need a whole object, when a kustomization names the file as a patch."""
        folder = os.path.dirname(path)
        patches = self._patches_by_given_folder.get(folder)
        if patches is None:
            patches = self._patches_by_given_folder[folder] = patches_near(os.path.dirname(os.path.abspath(path)))
        return whole_object_rules() if patches and os.path.abspath(path) in patches else frozenset()

    def excluded(self, path: str) -> bool:
        return self.config_for(path).excludes(path)

    def settings_for(self, path: str) -> Settings:
        config = self.config_for(path)
        ignored = config.ignored_for(path) | self._not_for_patches(path)
        key = (id(config), ignored)
        if key not in self._settings:
            self._settings[key] = settings_of(config, self.overrides, ignored)
        return self._settings[key]


def settings_of(config: Config, overrides: Overrides, ignored: frozenset[str] = frozenset()) -> Settings:
    """Settings from a configuration, the command line on top (as ruff layers them: a `select`
    starts over, `extend-select` adds, `ignore` removes), then the file's per-file ignores."""
    rules = set(
        enabled_rules(list(config.select) if config.select else None, list(config.ignore), list(config.extend_select))
    )
    if overrides.select:
        rules = expand(overrides.select)
    rules = (rules | expand(overrides.extend_select)) - expand(overrides.ignore) - ignored
    return Settings(
        kube_version=overrides.kube_version or config.kube_version or DEFAULT_VERSION,
        rules=frozenset(rules),
        severities=dict(config.severity),
        options=dict(config.options),
        fail_on=overrides.fail_on or config.fail_on or Severity.ERROR,
        fix=overrides.fix,
        unsafe_fixes=overrides.unsafe_fixes,
    )
