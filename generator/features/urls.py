"""URLs of generated files, for links MkDocs does not rewrite (raw HTML, SVG, feeds, JSON)."""
from __future__ import annotations

import posixpath
from urllib.parse import quote

from ..paths import page_url


def url_of(path: str, directory_urls: bool) -> str:
    """Site-root-relative URL of the file at docs/``path`` (pages get MkDocs' page URL)."""
    return page_url(path, directory_urls) if path.endswith(".md") else path


def href(from_path: str, to_path: str, directory_urls: bool) -> str:
    """Relative URL from the page at docs/``from_path`` to the file at docs/``to_path``."""
    source = url_of(from_path, directory_urls)
    target = url_of(to_path, directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    rel = posixpath.relpath("/" + target, "/" + base) if target else posixpath.relpath("/", "/" + base)
    if rel == ".":
        rel = "./"
    elif target.endswith("/") or not target:
        rel += "/"
    return quote(rel, safe="/.-_~#")


def absolute(site_url: str | None, path: str, directory_urls: bool) -> str | None:
    """Absolute URL of docs/``path`` under ``site_url``, or None when the site URL is unknown."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + quote(url_of(path, directory_urls), safe="/.-_~")
