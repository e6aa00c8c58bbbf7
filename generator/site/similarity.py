"""The array half of the features: TF-IDF, LSA, related papers and the map layout.

``compute`` takes plain data (texts and ids) and returns plain data, so it can
run in a worker process (``generator.runtime.parallel``) while this one writes
citations and feeds (two cores: the project's target machine has them).
``start`` does that for collections of ``PROCESS_MIN`` papers or more, and runs
it inline otherwise, with one worker (``PAPER_ATLAS_WORKERS=1``), or wherever a
process cannot be started. Either way the results are the same: nothing
depends on timing.
"""
from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from typing import Callable

from threadpoolctl import threadpool_limits

from generator.analysis import related, vectors
from generator.runtime import parallel
from generator.site import atlas

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


def _compute_from(texts: Callable[[], list[str]], ids: list[str]) -> Similarity:
    return compute(texts(), ids)


def start(texts: Callable[[], list[str]], ids: list[str]) -> parallel.Deferred:
    """Begin ``compute`` of ``texts()``: in a worker process for large collections, else right here."""
    background = len(ids) >= PROCESS_MIN and parallel.workers() > 1
    return parallel.Deferred(_compute_from, texts, ids, background=background)
