"""The offline variant (``make offline``) works opened straight from disk.

The ``offline_site`` fixture builds it as ``make offline`` does (OFFLINE=true:
Material's offline plugin and its own lunr search, no directory URLs). Headless
Chromium opens it from file:// (no server), searches with Material's search
box and follows links; every request must be a file:// or data: URL.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support.browser import (
    SCREENSHOTS,
    Recorder,
    axe_violations,
    horizontal_overflow,
    open_recorded,
)

pytestmark = pytest.mark.browser

QUERY = "U-Net segmentation"
UNET = "U-Net: Convolutional Networks for Biomedical Image Segmentation"
LOCAL = ("file://", "data:")


@pytest.fixture(scope="module")
def catalog(offline_site) -> list[dict]:
    return json.loads((offline_site / "papers.json").read_text(encoding="utf-8"))


@pytest.fixture
def open_file(chromium):
    """``open_file(path, scheme, width)`` → (page, recorder) for a file of the offline site."""
    contexts = []

    def _open(url: str, scheme: str = "light", size=(1280, 900)):
        ctx = chromium.new_context(color_scheme=scheme, viewport={"width": size[0], "height": size[1]})
        contexts.append(ctx)
        return open_recorded(ctx, url)

    yield _open
    for ctx in contexts:
        ctx.close()


def assert_only_local(rec: Recorder) -> None:
    foreign = [u for u in rec.requests if not u.startswith(LOCAL)]
    assert not foreign, foreign
    problems = {"console errors": rec.console_errors, "page errors": rec.page_errors, "failed": rec.failed}
    assert not any(problems.values()), problems


def test_the_build_is_made_for_disk(offline_site):
    # No directory URLs, the search index inlined in a script, and the
    # iframe-worker shim served from the site rather than from unpkg.com.
    assert (offline_site / "index.html").is_file()
    assert (offline_site / "search" / "search_index.js").is_file()
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in home
    assert 'src="assets/vendor/iframe-worker/shim.js"' in home
    # No page loads a script, stylesheet, font or image from another host.
    external = re.compile(r'<(?:script|img|iframe)\b[^>]*\bsrc="(?:https?:)?//'
                          r'|<link\b(?![^>]*rel="canonical")[^>]*\bhref="(?:https?:)?//')
    offenders = [str(p) for p in offline_site.rglob("*.html") if external.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders[:5]


@pytest.mark.parametrize("scheme, size", [("light", (1280, 900)), ("dark", (390, 844))])
def test_search_works_from_disk(open_file, offline_site, catalog, scheme, size):
    (unet,) = [p for p in catalog if p["title"] == UNET]
    assert unet["url"].endswith(".html")
    page, rec = open_file((offline_site / "index.html").as_uri(), scheme, size)
    assert page.url.startswith("file://")

    opener = page.locator("label.md-header__button[for=__search]")
    if opener.is_visible():  # phones: the search icon opens the box
        opener.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(QUERY)
    box.press("End")  # a key event: Material searches on keyup (typing key by key queues 18 searches)
    # The page's own result (its title as the heading), not a section of another page that names it.
    result = page.locator(".md-search-result__item > .md-search-result__link").filter(
        has=page.locator("h1", has_text=UNET)).first
    result.wait_for(state="visible", timeout=20000)  # lunr builds its index in the browser first
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"offline-search-{size[0]}-{scheme}.png"))
    assert horizontal_overflow(page) == 0
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)

    result.click()
    target = (offline_site / unet["url"]).as_uri()
    page.wait_for_url(lambda u: u.split("#")[0].split("?")[0] == target)  # search adds ?h=… to highlight
    assert page.locator("h1.pa-title").inner_text().strip() == UNET
    assert_only_local(rec)


def test_pages_link_to_each_other_on_disk(open_file, offline_site, catalog):
    (unet,) = [p for p in catalog if p["title"] == UNET]
    page, rec = open_file((offline_site / unet["url"]).as_uri(), scheme="dark", size=(390, 844))
    assert horizontal_overflow(page) == 0
    # Every link in the content points to a file that exists: no directory URLs on disk.
    hrefs = page.locator("article a[href]").evaluate_all("els => els.map(e => e.href)")
    local = {h.split("#")[0].split("?")[0] for h in hrefs if h.startswith("file://")}
    assert any(h.endswith(".html") for h in local), local
    missing = [h for h in local if not Path(unquote(urlsplit(h).path)).is_file()]
    assert not missing, missing

    page.locator(".pa-chips a.pa-chip").first.click()
    page.wait_for_load_state("load")
    assert "/tags/" in page.url and page.url.endswith(".html")
    assert page.locator(".pa-list li > a:first-child").count() >= 1
    page.locator(".pa-list li > a:first-child").first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1.pa-title").count() == 1
    page.locator(".pa-meta a[href*='topics/']").first.click()
    page.wait_for_load_state("load")
    assert "/topics/" in page.url and page.locator(".pa-list li").count() >= 1
    assert_only_local(rec)
