"""What outside checkers find on the built site: the Nu Html Checker (valid
markup), biber (the BibTeX downloads), and the scholarly metadata indexers
read (Highwire ``citation_*`` tags, JSON-LD, Open Graph), plus robots.txt.

Each check runs on a small site whose records cover the cases (math, an
inferred title, a conference and a journal paper, links that are not http)
and on the bundled site. The checkers are pinned tools (tests/support/checkers.py).
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from support.checkers import MATERIAL_ALLOWED, biber, material_allowed, vnu
from support.citations import CHAPTER
from support.project import make_site_project

RECORDS = """\
- title: "Sparse $\\\\ell_1$ Recovery of Signals"
  abstract: We recover sparse signals with $\\\\ell_1$ minimisation and prove bounds on the error of image segmentation.
  authors: [Ada Lovelace, Charles Babbage]
  published: 2020-12-06
  arxiv: "2012.00001"
  doi: 10.1000/xyz.123
  venue: NeurIPS 2020
- title: A Journal Paper on Graph Neural Networks
  abstract: Graph neural networks pass messages between nodes of a graph; we study their expressive power at length.
  authors: [Grace Hopper]
  published: 2019-03
  venue: Journal of Machine Learning Research
  pdf: https://example.org/jmlr.pdf
- abstract: This paper studies transformers for language modelling and shows that attention scales well with data.
  authors: [Alan Turing]
  published: "2021"
- title: A Paper With Dangerous Links
  abstract: A study of convolutional networks for image classification with links that are not http at all.
  url: "javascript:alert(1)"
  code: "data:text/html,<script>alert(1)</script>"
  pdf: "ftp://example.org/paper.pdf"
- title: A Paper Without Authors or Date
  abstract: Diffusion models generate images by reversing a noising process; we study the sampling schedule.
""" + CHAPTER + """\
- title: The Non-Existent Average Individual
  abstract: Personalised models of psychopathology from intensive longitudinal data of single patients, at scale.
  authors: [F. J. Blaauw]
  published: 2020-05
  type: phdthesis
  institution: University of Groningen
- title: Optimizing Offices for the Smart Grid
  abstract: Offices that shift their use of energy to the hours in which the smart grid has energy to spare.
  authors: [Ilche Georgievski, Marco Aiello]
  published: 2011-11
  type: techreport
  institution: University of Groningen
  number: JBI 2011-12-01
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_site_project(tmp_path_factory.mktemp("standards"), {"papers.yml": RECORDS})
    built = project.mkdocs_build(SITE_URL="https://example.org/atlas/")
    assert built.returncode == 0, built.stderr
    return project.site


def catalog(site: Path) -> list[dict]:
    return json.loads((site / "papers.json").read_text(encoding="utf-8"))


def paper(site: Path, prefix: str) -> dict:
    (found,) = [p for p in catalog(site) if p["title"].startswith(prefix)]
    return found


class Head(HTMLParser):
    """``<meta>`` tags (name or property → contents), JSON-LD and script sources of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.ld: list[dict] = []
        self.scripts: list[str] = []
        #: Sources of scripts that stop the parser (neither defer nor async): they hold up the first paint.
        self.blocking: list[str] = []
        self.styles: list[str] = []
        self._ld = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.setdefault(a.get("name") or a.get("property"), []).append(a.get("content") or "")
        if tag == "script":
            self.scripts.append(a.get("src") or "")
            if a.get("src") and "defer" not in a and "async" not in a:
                self.blocking.append(a["src"])
            self._ld = "" if a.get("type") == "application/ld+json" else None
        if tag == "link" and a.get("rel") == "stylesheet":
            self.styles.append(a.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "script" and self._ld is not None:
            self.ld.append(json.loads(self._ld))
            self._ld = None

    def handle_data(self, data):
        if self._ld is not None:
            self._ld += data


def head(site: Path, entry: dict) -> Head:
    return Head((site / entry["url"] / "index.html").read_text(encoding="utf-8"))


# --- the Nu Html Checker --------------------------------------------------------------------------

def _ours(messages):
    return [m for m in messages if not material_allowed(m)]


def test_every_page_of_a_small_site_is_valid_html(site):
    """Every page, whatever features add pages: home, papers (math, no math, inferred
    title), topics, tags, stats, map, reading list, downloads, about, 404, …"""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20 and (site / "404.html") in pages
    errors = _ours(vnu(pages))
    assert not errors, "\n".join(map(str, errors))


def test_one_page_of_each_kind_of_the_bundled_site_is_valid_html(built_site):
    pages = [p for p in sorted(built_site.glob("*.html"))]
    for folder in sorted(p for p in built_site.iterdir() if p.is_dir() and p.name != "assets"):
        index = sorted(folder.rglob("index.html"))
        pages += index[:3]
    inferred = [p["url"] for p in catalog(built_site) if p["title_inferred"]][:2]
    pages += [built_site / url / "index.html" for url in inferred]
    errors = _ours(vnu(pages))
    assert not errors, "\n".join(map(str, errors))


def test_the_allowlist_hides_only_materials_own_markup(site):
    """Each allowed error still occurs (else the entry is stale) and comes from Material's templates."""
    home = site / "index.html"
    allowed = [m for m in vnu([home]) if material_allowed(m)]
    for pattern, extract, why in MATERIAL_ALLOWED:
        assert any(pattern[1:12] in m.message for m in allowed), f"stale allowlist entry: {why}"
    assert all('class="md-' in m.extract for m in allowed)


