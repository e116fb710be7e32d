"""docs/rules.md is generated from the rule docstrings and must not go stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from podlint import rule_docs_url
from podlint.docs import REGENERATE, main, rules_markdown
from podlint.registry import all_rules

DOCS = Path(__file__).parent.parent / "docs" / "rules.md"


def test_rules_md_is_up_to_date() -> None:
    assert DOCS.is_file(), f"docs/rules.md is missing; run `{REGENERATE}` from the repository root"
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), (
        f"docs/rules.md is stale; run `{REGENERATE}` from the repository root"
    )


def test_every_rule_has_a_section_that_its_url_anchors_on() -> None:
    text = rules_markdown()
    sections = re.findall(r"^## (\S+)$", text, re.MULTILINE)
    assert sections == sorted(all_rules())
    for rule_id in all_rules():
        assert rule_docs_url(rule_id).endswith(f"/docs/rules.md#{rule_id}")
        assert f"| [`{rule_id}`](#{rule_id}) |" in text


def test_rule_sections_keep_their_own_headings_one_level_down() -> None:
    section = rules_markdown().split("\n## env-value-type\n", 1)[1].split("\n## ", 1)[0]
    assert "\n### What it does\n" in section
    assert "\n### References\n" in section


def test_write_creates_the_file_in_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--write"]) == 0
    assert (tmp_path / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_without_write_it_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert capsys.readouterr().out == rules_markdown()
