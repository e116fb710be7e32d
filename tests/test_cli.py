"""The command line as users call it: exit codes, stdin, selection, and bad input that never
stops the other files."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

import podlint.run
from conftest import run
from podlint import __version__
from podlint.engine import Report, Settings
from podlint.source import Source

GOOD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n"
BAD = GOOD.replace("image: nginx:1.27", "image: nginx:1.27\n      imagePulPolicy: Always")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.yml").write_text(BAD)
    (tmp_path / "notes.txt").write_text(BAD)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "bad.yaml").write_text(BAD)
    return tmp_path


def test_directories_are_searched_for_manifests(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--format", "concise", str(tree)], capsys)
    assert code == 1
    assert (
        out
        == f"{tree}/sub/bad.yml:9:7: error[unknown-field] unknown field `imagePulPolicy` in Container; did you mean `imagePullPolicy`?\n"
    )


def test_clean_run_exits_zero_and_prints_nothing(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--format", "concise", str(tree / "good.yaml")], capsys) == (0, "", "")


def test_exit_zero_fail_on_and_ignore(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = str(tree / "sub" / "bad.yml")
    assert run(["check", "--exit-zero", bad], capsys)[0] == 0
    assert run(["check", "--ignore", "unknown-field", bad], capsys)[0] == 0
    assert run(["check", "--select", "invalid-type,missing-field", bad], capsys)[0] == 0
    assert run(["check", "--quiet", bad], capsys) == (1, "", "")


def test_warnings_fail_only_with_fail_on_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.yaml"
    old.write_text("apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n")
    assert run(["check", "--select", "unknown-kind", str(old)], capsys)[0] == 0
    assert run(["check", "--select", "unknown-kind", "--fail-on", "warning", str(old)], capsys)[0] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "--select", "no-such-rule", "."], "unknown rule id `no-such-rule`"),
        (["check", "--kube-version", "1.12", "."], "no bundled schema for Kubernetes 1.12"),
        (["check", "does-not-exist.yaml"], "no such file or directory: does-not-exist.yaml"),
        (["check", "--format", "xml", "."], "Invalid value for '--format'"),
        (["rule", "nope"], "unknown rule id `nope`"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.startswith("podlint: ") and message in err
    assert err.count("\n") == 1


def test_stdin_with_a_filename(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    code, out, _ = run(["check", "--format", "concise", "--stdin-filename", "k8s/pod.yaml", "-"], capsys)
    assert code == 1
    assert out.startswith("k8s/pod.yaml:9:7: error[unknown-field]")


def test_kube_version_accepts_v_prefix_and_patch(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--kube-version", "v1.30.4", str(tree / "good.yaml")], capsys)[0] == 0


def test_version_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys)[1] == f"podlint, version {__version__}\n"
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and "unknown-field" in out and "env-value-type" in out
    code, out, _ = run(["rule", "env-value-type"], capsys)
    assert code == 0 and out.startswith("# env-value-type\n") and "## Use instead" in out


def test_full_format_shows_the_line_and_a_caret(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--format", "full", "--no-color", str(tree / "sub" / "bad.yml")], capsys)
    assert code == 1
    assert "\n  |\n9 |       imagePulPolicy: Always\n  |       ^^^^^^^^^^^^^^\n" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"apiVersion: v1\nkind: Pod\x00\x01binary", "2:10: error[yaml-syntax] binary file"),
        (b"apiVersion: v1\nkind: \xff\xfe\n", "2:7: error[yaml-syntax] invalid UTF-8 byte 0xff"),
        (b"\xff\xfe" + "apiVersion: v1\nkind: Pod\n".encode("utf-16-le")[:-1], "1:1: error[yaml-syntax] file starts"),
        (b"kind: [Pod, apiVersion: v1\n", "1:7: error[yaml-syntax] YAML syntax error"),
    ],
)
def test_bad_files_are_findings_and_do_not_stop_the_others(
    tmp_path: Path, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-bad.yaml").write_bytes(content)
    (tmp_path / "b-bad.yaml").write_text(BAD)
    code, out, err = run(["check", "--format", "concise", str(tmp_path)], capsys)
    assert code == 1 and "Traceback" not in err
    lines = out.splitlines()
    assert lines[0].startswith(f"{tmp_path}/a-bad.yaml:{message}")
    assert lines[1].startswith(f"{tmp_path}/b-bad.yaml:9:7: error[unknown-field]")


@pytest.mark.parametrize(
    "content",
    [
        b"services:\n  web:\n    image: nginx  # caf\xe9\n",  # Latin-1
        "services:\n  web:\n    image: nginx  # caf\xe9\n".encode("utf-16"),
        b"services:\n  web:\n    image: nginx\x00\n",
    ],
)
def test_files_that_are_not_manifests_give_no_encoding_findings(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docker-compose.yml").write_bytes(content)
    assert run(["check", "--format", "concise", str(tmp_path / "docker-compose.yml")], capsys) == (0, "", "")


def test_a_latin1_manifest_is_reported_at_the_byte_utf8_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pod.yaml").write_bytes(GOOD.replace("name: a\n", "name: a  # caf\xe9\n", 1).encode("latin-1"))
    code, out, _ = run(["check", "--format", "concise", str(tmp_path / "pod.yaml")], capsys)
    assert (code, out) == (1, f"{tmp_path}/pod.yaml:4:17: error[yaml-syntax] invalid UTF-8 byte 0xe9\n")


def test_bom_crlf_and_huge_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + BAD.replace("\n", "\r\n").encode())
    many = "---\n".join([GOOD] * 20_000)  # about 4 MB
    (tmp_path / "many.yaml").write_text(many + "---\n" + BAD)
    (tmp_path / "long-line.yaml").write_text(GOOD + "  hostname: " + "a" * 1_000_000 + "\n")
    code, out, _ = run(["check", "--format", "concise", "--select", "unknown-field,yaml-syntax", str(tmp_path)], capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{tmp_path}/bom.yaml:9:7: error[unknown-field] unknown field `imagePulPolicy` in Container; did you mean `imagePullPolicy`?",
        f"{tmp_path}/many.yaml:{20_000 * 9 + 9}:7: error[unknown-field] unknown field `imagePulPolicy` in Container; did you mean `imagePullPolicy`?",
    ]


def test_a_folder_that_cannot_be_listed_is_reported_and_the_others_checked(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(["check", "--format", "concise", f"{tree}/"], capsys)
    assert code == 2
    assert err == f"podlint: cannot read {tree}/locked: Permission denied\n"
    assert out.startswith(f"{tree}/sub/bad.yml:9:7: error[unknown-field]")


def test_a_defect_of_podlint_on_one_file_is_reported_and_the_others_checked(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_check = podlint.run.check_source

    def check_source(source: Source, settings: Settings) -> Report:
        if source.path.endswith("good.yaml"):
            raise KeyError("boom")
        return real_check(source, settings)

    monkeypatch.setattr(podlint.run, "check_source", check_source)
    code, out, err = run(["check", "--format", "concise", str(tree)], capsys)
    assert code == 2
    assert err == f"podlint: internal error while checking {tree}/good.yaml (KeyError: 'boom'); please report it\n"
    assert out.startswith(f"{tree}/sub/bad.yml:9:7: error[unknown-field]")
