"""Shapes found in published manifests that kubectl and the API server accept: podlint must read
them the same way and report nothing, while the real errors beside them keep their positions."""

from __future__ import annotations

from conftest import SCHEMA_RULES, Lint, where
from podlint.loader import load


def test_escaped_apostrophe_in_double_quotes_reads_as_go_yaml_reads_it(lint: Lint) -> None:
    text = (
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata:\n"
        "  name: quotes\n"
        "spec:\n"
        "  containers:\n"
        "    - name: app\n"
        "      image: busybox:1.36\n"
        '      command: ["sh", "-c", "echo \\\'ready\\\' > /tmp/state"]\n'
        '      args: ["it\\\'s", 8080]\n'
    )
    assert load(text).documents[0].data["spec"]["containers"][0]["command"][2] == "echo 'ready' > /tmp/state"
    findings = lint(text, select=SCHEMA_RULES)
    assert where(findings) == [("invalid-type", 10, 23)]
    assert findings[0].message == "expected string, found integer `8080`"


def test_escaped_apostrophe_stays_an_error_in_json(lint: Lint) -> None:
    text = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"k": "a\\\'b"}}\n'
    assert where(lint(text, select=SCHEMA_RULES)) == [("yaml-syntax", 1, 86)]


def test_colons_inside_plain_scalars_of_flow_collections(lint: Lint) -> None:
    text = (
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata: {name: flow, annotations: {example.com/endpoint: http://collector:4317}}\n"
        "spec:\n"
        "  containers:\n"
        '    - {name: app, image: registry.local:5000/app:1.2, args: [--url=http://db:5432/x, -v], tty: "no"}\n'
    )
    container = load(text).documents[0].data["spec"]["containers"][0]
    assert container["image"] == "registry.local:5000/app:1.2"
    assert container["args"] == ["--url=http://db:5432/x", "-v"]
    assert where(lint(text, select=SCHEMA_RULES)) == [("invalid-type", 6, 96)]


def test_surrogate_pairs_in_json_strings(lint: Lint) -> None:
    text = (
        '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "emoji", '
        '"annotations": {"note": "ship it \\ud83d\\ude80"}}, "data": {"count": 3}}\n'
    )
    assert load(text).documents[0].data["metadata"]["annotations"]["note"] == "ship it \U0001f680"
    findings = lint(text, select=SCHEMA_RULES)
    assert where(findings) == [("invalid-type", 1, 141)]
    assert findings[0].message == "expected string, found integer `3`"


def test_null_map_values_are_empty_values(lint: Lint) -> None:
    text = (
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata:\n"
        "  name: nulls\n"
        "  labels:\n"
        "    team:\n"
        "  annotations: {owner: ~}\n"
        "  colour: ~\n"
        "spec:\n"
        "  nodeSelector:\n"
        "    disk:\n"
        "  containers:\n"
        "    - name: app\n"
        "      image: busybox:1.36\n"
        "      resources:\n"
        "        limits: {cpu: 500m, memory: }\n"
    )
    findings = lint(text, select=SCHEMA_RULES)
    assert where(findings) == [("unknown-field", 8, 3)]


def test_messages_show_values_as_json(lint: Lint) -> None:
    text = (
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata:\n"
        "  name: values\n"
        "  labels: {enabled: yes}\n"
        "spec:\n"
        "  containers:\n"
        "    - name: app\n"
        "      image: busybox:1.36\n"
        "      args: [~]\n"
        "      stdin: {open: 1}\n"
    )
    assert [(f.line, f.message) for f in lint(text, select=SCHEMA_RULES)] == [
        (5, "expected string, found boolean `true`"),
        (10, "expected string, found null `null`"),
        (11, 'expected boolean, found object `{"open": 1}`'),
    ]


def test_files_that_are_not_api_objects(lint: Lint) -> None:
    kubeconfig = (
        "apiVersion: v1\n"
        "kind: Config\n"
        "clusters:\n"
        "  - name: local\n"
        '    cluster: {server: "https://127.0.0.1:6443"}\n'
        "current-context: local\n"
    )
    admission_review = (
        "apiVersion: admission.k8s.io/v1\n"
        "kind: AdmissionReview\n"
        "request:\n"
        "  uid: 705ab4f5-6393-11e8-b7cc-42010a800002\n"
        "  operation: CREATE\n"
    )
    assert lint(kubeconfig, select=SCHEMA_RULES) == []
    assert lint(admission_review, select=SCHEMA_RULES) == []


def test_older_versions_do_not_require_fields_newer_ones_made_optional(lint: Lint) -> None:
    statefulset = (
        "apiVersion: apps/v1\n"
        "kind: StatefulSet\n"
        "metadata: {name: db}\n"
        "spec:\n"
        "  selector: {matchLabels: {app: db}}\n"
        "  template:\n"
        "    metadata: {labels: {app: db}}\n"
        "    spec:\n"
        '      containers: [{name: db, image: "postgres:16"}]\n'
    )
    policy = (
        "apiVersion: networking.k8s.io/v1\n"
        "kind: NetworkPolicy\n"
        "metadata: {name: deny-all}\n"
        "spec:\n"
        "  policyTypes: [Ingress]\n"
        "---\n"
        "apiVersion: scheduling.k8s.io/v1\n"
        "kind: PriorityClass\n"
        "metadata: {name: batch}\n"
        "description: the zero priority, named\n"
        "---\n"
        "apiVersion: rbac.authorization.k8s.io/v1\n"
        "kind: RoleBinding\n"
        "metadata: {name: view}\n"
        "roleRef: {kind: ClusterRole, name: view}\n"
    )
    for version in ("1.28", "1.31", "1.36"):
        assert lint(statefulset, select=SCHEMA_RULES, kube_version=version) == [], version
        assert lint(policy, select=SCHEMA_RULES, kube_version=version) == [], version


def test_many_flow_collections_with_urls_and_a_verbatim_tag() -> None:
    entry = "  - {name: c{i}, args: [--db=postgres://db:5432/x{i}, --tz=+01:00]}\n"
    text = "apiVersion: v1\nkind: List\nitems:\n" + "".join(entry.replace("{i}", str(i)) for i in range(3000))
    text += "note: !<tag:yaml.org,2002:str> 12:30\n"
    loaded = load(text)
    assert loaded.violations == []
    data = loaded.documents[0].data
    assert data["items"][-1]["args"] == ["--db=postgres://db:5432/x2999", "--tz=+01:00"]
    assert data["note"] == "12:30"


def test_a_misspelt_required_field_is_reported_once_as_the_misspelling(lint: Lint) -> None:
    text = (
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "metadata: {name: recommender}\n"
        "spec:\n"
        "  selector: {matchLabels: {app: vpa}}\n"
        "  template:\n"
        "    metadata: {labels: {app: vpa}}\n"
        "    spec:\n"
        "      containers:\n"
        "        - nmae: recommender\n"
        "          image: registry.k8s.io/autoscaling/vpa-recommender:1.5.0\n"
        "          ports:\n"
        "            - name: prometheus\n"
        "              containerport: 8942\n"
        "        - image: busybox:1.36\n"
    )
    findings = lint(text, select=SCHEMA_RULES)
    assert where(findings) == [("unknown-field", 10, 11), ("unknown-field", 14, 15), ("missing-field", 15, 11)]
    assert findings[0].message == "unknown field `nmae` in Container; did you mean `name`?"
    assert findings[1].message == "unknown field `containerport` in ContainerPort; did you mean `containerPort`?"
    assert findings[2].message == "missing required field `name` in Container"


def test_a_manifest_whose_comments_mention_a_chart_is_still_checked(lint: Lint) -> None:
    text = (
        "# Rendered from the chart; the image comes from {{ .Values.image.repository }}.\n"
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata:\n"
        "  name: rendered\n"
        "spec:\n"
        "  containers:\n"
        "    - name: app\n"
        "      image: busybox:1.36\n"
        '      # {{- include "app.env" . | nindent 6 }} was expanded below\n'
        "      env:\n"
        "        - {name: PORT, value: 8080}\n"
    )
    template = text.replace("name: rendered", "name: {{ .Release.Name }}")
    assert where(lint(text, select=("env-value-type",))) == [("env-value-type", 12, 31)]
    assert lint(template) == []
