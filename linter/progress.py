"""A progress line on the terminal for long runs: files done, documents, findings so far.

Shown only when standard error is a terminal, outside CI, and only once a run has taken more
than `DELAY` seconds, so short runs, pipes, CI logs and machine formats never see it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from podlint.engine import Report

DELAY = 0.5
INTERVAL = 0.1
WIDTH = 24


def wanted(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class Progress:
    def __init__(self, total_files: int, stream: TextIO = sys.stderr) -> None:
        self.total, self.stream = total_files, stream
        self.files = self.documents = self.findings = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False

    def update(self, report: Report) -> None:
        self.files += 1
        self.documents += report.documents
        self.findings += len(report.findings)
        now = time.monotonic()
        if now - self.started >= DELAY and now - self.drawn_at >= INTERVAL:
            self.drawn_at = now
            self._draw()

    def close(self) -> None:
        """Erase the line, so that what follows starts on a clean one."""
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()

    def _draw(self) -> None:
        done = self.files / self.total if self.total else 1.0
        bar = "=" * int(done * WIDTH)
        self.stream.write(
            f"\r\x1b[2K[{bar:<{WIDTH}}] {self.files:,}/{self.total:,} files, "
            f"{self.documents:,} documents, {self.findings:,} findings"
        )
        self.stream.flush()
        self.shown = True
