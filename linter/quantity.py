"""Kubernetes resource quantities (`500m`, `1.5Gi`, `1e3`, `0.5`), read the way the API server
reads them: upstream `resource.ParseQuantity` (k8s.io/apimachinery/pkg/api/resource), to exact
decimals so that `1Gi > 1G` and `500m < 1` compare without rounding."""

from __future__ import annotations

import decimal
import functools
import math
from decimal import Decimal
from typing import Any

_DIGITS = frozenset("0123456789")
_SUFFIX_CHARACTERS = frozenset("eEinumkKMGTP")
_DECIMAL_SUFFIXES = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_BINARY_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_INT64_MAX = 2**63 - 1
_NANO = Decimal("1e-9")
# Products of exact decimals need as many digits as they have: never round.
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


class QuantityError(ValueError):
    """The text is not a quantity; the message says why, in the words a person needs."""


@functools.lru_cache(maxsize=4096)  # the same few quantities (`100m`, `128Mi`) fill every manifest
def parse_quantity(text: str) -> Decimal:
    """The value of a quantity string, or QuantityError. Like the API server's JSON decoding,
    surrounding whitespace is ignored; parsing rounds away from zero to a whole nano (`0.9n` is
    `1n`) and caps binary-suffixed values at 2^63-1, as upstream does."""
    text = text.strip()
    if not text:
        raise QuantityError("an empty string is not a quantity")
    negative, integer, fraction, suffix = _split(text)
    if suffix in _DECIMAL_SUFFIXES:
        base, exponent = 10, _DECIMAL_SUFFIXES[suffix]
    elif suffix in _BINARY_SUFFIXES:
        base, exponent = 2, _BINARY_SUFFIXES[suffix]
    else:
        base, exponent = 10, _exponent(suffix)
    magnitude = Decimal(f"{integer}.{fraction or '0'}")
    if base == 10:
        magnitude = magnitude.scaleb(exponent, _EXACT)
    else:
        magnitude = _EXACT.multiply(magnitude, Decimal(2**exponent))
    places = magnitude.as_tuple().exponent
    if isinstance(places, int) and places < -9:
        magnitude = magnitude.quantize(_NANO, rounding=decimal.ROUND_UP, context=_EXACT)
    if base == 2 and magnitude > _INT64_MAX:
        magnitude = Decimal(_INT64_MAX)
    return -magnitude if negative else magnitude


def quantity_value(value: Any) -> Decimal | None:
    """The value of a quantity as YAML typed it: a string is parsed, a number is taken as the
    JSON number it becomes; None for other types (the schema reports those). Raises
    QuantityError for a string that does not parse and for `.inf`/`.nan`, which have no JSON form."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return parse_quantity(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise QuantityError("YAML reads it as an infinite or not-a-number float, which has no JSON form")
        return parse_quantity(repr(value))
    return None


def _split(text: str) -> tuple[bool, str, str, str]:
    """Sign, integer digits, fraction digits and suffix, scanned exactly like upstream
    `parseQuantityString` (which accepts oddities such as `1.`, `.5` and a bare `-`)."""
    position, end = 0, len(text)
    negative = text[0] == "-"
    if text[0] in "+-":
        position = 1
    while position < end and text[position] == "0":
        position += 1
    if position == end:
        return negative, "0", "", ""
    start = position
    position = _skip(text, position, _DIGITS)
    integer = text[start:position] or "0"
    fraction = ""
    if position < end and text[position] == ".":
        start = position + 1
        position = _skip(text, start, _DIGITS)
        fraction = text[start:position]
    suffix_start = position
    position = _skip(text, position, _SUFFIX_CHARACTERS)
    if position < end and text[position] in "+-":
        position += 1
    position = _skip(text, position, _DIGITS)
    if position < end:
        raise QuantityError(
            "a quantity is a number with an optional suffix (Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or an exponent e3)"
        )
    return negative, integer, fraction, text[suffix_start:]


def _skip(text: str, position: int, allowed: frozenset[str]) -> int:
    while position < len(text) and text[position] in allowed:
        position += 1
    return position


def _exponent(suffix: str) -> int:
    """The power of ten of an `e`/`E` exponent suffix (`e3`, `E-6`, `e+2`)."""
    digits = suffix[1:]
    body = digits[1:] if digits[:1] in ("+", "-") else digits
    if suffix[:1] not in ("e", "E") or not body or not set(body) <= _DIGITS:
        raise QuantityError(f"unknown suffix `{suffix}`")
    parsed = int(digits)
    if abs(parsed) > _INT64_MAX:
        raise QuantityError(f"the exponent of `{suffix}` is out of range")
    return (parsed + 2**31) % 2**32 - 2**31  # upstream keeps it as an int32, wrapping
