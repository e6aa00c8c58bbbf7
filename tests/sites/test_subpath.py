"""The site works when served under a sub-path, as a PR preview is.

Previews live at ``https://<owner>.github.io/<repo>/pr-preview/pr-<N>/``. This
builds the site once with such a ``SITE_URL``, serves the build directory under
that path on 127.0.0.1, and checks that the pages, their assets, the sitemap,
the 404 page and the search index all load from there.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from support.browser import serve
from support.project import bundled_project

PREFIX = "/REPO/pr-preview/pr-7/"
SITE_URL = "https://example.github.io" + PREFIX


class _Refs(HTMLParser):
    """Collects (tag, attribute, value) for every href and src in a page."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.refs.append((tag, name, attrs[name], (attrs.get("rel") or "").lower()))


def _refs(html: str) -> list[tuple[str, str, str, str]]:
    parser = _Refs()
    parser.feed(html)
    return parser.refs


def _assets(html: str) -> list[str]:
    """Stylesheets, scripts, icons and images a page loads (not links it offers)."""
    found = []
    for tag, attr, value, rel in _refs(html):
        if tag == "script" and attr == "src":
            found.append(value)
        elif tag == "img" and attr == "src":
            found.append(value)
        elif tag == "link" and attr == "href" and any(r in rel for r in ("stylesheet", "icon", "manifest")):
            found.append(value)
    return found


def _is_external(value: str) -> bool:
    return bool(urlsplit(value).scheme) or value.startswith("//")


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    """The site built once for this module with the preview SITE_URL."""
    folder = tmp_path_factory.mktemp("subpath")
    out = folder / "site"
    proc = bundled_project(folder / "project").mkdocs_build(out, SITE_URL=SITE_URL)
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    assert (out / "index.html").is_file()
    return out


@pytest.fixture(scope="module")
def base(build) -> str:
    """http://127.0.0.1:<port>/REPO/pr-preview/pr-7/ serving the build (404 outside it)."""
    with serve(build, PREFIX) as url:
        yield url


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _assert_loads(url: str) -> bytes:
    status, body = fetch(url)
    assert status == 200, f"{url} answered {status}"
    return body


def _assert_assets_load(page_url: str, html: str) -> list[str]:
    assets = [a for a in _assets(html) if not _is_external(a)]
    assert any(a.split("?")[0].endswith(".css") for a in assets), f"{page_url} loads no stylesheet"
    assert any(a.split("?")[0].endswith(".js") for a in assets), f"{page_url} loads no script"
    for asset in assets:
        _assert_loads(urljoin(page_url, asset))
    return assets


def test_server_serves_only_under_the_sub_path(base):
    origin = base[: -len(PREFIX)]
    assert fetch(origin + "/index.html")[0] == 404
    assert fetch(base + "index.html")[0] == 200


def test_home_page_and_its_assets_load(base):
    html = _assert_loads(base).decode("utf-8")
    _assert_assets_load(base, html)


def test_a_paper_page_and_its_assets_load(base):
    papers = json.loads(_assert_loads(base + "papers.json"))
    assert papers, "papers.json lists no paper"
    url = papers[0]["url"]
    assert not url.startswith(("/", "http")), f"paper url {url!r} is not relative to the site root"
    page = base + url
    html = _assert_loads(page).decode("utf-8")
    _assert_assets_load(page, html)
    # The page's own links back into the site stay under the sub-path.
    for _tag, attr, value, _rel in _refs(html):
        if attr == "href" and not _is_external(value) and not value.startswith(("#", "mailto:")):
            assert urlsplit(urljoin(page, value)).path.startswith(PREFIX), f"{value} leaves the sub-path"


def test_sitemap_urls_are_under_site_url_and_load(base):
    body = _assert_loads(base + "sitemap.xml")
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [el.text.strip() for el in ET.fromstring(body).findall("sm:url/sm:loc", ns)]
    assert locs, "the sitemap lists no URL"
    assert all(loc.startswith(SITE_URL) for loc in locs), [l for l in locs if not l.startswith(SITE_URL)][:5]
    for loc in locs:
        _assert_loads(base + loc[len(SITE_URL):])


def test_404_page_links_are_absolute_under_the_sub_path(base):
    html = _assert_loads(base + "404.html").decode("utf-8")
    internal = [
        value
        for _tag, _attr, value, _rel in _refs(html)
        if not _is_external(value) and not value.startswith(("#", "mailto:", "data:"))
    ]
    assert internal, "the 404 page links nowhere"
    outside = [v for v in internal if not v.startswith(PREFIX)]
    assert not outside, f"404.html has links that are not absolute under {PREFIX}: {outside[:5]}"
    origin = base[: -len(PREFIX)]
    assets = [a for a in _assets(html) if not _is_external(a)]
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    for asset in assets:
        # Absolute paths: resolved from the origin, as a browser does on any missing URL.
        _assert_loads(origin + asset)


def test_search_index_loads(build, base):
    """The chunked index (generator/site/search.py) loads from under the sub-path, with relative URLs."""
    papers = json.loads(_assert_loads(base + "papers.json"))
    manifest = json.loads(_assert_loads(base + "search-index/manifest.json"))
    assert manifest["docs"] == len(papers)
    _assert_loads(base + "assets/search.js")
    # The first paper's row in the first chunk points at its page, relative to the site root.
    rows = json.loads(_assert_loads(base + "search-index/d/0.json"))
    assert rows[0][0] == papers[0]["url"] and not rows[0][0].startswith("/")
    _assert_loads(base + rows[0][0])
    # A term of its title has a shard that loads.
    from generator.site import search

    term = search.terms(papers[0]["title"])[0]
    key = search.shard_key(term, set(manifest["split"]))
    shard = json.loads(_assert_loads(base + f"search-index/t/{key.encode().hex()}.json"))
    assert term in shard
