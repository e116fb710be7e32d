"""Schema findings land on the right rule, line and column, once per real problem."""

from __future__ import annotations

import pytest

from conftest import SCHEMA_RULES, Lint, where

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
{extra}"""


DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: web}}
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec: {{containers: [{{name: web, image: nginx:1.27}}]}}
"""
SERVICE = """\
apiVersion: v1
kind: Service
metadata: {{name: web}}
spec:
  type: NodePort
  ports:
    - {{{port}}}
"""


def pod(extra: str) -> str:
    return POD.format(extra=extra)


def test_misspelled_field_points_at_the_key_with_a_suggestion(lint: Lint) -> None:
    findings = lint(
        pod("      imagePulPolicy: Always\n      livenessProbe:\n        gRPC:\n          port: 9000\n"),
        select=SCHEMA_RULES,
    )
    assert where(findings) == [("unknown-field", 9, 7), ("unknown-field", 11, 9)]
    assert "did you mean `imagePullPolicy`?" in findings[0].message
    assert "did you mean `grpc`?" in findings[1].message
    assert findings[0].json_path == "$.spec.containers[0].imagePulPolicy"
    assert findings[0].object == "Pod/web"


def test_wrong_type_points_at_the_value(lint: Lint) -> None:
    findings = lint(pod('      ports:\n        - containerPort: "80"\n'), select=SCHEMA_RULES)
    assert where(findings) == [("invalid-type", 10, 26)]
    assert findings[0].message == "expected integer, found string `80`"
    assert (findings[0].span.end_line, findings[0].span.end_column) == (10, 30)


def test_empty_list_item_points_at_its_dash(lint: Lint) -> None:
    findings = lint(pod("      args:\n        -\n        - x\n"), select=SCHEMA_RULES)
    assert where(findings) == [("invalid-type", 10, 9)]
    assert (findings[0].span.end_line, findings[0].span.end_column) == (10, 10)


def test_missing_required_field_points_at_the_parent_key(lint: Lint) -> None:
    findings = lint(pod("      ports:\n        - name: http\n"), select=SCHEMA_RULES)
    assert where(findings) == [("missing-field", 10, 11)]
    assert findings[0].message == "missing required field `containerPort` in ContainerPort"


def test_missing_containers_points_at_spec(lint: Lint) -> None:
    findings = lint(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  restartPolicy: Never\n", select=SCHEMA_RULES
    )
    assert where(findings) == [("missing-field", 5, 1)]


def test_empty_containers_and_missing_spec(lint: Lint) -> None:
    findings = lint("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: []\n", select=SCHEMA_RULES)
    assert where(findings) == [("missing-field", 6, 15)]
    assert findings[0].message == "`containers` is empty; at least one item is required"
    findings = lint("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n", select=SCHEMA_RULES)
    assert [(f.rule, f.line, f.column, f.message) for f in findings] == [
        ("missing-field", 1, 1, "missing required field `spec` in Pod")
    ]


def test_enum_case_error_suggests_and_fixes(lint: Lint) -> None:
    findings = lint(pod("  restartPolicy: Onfailure\n"), select=SCHEMA_RULES)
    assert where(findings) == [("invalid-value", 9, 18)]
    assert "did you mean `OnFailure`?" in findings[0].message
    assert findings[0].fix is not None and findings[0].fix.safe
    assert [e.text for e in findings[0].fix.edits] == ["OnFailure"]


def test_enum_of_the_wrong_type_is_only_a_type_error(lint: Lint) -> None:
    findings = lint(pod("  restartPolicy: yes\n"), select=SCHEMA_RULES)
    assert where(findings) == [("invalid-type", 9, 18)]
    assert findings[0].message == "expected string, found boolean `true`"


def test_empty_enum_value_is_the_default(lint: Lint) -> None:
    assert lint(pod('      imagePullPolicy: ""\n  restartPolicy: ""\n'), select=SCHEMA_RULES) == []


def test_int32_range(lint: Lint) -> None:
    text = DEPLOYMENT.format(replicas=99999999999)
    findings = lint(text, select=SCHEMA_RULES)
    assert where(findings) == [("invalid-value", 5, 13)]
    assert findings[0].message == "`99999999999` is out of range for int32"
    assert lint(DEPLOYMENT.format(replicas=2**31 - 1), select=SCHEMA_RULES) == []


@pytest.mark.parametrize(
    ("port", "column", "message"),
    [
        ("containerPort: 123456", 26, "`123456` is not a port number: it must be from 1 to 65535"),
        ("containerPort: 0", 26, "`0` is not a port number: it must be from 1 to 65535"),
        (
            "containerPort: 80\n          hostPort: 70000",
            21,
            "`70000` is not a port number: it must be from 1 to 65535, or 0 for none",
        ),
    ],
)
def test_container_port_out_of_range(lint: Lint, port: str, column: int, message: str) -> None:
    findings = lint(pod(f"      ports:\n        - {port}\n"), select=SCHEMA_RULES)
    assert where(findings) == [("invalid-value", 10 + port.count("\n"), column)]
    assert findings[0].message == message


