"""The array half of the features: TF-IDF, LSA, related papers and the map layout.

``compute`` takes plain data (texts and ids) and returns plain data, so it can
run in a second process while the first one writes citations and feeds (two
cores: the project's target machine has them). ``start`` does that for
collections of ``PROCESS_MIN`` papers or more (starting Python and sending the
texts, about a second, is then well spent), and runs it inline otherwise, on
one core, with ``PAPER_ATLAS_WORKERS=1``, or wherever a process cannot be
started. Either way the results are the same:
nothing depends on timing.
"""
from __future__ import annotations

import gc
import logging
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from threadpoolctl import threadpool_limits

from . import atlas, related, vectors

log = logging.getLogger("generator.features")
PROCESS_MIN = 20000


@dataclass(slots=True)
class Similarity:
    neighbours: related.Neighbours
    map: atlas.MapData | None
    timings: dict[str, float] = field(default_factory=dict)


def compute(texts: list[str], ids: list[str]) -> Similarity:
    """Related papers and map positions of the papers with these texts and ids."""
    collecting = gc.isenabled()
    gc.disable()  # no cycles are made here; the collector's passes would cost more than the work
    timings: dict[str, float] = {}
    try:
        with threadpool_limits(limits=1, user_api="blas"):  # fast at these sizes, and repeatable
            start = time.perf_counter()
            terms = vectors.tfidf(texts)
            order = vectors.stable_order(ids)
            timings["tf-idf"] = time.perf_counter() - start
            start = time.perf_counter()
            embedding = vectors.embed(terms.matrix, order) if len(ids) >= 4 else None
            timings["lsa"] = time.perf_counter() - start
            start = time.perf_counter()
            neighbours = related.nearest(terms.matrix, embedding, order)
            timings["related"] = time.perf_counter() - start
            start = time.perf_counter()
            positions = atlas.positions(embedding, order) if embedding is not None else None
            timings["map layout"] = time.perf_counter() - start
    finally:
        if collecting:
            gc.enable()
    return Similarity(neighbours, positions, timings)


class _Done:
    """A finished computation with the interface of ``Running``."""

    def __init__(self, value: Similarity):
        self.value = value

    def result(self) -> Similarity:
        return self.value


class Running:
    """``compute`` in a second Python process (``python -c``; no multiprocessing,
    so no script is imported twice). Input and output travel as pickles in a
    temporary folder: one write each, nothing for a busy parent to pump.
    ``result()`` waits for the process, or computes inline if it failed."""

    def __init__(self, texts: Callable[[], list[str]], ids: list[str]):
        self.texts, self.ids = texts, ids  # texts are made again only if the process fails
        self.folder = Path(tempfile.mkdtemp(prefix="paper-atlas-"))
        try:
            (self.folder / "in.pickle").write_bytes(pickle.dumps((texts(), ids), protocol=5))
            package_root = str(Path(__file__).resolve().parents[2])
            path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
            self.errors = open(self.folder / "errors.txt", "wb")
            self.proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(self.folder)], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=self.errors, env={**os.environ, "PYTHONPATH": path})
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def result(self) -> Similarity:
        try:
            code = self.proc.wait()
            self.errors.close()
            if code == 0:
                return pickle.loads((self.folder / "out.pickle").read_bytes())
            log.debug("similarity process failed: %s", (self.folder / "errors.txt").read_text(errors="replace")[-2000:])
        except Exception as exc:  # noqa: BLE001 - anything wrong there: compute it here
            log.debug("similarity process sent nothing usable (%s)", exc)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
        return compute(self.texts(), self.ids)


_CHILD = (
    "import pickle, sys\n"
    "from pathlib import Path\n"
    "from generator.features.similarity import compute\n"
    "folder = Path(sys.argv[1])\n"
    "data = (folder / 'in.pickle').read_bytes()\n"
    "texts, ids = pickle.loads(data)\n"
    "del data\n"
    "(folder / 'out.pickle').write_bytes(pickle.dumps(compute(texts, ids), protocol=5))\n"
)


def start(texts: Callable[[], list[str]], ids: list[str]) -> Running | _Done:
    """Begin ``compute`` of ``texts()``: in a second process for large collections, else right here."""
    if len(ids) >= PROCESS_MIN and _cores() > 1 and os.environ.get("PAPER_ATLAS_WORKERS") != "1":
        try:
            return Running(texts, ids)
        except OSError as exc:
            log.debug("no second process (%s); computing inline", exc)
    return _Done(compute(texts(), ids))


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
