"""The `podlint` command: imports the CLI without the garbage collector, then runs it.

Start-up creates thousands of long-lived objects (modules, classes, compiled patterns) and no
garbage, so collecting during it only costs time; frozen afterwards, they are never scanned again.
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    try:
        from podlint.cli import main as run_cli
    finally:
        gc.enable()
    gc.freeze()
    return run_cli()