@pytest.mark.parametrize("ports", ["containerPort: 1, hostPort: 0", "containerPort: 65535, hostPort: 65535"])
def test_container_port_bounds_are_accepted(lint: Lint, ports: str) -> None:
    assert lint(pod(f"      ports:\n        - {{{ports}}}\n"), select=SCHEMA_RULES) == []


@pytest.mark.parametrize(
    ("port", "column", "message"),
    [
        ("port: 0", 14, "`0` is not a port number: it must be from 1 to 65535"),
        (
            "port: 80, nodePort: 70000",
            28,
            "`70000` is not a port number: it must be from 1 to 65535, or 0 for none",
        ),
    ],
)
def test_service_port_out_of_range(lint: Lint, port: str, column: int, message: str) -> None:
    findings = lint(SERVICE.format(port=port), select=SCHEMA_RULES)
    assert where(findings) == [("invalid-value", 7, column)]
    assert findings[0].message == message


@pytest.mark.parametrize("port", ["port: 1, nodePort: 0", "port: 65535, nodePort: 65535"])
def test_service_port_bounds_are_accepted(lint: Lint, port: str) -> None:
    assert lint(SERVICE.format(port=port), select=SCHEMA_RULES) == []


def test_field_of_a_newer_version(lint: Lint) -> None:
    text = pod("  hostnameOverride: web-0\n")
    assert lint(text, select=SCHEMA_RULES, kube_version="1.34") == []
    findings = lint(text, select=SCHEMA_RULES, kube_version="1.33")
    assert where(findings) == [("unknown-field", 9, 3)]
    assert "added in 1.34" in findings[0].message


def test_explicit_null_is_accepted_for_optional_fields(lint: Lint) -> None:
    text = pod("      command: null\n      resources: ~\n  nodeSelector:\n")
    assert lint(text, select=SCHEMA_RULES) == []


def test_explicit_null_for_a_required_field_is_missing(lint: Lint) -> None:
    findings = lint(pod("    - name: ~\n      image: nginx:1.27\n"), select=SCHEMA_RULES)
    assert where(findings) == [("missing-field", 9, 7)]


def test_duplicate_key_and_syntax_error(lint: Lint) -> None:
    assert where(lint(pod("      image: nginx:1.26\n"), select=SCHEMA_RULES)) == [("duplicate-key", 9, 7)]
    assert where(lint(pod("      args: [--port, 80\n"), select=SCHEMA_RULES)) == [("yaml-syntax", 9, 13)]


def test_removed_api_says_what_replaced_it(lint: Lint) -> None:
    text = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: x\n"
    findings = lint(text, select=SCHEMA_RULES)
    assert where(findings) == [("unknown-kind", 1, 13)]
    assert "use batch/v1" in findings[0].message


def test_kind_under_the_wrong_api_version(lint: Lint) -> None:
    findings = lint("apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n", select=SCHEMA_RULES)
    assert where(findings) == [("unknown-kind", 1, 13)]
    assert "`apps/v1`" in findings[0].message


def test_misspelled_kind(lint: Lint) -> None:
    findings = lint("apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n", select=SCHEMA_RULES)
    assert where(findings) == [("unknown-kind", 2, 7)]
    assert "did you mean `Deployment`?" in findings[0].message


def test_custom_resources_and_non_kubernetes_yaml_give_nothing(lint: Lint) -> None:
    custom = "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: x\nspec:\n  bogus: 1\n"
    workflow = "name: ci\non:\n  push:\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    chart = "apiVersion: v1\nname: web\nversion: 0.1.0\n"  # a Helm 2 Chart.yaml
    tool_config = "kind: Pod\nreplicas: 2\n"  # a `kind` key, but no object
    for text in (custom, workflow, chart, tool_config):
        assert lint(text) == []


def test_object_without_api_version_or_kind(lint: Lint) -> None:
    no_api_version = "# a pod\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: []\n"
    findings = lint(no_api_version, select=SCHEMA_RULES)
    assert where(findings) == [("missing-field", 2, 1)]
    assert findings[0].message == "missing required field `apiVersion`; Pod is served by apiVersion `v1`"
    no_kind = "---\napiVersion: apps/v1\nind: Deployment\nmetadata:\n  name: x\n"
    assert where(lint(no_kind, select=SCHEMA_RULES)) == [("missing-field", 2, 1)]
    list_item = "apiVersion: v1\nkind: List\nitems:\n  - kind: ConfigMap\n    metadata: {name: x}\n"
    assert where(lint(list_item, select=SCHEMA_RULES)) == [("missing-field", 4, 5)]


