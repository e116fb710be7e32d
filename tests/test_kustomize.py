"""Kustomize patches hold only the fields they change: the checks that need a whole object
are not run on the files a kustomization names as patches."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run

PATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicsa: 3
  template:
    spec:
      containers:
        - name: app
          env:
            - {name: PORT, value: 8080}
          volumeMounts:
            - {name: data, mountPath: /data}
"""
# Always: the findings left on a patch (a misspelt field, a number where a string belongs).
LOCAL = ["6:3: error[unknown-field]", "12:35: error[env-value-type]"]
# Only on a whole object: the selector, the image and the volume live in the base.
WHOLE = ["5:1: error[missing-field]", "10:11: error[missing-field]", "14:22: error[volume-mount]"]


def check(folder: Path, target: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    _, out, _ = run(["check", "--no-cache", "--format", "concise", str(folder / target)], capsys)
    return [" ".join(line.split(" ")[:2]).split(":", 1)[1] for line in out.splitlines() if line]


@pytest.mark.parametrize(
    ("kustomization", "patch_path"),
    [
        ("patches:\n  - path: patch.yaml\n    target: {kind: Deployment}\n", "patch.yaml"),
        ("patchesStrategicMerge:\n  - patches/patch.yaml\n", "patches/patch.yaml"),
        ("patchesJson6902:\n  - path: ./patch.yaml\n", "patch.yaml"),
        ("patches:\n  - patch.yaml\n", "patch.yaml"),
    ],
)
def test_a_patch_gets_only_the_checks_that_need_no_whole_object(
    tmp_path: Path, kustomization: str, patch_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources: [../base]\n" + kustomization)
    (tmp_path / patch_path).parent.mkdir(exist_ok=True)
    (tmp_path / patch_path).write_text(PATCH)
    assert sorted(check(tmp_path, patch_path, capsys)) == sorted(LOCAL)


def test_files_no_kustomization_names_as_patches_are_whole_objects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "resource.yaml").write_text(PATCH)
    assert sorted(check(tmp_path, "resource.yaml", capsys)) == sorted(LOCAL + WHOLE)
    (tmp_path / "kustomization.yaml").write_text("resources:\n  - resource.yaml\npatches: [{path: other.yaml}]\n")
    assert sorted(check(tmp_path, "resource.yaml", capsys)) == sorted(LOCAL + WHOLE)


def test_the_documentation_names_the_rules_not_run_on_patches() -> None:
    from podlint.kustomize import whole_object_rules

    text = (Path(__file__).parents[1] / "docs" / "configuration.md").read_text()
    section = text.split("## Kustomize patches", 1)[1].split("\n## ", 1)[0]
    named = {word.strip("`,.") for word in section.split() if word.startswith("`") and "-" in word}
    assert named == set(whole_object_rules())


def test_strategic_merge_patch_directives_are_no_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    patch = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n"
        "      $setElementOrder/containers: [{name: app}]\n"
        "      containers:\n        - {name: sidecar, $patch: delete}\n"
        "      volumes:\n        - {$retainKeys: [name], name: data, emptyDir: {}}\n"
        "      imagePulPolicy: Always\n"
    )
    (tmp_path / "kustomization.yaml").write_text("patches: [{path: patch.yaml}]\n")
    (tmp_path / "patch.yaml").write_text(patch)
    assert check(tmp_path, "patch.yaml", capsys) == ["12:7: error[unknown-field]"]