# --- biber --------------------------------------------------------------------------------------

BIBER_FIELDS = {"date, year": ("issued",), "author": ("author",), "title": ("title",),
                "author, editor": ("author",)}


def _check_bib(site: Path, work: Path) -> int:
    report = biber(site / "downloads" / "all.bib", work)
    assert not report.errors, report.errors
    assert not report.other_warnings, report.other_warnings
    items = {i["id"]: i for i in json.loads((site / "downloads" / "all.json").read_text(encoding="utf-8"))}
    for key, field, line in report.missing:
        # A warning is only allowed for a field the record does not have.
        has = [f for f in BIBER_FIELDS.get(field, (field,)) if f in items[key]]
        assert not has, f"{line}, but the record has {has}"
    return len(report.missing)


def test_biber_validates_the_bibtex_of_the_small_site(site, tmp_path):
    missing = _check_bib(site, tmp_path)
    assert missing == 2  # the two records without a date, and nothing else
    bib = (site / "downloads" / "all.bib").read_text(encoding="utf-8")
    assert "@inproceedings{lovelace2020sparse," in bib and "booktitle = {NeurIPS 2020}" in bib
    assert "@article{hopper2019journal," in bib and "journal = {Journal of Machine Learning Research}" in bib
    assert "eprint = {2012.00001}" in bib and "archiveprefix = {arXiv}" in bib


def test_biber_validates_the_bibtex_of_the_bundled_site(built_site, tmp_path):
    _check_bib(built_site, tmp_path)


# --- metadata for indexers and shared links ------------------------------------------------------

def test_paper_pages_carry_complete_scholarly_metadata(site):
    entry = paper(site, "Sparse")
    h = head(site, entry)
    m = h.meta
    assert m["citation_title"] == [entry["title"]]
    assert m["citation_author"] == ["Ada Lovelace", "Charles Babbage"]
    assert m["citation_publication_date"] == ["2020/12/06"]
    assert m["citation_pdf_url"] == ["https://arxiv.org/pdf/2012.00001"]
    assert m["citation_doi"] == ["10.1000/xyz.123"] and m["citation_arxiv_id"] == ["2012.00001"]
    assert m["citation_conference_title"] == ["NeurIPS 2020"]
    (ld,) = h.ld
    assert ld["headline"] == ld["name"] == entry["title"] and ld["abstract"] == entry["abstract"]
    assert [a["name"] for a in ld["author"]] == ["Ada Lovelace", "Charles Babbage"]
    assert ld["datePublished"] == "2020-12-06"
    assert ld["sameAs"] == ["https://arxiv.org/abs/2012.00001", "https://doi.org/10.1000/xyz.123"]
    assert m["og:title"] == [entry["title"]] and m["og:type"] == ["article"]
    assert m["og:description"] == [entry["abstract"]] and m["twitter:card"] == ["summary"]
    assert m["og:url"] == [f"https://example.org/atlas/{entry['url']}"]
    journal = head(site, paper(site, "A Journal Paper")).meta
    assert journal["citation_journal_title"] == ["Journal of Machine Learning Research"]
    assert journal["citation_pdf_url"] == ["https://example.org/jmlr.pdf"]


