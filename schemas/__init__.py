"""Bundled JSON Schemas for the built-in Kubernetes kinds, one file per minor version."""
