"""Suppression comments and annotations: what each form covers, which `#` is a comment, and the
reports about suppressions themselves."""

from __future__ import annotations

from conftest import lint_text, where
from podlint.findings import Finding, Severity, Span
from podlint.suppression import InSubtree

RULES = ("env-value-type", "unknown-field", "invalid-suppression")


def pod(env: str, extra: str = "") -> str:
    return (
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata:\n"
        "  name: web\n"
        "spec:\n"
        "  containers:\n"
        "    - name: web\n"
        "      image: nginx:1.27\n"
        f"{extra}"
        "      env:\n"
        f"{env}"
    )


TWO_BAD_VALUES = (
    "        - name: A\n"
    "          value: 1\n"  # line 11
    "        - name: B\n"
    "          value: true\n"  # line 13
)


def test_without_suppression_both_values_are_reported() -> None:
    assert where(lint_text(pod(TWO_BAD_VALUES), RULES)) == [("env-value-type", 11, 18), ("env-value-type", 13, 18)]


def test_comment_at_the_end_of_a_line_covers_that_line_only() -> None:
    text = pod(TWO_BAD_VALUES.replace("value: 1\n", "value: 1  # podlint: disable=env-value-type\n"))
    assert where(lint_text(text, RULES)) == [("env-value-type", 13, 18)]


def test_comment_alone_covers_the_next_line_with_content() -> None:
    env = (
        "        - name: A\n"
        "          # podlint: disable=env-value-type\n"
        "\n"
        "          # why: the image reads it as a number\n"
        "          value: 1\n"  # line 14
        "        - name: B\n"
        "          value: true\n"  # line 16
    )
    assert where(lint_text(pod(env), RULES)) == [("env-value-type", 16, 18)]


def test_comment_names_several_rules_and_other_rules_still_report() -> None:
    text = pod(TWO_BAD_VALUES, "      imagePulPolicy: Always  # podlint: disable=invalid-type, env-value-type\n")
    assert where(lint_text(text, RULES)) == [
        ("unknown-field", 9, 7),
        ("env-value-type", 12, 18),
        ("env-value-type", 14, 18),
    ]


def test_disable_file_anywhere_covers_the_whole_file() -> None:
    text = pod(TWO_BAD_VALUES, "      imagePulPolicy: Always\n") + "# podlint: disable-file=env-value-type\n"
    assert where(lint_text(text, RULES)) == [("unknown-field", 9, 7)]


def test_disable_all_and_disable_file_all() -> None:
    line = pod(TWO_BAD_VALUES, "      imagePulPolicy: Always  # podlint: disable=all\n")
    assert where(lint_text(line, RULES)) == [("env-value-type", 12, 18), ("env-value-type", 14, 18)]
    whole = "# podlint: disable-file=all\n" + pod(TWO_BAD_VALUES, "      imagePulPolicy: Always\n")
    assert lint_text(whole, RULES) == []


def test_comment_in_a_later_document_keeps_its_own_line() -> None:
    text = (
        pod(TWO_BAD_VALUES)
        + "---\n"
        + pod(TWO_BAD_VALUES.replace("value: true\n", "value: true # podlint: disable=env-value-type\n"))
    )
    assert where(lint_text(text, RULES)) == [
        ("env-value-type", 11, 18),
        ("env-value-type", 13, 18),
        ("env-value-type", 25, 18),
    ]


def test_hash_inside_a_block_scalar_is_text_not_a_comment() -> None:
    extra = (
        "      args:\n"
        "        - |\n"
        "          # podlint: disable-file=all\n"
        "          echo hi # podlint: disable-file=all\n"
    )
    assert where(lint_text(pod(TWO_BAD_VALUES, extra), RULES)) == [
        ("env-value-type", 15, 18),
        ("env-value-type", 17, 18),
    ]


def test_a_comment_after_a_block_scalar_header_is_read() -> None:
    extra = "      args:\n        - >-  # podlint: disable-file=env-value-type\n          echo hi\n"
    assert where(lint_text(pod(TWO_BAD_VALUES, extra), RULES)) == []


def test_hash_inside_quoted_strings_is_text_not_a_comment() -> None:
    extra = (
        '      command: ["sh", "-c", "echo # podlint: disable-file=all"]\n'
        "      args: ['x # podlint: disable-file=all', \"multi-line\n"
        '        # podlint: disable-file=all"]\n'
    )
    assert where(lint_text(pod(TWO_BAD_VALUES, extra), RULES)) == [
        ("env-value-type", 14, 18),
        ("env-value-type", 16, 18),
    ]


def test_hash_glued_to_a_word_is_not_a_comment() -> None:
    text = pod(TWO_BAD_VALUES, "      workingDir: /srv#podlint:disable-file=env-value-type\n")
    assert where(lint_text(text, RULES)) == [("env-value-type", 12, 18), ("env-value-type", 14, 18)]


def deployment(object_annotation: str = "", template_annotation: str = "") -> str:
    return (
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "metadata:\n"
        "  name: web\n"
        f"{object_annotation}"
        "spec:\n"
        "  replica: 2\n"
        "  selector:\n"
        "    matchLabels: {app: web}\n"
        "  template:\n"
        "    metadata:\n"
        "      labels: {app: web}\n"
        f"{template_annotation}"
        "    spec:\n"
        "      containers:\n"
        "        - name: web\n"
        "          image: nginx:1.27\n"
        "          env:\n"
        "            - {name: A, value: 1}\n"
    )