def test_chapters_theses_and_reports_carry_their_own_metadata(site):
    chapter = head(site, paper(site, "Handeln und Planen"))
    m = chapter.meta
    assert m["citation_book_title"] == ["Planen und Handeln"] and m["citation_publisher"] == ["Hogrefe"]
    assert m["citation_editor"] == ["Joachim Hoffmann", "Walter Kintsch"]
    assert (m["citation_firstpage"], m["citation_lastpage"], m["citation_isbn"]) == (["243"], ["270"], ["978-3-16-148410-0"])
    (ld,) = chapter.ld
    assert ld["@type"] == "Chapter" and (ld["pageStart"], ld["pageEnd"]) == ("243", "270")
    assert ld["isPartOf"] == {"@type": "Book", "name": "Planen und Handeln", "isbn": "978-3-16-148410-0",
                              "editor": [{"@type": "Person", "name": "Joachim Hoffmann"},
                                         {"@type": "Person", "name": "Walter Kintsch"}],
                              "publisher": {"@type": "Organization", "name": "Hogrefe"}}
    thesis = head(site, paper(site, "The Non-Existent"))
    assert thesis.meta["citation_dissertation_institution"] == ["University of Groningen"]
    (ld,) = thesis.ld
    assert ld["@type"] == "Thesis" and ld["sourceOrganization"]["name"] == "University of Groningen"
    report = head(site, paper(site, "Optimizing Offices"))
    assert report.meta["citation_technical_report_institution"] == ["University of Groningen"]
    assert report.meta["citation_technical_report_number"] == ["JBI 2011-12-01"]
    (ld,) = report.ld
    assert ld["@type"] == "Report"


def test_an_inferred_title_is_never_given_as_the_title(site):
    (entry,) = [p for p in catalog(site) if p["title_inferred"]]
    h = head(site, entry)
    assert "citation_title" not in h.meta and h.meta["citation_author"] == ["Alan Turing"]
    (ld,) = h.ld
    assert "headline" not in ld and "name" not in ld and ld["abstract"] == entry["abstract"]
    (og,) = h.meta["og:title"]
    assert og != entry["title"] and "inferred" in og


def test_the_head_gives_a_long_abstract_in_full_once(built_site):
    """One full copy (JSON-LD's abstract); the descriptions are short, and no tag
    repeats what another says (the canonical URL, the keywords, the ids of sameAs)."""
    long = [p for p in catalog(built_site) if len(p["abstract"]) > 200][:60]
    assert len(long) >= 30
    for entry in long:
        h = head(built_site, entry)
        (ld,) = h.ld
        values = [v for vs in h.meta.values() for v in vs] + [v for v in ld.values() if isinstance(v, str)]
        assert values.count(entry["abstract"]) == 1 and ld["abstract"] == entry["abstract"]
        assert len(h.meta["description"][0]) <= 200 and h.meta["og:description"] == h.meta["description"]
        assert not {"url", "keywords", "identifier"} & set(ld) and "citation_abstract_html_url" not in h.meta


def test_paper_pages_draw_their_icons_from_the_stylesheet(built_site):
    """No inline SVG outside the article (the icons are masks in docs/assets/paper-atlas.css),
    and Material's settings hold only what its script reads (no search worker, no empty values)."""
    for entry in catalog(built_site)[:30]:
        html = (built_site / entry["url"] / "index.html").read_text(encoding="utf-8")
        outside = html[:html.index("<article")] + html[html.index("</article>"):]
        icons = set(re.findall(r'class="pa-icon pa-icon--([a-z-]+)"', outside))
        assert "<svg" not in outside and icons == {"library", "menu", "weather-night", "weather-sunny", "magnify",
                                                   "close", "arrow-up"}, entry["url"]
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))
        assert config == {"base": "../..", "features": ["content.code.copy"],
                          "translations": {"clipboard.copy": "Copy to clipboard", "clipboard.copied": "Copied to clipboard"}}


def test_meta_descriptions_end_at_a_word_boundary(built_site):
    cut = 0
    for entry in catalog(built_site)[:120]:
        (description,) = head(built_site, entry).meta["description"]
        assert len(description) <= 200
        if description != entry["abstract"]:
            cut += 1
            assert description.endswith("…")
            kept = description[:-1]
            assert entry["abstract"].startswith(kept) and entry["abstract"][len(kept)] == " "
    assert cut > 50


