"""The reports CI systems read: SARIF, GitHub workflow commands, JUnit, `--output`, `--statistics`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import run
from podlint import HOMEPAGE, __version__, rule_docs_url
from podlint.engine import Settings
from podlint.findings import Severity
from podlint.output import OutputContext, renderer
from podlint.output.github_format import escape_data, escape_property
from podlint.registry import all_rules
from podlint.run import RunResult, check_paths
from podlint.schema import DEFAULT_VERSION
from podlint.selection import enabled_rules

SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "sarif" / "sarif-schema-2.1.0.json"

PODS = """\
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
---
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
    - name: cache
      image: redis
"""
CONCISE = [
    "broken.yaml:1:7: error[yaml-syntax] YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'",
    "k8s/pods.yaml:9:7: error[unknown-field] unknown field `imagePulPolicy` in Container; did you mean `imagePullPolicy`?",
    (
        "k8s/pods.yaml:12:18: error[env-value-type] env var `PORT` of container `web` is the number `8080` under YAML 1.1, "
        "not a string, and the API server rejects it; quote it"
    ),
    (
        "k8s/pods.yaml:21:14: warning[image-tag] image `redis` of container `cache` has no tag, so it means "
        "`redis:latest`; pin a version tag or a digest so that every node runs the same image"
    ),
]


@pytest.fixture(autouse=True)
def outside_github(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose the GitHub environment themselves, also when the suite runs in a workflow."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with findings in two files, a values file and a Helm template; the working
    directory is its root, so paths are relative as in CI."""
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "pods.yaml").write_text(PODS)
    (tmp_path / "broken.yaml").write_text("kind: [Pod, apiVersion: v1\n")
    (tmp_path / "values.yaml").write_text("replicaCount: 1\n")
    (tmp_path / "deployment.yaml").write_text("kind: Pod\nmetadata:\n  name: {{ .Values.name }}\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


PATHS = ["broken.yaml", "deployment.yaml", "k8s/pods.yaml", "values.yaml"]


def checked(paths: list[str], fail_on: Severity = Severity.ERROR) -> RunResult:
    settings = Settings(DEFAULT_VERSION, enabled_rules(None, [], []), fail_on=fail_on)
    return check_paths(paths, lambda path: settings)


# SARIF


def sarif(paths: list[str]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(renderer("sarif")(checked(paths), OutputContext()))
    return document


def test_sarif_validates_against_the_2_1_0_schema(tree: Path) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not beside the repository ({SARIF_SCHEMA})")
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text()))
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(sarif(PATHS))]
    assert errors == []


