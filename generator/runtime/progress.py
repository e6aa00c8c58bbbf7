"""Progress of long stages: a bar on a terminal, quiet lines elsewhere (CI logs).

Bars appear only for stages of at least ``THRESHOLD`` items and only when
standard error is a terminal; otherwise one line is logged when a long stage
ends, with its count and rate.
"""
from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
THRESHOLD = 5000
log = logging.getLogger("generator")


def track(items: Iterable[T], total: int, what: str) -> Iterator[T]:
    if total < THRESHOLD:
        yield from items
        return
    if sys.stderr.isatty():
        from tqdm import tqdm

        yield from tqdm(items, total=total, desc=what, unit=" items", leave=False, smoothing=0.1)
        return
    start = time.perf_counter()
    yield from items
    elapsed = time.perf_counter() - start
    log.info("%s: %d in %.1f s (%.0f/s)", what, total, elapsed, total / elapsed if elapsed else 0)
