"""Every rule's fixtures: `tests/rules/<rule-id>/fail_*.yaml` declare each expected finding in a
header comment `# expect: LINE:COLUMN [severity]`; `pass_*.yaml` must give none. Only the rule
under test runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import lint_text
from podlint.registry import all_rules

HERE = Path(__file__).parent
EXPECT = re.compile(r"^# expect: (\d+):(\d+)(?: (error|warning|info))?\s*$", re.MULTILINE)
FIXTURES = sorted(p for p in HERE.glob("*/*.yaml") if p.name.startswith(("fail_", "pass_")))


def test_fixture_folders_name_real_rules() -> None:
    assert {p.name for p in HERE.iterdir() if p.is_dir() and p.name != "__pycache__"} <= set(all_rules())


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(fixture: Path) -> None:
    rule_id = fixture.parent.name
    text = fixture.read_bytes().decode("utf-8")  # not read_text: it would turn CRLF fixtures into LF
    findings = lint_text(text, select=(rule_id,), path=str(fixture))
    found = sorted((f.line, f.column, f.severity.value) for f in findings)
    expected = sorted(
        (int(line), int(column), severity or all_rules()[rule_id].rule.severity.value)
        for line, column, severity in EXPECT.findall(text)
    )
    if fixture.name.startswith("fail_"):
        assert expected, f"{fixture.name} declares no `# expect: LINE:COLUMN`"
    assert found == expected, "\n".join(f"{f.line}:{f.column} {f.message}" for f in findings)
