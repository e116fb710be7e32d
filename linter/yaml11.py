"""YAML 1.1 scalar typing as the Kubernetes API server applies it.

kubectl and the API server convert YAML to JSON with go-yaml v2 before decoding, so a plain
(unquoted) scalar is typed by go-yaml v2's resolver: `yes`/`on`/`y` are booleans, `017` is octal,
`1_000` is an integer, timestamps stay strings. Quoted and block scalars are always strings.
"""

from __future__ import annotations

import math
import re

Scalar = str | int | float | bool | None

_BOOLEANS = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_SPECIAL: dict[str, Scalar] = {
    **_BOOLEANS,
    **dict.fromkeys(("~", "null", "Null", "NULL"), None),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
}
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_GO_INT = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)")
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2}))"
    r"|( [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?))?"
)
_INT64_MIN, _UINT64_MAX = -(2**63), 2**64 - 1
_NUMBER_START = frozenset("0123456789+-")


def _parse_go_int(text: str) -> int | None:
    """strconv.ParseInt(text, 0, 64), falling back to ParseUint as go-yaml does."""
    if not _GO_INT.fullmatch(text):
        return None
    sign = -1 if text[0] == "-" else 1
    digits = text.lstrip("+-")
    if len(digits) > 1 and digits[0] == "0" and digits[1] in "0123456789":
        value = sign * int(digits, 8)
    else:
        value = sign * int(digits, 0)
    return value if _INT64_MIN <= value <= _UINT64_MAX else None


def resolve_plain(text: str) -> Scalar:
    """The JSON value go-yaml v2 gives an untagged plain scalar."""
    if not text:
        return None
    if text in _SPECIAL:
        return _SPECIAL[text]
    first = text[0]
    if first == ".":
        if "_" not in text and _FLOAT.fullmatch(text):
            return float(text)
        return text
    if first not in _NUMBER_START or _TIMESTAMP.fullmatch(text):
        return text
    plain = text.replace("_", "")
    as_int = _parse_go_int(plain)
    if as_int is not None:
        return as_int
    if _FLOAT.fullmatch(plain):
        return float(plain)
    return text


STR_TAG = "tag:yaml.org,2002:str"
_RESOLVED_TAGS = {
    "tag:yaml.org,2002:int": (int,),
    "tag:yaml.org,2002:float": (float, int),
    "tag:yaml.org,2002:bool": (bool,),
    "tag:yaml.org,2002:null": (type(None),),
}


class TagError(ValueError):
    pass


def resolve_tagged(tag: str, text: str) -> Scalar:
    """The value of a scalar with an explicit tag (`!!str 80`, `!!int "5"`).

    Tags go-yaml cannot resolve (custom `!foo`) leave the text a string, as go-yaml does.
    """
    accepted = _RESOLVED_TAGS.get(tag)
    if accepted is None:
        return text
    value = resolve_plain(text)
    if tag.endswith(":float") and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, bool) and bool not in accepted:
        value = text  # a bool never satisfies !!int or !!float
    if not isinstance(value, accepted):
        short = "!!" + tag.rsplit(":", 1)[1]
        raise TagError(f"cannot decode `{text}` as {short}")
    return value


def value_text(value: Scalar) -> str:
    """How a typed scalar reads in JSON: `true`, `8080`, `0.5`; `1e3` is the float 1000.0,
    which JSON (and so the API server's error) writes `1000`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return "null" if value is None else str(value)
