"""Checks many files on several processes and hands the reports back in the files' order.

The unit of work is a `Task` (the path to show, the file's bytes, its settings), checked by a
picklable function `(display_path, bytes, settings) -> Report`. Tasks travel to the worker
processes in chunks of about `CHUNK_BYTES`, a bounded number at a time, so memory stays flat
however many files a run has and a big file does not keep one process busy with others queued
behind it. Reports found in the cache never leave the parent process.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from podlint.engine import Report, Settings

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

    from podlint.cache import ReportCache

CheckBytes = Callable[[str, bytes, Settings], Report]
CHUNK_BYTES = 256 * 1024
CHUNK_FILES = 64
CHUNKS_IN_FLIGHT_PER_PROCESS = 4


@dataclass(frozen=True)
class Task:
    display: str
    data: bytes
    settings: Settings


def default_processes() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def check_tasks(
    tasks: Iterable[Task], check: CheckBytes, processes: int, cache: ReportCache | None
) -> Iterator[Report]:
    """The report of each task, in order; with `processes` > 1, checked by a process pool."""
    if processes <= 1:
        for task in tasks:
            key, report = _lookup(task, cache)
            if report is None:
                report = check(task.display, task.data, task.settings)
                _remember(cache, [key], [report])
            yield report
        return
    from concurrent.futures import ProcessPoolExecutor  # only runs this large pay for it

    with ProcessPoolExecutor(processes, mp_context=_context()) as pool:
        yield from _ordered(pool, tasks, check, processes * CHUNKS_IN_FLIGHT_PER_PROCESS, cache)


def _lookup(task: Task, cache: ReportCache | None) -> tuple[str | None, Report | None]:
    """The task's cache key (None: not cached) and its report from an earlier run, if any."""
    if cache is None:
        return None, None
    key = cache.key(task.display, task.data, task.settings)
    return key, cache.get(key) if key is not None else None


def _remember(cache: ReportCache | None, keys: list[str | None], reports: list[Report]) -> None:
    if cache is not None:
        for key, report in zip(keys, reports, strict=True):
            if key is not None and not report.crash:
                cache.put(key, report)


def _check_chunk(check: CheckBytes, chunk: list[Task]) -> list[Report]:
    return [check(task.display, task.data, task.settings) for task in chunk]


# A slot of the window: the cache keys of its tasks, and their reports or the chunk being checked.
_Slot = tuple[list["str | None"], "Future[list[Report]] | list[Report]"]


def _ordered(
    pool: ProcessPoolExecutor, tasks: Iterable[Task], check: CheckBytes, in_flight: int, cache: ReportCache | None
) -> Iterator[Report]:
    window: deque[_Slot] = deque()
    chunk: list[Task] = []
    keys: list[str | None] = []
    size = 0

    def submit() -> None:
        nonlocal chunk, keys, size
        if chunk:
            window.append((keys, pool.submit(_check_chunk, check, chunk)))
            chunk, keys, size = [], [], 0

    for task in tasks:
        key, hit = _lookup(task, cache)
        if hit is not None:
            submit()  # keeps the order: the chunk before the hit goes first
            window.append(([None], [hit]))
        else:
            chunk.append(task)
            keys.append(key)
            size += len(task.data)
            if size >= CHUNK_BYTES or len(chunk) >= CHUNK_FILES:
                submit()
        while len(window) > in_flight:
            yield from _finish(window.popleft(), cache)
    submit()
    while window:
        yield from _finish(window.popleft(), cache)


def _finish(slot: _Slot, cache: ReportCache | None) -> list[Report]:
    keys, outcome = slot
    if isinstance(outcome, list):
        return outcome
    reports = outcome.result()
    _remember(cache, keys, reports)
    return reports


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (Linux, one thread): workers start at once with podlint already
    imported; elsewhere the platform's default."""
    import multiprocessing
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