def test_katex_loads_only_on_pages_with_math(site):
    math = head(site, paper(site, "Sparse"))
    assert any(s.endswith("katex.min.js") for s in math.scripts)
    assert any(s.endswith("katex.min.css") for s in math.styles)
    # A list that shows the title typesets it as the paper's page does: the home page's latest additions.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<span class="pa-math">$\\ell_1$</span>' in home and "$\\ell_1$ Recovery" not in home.replace(
        '<span class="pa-math">$\\ell_1$</span>', "")
    assert any(s.endswith("katex.min.js") for s in Head(home).scripts)
    plain = Head((site / "tags" / "index.html").read_text(encoding="utf-8"))
    assert not any("katex" in s for s in plain.scripts + plain.styles)
    # Every other page: KaTeX exactly where a formula is (its own, or a related or listed title's).
    pages = [p for p in site.rglob("index.html") if p.parent != site / "tags"]
    with_math = [p for p in pages if 'class="pa-math"' in p.read_text(encoding="utf-8")]
    assert 2 <= len(with_math) < len(pages)
    for page in pages:
        loads = any(s.endswith("katex.min.js") for s in Head(page.read_text(encoding="utf-8")).scripts)
        assert loads == (page in with_math), page


def test_no_script_holds_up_the_first_paint(site):
    """Parser-blocking scripts count as render-blocking for Lighthouse; ours and Material's are deferred."""
    pages = [site / "index.html", site / "404.html"] + [
        site / paper(site, prefix)["url"] / "index.html" for prefix in ("Sparse", "A Journal Paper")]
    for page in pages:
        found = Head(page.read_text(encoding="utf-8"))
        assert any("bundle." in s for s in found.scripts) and any(s.endswith("search.js") for s in found.scripts)
        assert found.blocking == [], page


def test_the_static_server_sends_gzip_only_when_asked(tmp_path):
    import gzip
    import urllib.request

    from support.browser import serve

    (tmp_path / "index.html").write_text("<p>" + "words " * 200 + "</p>", encoding="utf-8")
    (tmp_path / "x.png").write_bytes(b"\x89PNG" + bytes(300))
    for use_gzip in (False, True):
        with serve(tmp_path, use_gzip=use_gzip) as base:
            for name in ("", "x.png"):
                ask = urllib.request.Request(base + name, headers={"Accept-Encoding": "gzip"})
                with urllib.request.urlopen(ask, timeout=10) as response:
                    body, coding = response.read(), response.headers.get("Content-Encoding")
                squeezed = use_gzip and name == ""
                assert coding == ("gzip" if squeezed else None)
                original = (tmp_path / (name or "index.html")).read_bytes()
                assert (gzip.decompress(body) if squeezed else body) == original


def test_robots_txt_allows_crawling_and_names_the_sitemap(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots and "Sitemap: https://example.org/atlas/sitemap.xml" in robots
    assert (site / "sitemap.xml").is_file()


def test_the_sitemap_lists_each_page_once_one_a_line(site):
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [u.find(ns + "loc").text for u in ElementTree.fromstring(text.encode()).iter(ns + "url")]
    base = "https://example.org/atlas/"
    assert len(locs) == len(set(locs)) and all(loc.startswith(base) for loc in locs)
    assert all((site / loc[len(base):] / "index.html").is_file() for loc in locs)
    assert {base + p["url"] for p in catalog(site)} <= set(locs)
    assert text.count("\n<url><loc>") == len(locs) and "  " not in text


# --- links ------------------------------------------------------------------------------------

def test_links_that_are_not_http_are_dropped_everywhere(site):
    entry = paper(site, "A Paper With Dangerous Links")
    assert entry["links"] == {}
    page = (site / entry["url"] / "index.html").read_text(encoding="utf-8")
    everything = page + (site / "papers.json").read_text(encoding="utf-8") + \
        (site / "downloads" / "all.bib").read_text(encoding="utf-8") + \
        (site / "downloads" / "all.json").read_text(encoding="utf-8") + \
        (site / "feeds" / "all.xml").read_text(encoding="utf-8")
    for bad in ("javascript:", "data:text", "ftp://"):
        assert bad not in everything
