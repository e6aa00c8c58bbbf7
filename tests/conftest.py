"""Shared fixtures: the project root, and one built site per test session.

The tests mirror the package: ``unit/`` (a folder per part of ``generator/``: quick, no site
built), ``sites/`` (whole projects generated and built with MkDocs) and ``browser/`` (built
sites driven in headless Chromium). The last two are marked ``slow``: ``make test-fast`` leaves
them out, ``make test`` runs everything."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The test folders whose tests build whole sites (marked ``slow``).
SLOW_FOLDERS = ("sites", "browser")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/fixtures/golden/expected/ from a fresh build (make golden) instead of comparing")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    """Whether the golden tests rewrite their expected files (``--update-golden``)."""
    return request.config.getoption("--update-golden")


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = Path(item.path).relative_to(ROOT / "tests").parts
        if parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


def mkdocs_build(site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a throwaway copy of the project (bundled sources
    included, next to ``site_dir``) into ``site_dir``: the checkout's docs/ stays as it was."""
    from support.project import bundled_project

    return bundled_project(site_dir.parent / "project").mkdocs_build(site_dir, **env)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The bundled site, built once with ``mkdocs build --strict``."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The bundled site's offline variant (``OFFLINE=true``, as ``make offline``), built once.

    It opens straight from disk (file://): no directory URLs, Material's own
    search with the index inlined in a script, no request to another host.
    """
    site = tmp_path_factory.mktemp("offline") / "site"
    result = mkdocs_build(site, OFFLINE="true")
    assert result.returncode == 0, result.stderr
    return site


# --- browser tests: one Chromium per module, the bundled site on localhost -------

@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium, launched by Playwright (tests/support/browser.py)."""
    from support.browser import browser

    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def base(built_site):
    """URL of the bundled site served on 127.0.0.1."""
    from support.browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile corpus built once per module by ``mkdocs build --strict`` (tests/support/hostile.py)."""
    from support.hostile import build_hostile

    return build_hostile(tmp_path_factory.mktemp("hostile"))


def _docs_state() -> dict[str, tuple[int, int]]:
    docs = ROOT / "docs"
    return {p.relative_to(docs).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in docs.rglob("*") if p.is_file()} if docs.is_dir() else {}


@pytest.fixture(scope="session", autouse=True)
def checkout_docs_untouched():
    """Tests build in throwaway copies: the checkout's own docs/ is as it was when the run began."""
    before = _docs_state()
    yield
    after = _docs_state()
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not changed, f"the tests changed the checkout's docs/: {changed[:10]}"
