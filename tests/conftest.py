"""Shared fixtures: the project root, and one built site per test session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def mkdocs_build(site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the project into ``site_dir``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(site_dir)],
        cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=900,
    )


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
