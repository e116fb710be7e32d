"""Name and label syntax as k8s.io/apimachinery/pkg/util/validation checks it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from podlint.naming import (
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
            ["app", "app.kubernetes.io/name", "Upper_Case.x-9", "a" * 63],
            ["", "/a", "a/", "a/b/c", "Example.com/a", "_a", "a b", "a" * 64, "é"],
        ),
        (label_value_problem, ["", "v1.4.2", "A_b-c.9", "a" * 63], ["v1+b", "-a", "a-", "a b", "a" * 64]),
    ],
)
def test_accepts_and_refuses_like_the_api_server(
    check: Callable[[str], str | None], good: list[str], bad: list[str]
) -> None:
    assert [value for value in good if check(value) is not None] == []
    assert [value for value in bad if check(value) is None] == []
