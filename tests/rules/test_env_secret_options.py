"""env-secret's options: `extra_names` adds names, `allowed_names` exempts them (and wins)."""

from __future__ import annotations

from podlint.engine import Settings, check_source
from podlint.rules.env_secret import Options
from podlint.schema import DEFAULT_VERSION
from podlint.source import Source

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: kiosk
spec:
  containers:
    - name: kiosk
      image: ghcr.io/example/kiosk:1.0.0
      env:
        - name: UNLOCK_PIN
          value: "4711"
        - name: PUBLIC_API_KEY
          value: pk_live_123
        - name: DB_PASSWORD
          value: hunter2
"""


def lines_reported(options: Options) -> list[int]:
    settings = Settings(DEFAULT_VERSION, frozenset({"env-secret"}), options={"env-secret": options})
    return [finding.line for finding in check_source(Source("pod.yaml", POD), settings).findings]


def test_defaults_report_only_names_that_say_secret() -> None:
    assert lines_reported(Options()) == [13, 15]


def test_extra_names_are_case_insensitive_patterns() -> None:
    assert lines_reported(Options(extra_names=("*_pin",))) == [11, 13, 15]


def test_allowed_names_win_over_everything() -> None:
    options = Options(extra_names=("*_PIN",), allowed_names=("PUBLIC_*", "unlock_pin"))
    assert lines_reported(options) == [15]
