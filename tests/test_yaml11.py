"""Plain scalars are typed as go-yaml v2 types them for the API server."""

from __future__ import annotations

import math

import pytest

from podlint.loader import load
from podlint.yaml11 import resolve_plain, value_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[(word, True) for word in ("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")],
        *[(word, False) for word in ("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")],
        *[(word, None) for word in ("~", "null", "Null", "NULL", "")],
        ("017", 15),
        ("0o17", 15),
        ("0x1F", 31),
        ("-0x10", -16),
        ("0b101", 5),
        ("1_000", 1000),
        ("+42", 42),
        ("3000", 3000),
        ("08", 8.0),
        ("1e3", 1000.0),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1.", 1.0),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("99999999999999999999", 1e20),
        ("2024-01-02", "2024-01-02"),
        ("2024-01-02T10:00:00Z", "2024-01-02T10:00:00Z"),
        ("12 GB", "12 GB"),
        ("1.2.3", "1.2.3"),
        ("yES", "yES"),
        ("0x", "0x"),
        ("500m", "500m"),
        ("1Gi", "1Gi"),
    ],
)
def test_plain_scalar(text: str, expected: object) -> None:
    value = resolve_plain(text)
    assert value == expected and type(value) is type(expected)


def test_nan_is_a_float() -> None:
    assert math.isnan(resolve_plain(".NaN"))  # type: ignore[arg-type]


def test_quoted_and_block_scalars_stay_strings() -> None:
    data = load("a: 'yes'\nb: \"017\"\nc: |\n  on\nd: >-\n  1e3\n").documents[0].data
    assert data == {"a": "yes", "b": "017", "c": "on\n", "d": "1e3"}


def test_explicit_tags() -> None:
    data = load("a: !!str 8080\nb: !!int '5'\nc: !!float 5\nd: !custom on\n").documents[0].data
    assert data == {"a": "8080", "b": 5, "c": 5.0, "d": "on"}
    assert type(data["c"]) is float


def test_bad_explicit_tag_is_a_positioned_syntax_finding() -> None:
    result = load("a: 1\nb: !!int abc\n")
    assert [(v.rule, v.span.line, v.span.column) for v in result.violations if v.span] == [("yaml-syntax", 2, 4)]


def test_keys_become_json_keys() -> None:
    data = load("on: 1\n80: http\n'yes': 2\n").documents[0].data
    assert data == {"true": 1, "80": "http", "yes": 2}


def test_value_text_writes_numbers_as_json_does() -> None:
    assert [value_text(v) for v in (True, None, 8080, 1000.0, 0.5, -2.0)] == [
        "true",
        "null",
        "8080",
        "1000",
        "0.5",
        "-2",
    ]
