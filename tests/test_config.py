"""Configuration files: discovery (nearest wins), both formats, strict validation with the place
of every mistake, the command line on top, exclusion and per-file ignores."""

from __future__ import annotations

import dataclasses
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import run
from podlint.config import ConfigResolver, Overrides
from podlint.config_file import ConfigError, TomlKeyLines
from podlint.findings import Severity
from podlint.globs import matches
from podlint.registry import all_rules
from podlint.rule import Rule, RuleModule, Scope
from podlint.schema import DEFAULT_VERSION

# invalid-value at 6:18 (error), unknown-field at 10:7 (error)
POD = (
    "apiVersion: v1\n"
    "kind: Pod\n"
    "metadata:\n"
    "  name: web\n"
    "spec:\n"
    "  restartPolicy: Sometimes\n"
    "  containers:\n"
    "    - name: web\n"
    "      image: nginx:1.27\n"
    "      imagePulPolicy: Always\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def concise(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code, out, err = run(["check", "--format", "concise", *argv], capsys)
    assert err == ""
    return code, [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in out.splitlines()]


def test_nearest_configuration_wins_from_a_subfolder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".podlint.yaml", "ignore: [invalid-value]\n")
    write(project / "team" / ".podlint.yaml", "ignore: [unknown-field]\n")
    write(project / "top.yaml", POD)
    write(project / "team" / "apps" / "pod.yaml", POD)
    code, lines = concise(["."], capsys)
    assert code == 1
    assert lines == ["top.yaml:10:7: error[unknown-field]", "team/apps/pod.yaml:6:18: error[invalid-value]"]


def test_pyproject_without_a_podlint_table_does_not_count(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".podlint.yaml", "ignore: [invalid-value]\n")
    write(project / "team" / "pyproject.toml", "[project]\nname = 'team'\n")
    write(project / "team" / "pod.yaml", POD)
    assert concise(["team/pod.yaml"], capsys) == (1, ["team/pod.yaml:10:7: error[unknown-field]"])


def test_pyproject_table_is_read_and_podlint_yaml_beside_it_wins(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "pyproject.toml", "[tool.podlint]\nignore = ['unknown-field']\n")
    write(project / "pod.yaml", POD)
    assert concise(["pod.yaml"], capsys) == (1, ["pod.yaml:6:18: error[invalid-value]"])
    write(project / ".podlint.yaml", "ignore: [invalid-value]\n")
    assert concise(["pod.yaml"], capsys) == (1, ["pod.yaml:10:7: error[unknown-field]"])


def test_config_option_overrides_discovery(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".podlint.yaml", "ignore: [invalid-value]\n")
    write(project / "elsewhere" / "strict.toml", "[tool.podlint]\nignore = ['unknown-field']\n")
    write(project / "pod.yaml", POD)
    assert concise(["--config", "elsewhere/strict.toml", "pod.yaml"], capsys) == (
        1,
        ["pod.yaml:6:18: error[invalid-value]"],
    )


def test_stdin_discovers_from_the_stdin_filename(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "team" / ".podlint.yaml", "ignore: [invalid-value]\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(POD.encode())))
    assert concise(["--stdin-filename", "team/pod.yaml", "-"], capsys) == (
        1,
        ["team/pod.yaml:10:7: error[unknown-field]"],
    )


def test_command_line_overrides_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".podlint.yaml", "select: [unknown-field]\nkube-version: '1.28'\nfail-on: warning\n")
    write(project / "pod.yaml", POD)
    assert concise(["pod.yaml"], capsys) == (1, ["pod.yaml:10:7: error[unknown-field]"])
    # --select starts over; --ignore and --extend-select act on top of the file's selection
    assert concise(["--select", "invalid-value", "pod.yaml"], capsys) == (1, ["pod.yaml:6:18: error[invalid-value]"])
    assert concise(["--extend-select", "invalid-value", "--ignore", "unknown-field", "pod.yaml"], capsys) == (
        1,
        ["pod.yaml:6:18: error[invalid-value]"],
    )
    resolver = ConfigResolver(Overrides(kube_version="1.31", fail_on=Severity.ERROR))
    settings = resolver.settings_for(str(project / "pod.yaml"))
    assert (settings.kube_version, settings.fail_on) == ("1.31", Severity.ERROR)
    assert ConfigResolver(Overrides()).settings_for(str(project / "pod.yaml")).kube_version == "1.28"


