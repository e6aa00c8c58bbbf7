"""paths.href: the relative URL between two docs/ files, computed without
posixpath's normalising passes, is exactly what ``posixpath.relpath`` gives."""
from __future__ import annotations

import posixpath
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import paths

_PART = st.sampled_from(["papers", "tags", "index", "index.md", "a b", "é", ".", "..", "x.md", "2.md", "feeds",
                         "all.xml", ""])
_PATH = st.lists(_PART, max_size=4).map("/".join)


def _by_relpath(from_path: str, to_path: str, directory_urls: bool) -> str:
    source = paths.url_of(from_path, directory_urls)
    target = paths.url_of(to_path, directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    rel = posixpath.relpath("/" + target, "/" + base)
    if rel == ".":
        rel = "./"
    elif target.endswith("/") or not target:
        rel += "/"
    return quote(rel, safe="/.-_~#")


@settings(max_examples=400, deadline=None)
@given(_PATH, _PATH, st.booleans())
def test_href_is_posix_relpath(from_path, to_path, directory_urls):
    assert paths.href(from_path, to_path, directory_urls) == _by_relpath(from_path, to_path, directory_urls)


def test_href_examples():
    assert paths.href("papers/a.md", "papers/b.md", True) == "../b/"
    assert paths.href("papers/a.md", "tags/x/2.md", True) == "../../tags/x/2/"
    assert paths.href("index.md", "papers/a b.md", True) == "papers/a%20b/"
    assert paths.href("tags/index.md", "tags/index.md", True) == "./"
    assert paths.href("papers/a.md", "index.md", False) == "../index.html"
    assert paths.href("authors/x.md", "feeds/all.xml", True) == "../../feeds/all.xml"


def _broken(files, tmp_path, directory_urls=True):
    from generator.site import pages

    return sorted((p.path, p.message.split("'")[1]) for p in pages.check_links(files, tmp_path, directory_urls))


def test_check_links_resolves_each_link_from_its_own_page(tmp_path):
    """The same relative link is fine on one page and broken on another (checked once per
    folder it resolves from, not once per string)."""
    files = {
        "index.md": '<a href="papers/a/">a</a> <a href="../papers/a/">up past the root</a> <a href="tags/">no</a>',
        "papers/a.md": '<a href="../b/">b</a> <a href="../../tags/x/">x</a> <a href="../../tags/x/2/">x2</a>'
                       ' <a href="../c/">missing</a> <a href="https://example.org/x/">out</a> <a href="#top">top</a>',
        "papers/b.md": '<a href="../a/#sec">a</a> <a href="../../tags/x%2Fy/">encoded</a> <a href="../../../../">root</a>',
        "tags/x.md": '<a href="../b/">b from a tag page</a> <a href="../../papers/a/">a</a> <a href="./">here</a>',
        "tags/x/2.md": '<a href="../../x/">x</a> <a href="../../../papers/b/">b</a>',
        "feeds/all.xml": '<a href="nowhere/">not a page</a>',
    }
    assert _broken(files, tmp_path) == [
        ("docs/index.md", "tags/"),
        ("docs/papers/a.md", "../c/"),
        ("docs/papers/b.md", "../../tags/x%2Fy/"),
        ("docs/tags/x.md", "../b/"),
    ]


def test_check_links_without_directory_urls(tmp_path):
    files = {"index.md": '<a href="papers/a.html">a</a>', "papers/a.md": '<a href="../index.html">home</a> '
             '<a href="b.html">b</a> <a href="../tags/x.html">missing</a>', "papers/b.md": ""}
    assert _broken(files, tmp_path, directory_urls=False) == [("docs/papers/a.md", "../tags/x.html")]
