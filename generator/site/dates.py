"""When each paper entered the collection, for the feeds.

In order: the record's ``added`` date; else the date of the commit that added
its source file to git (author date, ``--follow`` through renames); else its
publication date; else none. Git is asked once for every source file added in
the history of the source folders (one ``git log``), and once more per file
that this misses (renamed files); answers are cached per repository HEAD, so
``mkdocs serve`` does not ask again until something is committed. Without git,
outside a repository or for an uncommitted file, the next rule applies. The
result depends only on the sources and the repository's history.

Shallow clones (CI's default ``fetch-depth: 1``) see every file as added by
the one commit they have.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from generator.model.papers import Paper
from generator.runtime.cache import MEMORY

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _git(root: Path, *args: str) -> str | None:
    if not shutil.which("git"):
        return None
    try:
        done = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args],
                              capture_output=True, text=True, timeout=60, env={**os.environ, "LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def git_added(root: Path, paths: list[str]) -> dict[str, str | None]:
    """Source path (as in provenance, relative to ``root``) → RFC 3339 date its file was first committed."""
    head = history_key(root)
    if not head:
        return {p: None for p in paths}
    key = (str(root), head)
    # (root, HEAD) → source path → date: kept across `mkdocs serve` rebuilds for the current HEAD only.
    answers = MEMORY.slot("git dates")
    if key not in answers:  # a new commit: the answers for the old one are dropped
        for old in [k for k in answers if k[0] == key[0]]:
            del answers[old]
    cache = answers.setdefault(key, {})
    missing = [p for p in paths if p not in cache]
    if missing:
        folders = sorted({Path(p).parent.as_posix() for p in missing if not Path(p).is_absolute()})
        log = (_git(root, "log", "--diff-filter=A", "--relative", "--format=%x00%aI", "--name-only", "--", *folders)
               if folders else None) or ""
        found: dict[str, str] = {}
        date = None
        for line in log.splitlines():
            if line.startswith("\x00"):
                date = line[1:]
            elif line and date:
                found[line] = date  # the log runs newest first: the last seen is the oldest
        for p in missing:
            if p in found:
                cache[p] = found[p]
                continue
            # Renamed (or not committed): follow this one file through its history.
            out = _git(root, "log", "--follow", "--diff-filter=A", "--format=%aI", "--", p)
            dates = (out or "").split()
            cache[p] = dates[-1] if dates else None
    return {p: cache[p] for p in paths}


def history_key(root: Path) -> str:
    """What the dates from git depend on: the repository's HEAD commit ("" without git).

    A build that is skipped when its inputs did not change should count this
    among them, or a newly committed source file keeps its old date.
    """
    return (_git(root, "rev-parse", "HEAD") or "").strip()


def rfc3339(value: str) -> str:
    """``YYYY[-MM[-DD]]`` or an ISO 8601 timestamp → RFC 3339 in UTC (``2015-05-18T00:00:00Z``)."""
    if _DATE.match(value):
        parts = [int(x) for x in value.split("-")] + [1, 1]
        return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}T00:00:00Z"
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_added(papers: tuple[Paper, ...] | list[Paper], root: Path | None) -> dict[str, str | None]:
    """Paper id → RFC 3339 date it entered the collection, or None where nothing says."""
    git: dict[str, str | None] = {}
    if root is not None:
        paths = sorted({s.path for p in papers if not p.added for s in p.sources})
        if paths:
            git = git_added(root, paths)
    out: dict[str, str | None] = {}
    for p in papers:
        value = p.added
        if not value:
            found = sorted(rfc3339(d) for s in p.sources if (d := git.get(s.path)))
            value = found[0] if found else p.published
        try:
            out[p.id] = rfc3339(value) if value else None
        except ValueError:
            out[p.id] = None
    return out
