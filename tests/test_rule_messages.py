"""Messages name both parties of a conflict so that the reader can tell them apart."""

from __future__ import annotations

from conftest import lint_text

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: {first}
      image: nginx:1.27
      ports: [{{containerPort: 8080}}]
    - name: {second}
      image: envoyproxy/envoy:v1.31.0
      ports: [{{containerPort: 8080}}]
"""


def test_a_port_collision_names_both_containers() -> None:
    (finding,) = lint_text(POD.format(first="app", second="proxy"), ("port-collision",))
    assert (finding.line, finding.column) == (12, 31)
    assert finding.message.startswith("containers `app` and `proxy` both declare port 8080/TCP;")


def test_two_containers_of_one_name_are_not_named_twice() -> None:
    (finding,) = lint_text(POD.format(first="app", second="app"), ("port-collision",))
    assert (finding.line, finding.column) == (12, 31)
    assert finding.message.startswith("two containers named `app` both declare port 8080/TCP;")
