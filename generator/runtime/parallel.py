"""Background work: the one way the generator uses more than one core.

- :func:`workers` is the one place that counts cores and reads
  ``PAPER_ATLAS_WORKERS`` (a whole number; ``1`` keeps all work in this process).
- :class:`Deferred` runs one call in a worker process while this one goes on
  (the search index and the similarity arrays are built beside the pages).
- :func:`map_chunks` runs a function over chunks in up to :func:`workers`
  processes and returns the results in the chunks' order (page rendering).

Workers are forked: they inherit the function and its arguments (nothing is
pickled on the way in, and no script is imported twice); only results travel
back, as one pickle each. Where ``fork`` is not available, or there is one
worker, the work simply runs in this process. Either way the results are the
same: nothing depends on timing.

One failure behaviour: an exception the function raises is raised again here,
as if the call had been made here; a worker that dies without a result (killed,
out of memory) is logged and its work is done again in this process.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from generator.errors import GeneratorError, error

log = logging.getLogger("generator.parallel")
ENV = "PAPER_ATLAS_WORKERS"
T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def workers() -> int:
    """How many processes may work at once: ``PAPER_ATLAS_WORKERS``, else the cores; 1 without ``fork``."""
    value = os.environ.get(ENV, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise GeneratorError([error(ENV, 0, f"the environment variable is {value!r}; set it to a whole number "
                                                "of processes (1 to keep all work in one process) or unset it")])
        count = int(value)
    else:
        count = cores()
    return count if "fork" in multiprocessing.get_all_start_methods() else 1


class Deferred:
    """``fn(*args)`` in a forked worker (inline with one worker); :meth:`result` waits for it.
    A worker that starts workers of its own is no ``daemon`` (multiprocessing's rule)."""

    def __init__(self, fn: Callable[..., Any], *args: Any, background: bool | None = None, daemon: bool = True):
        self._call = (fn, args)
        self._value: Any = None
        self._proc = self._conn = None
        if background is None:
            background = workers() > 1
        if background and "fork" in multiprocessing.get_all_start_methods():
            try:
                ctx = multiprocessing.get_context("fork")
                parent, child = ctx.Pipe(duplex=False)
                self._proc = ctx.Process(target=_child, args=(child, fn, args), daemon=daemon)
                self._proc.start()
                child.close()
                self._conn = parent
                return
            except OSError as exc:
                log.warning("could not start a worker process (%s); working in this one", exc)
                self._proc = self._conn = None
        self._value = fn(*args)

    @property
    def in_background(self) -> bool:
        return self._proc is not None

    def result(self) -> Any:
        if self._proc is None:
            return self._value
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        try:
            ok, payload = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            proc.join()
            fn, args = self._call
            log.warning("a worker process stopped without a result (exit code %s); doing its work here",
                        proc.exitcode)
            self._value = fn(*args)
            return self._value
        finally:
            conn.close()
        proc.join()
        if not ok:
            raise payload
        self._value = payload
        return payload

    def cancel(self) -> None:
        """Stop the worker if it is still running (its result is not wanted)."""
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join()
            self._conn.close()
            self._proc = self._conn = None

    def __del__(self) -> None:
        try:
            self.cancel()
        except Exception:  # noqa: BLE001 - interpreter shutdown: nothing left to stop
            pass


def _child(conn, fn, args) -> None:
    try:
        payload = (True, fn(*args))
    except BaseException as exc:  # handed to the parent, which raises it
        payload = (False, exc)
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - an exception that cannot be pickled: say what it was
        data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.send_bytes(data)
    conn.close()


def _run_all(fn: Callable[[T], R], chunks: Sequence[T]) -> list[R]:
    return [fn(c) for c in chunks]


def map_chunks(fn: Callable[[T], R], chunks: Sequence[T], processes: int | None = None) -> list[R]:
    """``[fn(c) for c in chunks]``, the chunks shared among up to ``processes``
    (default :func:`workers`) forked workers; this process takes the first share."""
    n = min(processes or workers(), len(chunks))
    if n <= 1:
        return _run_all(fn, chunks)
    shares = [chunks[k::n] for k in range(n)]
    pending = [Deferred(_run_all, fn, share, background=True) for share in shares[1:]]
    try:
        done = [_run_all(fn, shares[0]), *(d.result() for d in pending)]
    finally:
        for d in pending:
            d.cancel()  # only those whose result was not taken: an error here stops the rest
    out: list[R] = [None] * len(chunks)  # type: ignore[list-item]
    for k, results in enumerate(done):
        out[k::n] = results
    return out
