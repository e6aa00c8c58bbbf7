"""The golden project: a small committed collection whose whole output is committed too.

``tests/fixtures/golden/data/`` holds the inputs (records in four formats, a
``topics.yml``, a ``curation.yml``); ``expected/docs/`` is every file the
generator writes for it, ``expected/site/`` a few pages MkDocs builds from
them. ``tests/unit/test_golden.py`` and ``tests/sites/test_golden_site.py``
build the project in a throwaway copy and compare the output with these
files byte for byte, so any change to what a build makes shows up as a diff
of the files a reviewer can read. After a change made on purpose::

    make golden      # rewrites expected/ from a fresh build; review git diff, then commit
"""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from support.project import FIXTURES, ROOT, SITE_FILES, Project, _copy

GOLDEN = FIXTURES / "golden"
EXPECTED = GOLDEN / "expected"
#: The address the golden site is built for (canonical links, feeds, citations).
SITE_URL = "https://reef-lab.example.org/papers/"
#: The built pages compared (those outside the navigation: the hand-written
#: guide's entries in mkdocs.yml do not show on them).
PAGES = (
    "papers/coral-bleaching-thresholds-under-repeated-marine-heatwaves/index.html",
    "papers/symbiont-shuffling-in-reef-building-corals-a-meta-analysis/index.html",
    "papers/low-cost-acoustic-recorder-for-reef-fish-choruses/index.html",
    "tags/marine-heatwaves/index.html",
    "authors/maria-gonzalez/index.html",
)
UPDATE = "make golden"


def project(tmp_path: Path, *, site: bool) -> Project:
    """A copy of the golden project under ``tmp_path``: its data, the real templates and,
    with ``site``, what MkDocs needs (mkdocs.yml, hooks, overrides, the hand-written pages)."""
    _copy(GOLDEN / "data", tmp_path / "data")
    # The About page is there either way: the home page links it only where it exists, and the
    # generator alone must make the docs/ the hook's build makes.
    for name in ("templates", "docs/about.md", *(SITE_FILES if site else ())):
        _copy(ROOT / name, tmp_path / name)
    return Project(tmp_path)


def _diff(name: str, expected: bytes, actual: bytes) -> str:
    lines = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                 actual.decode("utf-8", "replace").splitlines(),
                                 f"expected/{name}", f"built/{name}", n=1, lineterm="")
    return "\n".join(line[:200] for line in list(lines)[:30])


def compare(actual: dict[str, bytes], folder: Path, update: bool) -> None:
    """Assert that ``actual`` (path → bytes) is exactly the files under ``folder``; with
    ``update``, make ``folder`` hold exactly ``actual`` instead."""
    if update:
        shutil.rmtree(folder, ignore_errors=True)
        for name, data in actual.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        return
    expected = {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}
    missing, extra = sorted(expected.keys() - actual.keys()), sorted(actual.keys() - expected.keys())
    changed = sorted(n for n in expected.keys() & actual.keys() if expected[n] != actual[n])
    if missing or extra or changed:
        where = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
        report = [f"the golden project's output differs from {where}/:",
                  f"  changed: {len(changed)} {changed[:8]}", f"  no longer made: {missing[:8]}",
                  f"  new: {extra[:8]}"]
        if changed:
            report.append(_diff(changed[0], expected[changed[0]], actual[changed[0]]))
        report.append(f"If the change is intended, run `{UPDATE}` (the golden tests with --update-golden), "
                      "review `git diff tests/fixtures/golden/` and commit it with the change.")
        raise AssertionError("\n".join(report))
