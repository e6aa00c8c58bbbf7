"""Long stages report progress: a line in logs when there is no terminal."""
from __future__ import annotations

import logging

from generator.runtime import progress


def test_long_stage_without_terminal_logs_one_line(caplog, monkeypatch):
    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: False, raising=False)
    with caplog.at_level(logging.INFO, logger="generator"):
        out = list(progress.track(range(progress.THRESHOLD), progress.THRESHOLD, "rendering"))
    assert out == list(range(progress.THRESHOLD))
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and lines[0].startswith(f"rendering: {progress.THRESHOLD} in ")


def test_short_stage_is_silent(caplog):
    with caplog.at_level(logging.INFO, logger="generator"):
        assert list(progress.track([1, 2], 2, "x")) == [1, 2]
    assert caplog.records == []
