"""podlint: a linter for Kubernetes pod manifests with exact positions."""
from __future__ import annotations

__version__ = "0.1.0"