def test_severity_and_fail_on_from_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".podlint.yaml", "severity:\n  invalid-value: warning\n  unknown-field: info\n")
    write(project / "pod.yaml", POD)
    assert concise(["pod.yaml"], capsys) == (
        0,
        ["pod.yaml:6:18: warning[invalid-value]", "pod.yaml:10:7: info[unknown-field]"],
    )
    write(project / ".podlint.yaml", "severity: {invalid-value: warning, unknown-field: info}\nfail-on: warning\n")
    assert concise(["pod.yaml"], capsys)[0] == 1
    assert concise(["--fail-on", "error", "pod.yaml"], capsys)[0] == 0


def test_exclude_applies_to_walks_and_to_explicit_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "k8s" / ".podlint.yaml", "exclude: ['vendor', 'generated/**/*.yaml', '*.tmp.yaml']\n")
    for name in (
        "vendor/a.yaml",
        "deep/vendor/b.yaml",
        "generated/x/c.yaml",
        "d.tmp.yaml",
        "app/e.yaml",
        "app/generated/f.yaml",
    ):
        write(project / "k8s" / name, POD.replace("imagePulPolicy: Always\n", ""))
    code, lines = concise(["k8s"], capsys)
    assert lines == ["k8s/app/e.yaml:6:18: error[invalid-value]", "k8s/app/generated/f.yaml:6:18: error[invalid-value]"]
    # pre-commit passes the file names themselves
    explicit = ["k8s/vendor/a.yaml", "k8s/deep/vendor/b.yaml", "k8s/generated/x/c.yaml", "k8s/d.tmp.yaml"]
    assert concise(explicit, capsys) == (0, [])


