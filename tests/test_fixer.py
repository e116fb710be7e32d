"""`--fix`, `--diff` and `--unsafe-fixes`: the exact bytes written, what is never touched, and
the cases where nothing is written at all."""

from __future__ import annotations

import difflib
import io
import os
import stat
import sys
from pathlib import Path

import pytest

from conftest import run
from podlint.cli import main
from podlint.config import ConfigResolver, Overrides
from podlint.engine import FixOutcome, Settings
from podlint.findings import LocatedFix, TextEdit
from podlint.fixer import apply_fixes, fix_source, unified_diff
from podlint.run import check_paths, write_fixes
from podlint.source import Source

BEFORE = (
    "# web pod, keep this comment\n"
    "apiVersion: v1\n"
    "kind: Pod\n"
    "metadata:\n"
    "  name: web   # the name\n"
    "spec:\n"
    "  restartPolicy: 'never'   # quoted on purpose\n"
    "  containers:\n"
    "    - name: web\n"
    "      image: nginx:1.27\n"
    "      livenesProbe:\n"
    "        tcpSocket: {port: 80}\n"
    "      ports:\n"
    '        - {containerPort: "80", name: http}\n'
    "        - containerPort: '0443'  # tls\n"
    "      env:\n"
    "        - name: DEBUG\n"
    "          value: yes\n"
    "        - name: NOTE\n"
    "          value: |\n"
    "            value: yes # not a comment\n"
)
SAFE = (
    BEFORE.replace("'never'", "'Never'")
    .replace('"80"', "80")
    .replace("'0443'", "443")
    .replace("value: yes\n", 'value: "yes"\n')
)
UNSAFE = SAFE.replace("livenesProbe", "livenessProbe")


@pytest.fixture
def manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "pod.yaml"
    path.write_bytes(BEFORE.encode())
    return path


