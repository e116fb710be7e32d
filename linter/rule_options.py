"""A rule's options from configuration data, checked against its typed `Options` dataclass."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from typing import Any

from podlint.findings import Target
from podlint.schema_errors import did_you_mean, json_type

KeyPath = tuple[str | int, ...]


class OptionError(ValueError):
    """A bad option: `key_path` is relative to the rule's table of options; `target` says
    whether the option's name or its value is wrong."""

    def __init__(self, key_path: KeyPath, message: str, target: Target = "value") -> None:
        super().__init__(message)
        self.key_path, self.message, self.target = key_path, message, target


def option_names(options_type: type) -> list[str]:
    return [field.name for field in dataclasses.fields(options_type)]


def parse_options(rule_id: str, options_type: type, values: Any) -> Any:
    """An `options_type` instance from a mapping of option names to plain values."""
    if not isinstance(values, dict):
        raise OptionError((), f"options of {rule_id} must be a table, found {json_type(values)} `{values}`")
    names = option_names(options_type)
    hints = typing.get_type_hints(options_type)
    chosen: dict[str, Any] = {}
    for name, value in values.items():
        if name not in names:
            raise OptionError((name,), _unknown_option(rule_id, name, names), "key")
        try:
            chosen[name] = _convert(hints[name], value, (name,))
        except _WrongValue as wrong:
            raise OptionError(
                wrong.key_path, f'"{name}" must be {_describe(hints[name])}, found {wrong.found}'
            ) from None
    return options_type(**chosen)


class _WrongValue(ValueError):
    def __init__(self, key_path: KeyPath, value: Any) -> None:
        super().__init__(key_path)
        self.key_path, self.found = key_path, f"{json_type(value)} `{value}`"


def _unknown_option(rule_id: str, name: str, names: list[str]) -> str:
    if not names:
        return f'unknown option "{name}": rule {rule_id} has no options'
    suggestion = did_you_mean(name, names)
    hint = f'; did you mean "{suggestion}"?' if suggestion else f" (options: {', '.join(names)})"
    return f'unknown option "{name}" for rule {rule_id}{hint}'


def _convert(expected: Any, value: Any, key_path: KeyPath) -> Any:
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if expected is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        for choice in args:
            try:
                return _convert(choice, value, key_path)
            except _WrongValue:
                continue
    elif origin is typing.Literal:
        if value in args:
            return value
    elif origin in (tuple, list, frozenset, set):
        if isinstance(value, list):
            item_type = args[0] if args else Any
            return origin(_convert(item_type, item, key_path + (index,)) for index, item in enumerate(value))
    elif origin is dict:
        if isinstance(value, dict):
            return {key: _convert(args[1], item, key_path + (key,)) for key, item in value.items()}
    elif expected is type(None):
        if value is None:
            return None
    elif isinstance(expected, type) and issubclass(expected, enum.Enum):
        for member in expected:
            if member.value == value:
                return member
    elif _is_instance(value, expected):
        return float(value) if expected is float else value
    raise _WrongValue(key_path, value)


def _is_instance(value: Any, expected: Any) -> bool:
    if isinstance(value, bool):
        return expected is bool
    if expected is float:
        return isinstance(value, (int, float))
    return isinstance(expected, type) and isinstance(value, expected)


_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "a boolean", type(None): "null"}


def _describe(expected: Any) -> str:
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(choice) for choice in args)
    if origin is typing.Literal:
        return "one of " + ", ".join(str(choice) for choice in args)
    if origin in (tuple, list, frozenset, set):
        item = _describe(args[0]) if args else "values"
        return "a list of " + item.removeprefix("a ").removeprefix("an ") + ("" if item == "values" else "s")
    if origin is dict:
        return "a table"
    if isinstance(expected, type) and issubclass(expected, enum.Enum):
        return "one of " + ", ".join(str(member.value) for member in expected)
    return _NAMES.get(expected, getattr(expected, "__name__", str(expected)))
