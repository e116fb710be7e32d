"""An image with no tag, or the `latest` tag, and no digest.

## What it does
Reports the `image` of any container (app, init or ephemeral) that names no tag (`nginx`,
`registry.example.com:5000/team/api`) or the tag `latest` (`ghcr.io/example/web:latest`), unless a
digest pins it (`nginx@sha256:...`, `nginx:latest@sha256:...`). The tag is read from the last path
component only, so the port of a registry host (`registry:5000/app`) is not taken for a tag.
A missing or empty image is the schema's business.

## Why is this bad?
`latest` is whatever was pushed last: two nodes, or one node before and after a restart, can run
different code under one manifest, and a rollback has nothing to go back to. An image without a
tag means `latest`, and makes the kubelet default to `imagePullPolicy: Always`, so every start
depends on the registry.

## Example
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
    - name: app
      image: ghcr.io/subicura/counter:latest
    - name: db
      image: redis
```

## Use instead
```yaml
apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
    - name: app
      image: ghcr.io/subicura/counter:v1
    - name: db
      image: redis:7.4
```

## Options
None.

## Fix
None: only the author knows which version to pin.

## References
- [Images: image names](https://kubernetes.io/docs/concepts/containers/images/#image-names)
- [Configuration best practices: container images](https://kubernetes.io/docs/concepts/configuration/overview/#container-images)
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from podlint.findings import Severity, Violation
from podlint.objects import PodSpec
from podlint.rule import NoOptions, Rule, Scope
from podlint.rules._containers import describe

RULE = Rule(
    id="image-tag",
    summary="An image with no tag, or the `latest` tag, and no digest",
    severity=Severity.WARNING,
    scope=Scope.POD,
)

Options = NoOptions


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for container in pod.containers():
        image = container.data.get("image")
        problem = _tag_problem(image) if isinstance(image, str) and image else None
        if problem is not None:
            yield Violation(
                container.at("image"),
                f"image `{image}` of {describe(container)} {problem}; pin a version tag or a digest so that every "
                "node runs the same image",
            )


@functools.lru_cache(maxsize=1024)  # a handful of images fill a repository
def _tag_problem(image: str) -> str | None:
    name, _, digest = image.partition("@")
    if digest:
        return None
    last_component = name.rsplit("/", 1)[-1]
    tag = last_component.rpartition(":")[2] if ":" in last_component else None
    if tag is None:
        return f"has no tag, so it means `{image}:latest`"
    if tag == "latest":
        return "uses the moving tag `latest`"
    return None