def test_annotations_without_rules_of_theirs() -> None:
    assert where(lint_text(deployment(), RULES)) == [("unknown-field", 6, 3), ("env-value-type", 17, 32)]


def test_annotation_on_the_object_covers_the_object_and_its_template() -> None:
    annotation = '  annotations:\n    podlint.io/ignore: "unknown-field,env-value-type"\n'
    assert lint_text(deployment(object_annotation=annotation), RULES) == []


def test_annotation_on_the_template_covers_the_template_only() -> None:
    annotation = "      annotations:\n        podlint.io/ignore: unknown-field,env-value-type\n"
    assert where(lint_text(deployment(template_annotation=annotation), RULES)) == [("unknown-field", 6, 3)]


def test_annotation_all() -> None:
    annotation = "  annotations:\n    podlint.io/ignore: all\n"
    assert lint_text(deployment(object_annotation=annotation), RULES) == []


def test_annotation_of_one_list_item_does_not_cover_another() -> None:
    region = InSubtree(0, "$.items[1]", "Pod/a")

    def at(json_path: str, document: int = 0) -> Finding:
        return Finding("f.yaml", Span(1, 1, 1, 2), "r", Severity.ERROR, "m", document=document, json_path=json_path)

    assert region.covers(at("$.items[1]"))
    assert region.covers(at("$.items[1].spec"))
    assert not region.covers(at("$.items[10].spec"))
    assert not region.covers(at("$.items[1].spec", document=1))
    assert not region.covers(at(""))


def test_unknown_rule_ids_and_directives_are_reported_where_written() -> None:
    text = pod(TWO_BAD_VALUES.replace("value: 1\n", "value: 1  # podlint: disable=env-value-typ, env-value-type\n"))
    text += "# podlint: disabel=all\n# podlint: disable\n"
    findings = lint_text(text, RULES)
    assert where(findings) == [
        ("invalid-suppression", 11, 40),
        ("env-value-type", 13, 18),
        ("invalid-suppression", 14, 12),
        ("invalid-suppression", 15, 12),
    ]
    assert findings[0].message == ("unknown rule id `env-value-typ` in a suppression; did you mean `env-value-type`?")
    assert findings[0].span == Span(11, 40, 11, 53)
    assert findings[0].severity is Severity.WARNING


def test_unknown_rule_id_in_an_annotation_is_reported_at_its_value() -> None:
    annotation = '  annotations:\n    podlint.io/ignore: "unknown-feild"\n'
    assert where(lint_text(deployment(object_annotation=annotation), RULES)) == [
        ("invalid-suppression", 6, 24),
        ("unknown-field", 8, 3),
        ("env-value-type", 19, 32),
    ]


UNUSED = (*RULES, "unused-suppression")


def test_unused_suppressions_are_reported_at_the_rule_id_only_when_selected() -> None:
    text = pod(
        TWO_BAD_VALUES.replace("value: 1\n", "value: 1  # podlint: disable=env-value-type,unknown-field\n"),
        "      image: nginx:1.27  # podlint: disable=all\n".replace("      image: nginx:1.27", "      stdin: true"),
    )
    findings = lint_text(text, UNUSED)
    assert where(findings) == [
        ("unused-suppression", 9, 39),
        ("unused-suppression", 12, 55),
        ("env-value-type", 14, 18),
    ]
    assert [f.message for f in findings[:2]] == [
        "unused suppression: no finding on line 9",
        "unused suppression: no `unknown-field` finding on line 12",
    ]
    assert where(lint_text(text, RULES)) == [("env-value-type", 14, 18)]


def test_suppression_of_a_rule_that_does_not_run_is_not_called_unused() -> None:
    text = pod(TWO_BAD_VALUES.replace("value: 1\n", "value: 1  # podlint: disable=env-value-type,probe-port\n"))
    assert where(lint_text(text, UNUSED)) == [("env-value-type", 13, 18)]


def test_unused_annotations_and_file_suppressions() -> None:
    annotation = "      annotations:\n        podlint.io/ignore: unknown-field\n"
    text = deployment(template_annotation=annotation) + "# podlint: disable-file=env-value-type,unknown-field\n"
    findings = lint_text(text, UNUSED)
    assert where(findings) == [("unused-suppression", 13, 28)]
    assert findings[0].message == "unused suppression: no `unknown-field` finding in the pod template of Deployment/web"


def test_a_comment_alone_on_the_last_line_and_an_empty_annotation_are_still_read() -> None:
    annotation = '  annotations:\n    podlint.io/ignore: ""\n'
    text = deployment(object_annotation=annotation) + "# podlint: disable=nope\n"
    findings = lint_text(text, UNUSED)
    assert where(findings) == [
        ("invalid-suppression", 6, 24),
        ("unknown-field", 8, 3),
        ("env-value-type", 19, 32),
        ("invalid-suppression", 20, 20),
    ]
    assert findings[0].message == "`podlint.io/ignore` names no rule: `rule-a,rule-b` or `all`"