def test_fix_writes_safe_fixes_and_reports_what_remains(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--fix", "--format", "concise", "pod.yaml"], capsys)
    assert manifest.read_bytes() == SAFE.encode()
    assert (
        out
        == "pod.yaml:11:7: error[unknown-field] unknown field `livenesProbe` in Container; did you mean `livenessProbe`?\n"
    )
    assert (code, err) == (1, "Fixed 4 finding(s).\n")


def test_fix_twice_changes_nothing_the_second_time(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["check", "--fix", "pod.yaml"], capsys)
    before = os.stat(manifest).st_mtime_ns
    code, _, err = run(["check", "--fix", "--format", "concise", "pod.yaml"], capsys)
    assert (code, err) == (1, "")
    assert manifest.read_bytes() == SAFE.encode()
    assert os.stat(manifest).st_mtime_ns == before


def test_unsafe_fixes_only_with_the_flag(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--fix", "--unsafe-fixes", "--format", "concise", "pod.yaml"], capsys)
    assert manifest.read_bytes() == UNSAFE.encode()
    assert (code, out, err) == (0, "", "Fixed 5 finding(s).\n")


def test_crlf_line_endings_and_a_bom_stay(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest.write_bytes(b"\xef\xbb\xbf" + BEFORE.replace("\n", "\r\n").encode())
    run(["check", "--fix", "pod.yaml"], capsys)
    assert manifest.read_bytes() == b"\xef\xbb\xbf" + SAFE.replace("\n", "\r\n").encode()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_files_are_checked_and_fixed_in_their_encoding(
    manifest: Path, encoding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bom = "\ufeff".encode(encoding)
    manifest.write_bytes(bom + BEFORE.encode(encoding))
    run(["check", "--fix", "pod.yaml"], capsys)
    assert manifest.read_bytes() == bom + SAFE.encode(encoding)


def test_non_ascii_text_before_an_edit(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest.write_bytes(BEFORE.replace("keep this comment", "café ☕ 🚀").encode())
    run(["check", "--fix", "pod.yaml"], capsys)
    assert manifest.read_bytes() == SAFE.replace("keep this comment", "café ☕ 🚀").encode()


def test_file_mode_is_kept_and_no_temporary_file_is_left(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest.chmod(0o640)
    run(["check", "--fix", "pod.yaml"], capsys)
    assert stat.S_IMODE(os.stat(manifest).st_mode) == 0o640
    assert sorted(os.listdir(manifest.parent)) == ["pod.yaml"]


def test_a_symlink_keeps_pointing_at_the_fixed_file(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = manifest.parent / "link.yaml"
    link.symlink_to(manifest)
    run(["check", "--fix", "link.yaml"], capsys)
    assert link.is_symlink()
    assert manifest.read_bytes() == SAFE.encode()


def test_diff_prints_the_change_and_writes_nothing(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--diff", "pod.yaml"], capsys)
    assert manifest.read_bytes() == BEFORE.encode()
    assert out == (
        "--- pod.yaml\n"
        "+++ pod.yaml\n"
        "@@ -4,18 +4,18 @@\n"
        " metadata:\n"
        "   name: web   # the name\n"
        " spec:\n"
        "-  restartPolicy: 'never'   # quoted on purpose\n"
        "+  restartPolicy: 'Never'   # quoted on purpose\n"
        "   containers:\n"
        "     - name: web\n"
        "       image: nginx:1.27\n"
        "       livenesProbe:\n"
        "         tcpSocket: {port: 80}\n"
        "       ports:\n"
        '-        - {containerPort: "80", name: http}\n'
        "-        - containerPort: '0443'  # tls\n"
        "+        - {containerPort: 80, name: http}\n"
        "+        - containerPort: 443  # tls\n"
        "       env:\n"
        "         - name: DEBUG\n"
        "-          value: yes\n"
        '+          value: "yes"\n'
        "         - name: NOTE\n"
        "           value: |\n"
        "             value: yes # not a comment\n"
    )
    assert (code, err) == (1, "Would fix 4 finding(s) in 1 file(s).\n")


def test_diff_of_a_clean_file_is_empty_and_exits_zero(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest.write_text(UNSAFE)
    assert run(["check", "--diff", "pod.yaml"], capsys) == (0, "", "Would fix 0 finding(s) in 0 file(s).\n")


def test_diff_marks_a_last_line_without_newline(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest.write_text(
        BEFORE.replace("nginx:1.27", "nginx:1.27\n      stdin: true")
        .removesuffix("\n")
        .replace("            value: yes # not a comment", "          value: on")
    )
    out = run(["check", "--diff", "pod.yaml"], capsys)[1]
    assert out.endswith(
        '-          value: on\n\\ No newline at end of file\n+          value: "on"\n\\ No newline at end of file\n'
    )


def test_stdin_fix_prints_the_fixed_text_and_the_findings_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    stdin = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + BEFORE.encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    stdout = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(stdout))
    code = main(["check", "--fix", "--format", "concise", "--stdin-filename", "pod.yaml", "-"])
    sys.stdout.flush()
    assert code == 1
    assert stdout.getvalue() == b"\xef\xbb\xbf" + SAFE.encode()
    err = capsys.readouterr().err
    assert err.startswith("Fixed 4 finding(s).\npod.yaml:11:7: error[unknown-field] ")


def test_a_file_changed_since_it_was_read_is_not_written(manifest: Path) -> None:
    result = check_paths(["pod.yaml"], ConfigResolver(Overrides(fix=True)).settings_for)
    manifest.write_bytes(BEFORE.replace("web", "api").encode())
    assert write_fixes(result) == 0
    assert manifest.read_bytes() == BEFORE.replace("web", "api").encode()
    assert result.fix_problems == ["pod.yaml: the file changed while it was checked; nothing was fixed"]
    assert [(f.rule, f.line) for f in result.reports[0].findings] == [
        ("invalid-value", 7),
        ("unknown-field", 11),
        ("invalid-type", 14),
        ("invalid-type", 15),
        ("env-value-type", 18),
    ]


def test_fixes_that_would_make_a_duplicate_key_are_refused(manifest: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = BEFORE.replace("      image: nginx:1.27\n", "      image: nginx:1.27\n      livnessProbe: {}\n")
    manifest.write_text(text)
    code, out, err = run(["check", "--fix", "--unsafe-fixes", "--format", "concise", "pod.yaml"], capsys)
    assert manifest.read_bytes() == text.encode()
    assert code == 1
    assert err.startswith("podlint: pod.yaml: the fixes would give invalid YAML (duplicate key `livenessProbe`")
    assert out.count("\n") == 6


def test_a_quoted_integer_is_fixed_only_when_it_is_one() -> None:
    from conftest import lint_text

    text = (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
        "      image: nginx:1.27\n"
        "      ports:\n"
        '        - containerPort: "99999999999"\n'
        '        - containerPort: "-80"\n'
        "        - containerPort: >-\n            80\n"
        '        - containerPort: "80"\n'
    )
    findings = lint_text(text, ("invalid-type",))
    assert [(f.line, f.fix is not None) for f in findings] == [(10, False), (11, False), (12, False), (14, True)]
    fix = findings[-1].fix
    assert fix is not None and fix.safe and fix.title == "Write `80` as the integer 80"


def test_overlapping_edits_wait_for_the_next_round() -> None:
    text = "abcdef"
    first = LocatedFix("a", (TextEdit(0, 3, "X"),), True)
    overlapping = LocatedFix("b", (TextEdit(2, 4, "Y"),), True)
    later = LocatedFix("c", (TextEdit(5, 6, "Z"),), True)
    assert apply_fixes(text, [later, overlapping, first, first]) == ("XdeZ", 2)
    assert apply_fixes(
        "ab", [LocatedFix("i", (TextEdit(1, 1, "1"),), True), LocatedFix("j", (TextEdit(1, 1, "2"),), True)]
    ) == ("a1b", 1)


def test_no_rename_onto_a_field_that_is_already_there() -> None:
    from conftest import lint_text

    text = (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
        "      image: nginx:1.27\n      livenessProbe: {tcpSocket: {port: 80}}\n      livnessProbe: {}\n"
        "      imagePulPolicy: Always\n"
    )
    findings = lint_text(text, ("unknown-field",))
    assert [(f.line, f.fix.title if f.fix else None) for f in findings] == [
        (10, None),
        (11, "Rename `imagePulPolicy` to `imagePullPolicy`"),
    ]


@pytest.mark.parametrize(
    ("changed", "line_added"),
    [
        ((0, 5, 12, 13, 29), False),  # hunks apart, hunks merged, the first and the last line
        ((3, 20), True),  # a fix that adds a line: difflib's own diff
    ],
)
def test_diff_is_the_one_difflib_writes(changed: tuple[int, ...], line_added: bool) -> None:
    lines = [f"line {number}\n" for number in range(30)]
    lines[-1] = "last line"
    fixed = [line.replace("line", "LINE") if number in changed else line for number, line in enumerate(lines)]
    if line_added:
        fixed.insert(10, "new\n")
    expected = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(lines, fixed, "pod.yaml", "pod.yaml")
    )
    assert unified_diff("pod.yaml", FixOutcome("".join(lines), "".join(fixed))) == expected


POD_HEAD = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
    "      image: nginx:1.27\n"
)


def fixed_text(text: str) -> str:
    """`text` after `--fix` with env-value-type alone."""
    report = fix_source(Source("pod.yaml", text), Settings("1.33", frozenset({"env-value-type"}), fix=True))
    assert report.fix is not None and not report.fix.refused
    return report.fix.text


def test_a_tagged_value_gets_no_fix_and_the_other_fixes_still_apply() -> None:
    from conftest import lint_text

    text = POD_HEAD + '      env:\n        - {name: C, value: !!int "12"}\n        - {name: D, value: 7}\n'
    findings = lint_text(text, ("env-value-type",))
    assert [(f.line, f.column, f.fix is not None) for f in findings] == [(10, 28, False), (11, 28, True)]
    assert fixed_text(text) == text.replace("value: 7}", 'value: "7"}')


def test_an_anchored_value_keeps_its_anchor_and_every_alias_is_fixed_with_it() -> None:
    text = POD_HEAD + "      env:\n        - {name: A, value: &n 8080}\n        - {name: B, value: *n}\n"
    assert fixed_text(text) == text.replace("&n 8080", '&n "8080"')


def test_values_shared_through_an_aliased_list_are_fixed_once() -> None:
    text = POD_HEAD + (
        "      env: &common\n        - name: A\n          value: 1\n"
        "    - name: sidecar\n      image: nginx:1.27\n      env: *common\n"
    )
    assert fixed_text(text) == text.replace("value: 1", 'value: "1"')


def test_an_anchored_value_is_not_fixed_when_an_alias_of_it_is_right_as_it_is() -> None:
    from conftest import lint_text

    text = POD_HEAD + (
        "      ports:\n        - containerPort: &port 8080\n      env:\n        - {name: PORT, value: *port}\n"
    )
    findings = lint_text(text, ("env-value-type",))
    # reported where the env var uses the value, fixed nowhere
    assert [(f.rule, f.line, f.column, f.fix) for f in findings] == [("env-value-type", 12, 31, None)]
    assert fixed_text(text) == text