def test_helm_templates_are_skipped(lint: Lint) -> None:
    template = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers: []\n"
    assert lint(template) == []
    control = "{{- if .Capabilities }}\napiVersion: v1\nkind: Pod\nspec: {}\n{{- end }}\n"
    assert lint(control.replace(".Capabilities", "$enabled")) == []


def test_templates_in_block_scalars_are_data(lint: Lint) -> None:
    vault = (
        "  annotations:\n"
        "    vault.hashicorp.com/agent-inject-template-config: |\n"
        '      {{- with secret "secret/data/web" -}}\n'
        '      export DB_PASS="{{ .Data.data.password }}"\n'
        "      {{- end }}\n"
    )
    text = pod("      imagePulPolicy: Always\n").replace("  name: web\n", "  name: web\n" + vault, 1)
    assert where(lint(text, select=SCHEMA_RULES)) == [("unknown-field", 14, 7)]


def test_prometheus_templates_in_a_configmap_are_checked(lint: Lint) -> None:
    text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "{{ $labels.pod }}"\n  b: 1\n'
    assert where(lint(text, select=SCHEMA_RULES)) == [("invalid-type", 7, 6)]


def test_list_items_are_checked_with_true_positions(lint: Lint) -> None:
    text = (
        "apiVersion: v1\nkind: List\nitems:\n"
        "  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n"
        "  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: b\n      nmespace: x\n"
    )
    findings = lint(text, select=SCHEMA_RULES)
    assert where(findings) == [("unknown-field", 12, 7)]
    assert findings[0].object == "ConfigMap/b"
    assert findings[0].json_path == "$.items[1].metadata.nmespace"


def test_one_finding_per_problem_in_a_multi_document_file(lint: Lint) -> None:
    text = pod("") + "---\n" + pod("      imagePullPolicy: always\n")
    findings = lint(text, select=SCHEMA_RULES)
    assert where(findings) == [("invalid-value", 18, 24)]
    assert findings[0].document == 1


def test_broken_or_repetitive_yaml_that_is_not_a_manifest_gives_nothing(lint: Lint) -> None:
    assert lint("name: ci\non: [push\n") == []
    assert lint('{"compilerOptions": {"strict": true, // comment\n}}\n') == []
    assert lint("services:\n  web:\n    image: a\n    image: b\n") == []


def test_duplicate_key_in_one_document_of_several(lint: Lint) -> None:
    text = "settings:\n  a: 1\n  a: 2\n---\n" + pod("      image: nginx:1.26\n")
    assert where(lint(text, select=SCHEMA_RULES)) == [("duplicate-key", 13, 7)]


@pytest.mark.parametrize(
    ("version", "name", "valid"),
    [
        ("1.36", "MY_ENV.NAME", True),
        ("1.36", "my-env.name", True),
        ("1.36", "1VAR", True),  # relaxed since 1.32: any printable ASCII but `=`
        ("1.36", "$HOME dir", True),
        ("1.36", "A=B", False),
        ("1.36", "", False),
        ("1.36", "\U0001f680", False),
        ("1.31", "my-env.name", True),
        ("1.31", "1VAR", False),
        ("1.31", "..X", False),
        ("1.31", ".", False),
        ("1.31", "A B", False),
    ],
)
def test_env_var_names(lint: Lint, version: str, name: str, valid: bool) -> None:
    text = pod(f'      env:\n        - {{name: "{name}", value: x}}\n')
    findings = lint(text, select=SCHEMA_RULES, kube_version=version)
    assert where(findings) == ([] if valid else [("invalid-value", 10, 18)])


def test_bounds_beyond_the_type_say_what_is_accepted(lint: Lint) -> None:
    volume = (
        "  volumes:\n    - name: token\n      projected:\n        sources:\n"
        "          - serviceAccountToken: {path: t, expirationSeconds: 60}\n"
    )
    findings = lint(pod(volume), select=SCHEMA_RULES)
    assert [(f.rule, f.line, f.column, f.message) for f in findings] == [
        ("invalid-value", 13, 63, "`60` is out of range: the API server accepts 600 to 4294967296")
    ]


def test_empty_values_validation_refuses(lint: Lint) -> None:
    text = pod(
        "      livenessProbe:\n        exec: {command: []}\n"
        "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n"
        "        nodeSelectorTerms: []\n"
    ).replace("image: nginx:1.27", 'image: ""')
    findings = lint(text, select=SCHEMA_RULES)
    assert [(f.rule, f.line, f.column, f.message) for f in findings] == [
        ("missing-field", 8, 14, "`image` is empty; the API server requires a value"),
        ("missing-field", 10, 25, "`command` is empty; at least one item is required"),
        ("missing-field", 14, 28, "`nodeSelectorTerms` is empty; at least one item is required"),
    ]
