"""Citations (generator/site/citations.py): BibTeX, CSL-JSON, Highwire meta tags, JSON-LD.

BibTeX is parsed back with bibtexparser v2 and each field compared with the
record; JSON-LD and meta tags are read from the HTML MkDocs built, for the
bundled site and for a site of hostile records.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import bibtexparser
import rispy

from generator.model.collection import Collection
from generator.model.papers import Paper
from generator.model.taxonomy import Taxonomy, Topic
from generator.site import citations
from support.citations import CHAPTER
from support.project import make_site_project

UNET = Paper(id="u-net", title="U-Net: Convolutional Networks for Biomedical Image Segmentation", abstract="…",
             authors=("Olaf Ronneberger", "Philipp Fischer", "Thomas Brox"), published="2015-05-18",
             arxiv="1505.04597", doi="10.1007/978-3-319-24574-4_28", venue="MICCAI 2015", topic="seg",
             tags=("u-net",))
HOSTILE = Paper(
    id="hostile", topic="seg",
    title='Oops} @misc{evil, title={pwned} 100% & $\\ell_1$ and $x}$ #1 ~ ^ _ \\relax </script><b>"q"\'',
    abstract="", authors=("Smith and Wesson Research", "Ludwig van Beethoven", "Ann O'Brien, Jr.", "Plato", "Zoë Ünal"),
    published="2020-02", venue="Journal of {Weird} & Co", doi="10.1000/a_b{c}", url="https://example.org/a b}")
TAXONOMY = Taxonomy((Topic("seg", "Segmentation", "Segmentation papers."),), ())
COLLECTION = Collection((UNET, HOSTILE), TAXONOMY, {"u-net": "U-Net"})


def untex(value: str) -> str:
    """Undo citations.latex: escapes back to characters, protective braces removed."""
    out, i = [], 0
    escapes = {r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^"}
    while i < len(value):
        for esc, ch in escapes.items():
            if value.startswith(esc, i):
                out.append(ch)
                i += len(esc)
                break
        else:
            if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in "{}&%$#_":
                out.append(value[i + 1])
                i += 2
            elif value[i] in "{}":
                i += 1
            else:
                out.append(value[i])
                i += 1
    return "".join(out)


def parse_one(text: str):
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks, [b.raw for b in lib.failed_blocks]
    (entry,) = lib.entries
    return entry


def test_key_is_family_name_year_and_first_title_word():
    assert citations.base_key(UNET) == "ronneberger2015unet"
    anonymous = Paper(id="x", title="The Lottery Ticket Hypothesis", abstract="")
    assert citations.base_key(anonymous) == "lotteryticket"


def test_keys_are_unique_ascii_and_independent_of_order():
    twins = [Paper(id=f"id-{c}", title="Deep Sets", abstract="", authors=("Manzil Zaheer",), published="2017")
             for c in "cab"]
    keys = citations.citation_keys(twins)
    assert keys == {"id-a": "zaheer2017deep", "id-b": "zaheer2017deepb", "id-c": "zaheer2017deepc"}
    assert citations.citation_keys(list(reversed(twins))) == keys
    assert citations.base_key(HOSTILE).isascii()


def test_bibtex_parses_back_with_the_record_fields():
    entry = parse_one(citations.bibtex(UNET, "ronneberger2015unet"))
    assert (entry.entry_type, entry.key) == ("inproceedings", "ronneberger2015unet")
    f = {k: v.value for k, v in entry.fields_dict.items()}
    assert untex(f["title"]) == UNET.title
    assert "{U-Net}" in f["title"]  # kept as capitals by styles that lower-case titles
    assert f["author"] == "Ronneberger, Olaf and Fischer, Philipp and Brox, Thomas"
    assert (f["year"], f["month"], f["booktitle"]) == ("2015", "5", "MICCAI 2015")
    assert (f["doi"], f["eprint"], f["archiveprefix"]) == (UNET.doi, "1505.04597", "arXiv")
    assert f["url"] == "https://arxiv.org/abs/1505.04597"


def test_hostile_text_stays_inside_its_field():
    text = citations.bibtex(HOSTILE, "hostile")
    entry = parse_one(text)
    f = {k: v.value for k, v in entry.fields_dict.items()}
    assert entry.key == "hostile" and entry.entry_type == "article"
    assert set(f) == {"title", "author", "year", "month", "journal", "doi", "url"}
    expected = HOSTILE.title.replace("$x}$", "$x}$")
    assert untex(f["title"]) == expected
    assert "$\\ell_1$" in f["title"]  # balanced math is kept as math
    assert untex(f["journal"]) == HOSTILE.venue
    authors = [a.strip() for a in re.split(r"\s+and\s+(?![^{]*\})", f["author"])]
    assert len(authors) == len(HOSTILE.authors)
    assert authors[0] == "{Smith and Wesson Research}" and authors[1] == "van Beethoven, Ludwig"
    assert authors[3] == "{Plato}" and authors[4] == "Ünal, Zoë"
    assert "{" not in f["doi"] and "}" not in f["url"] and " " not in f["url"]


def test_csl_json_items():
    item = citations.csl(UNET, "ronneberger2015unet", "Segmentation", ["U-Net"])
    assert item["type"] == "paper-conference" and item["id"] == "ronneberger2015unet"
    assert item["author"][0] == {"family": "Ronneberger", "given": "Olaf"}
    assert item["issued"] == {"date-parts": [[2015, 5, 18]]}
    assert item["DOI"] == UNET.doi and item["container-title"] == "MICCAI 2015"
    plato = citations.csl(HOSTILE, "h", "Segmentation", [])
    assert {"literal": "Plato"} in plato["author"] and plato["issued"] == {"date-parts": [[2020, 2]]}


def test_downloads_of_the_collection_and_of_each_topic():
    cites = citations.citations(COLLECTION)
    files = citations.downloads(COLLECTION, cites)
    assert set(files) == {f"downloads/{name}.{ext}" for name in ("all", "topics/seg") for ext in ("bib", "json", "ris")}
    lib = bibtexparser.parse_string(files["downloads/all.bib"])
    assert not lib.failed_blocks and sorted(e.key for e in lib.entries) == sorted(c.key for c in cites.values())
    items = json.loads(files["downloads/all.json"])
    assert [i["id"] for i in items] == sorted(c.key for c in cites.values())
    records = rispy.loads(files["downloads/all.ris"])  # an outside RIS reader
    assert [r["id"] for r in records] == sorted(c.key for c in cites.values())
    ris_text = files["downloads/all.ris"]
    assert ris_text.count("\n") == ris_text.count("\r\n") and ris_text.startswith("TY  - ")  # CR LF, as RIS asks


def test_highwire_meta_and_json_ld_values():
    meta = dict(citations.highwire(UNET, ["U-Net"]))
    assert meta["citation_title"] == UNET.title and meta["citation_publication_date"] == "2015/05/18"
    assert meta["citation_conference_title"] == "MICCAI 2015" and meta["citation_doi"] == UNET.doi
    assert meta["citation_pdf_url"] == "https://arxiv.org/pdf/1505.04597"
    assert [v for k, v in citations.highwire(UNET, []) if k == "citation_author"] == list(UNET.authors)
    data = json.loads(citations.script_json(citations.jsonld(HOSTILE, "Segmentation")))
    assert data["@type"] == "ScholarlyArticle" and data["name"] == HOSTILE.title
    text = citations.script_json({"t": "</script><!-- & >"})
    assert not re.search(r"[<>&]", text) and json.loads(text) == {"t": "</script><!-- & >"}


# --- in the built HTML ---------------------------------------------------------------------------

class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.ld: list[str] = []
        self.scripts = 0
        self.alternates: list[dict] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or "").startswith("citation_"):
            self.meta.append((a["name"], a.get("content") or ""))
        if tag == "script":
            self.scripts += 1
            self._in_ld = a.get("type") == "application/ld+json"
            if self._in_ld:
                self.ld.append("")
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append(a)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.ld[-1] += data


def head_of(html: str) -> Head:
    h = Head()
    h.feed(html)
    return h


def test_paper_pages_carry_meta_tags_json_ld_and_feed_links(built_site):
    catalog = json.loads((built_site / "papers.json").read_text(encoding="utf-8"))
    for paper in catalog[:40]:
        h = head_of((built_site / paper["url"] / "index.html").read_text(encoding="utf-8"))
        # An inferred title is never given as the title (tests/sites/test_standards.py).
        assert (("citation_title", paper["title"]) in h.meta) != paper["title_inferred"]
        (ld,) = h.ld
        data = json.loads(ld)
        assert data["@type"] == "ScholarlyArticle" and data.get("name") == (None if paper["title_inferred"] else paper["title"])
        assert data["about"]["name"] == paper["topic"]
        hrefs = [a["href"] for a in h.alternates if a.get("type") == "application/atom+xml"]
        assert "../../feeds/all.xml" in hrefs and any(x.startswith("../../feeds/topics/") for x in hrefs)
        for href in hrefs:
            assert (built_site / paper["url"] / href).resolve().is_file()


CITED = CHAPTER + """\
- title: A Paper With a Title Only
  abstract: Diffusion models generate images by reversing a noising process; we study the schedule of steps.
