"""The one background-work mechanism: same results in a worker as here, one failure behaviour."""
from __future__ import annotations

import logging
import os

import pytest

from generator.errors import GeneratorError
from generator.runtime import parallel

PARENT = os.getpid()


def square_all(chunk):
    return [(x * x, os.getpid()) for x in chunk]


def fail(message):
    raise ValueError(message)


def fail_on_three(chunk):
    if chunk == 3:
        raise ValueError("chunk 3 is bad")
    return chunk


def die_in_a_worker(value):
    if os.getpid() != PARENT:
        os._exit(3)  # as if killed: no result, no exception
    return value * 2


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setenv("PAPER_ATLAS_WORKERS", "2")


def test_a_deferred_call_runs_in_a_worker(two_workers):
    d = parallel.Deferred(square_all, [1, 2, 3])
    assert d.in_background
    result = d.result()
    assert [v for v, _ in result] == [1, 4, 9] and {pid for _, pid in result} != {PARENT}
    assert d.result() == result  # asked again: the same value


def test_one_worker_means_inline(monkeypatch):
    monkeypatch.setenv("PAPER_ATLAS_WORKERS", "1")
    d = parallel.Deferred(square_all, [2])
    assert not d.in_background and d.result() == [(4, PARENT)]
    assert parallel.map_chunks(square_all, [[1], [2], [3]]) == [[(1, PARENT)], [(4, PARENT)], [(9, PARENT)]]


def test_an_exception_in_the_worker_is_raised_here(two_workers):
    d = parallel.Deferred(fail, "bad input")
    assert d.in_background
    with pytest.raises(ValueError, match="bad input"):
        d.result()


def test_a_worker_that_dies_has_its_work_done_here(two_workers, caplog):
    d = parallel.Deferred(die_in_a_worker, 21)
    with caplog.at_level(logging.WARNING, logger="generator.parallel"):
        assert d.result() == 42
    assert "stopped without a result (exit code 3)" in caplog.text


def test_map_over_chunks_keeps_their_order(monkeypatch):
    monkeypatch.setenv("PAPER_ATLAS_WORKERS", "3")
    chunks = [list(range(i, i + 3)) for i in range(0, 30, 3)]
    out = parallel.map_chunks(square_all, chunks)
    assert [[v for v, _ in c] for c in out] == [[x * x for x in c] for c in chunks]
    assert len({pid for c in out for _, pid in c}) == 3  # this process and two workers
    assert parallel.map_chunks(square_all, []) == []


def test_map_raises_what_a_chunk_raises(two_workers):
    with pytest.raises(ValueError, match="chunk 3"):
        parallel.map_chunks(fail_on_three, [0, 1, 2, 3])  # chunk 3 is a worker's


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_bad_worker_count_is_an_error_for_people(monkeypatch, value):
    monkeypatch.setenv("PAPER_ATLAS_WORKERS", value)
    with pytest.raises(GeneratorError, match="PAPER_ATLAS_WORKERS: error: the environment variable is"):
        parallel.workers()


def test_workers_default_to_the_cores(monkeypatch):
    monkeypatch.delenv("PAPER_ATLAS_WORKERS", raising=False)
    assert parallel.workers() == parallel.cores() >= 1
    monkeypatch.setenv("PAPER_ATLAS_WORKERS", "5")
    assert parallel.workers() == 5
