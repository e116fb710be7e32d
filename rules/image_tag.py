"""An image with no tag, or the `latest` tag, and no digest; an image reference that cannot be pulled.

## What it does
Reports the `image` of any container (app, init or ephemeral) that names no tag (`nginx`,
`registry.example.com:5000/team/api`) or the tag `latest` (`ghcr.io/example/web:latest`), unless a
digest pins it (`nginx@sha256:...`, `nginx:latest@sha256:...`). The tag is read from the last path
component only, so the port of a registry host (`registry:5000/app`) is not taken for a tag.
A missing or empty image is the schema's business.

An image that is not a valid reference at all is an error: a second tag
(`redis:alpine:v0.3.6`), capitals in the repository path (`acme/Web:1.0`), spaces, a tag
longer than 128 characters. The grammar is the one the kubelet parses images with
(`name[:tag][@digest]`, the name a lowercase path after an optional registry host and port).
An image that is a stand-in (`${IMAGE}`, `<your-image>`, `{{ .Tag }}`, `IMAGE_PATH`) belongs
to a template or a document, and is not checked.

## Why is this bad?
The kubelet cannot pull a malformed reference: the pod never starts (`InvalidImageName`).
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
import re
from collections.abc import Iterator
from typing import Any

from podlint.findings import Severity, Violation
from podlint.naming import has_placeholder
from podlint.objects import PodSpec
from podlint.rule import NoOptions, QuickChecks, Rule, Scope
from podlint.rules._containers import describe
from podlint.rules._definitions import CONTAINERS

RULE = Rule(
    id="image-tag",
    summary="An image with no tag, or the `latest` tag, and no digest; a malformed image reference",
    severity=Severity.WARNING,
    scope=Scope.POD,
)

Options = NoOptions

# The grammar of github.com/distribution/reference, which the kubelet parses images with.
_DOMAIN_PART = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_PART}(?:\.{_DOMAIN_PART})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_PATH_PART = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_NAME = rf"(?:{_DOMAIN}/)?{_PATH_PART}(?:/{_PATH_PART})*"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}"
_REFERENCE = re.compile(rf"{_NAME}(?::{_TAG})?(?:@{_DIGEST})?")
_PLACEHOLDER_WORD = re.compile(r"[A-Z][A-Z0-9_]*")


def _image_pinned(container: dict[str, Any]) -> bool:
    image = container.get("image")
    return not image or _pinned(image)


QUICK_CHECKS: QuickChecks = {definition: (_image_pinned,) for definition in CONTAINERS}


def check(pod: PodSpec, options: Options) -> Iterator[Violation]:
    for container in pod.containers():
        image = container.data.get("image")
        if not isinstance(image, str) or not image or _is_placeholder(image):
            continue
        if not _is_reference(image):
            yield Violation(
                container.at("image"),
                f"image `{image}` of {describe(container)} is not a valid image reference "
                "(`registry/name:tag@digest`, a lowercase name, one tag); the kubelet cannot pull it, "
                "so the pod never starts (InvalidImageName)",
                severity=Severity.ERROR,
            )
            continue
        problem = _tag_problem(image)
        if problem is not None:
            yield Violation(
                container.at("image"),
                f"image `{image}` of {describe(container)} {problem}; pin a version tag or a digest so that every "
                "node runs the same image",
            )


def _is_placeholder(image: str) -> bool:
    """`${IMAGE}`, `<your-image>`, `{{ .Tag }}`, `IMAGE_PATH`: a template's or a document's
    stand-in, filled in before the manifest is applied."""
    return (
        has_placeholder(image)
        or any(mark in image for mark in "<>{}")
        or _PLACEHOLDER_WORD.fullmatch(image) is not None
    )


@functools.lru_cache(maxsize=1024)  # a handful of images fill a repository
def _pinned(image: str) -> bool:
    return _is_placeholder(image) or (_is_reference(image) and _tag_problem(image) is None)


@functools.lru_cache(maxsize=1024)
def _is_reference(image: str) -> bool:
    return _REFERENCE.fullmatch(image) is not None


@functools.lru_cache(maxsize=1024)
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
