"""Every rule documents itself, and its documented Example fires while its Use instead does not."""

from __future__ import annotations

import re

import pytest

from conftest import lint_text
from podlint.registry import all_rules

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Options", "Fix", "References")
RULES = sorted(all_rules())


def yaml_block(doc: str, section: str) -> str:
    match = re.search(rf"^## {re.escape(section)}\n+```yaml\n(.*?)^```", doc, re.MULTILINE | re.DOTALL)
    assert match, f"no ```yaml block under ## {section}"
    return match.group(1)


@pytest.mark.parametrize("rule_id", RULES)
def test_doc_has_every_section_in_order(rule_id: str) -> None:
    doc = all_rules()[rule_id].doc
    headings = re.findall(r"^## (.+)$", doc, re.MULTILINE)
    assert headings == list(SECTIONS)
    assert doc.splitlines()[0].strip(), "the first line is the rule's one-line description"


@pytest.mark.parametrize("rule_id", RULES)
def test_example_fires(rule_id: str) -> None:
    findings = lint_text(yaml_block(all_rules()[rule_id].doc, "Example"), select=(rule_id,))
    assert [f.rule for f in findings].count(rule_id) >= 1


@pytest.mark.parametrize("rule_id", RULES)
def test_use_instead_is_clean(rule_id: str) -> None:
    findings = lint_text(yaml_block(all_rules()[rule_id].doc, "Use instead"), select=(rule_id,))
    assert findings == []
