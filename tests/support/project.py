"""A throwaway copy of the project with the sources a test gives it.

``make_site_project(tmp_path, {"a.yml": "- title: …"})`` lays out, under
``tmp_path``, what ``mkdocs build`` needs: ``mkdocs.yml``, ``hooks/``,
``overrides/``, ``templates/``, ``data/topics.yml``, the hand-written pages of
``docs/`` (``HAND_WRITTEN``), plus the given sources in ``data/sources/``; ``make_project``
lays out the data part only. ``bundled_project`` copies the whole project with
its bundled sources, for a site build that must leave the checkout's own
``docs/`` as it was. Helpers run the generator and MkDocs on a copy, each in
its own process as CI runs them.

Sources may be ``str`` (written as UTF-8) or ``bytes`` (written as they are).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.config import Settings

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
BIN = Path(sys.executable).parent
#: What a site build needs beside the data: copied from the real project.
#: The hand-written part of docs/ (mkdocs.yml's nav names the pages).
HAND_WRITTEN = ("about.md", "guide", "scaling", "assets")
SITE_FILES = ("mkdocs.yml", "hooks", "overrides", *(f"docs/{name}" for name in HAND_WRITTEN))


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    else:
        shutil.copy(src, dst)


def write_sources(root: Path, sources: dict[str, str | bytes]) -> None:
    """Write sources under ``root/data/sources`` (names may hold sub-folders)."""
    for name, content in sources.items():
        path = root / "data" / "sources" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


@dataclass(frozen=True)
class Project:
    """A temporary project; every path and command points inside ``root``."""

    root: Path

    @property
    def settings(self) -> Settings:
        return Settings.for_project(self.root)

    @property
    def sources(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a build: the hosted variant unless ``extra`` says otherwise."""
        env = {k: v for k, v in os.environ.items() if k not in ("OFFLINE", "SITE_DIR", "SITE_URL")}
        return {**env, "NO_MKDOCS_2_WARNING": "1", **extra}

    def generator(self, *args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
        """``python -m generator --root ROOT ARGS…`` in a new process."""
        return subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(self.root), *args],
            cwd=ROOT, env=self.env(**env), capture_output=True, text=True, timeout=timeout,
        )

    def mkdocs_build(self, site_dir: Path | None = None, timeout: float = 900, renderer: str = "mkdocs",
                     **env: str) -> subprocess.CompletedProcess:
        """``mkdocs build --strict`` of this project into ``site_dir`` (default ``root/site``);
        ``renderer="properdocs"`` builds it with ProperDocs, the maintained MkDocs 1.6 fork, instead."""
        return subprocess.run(
            [str(BIN / renderer), "build", "--strict", "-q", "-f", str(self.root / "mkdocs.yml"),
             "-d", str(site_dir or self.site)],
            cwd=self.root, env=self.env(**env), capture_output=True, text=True, timeout=timeout,
        )

    def generated(self) -> dict[str, bytes]:
        """Every file under docs/ but the hand-written ones, path → bytes."""
        from generator.pipeline import STAMP  # the build's own bookkeeping, not a page

        def hand_written(rel: str) -> bool:
            return rel == STAMP or rel.split("/")[0] in HAND_WRITTEN

        return {p.relative_to(self.docs).as_posix(): p.read_bytes()
                for p in sorted(self.docs.rglob("*"))
                if p.is_file() and not hand_written(p.relative_to(self.docs).as_posix())}


def make_project(tmp_path: Path, sources: dict[str, str]) -> Settings:
    """The data part of a project under ``tmp_path``: topics, templates and ``sources``."""
    for name in ("data/topics.yml", "templates"):
        _copy(ROOT / name, tmp_path / name)
    for name, text in sources.items():
        path = tmp_path / "data" / "sources" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Settings.for_project(tmp_path)


def bundled_project(tmp_path: Path) -> Project:
    """A copy of the whole project, bundled sources included, under ``tmp_path``:
    its builds write there, never into the checkout's own docs/. The copy shares
    the checkout's git history (``git clone --shared``), so papers are dated as
    in the checkout; the files are the working tree's, committed or not."""
    from generator.paths import GENERATED

    if (ROOT / ".git").exists():  # the history, for the dates papers were added (feeds, latest additions)
        subprocess.run(["git", "clone", "-q", "--shared", "--no-checkout", str(ROOT), str(tmp_path)],
                       check=True, capture_output=True, timeout=120)
    for name in ("mkdocs.yml", "hooks", "overrides", "templates", "data"):
        _copy(ROOT / name, tmp_path / name)
    for path in (ROOT / "docs").iterdir():  # the hand-written pages and assets, not what a build made
        name = path.name + ("/" if path.is_dir() else "")
        if not path.name.startswith(".") and name not in GENERATED:
            _copy(path, tmp_path / "docs" / path.name)
    return Project(tmp_path)


def make_site_project(tmp_path: Path, sources: dict[str, str | bytes], *, site: bool = True) -> Project:
    """A copy of the project under ``tmp_path`` holding exactly ``sources``.

    ``site=False`` leaves out the MkDocs part (enough for ``python -m generator``).
    """
    tmp_path.mkdir(parents=True, exist_ok=True)
    make_project(tmp_path, {})
    write_sources(tmp_path, sources)
    (tmp_path / "data" / "sources").mkdir(parents=True, exist_ok=True)
    if site:
        for name in SITE_FILES:
            _copy(ROOT / name, tmp_path / name)
    return Project(tmp_path)


def realistic_sources(n: int) -> dict[str, str]:
    """``n`` realistic records (benchmarks/corpus.py), as source files: name → text."""
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    folder = Path(tempfile.mkdtemp(prefix="pa-corpus-"))
    return {p.name: p.read_text(encoding="utf-8") for p in corpus.write_records(folder, n)}