def test_sarif_results_have_exact_regions(tree: Path) -> None:
    run_ = sarif(PATHS)["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tree.as_uri() + "/"}}
    assert run_["columnKind"] == "unicodeCodePoints"
    rows = [
        (
            result["ruleId"],
            result["ruleIndex"],
            result["level"],
            result["locations"][0]["physicalLocation"]["artifactLocation"],
            result["locations"][0]["physicalLocation"]["region"],
        )
        for result in run_["results"]
    ]
    pods = {"uri": "k8s/pods.yaml", "uriBaseId": "%SRCROOT%"}
    assert rows == [
        (
            "yaml-syntax",
            3,
            "error",
            {"uri": "broken.yaml", "uriBaseId": "%SRCROOT%"},
            {"startLine": 1, "startColumn": 7, "endLine": 1, "endColumn": 8},
        ),
        ("unknown-field", 2, "error", pods, {"startLine": 9, "startColumn": 7, "endLine": 9, "endColumn": 21}),
        ("env-value-type", 0, "error", pods, {"startLine": 12, "startColumn": 18, "endLine": 12, "endColumn": 22}),
        ("image-tag", 1, "warning", pods, {"startLine": 21, "startColumn": 14, "endLine": 21, "endColumn": 19}),
    ]


def test_sarif_rules_are_the_rules_used_with_their_documentation(tree: Path) -> None:
    driver = sarif(PATHS)["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == ("podlint", __version__, HOMEPAGE)
    assert [rule["id"] for rule in driver["rules"]] == ["env-value-type", "image-tag", "unknown-field", "yaml-syntax"]
    env = driver["rules"][0]
    doc = all_rules()["env-value-type"].doc
    assert env["name"] == "EnvValueType"
    assert env["shortDescription"] == {"text": "An env var value that is not a string"}
    assert env["fullDescription"]["markdown"].startswith("Reports `env[].value` given as a number or a boolean,")
    assert env["fullDescription"]["markdown"].endswith("is not reported: the API server reads it as an empty string.")
    assert env["fullDescription"]["text"].startswith("Reports env[].value given as a number")
    assert env["help"]["markdown"] == doc
    assert "```" not in env["help"]["text"] and "## " not in env["help"]["text"]
    assert "Define environment variables for a container (https://kubernetes.io/" in env["help"]["text"]
    assert env["helpUri"] == rule_docs_url("env-value-type")
    assert env["defaultConfiguration"] == {"level": "error"}
    assert driver["rules"][1]["defaultConfiguration"] == {"level": "warning"}


def test_sarif_fixes_are_replacements_at_character_offsets(tree: Path) -> None:
    results = sarif(["k8s/pods.yaml"])["runs"][0]["results"]
    env = next(result for result in results if result["ruleId"] == "env-value-type")
    (fix,) = env["fixes"]
    assert fix["description"] == {"text": "Quote the value"}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "k8s/pods.yaml", "uriBaseId": "%SRCROOT%"}
    (replacement,) = change["replacements"]
    start, length = replacement["deletedRegion"]["charOffset"], replacement["deletedRegion"]["charLength"]
    assert PODS[start : start + length] == "8080"
    assert replacement["insertedContent"] == {"text": '"8080"'}
    assert "fixes" not in next(result for result in results if result["ruleId"] == "image-tag")


def test_sarif_fingerprints_survive_lines_added_above(tree: Path) -> None:
    before = sarif(["k8s/pods.yaml"])["runs"][0]["results"]
    (tree / "k8s" / "pods.yaml").write_text("# a comment\n# and another\n" + PODS)
    after = sarif(["k8s/pods.yaml"])["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [11, 14, 23]


def test_sarif_fingerprints_tell_identical_findings_apart(tree: Path) -> None:
    (tree / "twice.yaml").write_text(PODS.split("---\n")[1] + "---\n" + PODS.split("---\n")[1])
    results = sarif(["twice.yaml"])["runs"][0]["results"]
    first, second = (result["partialFingerprints"]["podlint/v1"] for result in results)
    assert first.endswith(":1") and second.endswith(":2") and first[:-2] == second[:-2]


def test_sarif_uses_absolute_uris_outside_the_root(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "pod.yaml"
    elsewhere.write_text(PODS)
    location = sarif([str(elsewhere)])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": elsewhere.as_uri()}


# GitHub workflow commands


def test_github_commands_are_annotations_at_exact_positions(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--format", "github", *PATHS], capsys)
    assert code == 1
    assert out.splitlines() == [
        (
            "::error file=broken.yaml,line=1,col=7,endLine=1,endColumn=8,title=podlint[yaml-syntax]::"
            "broken.yaml:1:7: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"
        ),
        (
            "::error file=k8s/pods.yaml,line=9,col=7,endLine=9,endColumn=21,title=podlint[unknown-field]::"
            "k8s/pods.yaml:9:7: unknown field `imagePulPolicy` in Container; did you mean `imagePullPolicy`?"
        ),
        (
            "::error file=k8s/pods.yaml,line=12,col=18,endLine=12,endColumn=22,title=podlint[env-value-type]::"
            "k8s/pods.yaml:12:18: env var `PORT` of container `web` is the number `8080` under YAML 1.1, "
            "not a string, and the API server rejects it; quote it"
        ),
        (
            "::warning file=k8s/pods.yaml,line=21,col=14,endLine=21,endColumn=19,title=podlint[image-tag]::"
            "k8s/pods.yaml:21:14: image `redis` of container `cache` has no tag, so it means `redis:latest`; "
            "pin a version tag or a digest so that every node runs the same image"
        ),
    ]


def test_github_escapes_properties_and_messages(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert escape_data("50%\r\nof a:b,c") == "50%25%0D%0Aof a:b,c"
    assert escape_property("50%\r\nof a:b,c") == "50%25%0D%0Aof a%3Ab%2Cc"
    odd = tree / "odd,name:1%.yaml"
    odd.write_text('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"100%\\nsure": 1\n')
    code, out, _ = run(["check", "--format", "github", odd.name], capsys)
    assert code == 1
    assert out == (
        "::error file=odd%2Cname%3A1%25.yaml,line=5,col=1,endLine=5,endColumn=13,title=podlint[unknown-field]::"
        "odd,name:1%25.yaml:5:1: unknown field `100%25%0Asure` in ConfigMap\n"
    )


def test_github_info_is_a_notice(tree: Path) -> None:
    result = checked(["k8s/pods.yaml"])
    report = result.reports[0]
    report.findings = [replace(finding, severity=Severity.INFO) for finding in report.findings]
    lines = renderer("github")(result, OutputContext()).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::notice"] * 3


def test_github_paths_are_relative_to_the_workspace(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tree))
    monkeypatch.chdir(tree / "k8s")
    _, out, _ = run(["check", "--format", "github", "pods.yaml"], capsys)
    assert out.splitlines()[0].startswith("::error file=k8s/pods.yaml,line=9,col=7,")


def test_github_is_the_default_in_github_actions(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(["check", "k8s/pods.yaml"], capsys)
    assert code == 1
    assert [line.split(" ", 1)[0] for line in out.splitlines()] == ["::error", "::error", "::warning"]
    _, out, _ = run(["check", "--format", "concise", "k8s/pods.yaml"], capsys)
    assert out.splitlines() == CONCISE[1:]


# JUnit


def junit(result: RunResult) -> ET.Element:
    return ET.fromstring(renderer("junit")(result, OutputContext()))


def cases(root: ET.Element) -> list[tuple[str, str, str, str]]:
    """(suite, test case, failure text, system-out) of every test case."""
    return [
        (suite.attrib["name"], case.attrib["name"], case.findtext("failure") or "", case.findtext("system-out") or "")
        for suite in root
        for case in suite
    ]


def test_junit_has_a_suite_per_file_and_a_case_per_document(tree: Path) -> None:
    root = junit(checked(PATHS))
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "podlint", "tests": "5", "failures": "2", "errors": "0"}
    assert [suite.attrib for suite in root] == [
        {"name": "broken.yaml", "tests": "1", "failures": "1", "errors": "0", "skipped": "0"},
        {"name": "deployment.yaml", "tests": "1", "failures": "0", "errors": "0", "skipped": "0"},
        {"name": "k8s/pods.yaml", "tests": "2", "failures": "1", "errors": "0", "skipped": "0"},
        {"name": "values.yaml", "tests": "1", "failures": "0", "errors": "0", "skipped": "0"},
    ]
    assert cases(root) == [
        ("broken.yaml", "file", CONCISE[0] + "\n", ""),
        ("deployment.yaml", "file", "", ""),
        ("k8s/pods.yaml", "Pod/web", CONCISE[1] + "\n" + CONCISE[2] + "\n", ""),
        ("k8s/pods.yaml", "Pod/cache", "", CONCISE[3] + "\n"),
        ("values.yaml", "document 1", "", ""),
    ]
    web = root[2][0]
    assert web.attrib == {"name": "Pod/web", "classname": "k8s/pods.yaml", "file": "k8s/pods.yaml"}
    assert web[0].attrib == {"message": "2 findings: env-value-type, unknown-field", "type": "podlint"}


def test_junit_failures_follow_the_fail_level(tree: Path) -> None:
    root = junit(checked(["k8s/pods.yaml"], fail_on=Severity.WARNING))
    assert cases(root)[1] == ("k8s/pods.yaml", "Pod/cache", CONCISE[3] + "\n", "")
    assert root[0].attrib["failures"] == "2"


# --output, --statistics and exit codes


def test_output_writes_the_report_and_stdout_stays_concise(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--format", "sarif", "--output", "podlint.sarif", *PATHS], capsys)
    assert (code, err) == (1, "")
    assert out.splitlines() == CONCISE
    written = json.loads((tree / "podlint.sarif").read_text(encoding="utf-8"))
    assert [result["ruleId"] for result in written["runs"][0]["results"]] == [
        "yaml-syntax",
        "unknown-field",
        "env-value-type",
        "image-tag",
    ]


def test_output_with_quiet_still_writes_the_file(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--quiet", "--format", "junit", "--output", "report.xml", *PATHS], capsys) == (1, "", "")
    assert ET.parse(tree / "report.xml").getroot().attrib["failures"] == "2"


def test_output_to_an_unwritable_place_is_a_usage_error(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--format", "json", "--output", "missing/dir/report.json", *PATHS], capsys)
    assert code == 2 and out == ""
    assert err == "podlint: cannot write missing/dir/report.json: No such file or directory\n"


def test_statistics_count_findings_per_rule_after_the_output(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "more.yaml").write_text(
        PODS.replace("value: 8080", "value: 8080\n        - name: DEBUG\n          value: on")
    )
    code, out, _ = run(["check", "--format", "concise", "--statistics", "k8s/pods.yaml", "more.yaml"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 7 + 3 and lines[6].startswith("more.yaml:23:14: warning[image-tag]")
    assert lines[7:] == ["   3  error    env-value-type", "   2  warning  image-tag", "   2  error    unknown-field"]


def test_statistics_do_not_break_a_json_document(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", "--format", "json", "--statistics", "k8s/pods.yaml"], capsys)
    assert code == 1
    assert len(json.loads(out)["findings"]) == 3
    assert err.splitlines() == [
        "   1  error    env-value-type",
        "   1  warning  image-tag",
        "   1  error    unknown-field",
    ]


@pytest.mark.parametrize("output_format", ["sarif", "github", "junit", "json", "concise"])
def test_exit_codes_do_not_depend_on_the_format(
    tree: Path, output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", "--format", output_format, *PATHS], capsys)[0] == 1
    assert run(["check", "--format", output_format, "values.yaml", "deployment.yaml"], capsys)[0] == 0
    assert (
        run(
            [
                "check",
                "--format",
                output_format,
                "--fail-on",
                "warning",
                "--ignore",
                "unknown-field,env-value-type",
                "k8s/pods.yaml",
            ],
            capsys,
        )[0]
        == 1
    )
    assert run(["check", "--format", output_format, "no-such.yaml"], capsys)[0] == 2
