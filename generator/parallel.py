"""Run a pure function in a forked child while the parent goes on.

The generator's stages after the taxonomy are independent of each other (the
search index does not need the pages), so on a machine with more than one core
the search index is built beside the page rendering. Where ``fork`` is not
available, or there is one core, the function simply runs in this process.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable
from typing import Any


class Deferred:
    def __init__(self, fn: Callable[..., Any], *args: Any):
        self._value: Any = None
        self._proc = None
        self._conn = None
        if _can_fork():
            ctx = multiprocessing.get_context("fork")
            parent, child = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_child, args=(child, fn, args), daemon=True)
            self._proc.start()
            child.close()
            self._conn = parent
        else:
            self._value = fn(*args)

    def result(self) -> Any:
        if self._proc is None:
            return self._value
        try:
            ok, payload = pickle.loads(self._conn.recv_bytes())
        except EOFError:
            raise RuntimeError("the background worker died without a result") from None
        finally:
            self._conn.close()
            self._proc.join()
        if not ok:
            raise payload
        return payload


def _child(conn, fn, args) -> None:
    try:
        payload = (True, fn(*args))
    except BaseException as exc:  # handed to the parent, which raises it
        payload = (False, exc)
    conn.send_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    conn.close()


def _can_fork() -> bool:
    if os.environ.get("PAPER_ATLAS_WORKERS") == "1":
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cpus > 1 and "fork" in multiprocessing.get_all_start_methods()
