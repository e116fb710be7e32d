"""Valid manifests of every common kind give no finding with the default rules, in every
bundled Kubernetes version where their APIs exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import lint_text
from podlint.schema import SUPPORTED_VERSIONS

VALID = sorted((Path(__file__).parent / "manifests" / "valid").glob("*.yaml"))
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("manifest", VALID + EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("version", [SUPPORTED_VERSIONS[0], SUPPORTED_VERSIONS[-1]])
def test_no_findings(manifest: Path, version: str) -> None:
    findings = lint_text(manifest.read_text(encoding="utf-8"), kube_version=version, path=manifest.name)
    assert [f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings] == []
