"""Writes a deterministic benchmark corpus of typical workload manifests.

Deployments, Pods, StatefulSets, Jobs and CronJobs of about 100 lines each, with 1-3
containers carrying probes, env, ports, resources and volume mounts. About 2% of the documents
carry one defect of a varied kind (a typo in a field name, an env value that is a number, a bad
enum, a duplicate key, a YAML syntax error, ...). The same documents are written twice:

    <out>/single/NNNNN.yaml   one document per file
    <out>/multi/NNN.yaml      `--per-file` documents per file, separated by `---` (a document with
                              a syntax error last, as the error ends the file's stream)

    python benchmarks/make_corpus.py --count 10000 --out benchmarks/corpus
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from podlint.yaml11 import resolve_plain

DEFAULT_OUT = Path(__file__).resolve().parent / "corpus"
DEFECT_RATE = 0.02
KINDS = ("Deployment", "Deployment", "Pod", "StatefulSet", "Job", "CronJob")
IMAGES = (
    ("nginx", "1.27.2"),
    ("redis", "7.4"),
    ("postgres", "16.4"),
    ("ghcr.io/acme/api", "v2.13.0"),
    ("quay.io/prometheus/node-exporter", "v1.8.2"),
    ("registry.k8s.io/pause", "3.10"),
    ("docker.io/library/python", "3.12-slim"),
    ("acme/worker", "2024.10.1"),
)
WORDS = ("api", "web", "worker", "cache", "db", "queue", "auth", "billing", "search", "report", "mail", "edge")
ENV_NAMES = ("LOG_LEVEL", "HTTP_PORT", "REGION", "FEATURE_FLAGS", "CACHE_TTL", "WORKERS", "TZ", "MODE")
_PLAIN = re.compile(r"[A-Za-z0-9_./][A-Za-z0-9_./:@=+-]*")


def emit(value: Any, indent: int = 0) -> list[str]:
    """Block-style YAML lines for plain JSON-like data (strings quoted when YAML 1.1 would
    read them as anything else)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:")
                lines.extend(emit(item, indent + (2 if isinstance(item, dict) else 0)))
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
    else:
        for item in value:
            if isinstance(item, (dict, list)) and item:
                nested = emit(item, indent + 2)
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines.extend(nested[1:])
            else:
                lines.append(f"{pad}- {scalar(item)}")
    return lines


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    if _PLAIN.fullmatch(value) and resolve_plain(value) == value:
        return value
    return json.dumps(value)