def test_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".podlint.yaml", "per-file-ignores:\n  'legacy/**': [invalid-value]\n  '*.old.yaml': [all]\n")
    write(project / "legacy" / "x" / "pod.yaml", POD)
    write(project / "pod.old.yaml", POD)
    write(project / "pod.yaml", POD)
    assert concise(["."], capsys)[1] == [
        "pod.yaml:6:18: error[invalid-value]",
        "pod.yaml:10:7: error[unknown-field]",
        "legacy/x/pod.yaml:10:7: error[unknown-field]",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "kube-version: '1.31'\nselct: [env-value-type]\n",
            '.podlint.yaml:2:1: unknown key "selct"; did you mean "select"?',
        ),
        (
            "select: env-value-type\n",
            '.podlint.yaml:1:9: "select" must be a list of strings, found string `env-value-type`',
        ),
        (
            "ignore:\n  - env-value-typo\n",
            '.podlint.yaml:2:5: unknown rule id "env-value-typo"; did you mean "env-value-type"?',
        ),
        (
            "severity:\n  env-value-type: fatal\n",
            '.podlint.yaml:2:19: "env-value-type" must be one of error, warning, info, found string `fatal`',
        ),
        (
            "severity: {no-such-rule: error}\n",
            '.podlint.yaml:1:12: unknown rule id "no-such-rule" (see `podlint rules`)',
        ),
        (
            "kube-version: 1.30\n",
            '.podlint.yaml:1:15: "kube-version" must be a string like "1.31" (quote it: 1.30 reads as the number 1.3)',
        ),
        (
            "kube-version: '1.12'\n",
            ".podlint.yaml:1:15: no bundled schema for Kubernetes 1.12; supported: 1.28, 1.29, 1.30, 1.31, 1.32, "
            "1.33, 1.34, 1.35, 1.36",
        ),
        ("fail-on: never\n", '.podlint.yaml:1:10: "fail-on" must be one of error, warning, info, found string `never`'),
        ("exclude: [vendor, 1]\n", '.podlint.yaml:1:19: "exclude" must be a list of strings, found integer `1`'),
        ("per-file-ignores:\n  'a/**': [nope]\n", '.podlint.yaml:2:12: unknown rule id "nope" (see `podlint rules`)'),
        (
            "invalid-type:\n  strict: true\n",
            '.podlint.yaml:2:3: unknown option "strict": rule invalid-type has no options',
        ),
        (
            "select: [a\n",
            ".podlint.yaml:1:9: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'",
        ),
        ("select: []\nselect: [all]\n", ".podlint.yaml:2:1: duplicate key `select`: the last value wins"),
        ("- select\n", ".podlint.yaml:1:1: expected a mapping of settings"),
    ],
)
def test_yaml_configuration_errors_name_file_line_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    write(project / ".podlint.yaml", text)
    write(project / "pod.yaml", POD)
    assert run(["check", "pod.yaml"], capsys) == (2, "", message + "\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[tool.podlint]\nkube-version = '1.31'\nselct = []\n",
            'pyproject.toml:3:1: unknown key "selct"; did you mean "select"?',
        ),
        (
            "[tool.podlint]\nseverity = { unknown-field = 'warning', env-value-type = 'fatal' }\n",
            'pyproject.toml:2:41: "env-value-type" must be one of error, warning, info, found string `fatal`',
        ),
        (
            "[tool.podlint]\nfail-on = 'error'\n\n[tool.podlint.severity]\nenv-value-type = 'fatal'\n",
            'pyproject.toml:5:1: "env-value-type" must be one of error, warning, info, found string `fatal`',
        ),
        (
            "[tool.podlint]\nselect = [\n  'env-value-type',\n  'nope',\n]\n",
            'pyproject.toml:2:1: unknown rule id "nope" (see `podlint rules`)',
        ),
        (
            "[tool.podlint.invalid-type]\nstrict = true\n",
            'pyproject.toml:2:1: unknown option "strict": rule invalid-type has no options',
        ),
        ("[tool.podlint]\nselect = ['a' 'b']\n", "pyproject.toml:2:15: invalid TOML: Unclosed array"),
    ],
)
def test_toml_configuration_errors_name_file_line_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    write(project / "pyproject.toml", text)
    write(project / "pod.yaml", POD)
    assert run(["check", "pod.yaml"], capsys) == (2, "", message + "\n")


def test_toml_key_lines_find_dotted_quoted_and_inline_keys() -> None:
    lines = TomlKeyLines(
        "[project]\nname = 'x'\n[tool.podlint]\n'select' = ['a']\nseverity = {a = 'info', \"b-c\" = 'error'}\n"
        "[tool.podlint.env-secret]\nextra_names = []\n[[tool.other]]\nselect = 1\n"
    )
    assert lines.find(("tool", "podlint", "select", 0)) == (4, 1)
    assert lines.find(("tool", "podlint", "severity", "b-c")) == (5, 25)
    assert lines.find(("tool", "podlint", "env-secret", "extra_names")) == (7, 1)
    assert lines.find(("tool", "podlint", "env-secret", "missing")) == (6, 1)
    assert lines.find(("tool", "elsewhere")) is None


@dataclass(frozen=True)
class ExampleOptions:
    names: tuple[str, ...] = ()
    limit: int = 3
    ratio: float = 0.5
    strict: bool = False


