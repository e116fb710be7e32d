"""Name and label syntax as k8s.io/apimachinery/pkg/util/validation checks it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from podlint.naming import (
    DNS1123_LABEL,
    LABEL_KEY,
    LABEL_VALUE,
    Accepted,
    dns1123_label_problem,
    dns1123_subdomain_problem,
    label_value_problem,
    path_segment_problem,
    qualified_name_problem,
)


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (
            dns1123_label_problem,
            ["a", "web-1", "1st", "a" * 63],
            ["", "Web", "web-", "-web", "a.b", "a_b", "a" * 64, "web\n"],
        ),
        (
            dns1123_subdomain_problem,
            ["a.b-c.d", "sh.helm.release.v1.x.v1", "a" * 253],
            ["", "a..b", "a.-b", ".a", "A.b", "a" * 254],
        ),
        (path_segment_problem, ["system:controller:x", "Any Thing", "a.b"], [".", "..", "a/b", "50%"]),
        (
            qualified_name_problem,
            ["app", "app.kubernetes.io/name", "Upper_Case.x-9", "a" * 63, "a" * 253 + "/" + "b" * 63],
            ["", "/a", "a/", "a/b/c", "Example.com/a", "_a", "a b", "a" * 64, "é", "a" * 254 + "/b", "a/" + "b" * 64],
        ),
        (label_value_problem, ["", "v1.4.2", "A_b-c.9", "a" * 63], ["v1+b", "-a", "a-", "a b", "a" * 64, "a\n"]),
    ],
)
def test_accepts_and_refuses_like_the_api_server(
    check: Callable[[str], str | None], good: list[str], bad: list[str]
) -> None:
    assert [value for value in good if check(value) is not None] == []
    assert [value for value in bad if check(value) is None] == []


@pytest.mark.parametrize(
    ("pattern", "check"),
    [(DNS1123_LABEL, dns1123_label_problem), (LABEL_KEY, qualified_name_problem), (LABEL_VALUE, label_value_problem)],
)
def test_accepted_remembers_only_what_the_check_accepts(
    pattern: re.Pattern[str], check: Callable[[str], str | None]
) -> None:
    accepted = Accepted(pattern)
    values = ["web", "web", "Web", "web-", "a" * 63, "a" * 64, "app.kubernetes.io/name", "é", "", None, 8080]
    expected = [isinstance(value, str) and check(value) is None for value in values]
    assert [accepted.accepts(value) for value in values] == expected
    assert accepted.known == {value for value, valid in zip(values, expected, strict=True) if valid}
    assert [accepted.accepts_all(values[:n]) for n in (1, 2, 3)] == [expected[0], all(expected[:2]), all(expected[:3])]


def test_accepted_starts_over_past_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Accepted, "_LIMIT", 2)
    accepted = Accepted(DNS1123_LABEL)
    assert all(accepted.accepts(name) for name in ("a", "b", "c"))
    assert accepted.known == {"c"}
