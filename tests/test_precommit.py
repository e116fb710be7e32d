"""The real pre-commit runs podlint's hook from `.pre-commit-hooks.yaml` on a repository that mixes
Kubernetes manifests with the YAML and JSON every repository has (workflows, Helm charts, compose
files, tsconfig.json).

`pre-commit try-repo` builds the hook's environment from scratch each time (pip installs podlint
and its dependencies from the package index), so this file runs it once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GIT = shutil.which("git")


def _pre_commit() -> str | None:
    beside = Path(sys.executable).with_name("pre-commit")
    return str(beside) if beside.is_file() else shutil.which("pre-commit")


PRE_COMMIT = _pre_commit()
pytestmark = [
    pytest.mark.skipif(GIT is None, reason="pre-commit needs git, which is not installed"),
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[test]')"),
]

BAD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      imagePulPolicy: Always
      env:
        - name: PORT
          value: 8080
"""
GOOD = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ghcr.io/example/api:1.4.2
          env:
            - name: PORT
              value: "8080"
"""
NOT_KUBERNETES = {
    ".github/workflows/ci.yml": (
        "on:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - run: echo ${{ github.sha }}\n"
    ),
    "chart/values.yaml": "replicaCount: 2\nimage:\n  repository: nginx\n  tag: on\n",
    "chart/templates/deployment.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"
        "spec:\n  replicas: {{ .Values.replicaCount }}\n"
    ),
    "docker-compose.yml": "services:\n  web:\n    image: nginx\n    ports:\n      - 8080:80\n",
    "tsconfig.json": '{\n  // comments make this invalid JSON\n  "compilerOptions": {"strict": true}\n}\n',
    "package.json": '{"name": "site", "version": "1.0.0"}\n',
}
FINDING = re.compile(r"^\S+:\d+:\d+: ", re.MULTILINE)
OFFLINE = ("NewConnectionError", "Temporary failure in name resolution", "No matching distribution found")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run([GIT or "git", *args], cwd=cwd, check=True, capture_output=True)


def _commit_all(folder: Path) -> None:
    _git(folder, "init", "--quiet")
    _git(folder, "add", "--all")
    _git(
        folder,
        "-c",
        "user.name=podlint",
        "-c",
        "user.email=podlint@example.invalid",
        "-c",
        "commit.gpgsign=false",
        "commit",
        "--quiet",
        "--message",
        "snapshot",
    )


def _snapshot_of_this_repository(destination: Path) -> Path:
    """The working tree as a one-commit repository: try-repo clones committed files only (plus
    changes to tracked ones), and the hook must be tested as the tree stands."""
    listed = subprocess.run(
        [GIT or "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip(f"{REPO} is not a git checkout")
    for name in listed.stdout.decode().split("\0"):
        source = REPO / name
        if name and source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _commit_all(destination)
    return destination


def _project(root: Path) -> Path:
    files = {"k8s/bad.yaml": BAD, "k8s/good.yaml": GOOD, **NOT_KUBERNETES}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    _commit_all(root)
    return root


def test_hook_fails_on_a_bad_manifest_and_passes_everything_else(tmp_path: Path) -> None:
    podlint = _snapshot_of_this_repository(tmp_path / "podlint")
    project = _project(tmp_path / "project")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "PRE_COMMIT"))}
    completed = subprocess.run(
        [PRE_COMMIT or "pre-commit", "try-repo", str(podlint), "podlint", "--all-files", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = completed.stdout + completed.stderr
    if any(sign in output for sign in OFFLINE):
        pytest.skip("the hook environment could not be built: the package index is unreachable")
    assert completed.returncode == 1, output
    assert re.search(r"^podlint\.+Failed$", output, re.MULTILINE), output
    findings = sorted(line for line in output.splitlines() if FINDING.match(line))
    assert findings == [
        (
            "k8s/bad.yaml:12:18: error[env-value-type] env var `PORT` of container `web` is the number `8080` "
            "under YAML 1.1, not a string, and the API server rejects it; quote it"
        ),
        (
            "k8s/bad.yaml:9:7: error[unknown-field] unknown field `imagePulPolicy` in Container; "
            "did you mean `imagePullPolicy`?"
        ),
    ], output
