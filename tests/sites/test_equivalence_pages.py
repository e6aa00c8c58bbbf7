"""This source text shows as exactly this, on the built pages, in every format.

One site is built from the tables of ``tests/support/formats.py`` (the LaTeX rule and a hostile
corpus: markup, script, template, snippet-include, KaTeX, URL, path, Unicode and BibTeX tricks),
each row a record of each of the ten formats. Every record has its page; its title and abstract
read exactly as the table says; nothing in them runs, loads or links.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from support.formats import EQUIVALENCE, FILE_NAMES, FORMATS, HOSTILE, entries, write
from support.html import visible
from support.project import make_site_project

ROWS = EQUIVALENCE + HOSTILE


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    records = {fmt: entries(fmt, ROWS) for fmt in FORMATS}
    project = make_site_project(tmp_path_factory.mktemp("equivalence"),
                                {FILE_NAMES[fmt]: write(fmt, found) for fmt, found in records.items()})
    built = project.mkdocs_build()
    assert built.returncode == 0, built.stderr[-3000:]
    assert "Traceback" not in built.stderr
    catalog = json.loads((project.site / "papers.json").read_text(encoding="utf-8"))
    return project, catalog, [r for found in records.values() for r in found]


def page_of(project, paper) -> str:
    return (project.site / paper["url"] / "index.html").read_text(encoding="utf-8")


def test_every_record_is_a_page_showing_exactly_its_text(site):
    project, catalog, records = site
    assert len(catalog) == len(records) > 500  # nothing lost, nothing merged
    wrong = []
    for r in records:
        (paper,) = [p for p in catalog if r.marker in p["abstract"]]
        html = page_of(project, paper)
        title, head = visible(html, "pa-title")
        abstract, _ = visible(html, "pa-abstract")
        want_title, want_abstract = " ".join(r.shown_title.split()), " ".join(r.shown_abstract.split())
        if title != want_title or not head.startswith(want_title):
            wrong.append((r.fmt, r.n, "title", want_title, title))
        if abstract != want_abstract:
            wrong.append((r.fmt, r.n, "abstract", want_abstract, abstract))
        if paper["title"] != want_title or paper["abstract"] != want_abstract:
            wrong.append((r.fmt, r.n, "papers.json", want_title, paper["title"]))
    assert wrong == []


class _Content(HTMLParser):
    """The elements inside the page's article: what a record's text could have become."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.found = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth:
            self.found.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


#: The site's own downloads of a paper's citation (the Cite section): a data: URL of a citation
#: format, every character but letters, digits and -._~ percent-encoded, that the browser saves.
CITATION_DOWNLOAD = re.compile(r"data:application/(?:x-bibtex|x-research-info-systems);charset=utf-8,"
                               r"(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})*")
DOWNLOAD_CLASSES = {"pa-bib-download": ".bib", "pa-ris-download": ".ris"}


def _citation_download(tag: str, attrs: dict) -> bool:
    """Whether an element is one of the Cite section's two download links, as the site writes them."""
    suffix = DOWNLOAD_CLASSES.get(attrs.get("class") or "")
    return tag == "a" and suffix is not None and set(attrs) == {"href", "download", "class"} and \
        (attrs["download"] or "").endswith(suffix) and bool(CITATION_DOWNLOAD.fullmatch(attrs["href"] or ""))


def test_no_payload_runs_loads_or_links(site):
    project, catalog, _ = site
    downloads = 0
    for paper in catalog:
        html = page_of(project, paper)
        content = _Content()
        content.feed(html)
        assert content.found, paper["id"]
        for tag, attrs in content.found:
            assert tag not in ("script", "iframe", "svg", "object", "embed", "style", "form", "img", "base"), (paper["id"], tag)
            assert not [n for n in attrs if n.startswith("on")], (paper["id"], tag, attrs)
            if _citation_download(tag, attrs):
                downloads += 1
                continue
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                value = re.sub(r"[\x00-\x20]", "", attrs.get(name) or "").lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:")), (paper["id"], tag, attrs)
        assert "<script>window.__pwned" not in html and "<img src=x" not in html, paper["id"]
    assert downloads  # the check above saw the Cite section's links
