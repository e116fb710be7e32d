"""Which rules a run enables, from --select / --ignore / --extend-select and the defaults."""

from __future__ import annotations

from collections.abc import Iterable

from podlint.registry import UnknownRuleError, all_rules

ALL = "all"


def parse_ids(values: Iterable[str]) -> list[str]:
    """Rule ids from repeated and comma-separated options, checked against the catalog."""
    ids = [part.strip() for value in values for part in value.split(",") if part.strip()]
    for rule_id in ids:
        if rule_id != ALL and rule_id not in all_rules():
            raise UnknownRuleError(rule_id)
    return ids


def expand(ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for rule_id in ids:
        found |= set(all_rules()) if rule_id == ALL else {rule_id}
    return found


def enabled_rules(select: list[str] | None, ignore: list[str], extend_select: list[str]) -> frozenset[str]:
    if select:
        chosen = expand(select)
    else:
        chosen = {rule_id for rule_id, module in all_rules().items() if module.rule.enabled}
    chosen |= expand(extend_select)
    chosen -= expand(ignore)
    return frozenset(chosen)