@pytest.fixture
def rule_with_options(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = {rule_id: module for rule_id, module in all_rules().items() if not dataclasses.fields(module.options_type)}
    rule = Rule("example-rule", "An example", Severity.WARNING, Scope.POD)
    rules[rule.id] = RuleModule(rule, ExampleOptions, None, "", sys.modules[__name__])
    monkeypatch.setattr("podlint.config.all_rules", lambda: rules)
    monkeypatch.setattr("podlint.config_show.all_rules", lambda: rules)


def test_rule_options_are_typed(project: Path, rule_with_options: None) -> None:
    write(project / ".podlint.yaml", "example-rule:\n  names: [A, B]\n  limit: 5\n  ratio: 1\n")
    settings = ConfigResolver(Overrides()).settings_for("pod.yaml")
    assert settings.options["example-rule"] == ExampleOptions(names=("A", "B"), limit=5, ratio=1.0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "example-rule:\n  name: [A]\n",
            '.podlint.yaml:2:3: unknown option "name" for rule example-rule; did you mean "names"?',
        ),
        ("example-rule:\n  names: A\n", '.podlint.yaml:2:10: "names" must be a list of strings, found string `A`'),
        (
            "example-rule:\n  names: [A, 2]\n",
            '.podlint.yaml:2:14: "names" must be a list of strings, found integer `2`',
        ),
        ("example-rule:\n  limit: true\n", '.podlint.yaml:2:10: "limit" must be an integer, found boolean `True`'),
        ("example-rule:\n  strict: yes\n", None),
        (
            "example-rule: [limit]\n",
            ".podlint.yaml:1:15: options of example-rule must be a table, found array `['limit']`",
        ),
    ],
)
def test_rule_option_errors(project: Path, rule_with_options: None, text: str, message: str | None) -> None:
    write(project / ".podlint.yaml", text)
    if message is None:  # YAML 1.1: `yes` is a boolean
        assert ConfigResolver(Overrides()).settings_for("pod.yaml").options["example-rule"].strict is True
        return
    with pytest.raises(ConfigError) as raised:
        ConfigResolver(Overrides()).settings_for("pod.yaml")
    assert str(raised.value) == message


def test_config_command_prints_origin_and_every_key(
    project: Path, rule_with_options: None, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project / ".podlint.yaml",
        "select: [env-value-type, unknown-field]\nseverity: {unknown-field: info}\n"
        "per-file-ignores: {'legacy/*': [unknown-field]}\nexample-rule: {limit: 9}\n",
    )
    code, out, err = run(["config", "legacy/pod.yaml"], capsys)
    assert (code, err) == (0, "")
    assert out == (
        "# configuration for legacy/pod.yaml\n"
        "# from .podlint.yaml\n"
        f'kube-version: "{DEFAULT_VERSION}"\n'
        'select: ["env-value-type", "unknown-field"]\n'
        "ignore: []\n"
        "extend-select: []\n"
        "exclude: []\n"
        'per-file-ignores: {"legacy/*": ["unknown-field"]}\n'
        'fail-on: "error"\n'
        "# excluded: false\n"
        "severity:  # of every enabled rule\n"
        '  env-value-type: "error"\n'
        'example-rule: {"names": [], "limit": 9, "ratio": 0.5, "strict": false}\n'
    )
    assert 'unknown-field: "info"' in run(["config", "."], capsys)[1]


def test_config_command_without_a_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["config"], capsys)
    assert code == 0
    assert out.splitlines()[:3] == [
        "# configuration for .",
        "# from built-in defaults (no configuration file found)",
        f'kube-version: "{DEFAULT_VERSION}"',
    ]


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("vendor", "a/vendor/x.yaml", True),
        ("vendor/", "vendor/x.yaml", True),
        ("vendor/*.yaml", "vendor/x.yaml", True),
        ("vendor/*.yaml", "a/vendor/x.yaml", False),
        ("vendor/*.yaml", "vendor/sub/x.yaml", False),
        ("vendor/**", "vendor/sub/x.yaml", True),
        ("**/test_*.yaml", "test_a.yaml", True),
        ("**/test_*.yaml", "a/b/test_a.yaml", True),
        ("*.tmp.yaml", "a/b.tmp.yaml", True),
        ("k8s/dev", "k8s/dev/x.yaml", True),
        ("k8s/de", "k8s/dev/x.yaml", False),
        ("[a-c]?.yaml", "b1.yaml", True),
        ("[!a-c]?.yaml", "b1.yaml", False),
    ],
)
def test_globs(pattern: str, path: str, expected: bool) -> None:
    assert matches(pattern, path) is expected


def test_error_in_the_configuration_of_the_stdin_filename(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "team" / ".podlint.yaml", "ignore: [no-such-rule]\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(POD.encode())))
    assert run(["check", "--stdin-filename", "team/pod.yaml", "-"], capsys) == (
        2,
        "",
        'team/.podlint.yaml:1:10: unknown rule id "no-such-rule" (see `podlint rules`)\n',
    )
