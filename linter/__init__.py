"""podlint: a linter for Kubernetes pod manifests with exact positions."""

from __future__ import annotations

__version__ = "0.1.0"

HOMEPAGE = "https://github.com/podlint/podlint"
RULES_DOCS_URL = f"{HOMEPAGE}/blob/main/docs/rules.md"


def rule_docs_url(rule_id: str) -> str:
    """Where a rule's documentation lives on the web (the anchor of its section in docs/rules.md)."""
    return f"{RULES_DOCS_URL}#{rule_id}"
