"""Discovers rule modules in `podlint.rules`: adding a rule never touches the engine."""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil

from podlint.rule import Rule, RuleModule


class UnknownRuleError(KeyError):
    pass


@functools.cache
def all_rules() -> dict[str, RuleModule]:
    import podlint.rules as package

    found: dict[str, RuleModule] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            raise TypeError(f"rule module {module.__name__} has no RULE")
        if rule.id in found:
            raise TypeError(f"rule id {rule.id} is declared twice")
        found[rule.id] = RuleModule(
            rule=rule,
            options_type=module.Options,
            check=getattr(module, "check", None),
            doc=inspect.cleandoc(module.__doc__ or ""),
            module=module,
            quick_checks=getattr(module, "QUICK_CHECKS", None),
        )
    return dict(sorted(found.items()))


def get_rule(rule_id: str) -> RuleModule:
    try:
        return all_rules()[rule_id]
    except KeyError:
        raise UnknownRuleError(rule_id) from None
