"""The syntax of Kubernetes names and labels, as k8s.io/apimachinery/pkg/util/validation checks it.
Each function returns what is wrong with a value, or None when the API server accepts it."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

_DNS1123_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
_QUALIFIED_NAME = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")
# Patterns that only valid values match, their length limits included (see `Accepted`); the
# functions below say what is wrong with the others.
_NAME_PART = r"[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?"
_SUBDOMAIN_PREFIX = r"(?=[^/]{1,253}/)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*/"
LABEL_KEY = re.compile(f"(?:{_SUBDOMAIN_PREFIX})?{_NAME_PART}")
LABEL_VALUE = re.compile(f"(?:{_NAME_PART})?")
DNS1123_LABEL = re.compile(r"[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?")
DNS1123_LABEL_MAX = 63
DNS1123_SUBDOMAIN_MAX = 253
QUALIFIED_NAME_MAX = 63
LABEL_VALUE_MAX = 63
# `$ITEM`, `${ENV}`: a shell placeholder that envsubst or sed fills in before the file is applied.
_PLACEHOLDER = re.compile(r"\$\{?[A-Za-z_]")


class Accepted:
    """The strings that `pattern` matches in full, remembered: names and labels repeat across
    the manifests of a project, and looking many strings up at once (`issuperset`, in C) costs
    far less than matching them one by one."""

    _LIMIT = 16384  # strings remembered; past it, the memory starts over

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.known: set[str] = set()

    def accepts(self, value: object) -> bool:
        """Whether `value` (a string, or any hashable value) is a string the pattern matches."""
        if value in self.known:
            return True
        if value.__class__ is not str or not self.pattern.fullmatch(value):
            return False
        if len(self.known) >= self._LIMIT:
            self.known.clear()
        self.known.add(value)
        return True

    def accepts_all(self, values: Collection[object]) -> bool:
        """Whether every one of `values` (looked at twice, so not an iterator) is a string the
        pattern matches."""
        return self.known.issuperset(values) or all(self.accepts(value) for value in values)


# Each check first asks a pattern that only valid values match, so that the usual valid value is
# answered at once; what is wrong with the others is worked out step by step.


@functools.lru_cache(maxsize=4096)  # container and volume names repeat across manifests
def dns1123_label_problem(value: str) -> str | None:
    """`IsDNS1123Label`: container names, volume names, namespaces."""
    if DNS1123_LABEL.fullmatch(value):
        return None
    if len(value.encode()) > DNS1123_LABEL_MAX:
        return f"must be at most {DNS1123_LABEL_MAX} characters"
    # short enough, so the pattern failed on the characters
    return "must be lowercase letters, digits and '-', starting and ending with a letter or digit"


def dns1123_subdomain_problem(value: str) -> str | None:
    """`IsDNS1123Subdomain`: the names of most objects."""
    if len(value) <= DNS1123_SUBDOMAIN_MAX and _DNS1123_SUBDOMAIN.fullmatch(value):
        return None
    if len(value.encode()) > DNS1123_SUBDOMAIN_MAX:
        return f"must be at most {DNS1123_SUBDOMAIN_MAX} characters"
    if not _DNS1123_SUBDOMAIN.fullmatch(value):
        return (
            "must be lowercase letters, digits, '-' and '.', each dot-separated part starting and "
            "ending with a letter or digit"
        )
    return None


def path_segment_problem(value: str) -> str | None:
    """`IsValidPathSegmentName`: RBAC objects and a few others, whose names may hold `:`."""
    if value in (".", ".."):
        return f"may not be '{value}'"
    for character in "/%":
        if character in value:
            return f"may not contain '{character}'"
    return None


@functools.lru_cache(maxsize=4096)  # the same few label keys (`app.kubernetes.io/name`) fill every manifest
def qualified_name_problem(value: str) -> str | None:
    """`IsQualifiedName`: label keys, an optional DNS subdomain prefix and `/` before a name."""
    if LABEL_KEY.fullmatch(value):
        return None
    parts = value.split("/")
    if len(parts) > 2:
        return "may contain at most one '/', between an optional DNS subdomain prefix and the name"
    name = parts[-1]
    if len(parts) == 2:
        prefix = parts[0]
        if not prefix:
            return "has an empty prefix before '/'"
        problem = dns1123_subdomain_problem(prefix)
        if problem is not None:
            return f"prefix `{prefix}` {problem}"
    if not name:
        return "has an empty name part"
    if len(name.encode()) > QUALIFIED_NAME_MAX:
        return f"name part must be at most {QUALIFIED_NAME_MAX} characters"
    if not _QUALIFIED_NAME.fullmatch(name):
        return "name part must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit"
    return None


@functools.lru_cache(maxsize=4096)  # a value is usually in the labels, the selector and the template
def label_value_problem(value: str) -> str | None:
    """`IsValidLabelValue`: empty, or a name of at most 63 characters."""
    if LABEL_VALUE.fullmatch(value):
        return None
    if len(value.encode()) > LABEL_VALUE_MAX:
        return f"must be at most {LABEL_VALUE_MAX} characters"
    # short enough, so the pattern failed on the characters
    return "must be empty or letters, digits, '-', '_' and '.', starting and ending with a letter or digit"


def has_placeholder(value: str) -> bool:
    """Whether a name holds a shell placeholder: the file is a template, and the name it will
    have is not known yet (like a Helm chart's, which podlint does not check at all)."""
    return "$" in value and _PLACEHOLDER.search(value) is not None
