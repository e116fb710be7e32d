"""A literal value for an env var whose name says it holds a secret.

## What it does
Reports `env[].value` written out in the manifest when the variable's name ends in a word that
means a secret: `PASSWORD`, `PASSWD`, `PASSPHRASE`, `PASS`, `TOKEN`, `SECRET`, `CREDENTIALS`,
`API_KEY`/`APIKEY`, `SECRET_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `ENCRYPTION_KEY`, `SIGNING_KEY`,
`LICENSE_KEY`, `CONNECTION_STRING` (words are split at `_`, `-`, `.` and camelCase, and a word
may end in one: `PGPASSWORD`). The value itself is never printed.

The last word decides, so names that are about a secret rather than hold one are not reported:
`PASSWORD_FILE`, `TOKEN_PATH`, `SECRET_NAME`, `JWT_SECRET_REF`, `TOKEN_TTL`, `API_KEY_HEADER`,
`PASSWORD_MIN_LENGTH`, `AWS_ACCESS_KEY_ID`, nor switches about one (`MYSQL_ALLOW_EMPTY_PASSWORD`,
`MYSQL_RANDOM_ROOT_PASSWORD`, `DISABLE_TOKEN`: a word such as `ALLOW`, `ENABLE`, `DISABLE`,
`EMPTY`, `RANDOM`, `GENERATE`, `REQUIRE`, `SKIP`, `USE` or `NO` in the name). A trailing `BASE`,
`VALUE`, `B64` or `BASE64` is looked through (`SECRET_KEY_BASE`). Nor are values that cannot be
the secret itself: empty values, values made only of `$(VAR)` references, file paths
(`/run/secrets/db`, `./key.json`), `0`, `1` and `true`/`false`-like words.

## Why is this bad?
Everything in a manifest is readable by whoever reads the repository, the CI logs, the
Deployment or the pod (`kubectl get pod -o yaml`); RBAC on Secrets does not protect it. Literal
secrets also end up in every copy of the manifest and cannot be rotated without a new commit.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/example/api:1.4.2
      env:
        - name: DB_PASSWORD
          value: hunter2
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/example/api:1.4.2
      env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: api-db
              key: password
        - name: DB_PASSWORD_FILE
          value: /run/secrets/db-password
```

## Options
- `extra_names` (tuple of strings, default empty): more names to treat as secrets, as
  shell-style patterns matched against the whole name, ignoring case (`"*_PIN"`, `"LDAP_BIND"`).
- `allowed_names` (tuple of strings, default empty): names never reported, same patterns
  (`"PUBLIC_API_KEY"`, `"*_TOKEN_AUDIENCE"`); they win over `extra_names`.

## Fix
None: the secret has to be moved into a Secret first.

## References
- [Secrets as container environment variables](https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/#define-container-environment-variables-using-secret-data)
- [Good practices for Kubernetes Secrets](https://kubernetes.io/docs/concepts/security/secrets-good-practices/)
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from podlint.findings import Severity, Violation
from podlint.objects import PodSpec, mappings
from podlint.rule import QuickChecks, Rule, Scope
from podlint.rules._definitions import CONTAINERS

RULE = Rule(
    id="env-secret",
    summary="A literal value for an env var whose name says it holds a secret",
    severity=Severity.WARNING,
    scope=Scope.POD,
)

# A last word equal to, or ending in, one of these names a secret (`PGPASSWORD`, `GITHUB_TOKEN`).
_SECRET_WORD_ENDINGS = (
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "TOKEN",
    "SECRET",
    "CREDENTIALS",
    "CREDENTIAL",
    "APIKEY",
    "SECRETKEY",
    "PRIVATEKEY",
    "ACCESSKEY",
)
# Short words that are secrets only on their own (`SMTP_PASS`, but not `BYPASS`).
_SECRET_WORDS = frozenset({"PASS", "CREDS"})
# Two last words that name a secret, where the last word alone does not (`KEY`, `STRING`).
_SECRET_PHRASES = frozenset(
    {
        ("API", "KEY"),
        ("SECRET", "KEY"),
        ("PRIVATE", "KEY"),
        ("ACCESS", "KEY"),
        ("ENCRYPTION", "KEY"),
        ("SIGNING", "KEY"),
        ("LICENSE", "KEY"),
        ("CONNECTION", "STRING"),
    }
)
# Words after the secret that still name the secret itself (`SECRET_KEY_BASE`, `TOKEN_B64`).
_VALUE_WORDS = frozenset({"BASE", "VALUE", "B64", "BASE64"})
# Words that make the name a switch about a secret (`MYSQL_ALLOW_EMPTY_PASSWORD`).
_SWITCH_WORDS = frozenset(
    {
        "ALLOW",
        "ENABLE",
        "ENABLED",
        "DISABLE",
        "DISABLED",
        "EMPTY",
        "RANDOM",
        "GENERATE",
        "REQUIRE",
        "REQUIRED",
        "SKIP",
        "USE",
        "NO",
    }
)
_NOT_A_SECRET_VALUE = frozenset({"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "0", "1"})
_PATH_STARTS = ("/", "./", "../", "~/")
_REFERENCES_ONLY = re.compile(r"(\$\([^)]*\))+")
_CAMEL_BOUNDARY = re.compile(r"([a-z0-9])([A-Z])")
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class Options:
    extra_names: tuple[str, ...] = ()
    allowed_names: tuple[str, ...] = ()


def _no_literal_secret(container: dict[str, Any]) -> bool:
    for var in container.get("env") or ():
        if names_a_secret(var["name"]) and _literal_secret(var):
            return False
    return True


def _literal_secret(var: dict[str, Any]) -> bool:
    value = literal_text(var.get("value"))
    return value is not None and _could_be_secret(value)


QUICK_CHECKS: QuickChecks = {definition: (_no_literal_secret,) for definition in CONTAINERS}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    extra, allowed = options.extra_names, options.allowed_names
    for container in pod.containers():
        for index, var in mappings(container.data.get("env")):
            name = var.get("name")
            if not isinstance(name, str) or not (names_a_secret(name) or (extra and _matches(name, extra))):
                continue
            if not _literal_secret(var) or (allowed and _matches(name, allowed)):
                continue
            yield Violation(
                container.at("env", index, "value"),
                f"env var `{name}` of container `{container.name}` looks like a secret written "
                "into the manifest, where everyone who can read it sees it; "
                "use `valueFrom.secretKeyRef`",
            )


@functools.lru_cache(maxsize=4096)  # the same few names (`LOG_LEVEL`, `POD_NAME`) fill every manifest
def names_a_secret(name: str) -> bool:
    """Whether an env var name says its value is a secret (see the rule's documentation)."""
    words = _SEPARATORS.split(_CAMEL_BOUNDARY.sub(r"\1_\2", name).upper())
    words = [word for word in words if word]
    if len(words) > 1 and words[-1] in _VALUE_WORDS:
        words.pop()
    if not words or _SWITCH_WORDS.intersection(words):
        return False
    last = words[-1]
    if last in _SECRET_WORDS or last.endswith(_SECRET_WORD_ENDINGS):
        return True
    return len(words) > 1 and (words[-2], last) in _SECRET_PHRASES


def literal_text(value: object) -> str | None:
    """The text of a literal env value: a number is a literal too (`value: 123456` is still a
    password in plain sight, besides being env-value-type's error); booleans and null are not."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _could_be_secret(value: str) -> bool:
    text = value.strip()
    return bool(text) and not (
        _REFERENCES_ONLY.fullmatch(text)
        or (text.startswith(_PATH_STARTS) and not any(character.isspace() for character in text))
        or text.lower() in _NOT_A_SECRET_VALUE
    )


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name.upper(), pattern.upper()) for pattern in patterns)