"""


def test_paper_pages_cite_with_a_reference_and_downloads_and_a_title_alone_is_not_cited(tmp_path):
    from urllib.parse import unquote

    from generator import pipeline

    project = make_site_project(tmp_path, {"papers.yml": CITED}, site=False)
    files = pipeline.build(project.settings).files
    page = files["papers/handeln-und-planen-in-komplexen-situationen.md"]
    assert ('<p class="pa-reference">Dörner, D., &amp; Schaub, H. (1999). Handeln und Planen in komplexen '
            "Situationen. In J. Hoffmann &amp; W. Kintsch (Eds.), <i>Planen und Handeln</i> (pp. 243–270). "
            "Hogrefe.</p>") in page
    block = re.search(r'<code class="language-bibtex">(.*?)</code>', page, re.S)
    from html import unescape
    entry = parse_one(unescape(block.group(1)))
    assert entry.entry_type == "incollection" and entry.fields_dict["booktitle"].value == "Planen und Handeln"
    assert entry.fields_dict["publisher"].value == "Hogrefe" and entry.fields_dict["pages"].value == "243--270"
    downloads = {ext: url for url, ext in re.findall(r'href="data:[^,]+,([^"]+)" download="[^"]+\.(bib|ris)"', page)}
    assert unquote(downloads["bib"]) == unescape(block.group(1))
    (record,) = rispy.loads(unquote(downloads["ris"]))
    assert record["type_of_reference"] == "CHAP" and record["secondary_title"] == "Planen und Handeln"
    assert record["start_page"] == "243" and record["end_page"] == "270" and record["publisher"] == "Hogrefe"
    topic = re.search(r"This topic: (.*)</p>", page).group(1)
    assert ".bib</a>" in topic and ".ris</a>" in topic and ".json</a>" in topic
    bare = files["papers/a-paper-with-a-title-only.md"]
    assert "## Cite" not in bare and "pa-bibtex" not in bare and "pa-mark" in bare  # still a reading-list item
    bib = bibtexparser.parse_string(files["downloads/all.bib"])
    assert len(bib.entries) == 2 and not bib.failed_blocks  # the downloads hold every paper
    assert len(rispy.loads(files["downloads/all.ris"])) == 2


def test_hostile_records_cannot_break_out_of_the_head(tmp_path):
    title = '</script><script>alert(1)</script> & "quoted" <b>bold</b> {{ jinja }} $x$'
    source = "- " + json.dumps({"title": title, "abstract": "A hostile paper about image segmentation. " * 3,
                                "authors": ['Eve "</script>" Evil', "Mallory <img src=x onerror=alert(1)>"],
                                "venue": "Conference on </title><script>x</script>", "published": "2021"})
    project = make_site_project(tmp_path, {"hostile.yml": source + "\n"})
    built = project.mkdocs_build()
    assert built.returncode == 0, built.stderr
    (page,) = [p for p in (project.site / "papers").glob("*/index.html")]
    html = page.read_text(encoding="utf-8")
    h = head_of(html)
    (ld,) = h.ld
    data = json.loads(ld)
    assert data["name"] == title and [a["name"] for a in data["author"]] == ['Eve "</script>" Evil',
                                                                          "Mallory <img src=x onerror=alert(1)>"]
    assert ("citation_title", title) in h.meta
    assert ("citation_conference_title", "Conference on </title><script>x</script>") in h.meta
    assert "<script>alert(1)" not in html and "<img src=x" not in html