class Generator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def name(self) -> str:
        return f"{self.random.choice(WORDS)}-{self.random.choice(WORDS)}-{self.random.randrange(1000)}"

    def document(self, index: int) -> dict[str, Any]:
        kind = KINDS[index % len(KINDS)]
        name = f"{self.name()}-{index}"
        labels = {
            "app.kubernetes.io/name": name,
            "app.kubernetes.io/part-of": self.random.choice(WORDS),
            "tier": self.random.choice(("frontend", "backend", "batch")),
        }
        metadata = {"name": name, "namespace": self.random.choice(("default", "prod", "staging")), "labels": labels}
        pod = self.pod_spec(kind)
        template = {
            "metadata": {
                "labels": dict(labels),
                "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": "9090"},
            },
            "spec": pod,
        }
        selector = {"matchLabels": {"app.kubernetes.io/name": name}}
        if kind == "Pod":
            return {"apiVersion": "v1", "kind": kind, "metadata": metadata, "spec": pod}
        if kind == "Deployment":
            spec: dict[str, Any] = {
                "replicas": self.random.randint(1, 5),
                "revisionHistoryLimit": 5,
                "selector": selector,
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
                "template": template,
            }
            return {"apiVersion": "apps/v1", "kind": kind, "metadata": metadata, "spec": spec}
        if kind == "StatefulSet":
            claim = {
                "metadata": {"name": "data"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "10Gi"}}},
            }
            spec = {
                "serviceName": name,
                "replicas": 3,
                "selector": selector,
                "template": template,
                "volumeClaimTemplates": [claim],
            }
            return {"apiVersion": "apps/v1", "kind": kind, "metadata": metadata, "spec": spec}
        pod["restartPolicy"] = "OnFailure"
        job = {"backoffLimit": 4, "activeDeadlineSeconds": 3600, "template": template}
        if kind == "Job":
            return {"apiVersion": "batch/v1", "kind": kind, "metadata": metadata, "spec": job}
        spec = {
            "schedule": f"{self.random.randrange(60)} * * * *",
            "concurrencyPolicy": "Forbid",
            "successfulJobsHistoryLimit": 3,
            "jobTemplate": {"spec": job},
        }
        return {"apiVersion": "batch/v1", "kind": kind, "metadata": metadata, "spec": spec}

    def pod_spec(self, kind: str) -> dict[str, Any]:
        count = self.random.choice((1, 1, 1, 1, 2, 2, 3))
        containers = [self.container(i, kind) for i in range(count)]
        volumes = [
            {"name": "config", "configMap": {"name": self.name(), "defaultMode": 420}},
            {"name": "tmp", "emptyDir": {"sizeLimit": "256Mi"}},
        ]
        if self.random.random() < 0.5:
            volumes.append({"name": "certs", "secret": {"secretName": self.name()}})
        spec: dict[str, Any] = {
            "serviceAccountName": self.random.choice(WORDS),
            "securityContext": {"runAsNonRoot": True, "runAsUser": 10001, "fsGroup": 10001},
            "containers": containers,
            "volumes": volumes,
        }
        if self.random.random() < 0.3:
            spec["nodeSelector"] = {"kubernetes.io/os": "linux"}
            spec["tolerations"] = [{"key": "dedicated", "operator": "Equal", "value": "batch", "effect": "NoSchedule"}]
        return spec

    def container(self, index: int, kind: str) -> dict[str, Any]:
        image, tag = self.random.choice(IMAGES)
        port = 8080 + index
        container: dict[str, Any] = {
            "name": f"{self.random.choice(WORDS)}-{index}",
            "image": f"{image}:{tag}",
            "imagePullPolicy": self.random.choice(("IfNotPresent", "Always")),
            "args": [f"--port={port}", f"--log-level={self.random.choice(('info', 'debug'))}"],
            "ports": [{"name": f"http-{index}", "containerPort": port, "protocol": "TCP"}],
            "env": self.env(port),
            "resources": {
                "requests": {"cpu": f"{self.random.choice((50, 100, 250))}m", "memory": "128Mi"},
                "limits": {"cpu": "1", "memory": f"{self.random.choice((256, 512))}Mi"},
            },
            "volumeMounts": [
                {"name": "config", "mountPath": f"/etc/app-{index}", "readOnly": True},
                {"name": "tmp", "mountPath": f"/tmp/app-{index}"},
            ],
        }
        if kind not in ("Job", "CronJob"):
            container["livenessProbe"] = {
                "httpGet": {"path": "/healthz", "port": f"http-{index}"},
                "initialDelaySeconds": 10,
                "periodSeconds": 10,
                "failureThreshold": 3,
            }
            container["readinessProbe"] = {
                "httpGet": {"path": "/ready", "port": port},
                "periodSeconds": 5,
                "timeoutSeconds": 2,
            }
        if self.random.random() < 0.3:
            container["securityContext"] = {
                "allowPrivilegeEscalation": False,
                "readOnlyRootFilesystem": True,
                "capabilities": {"drop": ["ALL"]},
            }
        return container

    def env(self, port: int) -> list[dict[str, Any]]:
        env: list[dict[str, Any]] = [{"name": "HTTP_PORT", "value": str(port)}]
        for name in self.random.sample(ENV_NAMES[2:], self.random.randint(0, 2)):
            env.append({"name": name, "value": self.random.choice(("info", "eu-west-1", "30s", "4"))})
        env.append({"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}})
        if self.random.random() < 0.3:
            env.append({"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}})
        return env


# Defects: (name, change to the data or None, change to the text or None).
def _container(doc: dict[str, Any]) -> dict[str, Any]:
    spec = doc["spec"]
    while "containers" not in spec:
        spec = spec.get("template", spec.get("jobTemplate", {})).get("spec", spec)
    first: dict[str, Any] = spec["containers"][0]
    return first


def _rename(container: dict[str, Any], old: str, new: str) -> None:
    items = list(container.items())
    container.clear()
    container.update((new if key == old else key, value) for key, value in items)


DataDefect = Callable[[dict[str, Any]], None]
TextDefect = Callable[[list[str]], None]
DATA_DEFECTS: dict[str, DataDefect] = {
    "unknown-field": lambda doc: _rename(_container(doc), "imagePullPolicy", "imagePulPolicy"),
    "env-value-type": lambda doc: _container(doc)["env"][0].update(value=8080),
    "invalid-value": lambda doc: _container(doc).update(imagePullPolicy="always"),
    "invalid-type": lambda doc: _container(doc)["ports"][0].update(containerPort="8080"),
    "missing-field": lambda doc: _container(doc)["volumeMounts"][0].pop("mountPath"),
    "out-of-range": lambda doc: _container(doc)["ports"][0].update(containerPort=2**40),
}


def _duplicate_key(lines: list[str]) -> None:
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("image:"))
    lines.insert(at + 1, lines[at])


def _syntax_error(lines: list[str]) -> None:
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("args:"))
    lines.insert(at, lines[at].replace("args:", "command: [sh, -c"))


TEXT_DEFECTS: dict[str, TextDefect] = {"duplicate-key": _duplicate_key, "yaml-syntax": _syntax_error}
DEFECT_KINDS = (*DATA_DEFECTS, *TEXT_DEFECTS)


def documents(count: int, seed: int = 1, defect_rate: float = DEFECT_RATE) -> list[tuple[str, str | None]]:
    """`count` documents as YAML text, each with the defect it carries (or None)."""
    generator = Generator(seed)
    out: list[tuple[str, str | None]] = []
    for index in range(count):
        doc = generator.document(index)
        defect = generator.random.choice(DEFECT_KINDS) if generator.random.random() < defect_rate else None
        if defect in DATA_DEFECTS:
            DATA_DEFECTS[defect](doc)
        lines = emit(doc)
        if defect in TEXT_DEFECTS:
            TEXT_DEFECTS[defect](lines)
        out.append(("\n".join(lines) + "\n", defect))
    return out


def write_corpus(
    out: Path, count: int, per_file: int = 100, seed: int = 1, defect_rate: float = DEFECT_RATE
) -> list[str | None]:
    """Writes `out/single` and `out/multi`; returns each document's defect."""
    generated = documents(count, seed, defect_rate)
    for folder in ("single", "multi"):
        shutil.rmtree(out / folder, ignore_errors=True)
        (out / folder).mkdir(parents=True)
    width = len(str(max(count - 1, 1)))
    for index, (text, _) in enumerate(generated):
        (out / "single" / f"{index:0{width}d}.yaml").write_text(text)
    for start in range(0, count, per_file):
        # A syntax error ends a YAML stream: its document goes last, so every other one is checked.
        in_file = sorted(generated[start : start + per_file], key=lambda document: document[1] == "yaml-syntax")
        chunk = [text for text, _ in in_file]
        (out / "multi" / f"{start // per_file:0{width}d}.yaml").write_text("---\n".join(chunk))
    return [defect for _, defect in generated]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="documents (default 10000)")
    parser.add_argument("--per-file", type=int, default=100, help="documents per multi-document file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defect-rate", type=float, default=DEFECT_RATE, help="share of documents with a defect")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    defects = write_corpus(args.out, args.count, args.per_file, args.seed, args.defect_rate)
    lines = sum(len(p.read_text().splitlines()) for p in (args.out / "multi").iterdir())
    broken = sum(defect is not None for defect in defects)
    print(
        f"{args.count} documents ({lines / max(args.count, 1):.0f} lines each on average, {broken} with a defect) "
        f"in {args.out}/single and {args.out}/multi"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
