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


def test_check_links_names_each_recorded_target_that_is_no_file_of_the_site(tmp_path):
    """The links a page of final HTML makes are recorded as they are made (html.PageLinks):
    each target must be a file the build makes or a hand-written file of docs/."""
    from generator.runtime.output import Outputs
    from generator.site import html, pages

    (tmp_path / "about.md").write_text("# About\n", encoding="utf-8")
    links = html.PageLinks("papers/a.md", True)
    assert links.href("papers/b.md") == "../b/" and links.href("tags/x.md") == "../../tags/x/"
    assert links.href("about.md") == "../../about/" and links.targets == {"papers/b.md", "tags/x.md", "about.md"}
    assert html.PageLinks("tags/x/2.md", False).href("papers/b.md") == "../../papers/b.html"
    files = Outputs()
    files.add("index.md", "home", "the home page", {"papers/a.md", "tags/"})
    files.add("papers/a.md", "a", "a paper", links.targets | {"papers/c.md"})
    files.add("papers/b.md", "b", "a paper", {"papers/a.md", "feeds/all.xml"})
    files.add("tags/x.md", "x", "a tag", set())
    broken = pages.check_links(files, tmp_path)
    assert sorted((p.path, p.message.split(" links to ")[1].split(",")[0]) for p in broken) == [
        ("docs/index.md", "tags/"), ("docs/papers/a.md", "papers/c.md"), ("docs/papers/b.md", "feeds/all.xml")]
