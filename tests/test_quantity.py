"""Quantities parse like upstream `resource.ParseQuantity` (cases from its quantity_test.go)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from podlint.quantity import QuantityError, parse_quantity, quantity_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", "0"),
        ("1", "1"),
        ("500m", "0.5"),
        ("0.5", "0.5"),
        ("1e3", "1000"),
        ("1E-3", "0.001"),
        ("1.3E+6", "1300000"),
        ("1Ki", "1024"),
        ("1Gi", "1073741824"),
        ("1.5Gi", "1610612736"),
        ("1G", "1e9"),
        ("100.035k", "100035"),
        (".001", "0.001"),
        ("1.", "1"),
        ("1.G", "1e9"),
        ("-1.5", "-1.5"),
        ("+2", "2"),
        ("0.9n", "1e-9"),
        ("0.0000000001", "1e-9"),
        ("-0.0000000001", "-1e-9"),
        ("0.000000000001Ki", "2e-9"),
        ("9Ei", str(2**63 - 1)),
        ("12E", "1.2e19"),
        (" 1 ", "1"),
        (".", "0"),
        ("-", "0"),
    ],
)
def test_valid_quantities_have_exact_values(text: str, value: str) -> None:
    assert parse_quantity(text) == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1.1.M",
        "1+1.0M",
        "0.1mi",
        "0.1am",
        "aoeu",
        ".5i",
        "1i",
        "-3.01e-",
        "12 GB",
        "1GB",
        "1.5.0",
        "1gi",
        "1K",
        "1e",
        "1e1.5",
        "1 Gi",
    ],
)
def test_invalid_quantities_are_refused(text: str) -> None:
    with pytest.raises(QuantityError):
        parse_quantity(text)


def test_comparisons_are_exact_across_units() -> None:
    assert parse_quantity("500m") < parse_quantity("1")
    assert parse_quantity("1Gi") > parse_quantity("1G")
    assert parse_quantity("1024Mi") == parse_quantity("1Gi")
    assert parse_quantity("1e999999999") > parse_quantity("1E")


def test_yaml_numbers_are_quantities_and_other_types_are_not() -> None:
    assert quantity_value(0.5) == Decimal("0.5")
    assert quantity_value(2) == Decimal(2)
    assert quantity_value(True) is None
    assert quantity_value(None) is None
    assert quantity_value({"cpu": 1}) is None
    with pytest.raises(QuantityError):
        quantity_value(float("inf"))
