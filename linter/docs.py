"""The rule reference, `docs/rules.md`, generated from the rule docstrings: one section per rule
(so that `podlint.rule_docs_url(id)` anchors land on it) after a table of contents.

`python -m podlint.docs` prints it; `python -m podlint.docs --write` rewrites docs/rules.md in
the current directory (run it from the repository root). A test fails when the file is stale.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from podlint.registry import all_rules
from podlint.rule import Rule, RuleModule, Scope

DOCS_PATH = Path("docs") / "rules.md"
REGENERATE = "python -m podlint.docs --write"
_FENCE = "```"
_INTRODUCTION = (
    "Every rule podlint has, with its default severity, whether it runs by default and whether it "
    "can fix what it finds. Parse and schema rules always run; select and ignore the others with "
    "`--select`, `--extend-select` and `--ignore` (`podlint rules` lists them, `podlint rule ID` "
    "prints one).\n"
)


def rules_markdown() -> str:
    """The whole of docs/rules.md."""
    modules = list(all_rules().values())
    parts = [
        "# Rules\n",
        f"<!-- Generated from the rule docstrings by `{REGENERATE}`; do not edit by hand. -->\n",
        _INTRODUCTION,
        _table(modules),
    ]
    parts.extend(_section(module) for module in modules)
    return "\n".join(parts)


def _table(modules: list[RuleModule]) -> str:
    rows = ["| id | severity | enabled | fix | summary |", "|---|---|---|---|---|"]
    for module in modules:
        rule = module.rule
        rows.append(
            f"| [`{rule.id}`](#{rule.id}) | {rule.severity.value} | {'yes' if rule.enabled else 'no'} "
            f"| {rule.fix.value} | {rule.summary.replace('|', '&#124;')} |"
        )
    return "\n".join(rows) + "\n"


def _section(module: RuleModule) -> str:
    rule = module.rule
    facts = (
        f"Severity: {rule.severity.value} · Enabled by default: {'yes' if rule.enabled else 'no'} "
        f"· Fix: {rule.fix.value} · Checks: {_applies_to(rule)}"
    )
    return f"## {rule.id}\n\n{facts}\n\n{_demote_headings(module.doc)}\n"


def _applies_to(rule: Rule) -> str:
    if rule.scope is Scope.POD:
        return "every pod spec"
    if rule.scope is Scope.OBJECT and rule.kinds:
        return ", ".join(sorted(rule.kinds))
    return "every object" if rule.scope is Scope.OBJECT else "every document"


def _demote_headings(doc: str) -> str:
    """A docstring's `## Section` headings become `###` under the rule's own `##` heading;
    lines inside code blocks (YAML comments start with `#` too) are left alone."""
    lines, in_code = [], False
    for line in doc.splitlines():
        if line.startswith(_FENCE):
            in_code = not in_code
        elif not in_code and line.startswith("## "):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m podlint.docs", description="Print podlint's rule reference.")
    parser.add_argument("--write", action="store_true", help=f"write {DOCS_PATH} instead of printing it")
    arguments = parser.parse_args(argv)
    text = rules_markdown()
    if arguments.write:
        DOCS_PATH.parent.mkdir(parents=True, exist_ok=True)
        DOCS_PATH.write_text(text, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
